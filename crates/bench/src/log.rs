//! `snapback bench log`: the log's figures, each next to the machine's own limit measured in the
//! same run.
//!
//! * Durable signed appends per second through the real ledger (signature check, engine, entry
//!   and tree nodes and a signed checkpoint committed per batch), with 1 submitter and with 64
//!   concurrent submitters, for SQLite and (given a URL) PostgreSQL; next to the disk's fsync
//!   rate (write + fdatasync of 4 KiB in a loop) in the same directory.
//! * `verify` throughput in entries per second on a generated log, next to raw single-core
//!   Ed25519 verifications per second (ed25519-dalek, and `openssl speed` when installed).
//! * Inclusion proof generation per second at 1,000,000 entries.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::error::Context;
use clap::Args;
use jiff::Timestamp;
use snapback_charter::{CharterHistory, Source, load_toml};
use snapback_engine::event::{ClaimFiled, Event, EventKind, Verdict, VoteCast};
use snapback_ledger::convert::input_event;
use snapback_ledger::{Ledger, LogUnderTest, Outcome, Submission, verify};
use snapback_log::entry::{EntryBody, EntryKind, random_nonce};
use snapback_log::keys::{Alg, SignerKey};
use snapback_log::merkle::{MemoryTree, inclusion_proof, leaf_hash};
use snapback_store::{PgMode, PgStore, SqliteStore, Store};

#[derive(Args, Debug)]
pub struct LogArgs {
    /// Seconds each append measurement runs.
    #[arg(long, default_value_t = 5)]
    seconds: u64,
    /// Rounds of the 64-submitter measurements, each next to its own fsync measurement (the
    /// disk's rate moves by a fifth from one probe to the next here); the medians are reported.
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u64).range(1..=25))]
    rounds: u64,
    /// Entries in the log that `verify` is timed on.
    #[arg(long, default_value_t = 50_000)]
    verify_entries: u64,
    /// Also measure a PostgreSQL store (a database the benchmark may fill; use a scratch one).
    #[arg(long, env = "SNAPBACK_BENCH_DATABASE_URL")]
    database_url: Option<String>,
    /// Where to put the SQLite files (default: a directory under the system temp dir).
    #[arg(long)]
    dir: Option<PathBuf>,
}

/// The goals from the issue.
const GOAL_APPENDS_64: f64 = 10_000.0;
/// Group commit on SQLite: durable appends per fsync the disk can do, with 64 submitters.
const GOAL_PER_FSYNC: f64 = 3.0;
pub(crate) const SUBMITTERS: usize = 64;

pub(crate) struct Keys {
    pub ua: SignerKey,
    pub sec: SignerKey,
    pub log: SignerKey,
    /// The guarantor G1, one of the three members of the verifying body.
    pub g1: SignerKey,
}

impl Keys {
    /// A ledger over `store` run by the benchmark's secretariat and log keys.
    pub(crate) fn ledger<S: snapback_store::Store>(
        &self,
        store: S,
        history: CharterHistory,
    ) -> crate::error::Result<Ledger<S>> {
        Ok(Ledger::open(
            store,
            history,
            self.sec.clone(),
            self.log.clone(),
        )?)
    }
}

pub(crate) fn keys() -> crate::error::Result<Keys> {
    Ok(Keys {
        ua: SignerKey::from_seed("UA", Alg::Ed25519, &[1; 32])?,
        sec: SignerKey::from_seed("SEC", Alg::Ed25519, &[2; 32])?,
        log: SignerKey::from_seed("bench.snapback", Alg::Ed25519, &[3; 32])?,
        g1: SignerKey::from_seed("G1", Alg::Ed25519, &[4; 32])?,
    })
}

/// A small charter whose UA, SEC and G1 hold the benchmark's keys; claims need no votes to be
/// filed, and one vote of the three guarantors decides nothing.
fn charter(keys: &Keys) -> crate::error::Result<CharterHistory> {
    charter_with(keys, "30d")
}

/// The benchmark charter with claims decided within `decide_within`.
pub(crate) fn charter_with(
    keys: &Keys,
    decide_within: &str,
) -> crate::error::Result<CharterHistory> {
    let text = charter_text(keys, decide_within);
    let c = load_toml(&Source::new("bench-log.toml", text)).map_err(|d| crate::failed!("{d}"))?;
    Ok(CharterHistory::single(c))
}

