//! The low-level state reads and writes under `@actorflow/js`'s `get` and `set`:
//! JSON text both ways, the map version for JS-side caching, and the exact
//! value-by-value paths for what JSON text cannot carry.


use std::rc::Rc;

use wasm_bindgen::prelude::*;

use super::convert::{js_to_json, json_to_js_direct};
use super::LiveMemoryStateHandle;

/// What `writeText` returns when the text holds no JSON value `serde_json`
/// accepts (the caller then takes `writeValue`).
const TEXT_REFUSED: f64 = -2.0;
/// What `writeText` (`writeValue`) returns when the key does not now hold
/// exactly the text (value) given as of a known map version.
const NOT_AS_TEXT: f64 = -1.0;

#[wasm_bindgen]
impl LiveMemoryStateHandle {
    /// A number for `key`, valid for the `...At` methods of this handle
    /// (not of other handles to the same state): the key is copied into
    /// wasm memory once here, and never again by those calls. Numbering a
    /// key twice gives two numbers for it.
    #[wasm_bindgen(js_name = keyId)]
    pub fn key_id(&self, key: &str) -> u32 {
        let mut keys = self.keys.borrow_mut();
        keys.push(key.into());
        // More than 2^32 keys would exhaust wasm32 memory first.
        (keys.len() - 1) as u32
    }

    /// `readText` of the key numbered `id` (see `keyId`); `undefined` for
    /// an unknown number.
    #[wasm_bindgen(js_name = readTextAt)]
    pub fn read_text_at(&self, id: u32, known: f64) -> JsValue {
        self.key(id).map_or(JsValue::UNDEFINED, |key| self.read_text(&key, known))
    }

    /// `writeText` of the key numbered `id` (see `keyId`); `-2` (nothing
    /// written) for an unknown number.
    #[wasm_bindgen(js_name = writeTextAt)]
    pub fn write_text_at(&self, id: u32, text: String) -> f64 {
        let Some(key) = self.key(id) else { return TEXT_REFUSED };
        self.write_text(&key, text)
    }

    /// The byte offset in wasm memory of this handle's scratch area, made
    /// at least `bytes` long: JS encodes a long text there with
    /// `TextEncoder.encodeInto` (native, where passing a string argument
    /// copies it one UTF-16 unit at a time in JS), then calls
    /// `writeScratchAt`. Valid until the next call into wasm.
    #[wasm_bindgen(js_name = textScratch)]
    pub fn text_scratch(&self, bytes: u32) -> u32 {
        let mut scratch = self.scratch.borrow_mut();
        let bytes = bytes as usize;
        if scratch.len() < bytes {
            scratch.resize(bytes, 0);
        }
        // wasm32 addresses are 32-bit: the cast is exact.
        scratch.as_ptr() as usize as u32
    }

    /// `writeText` of the key numbered `id` with the first `len` bytes of
    /// the scratch area as the text (see `textScratch`); `-2` (nothing
    /// written) when they are not UTF-8 or `len` is beyond the area.
    #[wasm_bindgen(js_name = writeScratchAt)]
    pub fn write_scratch_at(&self, id: u32, len: u32) -> f64 {
        let Some(key) = self.key(id) else { return TEXT_REFUSED };
        let text = {
            let scratch = self.scratch.borrow();
            let Some(bytes) = scratch.get(..len as usize) else { return TEXT_REFUSED };
            match std::str::from_utf8(bytes) {
                Ok(text) => text.to_owned(),
                Err(_) => return TEXT_REFUSED,
            }
        };
        self.write_text(&key, text)
    }

    /// `writeValue` of the key numbered `id` (see `keyId`).
    ///
    /// # Errors
    /// As `writeValue`; also throws for an unknown number.
    #[wasm_bindgen(js_name = writeValueAt)]
    pub fn write_value_at(&self, id: u32, value: JsValue) -> Result<f64, JsValue> {
        let Some(key) = self.key(id) else { return Err(JsValue::from_str(&format!("no key numbered {id}"))) };
        self.write_value(&key, value)
    }

    /// The byte offset in wasm memory of the state's map version: a `u64`
    /// (little endian, 8-byte aligned; read it as two `Uint32Array`
    /// elements, low word first) that every write of the JSON map raises
    /// before it returns, from JS or Rust. Valid while the state lives.
    #[wasm_bindgen(js_name = mapVersionLocation)]
    pub fn map_version_location(&self) -> u32 {
        // wasm32 addresses are 32-bit: the cast is exact.
        self.state.map_version_ptr() as usize as u32
    }

