//! Property tests of the capability tracker inside the engine, over random event sequences.
//!
//! The charter is `scenarios/charters/capabilities.toml`: three guarantors A, B, C; one tier
//! whose packages count items (air-defence: 100 interceptors from A within 72h; shells: 10,000
//! 155 mm shells from B within 30 days; shells-reserve: 6,000 more from C within 14 days) plus a
//! restriction lift; locations PL (48h transit) and RO (72h). The streams stock six lots (at
//! their home location, at the other one, at an unknown one, or by a stranger to the lot),
//! release from them (half, all, or one more than they hold; by the owner, another party or the
//! secretariat), register four standing contracts with windows before, around and after the
//! activation, call them off, commit, ship and receive aid (sometimes more than is outstanding,
//! sometimes dated earlier or later than recorded), and report receipts against the activated
//! obligations (`A1/air-defence/1`, ...; before the activation they do not exist). One claim by
//! UA, filed somewhere in the first half of the stream, is never voted on: it activates at its
//! 48h deadline, and the activation draws the lots down and calls the contracts off.
//!
//! Time steps are whole multiples of six hours, often none, so several events share an instant
//! and some fall exactly on the activation instant (they are judged before it). The generator
//! follows its events with an engine of its own, so releases and receipts know what is there.

// Helpers outside `#[test]` functions are test code too (clippy.toml allows these in tests).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::collections::{BTreeMap, VecDeque};
use std::sync::OnceLock;

use jiff::{SignedDuration, Timestamp};
use proptest::prelude::*;
use snapback_capability as cap;
use snapback_charter::{
    Charter, CharterHistory, ClaimId, CommitmentId, ContractId, Duration, ItemId, LocationId,
    LotId, ObligationId, PartyId, Source,
};
use snapback_engine::capability::Tracker;
use snapback_engine::capability::report::{capabilities_report, readiness};
use snapback_engine::event::{
    AidCommitment, AidReceipt, AidShipment, CapabilityEvent, ClaimFiled, ContractTerms, Draw,
    ReceiptFor, Stocking,
};
use snapback_engine::{
    Derived, DerivedKind, Engine, Event, EventKind, Judgement, Report, Sink, State, replay,
};

// --- the charter ---------------------------------------------------------------------------------

fn charter() -> &'static Charter {
    static CELL: OnceLock<Charter> = OnceLock::new();
    CELL.get_or_init(|| {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../scenarios/charters/capabilities.toml"
        );
        let text = std::fs::read_to_string(path).unwrap();
        snapback_charter::load_toml(&Source::new("capabilities.toml", text))
            .unwrap_or_else(|e| panic!("the capabilities charter does not load: {e:?}"))
    })
}

fn history() -> CharterHistory {
    CharterHistory::single(charter().clone())
}

fn party(name: &str) -> PartyId {
    PartyId::new(name).unwrap()
}

fn at_secs(secs: i64) -> Timestamp {
    Timestamp::from_second(secs).unwrap()
}

fn plus(at: Timestamp, secs: i64) -> Timestamp {
    at.checked_add(SignedDuration::from_secs(secs)).unwrap()
}

const START: i64 = 1_767_312_000; // 2026-01-02T00:00:00Z, a day after the charter takes effect
const HOUR: i64 = 3_600;
const DAY: i64 = 24 * HOUR;
/// The claim's deadline after filing (the charter's `decide_within`).
const DECIDE_WITHIN: i64 = 48 * HOUR;

const INTERCEPTOR: &str = "interceptor";
const SHELL: &str = "155mm-shell";

/// Lots: (id, owner, home location, item).
const LOTS: &[(&str, &str, &str, &str)] = &[
    ("A-PL-1", "A", "PL", INTERCEPTOR),
    ("A-RO-1", "A", "RO", INTERCEPTOR),
    ("C-PL-1", "C", "PL", INTERCEPTOR),
    ("B-PL-1", "B", "PL", SHELL),
    ("B-RO-1", "B", "RO", SHELL),
    ("C-RO-1", "C", "RO", SHELL),
];

/// Contracts: (id, party, item).
const CONTRACTS: &[(&str, &str, &str)] = &[
    ("K-B-1", "B", SHELL),
    ("K-C-1", "C", SHELL),
    ("K-A-1", "A", INTERCEPTOR),
    ("K-B-2", "B", INTERCEPTOR),
];

/// Commitments: (id, donor, category, item).
const COMMITMENTS: &[(&str, &str, &str, &str)] = &[
    ("M-A-1", "A", "air-defence", INTERCEPTOR),
    ("M-B-1", "B", "munitions", SHELL),
    ("M-C-1", "C", "long-range-drones", "drone-lr"),
];

/// The activation's obligations (the last one does not count items).
const OBLIGATIONS: &[&str] = &[
    "A1/air-defence/1",
    "A1/shells/1",
    "A1/shells-reserve/1",
    "A1/restriction-lift/1",
];

fn other(p: &str) -> &'static str {
    match p {
        "A" => "B",
        "B" => "C",
        _ => "A",
    }
}

fn lot_sizes(item: &str) -> &'static [u64] {
    if item == INTERCEPTOR {
        &[10, 40, 60, 100, 150]
    } else {
        &[500, 2_000, 6_000, 12_000]
    }
}

// --- generation ----------------------------------------------------------------------------------

/// Who submits an event about a record.
#[derive(Debug, Clone, Copy)]
enum Who {
    Owner,
    Other,
    Secretariat,
}

