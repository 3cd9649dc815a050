//! The JSON map as text, for holders in another runtime that speaks JSON
//! (JavaScript, through `actor-wasm`): writes kept as text and parsed only
//! when Rust reads them, reads served from text made once per write, and
//! a map version that a reader polls to know when its copy is stale.

use std::sync::atomic::Ordering;

use serde_json::Value as Json;

use super::entry::Entry;
use super::json_text::{CheckedText, JsonText};
use super::LiveMemoryState;

impl LiveMemoryState {
    /// The map version: a counter that every write which may change the
    /// JSON map raises ([`set`](Self::set), [`update`](Self::update),
    /// [`delete`](Self::delete), [`remove`](Self::remove),
    /// [`restore`](Self::restore), [`set_json_text`](Self::set_json_text)),
    /// before the write returns. It never goes down, and hot-field writes do
    /// not touch it. A reader that copied a value at version `v` knows the
    /// map is unchanged for as long as the counter reads `v`.
    pub fn map_version(&self) -> u64 {
        self.inner.version.load(Ordering::Acquire)
    }

    /// Where the [map version](Self::map_version) lives, so that a reader
    /// in another runtime can poll it with no call (JS, through a typed
    /// array over wasm memory): a `u64` in the platform's byte order (little
    /// endian on wasm32), 8-byte aligned, at an address that stays valid and
    /// fixed while any handle to this state lives. Read it with atomic (or,
    /// in single-threaded wasm, plain) loads; never write it.
    pub fn map_version_ptr(&self) -> *const u64 {
        self.inner.version.as_ptr().cast_const()
    }

    /// Sets map key `key` to the JSON value that `text` holds, keeping the
    /// text (RFC 8259 JSON, one value).
    ///
    /// The text is checked at once by `serde_json`'s parser, without
    /// building the value; the value is parsed when a Rust reader first
    /// needs it ([`get`](Self::get), [`with`](Self::with), a subscriber, a
    /// derived) and [`json_text`](Self::json_text) hands the same text back.
    /// So a writer whose values are JSON already (JS, with
    /// `JSON.stringify`) pays no parse when nothing on the Rust side reads
    /// the value. When a derived or effect follows `key` or the state has
    /// subscribers, the value is parsed at once, compared with the old one
    /// and notified as [`set`](Self::set) does.
    ///
    /// Returns `Some(version)` when `key` now holds exactly this text,
    /// stored by the write of that map version (an identical text already
    /// there keeps its version: nothing changed). Returns `None` when the
    /// value was equal to the current one but written differently (the
    /// current text stays), and for a hot field, which takes the number as
    /// [`set`](Self::set) does (a non-numeric value is refused with a
    /// warning).
    ///
    /// # Errors
    /// The parser's error (with line and column) when `text` is not one
    /// JSON value, nests deeper than serde_json's limit of 128, or holds an
    /// unpaired UTF-16 surrogate escape. Nothing changes then.
    pub fn set_json_text(&self, key: &str, text: String) -> Result<Option<u64>, serde_json::Error> {
        let text = CheckedText::check(text)?;
        if self.is_hot(key) {
            self.set(key, text.parse());
            return Ok(None);
        }
        let audience = self.audience(key);
        // With someone listening, the value is needed now: to compare, and
        // for the subscribers.
        let told: Option<Json> = audience.as_ref().map(|_| text.parse());
        let version = {
            let mut values = self.inner.values.lock();
            match values.get_mut(key) {
                Some(entry) => {
                    if entry.text_if_made() == Some(text.as_str()) {
                        return Ok(Some(entry.version));
                    }
                    if let Some(value) = &told
                        && entry.value_eq(value)
                    {
                        return Ok(None);
                    }
                    let version = self.bump_version();
                    *entry = Entry::new(told.clone(), text, version);
                    version
                }
                None => {
                    let version = self.bump_version();
                    values.insert(key.to_owned(), Entry::new(told.clone(), text, version));
                    version
                }
            }
        };
        if let Some(audience) = audience {
            self.tell(audience, key.to_owned(), told);
        }
        Ok(Some(version))
    }

    /// The map value at `key` as compact JSON text, with the map version of
    /// the write that stored it; `None` when `key` is not in the map (a hot
    /// field included). Not tracked.
    ///
    /// A value written as text comes back as that very text; one written by
    /// Rust is serialized on the first call and the text kept until the next
    /// write of `key`, so repeated reads cost a clone of an `Arc`.
    pub fn json_text(&self, key: &str) -> Option<(JsonText, u64)> {
        let mut values = self.inner.values.lock();
        let entry = values.get_mut(key)?;
        Some((entry.text().clone(), entry.version))
    }
}
