//! Every rule that turns an XML name into a Rust identifier lives here.
//!
//! XML names are case-sensitive, may contain `-`, `.` and non-ASCII letters, may collide with Rust
//! keywords, and two different XML names may map to the same Rust name (`user_id` and `UserId`). The
//! plan stage calls these functions and never builds identifiers itself, so each rule has one place and
//! one test.

use std::collections::BTreeSet;

/// Rust keywords (strict, reserved and 2018+ edition keywords).
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers (`r#self` is invalid): they get a trailing underscore.
const NOT_RAW: &[&str] = &["crate", "self", "Self", "super"];

/// Splits an XML name into words: at non-alphanumeric characters, at lower→upper transitions
/// (`fooBar`), at the end of an acronym (`XMLHttp` → `XML`, `Http`) and between letters and digits
/// only when a letter follows digits (`Unused1` stays one word, `Base64Binary` → `Base64`, `Binary`).
fn words(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    let mut out = Vec::new();
    let mut cur = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_alphanumeric() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if let Some(&prev) = cur.chars().last().as_ref() {
            let next = chars.get(i + 1).copied();
            let boundary = (prev.is_lowercase() && c.is_uppercase())
                || (prev.is_uppercase()
                    && c.is_uppercase()
                    && next.is_some_and(|n| n.is_lowercase()))
                || (prev.is_numeric() && c.is_alphabetic());
            if boundary {
                out.push(std::mem::take(&mut cur));
            }
        }
        cur.push(c);
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first
            .to_uppercase()
            .chain(chars.flat_map(char::to_lowercase))
            .collect(),
        None => String::new(),
    }
}

/// Makes `s` a valid identifier: a leading digit gets a prefix, an empty name becomes `fallback`,
/// non-ASCII letters are kept (Rust allows them) but everything else was already split away.
fn legal(s: String, fallback: &str, digit_prefix: &str) -> String {
    if s.is_empty() {
        return fallback.to_owned();
    }
    if s.starts_with(|c: char| c.is_numeric()) {
        return format!("{digit_prefix}{s}");
    }
    s
}

/// Escapes a keyword: `r#type` for most, `self_` for those that cannot be raw.
fn escape_keyword(s: String) -> String {
    if NOT_RAW.contains(&s.as_str()) {
        format!("{s}_")
    } else if KEYWORDS.contains(&s.as_str()) {
        format!("r#{s}")
    } else {
        s
    }
}

/// The names the generated file imports from the runtime (the derive macros); no generated item
/// may take them.
pub const PRELUDE: &[&str] = &["RedactedDebug", "SimpleType", "SoapHeaders", "XmlContent"];

/// Words of a Rust identifier as the runtime's derive splits them: at `_` and at lower→upper
/// transitions (digits count as lower case).
fn ident_words(ident: &str) -> Vec<String> {
    let mut words = Vec::new();
    for part in ident
        .trim_start_matches("r#")
        .split('_')
        .filter(|p| !p.is_empty())
    {
        let mut current = String::new();
        let mut prev_lower = false;
        for c in part.chars() {
            if c.is_uppercase() && prev_lower && !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            prev_lower = c.is_lowercase() || c.is_ascii_digit();
            current.push(c);
        }
        if !current.is_empty() {
            words.push(current);
        }
    }
    words
}

/// The XML name `#[xml(rename_all = "PascalCase")]` gives a field or variant identifier (the
/// derive's rule, mirrored so the plan emits `rename` only where the rule does not reproduce the
/// XML name).
pub fn derive_pascal_case(ident: &str) -> String {
    ident_words(ident).iter().map(|w| capitalize(w)).collect()
}

/// The XML name `#[xml(rename_all = "camelCase")]` gives an identifier.
pub fn derive_camel_case(ident: &str) -> String {
    ident_words(ident)
        .iter()
        .enumerate()
        .map(|(i, w)| {
            if i == 0 {
                w.to_lowercase()
            } else {
                capitalize(w)
            }
        })
        .collect()
}

/// The XML name an identifier gives without a rename rule: itself, without `r#`.
pub fn derive_verbatim(ident: &str) -> String {
    ident.trim_start_matches("r#").to_owned()
}

/// `UpperCamelCase` for types, traits and enum variants: `ArrayOfint` → `ArrayOfint`,
/// `UIHintMandatory` → `UiHintMandatory`, `so-time zone` → `SoTimeZone`.
pub fn type_name(xml: &str) -> String {
    let joined: String = words(xml).iter().map(|w| capitalize(w)).collect();
    escape_keyword(legal(joined, "Unnamed", "_"))
}

/// `snake_case` for fields, methods and modules: `TokenManagementInfo` → `token_management_info`,
/// `type` → `r#type`.
pub fn field_name(xml: &str) -> String {
    let joined = words(xml)
        .iter()
        .map(|w| w.to_lowercase())
        .collect::<Vec<_>>()
        .join("_");
    escape_keyword(legal(joined, "unnamed", "_"))
}

