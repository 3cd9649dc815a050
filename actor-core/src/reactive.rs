//! Fine-grained reactivity: signals, deriveds, effects, batches, and the
//! shared numeric buffers and repeaters of live state.
//!
//! Choosing a type:
//!
//! - [`Signal`]: a writable value. [`Derived`]: a cached value computed
//!   from others, recomputed lazily. [`Effect`]: a side effect re-run after
//!   what it read changes. [`ReactiveGraph::batch`] groups writes so that
//!   effects run once; [`ReactiveGraph::untrack`] reads without subscribing.
//! - [`SharedSlotBuffer`]: a fixed-capacity typed array (`f64`, `i64`,
//!   `u32`, `u8`) whose slots are signals, in one contiguous block of memory
//!   that another runtime (JS through `actor-wasm`) can view without a copy.
//!   The hot fields of a [`LiveMemoryState`](crate::LiveMemoryState) live in one.
//! - [`Repeater`]: forwards every change of a signal, derived or slot to a
//!   slot or to an [`OutPort`](crate::OutPort), synchronously and glitch-free.
//!
//! All of them live in a [`ReactiveGraph`]: an arena with its tracking
//! context inside, behind one reentrant lock, so every handle is
//! `Send + Sync` and a process can move between the threads of tokio's
//! multi-thread runtime. The algorithm (push-pull, three colours) is
//! described on [`ReactiveGraph`]. Each `LiveMemoryState` owns one graph
//! ([`LiveMemoryState::reactive`](crate::LiveMemoryState::reactive)).
//!
//! # References
//!
//! - Milo Spencer-Harper, *Super Charging Fine-Grained Reactive
//!   Performance* (the "reactively" library, 2022): the clean / check /
//!   dirty colouring and in-order source checking followed here.
//! - Johnson Chu, *alien-signals* (2024): iterative propagation and
//!   dependency-list reuse.
//! - Conal Elliott, *Push-Pull Functional Reactive Programming* (Haskell
//!   Symposium 2009): push invalidation, pull evaluation.
//! - The js-reactivity-benchmark suite (Milo's, kairo cases): the
//!   correctness scenarios in this crate's tests and the benchmark shapes.

mod arena;
mod constructors;
mod derived;
mod effect;
pub(crate) mod external;
mod graph;
pub(crate) mod handle;
mod node;
mod propagate;
mod repeater;
mod signal;
mod slot_buffer;
#[cfg(test)]
mod tests;

pub use derived::Derived;
pub use effect::Effect;
pub use graph::{MAX_REACTIONS_PER_FLUSH, ReactiveGraph};
pub use repeater::{RepeatSource, RepeatTarget, Repeater, SourceKey};
pub use signal::Signal;
pub use slot_buffer::{Notifier, SharedSlotBuffer, SlotElement, SlotRef};
pub(crate) use slot_buffer::SlotListener;
