//! # actor-wasm
//!
//! The WebAssembly face of actorflow: JavaScript actors run as processes of
//! an [`actor_core`] network, next to Rust actors, in a browser or in Node,
//! and share one [`LiveMemoryState`](actor_core::LiveMemoryState) instance
//! with them (never a copy).
//!
//! This is the only crate of the workspace that uses `wasm-bindgen`. The
//! JavaScript classes it exports (built with `wasm-bindgen --target web` or
//! `--target nodejs`, wrapped by the `@actorflow/js` package in `actor-js/`) are:
//!
//! | JS class | What it is |
//! |---|---|
//! | `LiveMemoryStateHandle` | a process's state: `has`/`delete`/`keys`/`toJSON`, `subscribe`, `store` (Svelte store contract), and the low-level reads and writes under `@actorflow/js`'s `get`/`set` (`readText`/`writeText` with `mapVersionLocation` for its cache, `readValue`/`writeValue` value by value); hot numeric fields: `declareHot`, `setNumber`, `hotSet`, `commitHot`, `slotsLocation` (for the zero-copy view), `onHotChange` |
//! | `StateStore` | what `store(key)` returns: `subscribe(run)`, `set`, `update` |
//! | `ActorRunContext` | what a JS actor's `run(context)` receives: `input`, `packets`, `state`, `config`, `send`, `error`, `repeat` |
//! | `ExternActor` | a validated JS actor object: `inports`, `outports`, `run(context)`, `state` setter, optional `finish(context)` |
//! | `Registry` | components: the standard and [`components`] Rust ones, plus JS components |
//! | `Network` | a graph loaded from JSON or `.fbp`: `start`, `send`, `outport`, `state`, `stop`, `wait` |
//! | `Outport` | packets of an exported outport: `recv`, `next` (async iterator), `onPacket` |
//! | `wasmMemory()` | the module's `WebAssembly.Memory`, over which `@actorflow/js`'s `SlotView` makes its `Float64Array` |
//!
//! On the Rust side, `bindings::WasmActor` (wasm32 only) runs an
//! `ExternActor` as a process (it implements [`actor_core::Actor`]), and
//! `bindings::WasmExecutor` (wasm32 only) is the
//! [`actor_core::rt::Executor`] built on `wasm_bindgen_futures::spawn_local`.
//!
//! ## Model
//!
//! A JS actor is a plain object (or class instance):
//!
//! ```js
//! class Counter {
//!   inports = ["in"]; outports = ["out"];
//!   state;                           // set once, before the first run
//!   run(context) {                   // may be async
//!     const n = (context.state.get("count") ?? 0) + 1;
//!     context.state.set("count", n); // the very state Rust actors see
//!     context.send({ out: n });
//!   }
//! }
//! ```
//!
//! Each process task keeps one `LiveMemoryStateHandle` JS object for its
//! whole life and hands the same object to every run, so a subscription made
//! in one run stays live in the next.
//!
//! ## WASM support
//!
//! The bindings (module `bindings`) exist on `wasm32` only; on native targets
//! this crate builds the pure-Rust parts ([`components`], [`graph_text`]) so
//! that `cargo test --workspace` covers them. The bindings assume a single
//! thread (`wasm32-unknown-unknown` without the `atomics` feature).

pub mod components;
pub mod graph_text;

#[cfg(target_arch = "wasm32")]
pub mod bindings;
