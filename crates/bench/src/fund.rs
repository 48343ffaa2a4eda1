//! `snapback bench fund`: the fund's figures, each next to a peer or limit measured in the same
//! run.
//!
//! * Transfers per second through the pure book ([`snapback_fund::Book`]) on one core, one
//!   transfer per call and in linked chains of four, next to the same ids inserted into an
//!   `FxHashMap` (a floor for anything that checks that ids are unique). The transfers are the
//!   fund's own movements: money in, a disbursement out of a credit-limited pool, a reservation
//!   and its partial post (two-phase), with ids and amounts made before the clock starts.
//! * Loans ([`crate::loans`]): 1,000 thirty-year schedules generated and posted, in
//!   milliseconds, next to the same number of ready-made transfers through the book.
//! * Durable fund transfers per second through the store: signed `fund.paid_in` and
//!   `fund.disbursed` events submitted to the real ledger by 64 submitter threads, exactly as
//!   `bench log` submits claims (signature check on the submitter's thread, the engine's
//!   judgement and the books, entries and a signed checkpoint committed per batch), counted as
//!   events and as book transfers (a payment that settles a pledge posts two, a disbursement
//!   one), next to the disk's fsync rate in the same directory. SQLite, and PostgreSQL given a
//!   URL.

use std::path::PathBuf;
use std::time::Instant;

use crate::error::Context;
use clap::Args;
use jiff::Timestamp;
use rust_decimal::Decimal;
use rustc_hash::FxHashMap;
use snapback_charter::{
    CharterHistory, Currency, PartyId, PurposeId, RecipientId, Source, TransferId, load_toml,
};
use snapback_engine::event::{Event, EventKind, FundDisbursement, FundMoney};
use snapback_fund::{AccountFlags, AccountIdx};

type Book = snapback_fund::Book<TransferId>;
type Transfer = snapback_fund::Transfer<TransferId>;
type Kind = snapback_fund::Kind<TransferId>;
use snapback_ledger::convert::input_event;
use snapback_ledger::{Ledger, Outcome, Submission};
use snapback_log::entry::{EntryBody, EntryKind, random_nonce};
use snapback_log::keys::{Alg, SignerKey};
use snapback_store::Store;

use crate::log::{
    Keys, SUBMITTERS, fsync_rate, keys, median, per_submitter, pg_ledger_with, sqlite_ledger_with,
    submit_concurrently,
};

#[derive(Args, Debug)]
pub struct FundArgs {
    /// Transfers per run through the pure book.
    #[arg(long, default_value_t = 1_000_000)]
    transfers: usize,
    /// Runs of the book measurement; the median is reported.
    #[arg(long, default_value_t = 5)]
    runs: u32,
    /// Seconds each durable measurement runs.
    #[arg(long, default_value_t = 5)]
    seconds: u64,
    /// Also measure a PostgreSQL store (a database the benchmark may fill; use a scratch one).
    #[arg(long, env = "SNAPBACK_BENCH_DATABASE_URL")]
    database_url: Option<String>,
    /// Where to put the SQLite files (default: a directory under the system temp dir).
    #[arg(long)]
    dir: Option<PathBuf>,
}

/// The goals from the issue.
const GOAL_BOOK: f64 = 1_000_000.0;
const GOAL_DURABLE: f64 = 10_000.0;
/// Transfers per linked chain in the batched book measurement.
const CHAIN: usize = 4;

pub fn run(args: &FundArgs) -> crate::error::Result<()> {
    crate::ensure!(args.runs > 0, "--runs must be at least 1");
    crate::ensure!(
        args.transfers >= CHAIN,
        "--transfers must be at least {CHAIN}"
    );
    println!(
        "snapback bench fund ({} transfers per book run, median of {} runs; {}s per durable measurement)",
        args.transfers, args.runs, args.seconds
    );
    bench_book(args)?;
    crate::loans::bench_loans(args.runs)?;
    bench_durable(args)
}

