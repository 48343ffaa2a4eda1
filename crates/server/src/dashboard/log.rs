//! `GET /log`: the log and how to verify it.

use snapback_log::entry::EntryKind;

use super::*;

// ---------------------------------------------------------------------------------------------
// GET /log
// ---------------------------------------------------------------------------------------------

pub(super) struct LogView {
    pub(super) note: Option<String>,
    pub(super) size: u64,
    pub(super) origin: String,
    /// The page of entries shown: `[from, before)`, newest first, each as stored.
    pub(super) from: u64,
    pub(super) before: u64,
    pub(super) entries: Vec<Vec<u8>>,
}

/// Entries per page of `/log`.
const LOG_PAGE: u64 = 50;

/// `?before=N` (the page of entries before index N), or a problem naming the parameter.
fn page_end(uri: &Uri) -> Result<Option<u64>, Problem> {
    let Some(query) = uri.query() else {
        return Ok(None);
    };
    for pair in query.split('&') {
        if let Some(value) = pair.strip_prefix("before=") {
            return value.parse::<u64>().map(Some).map_err(|_| {
                Problem::new(
                    StatusCode::BAD_REQUEST,
                    "malformed",
                    "`before` must be an entry index: a non-negative integer",
                )
                .field("before")
            });
        }
    }
    Ok(None)
}

/// The entries of the page, newest first: index, time, who signed, what it records.
fn entries_table(v: &LogView) -> Markup {
    let rows = html! {
        @for (offset, data) in v.entries.iter().enumerate().rev() {
            @let index = v.from + offset as u64;
            @match snapback_log::entry::Entry::parse(data) {
                Ok(e) => {
                    @let subject = ["claim", "decision", "activation", "obligation", "measure", "id"]
                        .iter()
                        .find_map(|k| e.body.event.get(*k).and_then(|v| v.as_str()).map(|v| (*k, v)));
                    tr data-index=(index) {
                        td class="num" { (index) }
                        td { @match e.at.parse::<Timestamp>() { Ok(t) => (time(t)), Err(_) => (e.at) } }
                        td { @match e.body.kind { EntryKind::Input => "input", EntryKind::Derived => "derived" } }
                        td { (e.body.party) }
                        td { code { (e.body.event_type().unwrap_or("?")) } }
                        td {
                            @match subject {
                                Some(("claim", id)) => { a href={ "/claims/" (path_segment(id)) } { (id) } }
                                Some((_, id)) => { (id) }
                                None => { "\u{2014}" }
                            }
                        }
                    }
                }
                Err(err) => {
                    tr data-index=(index) { td class="num" { (index) } td colspan="5" { "Unreadable entry: " (err.to_string()) } }
                }
            }
        }
        @if v.entries.is_empty() { (empty_row(6, "The log holds no entries yet.")) }
    };
    html! {
        (table("entries", "Entries, newest first", &[("Index", true), ("Time", false), ("Kind", false), ("Signed by", false), ("Event", false), ("About", false)], rows))
        @if v.size > 0 {
            p class="note" {
                "Entries " (v.from) " to " (v.before.saturating_sub(1)) " of " (v.size) "."
                @if v.from > 0 { " " a href={ "/log?before=" (v.from) } { "Older entries" } }
                @if v.before < v.size { " " a href="/log" { "Latest entries" } }
                " Every entry in full: " code { "GET /v1/log/entries" } "."
            }
        }
    }
}