/// How many units, against what is outstanding (or on hand).
#[derive(Debug, Clone, Copy)]
enum Part {
    Half,
    All,
    /// One more than outstanding.
    Over,
}

#[derive(Debug, Clone, Copy)]
enum Place {
    Home,
    Other,
    Unknown,
}

/// `occurred_at` of an aid event.
#[derive(Debug, Clone, Copy)]
enum Occurred {
    Now,
    /// Six hours before its recording.
    Earlier,
    /// An hour after its recording (refused).
    Later,
}

#[derive(Debug, Clone)]
enum Spec {
    Stock {
        lot: usize,
        place: Place,
        stranger: bool,
        size: prop::sample::Index,
    },
    Release {
        lot: usize,
        part: Part,
        who: Who,
    },
    Register {
        contract: usize,
        from_days: i64,
        length_days: i64,
        monthly: u64,
        surge: u64,
        lead_s: u64,
        stranger: bool,
    },
    CallOff {
        contract: usize,
        quantity: u64,
        who: Who,
    },
    Commit {
        commitment: usize,
        quantity: u64,
        promised_days: i64,
        by_secretariat: bool,
    },
    Ship {
        commitment: usize,
        part: Part,
        who: Who,
    },
    ReceiveAid {
        commitment: usize,
        part: Part,
        receiver: &'static str,
        occurred: Occurred,
    },
    ReceiveItems {
        obligation: usize,
        part: Part,
        receiver: &'static str,
        occurred: Occurred,
    },
    File,
}

fn who() -> impl Strategy<Value = Who> {
    prop_oneof![6 => Just(Who::Owner), 2 => Just(Who::Other), 1 => Just(Who::Secretariat)]
}

fn part() -> impl Strategy<Value = Part> {
    prop_oneof![3 => Just(Part::Half), 3 => Just(Part::All), 1 => Just(Part::Over)]
}

fn receiver() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec!["UA", "UA", "UA", "UA", "UA", "SEC", "SEC", "A"])
}

fn occurred() -> impl Strategy<Value = Occurred> {
    prop_oneof![
        10 => Just(Occurred::Now),
        1 => Just(Occurred::Earlier),
        1 => Just(Occurred::Later),
    ]
}

fn spec() -> impl Strategy<Value = Spec> {
    prop_oneof![
        6 => (
            0..LOTS.len(),
            prop_oneof![8 => Just(Place::Home), 1 => Just(Place::Other), 1 => Just(Place::Unknown)],
            proptest::bool::weighted(0.1),
            any::<prop::sample::Index>(),
        )
            .prop_map(|(lot, place, stranger, size)| Spec::Stock { lot, place, stranger, size }),
        4 => (0..LOTS.len(), part(), who())
            .prop_map(|(lot, part, who)| Spec::Release { lot, part, who }),
        4 => (
            0..CONTRACTS.len(),
            prop::sample::select(vec![-30i64, -30, 0, 0, 2, 5, 20, 90]),
            prop::sample::select(vec![1i64, 4, 30, 365, 365]),
            prop::sample::select(vec![0u64, 30, 300, 3_000]),
            prop::sample::select(vec![100u64, 3_000, 9_000]),
            prop::sample::select(vec![HOUR as u64, DAY as u64, 14 * DAY as u64]),
            proptest::bool::weighted(0.1),
        )
            .prop_map(|(contract, from_days, length_days, monthly, surge, lead_s, stranger)| {
                Spec::Register { contract, from_days, length_days, monthly, surge, lead_s, stranger }
            }),
        2 => (0..CONTRACTS.len(), prop::sample::select(vec![10u64, 100, 1_000, 5_000]), who())
            .prop_map(|(contract, quantity, who)| Spec::CallOff { contract, quantity, who }),
        1 => (
            0..COMMITMENTS.len(),
            prop::sample::select(vec![10u64, 100, 1_000]),
            prop::sample::select(vec![2i64, 5, 20]),
            proptest::bool::weighted(0.3),
        )
            .prop_map(|(commitment, quantity, promised_days, by_secretariat)| Spec::Commit {
                commitment,
                quantity,
                promised_days,
                by_secretariat,
            }),
        1 => (0..COMMITMENTS.len(), part(), who())
            .prop_map(|(commitment, part, who)| Spec::Ship { commitment, part, who }),
        2 => (
            0..COMMITMENTS.len(),
            part(),
            receiver(),
            occurred(),
        )
            .prop_map(|(commitment, part, receiver, occurred)| Spec::ReceiveAid {
                commitment,
                part,
                receiver,
                occurred,
            }),
        5 => (
            prop::sample::select(vec![0usize, 0, 1, 1, 2, 2, 3]),
            part(),
            receiver(),
            occurred(),
        )
            .prop_map(|(obligation, part, receiver, occurred)| Spec::ReceiveItems {
                obligation,
                part,
                receiver,
                occurred,
            }),
    ]
}

/// Marks a step to the activation instant (the claim's deadline), if it is still ahead.
const TO_ACTIVATION: i64 = -1;

/// Seconds from the previous event: whole multiples of six hours, often none; sometimes exactly
/// to the activation instant.
fn step() -> impl Strategy<Value = i64> {
    prop_oneof![
        2 => Just(TO_ACTIVATION),
        5 => Just(0i64),
        4 => Just(6 * HOUR),
        2 => Just(12 * HOUR),
        2 => Just(DAY),
        1 => Just(2 * DAY),
        1 => Just(5 * DAY),
    ]
}