    /// The map value at `key` for a reader that holds a copy of it made
    /// when the map version was `known` (`-1` for none). Returns:
    /// - `null` when `key` has not been written since version `known`;
    /// - the value's JSON text (a string), to `JSON.parse`;
    /// - the value built directly (with `BigInt`s) when its text holds an
    ///   integer beyond ±(2⁵³ − 1), which `JSON.parse` would round;
    /// - a hot field's number; `undefined` when `key` is not set.
    ///
    /// The text is the one a JS `set` wrote, or made once per Rust write.
    #[wasm_bindgen(js_name = readText)]
    pub fn read_text(&self, key: &str, known: f64) -> JsValue {
        if self.state.is_hot(key) {
            return self.state.get_number(key).map_or(JsValue::UNDEFINED, JsValue::from_f64);
        }
        let Some((text, version)) = self.state.json_text(key) else {
            return JsValue::UNDEFINED;
        };
        // Versions count writes: far below 2^53, so exact as f64.
        if version as f64 <= known {
            return JsValue::NULL;
        }
        if text.has_big_integers() {
            return self.state.with(key, |v| v.cloned()).map_or(JsValue::UNDEFINED, |v| json_to_js_direct(&v));
        }
        JsValue::from_str(text.as_str())
    }

    /// Sets `key` to the JSON value `text` holds (made by `JSON.stringify`
    /// of a plain value), keeping the text: Rust parses it only when it
    /// reads it (see `LiveMemoryState::set_json_text`). Subscribers are
    /// notified as `set` does. Returns the map version at which `key` holds
    /// exactly this text, `-1` when it does not (an equal value written
    /// differently was kept, or `key` is a hot field), or `-2` when
    /// `serde_json` refuses the text (an unpaired surrogate escape,
    /// nesting deeper than 128): nothing changed then.
    #[wasm_bindgen(js_name = writeText)]
    pub fn write_text(&self, key: &str, text: String) -> f64 {
        match self.state.set_json_text(key, text) {
            Ok(Some(version)) => version as f64,
            Ok(None) => NOT_AS_TEXT,
            Err(_) => TEXT_REFUSED,
        }
    }

    /// The value at `key` built directly as JS values, property by
    /// property, with no JSON text (`BigInt` for integers beyond
    /// ±(2⁵³ − 1)); a hot field's number; `undefined` when not set.
    #[wasm_bindgen(js_name = readValue)]
    pub fn read_value(&self, key: &str) -> JsValue {
        if self.state.is_hot(key) {
            return self.state.get_number(key).map_or(JsValue::UNDEFINED, JsValue::from_f64);
        }
        self.state.with(key, |v| v.cloned()).map_or(JsValue::UNDEFINED, |v| json_to_js_direct(&v))
    }

    /// Sets `key` to `value`, converted value by value: the path of `set`
    /// for scalars, and the exact path for what `JSON.stringify` would
    /// change (`undefined`, `BigInt`, `Uint8Array`, integers beyond 2⁵³
    /// written as numbers, class instances, `toJSON`); the one that names
    /// what is not JSON. Notifies the subscribers of `key` when the value
    /// changed. Returns the map version of this write when it was the only
    /// map write made during the call (so `key` holds exactly `value` as of
    /// that version), else `-1` (nothing changed, a hot field, or a
    /// subscriber wrote the map too).
    ///
    /// # Errors
    /// Throws when `value` is not JSON-shaped (a function, a symbol, a cycle,
    /// ...); the state is then unchanged.
    #[wasm_bindgen(js_name = writeValue)]
    pub fn write_value(&self, key: &str, value: JsValue) -> Result<f64, JsValue> {
        let json = js_to_json(value, || format!("the value for state key {key:?}"))?;
        let before = self.state.map_version();
        self.state.set(key, json);
        let after = self.state.map_version();
        // Versions count writes: far below 2^53, so exact as f64.
        Ok(if after == before + 1 { after as f64 } else { NOT_AS_TEXT })
    }
}

impl LiveMemoryStateHandle {
    /// The key numbered `id`, taken out (a reference count, no copy) so
    /// that no borrow of the key table is held while JS code may run
    /// (subscribers, or a setter that building a value reaches), which may
    /// number keys.
    fn key(&self, id: u32) -> Option<Rc<str>> {
        self.keys.borrow().get(id as usize).cloned()
    }
}
