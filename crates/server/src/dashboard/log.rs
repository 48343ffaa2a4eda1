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
    /// The size of the witnessed checkpoint, if any.
    pub(super) witnessed: Option<u64>,
    /// Where each witness stands (from the server's witnessing tasks).
    pub(super) witnesses: Vec<crate::witness_board::WitnessReport>,
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
fn entries_table(v: &LogView, t: Tr) -> Markup {
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
                        td { @match e.body.kind { EntryKind::Input => (t.msg("log-kind-input")), EntryKind::Derived => (t.msg("log-kind-derived")) } }
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
                    tr data-index=(index) { td class="num" { (index) } td colspan="5" { (t.msg_args("log-unreadable", &[("error", err.to_string().into())])) } }
                }
            }
        }
        @if v.entries.is_empty() { (empty_row(6, &t.msg("log-empty"))) }
    };
    let labels = [
        (t.msg("log-column-index"), true),
        (t.msg("log-column-time"), false),
        (t.msg("log-column-kind"), false),
        (t.msg("log-column-signed-by"), false),
        (t.msg("log-column-event"), false),
        (t.msg("log-column-about"), false),
    ];
    let columns = labels.each_ref().map(|(label, num)| (label.as_str(), *num));
    html! {
        (table("entries", &t.msg("log-entries-caption"), &columns, rows))
        @if v.size > 0 {
            p class="note" {
                (t.msg_args("log-range", &[
                    ("from", v.from.into()),
                    ("last", v.before.saturating_sub(1).into()),
                    ("size", v.size.into()),
                ]))
                @if v.from > 0 { " " a href={ "/log?before=" (v.from) } { (t.msg("log-older")) } }
                @if v.before < v.size { " " a href="/log" { (t.msg("log-latest")) } }
                " " (t.rich("log-in-full", &[], &[("request", html! { code { "GET /v1/log/entries" } })]))
            }
        }
    }
}

pub(super) fn checkpoint_facts(v: &LogView, names: &Names) -> Markup {
    let t = names.t;
    let checkpoint = v
        .note
        .as_deref()
        .and_then(|n| parse_note(n).ok())
        .and_then(|n| Checkpoint::parse(&n.text).ok());
    let key = names.charter.and_then(|c| c.log.as_ref()).map(|l| &l.key);
    html! {
        dl class="facts" {
            dt { (t.msg("log-origin")) } dd { code { (v.origin) } }
            @if let Some(cp) = &checkpoint {
                dt { (t.msg("log-tree-size")) }
                dd id="tree-size" data-size=(cp.size) { (t.msg_args("log-entry-count", &[("count", cp.size.into())])) }
                dt { (t.msg("log-root")) }
                dd { code id="root" { (B64.encode(cp.root)) } }
            }
            @if let Some(key) = key {
                dt { (t.msg("log-verifier-key")) } dd { code { (key) } }
            }
        }
        @match &v.note {
            Some(note) => { pre id="checkpoint" { (note) } }
            None => { p class="empty" { (t.msg("log-no-checkpoint")) } }
        }
        @if checkpoint.as_ref().is_some_and(|cp| cp.size != v.size) {
            p class="note" { (t.msg_args("log-holds", &[("count", v.size.into())])) }
        }
    }
}