/// The benchmark charter's TOML (version "1", effective 2026-01-01T00:00:00Z).
pub(crate) fn charter_text(keys: &Keys, decide_within: &str) -> String {
    format!(
        "[charter]\nid = \"bench-log\"\ntitle = \"Log benchmark\"\nversion = \"1\"\neffective = 2026-01-01T00:00:00Z\nbeneficiary = \"UA\"\n\n\
         [[party]]\nid = \"UA\"\nname = \"Beneficiary\"\nroles = [\"beneficiary\"]\nkeys = [\"{}\"]\n\n\
         [[party]]\nid = \"SEC\"\nname = \"Secretariat\"\nroles = [\"secretariat\"]\nkeys = [\"{}\"]\n\n\
         [[party]]\nid = \"G1\"\nname = \"G1\"\nroles = [\"guarantor\"]\nkeys = [\"{}\"]\n\n\
         [[party]]\nid = \"G2\"\nname = \"G2\"\nroles = [\"guarantor\"]\n\n\
         [[party]]\nid = \"G3\"\nname = \"G3\"\nroles = [\"guarantor\"]\n\n\
         [[body]]\nid = \"b\"\nmembers = {{ role = \"guarantor\" }}\nrule = \"majority\"\n\n\
         [verification]\nclaimants = [\"UA\"]\nbody = \"b\"\ndecide_within = \"{}\"\nburden = \"flipped\"\n\n\
         [log]\norigin = \"bench.snapback\"\nkey = \"{}\"\n",
        keys.ua.verifier(),
        keys.sec.verifier(),
        keys.g1.verifier(),
        decide_within,
        keys.log.verifier()
    )
}

/// A signed `claim.filed` with a unique id.
pub(crate) fn claim(key: &SignerKey, id: &str, at: Timestamp) -> crate::error::Result<Submission> {
    let event = Event {
        at,
        party: snapback_charter::PartyId::new("UA")?,
        kind: EventKind::ClaimFiled(ClaimFiled {
            claim: snapback_charter::ClaimId::new(id)?,
            category: "shelling".into(),
            severity: 1,
            summary: "benchmark".into(),
            location: None,
            occurred_at: None,
            allegation: Default::default(),
        }),
    };
    let body = EntryBody::new(EntryKind::Input, key, random_nonce()?, input_event(&event)?)?;
    Ok(Submission::sign(body, key)?)
}

/// A signed `vote.cast` by G1 finding claim `id` unfounded (one vote of three: it stays open).
pub(crate) fn vote(key: &SignerKey, id: &str, at: Timestamp) -> crate::error::Result<Submission> {
    let event = Event {
        at,
        party: snapback_charter::PartyId::new("G1")?,
        kind: EventKind::VoteCast(VoteCast::Claim {
            claim: snapback_charter::ClaimId::new(id)?,
            verdict: Verdict::Unfounded,
        }),
    };
    let body = EntryBody::new(EntryKind::Input, key, random_nonce()?, input_event(&event)?)?;
    Ok(Submission::sign(body, key)?)
}

pub(crate) fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(0.0)
}

/// Writes 4 KiB and fdatasyncs, in a loop, for `seconds`: the disk's durable-write rate.
pub(crate) fn fsync_rate(dir: &Path, seconds: u64) -> crate::error::Result<f64> {
    let path = dir.join("fsync-probe");
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .write(true)
        .truncate(true)
        .open(&path)?;
    let block = [0u8; 4096];
    let start = Instant::now();
    let mut n = 0u64;
    while start.elapsed() < Duration::from_secs(seconds) {
        file.write_all(&block)?;
        file.sync_data()?;
        n += 1;
    }
    let rate = n as f64 / start.elapsed().as_secs_f64();
    drop(file);
    let _ = std::fs::remove_file(&path);
    Ok(rate)
}

type Request = (
    Submission,
    Result<snapback_ledger::Prepared, snapback_log::entry::EntryError>,
    tokio::sync::oneshot::Sender<bool>,
);

