//! Payloads of the network protocol (`schema/yaml/network.yml`).

use serde::{Deserialize, Serialize};
use serde_json::Value as Json;

use super::graph::WirePort;

/// `start`, `stop` and `getstatus`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct GraphRef {
    /// The graph.
    pub graph: String,
}

/// `debug`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Debug {
    /// Whether debug mode is on.
    pub enable: bool,
    /// The graph.
    pub graph: String,
}

/// One selected edge of `edges`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SelectedEdge {
    /// The outport.
    pub src: WirePort,
    /// The inport.
    pub tgt: WirePort,
}

/// `edges`: the edges a client wants `data` for (both ways; echoed).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Edges {
    /// The selected edges; empty selects every edge.
    pub edges: Vec<SelectedEdge>,
    /// The graph.
    pub graph: String,
}

/// `status`: exactly `{graph, running, started}` (fbp-test compares it deep-equal).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Status {
    /// The graph.
    pub graph: String,
    /// Whether processes of the network are still live.
    pub running: bool,
    /// Whether the network was started and not stopped since.
    pub started: bool,
}

/// `started`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Started {
    /// When, as an RFC 3339 date-time.
    pub time: String,
    /// The graph.
    pub graph: String,
    /// `true`.
    pub started: bool,
    /// `true`.
    pub running: bool,
}

/// `stopped`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stopped {
    /// When, as an RFC 3339 date-time.
    pub time: String,
    /// Seconds since the network started.
    pub uptime: f64,
    /// The graph.
    pub graph: String,
    /// `false`.
    pub running: bool,
    /// `false` after a `stop`; `true` when the network finished on its own
    /// (it stays started until stopped, as in NoFlo).
    pub started: bool,
}

/// `data`, `begingroup` and `endgroup`: a packet seen on an edge (or an IIP).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EdgeEvent {
    /// The edge as a line of `.fbp`: `a() OUT -> IN b()`, or `DATA -> IN b()` for an IIP.
    pub id: String,
    /// The outport (absent for an IIP).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub src: Option<WirePort>,
    /// The inport.
    pub tgt: WirePort,
    /// The graph.
    pub graph: String,
    /// The data (`data` only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data: Option<Json>,
    /// The group (`begingroup` and `endgroup` only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
}

/// `processerror`: a process failed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProcessError {
    /// The process.
    pub id: String,
    /// Why it failed.
    pub error: String,
    /// The graph.
    pub graph: String,
}

/// `error`: the network failed, or a network command could not be done.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NetworkErrorPayload {
    /// What went wrong.
    pub message: String,
    /// The graph.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub graph: Option<String>,
}
