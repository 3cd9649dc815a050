use serde_json::Value as Json;

use super::quick_accept;
use crate::state::MAX_SAFE_INTEGER;

/// What serde_json makes of `text`: `Some(true)` when it holds a big integer.
fn serde_verdict(text: &str) -> Option<bool> {
    let value: Json = serde_json::from_str(text).ok()?;
    Some(has_big(&value))
}

fn has_big(v: &Json) -> bool {
    match v {
        Json::Number(n) => n.as_i64().is_some_and(|i| i.unsigned_abs() > MAX_SAFE_INTEGER) || n.as_u64().is_some_and(|u| u > MAX_SAFE_INTEGER),
        Json::Array(items) => items.iter().any(has_big),
        Json::Object(fields) => fields.values().any(has_big),
        _ => false,
    }
}

/// The property: what the quick check accepts, serde_json parses, with no big integer.
fn check(text: &str) {
    if quick_accept(text) {
        assert_eq!(serde_verdict(text), Some(false), "quick_accept let through {text:?}");
    }
}

#[test]
fn edge_cases_are_left_to_serde_or_agree_with_it() {
    let accepted = [
        "0", "-0", "1", "-1", "2.5", "1e5", "1E+5", "1e-400", "5e-324", "9e307", "0.5", "123456789012345", "true",
        "false", "null", r#""""#, r#""a\"b\\c\/d\b\f\n\r\t""#, r#""\u0041\u00e9\uFFFF""#, "\"\u{7f}\u{1F427}\"",
        "[]", "{}", " [ 1 , { \"a\" : [ ] } ] ", "[[[[]]]]", r#"{"":{"":null}}"#,
    ];
    for text in accepted {
        assert!(quick_accept(text), "should accept {text:?}");
        check(text);
    }
    let left = [
        "", " ", "1e400", "1.8e308", "9e308", "1234567890123456", "9007199254740993", "-9223372036854775808",
        "12345678901234567.5", "1e1000", r#""\ud800""#, r#""\udc00x""#, r#""\ud83d\udc27""#, "\"\t\"", "[1,]",
        "{\"a\":1,}", "01", "1.", ".5", "-", "- 1", "+1", "NaN", "Infinity", "[1 2]", "{\"a\" 1}", "{1:2}", "[",
        "]", "{", "}", "tru", "nul", "1 2", "\"abc", r#""\x""#, r#""\u12""#, "[]x", "\u{FEFF}1",
    ];
    for text in left {
        assert!(!quick_accept(text), "should leave {text:?} to serde_json");
    }
    let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
    assert!(quick_accept(&deep(100)));
    assert!(!quick_accept(&deep(101)), "deeper than 100: left to serde");
}

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// A random JSON value of nesting at most `depth`, with the numbers and
/// strings JSON.stringify and serde_json write.
fn value(rng: &mut Rng, depth: u32) -> Json {
    let strings = ["", "penguin", "Adélie", "\u{1F427}", "quote\"back\\slash", "tab\tnew\nline", "\u{0001}", "é€𝄞"];
    match rng.below(if depth == 0 { 6 } else { 8 }) {
        0 => Json::Null,
        1 => Json::Bool(rng.below(2) == 0),
        2 => Json::from(rng.next() as i64 >> rng.below(64)),
        3 => serde_json::Number::from_f64(f64::from_bits(rng.next())).map_or(Json::Null, Json::Number),
        4 => Json::from((rng.below(2_000_001) as f64 - 1e6) / 64.0),
        5 => Json::from(strings[rng.below(strings.len() as u64) as usize]),
        6 => Json::Array((0..rng.below(5)).map(|_| value(rng, depth - 1)).collect()),
        _ => Json::Object(
            (0..rng.below(5))
                .map(|i| (format!("{}{i}", strings[rng.below(strings.len() as u64) as usize]), value(rng, depth - 1)))
                .collect(),
        ),
    }
}

#[test]
fn what_quick_accept_passes_serde_reads_without_big_integers() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut accepted = 0;
    let mut plain = 0;
    let pieces = ["", " ", ",", ":", "[", "]", "{", "}", "\"", "\\", "\\u", "d800", "-", "0", "1", ".", "e", "E", "+", "9999999999999999", "e999", "null", "tru"];
    for _ in 0..20_000 {
        let v = value(&mut rng, 4);
        let text = v.to_string();
        if quick_accept(&text) {
            accepted += 1;
        }
        if !has_big(&v) {
            plain += 1;
        }
        check(&text);
        // Mutations at char boundaries: insert, delete or replace a piece.
        for _ in 0..4 {
            let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
            let at = bounds[rng.below(bounds.len() as u64) as usize];
            let piece = pieces[rng.below(pieces.len() as u64) as usize];
            let mutated = match rng.below(3) {
                0 => format!("{}{piece}{}", &text[..at], &text[at..]),
                1 => {
                    let end = bounds.iter().copied().find(|&b| b > at).unwrap_or(at);
                    format!("{}{}", &text[..at], &text[end..])
                }
                _ => {
                    let end = bounds.iter().copied().find(|&b| b > at).unwrap_or(at);
                    format!("{}{piece}{}", &text[..at], &text[end..])
                }
            };
            check(&mutated);
        }
    }
    // The fast path is the usual one: it passes most texts without big integers.
    assert!(accepted * 10 > plain * 8, "quick_accept passed only {accepted} of {plain} plain texts");
}
