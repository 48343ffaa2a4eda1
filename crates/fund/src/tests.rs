#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use super::*;

/// The book is generic over its transfer ids; the tests use plain shared strings.
type TransferId = Arc<str>;
type Book = super::Book<TransferId>;
type Transfer = super::Transfer<TransferId>;
type Kind = super::Kind<TransferId>;
type TransferError = super::TransferError<TransferId>;

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn id(s: &str) -> TransferId {
    Arc::from(s)
}

struct Fixture {
    book: Book,
    world: AccountIdx,
    pool: AccountIdx,
    ua: AccountIdx,
    receivable: AccountIdx,
}

fn fixture() -> Fixture {
    let mut book = Book::new();
    let world = book.open("world", AccountFlags::NONE).unwrap();
    let pool = book
        .open("pool:core", AccountFlags::CREDIT_LIMITED)
        .unwrap();
    let ua = book.open("recipient:UA", AccountFlags::NONE).unwrap();
    let receivable = book
        .open("contributor:US:pledged", AccountFlags::DEBIT_LIMITED)
        .unwrap();
    Fixture {
        book,
        world,
        pool,
        ua,
        receivable,
    }
}

fn posted(name: &str, debit: AccountIdx, credit: AccountIdx, amount: &str) -> Transfer {
    Transfer {
        id: id(name),
        debit,
        credit,
        amount: d(amount),
        code: 1,
        kind: Kind::Posted,
    }
}

fn with_kind(mut t: Transfer, kind: Kind) -> Transfer {
    t.kind = kind;
    t
}

#[test]
fn a_posted_transfer_moves_money_and_balances() {
    let mut f = fixture();
    assert_eq!(
        f.book.create(&posted("t1", f.world, f.pool, "100.00")),
        Ok(Created::New)
    );
    assert_eq!(f.book.balance("pool:core").credit_balance(), d("100"));
    assert_eq!(f.book.balance("world").debit_balance(), d("100"));
    let totals = f.book.totals().unwrap();
    assert_eq!(totals.debits_posted, totals.credits_posted);
}

#[test]
fn a_credit_limited_account_cannot_pay_out_more_than_it_holds() {
    let mut f = fixture();
    f.book
        .create(&posted("in", f.world, f.pool, "100.00"))
        .unwrap();
    let err = f
        .book
        .create(&posted("out", f.pool, f.ua, "100.01"))
        .unwrap_err();
    assert_eq!(
        err,
        TransferError::ExceedsCredits {
            account: "pool:core".into(),
            amount: d("100.01"),
            available: d("100.00"),
        }
    );
    assert_eq!(f.book.transfer_count(), 1, "a refusal changes nothing");
    assert!(
        f.book
            .create(&posted("out", f.pool, f.ua, "100.00"))
            .is_ok()
    );
    assert_eq!(f.book.balance("pool:core").available(), d("0"));
}

#[test]
fn a_debit_limited_account_cannot_be_settled_beyond_what_was_charged() {
    let mut f = fixture();
    f.book
        .create(&posted("pledge", f.receivable, f.world, "50"))
        .unwrap();
    let err = f
        .book
        .create(&posted("settle", f.world, f.receivable, "60"))
        .unwrap_err();
    assert!(matches!(err, TransferError::ExceedsDebits { .. }), "{err}");
    f.book
        .create(&posted("settle", f.world, f.receivable, "50"))
        .unwrap();
    assert_eq!(
        f.book.balance("contributor:US:pledged").debit_balance(),
        d("0")
    );
}

#[test]
fn a_repeated_id_is_idempotent_and_a_changed_one_is_refused() {
    let mut f = fixture();
    let t = posted("t1", f.world, f.pool, "10");
    assert_eq!(f.book.create(&t), Ok(Created::New));
    assert_eq!(f.book.create(&t), Ok(Created::Exists));
    assert_eq!(f.book.balance("pool:core").credit_balance(), d("10"));
    // Equal value, other scale: the same amount.
    let same = posted("t1", f.world, f.pool, "10.00");
    assert_eq!(f.book.create(&same), Ok(Created::Exists));
    let other = posted("t1", f.world, f.pool, "11");
    assert_eq!(
        f.book.create(&other),
        Err(TransferError::ExistsWithDifferentFields(id("t1")))
    );
}

