//! Network events on the wire: edge ids, packets as `network:data`,
//! `network:begingroup` and `network:endgroup`, and `actorflow:stats`.

use std::time::{Instant, SystemTime};

use actor_core::network::ConnectionInfo;
use actor_core::{NetworkHandle, Packet, PortRef, Value};
use serde_json::json;

use crate::protocol::Outgoing;
use crate::protocol::graph::WirePort;
use crate::protocol::network::EdgeEvent;

/// An edge as events name it.
#[derive(Debug, Clone)]
pub(crate) struct EdgeDesc {
    /// `a() OUT -> IN b()`, or `DATA -> IN b()` for an IIP.
    pub(crate) id: String,
    pub(crate) src: Option<WirePort>,
    pub(crate) tgt: WirePort,
}

impl EdgeDesc {
    /// The edge of a network connection.
    pub(crate) fn of(c: &ConnectionInfo) -> Self {
        Self::new(Some(&c.src), &c.tgt)
    }

    /// An edge from `src` (`None` for an IIP) to `tgt`.
    pub(crate) fn new(src: Option<&PortRef>, tgt: &PortRef) -> Self {
        Self { id: edge_id(src, tgt), src: src.map(wire), tgt: wire(tgt) }
    }
}

fn wire(r: &PortRef) -> WirePort {
    WirePort { node: r.process.clone(), port: r.port.clone(), index: r.index.map(Into::into) }
}

/// NoFlo's edge id: the edge as a line of `.fbp`, port names upper-case:
/// `a() OUT -> IN b()`, `a() OUT[1] -> IN b()`, or `DATA -> IN b()` for an IIP.
pub(crate) fn edge_id(src: Option<&PortRef>, tgt: &PortRef) -> String {
    let port = |r: &PortRef| match r.index {
        Some(i) => format!("{}[{i}]", r.port.to_uppercase()),
        None => r.port.to_uppercase(),
    };
    let from = match src {
        Some(s) => format!("{}() {}", s.process, port(s)),
        None => "DATA".to_string(),
    };
    format!("{from} -> {} {}()", port(tgt), tgt.process)
}

/// The event for `packet` seen on `edge`.
pub(crate) fn packet_event(graph: &str, edge: &EdgeDesc, packet: &Packet) -> Outgoing {
    let (command, data, group) = match packet {
        Packet::Data(v) => ("data", Some(v.to_json()), None),
        Packet::OpenBracket(g) => ("begingroup", None, Some(group_name(g.as_ref()))),
        Packet::CloseBracket(g) => ("endgroup", None, Some(group_name(g.as_ref()))),
    };
    let payload = EdgeEvent { id: edge.id.clone(), src: edge.src.clone(), tgt: edge.tgt.clone(), graph: graph.to_string(), data, group };
    Outgoing::new("network", command, payload)
}

/// A bracket's data as a group name: a string as itself, anything else as JSON.
fn group_name(g: Option<&Value>) -> String {
    match g {
        None => String::new(),
        Some(Value::String(s)) => s.to_string(),
        Some(other) => other.to_json().to_string(),
    }
}

/// Now, as an RFC 3339 date-time in UTC with milliseconds.
pub(crate) fn now() -> String {
    humantime::format_rfc3339_millis(SystemTime::now()).to_string()
}

/// What `actorflow:stats` reports about one run.
#[derive(Debug)]
pub(crate) struct StatsSource {
    pub(crate) graph: String,
    pub(crate) handle: NetworkHandle,
    pub(crate) edges: Vec<EdgeDesc>,
    pub(crate) started_at: Instant,
    pub(crate) tap: std::sync::Arc<super::tap::EdgeTap>,
}

impl StatsSource {
    /// `actorflow:stats` as of now.
    pub(crate) fn message(&self, running: bool, started: bool) -> Outgoing {
        let counts = self.handle.connection_stats();
        let edges: Vec<_> = self
            .edges
            .iter()
            .zip(&counts)
            .map(|(e, c)| json!({ "id": e.id, "src": e.src, "tgt": e.tgt, "packets": c.packets }))
            .collect();
        let busy = if running { self.handle.busy_processes() } else { Vec::new() };
        let payload = json!({
            "graph": self.graph,
            "running": running,
            "started": started,
            "uptime": self.started_at.elapsed().as_secs_f64(),
            "busy": busy,
            "sampled": self.tap.sampled(),
            "edges": edges,
        });
        Outgoing::new(super::EXTENSION_PROTOCOL, "stats", payload)
    }
}
