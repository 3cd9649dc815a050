//! The network runner: turns a [`Graph`](crate::graph::Graph) into running processes.
//!
//! [`Network::new`] validates a graph against a [`Registry`](crate::Registry)
//! into a [`Plan`](crate::graph::Plan) ([`Network::from_plan`] takes one
//! directly), makes one actor and one [`LiveMemoryState`](crate::LiveMemoryState) per
//! process, and wires every connection as a bounded channel (one per
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
//! - [`NetworkHandle::stop`] was called. Every process stops at its next
//!   yield (a process yields after a [budget](crate::rt::Budget) of
//!   packets, so a self-loop stops too); a process whose inputs close
//!   during a stop ends without `finish`; or
//! - a process failed (returned an error or panicked) and its
//!   [`FailurePolicy`](crate::graph::FailurePolicy) did not restart it: it
//!   stops the others *before* its outports close, so no process downstream
//!   runs `finish` on truncated input, and the run returns
//!   [`NetworkError::Failed`] naming it. With `on_failure=finish_downstream`
//!   the others go on to their end instead, and the run still fails; or
//! - processes on a cycle deadlocked, each waiting to send on a full
//!   connection into the next: they are found from their blocked sends (a
//!   wait-for graph, without a clock), every process is stopped, and the
//!   run returns [`NetworkError::Deadlock`] naming them and the connections.
//!
//! A process with `restart=on_failure` is supervised one-for-one: after a
//! failure it gets a fresh actor and keeps its state, outports and inport
//! channels (see [`RestartEvent`] and [`NetworkHandle::restart_events`]).
//!
//! Each process's [`Actor::shutdown`](crate::Actor::shutdown) hook runs
//! however it ends (and once per failed instance of a restarted process).
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
mod supervise;
mod wiring;

pub use build::Network;
pub use durable::{Checkpoint, ProcessState, StateStore, StoreError};
pub use error::{Deadlock, NetworkError, ProcessFailure};
pub use handles::{Closed, ConnectionStats, InportHandle, NetworkHandle, OutportHandle};
pub use observe::{ConnectionInfo, EdgeWatch};
pub use options::NetworkOptions;
pub use running::{EndReason, RunReport, RunningNetwork};
pub use shared_state::SHARED_STATE_KEY;
pub use supervise::{RestartEvent, RestartEvents};
// Re-exported from the layers below, for the network's users.
pub use crate::process::DynActor;
pub use crate::wire::{EdgeObserver, OutPort};
