use js_sys::Function;
use wasm_bindgen::JsValue;

/// A JS function that may be stored where Rust asks for `Send + Sync`
/// (a [`LiveMemoryState`](actor_core::LiveMemoryState) subscriber).
///
/// JS values are `!Send` because they belong to one JS thread. This crate
/// builds for `wasm32` without the `atomics` target feature, where a module
/// has exactly one thread, so no value can ever cross threads and the
/// `Send`/`Sync` promise holds trivially. With `atomics` (wasm threads) the
/// impls below do not exist, and code that needs them does not compile:
/// unsound sharing is a compile error, not a hazard.
#[derive(Debug, Clone)]
pub(crate) struct JsCallback(pub(crate) Function);

// SAFETY: see the type's docs: without `atomics`, a wasm32 module has a single
// thread, so the function is only ever used on the thread that made it.
#[cfg(not(target_feature = "atomics"))]
unsafe impl Send for JsCallback {}
// SAFETY: as above.
#[cfg(not(target_feature = "atomics"))]
unsafe impl Sync for JsCallback {}

impl JsCallback {
    /// Calls the function with `arg` and `this` = `undefined`. An exception
    /// it throws is reported on `console.error` and otherwise ignored: a
    /// failing subscriber must not break the writer.
    pub(crate) fn call(&self, arg: &JsValue) {
        if let Err(e) = self.0.call1(&JsValue::UNDEFINED, arg) {
            super::convert::console_error(&format!("a state subscriber threw: {}", super::convert::error_message(&e)));
        }
    }
}