/// Records judgements and derived events next to the full state.
struct Recorder {
    state: State,
    judgements: Vec<Judgement>,
    derived: Vec<Derived>,
}

impl Recorder {
    fn new() -> Self {
        Recorder {
            state: State::new(history()),
            judgements: Vec::new(),
            derived: Vec::new(),
        }
    }
}

impl Sink for Recorder {
    fn input(&mut self, index: u64, event: &Event, judgement: &Judgement) {
        self.state.input(index, event, judgement);
        self.judgements.push(judgement.clone());
    }

    fn derived(&mut self, derived: &Derived) {
        self.state.derived(derived);
        self.derived.push(derived.clone());
    }
}

fn capability(at: Timestamp, by: &str, event: CapabilityEvent) -> Event {
    Event {
        at,
        party: party(by),
        kind: EventKind::Capability(event),
    }
}

fn part_of(outstanding: u64, part: Part) -> u64 {
    match part {
        Part::Half => (outstanding / 2).max(1),
        Part::All => outstanding.max(1),
        Part::Over => outstanding + 1,
    }
}

fn occurred_at(at: Timestamp, occurred: Occurred) -> Option<Timestamp> {
    match occurred {
        Occurred::Now => None,
        Occurred::Earlier => Some(plus(at, -6 * HOUR)),
        Occurred::Later => Some(plus(at, HOUR)),
    }
}

fn acting(owner: &str, who: Who) -> String {
    match who {
        Who::Owner => owner.to_owned(),
        Who::Other => other(owner).to_owned(),
        Who::Secretariat => "SEC".to_owned(),
    }
}

/// Builds the event a spec means, against the tracker so far.
fn build(at: Timestamp, spec: &Spec, t: &Tracker) -> Event {
    match spec {
        Spec::Stock {
            lot,
            place,
            stranger,
            size,
        } => {
            let (id, owner, home, item) = LOTS[*lot];
            let location = match place {
                Place::Home => home,
                Place::Other if home == "PL" => "RO",
                Place::Other => "PL",
                Place::Unknown => "XX",
            };
            let sizes = lot_sizes(item);
            let by = if *stranger { other(owner) } else { owner };
            capability(
                at,
                by,
                CapabilityEvent::StockpileStocked(Stocking {
                    lot: LotId::new(id).unwrap(),
                    location: LocationId::new(location).unwrap(),
                    item: ItemId::new(item).unwrap(),
                    quantity: sizes[size.index(sizes.len())],
                    reference: None,
                }),
            )
        }
        Spec::Release { lot, part, who } => {
            let (id, owner, _, _) = LOTS[*lot];
            let lot = LotId::new(id).unwrap();
            let (owner, available) = t.lots.get(&lot).map_or((owner.to_owned(), 0), |l| {
                (l.owner.to_string(), l.available())
            });
            capability(
                at,
                &acting(&owner, *who),
                CapabilityEvent::StockpileReleased(Draw {
                    source: lot,
                    quantity: part_of(available, *part),
                    obligation: None,
                    reference: None,
                }),
            )
        }
        Spec::Register {
            contract,
            from_days,
            length_days,
            monthly,
            surge,
            lead_s,
            stranger,
        } => {
            let (id, owner, item) = CONTRACTS[*contract];
            let by = if *stranger { other(owner) } else { owner };
            let valid_from = at_secs(START + from_days * DAY);
            capability(
                at,
                by,
                CapabilityEvent::ContractRegistered(ContractTerms {
                    contract: ContractId::new(id).unwrap(),
                    supplier: "Example Munitions plc".into(),
                    country: by.into(),
                    item: ItemId::new(item).unwrap(),
                    monthly_capacity: *monthly,
                    surge_capacity: *surge,
                    surge_lead_time: Duration::from_seconds(*lead_s).unwrap(),
                    valid_from,
                    valid_until: plus(valid_from, length_days * DAY),
                }),
            )
        }
        Spec::CallOff {
            contract,
            quantity,
            who,
        } => {
            let (id, owner, _) = CONTRACTS[*contract];
            let contract = ContractId::new(id).unwrap();
            let owner = t
                .contracts
                .get(&contract)
                .map_or(owner.to_owned(), |c| c.party.to_string());
            capability(
                at,
                &acting(&owner, *who),
                CapabilityEvent::ContractCalledOff(Draw {
                    source: contract,
                    quantity: *quantity,
                    obligation: None,
                    reference: None,
                }),
            )
        }
        Spec::Commit {
            commitment,
            quantity,
            promised_days,
            by_secretariat,
        } => {
            let (id, donor, category, item) = COMMITMENTS[*commitment];
            let (by, donor) = if *by_secretariat {
                ("SEC", Some(party(donor)))
            } else {
                (donor, None)
            };
            capability(
                at,
                by,
                CapabilityEvent::AidCommitted(AidCommitment {
                    commitment: CommitmentId::new(id).unwrap(),
                    donor,
                    category: category.into(),
                    item: ItemId::new(item).unwrap(),
                    quantity: *quantity,
                    promised: plus(at, promised_days * DAY),
                    reference: None,
                    occurred_at: None,
                }),
            )
        }
        Spec::Ship {
            commitment,
            part,
            who,
        } => {
            let (id, donor, _, _) = COMMITMENTS[*commitment];
            let commitment = CommitmentId::new(id).unwrap();
            let (donor, outstanding) = t
                .commitments
                .get(&commitment)
                .map_or((donor.to_owned(), 10), |c| {
                    (c.donor.to_string(), c.quantity - c.shipped)
                });
            capability(
                at,
                &acting(&donor, *who),
                CapabilityEvent::AidShipped(AidShipment {
                    commitment,
                    quantity: part_of(outstanding, *part),
                    reference: None,
                    occurred_at: None,
                }),
            )
        }
        Spec::ReceiveAid {
            commitment,
            part,
            receiver,
            occurred,
        } => {
            let commitment = CommitmentId::new(COMMITMENTS[*commitment].0).unwrap();
            let outstanding = t
                .commitments
                .get(&commitment)
                .map_or(10, |c| c.quantity - c.received);
            capability(
                at,
                receiver,
                CapabilityEvent::AidReceived(AidReceipt {
                    target: ReceiptFor::Commitment(commitment),
                    quantity: part_of(outstanding, *part),
                    reference: None,
                    occurred_at: occurred_at(at, *occurred),
                }),
            )
        }
        Spec::ReceiveItems {
            obligation,
            part,
            receiver,
            occurred,
        } => {
            let obligation = ObligationId::new(OBLIGATIONS[*obligation]).unwrap();
            let outstanding = t
                .obligations
                .get(&obligation)
                .map_or(100, |o| o.quantity - o.received);
            capability(
                at,
                receiver,
                CapabilityEvent::AidReceived(AidReceipt {
                    target: ReceiptFor::Obligation(obligation),
                    quantity: part_of(outstanding, *part),
                    reference: None,
                    occurred_at: occurred_at(at, *occurred),
                }),
            )
        }
        Spec::File => Event {
            at,
            party: party("UA"),
            kind: EventKind::ClaimFiled(ClaimFiled {
                claim: ClaimId::new("C1").unwrap(),
                category: "shelling".into(),
                severity: 3,
                summary: "Artillery strikes".into(),
                location: None,
                occurred_at: None,
                allegation: Default::default(),
            }),
        },
    }
}

