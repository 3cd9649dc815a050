//! Describing and watching a network's connections (edges), for debuggers
//! and live views such as an fbp-protocol runtime's `network:data`.
//!
//! A network built with [`NetworkOptions::observer`](super::NetworkOptions::observer)
//! reports every packet sent on a *watched* connection to that
//! [`EdgeObserver`](crate::wire::EdgeObserver). No connection is watched
//! until [`NetworkHandle::watch_edges`](super::NetworkHandle::watch_edges)
//! says so.

use crate::graph::PortRef;

/// Which connections a network reports to its observer.
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

impl ConnectionInfo {
    /// The connection between `src` and `tgt`, as the graph wrote them.
    pub(crate) fn new(src: PortRef, tgt: PortRef) -> Self {
        let end = |r: &PortRef| match r.index {
            Some(i) => format!("{}.{}[{i}]", r.process, r.port),
            None => format!("{}.{}", r.process, r.port),
        };
        let label = format!("{} -> {}", end(&src), end(&tgt));
        Self { src, tgt, label }
    }
}
