//! `GET /log`: the log and how to verify it.

use super::*;

// ---------------------------------------------------------------------------------------------
// GET /log
// ---------------------------------------------------------------------------------------------

pub(super) struct LogView {
    pub(super) note: Option<String>,
    pub(super) size: u64,
    pub(super) origin: String,
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
        (section("verify-section", "Verify it independently", verify()))
    };
    Page::ok("Log", Section::Log, main)
}

pub(super) async fn log(State(app): State<AppState>, uri: Uri) -> Response {
    let origin = match app.read(|view| view.origin().to_owned()).await {
        Ok(o) => o,
        Err(p) => return respond(error_page(&p), &uri),
    };
    let read = app
        .read_store(move |store| LogView {
            note: store.checkpoint().ok().flatten().map(|c| c.note),
            size: store.size(),
            origin,
        })
        .await;
    let page = match read {
        Ok(v) => log_page(v, &Names::new(app.history(), app.clock().now())),
        Err(p) => error_page(&p),
    };
    respond(page, &uri)
}