fn just_before(at: Timestamp) -> Timestamp {
    at.checked_sub(SignedDuration::from_nanos(1)).unwrap()
}

/// Time-ordered events from the specs, starting at `START`.
fn generate(items: &[(i64, Spec)]) -> Vec<Event> {
    let mut engine = Engine::new(history());
    let mut rec = Recorder::new();
    let mut secs = START;
    let mut out: Vec<Event> = Vec::with_capacity(items.len());
    let mut deadline: Option<i64> = None;
    for (i, (step, spec)) in items.iter().enumerate() {
        if *step == TO_ACTIVATION {
            secs = secs.max(deadline.unwrap_or(secs));
        } else {
            secs += step;
        }
        if matches!(spec, Spec::File) {
            deadline = Some(secs + DECIDE_WITHIN);
        }
        let at = at_secs(secs);
        if out.last().is_some_and(|e| e.at < at) {
            // Fire what fell due strictly before `at` (the activation), so that receipts see
            // the obligations.
            engine.advance(just_before(at), &mut rec).unwrap();
        }
        let event = build(at, spec, engine.tracker());
        engine.apply(i as u64, &event, &mut rec);
        out.push(event);
    }
    out
}

const MAX_EVENTS: usize = 60;

fn events(max: usize) -> impl Strategy<Value = Vec<Event>> {
    (
        prop::collection::vec((step(), spec()), 8..=max),
        any::<prop::sample::Index>(),
        step(),
    )
        .prop_map(|(mut items, file_at, file_step)| {
            // The claim, somewhere in the first half, so that most streams go on past its
            // activation.
            let at = file_at.index(items.len() / 2 + 1);
            items.insert(at, (file_step, Spec::File));
            generate(&items)
        })
}

// --- checks --------------------------------------------------------------------------------------

fn report_json(state: &State) -> String {
    serde_json::to_string(&Report::new(state)).unwrap()
}

/// The whole record of a tracker, in record order.
fn tracker_json(t: &Tracker) -> String {
    serde_json::to_string(&(
        t.lots.all(),
        t.contracts.all(),
        t.commitments.all(),
        t.obligations.all(),
        t.cohorts.all(),
        t.restrictions.all(),
    ))
    .unwrap()
}

/// The record with lots, contracts and commitments sorted by id (their record order follows the
/// order of the events that made them).
fn tracker_json_sorted(t: &Tracker) -> String {
    let mut lots: Vec<_> = t.lots.all().iter().collect();
    lots.sort_by(|a, b| a.lot.cmp(&b.lot));
    let mut contracts: Vec<_> = t.contracts.all().iter().collect();
    contracts.sort_by(|a, b| a.contract.cmp(&b.contract));
    let mut commitments: Vec<_> = t.commitments.all().iter().collect();
    commitments.sort_by(|a, b| a.commitment.cmp(&b.commitment));
    serde_json::to_string(&(lots, contracts, commitments, t.obligations.all())).unwrap()
}

