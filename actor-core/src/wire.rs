//! The wire: how packets move between processes.
//!
//! The lowest layer of the runner, beneath the reactive graph, the state
//! and the actors. A connection is a bounded channel per inport (per
//! index of an array inport); every connection into that inport holds a
//! sender. This module has:
//!
//! - `channel`: that channel, which moves packets in chunks (one lock per
//!   chunk) and counts its capacity in packets;
//! - [`OutPort`]: the sending side of a process's port, fanning each packet
//!   out to every connection, with an ordered backlog for synchronous
//!   senders such as repeaters;
//! - `Target`: one connection out of an outport, with its packet counter,
//!   its in-flight accounting and its observer tap;
//! - `InputSet`: the receiving ends of a process's inports, merged;
//! - `Activity`: the in-flight accounting behind quiescence detection, and
//!   the only code that adjusts that count;
//! - [`EdgeObserver`]: what watched connections report their packets to;
//! - `Waits`: who waits on whom, for deadlock detection in a network with
//!   a cycle.
//!
//! A packet's walk from `send` to `take` is told in `ARCHITECTURE.md`.

mod activity;
pub(crate) mod channel;
mod connection;
mod inputs;
mod observe;
pub(crate) mod outport;
mod waits;

pub(crate) use activity::Activity;
pub(crate) use connection::{PacketCount, Target};
pub(crate) use inputs::InputSet;
pub use observe::EdgeObserver;
pub use outport::OutPort;
pub(crate) use waits::{Deadlock, Waits};
