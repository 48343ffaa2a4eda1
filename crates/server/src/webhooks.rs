//! Webhooks: a party registers an HTTPS (or loopback) URL, and every new claim, determination,
//! activation and decision, and every obligation addressed to it, is POSTed there as the log
//! entry's JSON with an HMAC-SHA256 signature header, retried with backoff until acknowledged
//! (any 2xx). Each webhook's delivery cursor is stored in the log's metadata, so a restart
//! resumes where delivery stopped: nothing is lost, and an entry may at worst be delivered twice
//! (receivers deduplicate by `X-Snapback-Entry`, the entry's index).

use std::sync::Arc;
use std::time::Duration;

use hmac::{KeyInit, Mac};
use serde::{Deserialize, Serialize};
use snapback_store::{Store, StoreError};
use tokio::sync::watch;

use crate::node::NodeHandle;
use crate::reader::Reader;

const REGISTRY_KEY: &str = "webhooks";
/// Entries examined per delivery step.
const STEP: u64 = 100;
const BACKOFF_MAX: Duration = Duration::from_secs(60);

/// A registered webhook.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Webhook {
    pub id: String,
    pub party: String,
    pub url: String,
    /// The HMAC key (hex), shown once when registered.
    pub secret: String,
}

/// Why a webhook cannot be registered.
#[derive(Debug, thiserror::Error)]
pub enum WebhookError {
    #[error("webhook URL `{url}`: {problem}; {help}")]
    Url {
        url: String,
        problem: String,
        help: &'static str,
    },
    #[error("{0}")]
    Store(#[from] StoreError),
}

const URL_HELP: &str = "give an https:// URL without user name, password or fragment (e.g. https://hooks.example.org/snapback), or http:// only to this machine (127.0.0.1, [::1] or localhost)";

/// HTTPS anywhere, or plain HTTP to this machine only ([`snapback_charter::endpoint`], the
/// rule the charter's witness addresses follow too).
pub fn check_url(url: &str) -> Result<(), WebhookError> {
    snapback_charter::endpoint::check_url(url)
        .map(drop)
        .map_err(|problem| WebhookError::Url {
            url: url.to_owned(),
            problem,
            help: URL_HELP,
        })
}

pub fn list(store: &dyn Store) -> Result<Vec<Webhook>, StoreError> {
    Ok(store
        .meta(REGISTRY_KEY)?
        .and_then(|v| serde_json::from_str(&v).ok())
        .unwrap_or_default())
}

/// Registers a webhook for `party`; delivery starts with the next entry appended.
pub fn register(store: &mut dyn Store, party: &str, url: &str) -> Result<Webhook, WebhookError> {
    check_url(url)?;
    let mut raw = [0u8; 32];
    getrandom::fill(&mut raw).map_err(|e| StoreError::Corrupt(format!("no randomness: {e}")))?;
    let secret: String = raw.iter().map(|b| format!("{b:02x}")).collect();
    let mut hooks = list(store)?;
    let hook = Webhook {
        id: format!("wh{}", hooks.len() + 1),
        party: party.to_owned(),
        url: url.to_owned(),
        secret,
    };
    hooks.push(hook.clone());
    let value = serde_json::to_string(&hooks).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    store.set_meta(REGISTRY_KEY, &value)?;
    store.set_meta(&cursor_key(&hook.id), &store.size().to_string())?;
    Ok(hook)
}

fn cursor_key(id: &str) -> String {
    format!("webhook-cursor:{id}")
}

/// The `X-Snapback-Signature` value for a body: `sha256=<hex HMAC-SHA256(secret, body)>`.
pub fn signature(secret: &str, body: &[u8]) -> String {
    let mut mac =
        hmac::Hmac::<sha2::Sha256>::new_from_slice(secret.as_bytes()).unwrap_or_else(|_| {
            // HMAC accepts keys of any length; this branch cannot run.
            hmac::Hmac::<sha2::Sha256>::new_from_slice(b"").unwrap_or_else(|_| unreachable_mac())
        });
    mac.update(body);
    let tag = mac.finalize().into_bytes();
    format!(
        "sha256={}",
        tag.iter().map(|b| format!("{b:02x}")).collect::<String>()
    )
}

#[allow(clippy::panic)] // HMAC-SHA256 takes keys of any length.
fn unreachable_mac() -> hmac::Hmac<sha2::Sha256> {
    panic!("HMAC refused a key")
}

/// Whether an entry is addressed to `party`: claims and every step of their determination,
/// monitoring alerts, activations and decisions to everyone; an obligation to the party that
/// owes it.
pub fn addressed(
    entry: &serde_json::Value,
    party: &str,
    obligation_owner: impl Fn(&str) -> Option<String>,
) -> bool {
    let event = &entry["body"]["event"];
    match event["type"].as_str() {
        Some(
            "claim.filed"
            | "claim.withdrawn"
            | "claim.determined"
            | "claim.superseded"
            | "claim.extended"
            | "claim.graded"
            | "claim.reopened"
            | "claim.unwound"
            | "alert.claim_filed"
            | "monitor.alert"
            | "activation"
            | "decision.opened"
            | "decision.determined",
        ) => true,
        Some("obligation.created") => event["party"].as_str() == Some(party),
        Some("obligation.overdue" | "obligation.fulfilled") => {
            event["obligation"]
                .as_str()
                .and_then(obligation_owner)
                .as_deref()
                == Some(party)
        }
        _ => false,
    }
}

/// Delivers to every webhook until `shutdown` turns true. What to deliver is read from the read
/// replica, never on the node's thread; only moving a cursor is a write.
pub async fn run(node: NodeHandle, reader: Arc<Reader>, mut shutdown: watch::Receiver<bool>) {
    let client = match crate::outbound::client(Duration::from_secs(10)) {
        Ok(c) => c,
        Err(e) => {
            tracing::error!(error = %e, "webhooks disabled: cannot build an HTTP client");
            return;
        }
    };
    let mut backoff: std::collections::HashMap<String, (Duration, tokio::time::Instant)> =
        Default::default();
    let mut status = node.status.clone();
    let mut refused = std::collections::HashSet::new();
    loop {
        // Delivering moves a cursor in the log's store: only the process that writes delivers.
        if !node.until_writing(&mut shutdown).await {
            return;
        }
        let hooks = reader
            .store(|store| list(store).unwrap_or_default())
            .await
            .unwrap_or_default();
        let mut busy = false;
        for hook in hooks {
            // A registration made before the URL rules were tightened is not delivered to.
            if let Err(e) = check_url(&hook.url) {
                if refused.insert(hook.id.clone()) {
                    tracing::error!(webhook = %hook.id, error = %e, "webhook not delivered to: register it again with a valid URL");
                }
                continue;
            }
            if backoff
                .get(&hook.id)
                .is_some_and(|(_, until)| tokio::time::Instant::now() < *until)
            {
                continue;
            }
            match deliver_some(&node, &reader, &client, &hook).await {
                Ok(progress) => {
                    backoff.remove(&hook.id);
                    busy |= progress;
                }
                Err(e) => {
                    let wait = backoff
                        .get(&hook.id)
                        .map_or(Duration::from_secs(1), |(w, _)| (*w * 2).min(BACKOFF_MAX));
                    tracing::warn!(webhook = %hook.id, url = %hook.url, error = %e, retry_in = ?wait, "webhook delivery failed");
                    backoff.insert(hook.id.clone(), (wait, tokio::time::Instant::now() + wait));
                }
            }
        }
        if !busy {
            tokio::select! {
                _ = status.changed() => {}
                _ = tokio::time::sleep(Duration::from_secs(1)) => {}
                _ = shutdown.changed() => {}
            }
        }
    }
}

/// Delivers the next entries for one webhook. Returns whether the cursor moved.
async fn deliver_some(
    node: &NodeHandle,
    reader: &Arc<Reader>,
    client: &reqwest::Client,
    hook: &Webhook,
) -> Result<bool, String> {
    let id = hook.id.clone();
    let party = hook.party.clone();
    let (cursor, entries) = reader
        .store(move |store| {
            let cursor: u64 = store
                .meta(&cursor_key(&id))
                .ok()
                .flatten()
                .and_then(|v| v.parse().ok())
                .unwrap_or(0);
            let to = store.size().min(cursor + STEP);
            (cursor, store.entries(cursor, to).unwrap_or_default())
        })
        .await
        .map_err(|p| p.detail)?;
    // Who owes an obligation, from the replica (it has applied at least these entries).
    let through = cursor + entries.len() as u64;
    let batch = reader
        .view(through, move |view| {
            let state = view.state();
            let owner = |o: &str| {
                state
                    .obligations
                    .iter()
                    .find(|x| x.id.as_str() == o)
                    .map(|x| x.party.to_string())
            };
            (cursor..)
                .zip(entries)
                .map(|(i, data)| {
                    let value: serde_json::Value =
                        serde_json::from_slice(&data).unwrap_or_default();
                    (i, addressed(&value, &party, owner).then_some(data))
                })
                .collect::<Vec<(u64, Option<Vec<u8>>)>>()
        })
        .await
        .map_err(|p| p.detail)?;
    if batch.is_empty() {
        return Ok(false);
    }
    let mut next = cursor;
    let mut result = Ok(());
    for (index, data) in batch {
        if let Some(body) = data {
            let response = client
                .post(&hook.url)
                .header("content-type", "application/json")
                .header("x-snapback-entry", index.to_string())
                .header("x-snapback-signature", signature(&hook.secret, &body))
                .body(body)
                .send()
                .await;
            match response {
                Ok(r) if r.status().is_success() => {}
                Ok(r) => {
                    result = Err(format!("entry {index}: HTTP {}", r.status()));
                    break;
                }
                Err(e) => {
                    result = Err(format!("entry {index}: {e}"));
                    break;
                }
            }
        }
        next = index + 1;
    }
    let id = hook.id.clone();
    if next > cursor {
        node.run(move |ctx| ctx.ledger.set_meta(&cursor_key(&id), &next.to_string()))
            .await
            .map_err(|p| p.detail)?
            .map_err(|e| e.to_string())?;
    }
    result.map(|()| next > cursor)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn webhook_url_with_userinfo_is_refused() {
        for url in [
            "http://localhost:1@127.0.0.2/x",
            "http://localhost:1@evil.example/x",
            "https://user:pw@hooks.example.org/x",
            "https://user@hooks.example.org/x",
        ] {
            let e = check_url(url).expect_err(url).to_string();
            assert!(e.contains("user name or password"), "{url}: {e}");
            assert!(e.contains("https://"), "the error says how to fix it: {e}");
        }
    }

    #[test]
    fn webhook_url_loopback_is_judged_on_the_parsed_host() {
        for ok in [
            "https://hooks.example.org/snapback",
            "https://hooks.example.org:8443/x?y=1",
            "http://127.0.0.1:9000/x",
            "http://127.0.0.2/x",
            "http://[::1]:9000/x",
            "http://localhost/x",
            "http://LOCALHOST:80/",
        ] {
            assert!(check_url(ok).is_ok(), "{ok}");
        }
        for bad in [
            "http://hooks.example.org/x",
            "http://127.0.0.1.evil.example/x",
            "http://localhost.evil.example/x",
            "http://[::2]/x",
            "http://10.0.0.1/x",
            "https://hooks.example.org/x#frag",
            "ftp://127.0.0.1/x",
            "file:///etc/passwd",
            "localhost:80",
            "",
        ] {
            assert!(check_url(bad).is_err(), "{bad}");
        }
    }

    fn entry(kind: &str) -> serde_json::Value {
        serde_json::json!({ "body": { "event": { "type": kind, "obligation": "A1/x/1", "party": "DE" } } })
    }

    #[test]
    fn every_step_of_a_claim_and_every_alert_is_addressed_to_everyone() {
        for kind in [
            "claim.filed",
            "claim.determined",
            "claim.superseded",
            "claim.extended",
            "claim.graded",
            "claim.reopened",
            "claim.unwound",
            "alert.claim_filed",
            "monitor.alert",
            "activation",
        ] {
            assert!(addressed(&entry(kind), "UA", |_| None), "{kind}");
        }
        // An obligation only to its owner; a party's own vote to nobody.
        assert!(!addressed(&entry("obligation.created"), "UA", |_| None));
        assert!(addressed(&entry("obligation.created"), "DE", |_| None));
        assert!(addressed(&entry("obligation.overdue"), "DE", |_| Some(
            "DE".into()
        )));
        assert!(!addressed(&entry("vote.cast"), "UA", |_| None));
    }
}
