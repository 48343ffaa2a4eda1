//! The Stabilization Fund: money, currencies, contributors, caps, the surge and the tranche.

use super::*;

/// Resolves a party id to its index, reporting an unknown one at `path`.
pub(super) type ResolveParty<'a> =
    &'a dyn Fn(&mut Checker, &PartyId, FieldPath) -> Option<PartyIdx>;

/// Whether zero is an acceptable amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Zero {
    Allowed,
    Refused,
}

pub(super) fn money_problem(path: FieldPath, e: &MoneyError) -> Problem {
    Problem::new(path, e.to_string()).help(e.help())
}

/// Parses an ISO 4217 code, reporting a bad one at `path`.
pub(super) fn parse_currency(c: &mut Checker, code: &str, path: FieldPath) -> Option<Currency> {
    match Currency::parse(code) {
        Ok(currency) => Some(currency),
        Err(e) => {
            c.err(money_problem(path, &e));
            None
        }
    }
}

/// Checks an amount a person wrote in `currency`: positive (or zero, if allowed), at most
/// [`crate::AMOUNT_MAX`], and no more decimal places than the currency has. Reports it at `path`.
pub(super) fn check_money(
    c: &mut Checker,
    currency: Currency,
    amount: Decimal,
    zero: Zero,
    path: FieldPath,
) {
    let checked = match zero {
        Zero::Allowed => currency.check_amount_or_zero(amount),
        Zero::Refused => currency.check_amount(amount),
    };
    if let Err(e) = checked {
        let mut problem = money_problem(path, &e);
        if zero == Zero::Allowed && matches!(e, MoneyError::Negative(_)) {
            problem = problem.help(
                "write zero or a positive amount as a string, such as \"0\" or \"1500000.00\"",
            );
        }
        c.err(problem);
    }
}

/// The largest contribution key, 10^12: keys are weights, and a surge amount (at most
/// [`crate::AMOUNT_MAX`]) times a key must stay inside `Decimal`'s 28 digits when a call is split
/// pro rata.
const KEY_MAX: Decimal = Decimal::from_parts(3_567_587_328, 232, 0, false, 0);

/// `[fund]`: the Stabilization Fund. `None` if something it needs did not resolve (a problem is
/// then reported).
pub(super) fn check_fund(
    c: &mut Checker,
    raw: &RawFund,
    resolve_party: ResolveParty<'_>,
) -> Option<Fund> {
    let path = FieldPath::of(&["fund"]);
    if raw.name.trim().is_empty() {
        c.err(
            Problem::new(path.key("name"), "the fund's name is empty")
                .help("name it, such as name = \"G7 Ukraine Stabilization Fund\""),
        );
    }
    let currency = parse_currency(c, &raw.currency, path.key("currency"));
    let manager = resolve_party(c, &raw.manager, path.key("manager"));
    let ppath = path.key("purposes");
    check_purposes(c, &raw.purposes.peace, FundMode::Peace, &ppath);
    check_purposes(c, &raw.purposes.conflict, FundMode::Conflict, &ppath);
    let contributors = check_contributors(c, &raw.contributor, currency, &path, resolve_party);
    let caps = check_caps(c, &raw.cap, currency, &raw.purposes, &path);
    let surge = raw
        .surge
        .as_ref()
        .map(|s| check_surge(c, s, currency, &contributors, &path));
    let tranche = raw
        .tranche
        .as_ref()
        .map(|t| check_tranche(c, t, currency, &raw.purposes.conflict, &path));
    let programmes = check_programmes(
        c,
        &raw.programme,
        currency,
        &raw.purposes,
        &path,
        resolve_party,
    );
    let board = raw
        .board
        .as_ref()
        .and_then(|b| check_board(c, b, currency, &contributors, &caps, &path));
    Some(Fund {
        name: raw.name.clone(),
        currency: currency?,
        manager: manager?,
        quiet_period: raw.quiet_period,
        peace_purposes: raw.purposes.peace.clone(),
        conflict_purposes: raw.purposes.conflict.clone(),
        contributors,
        caps,
        surge,
        tranche,
        programmes,
        board,
        article: article(&raw.article),
    })
}

