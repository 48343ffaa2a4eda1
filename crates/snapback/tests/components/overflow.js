// What on the page overflows its box: run in the browser by the components test at each window
// width (the test passes it to WebDriver's execute, whose script body this is; `arguments[0]` is
// true where a wide table may scroll, as on a phone). Returns a list of problems in words (empty
// when nothing clips or overflows), at most 40.
//
// A problem is: the page itself scrolling sideways; an element whose content is wider than its
// box and is cut (`overflow: hidden`/`clip`, or an ellipsis) or sticks out (`overflow: visible`);
// a sideways scroller that is not a `.table-scroll` or `.chart-scroll` (the two that show a
// scroll cue) or `pre`, or any scroller at all where tables must fit; anything ending past the
// window's right edge outside a scroller.
const mayScroll = arguments[0] === true;
const width = document.documentElement.clientWidth;
const problems = [];
const describe = (el) => {
  const parts = [];
  for (let e = el; e && e !== document.body && parts.length < 4; e = e.parentElement) {
    let name = e.tagName.toLowerCase();
    if (e.id) name += "#" + e.id;
    if (typeof e.className === "string" && e.className.trim()) {
      name += "." + e.className.trim().split(/\s+/).join(".");
    }
    parts.unshift(name);
  }
  const text = (el.textContent || "").trim().replace(/\s+/g, " ").slice(0, 40);
  return parts.join(" > ") + (text ? ` ("${text}")` : "");
};
const scrolls = (cs) => cs.overflowX === "auto" || cs.overflowX === "scroll";
const cued = (el) =>
  el.classList.contains("table-scroll") || el.classList.contains("chart-scroll") || el.tagName === "PRE";
const insideScroller = (el) => {
  for (let e = el.parentElement; e && e !== document.body; e = e.parentElement) {
    if (scrolls(getComputedStyle(e))) return true;
  }
  return false;
};
if (document.documentElement.scrollWidth > width + 1) {
  problems.push(
    `the page scrolls sideways: ${document.documentElement.scrollWidth}px of content in a ${width}px window`
  );
}
for (const el of document.body.querySelectorAll("*")) {
  if (el.closest("svg") && el.tagName.toLowerCase() !== "svg") continue;
  if (el.closest("[hidden]")) continue;
  const cs = getComputedStyle(el);
  if (cs.display === "none" || cs.visibility === "hidden") continue;
  const over = el.scrollWidth - el.clientWidth;
  if (el.clientWidth > 0 && over > 1 && cs.display !== "inline") {
    if (scrolls(cs)) {
      if (!cued(el)) problems.push(`${describe(el)} scrolls sideways without a scroll cue`);
      else if (!mayScroll && el.tagName !== "PRE") {
        problems.push(`${describe(el)} hides ${over}px behind a scroll at this width: it should fit`);
      }
    } else if (cs.overflowX === "hidden" || cs.overflowX === "clip") {
      problems.push(`${describe(el)} cuts ${over}px of its content`);
    } else if (!["TABLE", "THEAD", "TBODY", "TR"].includes(el.tagName)) {
      problems.push(`${describe(el)} overflows its box by ${over}px`);
    }
  }
  const box = el.getBoundingClientRect();
  if (box.width > 0 && box.right > width + 1 && !insideScroller(el)) {
    problems.push(`${describe(el)} ends at ${Math.round(box.right)}px, past the ${width}px window`);
  }
  if (problems.length >= 40) break;
}
return problems;
