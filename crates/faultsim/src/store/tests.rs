#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use jiff::SignedDuration;
use snapback_store::suite::{self, Harness, entry};

use super::*;

const N1: NodeId = NodeId(1);
const N2: NodeId = NodeId(2);

struct MemoryHarness {
    last: Option<SimDatabase>,
}

impl Harness for MemoryHarness {
    fn fresh(&mut self) -> Box<dyn Store> {
        let db = SimDatabase::new(StoreFlaws::default());
        self.last = Some(db.clone());
        Box::new(db.connect(N1).unwrap())
    }

    fn reopen(&mut self) -> Box<dyn Store> {
        Box::new(self.last.as_ref().unwrap().connect(N1).unwrap())
    }
}

#[test]
fn the_in_memory_store_passes_the_store_suite() {
    suite::run(&mut MemoryHarness { last: None });
}

fn terms() -> LeaseTerms {
    LeaseTerms::new(SignedDuration::from_secs(10), SignedDuration::from_secs(2)).unwrap()
}

fn at(seconds: i64) -> Timestamp {
    Timestamp::from_second(1_800_000_000 + seconds).unwrap()
}

#[test]
fn a_stale_token_cannot_append() {
    let db = SimDatabase::new(StoreFlaws::default());
    let mut old = db.connect(N1).unwrap();
    let grant = db.acquire_lease(N1, at(0), &terms()).unwrap();
    db.set_token(N1, Some(grant.token));
    old.append(&[entry(1)], None).unwrap();
    // N2 takes over after the lease expired; N1 still believes it leads.
    let grant = db.acquire_lease(N2, at(10), &terms()).unwrap();
    db.set_token(N2, Some(grant.token));
    let err = old.append(&[entry(2)], None).unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::Fenced {
                presented: 1,
                current: 2
            }
        ),
        "{err}"
    );
    let mut new = db.connect(N2).unwrap();
    new.append(&[entry(3)], None).unwrap();
    assert_eq!(db.size(), 2);
}

#[test]
fn commit_faults_fail_or_crash_around_the_sync() {
    let db = SimDatabase::new(StoreFlaws::default());
    let mut s = db.connect(N1).unwrap();
    db.arm(N1, Some(CommitFault::Fail));
    assert!(s.append(&[entry(1)], None).is_err());
    assert_eq!((db.size(), s.size()), (0, 0));
    assert!(!db.crashed(N1));
    db.arm(N1, Some(CommitFault::CrashBeforeSync));
    assert!(s.append(&[entry(1)], None).is_err());
    assert!(db.crashed(N1));
    assert_eq!(db.size(), 0, "an unsynced write is lost");
    let mut s = db.connect(N1).unwrap();
    db.arm(N1, Some(CommitFault::CrashAfterSync));
    assert!(s.append(&[entry(1)], None).is_err());
    assert!(db.crashed(N1));
    assert!(s.entries(0, 1).is_err(), "a crashed connection is dead");
    let s = db.connect(N1).unwrap();
    assert_eq!(s.size(), 1, "a synced write survives the crash");
}

#[test]
fn an_unreachable_database_refuses_everything() {
    let db = SimDatabase::new(StoreFlaws::default());
    let mut s = db.connect(N1).unwrap();
    db.set_reachable(N1, false);
    assert!(s.append(&[entry(1)], None).is_err());
    assert!(s.refresh().is_err());
    assert_eq!(
        db.acquire_lease(N1, at(0), &terms()),
        Err(LeaseError::Unreachable)
    );
    assert!(db.connect(N1).is_err());
    db.set_reachable(N1, true);
    s.append(&[entry(1)], None).unwrap();
}

#[test]
fn acknowledging_before_sync_loses_the_last_batch_on_a_crash() {
    let db = SimDatabase::new(StoreFlaws {
        ack_before_sync: true,
        ..StoreFlaws::default()
    });
    let mut s = db.connect(N1).unwrap();
    s.append(&[entry(1)], None).unwrap();
    s.append(&[entry(2), entry(3)], None).unwrap();
    db.node_crashed(N1);
    let s = db.connect(N1).unwrap();
    assert_eq!(s.size(), 1);
    assert_eq!(s.find(&entry(2).id).unwrap(), None);
}

#[test]
fn a_reader_refreshes_to_what_another_connection_wrote() {
    let db = SimDatabase::new(StoreFlaws::default());
    let mut writer = db.connect(N1).unwrap();
    let mut reader = db.connect(N2).unwrap();
    writer.append(&[entry(1), entry(2)], None).unwrap();
    assert_eq!(reader.size(), 0);
    reader.refresh().unwrap();
    assert_eq!((reader.size(), reader.root()), (2, writer.root()));
}