/// What the sequencer did: how many submissions it appended, how many it refused (with the first
/// refusal), and the ledger it owned.
struct Sequenced<S: Store> {
    appended: u64,
    refused: u64,
    first_refusal: Option<String>,
    ledger: Ledger<S>,
}

/// The sequencer: owns the ledger, takes every waiting submission, commits them as one batch.
fn sequencer<S: Store>(
    mut ledger: Ledger<S>,
    rx: mpsc::Receiver<Request>,
) -> crate::error::Result<Sequenced<S>> {
    let mut appended = 0u64;
    let mut refused = 0u64;
    let mut first_refusal = None;
    while let Ok(first) = rx.recv() {
        let mut requests = vec![first];
        requests.extend(rx.try_iter().take(4_095));
        let now = ledger.next_time(Timestamp::now());
        let batch: Vec<(Submission, Timestamp)> =
            requests.iter().map(|(s, _, _)| (s.clone(), now)).collect();
        let prepared = requests.iter().map(|(_, p, _)| p.clone()).collect();
        let outcomes = ledger.submit_prepared(&batch, prepared)?;
        for ((_, _, reply), outcome) in requests.into_iter().zip(outcomes) {
            let ok = matches!(outcome, Outcome::Appended { .. });
            appended += u64::from(ok);
            if !ok {
                refused += 1;
                if first_refusal.is_none() {
                    first_refusal = Some(format!("{outcome:?}"));
                }
            }
            let _ = reply.send(ok);
        }
    }
    Ok(Sequenced {
        appended,
        refused,
        first_refusal,
        ledger,
    })
}

/// Submissions per submitter: as many as `seconds` could take at 30,000 appends per second.
pub(crate) fn per_submitter(submitters: usize, seconds: u64) -> usize {
    ((30_000 * seconds as usize) / submitters).max(100)
}

/// What an append measurement found.
#[derive(Debug, Clone, Copy)]
struct Rate {
    /// Durable appends per second.
    per_second: f64,
    /// Mean group size: appends per commit (one transaction, one sync, one checkpoint each).
    per_commit: f64,
    /// Cores the whole machine kept busy meanwhile (the submitters, the sequencer and any
    /// database server), where it can be read.
    busy_cores: Option<f64>,
}

impl Rate {
    /// CPU time the machine spent per append, in microseconds.
    fn cpu_per_append_us(&self) -> Option<f64> {
        self.busy_cores.map(|busy| busy * 1e6 / self.per_second)
    }

    /// The rate had every core been as busy per append as it was here: a bound that removing
    /// waits cannot pass, only spending less CPU per append.
    fn cpu_bound_per_second(&self) -> Option<f64> {
        self.cpu_per_append_us()
            .filter(|us| *us > 0.0)
            .map(|us| crate::cpu::cores() as f64 * 1e6 / us)
    }
}

/// One round of `bench log`: the disk's fsync rate, then 64 submitters on SQLite and (given a
/// URL) PostgreSQL.
struct Round {
    fsync: f64,
    sqlite: Rate,
    pg: Option<Rate>,
}

/// Durable appends per second with `submitters` closed-loop submitters for `seconds`. Each
/// submitter signs its entries before the clock starts: signing is the submitter's cost, on its
/// own machine, not the log's.
fn appends<S: Store + 'static>(
    ledger: Ledger<S>,
    keys: &Keys,
    submitters: usize,
    seconds: u64,
    tag: &str,
) -> crate::error::Result<Rate> {
    let per_worker = per_submitter(submitters, seconds);
    let signed: Vec<Vec<Submission>> = (0..submitters)
        .map(|w| {
            (0..per_worker)
                .map(|i| claim(&keys.ua, &format!("{tag}-{w}-{i}"), Timestamp::now()))
                .collect()
        })
        .collect::<crate::error::Result<_>>()?;
    let before = crate::cpu::now();
    let run = submit_concurrently(ledger, signed, seconds)?;
    let busy_cores = crate::cpu::busy_cores(before, crate::cpu::now());
    Ok(Rate {
        per_second: run.acknowledged as f64 / run.seconds,
        per_commit: run.acknowledged as f64 / run.commits.max(1) as f64,
        busy_cores,
    })
}

