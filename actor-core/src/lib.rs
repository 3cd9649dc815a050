//! # actor-core
//!
//! A flow-based actor runtime. A **graph** (NoFlo graph JSON or the `.fbp`
//! DSL) describes **processes**, each an instance of a **component**,
//! connected port to port. Each process runs as an async task with inports
//! and outports joined by bounded channels, and holds a strong handle to its
//! own [`LiveMemoryState`].
//!
//! ## Model, in layers
//!
//! Each module imports only from the ones listed before it
//! (`ARCHITECTURE.md` in the repository tells the layers and a packet's
//! walk through them).
//!
//! - [`rt`]: the executor seam; nothing else spawns.
//! - [`Value`] and [`Packet`] ([`message`]): typed, cheaply clonable
//!   messages and the information packets (data and bracket IPs) that carry them.
//! - [`port`]: port and component specs, and [`port::PortCase`], the one
//!   rule for matching port names.
//! - [`graph`]: graph definitions, formats, and validation against
//!   component specs into a [`graph::Plan`].
//! - [`wire`]: how packets move: [`OutPort`], connections, in-flight
//!   accounting.
//! - [`reactive`]: signals, deriveds, effects, [`SharedSlotBuffer`] and
//!   [`Repeater`]: the live, reactive half of a process's state.
//! - [`state`]: the [`LiveMemoryState`] of a process.
//! - [`Actor`] ([`actor`]): the behaviour of a component;
//!   [`ActorRunContext`] is what it sees while it runs. [`FnActor`] makes
//!   one from a closure.
//! - [`process`]: the process kernel, the activation loop around an actor.
//! - [`Registry`]: component names to specs and factories. The standard
//!   components live in the `actor-components` crate, outside the runtime.
//! - [`network`]: builds a network from a plan and runs it.
//!
//! ## Design principles
//!
//! - Nothing is serialized between two local processes; fan-out clones an `Arc`.
//! - Every connection is bounded, so memory stays bounded.
//! - Every run ends, and honestly: a failing or panicking process ends the
//!   run with its name and cause (after the processes downstream of it were
//!   told to stop, so none computes a result from truncated input), unless
//!   its [`FailurePolicy`](graph::FailurePolicy) restarts it; a deadlocked
//!   cycle ends it with [`NetworkError::Deadlock`]; a stop request is seen
//!   even by a process that always has input (see [`rt::Budget`]).
//! - The core runs on any executor: tokio (current-thread or multi-thread)
//!   natively, `wasm-bindgen-futures` in a browser.
//!
//! ## Example
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use actor_core::{Graph, Network, NetworkOptions, PortRef, Registry};
//! use serde_json::json;
//!
//! let mut graph = Graph::new();
//! graph.add_process("a", "core/Repeat").add_process("b", "core/Repeat");
//! graph.connect(PortRef::new("a", "out"), PortRef::new("b", "in"));
//! graph.add_iip(json!("hello"), PortRef::new("a", "in"));
//! graph.export_outport("OUT", "b", "out");
//!
//! let mut network = Network::new(&graph, &actor_components::standard(), NetworkOptions::default())?;
//! let out = network.outport("OUT")?;
//! network.start()?.wait().await?;
//! assert_eq!(out.recv().await.unwrap().into_data(), Some("hello".into()));
//! # Ok(()) }
//! ```
//!
//! ## WASM support
//!
//! `actor-core` builds for `wasm32-unknown-unknown`. There, tokio is not a
//! dependency; pass an [`rt::Executor`] in
//! [`NetworkOptions::executor`](network::NetworkOptions::executor)
//! (`actor-wasm` provides one). The core never blocks; it sleeps and reads
//! the clock only through [`rt::Executor::sleep`] and [`rt::Executor::now`],
//! for restart backoff, and an executor without them restarts at once.

// The modules, lowest layer first: each imports only from the ones above
// it in this list (see ARCHITECTURE.md; tests/layers.rs checks it).
pub mod rt;
pub mod message;
pub mod port;
pub mod graph;
pub mod wire;
pub mod reactive;
pub mod state;
pub mod actor;
pub mod process;
pub mod registry;
pub mod network;

pub use actor::{Actor, ActorError, ActorResult, ActorRunContext, FnActor};
pub use graph::{Graph, PortRef};
pub use message::{Packet, Str, Value};
pub use network::{Network, NetworkError, NetworkHandle, NetworkOptions};
pub use wire::OutPort;
pub use port::{ComponentSpec, IipCheck, PortSpec, PortType, Ports};
pub use registry::Registry;
pub use reactive::{Derived, Effect, ReactiveGraph, Repeater, SharedSlotBuffer, Signal, SlotRef};
pub use state::LiveMemoryState;
