//! `GET /log`: the log and how to verify it.

use super::*;
#[allow(unused_imports)]
use super::legacy::{badge, claim_link, deadline, escape, item_list, section, time};

// ---------------------------------------------------------------------------------------------
// GET /log
// ---------------------------------------------------------------------------------------------

pub(super) struct LogView {
    pub(super) note: Option<String>,
    pub(super) size: u64,
    pub(super) origin: String,
}

pub(super) fn checkpoint_facts(v: &LogView, names: &Names) -> String {
    let checkpoint = v
        .note
        .as_deref()
        .and_then(|n| parse_note(n).ok())
        .and_then(|n| Checkpoint::parse(&n.text).ok());
    let mut s = String::from(r#"<dl class="facts">"#);
    let _ = write!(
        s,
        "<dt>Origin</dt><dd><code>{}</code></dd>",
        escape(&v.origin)
    );
    if let Some(cp) = &checkpoint {
        let _ = write!(
            s,
            r#"<dt>Tree size</dt><dd id="tree-size" data-size="{size}">{entries}</dd><dt>Root (base64)</dt><dd><code id="root">{root}</code></dd>"#,
            size = cp.size,
            entries = plural(cp.size as usize, "entry", "entries"),
            root = escape(&B64.encode(cp.root)),
        );
    }
    if let Some(key) = names.charter.and_then(|c| c.log.as_ref()).map(|l| &l.key) {
        let _ = write!(
            s,
            "<dt>Log verifier key</dt><dd><code>{}</code></dd>",
            escape(key)
        );
    }
    s.push_str("</dl>");
    match &v.note {
        Some(note) => {
            let _ = write!(s, r#"<pre id="checkpoint">{}</pre>"#, escape(note));
        }
        None => s.push_str(r#"<p class="empty">No checkpoint has been signed yet.</p>"#),
    }
    if checkpoint.as_ref().is_some_and(|cp| cp.size != v.size) {
        let _ = write!(
            s,
            r#"<p class="note">The log holds {}; the next checkpoint will cover them.</p>"#,
            plural(v.size as usize, "entry", "entries")
        );
    }
    s
}

pub(super) const VERIFY: &str = r#"<p>You do not need to trust this site. Anyone can check that the log is complete, untampered and consistent with the charter:</p>
<ol>
<li>Export the log (one canonical entry per line, and the latest checkpoint to <code>FILE.checkpoint</code>):<pre><code>snapback log export FILE</code></pre></li>
<li>Verify the export on another machine against the charter: every signature, the Merkle root against the signed checkpoint, and every derived entry replayed by the rules:<pre><code>snapback verify --export FILE --charter CHARTER</code></pre></li>
<li>Print the log's verifier key, to check the checkpoint's signature with any signed-note tool:<pre><code>snapback log vkey</code></pre></li>
</ol>
<h3>Over HTTP</h3>
<ul>
<li><a href="/v1/log/checkpoint"><code>GET /v1/log/checkpoint</code></a>: the latest signed checkpoint (a C2SP signed note, as above).</li>
<li><code>GET /v1/log/proof/inclusion?index=N</code>: a proof that entry <var>N</var> is in the tree.</li>
<li><code>GET /v1/log/proof/consistency?from=A&amp;to=B</code>: a proof that the tree of size <var>B</var> extends the tree of size <var>A</var>.</li>
<li><code>GET /v1/log/entries?from=A&amp;to=B</code>: the canonical entries themselves.</li>
</ul>
<p>The tree hashes as in RFC 6962: leaf hash = SHA-256(0x00 || canonical entry bytes); an interior node = SHA-256(0x01 || left || right).</p>"#;

pub(super) fn log_page(v: LogView, names: &Names) -> Page {
    let mut m = String::from(
        r#"<h1>The transparency log</h1><p class="lede">Every claim, vote, decision, activation and obligation on this site is an entry in an append-only, signed Merkle-tree log.</p>"#,
    );
    m.push_str(&section(
        "checkpoint-section",
        "Latest signed checkpoint",
        &checkpoint_facts(&v, names),
    ));
    m.push_str(&section(
        "verify-section",
        "Verify it independently",
        VERIFY,
    ));
    Page::ok("Log", Section::Log, PreEscaped(m))
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