#[test]
fn malformed_transfers_are_refused() {
    let mut f = fixture();
    assert_eq!(
        f.book.create(&posted("a", f.pool, f.pool, "1")),
        Err(TransferError::SameAccount)
    );
    assert_eq!(
        f.book.create(&posted("b", f.world, f.pool, "0")),
        Err(TransferError::AmountNotPositive(d("0")))
    );
    assert_eq!(
        f.book.create(&posted("c", f.world, f.pool, "-1")),
        Err(TransferError::AmountNotPositive(d("-1")))
    );
    assert_eq!(
        f.book.create(&posted("d", f.world, AccountIdx(99), "1")),
        Err(TransferError::UnknownAccount(99))
    );
}

#[test]
fn a_pending_transfer_reserves_then_posts_part_and_releases_the_rest() {
    let mut f = fixture();
    f.book
        .create(&posted("in", f.world, f.pool, "100"))
        .unwrap();
    let reserve = with_kind(posted("r", f.pool, f.ua, "80"), Kind::Pending);
    f.book.create(&reserve).unwrap();
    assert_eq!(f.book.balance("pool:core").available(), d("20"));
    // The reservation blocks a spend of the reserved money.
    assert!(f.book.create(&posted("x", f.pool, f.ua, "21")).is_err());
    let post = with_kind(
        posted("r-post", f.pool, f.ua, "60"),
        Kind::Post { pending: id("r") },
    );
    f.book.create(&post).unwrap();
    let b = f.book.balance("pool:core");
    assert_eq!((b.debits_pending, b.debits_posted), (d("0"), d("60")));
    assert_eq!(b.available(), d("40"));
    assert_eq!(f.book.pending_state("r"), Some(PendingState::Posted));
    // Resolved once: a second post or a void is refused.
    let again = with_kind(
        posted("r-post2", f.pool, f.ua, "1"),
        Kind::Post { pending: id("r") },
    );
    assert_eq!(
        f.book.create(&again),
        Err(TransferError::AlreadyPosted(id("r")))
    );
    let void = with_kind(
        posted("r-void", f.pool, f.ua, "80"),
        Kind::Void { pending: id("r") },
    );
    assert_eq!(
        f.book.create(&void),
        Err(TransferError::AlreadyPosted(id("r")))
    );
}

#[test]
fn a_voided_reservation_returns_the_money() {
    let mut f = fixture();
    f.book
        .create(&posted("in", f.world, f.pool, "100"))
        .unwrap();
    f.book
        .create(&with_kind(posted("r", f.pool, f.ua, "100"), Kind::Pending))
        .unwrap();
    assert_eq!(f.book.balance("pool:core").available(), d("0"));
    f.book
        .create(&with_kind(
            posted("v", f.pool, f.ua, "100"),
            Kind::Void { pending: id("r") },
        ))
        .unwrap();
    assert_eq!(f.book.balance("pool:core").available(), d("100"));
    assert_eq!(f.book.balance("recipient:UA").debits_posted, d("0"));
    assert_eq!(f.book.pending_state("r"), Some(PendingState::Voided));
}