pub(super) fn checkpoint_facts(v: &LogView, names: &Names) -> Markup {
    let checkpoint = v
        .note
        .as_deref()
        .and_then(|n| parse_note(n).ok())
        .and_then(|n| Checkpoint::parse(&n.text).ok());
    let key = names.charter.and_then(|c| c.log.as_ref()).map(|l| &l.key);
    html! {
        dl class="facts" {
            dt { "Origin" } dd { code { (v.origin) } }
            @if let Some(cp) = &checkpoint {
                dt { "Tree size" }
                dd id="tree-size" data-size=(cp.size) { (plural(cp.size as usize, "entry", "entries")) }
                dt { "Root (base64)" }
                dd { code id="root" { (B64.encode(cp.root)) } }
            }
            @if let Some(key) = key {
                dt { "Log verifier key" } dd { code { (key) } }
            }
        }
        @match &v.note {
            Some(note) => { pre id="checkpoint" { (note) } }
            None => { p class="empty" { "No checkpoint has been signed yet." } }
        }
        @if checkpoint.as_ref().is_some_and(|cp| cp.size != v.size) {
            p class="note" {
                "The log holds " (plural(v.size as usize, "entry", "entries"))
                "; the next checkpoint will cover them."
            }
        }
    }
}

/// How anyone verifies the log without trusting this site.
pub(super) fn verify() -> Markup {
    html! {
        p { "You do not need to trust this site. Anyone can check that the log is complete, untampered and consistent with the charter:" }
        ol {
            li {
                "Export the log (one canonical entry per line, and the latest checkpoint to "
                code { "FILE.checkpoint" } "):"
                pre { code { "snapback log export FILE" } }
            }
            li {
                "Verify the export on another machine against the charter: every signature, the Merkle root against the signed checkpoint, and every derived entry replayed by the rules:"
                pre { code { "snapback verify --export FILE --charter CHARTER" } }
            }
            li {
                "Print the log's verifier key, to check the checkpoint's signature with any signed-note tool:"
                pre { code { "snapback log vkey" } }
            }
        }
        h3 { "Over HTTP" }
        ul {
            li {
                a href="/v1/log/checkpoint" { code { "GET /v1/log/checkpoint" } }
                ": the latest signed checkpoint (a C2SP signed note, as above)."
            }
            li {
                code { "GET /v1/log/proof/inclusion?index=N" }
                ": a proof that entry " var { "N" } " is in the tree."
            }
            li {
                code { "GET /v1/log/proof/consistency?from=A&to=B" }
                ": a proof that the tree of size " var { "B" } " extends the tree of size " var { "A" } "."
            }
            li { code { "GET /v1/log/entries?from=A&to=B" } ": the canonical entries themselves." }
        }
        p { "The tree hashes as in RFC 6962: leaf hash = SHA-256(0x00 || canonical entry bytes); an interior node = SHA-256(0x01 || left || right)." }
    }
}

pub(super) fn log_page(v: LogView, names: &Names) -> Page {
    let main = html! {
        h1 { "The transparency log" }
        p class="lede" {
            "Every claim, vote, decision, activation and obligation on this site is an entry in an append-only, signed Merkle-tree log."
        }
        (section("checkpoint-section", "Latest signed checkpoint", checkpoint_facts(&v, names)))
        (section("entries-section", "Entries", entries_table(&v)))
        (section("verify-section", "Verify it independently", verify()))
    };
    Page::ok("Log", Section::Log, main)
}

pub(super) async fn log(State(app): State<AppState>, uri: Uri, chosen: Chosen) -> Response {
    let before = match page_end(&uri) {
        Ok(b) => b,
        Err(p) => return respond(error_page(&p, chosen.tr()), &uri, chosen),
    };
    let origin = match app.read(|view| view.origin().to_owned()).await {
        Ok(o) => o,
        Err(p) => return respond(error_page(&p, chosen.tr()), &uri, chosen),
    };
    let read = app
        .read_store(move |store| {
            let size = store.size();
            let before = before.unwrap_or(size).min(size);
            let from = before.saturating_sub(LOG_PAGE);
            Ok::<_, Problem>(LogView {
                note: store.checkpoint().ok().flatten().map(|c| c.note),
                size,
                origin,
                from,
                before,
                entries: store
                    .entries(from, before)
                    .map_err(|e| Problem::internal(e.to_string()))?,
            })
        })
        .await;
    let page = match read {
        Ok(Ok(v)) => log_page(v, &Names::new(app.history(), app.clock().now())),
        Ok(Err(p)) | Err(p) => error_page(&p, chosen.tr()),
    };
    respond(page, &uri, chosen)
}
