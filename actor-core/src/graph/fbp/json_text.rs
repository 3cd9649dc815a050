//! JSON IIPs in `.fbp` text: the JSON grammar of RFC 7159 (section 2 to 7),
//! as embedded in the reference parser's grammar, with its rule names
//! (`whitespace`, `number`, `string`) for error messages.
//!
//! Numbers written without a fraction or exponent that fit an `i64` stay
//! integers; the others are floats (not finite: `null`, as
//! `JSON.stringify` gives for JavaScript's `Infinity`).

use serde_json::{Map, Number, Value as Json};

use super::cursor::Expectation;
use super::grammar::Parser;

impl Parser<'_> {
    /// `JSON_text = ws value ws`
    pub(super) fn json_text(&mut self) -> Option<Json> {
        self.json_attempt(|p| {
            p.ws();
            let v = p.value()?;
            p.ws();
            Some(v)
        })
    }

    fn json_attempt<T>(&mut self, f: impl FnOnce(&mut Self) -> Option<T>) -> Option<T> {
        let start = self.c.pos;
        let out = f(self);
        if out.is_none() {
            self.c.pos = start;
        }
        out
    }

    /// `ws "whitespace" = [ \t\n\r]*` (never fails, so never reported).
    fn ws(&mut self) {
        self.c.silently(|c| c.class_skip(r"[ \t\n\r]", |ch| matches!(ch, ' ' | '\t' | '\n' | '\r')));
    }

    /// `ws TOKEN ws`, for `begin_array`, `name_separator` and the like.
    fn token(&mut self, s: &'static str) -> Option<()> {
        self.json_attempt(|p| {
            p.ws();
            p.c.lit(s).then_some(())?;
            p.ws();
            Some(())
        })
    }

    fn value(&mut self) -> Option<Json> {
        self.enter()?;
        let out = self.value_inner();
        self.leave();
        out
    }

    fn value_inner(&mut self) -> Option<Json> {
        if self.c.lit("false") {
            return Some(Json::Bool(false));
        }
        if self.c.lit("null") {
            return Some(Json::Null);
        }
        if self.c.lit("true") {
            return Some(Json::Bool(true));
        }
        if let Some(o) = self.object() {
            return Some(o);
        }
        if let Some(a) = self.array() {
            return Some(a);
        }
        if let Some(n) = self.number() {
            return Some(n);
        }
        self.string().map(Json::String)
    }

    fn object(&mut self) -> Option<Json> {
        self.json_attempt(|p| {
            p.token("{")?;
            let mut map = Map::new();
            if let Some((k, v)) = p.member() {
                map.insert(k, v);
                while let Some((k, v)) = p.json_attempt(|p| {
                    p.token(",")?;
                    p.member()
                }) {
                    map.insert(k, v);
                }
            }
            p.token("}")?;
            Some(Json::Object(map))
        })
    }

    fn member(&mut self) -> Option<(String, Json)> {
        self.json_attempt(|p| {
            let name = p.string()?;
            p.token(":")?;
            let value = p.value()?;
            Some((name, value))
        })
    }

    fn array(&mut self) -> Option<Json> {
        self.json_attempt(|p| {
            p.token("[")?;
            let mut items = Vec::new();
            if let Some(v) = p.value() {
                items.push(v);
                while let Some(v) = p.json_attempt(|p| {
                    p.token(",")?;
                    p.value()
                }) {
                    items.push(v);
                }
            }
            p.token("]")?;
            Some(Json::Array(items))
        })
    }

    /// `number "number" = minus? int frac? exp?`
    fn number(&mut self) -> Option<Json> {
        let start = self.c.pos;
        let parsed = self.c.silently(|c| {
            let digit = |ch: char| ch.is_ascii_digit();
            let begin = c.pos;
            c.lit("-");
            let int_ok = c.lit("0") || (c.class("[1-9]", |ch| ('1'..='9').contains(&ch)).is_some() && {
                c.class_skip("[0-9]", digit);
                true
            });
            if !int_ok {
                c.pos = begin;
                return None;
            }
            let mut integer = true;
            let frac_start = c.pos;
            if c.lit(".") {
                if c.class_plus("[0-9]", digit).is_some() {
                    integer = false;
                } else {
                    c.pos = frac_start;
                }
            }
            let exp_start = c.pos;
            if c.class("[eE]", |ch| ch == 'e' || ch == 'E').is_some() {
                let _ = c.lit("-") || c.lit("+");
                if c.class_plus("[0-9]", digit).is_some() {
                    integer = false;
                } else {
                    c.pos = exp_start;
                }
            }
            Some(integer)
        });
        let Some(integer) = parsed else {
            self.c.fail(Expectation::Other("number"));
            return None;
        };
        let text = self.c.text(start);
        let as_int = if integer { text.parse::<i64>().ok().map(Json::from) } else { None };
        Some(as_int.unwrap_or_else(|| {
            text.parse::<f64>().ok().and_then(Number::from_f64).map_or(Json::Null, Json::Number)
        }))
    }

    /// `string "string" = '"' char* '"'`, decoding escapes (`\uXXXX` as
    /// UTF-16 code units, so surrogate pairs combine; an unpaired surrogate
    /// becomes U+FFFD, as JavaScript's string-to-UTF-8 conversion gives).
    fn string(&mut self) -> Option<String> {
        let parsed = self.c.silently(|c| {
            let begin = c.pos;
            if !c.lit("\"") {
                return None;
            }
            let mut out = Utf16Builder::default();
            loop {
                let run = c.pos;
                c.class_skip(r"[^\0-\x1F\x22\x5C]", |ch| ch > '\u{1f}' && ch != '"' && ch != '\\');
                if c.pos > run {
                    out.push_str(&c.text[run..c.pos]);
                    continue;
                }
                let esc_start = c.pos;
                if !c.lit("\\") {
                    break;
                }
                let simple = [('"', '"'), ('\\', '\\'), ('/', '/'), ('b', '\u{8}'), ('f', '\u{c}'), ('n', '\n'), ('r', '\r'), ('t', '\t')];
                if let Some(&(_, decoded)) = simple.iter().find(|(k, _)| c.peek() == Some(*k)) {
                    c.pos += 1;
                    out.push_str(decoded.encode_utf8(&mut [0; 4]));
                    continue;
                }
                let hex = c
                    .text
                    .get(c.pos + 1..c.pos + 5)
                    .filter(|h| c.peek() == Some('u') && h.bytes().all(|b| b.is_ascii_hexdigit()));
                match hex {
                    Some(h) => {
                        out.push_unit(u16::from_str_radix(h, 16).expect("four hex digits"));
                        c.pos += 5;
                    }
                    None => {
                        c.pos = esc_start;
                        break;
                    }
                }
            }
            if c.lit("\"") {
                Some(out.finish())
            } else {
                c.pos = begin;
                None
            }
        });
        if parsed.is_none() {
            self.c.fail(Expectation::Other("string"));
        }
        parsed
    }
}