/// The witnesses the log sends its checkpoints to: the quorum, the witnessed size, and where
/// each stands (a fork alarm first and loud).
fn witnesses_section(v: &LogView, names: &Names) -> Markup {
    use crate::witness_board::WitnessStanding;
    let t = names.t;
    let log = names.charter.and_then(|c| c.log.as_ref());
    let listed = log.map_or(0, |l| l.witnesses.len());
    html! {
        @if v.witnesses.iter().any(|w| w.alarm.is_some()) {
            p class="alert" role="alert" id="fork-alarm" { strong { (t.msg("log-fork-alarm")) } }
        }
        @match log.and_then(|l| l.quorum) {
            Some(k) => p { (t.msg_args("log-witnesses-quorum", &[("k", k.into()), ("n", listed.into())])) },
            None => p { (t.msg("log-witnesses-no-quorum")) },
        }
        @match v.witnessed {
            Some(size) => p id="witnessed-size" data-size=(size) {
                (t.msg_args("log-witnessed-size", &[("count", size.into())])) " "
                a href="/v1/log/checkpoint/witnessed" { code { "GET /v1/log/checkpoint/witnessed" } }
            },
            None => p class="empty" { (t.msg("log-witnessed-none")) },
        }
        @if !v.witnesses.is_empty() {
            div class="table-wrap" {
                table {
                    thead { tr {
                        th scope="col" { (t.msg("log-witness-name")) }
                        th scope="col" { (t.msg("log-witness-standing")) }
                        th scope="col" class="num" { (t.msg("log-witness-cosigned")) }
                    } }
                    tbody {
                        @for w in &v.witnesses {
                            tr data-witness=(w.name) {
                                td { code { (w.name) } }
                                td { (t.msg(match w.standing {
                                    WitnessStanding::Pending => "log-witness-pending",
                                    WitnessStanding::Cosigning => "log-witness-cosigning",
                                    WitnessStanding::Down => "log-witness-down",
                                    WitnessStanding::Fork => "log-witness-fork",
                                })) }
                                td class="num" { @if let Some(size) = w.cosigned_size { (size) } }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// How anyone verifies the log without trusting this site.
pub(super) fn verify(t: Tr) -> Markup {
    html! {
        p { (t.msg("verify-intro")) }
        ol {
            li {
                (t.rich("verify-export", &[], &[("file", html! { code { "FILE.checkpoint" } })]))
                pre { code { "snapback log export FILE" } }
            }
            li {
                (t.msg("verify-replay"))
                pre { code { "snapback verify --export FILE --charter CHARTER" } }
            }
            li {
                (t.msg("verify-vkey"))
                pre { code { "snapback log vkey" } }
            }
        }
        h3 { (t.msg("verify-http-heading")) }
        ul {
            li {
                a href="/v1/log/checkpoint" { code { "GET /v1/log/checkpoint" } }
                (t.msg("verify-http-checkpoint"))
            }
            li {
                code { "GET /v1/log/proof/inclusion?index=N" }
                (t.rich("verify-http-inclusion", &[], &[("n", html! { var { "N" } })]))
            }
            li {
                code { "GET /v1/log/proof/consistency?from=A&to=B" }
                (t.rich("verify-http-consistency", &[],
                    &[("a", html! { var { "A" } }), ("b", html! { var { "B" } })]))
            }
            li { code { "GET /v1/log/entries?from=A&to=B" } (t.msg("verify-http-entries")) }
            li {
                a href="/v1/log/witnesses" { code { "GET /v1/log/witnesses" } }
                (t.msg("verify-http-witnesses"))
            }
        }
        p { (t.msg("verify-hashing")) }
    }
}

pub(super) fn log_page(v: LogView, names: &Names) -> Page {
    let t = names.t;
    let main = html! {
        h1 { (t.msg("log-heading")) }
        p class="lede" { (t.msg("log-lede")) }
        (section("checkpoint-section", &t.msg("log-checkpoint-heading"), checkpoint_facts(&v, names)))
        @if names.charter.and_then(|c| c.log.as_ref()).is_some_and(|l| !l.witnesses.is_empty()) {
            (section("witnesses-section", &t.msg("log-witnesses-heading"), witnesses_section(&v, names)))
        }
        (section("entries-section", &t.msg("log-entries-heading"), entries_table(&v, t)))
        (section("verify-section", &t.msg("log-verify-heading"), verify(t)))
    };
    Page::ok(t.msg("log-title"), Section::Log, main)
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
    let witnesses = app.metrics().witnesses.reports();
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
                witnessed: snapback_ledger::cosign::witnessed_size(store)
                    .map_err(|e| Problem::internal(e.to_string()))?,
                witnesses,
            })
        })
        .await;
    let page = match read {
        Ok(Ok(v)) => log_page(
            v,
            &Names::new(app.history(), app.clock().now()).in_lang(chosen.tr()),
        ),
        Ok(Err(p)) | Err(p) => error_page(&p, chosen.tr()),
    };
    respond(page, &uri, chosen)
}
