//! The hot numeric fields of a state, from JS: `declareHot`, `getNumber`,
//! `setNumber`, the zero-copy slot view and the change notifier.

use std::cell::RefCell;

use actor_core::SharedSlotBuffer;
use js_sys::Function;
use wasm_bindgen::prelude::*;

use super::js_callback::JsCallback;
use super::{BindingError, LiveMemoryStateHandle};

#[wasm_bindgen]
impl LiveMemoryStateHandle {
    /// Declares the hot numeric fields of the state, each one slot (in this
    /// order) of one `SharedSlotBuffer<f64>`, all starting at 0. Declaring
    /// the same list again does nothing.
    ///
    /// # Errors
    /// Throws when a different list was declared, or a name is already a
    /// key of the JSON map or is listed twice.
    #[wasm_bindgen(js_name = declareHot)]
    pub fn declare_hot(&self, names: Vec<String>) -> Result<(), JsValue> {
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        self.state.declare_hot(&names).map_err(hot_error)?;
        Ok(())
    }

    /// The declared hot fields, in slot order (empty before `declareHot`).
    #[wasm_bindgen(js_name = hotFields)]
    pub fn hot_fields(&self) -> Vec<String> {
        self.state.hot_fields()
    }

    /// Whether `name` is a declared hot field.
    #[wasm_bindgen(js_name = isHot)]
    pub fn is_hot(&self, name: &str) -> bool {
        self.state.is_hot(name)
    }

    /// The number at `name`: a hot field, else a JSON value that is a
    /// number; `undefined` otherwise. (`@actorflow/js` reads hot fields through
    /// the slot view instead, with no call.)
    #[wasm_bindgen(js_name = getNumber)]
    pub fn get_number(&self, name: &str) -> Option<f64> {
        self.state.get_number(name)
    }

    /// Writes hot field `name`. When the value changed (bitwise: NaN twice
    /// is one change), the reactive graph is notified: deriveds and effects
    /// update, repeaters forward, subscribers of `name` are called. Returns
    /// whether it changed.
    ///
    /// # Errors
    /// Throws when `name` is not a declared hot field.
    #[wasm_bindgen(js_name = setNumber)]
    pub fn set_number(&self, name: &str, value: f64) -> Result<bool, JsValue> {
        Ok(self.state.set_number(name, value).map_err(hot_error)?)
    }

    /// The slot index of hot field `name` (0-based), or `undefined` when
    /// it is not a declared hot field. Indices never change once declared.
    #[wasm_bindgen(js_name = hotIndex)]
    pub fn hot_index(&self, name: &str) -> Option<u32> {
        if !self.state.is_hot(name) {
            return None;
        }
        self.state.hot_slot(name).ok().map(|slot| slot.index() as u32)
    }

    /// Writes the hot field in slot `index` (see `hotIndex`) as `setNumber`
    /// does: the low-level write under `@actorflow/js`'s `setNumber` and
    /// `setNumberAt`, with no string and no exception crossing the
    /// boundary. Returns 1 when the value changed, 0 when it did not, and
    /// 2 when there is no such slot (nothing is written).
    #[wasm_bindgen(js_name = hotSet)]
    pub fn hot_set(&self, index: u32, value: f64) -> u32 {
        match self.state.hot_buffer() {
            Some(buffer) if (index as usize) < buffer.len() => u32::from(buffer.set(index as usize, value)),
            _ => 2,
        }
    }

    /// Reports the raw writes to the `count` slots from `first` (see
    /// `slotsLocation`) to the reactive graph as one batch: every slot
    /// whose memory differs from the value the graph last saw changes, so
    /// deriveds, effects and repeaters run once and see the whole commit,
    /// subscribers are called once per changed field and the `onHotChange`
    /// notifier once (see `SharedSlotBuffer::commit`). Returns how many
    /// slots changed, or `0xFFFFFFFF` when the range is not within the
    /// slots (nothing happens then).
    #[wasm_bindgen(js_name = commitHot)]
    pub fn commit_hot(&self, first: u32, count: u32) -> u32 {
        let Some(buffer) = self.state.hot_buffer() else { return u32::MAX };
        let (first, count) = (first as usize, count as usize);
        match first.checked_add(count) {
            Some(end) if end <= buffer.len() => buffer.commit(first..end) as u32,
            _ => u32::MAX,
        }
    }

    /// Tells the reactive graph that hot field `name` was written through
    /// the raw slot memory (see `slots`), so that it notifies as
    /// `setNumber` would.
    ///
    /// # Errors
    /// Throws when `name` is not a declared hot field.
    #[wasm_bindgen(js_name = notifyChanged)]
    pub fn notify_changed(&self, name: &str) -> Result<(), JsValue> {
        let slot = self.state.hot_slot(name).map_err(hot_error)?;
        self.hot_buffer()?.notify_changed(slot.index());
        Ok(())
    }

    /// Where the hot-field slots are in wasm memory: `[byteOffset, length]`
    /// (`length` f64 slots, 8-byte aligned, little endian). Used by the
    /// `SlotView` of the `@actorflow/js` package; prefer `slots(name)`.
    ///
    /// # Errors
    /// Throws before `declareHot`.
    #[wasm_bindgen(js_name = slotsLocation)]
    pub fn slots_location(&self) -> Result<Vec<u32>, JsValue> {
        let buffer = self.hot_buffer()?;
        // wasm32 addresses are 32-bit: the cast is exact.
        Ok(vec![buffer.as_ptr() as usize as u32, buffer.len() as u32])
    }

    /// Calls `callback()` once per batch of hot-field changes (from JS or
    /// Rust), after the batch, with no lock held; `takeHotChanges()` then
    /// tells which fields changed. Notifications are coalesced: many writes
    /// in one batch wake once. A state has one such notifier: a new one
    /// replaces the old. Returns the function that removes it.
    ///
    /// # Errors
    /// Throws before `declareHot`.
    #[wasm_bindgen(js_name = onHotChange)]
    pub fn on_hot_change(&self, callback: Function) -> Result<Function, JsValue> {
        let buffer = self.hot_buffer()?;
        let callback = JsCallback(callback);
        buffer.set_notifier(move || callback.call(&JsValue::UNDEFINED));
        let slot = RefCell::new(Some(buffer));
        let remove = Closure::<dyn FnMut()>::new(move || {
            if let Some(b) = slot.borrow_mut().take() {
                b.clear_notifier();
            }
        });
        Ok(remove.into_js_value().unchecked_into())
    }

    /// The names of the hot fields changed since the last call (in slot
    /// order), clearing their dirty flags.
    ///
    /// # Errors
    /// Throws before `declareHot`.
    #[wasm_bindgen(js_name = takeHotChanges)]
    pub fn take_hot_changes(&self) -> Result<Vec<String>, JsValue> {
        let buffer = self.hot_buffer()?;
        let names = self.state.hot_fields();
        Ok(buffer.take_dirty().into_iter().map(|i| names[i].clone()).collect())
    }
}

impl LiveMemoryStateHandle {
    fn hot_buffer(&self) -> Result<SharedSlotBuffer<f64>, BindingError> {
        self.state
            .hot_buffer()
            .ok_or_else(|| BindingError::HotField("the state has no hot fields (call declareHot first)".into()))
    }
}

fn hot_error(e: actor_core::state::StateError) -> BindingError {
    BindingError::HotField(e.to_string())
}

/// The wasm module's `WebAssembly.Memory` (the same object for the module's
/// life; its `buffer` is replaced when the memory grows).
#[wasm_bindgen(js_name = wasmMemory)]
pub fn wasm_memory() -> JsValue {
    wasm_bindgen::memory()
}