// --- the pure book -------------------------------------------------------------------------------

/// The accounts of the book benchmark.
struct Accounts {
    world: AccountIdx,
    pool: AccountIdx,
    recipients: Vec<AccountIdx>,
}

fn open_accounts(book: &mut Book) -> crate::error::Result<Accounts> {
    let world = book.open("contributor:X:paid-in", AccountFlags::NONE)?;
    let pool = book.open("pool:core", AccountFlags::CREDIT_LIMITED)?;
    let recipients = (0..8)
        .map(|i| book.open(&format!("recipient:R{i}"), AccountFlags::CREDIT_LIMITED))
        .collect::<Result<_, _>>()?;
    Ok(Accounts {
        world,
        pool,
        recipients,
    })
}

/// `n` transfers in groups of four: 100.00 in, a disbursement of 10.00 to be paid out of the
/// credit-limited pool, a reservation of 50.00 and the post of 30.00 of it (the rest released).
/// Every transfer is valid; the ids are unique.
fn book_transfers(n: usize, a: &Accounts) -> crate::error::Result<Vec<Transfer>> {
    let mut out = Vec::with_capacity(n);
    let mut i = 0usize;
    while out.len() < n {
        let recipient = a.recipients[i % a.recipients.len()];
        let id = |suffix: &str| TransferId::new(&format!("b{i}{suffix}"));
        let reservation = id("r")?;
        let group = [
            (
                id("i")?,
                a.world,
                a.pool,
                Decimal::new(10_000, 2),
                Kind::Posted,
            ),
            (
                id("d")?,
                a.pool,
                recipient,
                Decimal::new(1_000, 2),
                Kind::Posted,
            ),
            (
                reservation.clone(),
                a.pool,
                recipient,
                Decimal::new(5_000, 2),
                Kind::Pending,
            ),
            (
                id("p")?,
                a.pool,
                recipient,
                Decimal::new(3_000, 2),
                Kind::Post {
                    pending: reservation,
                },
            ),
        ];
        for (id, debit, credit, amount, kind) in group {
            if out.len() < n {
                out.push(Transfer {
                    id,
                    debit,
                    credit,
                    amount,
                    code: 1,
                    kind,
                });
            }
        }
        i += 1;
    }
    Ok(out)
}

/// One run: a new book, every transfer created (one per call, or in linked chains); transfers
/// per second. The book is dropped after the clock stops.
fn book_run(transfers: &[Transfer], chained: bool) -> crate::error::Result<f64> {
    let mut book = Book::new();
    open_accounts(&mut book)?;
    let start = Instant::now();
    if chained {
        for chain in transfers.chunks(CHAIN) {
            book.create_linked(chain)
                .map_err(|e| crate::failed!("the book refused a chain: {e}"))?;
        }
    } else {
        for t in transfers {
            book.create(t)
                .map_err(|e| crate::failed!("the book refused {}: {e}", t.id))?;
        }
    }
    let rate = transfers.len() as f64 / start.elapsed().as_secs_f64();
    crate::ensure!(
        book.transfer_count() == transfers.len(),
        "the book holds {} transfers, not {}",
        book.transfer_count(),
        transfers.len()
    );
    let totals = book.totals().context("the totals overflow")?;
    crate::ensure!(
        totals.debits_posted == totals.credits_posted
            && totals.debits_pending == totals.credits_pending,
        "the book does not balance"
    );
    drop(book);
    Ok(rate)
}

/// The peer: the same ids inserted into an `FxHashMap`, refusing a repeated one.
fn map_run(transfers: &[Transfer]) -> crate::error::Result<f64> {
    let mut map: FxHashMap<TransferId, u32> = FxHashMap::default();
    let start = Instant::now();
    for (i, t) in transfers.iter().enumerate() {
        if map.insert(t.id.clone(), i as u32).is_some() {
            crate::bail!("id {} repeated", t.id);
        }
    }
    let rate = transfers.len() as f64 / start.elapsed().as_secs_f64();
    crate::ensure!(map.len() == transfers.len(), "the map lost ids");
    drop(map);
    Ok(rate)
}