/// Builds a string from text and UTF-16 code units (`\uXXXX` escapes),
/// combining surrogate pairs and replacing unpaired surrogates with U+FFFD,
/// as `String::from_utf16_lossy` does, without a buffer of code units.
#[derive(Default)]
struct Utf16Builder {
    out: String,
    /// A high surrogate waiting for its low half.
    high: Option<u16>,
}

impl Utf16Builder {
    fn push_str(&mut self, s: &str) {
        self.flush_high();
        self.out.push_str(s);
    }

    fn push_unit(&mut self, unit: u16) {
        match (self.high.take(), unit) {
            (Some(high), 0xDC00..=0xDFFF) => {
                let c = 0x10000 + ((u32::from(high) - 0xD800) << 10) + (u32::from(unit) - 0xDC00);
                self.out.push(char::from_u32(c).expect("a surrogate pair is a scalar value"));
            }
            (previous, _) => {
                self.high = previous;
                self.flush_high();
                match unit {
                    0xD800..=0xDBFF => self.high = Some(unit),
                    _ => self.out.push(char::from_u32(u32::from(unit)).unwrap_or(char::REPLACEMENT_CHARACTER)),
                }
            }
        }
    }

    fn flush_high(&mut self) {
        if self.high.take().is_some() {
            self.out.push(char::REPLACEMENT_CHARACTER);
        }
    }

    fn finish(mut self) -> String {
        self.flush_high();
        self.out
    }
}