/// What [`submit_concurrently`] measured, and the ledger afterwards.
pub(crate) struct Submitted<S: Store> {
    /// Submissions appended and acknowledged.
    pub acknowledged: u64,
    /// Submissions the ledger refused (none in a well-formed benchmark), and the first reason.
    pub refused: u64,
    pub first_refusal: Option<String>,
    /// Wall time from the first submission to the last acknowledgement.
    pub seconds: f64,
    /// Commits the sequencer made (each a group of submissions: one transaction, one sync).
    pub commits: u64,
    pub ledger: Ledger<S>,
}

/// Runs one closed-loop submitter per list in `signed` (each sends its next submission when the
/// previous one is acknowledged) against a sequencer thread that owns `ledger` and commits
/// whatever is waiting as one batch, until the lists run out or `seconds` pass.
///
/// The submitters have the server's shape: tasks on a multi-threaded tokio runtime with one
/// worker per core, each checking its submission's signature on its worker (as a request handler
/// does) and awaiting a oneshot reply (as `NodeHandle::submit` does). One OS thread per submitter
/// measured the kernel instead: 64 threads woken by each group's acknowledgements preempted the
/// sequencer about 17 times per group (30,000 involuntary context switches in 5 s), where the
/// server's two workers cost about one.
pub(crate) fn submit_concurrently<S: Store + 'static>(
    ledger: Ledger<S>,
    signed: Vec<Vec<Submission>>,
    seconds: u64,
) -> crate::error::Result<Submitted<S>> {
    let keyring = ledger.keyring().clone();
    let commits_before = ledger.commits();
    let (tx, rx) = mpsc::channel::<Request>();
    let seq = std::thread::Builder::new()
        .name("sequencer".to_owned())
        .spawn(move || sequencer(ledger, rx))
        .context("starting the sequencer")?;
    let start = Instant::now();
    let deadline = start + Duration::from_secs(seconds);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the submitters' runtime")?;
    let total = runtime.block_on(async move {
        let mut tasks = tokio::task::JoinSet::new();
        for mine in signed {
            let tx = tx.clone();
            let keyring = keyring.clone();
            tasks.spawn(async move {
                let mut done = 0u64;
                for s in mine {
                    if Instant::now() >= deadline {
                        break;
                    }
                    // Like a server's request handler: check the signature on this worker.
                    let prepared = keyring.prepare(&s, Timestamp::now());
                    let (reply, ack) = tokio::sync::oneshot::channel();
                    tx.send((s, prepared, reply))
                        .map_err(|_| crate::failed!("the sequencer stopped"))?;
                    if ack
                        .await
                        .map_err(|_| crate::failed!("no acknowledgement"))?
                    {
                        done += 1;
                    }
                }
                Ok::<u64, crate::error::BenchError>(done)
            });
        }
        drop(tx);
        let mut total = 0;
        while let Some(done) = tasks.join_next().await {
            total += done.map_err(|_| crate::failed!("a submitter panicked"))??;
        }
        Ok::<u64, crate::error::BenchError>(total)
    })?;
    let elapsed = start.elapsed().as_secs_f64();
    let sequenced = seq
        .join()
        .map_err(|_| crate::failed!("the sequencer panicked"))??;
    crate::ensure!(
        sequenced.appended == total,
        "acknowledged {total} but appended {}",
        sequenced.appended
    );
    Ok(Submitted {
        acknowledged: total,
        refused: sequenced.refused,
        first_refusal: sequenced.first_refusal,
        seconds: elapsed,
        commits: sequenced.ledger.commits() - commits_before,
        ledger: sequenced.ledger,
    })
}

fn sqlite_ledger(dir: &Path, name: &str, keys: &Keys) -> crate::error::Result<Ledger<SqliteStore>> {
    sqlite_ledger_with(dir, name, keys, charter(keys)?)
}

/// A ledger over a new SQLite file `name.sqlite` in `dir` (an older one is removed first).
pub(crate) fn sqlite_ledger_with(
    dir: &Path,
    name: &str,
    keys: &Keys,
    history: CharterHistory,
) -> crate::error::Result<Ledger<SqliteStore>> {
    let path = dir.join(format!("{name}.sqlite"));
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    let store = SqliteStore::open(&path)?;
    keys.ledger(store, history)
}

fn pg_ledger(url: &str, keys: &Keys) -> crate::error::Result<Ledger<PgStore>> {
    pg_ledger_with(url, keys, charter(keys)?)
}

