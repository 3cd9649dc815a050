//! Port declarations: what a component says about its inports and outports.
//!
//! A [`ComponentSpec`] names a component and lists its [`PortSpec`]s. The
//! registry keeps one per component; the validator checks graphs against
//! them and `actorflow components` prints them. The channels behind ports
//! live in [`crate::network`].

mod check;
mod name;
mod spec;
mod ty;

pub use check::IipCheck;
pub use name::PortCase;
pub use spec::{ComponentSpec, PortSpec, Ports};
pub use ty::PortType;

/// The default capacity of a connection, in packets.
///
/// Each inport (each index of an array inport) is one bounded channel
/// of this capacity; every connection into that port is a sender of it. A
/// producer that gets this far ahead of its consumer waits, so memory stays
/// bounded. A packet whose string, bytes or error payload is 1 KiB or
/// longer counts as one more packet per KiB, so a connection holds about 1
/// MiB of such payloads at most (plus one packet heavier than that alone);
/// arrays and objects count as one packet whatever they hold. Override it
/// per network with
/// [`NetworkOptions::capacity`](crate::network::NetworkOptions::capacity).
///
/// Why 1024: on a multi-thread run a consumer is woken when its queue is
/// half full (see `rt::PinnedExecutor`), and fewer, larger hand-overs
/// between threads are what make two workers faster than one. At 64,
/// `graphs/wordcount.fbp` ran 1.6x the plain Rust baseline on 2 workers;
/// at 1024, 1.05x (BENCHMARKS.md).
pub const DEFAULT_CAPACITY: usize = 1024;
