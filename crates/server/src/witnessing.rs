//! The log at work with its witnesses: each new checkpoint goes to every witness the charter in
//! force lists with a URL, over the C2SP tlog-witness protocol (`POST <prefix>/add-checkpoint`
//! with the old size and a consistency proof), and each cosignature that comes back is verified
//! and recorded like one posted to `POST /v1/log/cosignature` ([`crate::cosign::record`]). Once
//! the charter's quorum (`[log] quorum`) has cosigned a checkpoint, that note becomes the
//! witnessed checkpoint (`GET /v1/log/checkpoint/witnessed`).
//!
//! One task per witness, so a witness that is down or slow delays nothing but the quorum: it
//! is retried with a growing backoff while the others go on. A witness that refuses a
//! checkpoint as inconsistent with what it cosigned before (422), or that cosigned a larger tree
//! than this log holds, has seen another history of this log: that is a fork alarm, logged at
//! error level, counted in `/metrics` and shown by `GET /v1/log/witnesses` until the witness
//! cosigns again.

use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use snapback_ledger::cosign::{CosignError, Witness};
use snapback_log::keys::VerifierKey;
use snapback_log::merkle;
use snapback_log::note::{Checkpoint, parse_note};
use snapback_log::witness::{AddCheckpoint, format_add_checkpoint};
use tokio::sync::watch;

use crate::state::AppState;
use crate::witness_board::{ForkAlarm, WitnessReport, WitnessStanding};

/// How long one `add-checkpoint` request may take.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(5);
/// The first wait after a failed request; it doubles up to [`BACKOFF_MAX`].
const BACKOFF_FIRST: Duration = Duration::from_millis(250);
/// A witness that is down is tried again at least this often, so the quorum forms soon after
/// it is back; a fork alarm waits [`ALARM_RETRY`].
const BACKOFF_MAX: Duration = Duration::from_secs(5);
const ALARM_RETRY: Duration = Duration::from_secs(30);
/// How often an idle task looks again without news of a commit (a charter version coming into
/// force can name it).
const IDLE_RECHECK: Duration = Duration::from_secs(5);
/// The largest answer read from a witness: cosignature lines are ~100 bytes each.
const ANSWER_MAX_BYTES: usize = 16 * 1024;

/// The witnesses this log sends its checkpoints to: every charter version's witnesses with a
/// URL (each task then checks that its witness is in force before sending).
fn witnesses_with_urls(app: &AppState) -> Vec<(Witness, String)> {
    let mut out: Vec<(Witness, String)> = Vec::new();
    for c in app.history().versions() {
        let Some(log) = &c.log else { continue };
        for w in &log.witnesses {
            let Some(url) = &w.url else { continue };
            if out.iter().any(|(o, _)| o.name == w.name && o.key == w.key) {
                continue;
            }
            out.push((Witness::of_charter(w), url.clone()));
        }
    }
    out
}

/// Sends checkpoints to every witness until `shutdown` turns true.
pub async fn run(app: AppState, shutdown: watch::Receiver<bool>) {
    let witnesses = witnesses_with_urls(&app);
    if witnesses.is_empty() {
        return;
    }
    let client = match crate::outbound::client(REQUEST_TIMEOUT) {
        Ok(c) => c,
        Err(e) => {
            tracing::error!(error = %e, "witnessing disabled: cannot build an HTTP client");
            return;
        }
    };
    let mut tasks = tokio::task::JoinSet::new();
    for (witness, url) in witnesses {
        let follower = Follower::new(app.clone(), client.clone(), witness, url);
        match follower {
            Ok(f) => {
                tasks.spawn(f.run(shutdown.clone()));
            }
            Err(e) => tracing::error!(error = %e, "a witness of the charter is not sent to"),
        }
    }
    while tasks.join_next().await.is_some() {}
}

/// What one step came to.
enum Step {
    /// Nothing to send: wait for a commit.
    Idle,
    /// Something moved: go on at once.
    Progress,
    /// Failed: wait this long.
    Failed(Duration),
}

/// One witness's task.
struct Follower {
    app: AppState,
    client: reqwest::Client,
    name: String,
    key: VerifierKey,
    url: String,
    endpoint: String,
    /// The size the witness last cosigned, as far as this log knows (its `old` size); a 409
    /// answer corrects it.
    known: u64,
    /// The largest checkpoint it cosigned since the start.
    cosigned: Option<u64>,
    /// The size a 409 gave last, to stop a loop of conflicts.
    last_conflict: Option<u64>,
    backoff: Duration,
}