/// A ledger over the PostgreSQL database at `url`, emptied first (a scratch database).
pub(crate) fn pg_ledger_with(
    url: &str,
    keys: &Keys,
    history: CharterHistory,
) -> crate::error::Result<Ledger<PgStore>> {
    let mut client =
        postgres::Client::connect(url, postgres::NoTls).context("connecting to PostgreSQL")?;
    client
        .batch_execute("DROP TABLE IF EXISTS evidence, entries, nodes, checkpoints, meta")
        .context("clearing the benchmark database")?;
    drop(client);
    let store = PgStore::open(url, PgMode::Writer)?;
    keys.ledger(store, history)
}

/// Raw single-core Ed25519 verifications per second (ed25519-dalek verify_strict).
fn ed25519_rate() -> crate::error::Result<f64> {
    let key = SignerKey::from_seed("x", Alg::Ed25519, &[9; 32])?;
    let verifier = key.verifier();
    let messages: Vec<Vec<u8>> = (0..256u32)
        .map(|i| format!("message {i}").into_bytes())
        .collect();
    let sigs: Vec<[u8; 64]> = messages.iter().map(|m| key.sign(m)).collect();
    let start = Instant::now();
    let mut n = 0u64;
    while start.elapsed() < Duration::from_secs(2) {
        for (m, s) in messages.iter().zip(&sigs) {
            crate::ensure!(verifier.verify(m, s), "a valid signature failed");
            n += 1;
        }
    }
    Ok(n as f64 / start.elapsed().as_secs_f64())
}

/// `openssl speed ed25519` verify/s on one core, if openssl is installed.
fn openssl_rate() -> Option<f64> {
    let out = std::process::Command::new("openssl")
        .args(["speed", "-seconds", "2", "ed25519"])
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    let line = text.lines().find(|l| l.contains("Ed25519"))?;
    line.split_whitespace().last()?.parse().ok()
}

/// Verify throughput on a generated log of `n` entries (claims in batches of 1,000).
fn verify_rate(dir: &Path, keys: &Keys, n: u64) -> crate::error::Result<(f64, u64)> {
    let mut ledger = sqlite_ledger(dir, "verify", keys)?;
    let start_at = Timestamp::from_second(1_767_225_600)?;
    let mut i = 0u64;
    while i < n {
        let at = start_at.checked_add(jiff::SignedDuration::from_secs(i as i64))?;
        let batch: Vec<(Submission, Timestamp)> = (i..(i + 1_000).min(n))
            .map(|j| claim(&keys.ua, &format!("V{j}"), at).map(|s| (s, at)))
            .collect::<crate::error::Result<_>>()?;
        ledger.submit(&batch)?;
        i += 1_000;
    }
    let store = ledger.store();
    let size = store.size();
    let entries = store.entries(0, size)?;
    let leaves: Vec<_> = (0..size)
        .map(|j| store.node(0, j))
        .collect::<Result<_, _>>()?;
    let note = store.checkpoint()?.context("a checkpoint")?.note;
    let history = ledger.history().clone();
    let mut rates = Vec::new();
    for _ in 0..3 {
        let log = LogUnderTest {
            entries: &entries,
            stored_leaves: Some(&leaves),
            checkpoint: Some(&note),
            log_key: None,
        };
        let start = Instant::now();
        verify(&history, &log)
            .map_err(|e| crate::failed!("the generated log does not verify: {e}"))?;
        rates.push(size as f64 / start.elapsed().as_secs_f64());
    }
    Ok((median(rates), size))
}

/// Inclusion proofs per second at `size` leaves (in-memory tree, random indices).
fn proof_rate(size: u64) -> crate::error::Result<f64> {
    let mut tree = MemoryTree::new();
    for i in 0..size {
        tree.push(leaf_hash(&i.to_be_bytes()));
    }
    let mut x: u64 = 0x9e37_79b9;
    let start = Instant::now();
    let mut n = 0u64;
    while start.elapsed() < Duration::from_secs(2) {
        for _ in 0..1_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let proof =
                inclusion_proof(&tree, x % size, size).map_err(|e| crate::failed!("{e:?}"))?;
            n += u64::from(!proof.is_empty());
        }
    }
    Ok(n as f64 / start.elapsed().as_secs_f64())
}

