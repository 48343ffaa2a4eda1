// snapback public dashboard: live countdowns, and live updates over Server-Sent Events.
// Every page is complete without this script; it only keeps the page current.
(function () {
  "use strict";

  var RETRY_MS = 5000;
  var live = document.getElementById("live");
  var updates = 0;

  // The words come from the page, in its language: the layout puts them on #live.
  function word(name) {
    return (live && live.getAttribute("data-" + name)) || "";
  }
  var units = word("units").split(" ");

  // "1 d 2 h 3 min", "4 min 5 s", "6 s", between the page's words ("… left").
  function remaining(ms) {
    var s = Math.floor(ms / 1000);
    var d = Math.floor(s / 86400);
    var h = Math.floor((s % 86400) / 3600);
    var m = Math.floor((s % 3600) / 60);
    var parts = [];
    if (d > 0) parts.push(d + " " + units[0]);
    if (d > 0 || h > 0) parts.push(h + " " + units[1]);
    if (d > 0 || h > 0 || m > 0) parts.push(m + " " + units[2]);
    if (d === 0) parts.push((s % 60) + " " + units[3]);
    return word("left-before") + parts.join(" ") + word("left-after");
  }

  // Updates every element with a data-deadline (an ISO instant).
  function tick() {
    var now = Date.now();
    var nodes = document.querySelectorAll("[data-deadline]");
    for (var i = 0; i < nodes.length; i++) {
      var el = nodes[i];
      var at = Date.parse(el.getAttribute("data-deadline"));
      if (isNaN(at)) continue;
      var left = at - now;
      el.textContent = left > 0 ? remaining(left) : word("reached");
      el.setAttribute("data-expired", left > 0 ? "false" : "true");
    }
  }

  function setLive(state, text) {
    if (!live) return;
    live.hidden = false;
    live.setAttribute("data-state", state);
    var label = live.querySelector(".live-text");
    if (label) label.textContent = text;
  }

  // Fetches the inner HTML of <main> for the current URL and swaps it in. Bursts of events
  // coalesce: at most one request is in flight, and one more follows if events arrived meanwhile.
  var busy = false;
  var again = false;
  function refresh() {
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    var url = new URL(window.location.href);
    url.searchParams.set("fragment", "main");
    fetch(url.toString(), { cache: "no-store", credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok && response.status !== 404) throw new Error("HTTP " + response.status);
        return response.text();
      })
      .then(function (html) {
        var main = document.getElementById("main");
        if (!main) return;
        main.innerHTML = html;
        updates += 1;
        main.setAttribute("data-updates", String(updates));
        tick();
      })
      .catch(function () {
        // Keep the page as it is; the next event tries again.
      })
      .then(function () {
        busy = false;
        if (again) {
          again = false;
          refresh();
        }
      });
  }

  var source = null;
  var hidden = false;

  function connect() {
    if (hidden) return;
    var stream = new EventSource("/v1/events");
    source = stream;
    stream.addEventListener("open", function () {
      setLive("connected", word("live"));
      // Entries appended between rendering the page and connecting are caught here.
      refresh();
    });
    stream.addEventListener("entry", refresh);
    stream.addEventListener("error", function () {
      setLive("reconnecting", word("reconnecting"));
      if (stream.readyState === EventSource.CLOSED) {
        stream.close();
        window.setTimeout(connect, RETRY_MS);
      }
    });
  }

  tick();
  window.setInterval(tick, 1000);
  if ("EventSource" in window && "fetch" in window) {
    connect();
    // A page the browser keeps for the back button (the back/forward cache) would keep its
    // stream open: a few pages visited in a row then held every connection the browser allows
    // to this host, and the next page waited about a minute. Close it when the page is hidden,
    // reopen it when the page is shown again.
    window.addEventListener("pagehide", function () {
      hidden = true;
      if (source) source.close();
      source = null;
    });
    window.addEventListener("pageshow", function (event) {
      hidden = false;
      if (event.persisted && !source) connect();
    });
  }
})();