/// Property 1: no lot has released more than was stocked, and the movements add up.
fn check_stock(t: &Tracker, whose: &str) -> Result<(), TestCaseError> {
    for l in t.lots.all() {
        prop_assert!(
            l.released <= l.stocked,
            "{whose}: lot {} released {} of {}",
            &l.lot,
            l.released,
            l.stocked
        );
        let out: u64 = l.movements_out.iter().map(|m| m.quantity).sum();
        let into: u64 = l.movements_in.iter().map(|m| m.quantity).sum();
        prop_assert_eq!(out, l.released, "{}: movements out of {}", whose, &l.lot);
        prop_assert_eq!(into, l.stocked, "{}: movements into {}", whose, &l.lot);
        prop_assert!(l.movements_out.iter().all(|m| m.quantity > 0));
    }
    Ok(())
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum From {
    Lot(String),
    Contract(String),
}

/// Units one obligation (or demand) takes from one source, arriving (or produced) by `when`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Take {
    obligation: String,
    item: String,
    from: From,
    quantity: u64,
    when: Timestamp,
}

/// The takes of a readiness, in allocation order; demand ids prefixed with `prefix/`.
fn readiness_takes(r: &cap::Readiness, prefix: &str) -> Vec<Take> {
    let mut out = Vec::new();
    for d in &r.demands {
        let obligation = format!("{prefix}{}", d.obligation);
        for s in &d.from_stock {
            out.push(Take {
                obligation: obligation.clone(),
                item: d.item.to_string(),
                from: From::Lot(s.lot.to_string()),
                quantity: s.quantity,
                when: s.arrives,
            });
        }
        for c in &d.from_contracts {
            out.push(Take {
                obligation: obligation.clone(),
                item: d.item.to_string(),
                from: From::Contract(c.contract.to_string()),
                quantity: c.quantity,
                when: c.complete_by,
            });
        }
    }
    out
}

/// The drawdown among derived events, in order, with the instant it happened.
fn derived_takes(derived: &[Derived]) -> Vec<(Timestamp, String, Take)> {
    derived
        .iter()
        .filter_map(|d| match &d.kind {
            DerivedKind::StockpileDrawn {
                activation,
                obligation,
                lot,
                item,
                quantity,
                arrives,
                ..
            } => Some((
                d.at,
                activation.to_string(),
                Take {
                    obligation: obligation.to_string(),
                    item: item.to_string(),
                    from: From::Lot(lot.to_string()),
                    quantity: *quantity,
                    when: *arrives,
                },
            )),
            DerivedKind::ContractDrawn {
                activation,
                obligation,
                contract,
                item,
                quantity,
                complete_by,
            } => Some((
                d.at,
                activation.to_string(),
                Take {
                    obligation: obligation.to_string(),
                    item: item.to_string(),
                    from: From::Contract(contract.to_string()),
                    quantity: *quantity,
                    when: *complete_by,
                },
            )),
            _ => None,
        })
        .collect()
}

/// Property 3 for a list of takes made at `at` from what `t` holds: no lot gives more than it
/// has, at its transit time; no contract gives more than its curve (called off at `at`) has
/// produced beyond `reserved` by each take's `complete_by`.
fn check_takes(t: &Tracker, at: Timestamp, takes: &[Take]) -> Result<(), TestCaseError> {
    let lots: BTreeMap<String, cap::Lot> = t
        .lots_for_readiness(charter())
        .into_iter()
        .map(|l| (l.id.to_string(), l))
        .collect();
    let contracts: BTreeMap<String, cap::Contract> = t
        .contracts_for_readiness()
        .into_iter()
        .map(|c| (c.id.to_string(), c))
        .collect();
    let mut from_lot: BTreeMap<&str, u64> = BTreeMap::new();
    let mut from_contract: BTreeMap<&str, u64> = BTreeMap::new();
    for take in takes {
        prop_assert!(take.quantity > 0, "{take:?}");
        match &take.from {
            From::Lot(id) => {
                let lot = lots.get(id);
                prop_assert!(lot.is_some(), "{take:?}: no stock in {id}");
                let lot = lot.unwrap();
                prop_assert_eq!(&*lot.item, take.item.as_str(), "{:?}", take);
                prop_assert_eq!(take.when, plus(at, lot.transit_s), "{:?}", take);
                let sum = from_lot.entry(id).or_default();
                *sum += take.quantity;
                prop_assert!(
                    *sum <= lot.available,
                    "lot {id} gives {sum} of its {}",
                    lot.available
                );
            }
            From::Contract(id) => {
                let c = contracts.get(id);
                prop_assert!(c.is_some(), "{take:?}: no contract {id}");
                let c = c.unwrap();
                prop_assert_eq!(&*c.item, take.item.as_str(), "{:?}", take);
                let sum = from_contract.entry(id).or_default();
                *sum += take.quantity;
                let produced = c.produced_by(at, take.when);
                prop_assert!(
                    u128::from(c.reserved) + u128::from(*sum) <= produced,
                    "contract {id} gives {sum} beyond {} reserved by {}, but produces {produced}",
                    c.reserved,
                    take.when
                );
            }
        }
    }
    Ok(())
}

