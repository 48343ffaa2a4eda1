//! Who takes part: the parties' keys, the charter they signed, the witnesses, and how clients
//! sign what they file. Keys come from fixed seeds, so every run signs the same bytes.

use jiff::Timestamp;
use snapback_charter::{CharterHistory, ClaimId, PartyId, Source, load_toml};
use snapback_engine::event::{ClaimFiled, Event, EventKind, Verdict, VoteCast};
use snapback_ledger::Submission;
use snapback_ledger::convert::input_event;
use snapback_log::entry::{EntryBody, EntryKind};
use snapback_log::keys::{Alg, SignerKey};

use crate::SimError;

/// The log's origin (the name of its key).
pub const ORIGIN: &str = "faultsim.snapback";

/// How long the verifying body has to decide a claim: scaled from the charter's 48 hours to
/// simulated minutes, so deadlines fall due within a run.
pub const DECIDE_WITHIN: &str = "2m";

/// The keys, the charter and the witnesses of every run.
#[derive(Debug, Clone)]
pub struct Cast {
    pub beneficiary: SignerKey,
    pub guarantors: Vec<SignerKey>,
    pub secretariat: SignerKey,
    pub log: SignerKey,
    pub witnesses: Vec<SignerKey>,
    pub history: CharterHistory,
}

fn key(name: &str, alg: Alg, byte: u8) -> Result<SignerKey, SimError> {
    SignerKey::from_seed(name, alg, &[byte; 32]).map_err(|e| SimError::Setup(e.to_string()))
}

impl Cast {
    pub fn new(witnesses: usize) -> Result<Self, SimError> {
        let beneficiary = key("UA", Alg::Ed25519, 1)?;
        let secretariat = key("SEC", Alg::Ed25519, 2)?;
        let log = key(ORIGIN, Alg::Ed25519, 3)?;
        let guarantors = (1..=3u8)
            .map(|g| key(&format!("G{g}"), Alg::Ed25519, 10 + g))
            .collect::<Result<Vec<_>, _>>()?;
        let witnesses = (1..=witnesses)
            .map(|w| {
                key(
                    &format!("witness{w}.example"),
                    Alg::CosignatureV1,
                    40 + w as u8,
                )
            })
            .collect::<Result<Vec<_>, _>>()?;
        let guarantor_parties: String = guarantors
            .iter()
            .map(|g| {
                format!(
                    "[[party]]\nid = \"{0}\"\nname = \"{0}\"\nroles = [\"guarantor\"]\nkeys = [\"{1}\"]\n\n",
                    g.name(),
                    g.verifier()
                )
            })
            .collect();
        // The witnesses are named in the charter, so the log records their cosignatures.
        let witness_tables: String = witnesses
            .iter()
            .map(|w| {
                format!(
                    "\n[[log.witness]]\nname = \"{}\"\nkey = \"{}\"\n",
                    w.name(),
                    w.verifier()
                )
            })
            .collect();
        let text = format!(
            "[charter]\nid = \"faultsim\"\ntitle = \"Fault simulation\"\nversion = \"1\"\neffective = 2026-01-01T00:00:00Z\nbeneficiary = \"UA\"\n\n\
             [[party]]\nid = \"UA\"\nname = \"Beneficiary\"\nroles = [\"beneficiary\"]\nkeys = [\"{}\"]\n\n\
             [[party]]\nid = \"SEC\"\nname = \"Secretariat\"\nroles = [\"secretariat\"]\nkeys = [\"{}\"]\n\n\
             {guarantor_parties}\
             [[body]]\nid = \"ministers\"\nmembers = {{ role = \"guarantor\" }}\nrule = \"majority\"\n\n\
             [verification]\nclaimants = [\"UA\"]\nbody = \"ministers\"\ndecide_within = \"{DECIDE_WITHIN}\"\nburden = \"flipped\"\n\n\
             [log]\norigin = \"{ORIGIN}\"\nkey = \"{}\"\n{witness_tables}",
            beneficiary.verifier(),
            secretariat.verifier(),
            log.verifier()
        );
        let charter = load_toml(&Source::new("faultsim.toml", text))
            .map_err(|d| SimError::Setup(d.to_string()))?;
        Ok(Self {
            beneficiary,
            guarantors,
            secretariat,
            log,
            witnesses,
            history: CharterHistory::single(charter),
        })
    }
}

fn signed(key: &SignerKey, nonce: String, event: &Event) -> Result<Submission, SimError> {
    let map = input_event(event).map_err(|e| SimError::Setup(e.to_string()))?;
    let body = EntryBody::new(EntryKind::Input, key, nonce, map)
        .map_err(|e| SimError::Setup(e.to_string()))?;
    Submission::sign(body, key).map_err(|e| SimError::Setup(e.to_string()))
}

fn party(key: &SignerKey) -> Result<PartyId, SimError> {
    PartyId::new(key.name()).map_err(|e| SimError::Setup(e.to_string()))
}

fn claim_id(id: &str) -> Result<ClaimId, SimError> {
    ClaimId::new(id).map_err(|e| SimError::Setup(e.to_string()))
}

/// A signed `claim.filed` (the log dates it; `at` only fills the event).
pub fn claim(
    key: &SignerKey,
    id: &str,
    nonce: String,
    at: Timestamp,
) -> Result<Submission, SimError> {
    let event = Event {
        at,
        party: party(key)?,
        kind: EventKind::ClaimFiled(ClaimFiled {
            claim: claim_id(id)?,
            category: "shelling".into(),
            severity: 1,
            summary: "simulated".into(),
            location: None,
            occurred_at: None,
            allegation: Default::default(),
        }),
    };
    signed(key, nonce, &event)
}

/// A signed `vote.cast` on a claim.
pub fn vote(
    key: &SignerKey,
    id: &str,
    founded: bool,
    nonce: String,
    at: Timestamp,
) -> Result<Submission, SimError> {
    let event = Event {
        at,
        party: party(key)?,
        kind: EventKind::VoteCast(VoteCast::Claim {
            claim: claim_id(id)?,
            verdict: if founded {
                Verdict::Founded
            } else {
                Verdict::Unfounded
            },
        }),
    };
    signed(key, nonce, &event)
}