fn bench_book(args: &FundArgs) -> crate::error::Result<()> {
    let mut scratch = Book::new();
    let accounts = open_accounts(&mut scratch)?;
    let transfers = book_transfers(args.transfers, &accounts)?;
    let (mut single, mut chained, mut peer) = (Vec::new(), Vec::new(), Vec::new());
    // Interleaved, so that a noisy moment hits every figure alike.
    for _ in 0..args.runs {
        single.push(book_run(&transfers, false)?);
        chained.push(book_run(&transfers, true)?);
        peer.push(map_run(&transfers)?);
    }
    let (single, chained, peer) = (median(single), median(chained), median(peer));
    let verdict = |rate: f64| if rate >= GOAL_BOOK { "met" } else { "NOT met" };
    println!("  book, one core (posted, pending and partial posts; credit-limited pool):");
    println!(
        "    one transfer per call:     {single:>12.0} transfers/s  (goal >= {GOAL_BOOK:.0}: {})",
        verdict(single)
    );
    println!(
        "    linked chains of {CHAIN}:       {chained:>12.0} transfers/s  (goal >= {GOAL_BOOK:.0}: {})",
        verdict(chained)
    );
    println!("    peer, same ids into an FxHashMap: {peer:>12.0} inserts/s");
    println!(
        "    book / peer: {:.3} (one per call), {:.3} (chains)",
        single / peer,
        chained / peer
    );
    Ok(())
}

// --- durable transfers ---------------------------------------------------------------------------

/// The benchmark's parties that move money: the fund's manager and its two contributors.
struct FundKeys {
    log: Keys,
    manager: SignerKey,
    /// G1 pays against its pledge (each payment posts two transfers).
    payer: SignerKey,
    /// G2 paid the capital the disbursements draw on.
    capital: SignerKey,
}

fn fund_keys() -> crate::error::Result<FundKeys> {
    let log = keys()?;
    Ok(FundKeys {
        manager: SignerKey::from_seed("FB", Alg::Ed25519, &[5; 32])?,
        payer: log.g1.clone(),
        capital: SignerKey::from_seed("G2", Alg::Ed25519, &[6; 32])?,
        log,
    })
}

/// The log benchmark's charter plus a fund (in euros, managed by FB, with G1 and G2 as
/// contributors), every party that signs holding its benchmark key.
fn fund_charter(k: &FundKeys) -> crate::error::Result<CharterHistory> {
    let text = format!(
        "[charter]\nid = \"bench-fund\"\ntitle = \"Fund benchmark\"\nversion = \"1\"\neffective = 2026-01-01T00:00:00Z\nbeneficiary = \"UA\"\n\n\
         [[party]]\nid = \"UA\"\nname = \"Beneficiary\"\nroles = [\"beneficiary\"]\nkeys = [\"{ua}\"]\n\n\
         [[party]]\nid = \"SEC\"\nname = \"Secretariat\"\nroles = [\"secretariat\"]\nkeys = [\"{sec}\"]\n\n\
         [[party]]\nid = \"FB\"\nname = \"Fund board\"\nroles = [\"observer\"]\nkeys = [\"{fb}\"]\n\n\
         [[party]]\nid = \"G1\"\nname = \"G1\"\nroles = [\"guarantor\"]\nkeys = [\"{g1}\"]\n\n\
         [[party]]\nid = \"G2\"\nname = \"G2\"\nroles = [\"guarantor\"]\nkeys = [\"{g2}\"]\n\n\
         [[party]]\nid = \"G3\"\nname = \"G3\"\nroles = [\"guarantor\"]\n\n\
         [[body]]\nid = \"b\"\nmembers = {{ role = \"guarantor\" }}\nrule = \"majority\"\n\n\
         [verification]\nclaimants = [\"UA\"]\nbody = \"b\"\ndecide_within = \"30d\"\nburden = \"flipped\"\n\n\
         [fund]\nname = \"Benchmark fund\"\ncurrency = \"EUR\"\nmanager = \"FB\"\nquiet_period = \"90d\"\n\
         [fund.purposes]\npeace = [\"reconstruction\"]\nconflict = [\"reconstruction\", \"budget-support\"]\n\
         [[fund.contributor]]\nparty = \"G1\"\nkey = \"0.5\"\n\
         [[fund.contributor]]\nparty = \"G2\"\nkey = \"0.5\"\n\n\
         [log]\norigin = \"bench.snapback\"\nkey = \"{log}\"\n",
        ua = k.log.ua.verifier(),
        sec = k.log.sec.verifier(),
        fb = k.manager.verifier(),
        g1 = k.payer.verifier(),
        g2 = k.capital.verifier(),
        log = k.log.log.verifier(),
    );
    let c = load_toml(&Source::new("bench-fund.toml", text)).map_err(|d| crate::failed!("{d}"))?;
    Ok(CharterHistory::single(c))
}