/// `SCREAMING_SNAKE_CASE` for constants.
pub fn const_name(xml: &str) -> String {
    let joined = words(xml)
        .iter()
        .map(|w| w.to_uppercase())
        .collect::<Vec<_>>()
        .join("_");
    legal(joined, "UNNAMED", "_")
}

/// Enum variant for an enumeration value. Values may be anything (`+`, `1`, ``), so the result falls
/// back to `Value{index}` when nothing usable is left.
pub fn variant_name(value: &str, index: usize) -> String {
    let joined: String = words(value).iter().map(|w| capitalize(w)).collect();
    if joined.is_empty() {
        return format!("Value{index}");
    }
    escape_keyword(legal(joined, "Value", "V"))
}

/// Words in an element name that mark its value as a secret: such fields are redacted in `Debug`.
const SECRET_WORDS: &[&str] = &[
    "password",
    "passwords",
    "passwd",
    "pwd",
    "ticket",
    "tickets",
    "token",
    "tokens",
    "secret",
    "secrets",
    "apikey",
];

/// How strictly [`is_secret`] reads a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecretRule {
    /// Any word of the name is a secret word (`SecretValue`, `PasswordHint`, `AccessToken`): for
    /// values printed as they are (strings, numbers, enums, lists).
    AnyWord,
    /// Only the last word counts (`AccessToken`, not `TokenManagementInfo`): for generated
    /// structs, whose own `Debug` already redacts their secret fields, so naming a container after
    /// what it holds does not hide the whole container.
    LastWord,
}

/// Whether an element called `xml` holds a secret (ticket, token, password, …) whose value must never
/// be printed, by `rule`.
pub fn is_secret(xml: &str, rule: SecretRule) -> bool {
    let lower: Vec<String> = words(xml).iter().map(|w| w.to_lowercase()).collect();
    let api_key = lower.windows(2).any(|p| p[0] == "api" && p[1] == "key");
    match rule {
        // "Ticket" also names helpdesk tickets (`TicketCategories`, `TicketPriorityId`): it marks a
        // secret only as the last word, under either rule.
        SecretRule::AnyWord => {
            api_key
                || lower
                    .iter()
                    .any(|w| SECRET_WORDS.contains(&w.as_str()) && !w.starts_with("ticket"))
                || lower
                    .last()
                    .is_some_and(|w| w.starts_with("ticket") && SECRET_WORDS.contains(&w.as_str()))
        }
        SecretRule::LastWord => match lower.as_slice() {
            [.., api, key] if api == "api" && key == "key" => true,
            [.., last] => SECRET_WORDS.contains(&last.as_str()),
            [] => false,
        },
    }
}

/// Reserved names of the generated client type's inherent methods, which operation methods must not
/// take (an inherent method would shadow the trait method at call sites).
pub const CLIENT_METHODS: &[&str] = &[
    "call",
    "new",
    "with_endpoint",
    "headers",
    "headers_mut",
    "with_headers",
    "core",
    "core_mut",
];

/// Hands out unique names within one namespace of Rust items (a module's types, a struct's fields,
/// an enum's variants). The first claimant keeps the name; later ones get `2`, `3`, … appended, so the
/// result depends only on the order of claims, which the plan stage keeps equal to document order.
#[derive(Debug, Default)]
pub struct Scope {
    taken: BTreeSet<String>,
}

impl Scope {
    /// A scope in which `reserved` names are already taken.
    pub fn with_reserved(reserved: &[&str]) -> Self {
        Scope {
            taken: reserved.iter().map(|s| (*s).to_owned()).collect(),
        }
    }