/// Property 3: a readiness of `t` never promises more than stock plus capacity, and a covered
/// demand is met in full by its due instant.
fn check_readiness(t: &Tracker, r: &cap::Readiness) -> Result<(), TestCaseError> {
    check_takes(t, r.at, &readiness_takes(r, ""))?;
    for d in &r.demands {
        let arrivals: Vec<Timestamp> = d
            .from_stock
            .iter()
            .map(|s| s.arrives)
            .chain(d.from_contracts.iter().map(|c| c.complete_by))
            .collect();
        let taken: u64 = d.from_stock.iter().map(|s| s.quantity).sum::<u64>()
            + d.from_contracts.iter().map(|c| c.quantity).sum::<u64>();
        prop_assert!(taken <= d.quantity, "{d:?}");
        prop_assert!(d.available_by_due <= taken, "{d:?}");
        prop_assert_eq!(d.short_by_due, d.quantity - d.available_by_due);
        if let Some(ready) = d.ready_at {
            prop_assert_eq!(taken, d.quantity, "{:?}", d);
            prop_assert_eq!(ready, arrivals.iter().copied().fold(r.at, Timestamp::max));
        }
        if d.covered {
            prop_assert_eq!(taken, d.quantity, "covered but short: {:?}", d);
            prop_assert!(
                arrivals.iter().all(|a| *a <= d.due),
                "covered but late: {d:?}"
            );
            prop_assert_eq!(d.available_by_due, d.quantity);
        }
    }
    Ok(())
}

/// What a run shows, for the checks and the coverage test.
struct Run {
    rec: Recorder,
    engine: Engine,
    /// The drawdown each activation predicted by readiness just before it, and what it drew.
    activations: Vec<(Vec<Take>, Vec<Take>)>,
    /// Judgements refused, by code.
    refused: BTreeMap<&'static str, usize>,
}

/// After one step (an advance or an apply) from `before`: both trackers agree and keep their
/// stock (properties 1 and 4), and any drawdown the step derived is what readiness on `before`
/// allocated, within stock and capacity (properties 1 and 3).
fn check_step(
    engine: &Engine,
    rec: &Recorder,
    before: &Tracker,
    derived_before: usize,
    activations: &mut Vec<(Vec<Take>, Vec<Take>)>,
) -> Result<(), TestCaseError> {
    check_stock(engine.tracker(), "engine")?;
    check_stock(&rec.state.capabilities, "state")?;
    prop_assert_eq!(
        tracker_json(engine.tracker()),
        tracker_json(&rec.state.capabilities),
        "the state's tracker differs from the engine's"
    );
    // An obligation met by receipts is fulfilled, in the state's record, when the items arrived
    // (regression: it used to take the receipt's recording time while lateness was judged by
    // the arrival).
    for o in rec.state.capabilities.obligations.all() {
        let record = rec.state.obligations.iter().find(|r| r.id == o.obligation);
        prop_assert_eq!(
            record.and_then(|r| r.fulfilled_at),
            o.fulfilled_at,
            "obligation {} fulfilled at different times",
            o.obligation
        );
        if let (Some(r), Some(at)) = (record, o.fulfilled_at) {
            let late = r.status == snapback_engine::derived::ObligationStatus::Late;
            prop_assert_eq!(late, at > o.due, "obligation {} late or not", o.obligation);
        }
    }
    let drawn = derived_takes(&rec.derived[derived_before..]);
    let Some((at, activation, _)) = drawn.first().cloned() else {
        return Ok(());
    };
    prop_assert!(
        drawn.iter().all(|(t, a, _)| *t == at && *a == activation),
        "one step, one activation: {drawn:?}"
    );
    let takes: Vec<Take> = drawn.into_iter().map(|(_, _, t)| t).collect();
    check_takes(before, at, &takes)?;
    // Readiness at the activation instant, on what was there just before, is the drawdown.
    let plan = readiness(before, charter(), at);
    check_readiness(before, &plan)?;
    let predicted = readiness_takes(&plan, &format!("{activation}/"));
    prop_assert_eq!(
        &predicted,
        &takes,
        "the activation drew otherwise than readiness allocated"
    );
    activations.push((predicted, takes));
    Ok(())
}

/// Applies the events one by one (advancing to just before each new instant), checking after
/// every step.
fn run(events: &[Event]) -> Result<Run, TestCaseError> {
    let mut engine = Engine::new(history());
    let mut rec = Recorder::new();
    let mut activations = Vec::new();
    let mut refused: BTreeMap<&'static str, usize> = BTreeMap::new();
    for (i, event) in events.iter().enumerate() {
        if i > 0 && events[i - 1].at < event.at {
            let before = engine.tracker().clone();
            let derived_before = rec.derived.len();
            engine.advance(just_before(event.at), &mut rec).unwrap();
            check_step(&engine, &rec, &before, derived_before, &mut activations)?;
            // Readiness if everything were called at this new instant.
            check_readiness(
                engine.tracker(),
                &readiness(engine.tracker(), charter(), event.at),
            )?;
        }
        let before = engine.tracker().clone();
        let before_json = tracker_json(&before);
        let derived_before = rec.derived.len();
        engine.apply(i as u64, event, &mut rec);
        check_step(&engine, &rec, &before, derived_before, &mut activations)?;
        if let Err(r) = rec.judgements.last().unwrap() {
            *refused.entry(r.code()).or_default() += 1;
            // Property 5: a refused event changes nothing.
            prop_assert_eq!(
                tracker_json(engine.tracker()),
                before_json,
                "refused {:?} ({}) changed the tracker",
                event,
                r.code()
            );
            prop_assert_eq!(rec.derived.len(), derived_before);
        }
    }
    Ok(Run {
        rec,
        engine,
        activations,
        refused,
    })
}

/// Advances a run to `end`, checking the step, and sets the state's `as_of`.
fn finish(run: &mut Run, end: Timestamp) -> Result<(), TestCaseError> {
    let before = run.engine.tracker().clone();
    let derived_before = run.rec.derived.len();
    run.engine.advance(end, &mut run.rec).unwrap();
    check_step(
        &run.engine,
        &run.rec,
        &before,
        derived_before,
        &mut run.activations,
    )?;
    run.rec.state.as_of = Some(end);
    Ok(())
}