/// One mode's purposes: at least one, each listed once.
pub(super) fn check_purposes(
    c: &mut Checker,
    list: &[PurposeId],
    mode: FundMode,
    path: &FieldPath,
) {
    let path = path.key(mode.name());
    if list.is_empty() {
        c.err(
            Problem::new(
                path.clone(),
                format!("the fund has no {} purposes", mode.name()),
            )
            .help(format!(
                "list what the fund may disburse for in {} mode, such as [\"reconstruction\"]",
                mode.name()
            )),
        );
    }
    if list.len() > CHARTER_ITEMS_MAX {
        c.err(Problem::new(
            path,
            format!("a fund has at most {CHARTER_ITEMS_MAX} purposes per mode"),
        ));
        return;
    }
    let mut seen = HashSet::new();
    for (i, p) in list.iter().enumerate() {
        if !seen.insert(p) {
            c.err(
                Problem::new(path.index(i), format!("`{p}` is listed twice"))
                    .help("list each purpose once"),
            );
        }
    }
}

/// `[[fund.contributor]]`: at least one, each party once, positive keys, capital that fits.
pub(super) fn check_contributors(
    c: &mut Checker,
    raw: &[RawContributor],
    currency: Option<Currency>,
    fund: &FieldPath,
    resolve_party: ResolveParty<'_>,
) -> Vec<FundContributor> {
    if raw.is_empty() {
        c.err(
            Problem::new(fund.clone(), "the fund has no contributors")
                .help("add [[fund.contributor]] tables with party, key, paid_in and callable"),
        );
    }
    if raw.len() > CHARTER_ITEMS_MAX {
        c.err(Problem::new(
            fund.key("contributor"),
            format!("a fund has at most {CHARTER_ITEMS_MAX} contributors"),
        ));
        return Vec::new();
    }
    let mut out = Vec::with_capacity(raw.len());
    let mut seen = HashSet::new();
    for (i, r) in raw.iter().enumerate() {
        let path = fund.key("contributor").index(i);
        let party = resolve_party(c, &r.party, path.key("party"));
        if !seen.insert(&r.party) {
            c.err(
                Problem::new(
                    path.key("party"),
                    format!("`{}` contributes twice", r.party),
                )
                .help("give each party one [[fund.contributor]] table"),
            );
        }
        check_key(c, r.key.0, path.key("key"));
        let paid_in = r.paid_in.as_ref().map_or(Decimal::ZERO, |a| a.0);
        let callable = r.callable.as_ref().map_or(Decimal::ZERO, |a| a.0);
        if let Some(currency) = currency {
            check_money(c, currency, paid_in, Zero::Allowed, path.key("paid_in"));
            check_money(c, currency, callable, Zero::Allowed, path.key("callable"));
        }
        if let Some(name) = &r.appropriation
            && name.trim().is_empty()
        {
            c.err(
                Problem::new(path.key("appropriation"), "the parliament's name is empty")
                    .help("name the parliament whose appropriation the surge shares need, such as appropriation = \"United States Congress\", or leave the key out"),
            );
        }
        if let Some(party) = party {
            out.push(FundContributor {
                party,
                key: r.key.0,
                paid_in,
                callable,
                appropriation: r.appropriation.clone(),
            });
        }
    }
    out
}

pub(super) fn check_key(c: &mut Checker, key: Decimal, path: FieldPath) {
    if key <= Decimal::ZERO {
        c.err(
            Problem::new(path, format!("the contribution key is {key}; it must be positive"))
                .help("write a positive share, such as \"0.30\"; shares are each key over the sum of keys"),
        );
    } else if key > KEY_MAX {
        c.err(
            Problem::new(
                path,
                format!("the contribution key {key} is larger than 10^12"),
            )
            .help("keys are weights: write shares such as \"0.30\" or percentages such as 30"),
        );
    }
}

