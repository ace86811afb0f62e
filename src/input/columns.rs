//! Recognizing a wide layout's column headers: which feature a column belongs to and whether it
//! holds the functional answer, the dysfunctional one, or the importance.
//!
//! Accepted forms (case-insensitive): `<name> (functional)`, `<name> [functional]`,
//! `<name>_functional`, `<name>_func`, `<name> - functional`, `<name>.functional`,
//! `Functional: <name>`, `Functional - <name>`, and the same with `dysfunctional`/`dysf`/`dys`
//! and `importance`. The name is matched whole, so `F1_` never pairs with `F10_`.

/// What a wide column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// The answer when the feature is present.
    Functional,
    /// The answer when the feature is absent.
    Dysfunctional,
    /// Self-stated importance.
    Importance,
}

impl Role {
    /// The role's name.
    pub fn name(self) -> &'static str {
        match self {
            Role::Functional => "functional",
            Role::Dysfunctional => "dysfunctional",
            Role::Importance => "importance",
        }
    }
}

const TOKENS: &[(&str, Role)] = &[
    ("dysfunctional", Role::Dysfunctional),
    ("disfunctional", Role::Dysfunctional),
    ("functional", Role::Functional),
    ("importance", Role::Importance),
    ("dysf", Role::Dysfunctional),
    ("func", Role::Functional),
    ("dys", Role::Dysfunctional),
    ("imp", Role::Importance),
];

fn is_separator(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '_' | '-' | '.' | ':' | '/' | '|' | '\u{2013}' | '\u{2014}'
        )
}

fn token_role(token: &str) -> Option<Role> {
    TOKENS
        .iter()
        .find(|(t, _)| token.eq_ignore_ascii_case(t))
        .map(|(_, role)| *role)
}

/// The name as written, without surrounding white space; `None` when nothing is left.
fn clean_name(name: &str) -> Option<String> {
    let trimmed = name.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_string())
}

/// Splits a header into its feature name and role, or `None` when it is not a question column.
pub fn parse_role(header: &str) -> Option<(String, Role)> {
    let header = header.trim();
    // `<name> (role)` or `<name> [role]`.
    for (open, close) in [('(', ')'), ('[', ']')] {
        if let Some(body) = header.strip_suffix(close) {
            if let Some(start) = body.rfind(open) {
                if let Some(role) = token_role(body[start + 1..].trim()) {
                    // An empty name leaves the header to the forms below.
                    if let Some(name) = clean_name(&body[..start]) {
                        return Some((name, role));
                    }
                }
            }
        }
    }
    // `<name><sep><role>`: the role token ends the header, preceded by a separator.
    for (token, role) in TOKENS {
        let Some(split) = header.len().checked_sub(token.len()) else {
            continue;
        };
        if !header.is_char_boundary(split) || !header[split..].eq_ignore_ascii_case(token) {
            continue;
        }
        let prefix = &header[..split];
        if prefix.ends_with(is_separator) {
            // Only the separator between the name and the role goes: "-A - func" is "-A".
            let name = prefix.trim_end();
            let name = name.strip_suffix(is_separator).unwrap_or(name);
            if let Some(name) = clean_name(name) {
                return Some((name, *role));
            }
        }
    }
    // `<role><sep><name>`: `Functional: name`, `Functional - name`, `functional_name`.
    for (token, role) in TOKENS {
        if header.len() <= token.len() || !header.is_char_boundary(token.len()) {
            continue;
        }
        let (head, rest) = header.split_at(token.len());
        if head.eq_ignore_ascii_case(token) && rest.starts_with(is_separator) {
            let name = rest.trim_start();
            let name = name.strip_prefix(is_separator).unwrap_or(name);
            if let Some(name) = clean_name(name) {
                return Some((name, *role));
            }
        }
    }
    None
}

/// The key two columns of one feature share: the name, lowercased, inner spaces collapsed.
pub fn feature_key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;
    use Role::*;

    #[test]
    fn every_documented_header_form_is_recognized() {
        let cases: &[(&str, Option<(&str, Role)>)] = &[
            ("Dark mode (functional)", Some(("Dark mode", Functional))),
            (
                "Dark mode (Dysfunctional)",
                Some(("Dark mode", Dysfunctional)),
            ),
            ("Dark mode (importance)", Some(("Dark mode", Importance))),
            ("Dark mode [functional]", Some(("Dark mode", Functional))),
            ("F1_functional", Some(("F1", Functional))),
            ("F1_dysfunctional", Some(("F1", Dysfunctional))),
            ("F10_functional", Some(("F10", Functional))),
            ("F1_importance", Some(("F1", Importance))),
            ("chat_func", Some(("chat", Functional))),
            ("chat_dysf", Some(("chat", Dysfunctional))),
            ("Live chat - functional", Some(("Live chat", Functional))),
            (
                "Live chat - Dysfunctional",
                Some(("Live chat", Dysfunctional)),
            ),
            ("Functional: Live chat", Some(("Live chat", Functional))),
            (
                "Dysfunctional: Live chat",
                Some(("Live chat", Dysfunctional)),
            ),
            ("Importance: Live chat", Some(("Live chat", Importance))),
            ("FUNCTIONAL - Live chat", Some(("Live chat", Functional))),
            ("ID", None),
            ("functional", None),
            ("Dysfunctional", None),
            ("Gender", None),
            ("nonfunctional", None),
            ("Age (years)", None),
            // Names keep their text as written: signs, pipes, brackets.
            ("-2+3 (functional)", Some(("-2+3", Functional))),
            (
                "|pipe|md| (dysfunctional)",
                Some(("|pipe|md|", Dysfunctional)),
            ),
            ("-A_functional", Some(("-A", Functional))),
            ("Functional: -A", Some(("-A", Functional))),
            ("-A - dysfunctional", Some(("-A", Dysfunctional))),
            (
                "local language(s) [functional]",
                Some(("local language(s)", Functional)),
            ),
        ];
        for (header, expected) in cases {
            let got = parse_role(header);
            let expected = expected.map(|(n, r)| (n.to_string(), r));
            assert_eq!(got, expected, "header {header:?}");
        }
    }

    #[test]
    fn dysfunctional_is_never_read_as_functional() {
        assert_eq!(
            parse_role("x_dysfunctional").map(|(_, r)| r),
            Some(Dysfunctional)
        );
        assert_eq!(
            parse_role("x dysfunctional").map(|(_, r)| r),
            Some(Dysfunctional)
        );
    }

    #[test]
    fn keys_ignore_case_and_spacing() {
        assert_eq!(feature_key("Live  Chat"), feature_key("live chat"));
        assert_ne!(feature_key("F1"), feature_key("F10"));
    }
}