/// A dependency key: events with different keys touch different records, so their order within
/// an instant should not matter.
fn key(e: &Event) -> String {
    match &e.kind {
        EventKind::Capability(c) => match c {
            CapabilityEvent::StockpileStocked(s) => format!("lot:{}", s.lot),
            CapabilityEvent::StockpileReleased(d) => format!("lot:{}", d.source),
            CapabilityEvent::ContractRegistered(t) => format!("contract:{}", t.contract),
            CapabilityEvent::ContractCalledOff(d) => format!("contract:{}", d.source),
            CapabilityEvent::AidCommitted(a) => format!("commitment:{}", a.commitment),
            CapabilityEvent::AidShipped(s) => format!("commitment:{}", s.commitment),
            CapabilityEvent::AidReceived(r) => match &r.target {
                ReceiptFor::Commitment(c) => format!("commitment:{c}"),
                ReceiptFor::Obligation(o) => format!("obligation:{o}"),
            },
            other => format!("other:{}", other.type_name()),
        },
        other => format!("{other:?}"),
    }
}

/// Permutes the events of each instant by `shuffle`, keeping the order among events with the
/// same key: the shuffled slots of a key are refilled with its events in their first order.
fn permute(events: &[Event], shuffle: &[u64]) -> Vec<Event> {
    let mut out = Vec::with_capacity(events.len());
    let mut start = 0;
    while start < events.len() {
        let at = events[start].at;
        let end = start + events[start..].iter().take_while(|e| e.at == at).count();
        let mut queues: BTreeMap<String, VecDeque<usize>> = BTreeMap::new();
        for (i, e) in events.iter().enumerate().take(end).skip(start) {
            queues.entry(key(e)).or_default().push_back(i);
        }
        let mut slots: Vec<usize> = (start..end).collect();
        slots.sort_by_key(|&i| (shuffle[i % shuffle.len()], i));
        for slot in slots {
            let i = queues
                .get_mut(&key(&events[slot]))
                .unwrap()
                .pop_front()
                .unwrap();
            out.push(events[i].clone());
        }
        start = end;
    }
    out
}

fn judgements_sorted(events: &[Event], run: &Run) -> Vec<String> {
    let mut out: Vec<String> = events
        .iter()
        .zip(&run.rec.judgements)
        .map(|(e, j)| format!("{e:?} => {j:?}"))
        .collect();
    out.sort();
    out
}

proptest! {
    #![proptest_config(common::config(256))]

    /// Properties 1, 3, 4 and 5, over one stream: after every event and every deadline, no lot
    /// has released more than it stocked, the movements add up, both trackers agree, a refused
    /// event changed nothing, and any drawdown is within stock and capacity and exactly what
    /// readiness just before allocated. Readiness at every new instant, in the report at the
    /// end, and at later instants never promises more than stock plus capacity. The whole run
    /// replays to the same report bytes, twice, as applied one by one.
    #[test]
    fn stock_and_capacity_are_never_overdrawn(events in events(MAX_EVENTS), extra in 0i64..=40 * DAY) {
        let mut run = run(&events)?;
        let end = at_secs(events.last().unwrap().at.as_second() + extra);
        finish(&mut run, end)?;

        let state = &run.rec.state;
        let report = capabilities_report(state).unwrap();
        prop_assert_eq!(report.as_of, end);
        check_readiness(&state.capabilities, &report.readiness)?;
        for later in [DAY, 15 * DAY, 60 * DAY] {
            let at = plus(end, later);
            check_readiness(run.engine.tracker(), &readiness(run.engine.tracker(), charter(), at))?;
        }
        // The report's figures agree with the record.
        for loc in &report.stockpiles {
            for l in &loc.lots {
                prop_assert_eq!(l.available, l.stocked - l.released);
            }
        }
        for o in &report.obligations {
            prop_assert!(o.received <= o.quantity, "{:?}", o);
            prop_assert!(o.from_stock + o.from_contracts <= o.quantity, "{:?}", o);
        }

        // Property 4: the trackers agree, and replays give the same bytes.
        prop_assert_eq!(tracker_json(run.engine.tracker()), tracker_json(&state.capabilities));
        let history = history();
        let first = report_json(&replay(&history, &events, Some(end)));
        let second = report_json(&replay(&history, &events, Some(end)));
        prop_assert_eq!(&first, &second, "two replays differ");
        prop_assert_eq!(&first, &report_json(state), "replay differs from one by one");
    }

    /// Property 2: permuting the events of each instant (keeping the order of events about the
    /// same lot, contract, commitment or obligation) changes neither the judgements, nor the
    /// activation's drawdown, nor the records (sorted by id), nor the readiness in the report.
    #[test]
    fn allocation_ignores_the_order_within_an_instant(
        events in events(MAX_EVENTS),
        shuffle in prop::collection::vec(any::<u64>(), MAX_EVENTS + 1),
        extra in 0i64..=40 * DAY,
    ) {
        let permuted = permute(&events, &shuffle);
        prop_assert_eq!(permuted.len(), events.len());
        let end = at_secs(events.last().unwrap().at.as_second() + extra);
        let mut a = run(&events)?;
        finish(&mut a, end)?;
        let mut b = run(&permuted)?;
        finish(&mut b, end)?;

        prop_assert_eq!(judgements_sorted(&events, &a), judgements_sorted(&permuted, &b));
        let sorted = |run: &Run| {
            let mut takes: Vec<(Timestamp, String, Take)> = derived_takes(&run.rec.derived);
            takes.sort();
            takes
        };
        prop_assert_eq!(sorted(&a), sorted(&b), "the drawdown depends on the order");
        prop_assert_eq!(
            tracker_json_sorted(a.engine.tracker()),
            tracker_json_sorted(b.engine.tracker()),
            "the records depend on the order"
        );
        let readiness_json = |run: &Run| {
            serde_json::to_string(&capabilities_report(&run.rec.state).unwrap().readiness).unwrap()
        };
        prop_assert_eq!(readiness_json(&a), readiness_json(&b), "readiness depends on the order");
    }
}

