//! Numbers as people read them: a float at a fixed number of decimals, never a negative zero.
//!
//! `format!("{:.1}", -0.02)` writes `-0.0`, which reads as a negative value where there is none
//! to see (a confidence interval's lower bound just below zero, or an exact `-0.0`). Every
//! number the simulator writes for people or for the CSV goes through [`fixed`], so the rule
//! holds in one place.

/// `value` with `decimals` decimals; a value that rounds to zero is written without a sign.
pub fn fixed(value: f64, decimals: usize) -> String {
    let text = format!("{value:.decimals$}");
    match text.strip_prefix('-') {
        // Only digits and the point remain: all zeros means the value rounded to zero.
        Some(magnitude) if magnitude.bytes().all(|b| b == b'0' || b == b'.') => {
            magnitude.to_owned()
        }
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use super::fixed;

    #[test]
    fn values_rounding_to_zero_have_no_sign() {
        assert_eq!(fixed(-0.0, 1), "0.0");
        assert_eq!(fixed(-0.02, 1), "0.0");
        assert_eq!(fixed(-0.0004, 3), "0.000");
        assert_eq!(fixed(-0.4, 0), "0");
        assert_eq!(fixed(0.0, 2), "0.00");
    }

    #[test]
    fn other_values_keep_their_sign_and_rounding() {
        assert_eq!(fixed(-0.06, 1), "-0.1");
        assert_eq!(fixed(-12.346, 2), "-12.35");
        assert_eq!(fixed(0.8125, 3), "0.812");
        assert_eq!(fixed(1075.0, 1), "1075.0");
        assert_eq!(fixed(-3.0, 0), "-3");
    }

    #[test]
    fn non_finite_values_are_written_as_rust_writes_them() {
        assert_eq!(fixed(f64::NAN, 1), "NaN");
        assert_eq!(fixed(f64::NEG_INFINITY, 1), "-inf");
    }
}
