//! The one kind of HTTP client the server sends with (webhooks, witnesses, writes forwarded to
//! a cluster's leader): to addresses `snapback_charter::endpoint` admits, never following a
//! redirect (one could lead an https:// address to plain http:// elsewhere), with a timeout on
//! every request.

use std::time::Duration;

/// A client whose every request gives up after `timeout` (and its connection after half that).
pub fn client(timeout: Duration) -> reqwest::Result<reqwest::Client> {
    reqwest::Client::builder()
        .timeout(timeout)
        .connect_timeout(timeout / 2)
        .redirect(reqwest::redirect::Policy::none())
        .build()
}