impl Follower {
    fn new(
        app: AppState,
        client: reqwest::Client,
        witness: Witness,
        url: String,
    ) -> Result<Self, String> {
        let key = VerifierKey::parse(&witness.key)
            .map_err(|e| format!("witness `{}`: key: {e}", witness.name))?;
        let endpoint = format!("{}/add-checkpoint", url.trim_end_matches('/'));
        app.metrics().witnesses.update(&witness.name, &url, |_| {});
        Ok(Self {
            app,
            client,
            name: witness.name,
            key,
            url,
            endpoint,
            known: 0,
            cosigned: None,
            last_conflict: None,
            backoff: Duration::ZERO,
        })
    }

    async fn run(mut self, mut shutdown: watch::Receiver<bool>) {
        let mut status = self.app.node().status.clone();
        let node = self.app.node().clone();
        loop {
            // Cosignatures are recorded in the log's store: only the process that writes sends
            // checkpoints to the witnesses.
            if !node.until_writing(&mut shutdown).await {
                return;
            }
            let wait = match self.step().await {
                Step::Progress => continue,
                Step::Idle => IDLE_RECHECK,
                Step::Failed(wait) => wait,
            };
            tokio::select! {
                _ = status.changed(), if wait == IDLE_RECHECK => {}
                _ = tokio::time::sleep(wait) => {}
                _ = shutdown.changed() => {}
            }
        }
    }

    fn board(&self, change: impl FnOnce(&mut WitnessReport)) {
        self.app
            .metrics()
            .witnesses
            .update(&self.name, &self.url, change);
    }

    fn fail(&mut self, error: String) -> Step {
        self.app
            .metrics()
            .witnesses
            .failures
            .fetch_add(1, Ordering::Relaxed);
        self.backoff = if self.backoff.is_zero() {
            BACKOFF_FIRST
        } else {
            (self.backoff * 2).min(BACKOFF_MAX)
        };
        tracing::warn!(witness = %self.name, error = %error, retry_in = ?self.backoff, "a witness did not cosign");
        self.board(|r| {
            if r.standing != WitnessStanding::Fork {
                r.standing = WitnessStanding::Down;
            }
            r.error = Some(error);
        });
        Step::Failed(self.backoff)
    }

    /// Raises the fork alarm; the task then waits `then` (a witness that cosigned more than
    /// this log holds is asked again at the next commit, one that refused a proof later).
    fn alarm(&mut self, size: u64, detail: String, then: Step) -> Step {
        let witnesses = &self.app.metrics().witnesses;
        witnesses.forks.fetch_add(1, Ordering::Relaxed);
        witnesses.failures.fetch_add(1, Ordering::Relaxed);
        tracing::error!(witness = %self.name, size, detail = %detail, "FORK ALARM: a witness has seen another history of this log");
        let at = self.app.clock().now().to_string();
        self.board(|r| {
            r.standing = WitnessStanding::Fork;
            r.error = Some(detail.clone());
            r.alarm = Some(ForkAlarm { size, at, detail });
        });
        self.backoff = BACKOFF_MAX;
        then
    }

