//! The fund's board (`[fund.board]`): the contributors voting with weighted votes on the few
//! decisions the charter gives it: returning the fund to peace mode, authorising an exceptional
//! disbursement above a threshold, changing a cap. Everything else stays automatic; in
//! particular the switch to conflict mode is never the board's.
//!
//! Voting power is weighted, as in the boards of the IMF, the World Bank and the European
//! Stability Mechanism: each contributor's weight is its contribution key, or the capital it has
//! paid in when the motion is put. A motion is adopted when the weight of the members voting
//! yes reaches the threshold, a share of the whole board's voting power (members who do not vote
//! count against it, as silence does under an absolute majority). All arithmetic is exact
//! (decimal), never floats.

use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::model::Article;
use crate::time::Duration;

/// What a board member's voting power is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum BoardWeights {
    /// Its contribution key (fixed by the charter).
    Key,
    /// The capital it has paid into the fund when the motion is put (so weights follow money
    /// actually paid, as the ESM's voting rights follow paid-in capital).
    PaidIn,
}

impl BoardWeights {
    pub fn name(self) -> &'static str {
        match self {
            BoardWeights::Key => "key",
            BoardWeights::PaidIn => "paid_in",
        }
    }
}

/// The share of the board's whole voting power the yes votes need.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BoardThreshold {
    /// Strictly more than `pct` percent (`"more than 50%"`: an absolute majority).
    MoreThan(Decimal),
    /// At least `pct` percent (`"at least 85%"`: the IMF's special majorities).
    AtLeast(Decimal),
}

/// Why a threshold could not be read.
pub const THRESHOLD_HELP: &str = "write \"more than P%\" or \"at least P%\" with P between 0 and 100, such as \"more than 50%\" (an absolute majority of the voting power) or \"at least 85%\"";

impl BoardThreshold {
    /// Reads `more than P%` or `at least P%` (P a decimal, `0 <= P < 100` for "more than",
    /// `0 < P <= 100` for "at least").
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        let (make, rest): (fn(Decimal) -> Self, &str) =
            if let Some(rest) = text.strip_prefix("more than ") {
                (BoardThreshold::MoreThan, rest)
            } else if let Some(rest) = text.strip_prefix("at least ") {
                (BoardThreshold::AtLeast, rest)
            } else {
                return None;
            };
        let pct: Decimal = rest.trim().strip_suffix('%')?.trim().parse().ok()?;
        let threshold = make(pct.normalize());
        let valid = match threshold {
            BoardThreshold::MoreThan(p) => p >= Decimal::ZERO && p < Decimal::ONE_HUNDRED,
            BoardThreshold::AtLeast(p) => p > Decimal::ZERO && p <= Decimal::ONE_HUNDRED,
        };
        valid.then_some(threshold)
    }

    /// Whether `yes` out of `total` voting power meets the threshold. Nothing is adopted
    /// without some voting power for it (a board whose weights are all zero adopts nothing).
    pub fn met(self, yes: Decimal, total: Decimal) -> bool {
        if yes <= Decimal::ZERO || total <= Decimal::ZERO {
            return false;
        }
        // yes / total against pct / 100, cross-multiplied; weights and percentages are bounded
        // (at most 10^15 and 100 with few places), so the products stay exact.
        let lhs = yes.checked_mul(Decimal::ONE_HUNDRED);
        match self {
            BoardThreshold::MoreThan(p) => match (lhs, p.checked_mul(total)) {
                (Some(l), Some(r)) => l > r,
                _ => false,
            },
            BoardThreshold::AtLeast(p) => match (lhs, p.checked_mul(total)) {
                (Some(l), Some(r)) => l >= r,
                _ => false,
            },
        }
    }

    pub fn pct(self) -> Decimal {
        match self {
            BoardThreshold::MoreThan(p) | BoardThreshold::AtLeast(p) => p,
        }
    }
}

impl fmt::Display for BoardThreshold {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BoardThreshold::MoreThan(p) => write!(f, "more than {p}%"),
            BoardThreshold::AtLeast(p) => write!(f, "at least {p}%"),
        }
    }
}

impl Serialize for BoardThreshold {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// A decision the charter gives the board.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum BoardPower {
    /// Returning the fund to peace mode once the quiet period has passed (without the power,
    /// the fund returns by itself when it ends).
    ReturnToPeace,
    /// Authorising a disbursement above `exceptional_above` (without the authorisation the
    /// manager may not make it).
    ExceptionalDisbursement,
    /// Changing the amount of a purpose's cap.
    CapChange,
}

impl BoardPower {
    pub const ALL: [BoardPower; 3] = [
        BoardPower::ReturnToPeace,
        BoardPower::ExceptionalDisbursement,
        BoardPower::CapChange,
    ];

    pub fn name(self) -> &'static str {
        match self {
            BoardPower::ReturnToPeace => "return_to_peace",
            BoardPower::ExceptionalDisbursement => "exceptional_disbursement",
            BoardPower::CapChange => "cap_change",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.name() == name)
    }
}

/// `[fund.board]`. Its members are the fund's contributors, in charter order.
#[derive(Debug, Clone)]
pub struct FundBoard {
    pub weights: BoardWeights,
    pub threshold: BoardThreshold,
    /// A motion not adopted this long after it is put is not adopted.
    pub decide_within: Duration,
    /// Sorted, each once.
    pub powers: Vec<BoardPower>,
    /// With [`BoardPower::ExceptionalDisbursement`]: a disbursement of more than this needs the
    /// board's authorisation.
    pub exceptional_above: Option<Decimal>,
    pub article: Article,
}

impl FundBoard {
    pub fn has(&self, power: BoardPower) -> bool {
        self.powers.contains(&power)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap_or_default()
    }

    #[test]
    fn thresholds_read_as_written_and_compare_exactly() {
        let majority = BoardThreshold::parse("more than 50%");
        assert_eq!(majority, Some(BoardThreshold::MoreThan(d("50"))));
        let special = BoardThreshold::parse(" at least 85 % ");
        assert_eq!(special, Some(BoardThreshold::AtLeast(d("85"))));
        for bad in [
            "50%",
            "more than 100%",
            "at least 0%",
            "at least 101%",
            "more than -1%",
            "more than fifty%",
            "at least 85",
        ] {
            assert_eq!(BoardThreshold::parse(bad), None, "{bad}");
        }
        let Some(majority) = majority else { return };
        // Exactly half is not more than half; one cent more is.
        assert!(!majority.met(d("50.00"), d("100.00")));
        assert!(majority.met(d("50.01"), d("100.00")));
        let at_least = BoardThreshold::AtLeast(d("66.67"));
        assert!(!at_least.met(d("2"), d("3")));
        assert!(BoardThreshold::AtLeast(d("50")).met(d("1"), d("2")));
        // No voting power for it, or none at all: never adopted.
        assert!(!BoardThreshold::MoreThan(d("0")).met(d("0"), d("10")));
        assert!(!BoardThreshold::AtLeast(d("1")).met(d("0"), d("0")));
        assert_eq!(majority.to_string(), "more than 50%");
    }

    #[test]
    fn powers_round_trip_their_names() {
        for p in BoardPower::ALL {
            assert_eq!(BoardPower::from_name(p.name()), Some(p));
        }
        assert_eq!(BoardPower::from_name("switch_to_conflict"), None);
    }
}