/// The generator reaches what the properties are about.
#[test]
fn generator_covers_the_interesting_cases() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;

    let mut runner = TestRunner::deterministic();
    let mut counts: BTreeMap<&'static str, usize> = BTreeMap::new();
    let samples = 100;
    for _ in 0..samples {
        let events = events(MAX_EVENTS).new_tree(&mut runner).unwrap().current();
        let mut run = run(&events).unwrap();
        let end = plus(events.last().unwrap().at, 40 * DAY);
        finish(&mut run, end).unwrap();
        let mut note = |what: &'static str, happened: bool| {
            if happened {
                *counts.entry(what).or_default() += 1;
            }
        };
        let takes = derived_takes(&run.rec.derived);
        let activation_at = takes.first().map(|(at, _, _)| *at);
        let filed = events
            .iter()
            .find(|e| matches!(e.kind, EventKind::ClaimFiled(_)))
            .unwrap();
        if let Some(at) = activation_at {
            assert_eq!(
                at,
                plus(filed.at, DECIDE_WITHIN),
                "the claim activates at its deadline"
            );
        }
        note(
            "activation drew from stock",
            takes.iter().any(|(_, _, t)| matches!(t.from, From::Lot(_))),
        );
        note(
            "activation drew from a contract",
            takes
                .iter()
                .any(|(_, _, t)| matches!(t.from, From::Contract(_))),
        );
        let t = &run.rec.state.capabilities;
        note(
            "activation left a demand short",
            t.obligations.all().iter().any(|o| {
                let drawn: u64 = takes
                    .iter()
                    .filter(|(_, _, t)| t.obligation == o.obligation.as_str())
                    .map(|(_, _, t)| t.quantity)
                    .sum();
                drawn < o.quantity
            }),
        );
        note(
            "receipt fulfilled an obligation",
            t.obligations.all().iter().any(|o| o.fulfilled_at.is_some()),
        );
        note(
            "receipt fulfilled an obligation late",
            t.obligations
                .all()
                .iter()
                .any(|o| o.fulfilled_at.is_some_and(|f| f > o.due)),
        );
        note(
            "events at the activation instant",
            activation_at.is_some_and(|at| events.iter().any(|e| e.at == at)),
        );
        note(
            "three or more events at one instant",
            events
                .windows(3)
                .any(|w| w[0].at == w[1].at && w[1].at == w[2].at),
        );
        note(
            "contract still reserved for an open obligation",
            t.contracts_for_readiness().iter().any(|c| c.reserved > 0),
        );
        let rejected = |kind: &str, code: &str| {
            run.rec
                .state
                .rejected
                .iter()
                .any(|r| r.code == code && r.event_type == kind)
        };
        note(
            "release refused: more than the lot holds",
            rejected("stockpile.released", "exceeds_outstanding"),
        );
        note(
            "release refused: not the owner",
            rejected("stockpile.released", "not_owner"),
        );
        note(
            "stock refused: unknown location",
            rejected("stockpile.stocked", "unknown_location"),
        );
        note(
            "stock refused: another's lot",
            rejected("stockpile.stocked", "duplicate_record"),
        );
        note(
            "call-off refused: contract not valid",
            rejected("contract.called_off", "contract_not_valid"),
        );
        note(
            "receipt refused: no such obligation yet",
            rejected("aid.received", "not_item_obligation"),
        );
        note(
            "receipt refused: more than owed",
            rejected("aid.received", "exceeds_outstanding"),
        );
        note(
            "receipt refused: dated later",
            rejected("aid.received", "occurred_after_recording"),
        );
        note("a refusal of any kind", !run.refused.is_empty());
    }
    for (what, min) in [
        ("activation drew from stock", 50),
        ("activation drew from a contract", 20),
        ("activation left a demand short", 20),
        ("receipt fulfilled an obligation", 30),
        ("receipt fulfilled an obligation late", 5),
        ("events at the activation instant", 10),
        ("three or more events at one instant", 50),
        ("contract still reserved for an open obligation", 10),
        ("release refused: more than the lot holds", 20),
        ("release refused: not the owner", 20),
        ("stock refused: unknown location", 20),
        ("stock refused: another's lot", 10),
        ("call-off refused: contract not valid", 10),
        ("receipt refused: no such obligation yet", 20),
        ("receipt refused: more than owed", 20),
        ("receipt refused: dated later", 5),
        ("a refusal of any kind", 90),
    ] {
        let n = counts.get(what).copied().unwrap_or(0);
        assert!(
            n >= min,
            "only {n} of {samples} streams had: {what} ({counts:?})"
        );
    }
}