    /// Sends the latest checkpoint if the witness has not cosigned it yet.
    async fn step(&mut self) -> Step {
        let now = self.app.clock().now();
        // Only a witness of the charter in force (or of its first version, before it is).
        let history = self.app.history();
        let in_force = history
            .in_force(now)
            .or_else(|| history.versions().first())
            .and_then(|c| c.log.as_ref())
            .is_some_and(|l| l.witnesses.iter().any(|w| w.name == self.name));
        if !in_force {
            return Step::Idle;
        }
        let stored = match self.app.read_store(|s| s.checkpoint()).await {
            Ok(Ok(Some(c))) => c,
            Ok(Ok(None)) => return Step::Idle,
            Ok(Err(e)) => return self.fail(format!("reading the checkpoint: {e}")),
            Err(p) => return self.fail(p.detail),
        };
        if self.cosigned.is_some_and(|c| c >= stored.size) {
            return Step::Idle;
        }
        let size = stored.size;
        if self.known > size {
            return self.alarm(
                size,
                format!(
                    "the witness cosigned a tree of {} entries; this log holds {size}",
                    self.known
                ),
                Step::Idle,
            );
        }
        let old = self.known;
        let proof = match self
            .app
            .read(move |view| merkle::consistency_proof(&view.tree, old, size))
            .await
        {
            Ok(Ok(p)) => p,
            Ok(Err(e)) => return self.fail(format!("the consistency proof {old} to {size}: {e}")),
            Err(p) => return self.fail(p.detail),
        };
        let body = format_add_checkpoint(&AddCheckpoint {
            old_size: old,
            proof,
            checkpoint: only_the_logs_signature(&stored.note),
        });
        let started = Instant::now();
        let answer = self
            .client
            .post(&self.endpoint)
            .header("content-type", "text/plain; charset=utf-8")
            .body(body)
            .send()
            .await;
        let response = match answer {
            Ok(r) => r,
            Err(e) => return self.fail(format!("POST {}: {e}", self.endpoint)),
        };
        let status = response.status().as_u16();
        let text = match read_limited(response).await {
            Ok(t) => t,
            Err(e) => return self.fail(e),
        };
        let seconds = started.elapsed().as_secs_f64();
        self.app.metrics().witness_round_trip.observe(seconds);
        self.board(|r| r.round_trip_ms = Some(seconds * 1e3));
        match status {
            200 => self.record(&stored.note, size, &text).await,
            409 => match text.trim().parse::<u64>() {
                Ok(latest) if self.last_conflict == Some(latest) => self.fail(format!(
                    "the witness keeps answering that it last cosigned size {latest}"
                )),
                Ok(latest) => {
                    self.last_conflict = Some(latest);
                    self.known = latest;
                    Step::Progress
                }
                Err(_) => self.fail(format!("409 without a size: {}", text.trim())),
            },
            422 => self.alarm(size, text.trim().to_owned(), Step::Failed(ALARM_RETRY)),
            _ => self.fail(format!("{status}: {}", text.trim())),
        }
    }

    /// Records the cosignature lines the witness answered on the checkpoint note.
    async fn record(&mut self, note: &str, size: u64, lines: &str) -> Step {
        let base = note.trim_end_matches('\n');
        let merged = format!("{base}\n{}\n", lines.trim_end_matches('\n'));
        let key = self.key.clone();
        let vkey = self.key.to_string();
        let now = self.app.clock().now();
        let outcome = self
            .app
            .node()
            .run(move |ctx| {
                let result = snapback_ledger::cosign::record(&mut ctx.ledger, &key, &merged, now);
                if let Ok(c) = &result {
                    ctx.witnessed(&vkey, c.time);
                }
                result
            })
            .await;
        match outcome {
            // Cosigned before (this log restarted): the witness holds this size.
            Ok(Ok(_)) | Ok(Err(CosignError::AlreadyCosigned { .. })) => {
                self.known = size;
                self.cosigned = Some(size);
                self.last_conflict = None;
                self.backoff = Duration::ZERO;
                self.app
                    .metrics()
                    .witnesses
                    .cosignatures
                    .fetch_add(1, Ordering::Relaxed);
                self.board(|r| {
                    r.standing = WitnessStanding::Cosigning;
                    r.cosigned_size = Some(size);
                    r.error = None;
                    r.alarm = None;
                });
                Step::Progress
            }
            Ok(Err(e)) => self.fail(format!("its answer was not recorded: {e}")),
            Err(p) => self.fail(p.detail),
        }
    }
}

/// The checkpoint note with only the log's own signature: witnesses need nothing else, and a
/// note of the latest size may already carry other witnesses' lines.
/// (The log's key is named after its origin.)
fn only_the_logs_signature(note: &str) -> String {
    let Ok(mut parsed) = parse_note(note) else {
        return note.to_owned();
    };
    let Ok(cp) = Checkpoint::parse(&parsed.text) else {
        return note.to_owned();
    };
    parsed.signatures.retain(|s| s.name == cp.origin);
    snapback_log::note::format_note(&parsed)
}

/// The answer's body, at most [`ANSWER_MAX_BYTES`].
async fn read_limited(mut response: reqwest::Response) -> Result<String, String> {
    let mut body = Vec::new();
    while let Some(chunk) = response
        .chunk()
        .await
        .map_err(|e| format!("reading the answer: {e}"))?
    {
        if body.len() + chunk.len() > ANSWER_MAX_BYTES {
            return Err(format!("the answer is over {ANSWER_MAX_BYTES} bytes"));
        }
        body.extend_from_slice(&chunk);
    }
    String::from_utf8(body).map_err(|_| "the answer is not UTF-8".to_owned())
}
