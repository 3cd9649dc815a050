//! Payloads of the runtime protocol (`schema/yaml/runtime.yml`).

use serde::{Deserialize, Serialize};
use serde_json::Value as Json;

/// The protocol version this runtime speaks.
pub const PROTOCOL_VERSION: &str = "0.8";

/// The runtime type reported by `getruntime`.
pub const RUNTIME_TYPE: &str = "actorflow";

/// Every capability this runtime implements (and so reports).
pub const CAPABILITIES: &[&str] = &[
    "protocol:runtime",
    "protocol:graph",
    "protocol:component",
    "protocol:network",
    "network:data",
    "network:control",
    "network:status",
    "component:getsource",
];

/// `runtime`: the answer to `getruntime`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuntimeInfo {
    /// The runtime type (`actorflow`).
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// The protocol version (`0.8`).
    pub version: &'static str,
    /// What this client may do.
    pub capabilities: Vec<&'static str>,
    /// What the runtime can do.
    #[serde(rename = "allCapabilities")]
    pub all_capabilities: Vec<&'static str>,
    /// The main graph's id, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub graph: Option<String>,
    /// A human label.
    pub label: String,
}

/// The event of a `packet`: what kind of information packet it carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PacketEvent {
    /// The start of a transmission (no effect here).
    Connect,
    /// An open bracket; `payload` is the group.
    Begingroup,
    /// A data packet; `payload` is the data.
    Data,
    /// A close bracket.
    Endgroup,
    /// The end of a transmission: closes an exported inport for the rest of the run.
    Disconnect,
}

/// `packet` (both ways) and `packetsent`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PacketPayload {
    /// The exported port's public name.
    pub port: String,
    /// What the packet is.
    pub event: PacketEvent,
    /// The basic datatype, if known.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub ty: Option<String>,
    /// The data (for `data`) or group (for `begingroup`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payload: Option<Json>,
    /// The graph.
    pub graph: String,
}

/// One exported port in `ports` (a `port_definition` of the schema).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PortDefinition {
    /// The public name.
    pub id: String,
    /// The datatype (NoFlo's names: `all`, `string`, ...).
    #[serde(rename = "type")]
    pub ty: String,
    /// Whether it must be connected.
    pub required: bool,
    /// Whether it is an array port.
    pub addressable: bool,
    /// One line for humans.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub description: String,
}

/// `ports`: the main graph's exported ports.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ports {
    /// The graph.
    pub graph: String,
    /// Exported inports.
    #[serde(rename = "inPorts")]
    pub in_ports: Vec<PortDefinition>,
    /// Exported outports.
    #[serde(rename = "outPorts")]
    pub out_ports: Vec<PortDefinition>,
}
