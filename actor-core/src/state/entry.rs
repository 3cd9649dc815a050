//! One value of the JSON map, held parsed, as JSON text, or both.

use std::fmt;

use serde_json::Value as Json;

use super::json_text::{CheckedText, JsonText};

/// A value of the JSON map, with the map version of the write that stored it.
///
/// A value written as JSON text (by [`set_json_text`](super::LiveMemoryState::set_json_text))
/// is kept as that text and parsed on the first Rust read; a value written
/// by Rust is serialized on the first text read. Both forms are kept once
/// made, until the next write replaces the entry. At least one is present.
pub(super) struct Entry {
    value: Option<Json>,
    /// The text as written (owned: storing it allocates nothing), until a
    /// reader asks for it and it moves to `shared`.
    written: Option<CheckedText>,
    shared: Option<JsonText>,
    /// The map version of the write that stored this value.
    pub(super) version: u64,
}

impl Entry {
    pub(super) fn from_value(value: Json, version: u64) -> Self {
        Self { value: Some(value), written: None, shared: None, version }
    }

    /// An entry for a written text, with its value if it was already parsed.
    pub(super) fn new(value: Option<Json>, text: CheckedText, version: u64) -> Self {
        Self { value, written: Some(text), shared: None, version }
    }

    /// The value, parsed from the text on first use.
    pub(super) fn value(&mut self) -> &Json {
        let (written, shared) = (&self.written, &self.shared);
        self.value.get_or_insert_with(|| match (written, shared) {
            (Some(t), _) => t.parse(),
            (None, Some(t)) => t.parse(),
            (None, None) => Json::Null,
        })
    }

    /// The value, moved out (parsed from the text if it was never read).
    pub(super) fn into_value(mut self) -> Json {
        self.value();
        self.value.take().unwrap_or(Json::Null)
    }

    /// The text to hand to a reader: the written text, now shared, or the
    /// value serialized on first use.
    pub(super) fn text(&mut self) -> &JsonText {
        let (written, value) = (&mut self.written, &self.value);
        self.shared.get_or_insert_with(|| match written.take() {
            Some(t) => t.into_shared(),
            None => JsonText::serialize(value.as_ref().unwrap_or(&Json::Null)),
        })
    }

    /// The text, if it was kept or already made.
    pub(super) fn text_if_made(&self) -> Option<&str> {
        match (&self.written, &self.shared) {
            (Some(t), _) => Some(t.as_str()),
            (None, Some(t)) => Some(t.as_str()),
            (None, None) => None,
        }
    }

    /// Whether the value equals `other`, parsing the text if needed.
    pub(super) fn value_eq(&mut self, other: &Json) -> bool {
        self.value() == other
    }
}

impl fmt::Debug for Entry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.value, self.text_if_made()) {
            (Some(v), _) => fmt::Debug::fmt(v, f),
            (None, Some(t)) => write!(f, "(unparsed) {t}"),
            (None, None) => f.write_str("(empty)"),
        }
    }
}
