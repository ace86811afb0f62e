//! Renderers of a [`Comparison`](crate::compare::Comparison) (`kano compare`), one file per
//! format like the report's; they format, never compute.

pub mod csv;
pub mod json;
pub mod markdown;
pub mod table;

use crate::report::fixed;

/// A change with its sign: `+0.35`, `-0.10`, `0.00`; "-" when undefined.
pub fn signed(value: Option<f64>, digits: usize) -> String {
    match value {
        Some(x)
            if x > 0.0
                && fixed(Some(x), digits)
                    .bytes()
                    .any(|b| (b'1'..=b'9').contains(&b)) =>
        {
            format!("+{}", fixed(Some(x), digits))
        }
        other => fixed(other, digits),
    }
}

/// The significance mark: `*` for a significant change, nothing otherwise.
pub fn star(significant: Option<bool>) -> &'static str {
    if significant == Some(true) {
        "*"
    } else {
        ""
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signed_changes_show_plus_only_when_nonzero() {
        assert_eq!(signed(Some(0.35), 2), "+0.35");
        assert_eq!(signed(Some(-0.1), 2), "-0.10");
        assert_eq!(signed(Some(0.0001), 2), "0.00");
        assert_eq!(signed(Some(-0.0001), 2), "0.00");
        assert_eq!(signed(None, 2), "-");
    }
}
