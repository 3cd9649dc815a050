use indexmap::IndexMap;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value as Json};

use super::SourceMap;
use crate::port::PortCase;

/// The process metadata key naming the process whose
/// [`LiveMemoryState`](crate::LiveMemoryState) a process shares (in `.fbp`,
/// `name(Component:state=other)`); the network resolves it (see
/// `actor_core::network`). It names a process of the same graph: inside a
/// subgraph, one of the same instance.
pub const SHARED_STATE_KEY: &str = "state";

/// A graph definition, shaped like NoFlo's graph JSON.
///
/// Serde maps it to and from that JSON (see `fbp-graph`'s `Graph.toJSON`);
/// [`Graph::source`] is not serialized.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Graph {
    /// Whether port names keep their case. When `false` (the default), the
    /// `.fbp` parser lowercases port names and lookups ignore ASCII case.
    #[serde(rename = "caseSensitive", default)]
    pub case_sensitive: bool,
    /// Free-form graph properties, such as `name`.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub properties: Map<String, Json>,
    /// Exported inports: public name to the process port behind it.
    #[serde(default)]
    pub inports: IndexMap<String, ExportedPort>,
    /// Exported outports: public name to the process port behind it.
    #[serde(default)]
    pub outports: IndexMap<String, ExportedPort>,
    /// Named groups of processes.
    #[serde(default)]
    pub groups: Vec<Group>,
    /// Processes by name, in declaration order.
    #[serde(default)]
    pub processes: IndexMap<String, Process>,
    /// Edges and IIPs, in declaration order (IIPs are delivered in this order).
    #[serde(default)]
    pub connections: Vec<Connection>,
    /// Where each element was written; empty for graphs built in code.
    #[serde(skip)]
    pub source: SourceMap,
}

/// A process: an instance of a component.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Process {
    /// The component's registry name, such as `core/Repeat`.
    pub component: String,
    /// Metadata; actorflow passes it to the actor as its config.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Map<String, Json>>,
}

/// One end of a connection: a process's port, with an optional array index.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PortRef {
    /// The process name.
    pub process: String,
    /// The port name.
    pub port: String,
    /// The index of an array port (`OUT[2]` is index 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index: Option<usize>,
}

impl PortRef {
    /// A port reference without an index.
    pub fn new(process: impl Into<String>, port: impl Into<String>) -> Self {
        Self { process: process.into(), port: port.into(), index: None }
    }
}

/// An edge (`src` set) or an IIP (`data` set) into `tgt`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Connection {
    /// The outport sending; `None` for an IIP.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub src: Option<PortRef>,
    /// The IIP's data; `None` for an edge. A JSON `null` here is an IIP
    /// carrying `null` (`Some(Json::Null)`), not an absent field.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "present")]
    pub data: Option<Json>,
    /// The inport receiving.
    pub tgt: PortRef,
    /// Metadata (route, secure, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Map<String, Json>>,
}

/// Deserializes a field that is present as `Some`, even when it is `null`.
fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Json>, D::Error> {
    Json::deserialize(d).map(Some)
}

/// An exported port: a public name for a process's port.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportedPort {
    /// The process behind the exported port.
    pub process: String,
    /// Its port.
    pub port: String,
    /// Metadata.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Map<String, Json>>,
}

/// A named group of processes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Group {
    /// The group name.
    pub name: String,
    /// Names of the processes in it.
    pub nodes: Vec<String>,
    /// Metadata.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Map<String, Json>>,
}

impl Graph {
    /// An empty graph.
    pub fn new() -> Self {
        Self::default()
    }

    /// How this graph's port names match declared ones (its `caseSensitive` flag).
    pub fn port_case(&self) -> PortCase {
        PortCase::from_flag(self.case_sensitive)
    }

    /// Adds (or replaces) a process.
    pub fn add_process(&mut self, name: impl Into<String>, component: impl Into<String>) -> &mut Self {
        self.processes.insert(name.into(), Process { component: component.into(), metadata: None });
        self
    }

    /// Adds an edge from `src` to `tgt`.
    pub fn connect(&mut self, src: PortRef, tgt: PortRef) -> &mut Self {
        self.connections.push(Connection { src: Some(src), data: None, tgt, metadata: None });
        self
    }

    /// Adds an IIP carrying `data` into `tgt`.
    pub fn add_iip(&mut self, data: Json, tgt: PortRef) -> &mut Self {
        self.connections.push(Connection { src: None, data: Some(data), tgt, metadata: None });
        self
    }

    /// Replaces every IIP into `process.port` with one carrying `data` (adding
    /// it if there was none). Returns how many IIPs were replaced.
    pub fn set_iip(&mut self, process: &str, port: &str, data: Json) -> usize {
        let case = self.port_case();
        let matches: Vec<usize> = (0..self.connections.len())
            .filter(|&i| {
                let c = &self.connections[i];
                c.src.is_none()
                    && c.tgt.process == process
                    && case.matches(&c.tgt.port, port)
            })
            .collect();
        match matches.split_first() {
            Some((&first, rest)) => {
                self.connections[first].data = Some(data);
                for &i in rest.iter().rev() {
                    self.connections.remove(i);
                }
                // The data no longer comes from where the graph wrote it.
                self.source.connection_src.remove(&first);
                self.source.remove_connections(rest);
            }
            None => {
                self.add_iip(data, PortRef::new(process, port));
            }
        }
        matches.len()
    }

    /// Exports `process.port` as inport `name`.
    pub fn export_inport(&mut self, name: impl Into<String>, process: impl Into<String>, port: impl Into<String>) -> &mut Self {
        self.inports.insert(name.into(), ExportedPort { process: process.into(), port: port.into(), metadata: None });
        self
    }

    /// Exports `process.port` as outport `name`.
    pub fn export_outport(&mut self, name: impl Into<String>, process: impl Into<String>, port: impl Into<String>) -> &mut Self {
        self.outports.insert(name.into(), ExportedPort { process: process.into(), port: port.into(), metadata: None });
        self
    }
}
