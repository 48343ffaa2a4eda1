#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;

fn at(seconds: i64) -> Timestamp {
    Timestamp::from_second(1_800_000_000 + seconds).unwrap()
}

fn terms() -> LeaseTerms {
    LeaseTerms::new(SignedDuration::from_secs(10), SignedDuration::from_secs(2)).unwrap()
}

const A: NodeId = NodeId(1);
const B: NodeId = NodeId(2);

#[test]
fn terms_need_a_margin_shorter_than_the_lease() {
    let ten = SignedDuration::from_secs(10);
    assert!(LeaseTerms::new(ten, ten).is_err());
    assert!(LeaseTerms::new(ten, SignedDuration::ZERO).is_err());
    assert!(LeaseTerms::new(ten, SignedDuration::from_secs(-1)).is_err());
    assert!(LeaseTerms::new(ten, SignedDuration::from_secs(9)).is_ok());
}

#[test]
fn the_first_holder_gets_token_one() {
    let mut lease = Lease::vacant();
    let grant = lease.acquire(A, at(0), &terms()).unwrap();
    assert_eq!(
        grant,
        Grant {
            token: 1,
            expires: at(10)
        }
    );
    assert_eq!(lease.holder_at(at(9)), Some(A));
    assert_eq!(lease.holder_at(at(10)), None, "expired at its expiry");
}

#[test]
fn another_node_waits_for_expiry_then_gets_the_next_token() {
    let mut lease = Lease::vacant();
    lease.acquire(A, at(0), &terms()).unwrap();
    assert_eq!(
        lease.acquire(B, at(9), &terms()),
        Err(Refused {
            holder: A,
            expires: at(10)
        })
    );
    let grant = lease.acquire(B, at(10), &terms()).unwrap();
    assert_eq!(grant.token, 2);
    assert_eq!(lease.holder, Some(B));
}

#[test]
fn renewing_keeps_the_token_and_moves_the_expiry() {
    let mut lease = Lease::vacant();
    lease.acquire(A, at(0), &terms()).unwrap();
    let renewed = lease.acquire(A, at(5), &terms()).unwrap();
    assert_eq!(
        renewed,
        Grant {
            token: 1,
            expires: at(15)
        }
    );
    // Even after expiry, nobody else held it: the same holder keeps its token.
    let again = lease.acquire(A, at(40), &terms()).unwrap();
    assert_eq!(again.token, 1);
}

#[test]
fn stepping_down_frees_the_lease_at_once() {
    let mut lease = Lease::vacant();
    lease.acquire(A, at(0), &terms()).unwrap();
    assert!(!lease.step_down(B, 1, at(1)), "only the holder steps down");
    assert!(!lease.step_down(A, 7, at(1)), "only under its own token");
    assert!(lease.step_down(A, 1, at(1)));
    assert_eq!(lease.acquire(B, at(1), &terms()).unwrap().token, 2);
}

#[test]
fn the_fence_admits_only_the_current_token() {
    let mut lease = Lease::vacant();
    assert_eq!(
        lease.admit(0),
        Err(Fenced {
            presented: 0,
            current: 0
        }),
        "nobody holds a vacant lease"
    );
    lease.acquire(A, at(0), &terms()).unwrap();
    assert_eq!(lease.admit(1), Ok(()));
    lease.acquire(B, at(20), &terms()).unwrap();
    assert_eq!(
        lease.admit(1),
        Err(Fenced {
            presented: 1,
            current: 2
        })
    );
    assert_eq!(lease.admit(2), Ok(()));
}

#[test]
fn a_node_stops_writing_a_margin_before_the_lease_expires() {
    let mut lease = Lease::vacant();
    // The node read 100 on its clock, then asked; the database granted at 101.
    let grant = lease.acquire(A, at(101), &terms()).unwrap();
    let mine = Leadership::granted(&grant, at(100), &terms());
    assert!(mine.may_write(at(107)));
    assert!(
        !mine.may_write(at(108)),
        "10 s lease less 2 s margin, from when it asked"
    );
    assert!(!mine.should_renew(at(103)));
    assert!(mine.should_renew(at(104)));
    // A node clock running up to the margin behind still stops before the lease expires.
    let behind = SignedDuration::from_secs(2);
    assert!(
        !lease.is_expired(
            mine.write_until.checked_add(behind).unwrap() - SignedDuration::from_nanos(1)
        )
    );
}
