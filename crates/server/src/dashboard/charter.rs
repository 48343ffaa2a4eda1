//! `/charter`: the charter in force as the treaty text lawyers read (articles in order, each
//! element in words with its parameters), every version with its effective instant, and what
//! each amendment changed. Claim pages link every article they cite here (`/charter#art-5-2`).

use snapback_charter::treaty::TreatyText;

use super::*;

pub(super) async fn handler(State(app): State<AppState>, uri: Uri, chosen: Chosen) -> Response {
    let text = TreatyText::new(app.history(), Some(app.clock().now()), chosen.lang);
    respond(charter_page(&text, chosen.tr()), &uri, chosen)
}

pub(super) fn charter_page(text: &TreatyText, t: Tr) -> Page {
    let main = html! {
        p class="meta" { a href="/" { (t.msg("nav-overview")) } " \u{203a} " (t.msg("nav-charter")) }
        div class="treaty-page" { (crate::charter_text::treaty_markup(text)) }
    };
    Page::ok(
        t.msg_args(
            "charter-page-title",
            &[("version", text.version.as_str().into())],
        ),
        Section::Charter,
        main,
    )
}
