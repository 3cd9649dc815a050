//! Watching the packets on a network's connections (edges), for debuggers
//! and live views such as an fbp-protocol runtime's `network:data`.
//!
//! A network built with [`NetworkOptions::observer`](super::NetworkOptions::observer)
//! reports every packet sent on a *watched* connection to that observer.
//! No connection is watched until [`NetworkHandle::watch_edges`](super::NetworkHandle::watch_edges)
//! says so, and an unwatched connection costs one relaxed atomic load per
//! packet, on a cache line its packet counter writes anyway.

use crate::graph::PortRef;
use crate::Packet;

/// Receives the packets sent on watched connections.
///
/// [`packet`](Self::packet) is called synchronously by the sending process,
/// once per packet and connection, before the packet is delivered (so a
/// packet the receiver never takes, because it ended, may still be
/// reported). It runs on the sender's thread, on the per-packet path of a
/// watched connection: it must be quick and must never block or wait. Hand
/// the packet off (an `Arc` clone, see [`Packet`]) and do the slow work
/// elsewhere.
///
/// `Send + Sync` on every target, wasm32 included: an outport (which holds
/// its connections' observer) may be sent to another thread by a repeater.
pub trait EdgeObserver: Send + Sync + 'static {
    /// `packet` was sent on connection `connection`: an index into
    /// [`NetworkHandle::connections`](super::NetworkHandle::connections).
    fn packet(&self, connection: usize, packet: &Packet);
}

/// Which connections a network reports to its [`EdgeObserver`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EdgeWatch {
    /// None (the default).
    None,
    /// Every connection.
    All,
    /// Exactly these connections, by index into
    /// [`NetworkHandle::connections`](super::NetworkHandle::connections);
    /// indices out of range are ignored.
    Only(Vec<usize>),
}

/// One connection (edge) of a network, between two process ports. IIPs and
/// exported ports are not connections.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConnectionInfo {
    /// The sending process port, with its array index where it has one.
    pub src: PortRef,
    /// The receiving process port, with its array index where it has one.
    pub tgt: PortRef,
    /// `src.PORT -> tgt.PORT`, as in [`ConnectionStats`](super::ConnectionStats).
    pub label: String,
}
