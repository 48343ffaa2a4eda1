//! `/charter`: the charter in force as the treaty text lawyers read (articles in order, each
//! element in words with its parameters), every version with its effective instant, and what
//! each amendment changed. Claim pages link every article they cite here (`/charter#art-5-2`).

use snapback_charter::treaty::TreatyText;

use super::*;

pub(super) async fn handler(State(app): State<AppState>, uri: Uri, chosen: Chosen) -> Response {
    let text = TreatyText::new(app.history(), Some(app.clock().now()));
    respond(charter_page(&text), &uri, chosen)
}

pub(super) fn charter_page(text: &TreatyText) -> Page {
    let main = html! {
        p class="meta" { a href="/" { "Overview" } " \u{203a} Charter" }
        div class="treaty-page" { (crate::charter_text::treaty_markup(text)) }
    };
    Page::ok(
        format!("Charter, version {}", text.version),
        Section::Charter,
        main,
    )
}
