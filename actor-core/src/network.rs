//! The network runner: turns a [`Graph`](crate::graph::Graph) into running processes.
//!
//! [`Network::new`] validates a graph against a [`Registry`](crate::Registry)
//! into a [`Plan`](crate::graph::Plan) ([`Network::from_plan`] takes one
//! directly), makes one actor and one [`LiveMemoryState`](crate::LiveMemoryState) per
//! process, and wires every connection as a bounded flume channel (one per
//! inport, or per index of an array inport; every connection into it holds
//! a sender). Before it starts, the embedding program can take handles to
//! exported ports ([`Network::inport`], [`Network::outport`]) and to process
//! states ([`Network::state`]). A process whose metadata has
//! `"state": "<other process>"` shares that process's state instance (see
//! [`SHARED_STATE_KEY`]).
//!
//! [`Network::new`] also queues the IIPs, in graph order, so they arrive
//! before anything an exported-inport handle sends.
//! [`Network::start`] spawns one task per
//! process through the [executor seam](crate::rt), and returns a
//! [`RunningNetwork`]. The run ends when:
//! - every process has finished: processes without inports finish after
//!   their single activation, the others when all their inports are closed,
//!   so completion flows downstream from the sources; or
//! - the graph has a cycle and it is quiescent: no process busy and no
//!   packet in flight, with no exported-inport handle alive, and every
//!   process that is neither on a cycle nor downstream of one has finished
//!   (so its `finish` hook ran). The processes *on* cycles are then
//!   stopped (their `shutdown` hooks run). Every process downstream of a
//!   cycle sees its inports close and finishes normally, `finish` hook
//!   included, so an aggregator after a loop still emits its result. One
//!   limit: all cycles stop together, so what a process between two cycles
//!   emits from `finish` into the later cycle is dropped; or
//! - [`NetworkHandle::stop`] was called; or
//! - a process failed (returned an error or panicked): the others are
//!   stopped and the run returns [`NetworkError::Failed`] naming it.
//!
//! Each process's [`Actor::shutdown`](crate::Actor::shutdown) hook runs however it ends.
//!
//! With a [`StateStore`] in [`NetworkOptions::state_store`], the process
//! states are restored before the run and saved at checkpoints (see
//! [`StateStore`]).

mod build;
mod durable;
mod error;
mod handles;
mod observe;
mod options;
mod running;
mod shared_state;
mod wiring;

pub use build::Network;
pub use durable::{Checkpoint, ProcessState, StateStore, StoreError};
pub use error::{NetworkError, ProcessFailure};
pub use handles::{Closed, ConnectionStats, InportHandle, NetworkHandle, OutportHandle};
pub use observe::{ConnectionInfo, EdgeWatch};
pub use options::NetworkOptions;
pub use running::{EndReason, RunReport, RunningNetwork};
pub use shared_state::SHARED_STATE_KEY;
// Re-exported from the layers below, for the network's users.
pub use crate::process::DynActor;
pub use crate::wire::{EdgeObserver, OutPort};
