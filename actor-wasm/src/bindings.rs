//! The JavaScript-facing bindings (`wasm32` only).
//!
//! Everything here runs on the single thread of a browser tab or Node
//! isolate. Rust values reach JS by `wasm-bindgen` classes that hold the Rust
//! value (a [`LiveMemoryStateHandle`] holds the process's
//! [`LiveMemoryState`](actor_core::LiveMemoryState) `Arc` itself), and every
//! fallible method returns `Result<_, JsValue>`, so an error surfaces as a JS
//! exception (an `Error` with a message) and never as a wasm trap.

mod context;
mod convert;
mod error;
mod executor;
mod extern_actor;
mod hot_fields;
mod js_callback;
mod network;
mod outport;
mod registry;
mod state_handle;
mod state_text;
mod store;
mod wasm_actor;

pub use context::JsRunContext;
pub use error::BindingError;
pub use executor::WasmExecutor;
pub use extern_actor::ExternActor;
pub use hot_fields::wasm_memory;
pub use network::JsNetwork;
pub use outport::Outport;
pub use registry::JsRegistry;
pub use state_handle::LiveMemoryStateHandle;
pub use store::StateStore;
pub use wasm_actor::WasmActor;

use wasm_bindgen::prelude::wasm_bindgen;

/// Runs once when the module is instantiated: routes Rust panic messages to
/// `console.error` (a panic still aborts the module, as any panic in wasm does).
#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(|info| convert::console_error(&format!("actor-wasm panicked: {info}"))));
}