    /// Claims `candidate`, or the first free `candidate{N}` (N ≥ 2).
    pub fn claim(&mut self, candidate: String) -> String {
        if self.taken.insert(candidate.clone()) {
            return candidate;
        }
        let (stem, raw) = match candidate.strip_prefix("r#") {
            Some(stem) => (stem.to_owned(), true),
            None => (candidate.trim_end_matches('_').to_owned(), false),
        };
        let _ = raw;
        (2..)
            .map(|n| format!("{stem}{n}"))
            .find(|name| self.taken.insert(name.clone()))
            .unwrap_or(candidate)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derive_rename_rules_mirror_the_runtime_derive() {
        assert_eq!(derive_pascal_case("table_right"), "TableRight");
        assert_eq!(derive_pascal_case("r#type"), "Type");
        assert_eq!(derive_pascal_case("so_time_zone_id"), "SoTimeZoneId");
        assert_eq!(derive_camel_case("table_right"), "tableRight");
        assert_eq!(derive_verbatim("r#type"), "type");
        // The rule cannot produce acronyms: the plan emits a `rename` for `UIHint`.
        assert_ne!(derive_pascal_case(&field_name("UIHint")), "UIHint");
    }

    #[test]
    fn prelude_names_are_never_generated() {
        let mut scope = Scope::with_reserved(PRELUDE);
        assert_eq!(scope.claim(type_name("XmlContent")), "XmlContent2");
    }

    #[test]
    fn type_names_are_upper_camel_case() {
        assert_eq!(type_name("TokenManagementInfo"), "TokenManagementInfo");
        assert_eq!(type_name("so-time zone"), "SoTimeZone");
        assert_eq!(type_name("ArrayOfint"), "ArrayOfint");
        assert_eq!(type_name("guid"), "Guid");
    }

    #[test]
    fn acronyms_become_one_capitalised_word() {
        assert_eq!(type_name("UIHintMandatory"), "UiHintMandatory");
        assert_eq!(field_name("XMLHttpRequest"), "xml_http_request");
        assert_eq!(field_name("ID"), "id");
    }

    #[test]
    fn digits_stay_with_the_word_before_them() {
        assert_eq!(type_name("Unused1"), "Unused1");
        assert_eq!(field_name("Base64Binary"), "base64_binary");
        assert_eq!(type_name("UndefinedValue256"), "UndefinedValue256");
    }

    #[test]
    fn field_names_are_snake_case() {
        assert_eq!(field_name("TokenManagementInfo"), "token_management_info");
        assert_eq!(field_name("SoTimeZoneId"), "so_time_zone_id");
        assert_eq!(field_name("Key"), "key");
    }

    #[test]
    fn keywords_become_raw_identifiers() {
        assert_eq!(field_name("type"), "r#type");
        assert_eq!(field_name("Type"), "r#type");
        assert_eq!(field_name("match"), "r#match");
        assert_eq!(field_name("async"), "r#async");
    }

    #[test]
    fn keywords_that_cannot_be_raw_get_an_underscore() {
        assert_eq!(field_name("self"), "self_");
        assert_eq!(type_name("self"), "Self_");
        assert_eq!(field_name("super"), "super_");
        assert_eq!(field_name("crate"), "crate_");
    }

    #[test]
    fn leading_digits_get_a_prefix() {
        assert_eq!(field_name("1st"), "_1_st");
        assert_eq!(type_name("2Way"), "_2Way");
        assert_eq!(variant_name("1", 0), "V1");
    }

    #[test]
    fn names_without_letters_fall_back() {
        assert_eq!(field_name("--"), "unnamed");
        assert_eq!(type_name(""), "Unnamed");
        assert_eq!(variant_name("+", 3), "Value3");
        assert_eq!(variant_name("", 0), "Value0");
    }

    #[test]
    fn secret_names_are_recognised_by_word() {
        use SecretRule::{AnyWord, LastWord};
        for rule in [AnyWord, LastWord] {
            assert!(is_secret("Ticket", rule));
            assert!(is_secret("AccessToken", rule));
            assert!(is_secret("RefreshToken", rule));
            assert!(is_secret("ApplicationToken", rule));
            assert!(is_secret("NewPassword", rule));
            assert!(is_secret("api_key", rule));
            assert!(!is_secret("Provider", rule));
            assert!(!is_secret("Tokenizer", rule));
            assert!(!is_secret("Key", rule));
        }
        assert!(is_secret("SecretValue", AnyWord));
        assert!(is_secret("PasswordHint", AnyWord));
        assert!(!is_secret("SecretValue", LastWord));
        assert!(!is_secret("TokenManagementInfo", LastWord));
        assert!(!is_secret("TicketPriorityId", AnyWord));
        assert!(!is_secret("TicketCategories", AnyWord));
        assert!(is_secret("SaveExternalTokens", AnyWord));
    }

    #[test]
    fn constants_are_screaming_snake_case() {
        assert_eq!(const_name("SaveExternalTokens"), "SAVE_EXTERNAL_TOKENS");
    }

    #[test]
    fn collisions_get_a_numeric_suffix_in_claim_order() {
        let mut scope = Scope::default();
        assert_eq!(scope.claim(field_name("UserId")), "user_id");
        assert_eq!(scope.claim(field_name("user_id")), "user_id2");
        assert_eq!(scope.claim(field_name("USER-ID")), "user_id3");
    }

    #[test]
    fn reserved_names_are_never_handed_out() {
        let mut scope = Scope::with_reserved(&["Unrecognized"]);
        assert_eq!(scope.claim("Unrecognized".into()), "Unrecognized2");
    }

    #[test]
    fn colliding_escaped_names_stay_valid() {
        let mut scope = Scope::default();
        assert_eq!(scope.claim(field_name("type")), "r#type");
        assert_eq!(scope.claim(field_name("Type")), "type2");
        assert_eq!(scope.claim(field_name("self")), "self_");
        assert_eq!(scope.claim(field_name("Self")), "self2");
    }
}