/// `[[fund.cap]]`: each on a purpose of the fund, at most one per purpose.
pub(super) fn check_caps(
    c: &mut Checker,
    raw: &[RawCap],
    currency: Option<Currency>,
    purposes: &RawPurposes,
    fund: &FieldPath,
) -> Vec<FundCap> {
    if raw.len() > CHARTER_ITEMS_MAX {
        c.err(Problem::new(
            fund.key("cap"),
            format!("a fund has at most {CHARTER_ITEMS_MAX} caps"),
        ));
        return Vec::new();
    }
    let mut seen = HashSet::new();
    let mut caps = Vec::with_capacity(raw.len());
    for (i, r) in raw.iter().enumerate() {
        let path = fund.key("cap").index(i);
        if !purposes.peace.contains(&r.purpose) && !purposes.conflict.contains(&r.purpose) {
            let mut all: Vec<&str> = Vec::new();
            for p in purposes.peace.iter().chain(&purposes.conflict) {
                if !all.contains(&p.as_str()) {
                    all.push(p.as_str());
                }
            }
            c.err(
                Problem::new(
                    path.key("purpose"),
                    format!("`{}` is not one of the fund's purposes", r.purpose),
                )
                .help(format!(
                    "use a purpose listed in [fund.purposes]: {}",
                    list_ids(all.into_iter())
                )),
            );
        }
        if !seen.insert(&r.purpose) {
            c.err(
                Problem::new(
                    path.key("purpose"),
                    format!("`{}` already has a cap", r.purpose),
                )
                .help("keep one [[fund.cap]] per purpose"),
            );
        }
        if let Some(currency) = currency {
            check_money(c, currency, r.amount.0, Zero::Refused, path.key("amount"));
        }
        caps.push(FundCap {
            purpose: r.purpose.clone(),
            amount: r.amount.0,
            per: r.per,
            article: article(&r.article),
        });
    }
    caps
}

/// `[fund.surge]`; warns when it asks for more than all callable capital.
pub(super) fn check_surge(
    c: &mut Checker,
    raw: &RawSurge,
    currency: Option<Currency>,
    contributors: &[FundContributor],
    fund: &FieldPath,
) -> FundSurge {
    let path = fund.key("surge").key("amount");
    if let Some(currency) = currency {
        check_money(c, currency, raw.amount.0, Zero::Refused, path.clone());
        let callable = contributors
            .iter()
            .try_fold(Decimal::ZERO, |sum, k| sum.checked_add(k.callable));
        if let Some(callable) = callable
            && raw.amount.0 > callable
        {
            c.warnings.push(
                Problem::new(
                    path,
                    format!(
                        "the surge asks for {} {currency} but the contributors' callable capital totals {} {currency}",
                        raw.amount.0, callable
                    ),
                )
                .help("calls are limited to what remains callable: raise callable capital or lower the surge amount"),
            );
        }
    }
    FundSurge {
        amount: raw.amount.0,
        due_within: raw.due_within,
        article: article(&raw.article),
    }
}

/// `[fund.tranche]`: released in conflict mode, so for a conflict purpose.
pub(super) fn check_tranche(
    c: &mut Checker,
    raw: &RawTranche,
    currency: Option<Currency>,
    conflict: &[PurposeId],
    fund: &FieldPath,
) -> FundTranche {
    let path = fund.key("tranche");
    if let Some(currency) = currency {
        check_money(c, currency, raw.amount.0, Zero::Refused, path.key("amount"));
    }
    if !conflict.contains(&raw.purpose) {
        c.err(
            Problem::new(
                path.key("purpose"),
                format!("`{}` is not a conflict purpose", raw.purpose),
            )
            .help(format!(
                "the tranche is released in conflict mode; use one of: {}",
                list_ids(conflict.iter().map(PurposeId::as_str))
            )),
        );
    }
    FundTranche {
        amount: raw.amount.0,
        purpose: raw.purpose.clone(),
        recipient: raw.recipient.clone(),
        article: article(&raw.article),
    }
}