fn eur() -> crate::error::Result<Currency> {
    Ok(Currency::parse("EUR")?)
}

fn sign(key: &SignerKey, kind: EventKind) -> crate::error::Result<Submission> {
    let event = Event {
        at: Timestamp::now(),
        party: PartyId::new(key.name())?,
        kind,
    };
    let body = EntryBody::new(EntryKind::Input, key, random_nonce()?, input_event(&event)?)?;
    Ok(Submission::sign(body, key)?)
}

/// A signed `fund.paid_in` (or, with `pledge`, `fund.pledged`) of `amount` euros by `key`'s party.
fn money(
    key: &SignerKey,
    id: &str,
    amount: Decimal,
    pledge: bool,
) -> crate::error::Result<Submission> {
    let m = FundMoney {
        transfer: TransferId::new(id)?,
        contributor: None,
        amount,
        currency: eur()?,
        obligation: None,
        reference: None,
        value_date: None,
    };
    sign(
        key,
        if pledge {
            EventKind::FundPledged(m)
        } else {
            EventKind::FundPaidIn(m)
        },
    )
}

/// A signed `fund.disbursed` of `amount` euros for reconstruction in Ukraine, by the manager.
fn disbursement(key: &SignerKey, id: &str, amount: Decimal) -> crate::error::Result<Submission> {
    sign(
        key,
        EventKind::FundDisbursed(FundDisbursement {
            transfer: TransferId::new(id)?,
            purpose: PurposeId::new("reconstruction")?,
            recipient: RecipientId::new("UA")?,
            amount,
            currency: eur()?,
            reference: "benchmark".to_owned(),
            decision: None,
        }),
    )
}

/// Before the clock: G2 pays in 10 × 10^15 (the money disbursements draw on) and G1 pledges
/// 10 × 10^15 (so that each of its payments also settles part of the pledge).
fn prefund<S: Store>(ledger: &mut Ledger<S>, k: &FundKeys) -> crate::error::Result<()> {
    let max = snapback_charter::AMOUNT_MAX;
    let mut batch = Vec::new();
    for i in 0..10 {
        batch.push(money(&k.capital, &format!("capital-{i}"), max, false)?);
        batch.push(money(&k.payer, &format!("pledge-{i}"), max, true)?);
    }
    let at = ledger.next_time(Timestamp::now());
    let items: Vec<(Submission, Timestamp)> = batch.into_iter().map(|s| (s, at)).collect();
    for outcome in ledger.submit(&items)? {
        crate::ensure!(
            matches!(outcome, Outcome::Appended { .. }),
            "funding the benchmark fund was refused: {outcome:?}"
        );
    }
    Ok(())
}

