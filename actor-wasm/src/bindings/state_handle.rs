use std::cell::RefCell;
use std::rc::Rc;

use actor_core::LiveMemoryState;
use actor_core::state::Subscription;
use js_sys::Function;
use wasm_bindgen::prelude::*;

use super::convert::{json_to_js, json_to_js_direct, parse_json};
use super::js_callback::JsCallback;
use super::{BindingError, StateStore};

/// The JS face of a process's [`LiveMemoryState`].
///
/// It holds the same `Arc` as the process and every other handle: never a
/// copy. A write through it is visible to every Rust and JS holder as soon as
/// the call returns, and a write from Rust is visible here at once.
///
/// Values cross as JSON-shaped JS values (see the conversion rules in the
/// crate docs): `set("k", {a: 1})` stores `{"a": 1}`, `get("k")` returns a
/// fresh JS object each time. `get` and `set` themselves are written in JS
/// (`@actorflow/js`'s `src/state.js`) over the low-level methods of
/// `state_text.rs`: they cache what they read, validated by the state's
/// map version, and pass plain values as JSON text.
#[wasm_bindgen]
#[derive(Debug, Clone)]
pub struct LiveMemoryStateHandle {
    pub(crate) state: LiveMemoryState,
    /// The keys this handle's JS side named by number (`keyId`), so that
    /// the frequent calls pass a number instead of copying a string.
    pub(crate) keys: RefCell<Vec<Rc<str>>>,
    /// Where JS encodes a long text (`textScratch`) before `writeScratchAt`.
    pub(crate) scratch: RefCell<Vec<u8>>,
}

impl LiveMemoryStateHandle {
    /// A handle to `state` (an `Arc` clone, not a copy).
    pub fn from_state(state: LiveMemoryState) -> Self {
        Self { state, keys: RefCell::default(), scratch: RefCell::default() }
    }

    /// The state behind this handle.
    pub fn state(&self) -> &LiveMemoryState {
        &self.state
    }
}

#[wasm_bindgen]
impl LiveMemoryStateHandle {
    /// A new, empty state that belongs to no process (for tests and stores
    /// that live outside a network).
    #[wasm_bindgen(constructor)]
    pub fn new() -> Self {
        Self::from_state(LiveMemoryState::new())
    }

    /// Whether `key` is set.
    pub fn has(&self, key: &str) -> bool {
        self.state.has(key)
    }

    /// Removes `key`; returns whether it was set. Subscribers of `key` get `undefined`.
    pub fn delete(&self, key: &str) -> bool {
        self.state.remove(key)
    }

    /// The keys, in insertion order.
    pub fn keys(&self) -> Vec<String> {
        self.state.keys()
    }

    /// A plain JS object with every key and value (a snapshot: later writes
    /// do not change it). `JSON.stringify(handle)` uses it.
    ///
    /// # Errors
    /// As [`get`](Self::get).
    #[wasm_bindgen(js_name = toJSON)]
    pub fn to_json(&self) -> Result<JsValue, JsValue> {
        Ok(json_to_js(&self.state.snapshot())?)
    }

    /// The value at `key` as JSON text (`undefined` when not set): the
    /// serialising path, for callers that want a string. It serializes the
    /// current value on every call (it is the baseline of the benchmarks in
    /// `BENCHMARKS.md`); `get` is faster.
    #[wasm_bindgen(js_name = getJson)]
    pub fn get_json(&self, key: &str) -> Option<String> {
        if self.state.is_hot(key) {
            return self.state.get(key).map(|v| v.to_string());
        }
        self.state.with(key, |v| v.map(|v| v.to_string()))
    }

    /// Parses `text` as JSON and sets `key` to it (parsed at once, unlike
    /// the text that `set` passes; the benchmarks' baseline).
    ///
    /// # Errors
    /// Throws on malformed JSON, with its line and column; the state is then unchanged.
    #[wasm_bindgen(js_name = setJson)]
    pub fn set_json(&self, key: &str, text: &str) -> Result<(), JsValue> {
        let json = serde_json::from_str(text).map_err(|e| BindingError::Convert {
            what: format!("JSON for state key {key:?}"),
            reason: e.to_string(),
        })?;
        self.state.set(key, json);
        Ok(())
    }

    /// Calls `callback(value)` after every change of `key`, whether the
    /// write came from JS or Rust: once per change, after the write, with no
    /// lock held (the callback may read and write the state). `value` is
    /// `undefined` after a delete. Returns the function that unsubscribes
    /// (calling it twice is harmless).
    ///
    /// An exception thrown by `callback` is reported on `console.error` and
    /// does not reach the writer.
    pub fn subscribe(&self, key: &str, callback: Function) -> Function {
        let sub = subscribe_js(&self.state, key, JsCallback(callback));
        unsubscribe_fn(sub)
    }

    /// A Svelte store for `key` (see [`StateStore`]).
    pub fn store(&self, key: &str) -> StateStore {
        StateStore::new(self.state.clone(), key.to_string())
    }

    /// Whether `other` is a handle to the very same state instance.
    #[wasm_bindgen(js_name = sameAs)]
    pub fn same_as(&self, other: &LiveMemoryStateHandle) -> bool {
        LiveMemoryState::ptr_eq(&self.state, &other.state)
    }

    /// How many strong handles (Rust and JS) to this state exist now.
    #[wasm_bindgen(getter, js_name = handleCount)]
    pub fn handle_count(&self) -> usize {
        self.state.handle_count()
    }

    /// How many `subscribe` callbacks (from JS or Rust, stores included)
    /// are registered on this state now, for all keys together. A
    /// diagnostic: a component that subscribed must leave this where it
    /// found it once it is unmounted.
    #[wasm_bindgen(getter, js_name = subscriberCount)]
    pub fn subscriber_count(&self) -> usize {
        self.state.subscriber_count()
    }
}

impl Default for LiveMemoryStateHandle {
    fn default() -> Self {
        Self::new()
    }
}

/// The value at `key` as JS: a hot field's number, else the JSON map's
/// value (see [`json_to_js`]: `JSON.parse` of its text, or built directly
/// when it holds big integers), else `undefined`. Nothing JS runs under the
/// state's lock: the text (an `Arc`) or a copy of the value is taken out first.
pub(crate) fn read_js(state: &LiveMemoryState, key: &str) -> Result<JsValue, BindingError> {
    if state.is_hot(key) {
        return Ok(state.get_number(key).map_or(JsValue::UNDEFINED, JsValue::from_f64));
    }
    match state.json_text(key) {
        None => Ok(JsValue::UNDEFINED),
        Some((text, _)) if text.has_big_integers() => {
            Ok(state.with(key, |v| v.cloned()).map_or(JsValue::UNDEFINED, |v| json_to_js_direct(&v)))
        }
        Some((text, _)) => parse_json(text.as_str()),
    }
}

/// Subscribes `callback` to `key`, converting each new value to JS.
pub(crate) fn subscribe_js(state: &LiveMemoryState, key: &str, callback: JsCallback) -> Subscription {
    state.subscribe(key, move |value| {
        let arg = match value.map(json_to_js) {
            None => JsValue::UNDEFINED,
            Some(Ok(v)) => v,
            Some(Err(e)) => {
                super::convert::console_error(&e.to_string());
                return;
            }
        };
        callback.call(&arg);
    })
}

/// A JS function that drops `sub` when called (idempotent).
pub(crate) fn unsubscribe_fn(sub: Subscription) -> Function {
    let slot = RefCell::new(Some(sub));
    Closure::<dyn FnMut()>::new(move || drop(slot.borrow_mut().take())).into_js_value().unchecked_into()
}
