//! A process's state: [`LiveMemoryState`].
//!
//! Every process owns one `LiveMemoryState` for its whole life, and anything
//! else that needs the state (the embedding program, a JS actor through
//! `actor-wasm`'s `LiveMemoryStateHandle`, a test) holds a clone of the same
//! handle: cloning copies an `Arc`, never the state. A write through any
//! handle is visible through every other handle as soon as the write returns.
//!
//! The state has two parts:
//! - a map from string keys to JSON values ([`LiveMemoryState::get`],
//!   [`set`](LiveMemoryState::set), ...);
//! - declared **hot** numeric fields, each a slot of one
//!   [`SharedSlotBuffer<f64>`](crate::SharedSlotBuffer)
//!   ([`declare_hot`](LiveMemoryState::declare_hot),
//!   [`get_number`](LiveMemoryState::get_number),
//!   [`set_number`](LiveMemoryState::set_number)), which deriveds, effects
//!   and [`Repeater`](crate::Repeater)s follow, and which `actor-wasm` shows
//!   to JS as a `Float64Array` with no copy.
//!
//! A map value may also be held as JSON text ([`JsonText`]): one written
//! with [`set_json_text`](LiveMemoryState::set_json_text) is parsed only
//! when Rust first reads it, and [`json_text`](LiveMemoryState::json_text)
//! serializes a Rust-written value once per write. With the
//! [map version](LiveMemoryState::map_version), which every map write
//! raises, this lets a JSON-speaking holder (JS) cache what it read and
//! skip both serialization and parsing while nothing changed.
//!
//! Both parts are reactive sources in the state's
//! [`ReactiveGraph`](crate::ReactiveGraph), and both notify the per-key
//! [`subscribe`](LiveMemoryState::subscribe) callbacks the same way: once per
//! change, with the value written, after the write's outermost batch, on
//! the writer's thread, with no lock held.

mod entry;
mod error;
mod hot;
mod json_check;
mod json_text;
mod keys;
mod live;
mod snapshot;
mod subscribers;
#[cfg(test)]
mod tests;
mod text;

pub use error::StateError;
pub use json_text::{JsonText, MAX_SAFE_INTEGER};
pub use live::LiveMemoryState;
pub use subscribers::Subscription;