/// How a goal's line ends.
/// ", 1.52 of 2 cores busy" for a round's line, or nothing where CPU time cannot be read.
fn busy_text(rate: &Rate) -> String {
    rate.busy_cores
        .map(|busy| format!(", {busy:.2} of {} cores busy", crate::cpu::cores()))
        .unwrap_or_default()
}

/// The machine's limit next to a store's rate: the CPU spent per append and the rate (and appends
/// per fsync) that CPU cost allows with every core busy, medians over the rounds; `then` adds a
/// comparison given the median CPU per append and the limit per fsync. Returns the median CPU
/// per append in microseconds, if measured.
fn print_cpu(
    rounds: &[Round],
    rate: impl Fn(&Round) -> Option<Rate>,
    whose: &str,
    then: impl Fn(f64, f64) -> String,
) -> Option<f64> {
    let of = |f: &dyn Fn(&Round, Rate) -> Option<f64>| -> Vec<f64> {
        rounds
            .iter()
            .filter_map(|r| rate(r).and_then(|rate| f(r, rate)))
            .collect()
    };
    let busy = of(&|_, rate| rate.busy_cores);
    if busy.is_empty() {
        println!("    CPU: not measured (no /proc/stat on this system)");
        return None;
    }
    let per_append = median(of(&|_, rate| rate.cpu_per_append_us()));
    let bound = median(of(&|_, rate| rate.cpu_bound_per_second()));
    let bound_per_fsync = median(of(&|r, rate| {
        rate.cpu_bound_per_second().map(|b| b / r.fsync)
    }));
    println!(
        "    CPU: {:.2} of {} cores busy, {per_append:.0} us of CPU per append{whose}, medians: the machine's limit at that cost, every core busy, is {bound:.0} appends/s = {bound_per_fsync:.2} per fsync{}",
        median(busy),
        crate::cpu::cores(),
        then(per_append, bound_per_fsync),
    );
    Some(per_append)
}

fn met(ok: bool) -> &'static str {
    if ok { "met" } else { "NOT met" }
}

