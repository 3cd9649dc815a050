use actor_core::LiveMemoryState;
use js_sys::Function;
use wasm_bindgen::prelude::*;

use super::convert::js_to_json;
use super::js_callback::JsCallback;
use super::state_handle::{read_js, subscribe_js, unsubscribe_fn};

/// One key of a [`LiveMemoryState`] as a writable Svelte store.
///
/// It satisfies the Svelte store contract
/// (<https://svelte.dev/docs/svelte/stores#Store-contract>):
/// `subscribe(run)` calls `run` at once, synchronously, with the current
/// value, then after every change of the key from JS or Rust, and returns
/// the unsubscribe function; `set(value)` writes the key. So `$store` in a
/// Svelte component, and Svelte 5's `fromStore`, stay live across the
/// JS/wasm boundary. A missing key reads as `undefined`.
#[wasm_bindgen]
#[derive(Debug, Clone)]
pub struct StateStore {
    state: LiveMemoryState,
    key: String,
}

impl StateStore {
    pub(crate) fn new(state: LiveMemoryState, key: String) -> Self {
        Self { state, key }
    }
}

#[wasm_bindgen]
impl StateStore {
    /// The state key this store reads and writes.
    #[wasm_bindgen(getter)]
    pub fn key(&self) -> String {
        self.key.clone()
    }

    /// Registers `run`, calls it with the current value, and returns the
    /// function that unsubscribes. `run` is registered before the first call,
    /// so a write `run` itself makes is not missed.
    ///
    /// # Errors
    /// Rethrows what the first call of `run` throws (the subscription is
    /// then dropped).
    pub fn subscribe(&self, run: Function) -> Result<Function, JsValue> {
        let sub = subscribe_js(&self.state, &self.key, JsCallback(run.clone()));
        let current = self.get()?;
        run.call1(&JsValue::UNDEFINED, &current)?;
        Ok(unsubscribe_fn(sub))
    }

    /// Writes the key (see `LiveMemoryStateHandle.set`).
    ///
    /// # Errors
    /// Throws when `value` is not JSON-shaped.
    pub fn set(&self, value: JsValue) -> Result<(), JsValue> {
        let json = js_to_json(value, || format!("the value for state key {:?}", self.key))?;
        self.state.set(self.key.clone(), json);
        Ok(())
    }

    /// Sets the key to `updater(current)`.
    ///
    /// # Errors
    /// Rethrows what `updater` throws; throws when its result is not JSON-shaped.
    pub fn update(&self, updater: Function) -> Result<(), JsValue> {
        let next = updater.call1(&JsValue::UNDEFINED, &self.get()?)?;
        self.set(next)
    }

    /// The current value, or `undefined` (not part of the store contract;
    /// Svelte's `get(store)` subscribes and unsubscribes instead).
    ///
    /// # Errors
    /// Only if the value cannot be converted.
    pub fn get(&self) -> Result<JsValue, JsValue> {
        Ok(read_js(&self.state, &self.key)?)
    }
}
