//! A process's state: [`LiveMemoryState`].
//!
//! Every process owns one `LiveMemoryState` for its whole life, and anything
//! else that needs the state (the embedding program, a JS actor through
//! `actor-wasm`'s `LiveMemoryStateHandle`, a test) holds a clone of the same
//! handle: cloning copies an `Arc`, never the state. A write through any
//! handle is visible through every other handle as soon as the write returns.

mod live;
mod subscribers;

pub use live::LiveMemoryState;
pub use subscribers::Subscription;