/// Every submitter alternates payments of 1.00 by G1 (two transfers each: the cash and the
/// settlement of its pledge) and disbursements of 1.00 by the manager (one transfer).
fn signed_events(
    k: &FundKeys,
    submitters: usize,
    seconds: u64,
    tag: &str,
) -> crate::error::Result<Vec<Vec<Submission>>> {
    let per_worker = per_submitter(submitters, seconds);
    let one = Decimal::new(100, 2);
    (0..submitters)
        .map(|w| {
            (0..per_worker)
                .map(|i| {
                    let id = format!("{tag}-{w}-{i}");
                    if (w + i) % 2 == 0 {
                        money(&k.payer, &id, one, false)
                    } else {
                        disbursement(&k.manager, &id, one)
                    }
                })
                .collect()
        })
        .collect()
}

/// Events and book transfers per second, durably, with [`SUBMITTERS`] submitters.
fn durable<S: Store + 'static>(
    mut ledger: Ledger<S>,
    k: &FundKeys,
    seconds: u64,
    tag: &str,
) -> crate::error::Result<(f64, f64)> {
    prefund(&mut ledger, k)?;
    let signed = signed_events(k, SUBMITTERS, seconds, tag)?;
    let before = ledger.engine().fund_book().transfer_count();
    let run = submit_concurrently(ledger, signed, seconds)?;
    if let Some(reason) = &run.first_refusal {
        crate::bail!(
            "the ledger refused {} fund events, the first because: {reason}",
            run.refused
        );
    }
    let book = run.ledger.engine().fund_book();
    let transfers = book.transfer_count() - before;
    crate::ensure!(
        books_agree(book, &run.ledger.state().fund.book),
        "the state's books differ from the engine's"
    );
    Ok((
        run.acknowledged as f64 / run.seconds,
        transfers as f64 / run.seconds,
    ))
}

fn books_agree(a: &Book, b: &Book) -> bool {
    a.accounts() == b.accounts() && a.transfer_count() == b.transfer_count()
}

fn bench_durable(args: &FundArgs) -> crate::error::Result<()> {
    let dir = args.dir.clone().unwrap_or_else(|| {
        std::env::temp_dir().join(format!("snapback-bench-fund-{}", std::process::id()))
    });
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    let k = fund_keys()?;
    let history = fund_charter(&k)?;
    println!(
        "  durable, {SUBMITTERS} submitters (signed fund.paid_in and fund.disbursed, 1:1; files in {}):",
        dir.display()
    );
    let fsync = fsync_rate(&dir, 2)?;
    println!("    disk: {fsync:>10.0} fsyncs/s (4 KiB write + fdatasync, same directory)");
    let ledger = sqlite_ledger_with(&dir, "fund", &k.log, history.clone())?;
    let (events, transfers) = durable(ledger, &k, args.seconds, "s")?;
    println!(
        "    SQLite:     {events:>10.0} events/s = {transfers:>10.0} book transfers/s  ({:.1} events per fsync; goal >= {GOAL_DURABLE:.0} transfers/s: {})",
        events / fsync,
        if transfers >= GOAL_DURABLE {
            "met"
        } else {
            "NOT met"
        }
    );
    match &args.database_url {
        Some(url) => {
            let ledger = pg_ledger_with(url, &k.log, history)?;
            let (events, transfers) = durable(ledger, &k, args.seconds, "p")?;
            println!(
                "    PostgreSQL: {events:>10.0} events/s = {transfers:>10.0} book transfers/s"
            );
        }
        None => println!(
            "    PostgreSQL: not measured (pass --database-url postgres://... of a scratch database)"
        ),
    }
    if args.dir.is_none() {
        let _ = std::fs::remove_dir_all(&dir);
    } else {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(dir.join(format!("fund.sqlite{suffix}")));
        }
    }
    Ok(())
}
