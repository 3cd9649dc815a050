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
/// Each inport (each index of an array inport) is one bounded flume channel
/// of this capacity; every connection into that port is a sender of it. A
/// producer that gets this far ahead of its consumer waits, so memory stays
/// bounded. Override it per network with
/// [`NetworkOptions::capacity`](crate::network::NetworkOptions::capacity).
pub const DEFAULT_CAPACITY: usize = 64;
