//! [`JsonText`]: a state value as JSON text, checked, with what a reader
//! that parses JSON into IEEE-754 doubles (JavaScript) needs to know.

use std::cell::Cell;
use std::fmt;
use std::io;
use std::sync::Arc;

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Serialize;
use serde_json::ser::{CompactFormatter, Formatter};
use serde_json::Value as Json;

/// The largest integer an IEEE-754 double holds exactly along with all
/// smaller ones: 2⁵³ − 1 (JavaScript's `Number.MAX_SAFE_INTEGER`).
pub const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;

/// A value of a [`LiveMemoryState`](super::LiveMemoryState)'s JSON map as
/// compact JSON text (RFC 8259), cheap to clone (the text is shared).
///
/// Besides the text it says whether the text holds an integer beyond
/// ±(2⁵³ − 1) ([`has_big_integers`](Self::has_big_integers)): a parser that
/// reads JSON numbers as IEEE-754 doubles, as JavaScript's `JSON.parse`
/// does, would round such an integer, so a reader that must not lose
/// precision takes another path for that value (`actor-wasm` builds it
/// with `BigInt`s).
#[derive(Clone)]
pub struct JsonText {
    text: Arc<String>,
    big_integers: bool,
}

impl JsonText {
    /// The JSON text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Whether the text holds an integer literal beyond ±(2⁵³ − 1) that
    /// fits an `i64` or `u64` (so that Rust reads it exactly and a double
    /// would not). Larger integer literals are read as doubles on both sides.
    pub fn has_big_integers(&self) -> bool {
        self.big_integers
    }

    /// `value` as compact JSON text.
    pub(super) fn serialize(value: &Json) -> Self {
        let big_integers = Cell::new(false);
        let mut bytes = Vec::with_capacity(128);
        let mut serializer = serde_json::Serializer::with_formatter(&mut bytes, Flagging { big_integers: &big_integers });
        // Writing a `Value` into a `Vec` cannot fail: its map keys are
        // strings and a `Vec` grows as needed.
        let _ = value.serialize(&mut serializer);
        // serde_json writes only UTF-8 (escaping nothing else).
        let text = String::from_utf8(bytes).unwrap_or_default();
        Self { text: Arc::new(text), big_integers: big_integers.get() }
    }

    /// The value of a text that [`CheckedText::check`] accepted, or that
    /// [`serialize`](Self::serialize) made (see [`parse_text`]).
    pub(super) fn parse(&self) -> Json {
        parse_text(&self.text)
    }
}

impl PartialEq for JsonText {
    /// Equal texts (so equal values); different texts may still hold equal
    /// values (objects with their keys in another order).
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

impl fmt::Debug for JsonText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("JsonText")
            .field("text", &self.as_str())
            .field("big_integers", &self.big_integers)
            .finish()
    }
}

/// A text written to the state, checked, owned until a reader asks for it:
/// storing it costs no allocation (the text is the writer's `String`).
pub(super) struct CheckedText {
    text: String,
    big_integers: bool,
}

impl CheckedText {
    /// Checks that `text` is one JSON value that [`serde_json`] parses into
    /// a [`serde_json::Value`] (the same parser, nesting limit and string
    /// rules, including paired UTF-16 surrogate escapes), without building
    /// it: no allocation beyond the text itself. A quick single pass
    /// (`json_check`) settles the usual case; serde_json's walk the rest.
    ///
    /// # Errors
    /// The parser's error, with its line and column.
    pub(super) fn check(text: String) -> Result<Self, serde_json::Error> {
        // The common case (the text JSON.stringify makes of a plain value)
        // passes a quick check that accepts only what serde_json accepts,
        // with no big integer; anything else gets serde_json's own walk.
        if super::json_check::quick_accept(&text) {
            return Ok(Self { text, big_integers: false });
        }
        let mut big_integers = false;
        let mut de = serde_json::Deserializer::from_str(&text);
        Scan(&mut big_integers).deserialize(&mut de)?;
        de.end()?;
        Ok(Self { text, big_integers })
    }

    /// The text.
    pub(super) fn as_str(&self) -> &str {
        &self.text
    }

    /// The value (see [`parse_text`]).
    pub(super) fn parse(&self) -> Json {
        parse_text(&self.text)
    }

    /// The shared form handed to readers (moves the text: no copy).
    pub(super) fn into_shared(self) -> JsonText {
        JsonText { text: Arc::new(self.text), big_integers: self.big_integers }
    }
}

/// The value of a text that [`CheckedText::check`] accepted, or that
/// [`JsonText::serialize`] made.
///
/// Both are parsed by the same parser with the same limits, so this cannot
/// fail; if it ever did, the value would read as `null` and an error would
/// be logged, rather than a panic.
fn parse_text(text: &str) -> Json {
    serde_json::from_str(text).unwrap_or_else(|e| {
        tracing::error!(error = %e, "a checked JSON text failed to parse; reading it as null");
        Json::Null
    })
}

fn is_big(magnitude: u64) -> bool {
    magnitude > MAX_SAFE_INTEGER
}

/// Walks one JSON value with serde_json's parser, building nothing and
/// noting big integers. Every string (keys too) goes through the parser's
/// full string path, so the text is accepted exactly when a
/// `serde_json::Value` parse accepts it.
struct Scan<'a>(&'a mut bool);

impl<'de> DeserializeSeed<'de> for Scan<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Scan<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }

    fn visit_i64<E>(self, v: i64) -> Result<(), E> {
        *self.0 |= is_big(v.unsigned_abs());
        Ok(())
    }

    fn visit_u64<E>(self, v: u64) -> Result<(), E> {
        *self.0 |= is_big(v);
        Ok(())
    }

    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }

    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }

    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element_seed(Scan(&mut *self.0))?.is_some() {}
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while map.next_key_seed(Scan(&mut *self.0))?.is_some() {
            map.next_value_seed(Scan(&mut *self.0))?;
        }
        Ok(())
    }
}

/// serde_json's compact output, noting big integers as they are written.
struct Flagging<'a> {
    big_integers: &'a Cell<bool>,
}

impl Formatter for Flagging<'_> {
    fn write_i64<W: ?Sized + io::Write>(&mut self, writer: &mut W, value: i64) -> io::Result<()> {
        if is_big(value.unsigned_abs()) {
            self.big_integers.set(true);
        }
        CompactFormatter.write_i64(writer, value)
    }

    fn write_u64<W: ?Sized + io::Write>(&mut self, writer: &mut W, value: u64) -> io::Result<()> {
        if is_big(value) {
            self.big_integers.set(true);
        }
        CompactFormatter.write_u64(writer, value)
    }
}