pub fn run(args: &LogArgs) -> crate::error::Result<()> {
    let dir = args.dir.clone().unwrap_or_else(|| {
        std::env::temp_dir().join(format!("snapback-bench-{}", std::process::id()))
    });
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    let keys = keys()?;
    println!(
        "snapback bench log ({}s per append measurement; files in {})",
        args.seconds,
        dir.display()
    );

    // Each round: the disk's fsync rate, then 64 submitters on SQLite (and PostgreSQL), so
    // every ratio divides by the disk as it was at the time.
    let mut rounds = Vec::new();
    for round in 1..=args.rounds {
        let fsync = fsync_rate(&dir, 2)?;
        let sqlite = appends(
            sqlite_ledger(&dir, &format!("many-{round}"), &keys)?,
            &keys,
            SUBMITTERS,
            args.seconds,
            &format!("s64-{round}"),
        )?;
        let pg = match &args.database_url {
            Some(url) => Some(appends(
                pg_ledger(url, &keys)?,
                &keys,
                SUBMITTERS,
                args.seconds,
                &format!("p64-{round}"),
            )?),
            None => None,
        };
        println!(
            "  round {round}: {fsync:>6.0} fsyncs/s; SQLite {:>6.0} appends/s ({:.2} per fsync, {:.1} per commit{}){}",
            sqlite.per_second,
            sqlite.per_second / fsync,
            sqlite.per_commit,
            busy_text(&sqlite),
            pg.map(|pg| format!(
                "; PostgreSQL {:>6.0}/s ({:.1} per commit{})",
                pg.per_second,
                pg.per_commit,
                busy_text(&pg)
            ))
            .unwrap_or_default()
        );
        rounds.push(Round { fsync, sqlite, pg });
    }
    let of =
        |f: &dyn Fn(&Round) -> Option<f64>| -> Vec<f64> { rounds.iter().filter_map(f).collect() };
    let fsync = median(of(&|r| Some(r.fsync)));
    println!(
        "  disk: {fsync:>10.0} fsyncs/s (median of {} rounds; 4 KiB write + fdatasync, same directory)",
        rounds.len()
    );
    let one = appends(
        sqlite_ledger(&dir, "one", &keys)?,
        &keys,
        1,
        args.seconds,
        "s1",
    )?
    .per_second;
    println!(
        "  SQLite, 1 submitter:   {one:>10.0} durable signed appends/s  ({:.2} per fsync)",
        one / fsync
    );
    let many = median(of(&|r| Some(r.sqlite.per_second)));
    let per_fsync = median(of(&|r| Some(r.sqlite.per_second / r.fsync)));
    println!(
        "  SQLite, {SUBMITTERS} submitters: {many:>10.0} durable signed appends/s, median (goal >= {GOAL_APPENDS_64:.0}: {})",
        met(many >= GOAL_APPENDS_64)
    );
    println!(
        "    group commit: {:.1} appends per commit, {per_fsync:.2} appends per fsync, medians (goal >= {GOAL_PER_FSYNC:.0} per fsync: {})",
        median(of(&|r| Some(r.sqlite.per_commit))),
        met(per_fsync >= GOAL_PER_FSYNC)
    );
    let sqlite_cpu = print_cpu(
        &rounds,
        |r| Some(r.sqlite),
        "",
        |_, bound_per_fsync| {
            if bound_per_fsync < GOAL_PER_FSYNC {
                format!(
                    " (the goal of {GOAL_PER_FSYNC:.0} per fsync is beyond it: this disk syncs faster than two cores can check, judge and commit appends at this cost)"
                )
            } else {
                String::new()
            }
        },
    );
    match &args.database_url {
        Some(url) => {
            let one = appends(pg_ledger(url, &keys)?, &keys, 1, args.seconds, "p1")?.per_second;
            println!("  PostgreSQL, 1 submitter:   {one:>10.0} durable signed appends/s");
            let pg = median(of(&|r| r.pg.map(|p| p.per_second)));
            let ratio = median(of(&|r| r.pg.map(|p| p.per_second / r.sqlite.per_second)));
            let ahead = rounds
                .iter()
                .filter(|r| r.pg.is_some_and(|p| p.per_second >= r.sqlite.per_second))
                .count();
            println!(
                "  PostgreSQL, {SUBMITTERS} submitters: {pg:>10.0} durable signed appends/s, median"
            );
            println!(
                "    group commit: {:.1} appends per commit, {:.2} appends per fsync, medians; {ratio:.2}x SQLite's rate in the same round, median (goal >= SQLite's rate: {}; at or above it in {ahead} of {} rounds)",
                median(of(&|r| r.pg.map(|p| p.per_commit))),
                median(of(&|r| r.pg.map(|p| p.per_second / r.fsync))),
                met(ratio >= 1.0),
                rounds.len()
            );
            print_cpu(
                &rounds,
                |r| r.pg,
                " (the database server's processes included)",
                |per_append, _| {
                    sqlite_cpu
                        .map(|sqlite| {
                            format!("; {:.2}x SQLite's CPU per append", per_append / sqlite)
                        })
                        .unwrap_or_default()
                },
            );
        }
        None => println!(
            "  PostgreSQL: not measured (pass --database-url postgres://... of a scratch database)"
        ),
    }

    let dalek = ed25519_rate()?;
    let openssl = openssl_rate();
    let (verify, size) = verify_rate(&dir, &keys, args.verify_entries)?;
    println!("  Ed25519 verify, one core: {dalek:>10.0}/s ed25519-dalek verify_strict");
    match openssl {
        Some(o) => println!("  Ed25519 verify, one core: {o:>10.0}/s openssl speed ed25519"),
        None => println!("  Ed25519 verify, one core: openssl not installed"),
    }
    let reference = openssl.unwrap_or(dalek);
    println!(
        "  verify ({size} entries, {} threads): {verify:>10.0} entries/s = {:.2}x the single-core {} rate (goal >= 2x: {})",
        rayon::current_num_threads(),
        verify / reference,
        if openssl.is_some() {
            "OpenSSL"
        } else {
            "dalek"
        },
        met(verify >= 2.0 * reference)
    );

    let proofs = proof_rate(1_000_000)?;
    println!("  inclusion proofs at 1,000,000 entries: {proofs:>10.0}/s (in-memory tree)");
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}