#[test]
fn posts_and_voids_check_what_they_name() {
    let mut f = fixture();
    f.book
        .create(&posted("in", f.world, f.pool, "100"))
        .unwrap();
    f.book
        .create(&with_kind(posted("r", f.pool, f.ua, "50"), Kind::Pending))
        .unwrap();
    let cases = [
        (
            with_kind(
                posted("p1", f.pool, f.ua, "1"),
                Kind::Post {
                    pending: id("nope"),
                },
            ),
            TransferError::PendingNotFound(id("nope")),
        ),
        (
            with_kind(
                posted("p2", f.world, f.pool, "1"),
                Kind::Post { pending: id("in") },
            ),
            TransferError::NotPending(id("in")),
        ),
        (
            with_kind(
                posted("p3", f.pool, f.world, "1"),
                Kind::Post { pending: id("r") },
            ),
            TransferError::AccountsDiffer(id("r")),
        ),
        (
            with_kind(
                posted("p4", f.pool, f.ua, "51"),
                Kind::Post { pending: id("r") },
            ),
            TransferError::PostExceedsPending {
                pending: id("r"),
                amount: d("51"),
                pending_amount: d("50"),
            },
        ),
    ];
    let cases = cases.into_iter().chain([(
        with_kind(
            posted("p5", f.pool, f.ua, "49"),
            Kind::Void { pending: id("r") },
        ),
        TransferError::VoidAmountDiffers {
            pending: id("r"),
            amount: d("49"),
            pending_amount: d("50"),
        },
    )]);
    for (t, expected) in cases {
        assert_eq!(f.book.create(&t), Err(expected));
    }
    assert_eq!(f.book.pending_state("r"), Some(PendingState::Open));
}

#[test]
fn a_linked_chain_applies_all_or_nothing() {
    let mut f = fixture();
    f.book
        .create(&posted("in", f.world, f.pool, "100"))
        .unwrap();
    f.book
        .create(&with_kind(posted("r", f.pool, f.ua, "30"), Kind::Pending))
        .unwrap();
    let before: Vec<Account> = f.book.accounts().to_vec();
    let chain = [
        posted("c1", f.pool, f.ua, "50"),
        with_kind(
            posted("c2", f.pool, f.ua, "30"),
            Kind::Post { pending: id("r") },
        ),
        posted("c3", f.pool, f.ua, "21"),
    ];
    let err = f.book.create_linked(&chain).unwrap_err();
    assert_eq!(err.index, 2);
    assert!(matches!(err.error, TransferError::ExceedsCredits { .. }));
    assert_eq!(f.book.accounts(), &before[..], "balances restored");
    assert_eq!(f.book.transfer_count(), 2, "no transfer of the chain kept");
    assert_eq!(f.book.pending_state("r"), Some(PendingState::Open));
    assert!(f.book.transfer("c1").is_none());
    let ok = [
        posted("c1", f.pool, f.ua, "50"),
        with_kind(
            posted("c2", f.pool, f.ua, "30"),
            Kind::Post { pending: id("r") },
        ),
        posted("c3", f.pool, f.ua, "20"),
    ];
    assert_eq!(f.book.create_linked(&ok).unwrap(), vec![Created::New; 3]);
    assert_eq!(f.book.balance("pool:core").available(), d("0"));
}

#[test]
fn accounts_are_opened_once_with_fixed_flags() {
    let mut book = Book::new();
    let a = book
        .open("pool:core", AccountFlags::CREDIT_LIMITED)
        .unwrap();
    assert_eq!(book.open("pool:core", AccountFlags::CREDIT_LIMITED), Ok(a));
    assert!(matches!(
        book.open("pool:core", AccountFlags::NONE),
        Err(AccountError::FlagsDiffer(_))
    ));
    assert_eq!(book.balance("never-opened"), Balance::default());
}

#[test]
fn very_large_and_tiny_amounts_are_exact() {
    let mut f = fixture();
    let big = d("1000000000000000");
    for i in 0..1000 {
        f.book
            .create(&posted(
                &format!("b{i}"),
                f.world,
                f.pool,
                "1000000000000000",
            ))
            .unwrap();
    }
    f.book
        .create(&posted("tiny", f.world, f.pool, "0.01"))
        .unwrap();
    assert_eq!(
        f.book.balance("pool:core").credit_balance(),
        big * Decimal::from(1000) + d("0.01")
    );
    let t = f.book.totals().unwrap();
    assert_eq!(t.debits_posted, t.credits_posted);
}
