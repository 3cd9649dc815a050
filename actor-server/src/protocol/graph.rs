//! Payloads of the graph protocol (`schema/yaml/graph.yml`).
//!
//! Each edit is echoed back with the payload it was sent with (less the
//! secret), so these types serialize exactly the fields they read.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value as Json};

/// A process port on the wire: `{node, port, index?}`. `index` may be a
/// number or a string holding one (the schema allows both).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WirePort {
    /// The process.
    pub node: String,
    /// The port.
    pub port: String,
    /// The index of an array port, as sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index: Option<Json>,
}

impl WirePort {
    /// The index as a number.
    ///
    /// # Errors
    /// A message when the index is neither a non-negative integer nor a
    /// string holding one.
    pub fn index(&self) -> Result<Option<usize>, String> {
        match &self.index {
            None | Some(Json::Null) => Ok(None),
            Some(Json::Number(n)) => n.as_u64().map(|i| Some(i as usize)).ok_or_else(|| bad_index(&self.index)),
            Some(Json::String(s)) => s.trim().parse().map(Some).map_err(|_| bad_index(&self.index)),
            Some(_) => Err(bad_index(&self.index)),
        }
    }
}

fn bad_index(index: &Option<Json>) -> String {
    format!("invalid port index {} (expected a non-negative integer)", index.as_ref().unwrap_or(&Json::Null))
}

/// `clear`: makes (or empties) graph `id`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Clear {
    /// The graph id.
    pub id: String,
    /// A human name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The component library the graph belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub library: Option<String>,
    /// Whether this is the runtime's main graph.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub main: Option<bool>,
    /// An icon name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub icon: Option<String>,
    /// A description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// `addnode`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AddNode {
    /// The process name.
    pub id: String,
    /// The component.
    pub component: String,
    /// Metadata (x, y, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Map<String, Json>>,
    /// The graph.
    pub graph: String,
}

/// `removenode`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RemoveNode {
    /// The process name.
    pub id: String,
    /// The graph.
    pub graph: String,
}

/// `renamenode`, `renameinport`, `renameoutport` and `renamegroup`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rename {
    /// The old name.
    pub from: String,
    /// The new name.
    pub to: String,
    /// The graph.
    pub graph: String,
}

/// `changenode`: merges `metadata` into the process's; a `null` value deletes the key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChangeNode {
    /// The process name.
    pub id: String,
    /// The keys to set (or delete, when `null`).
    pub metadata: Map<String, Json>,
    /// The graph.
    pub graph: String,
}

/// `addedge`, `removeedge` and `changeedge`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Edge {
    /// The outport sending.
    pub src: WirePort,
    /// The inport receiving.
    pub tgt: WirePort,
    /// Metadata (route, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Map<String, Json>>,
    /// The graph.
    pub graph: String,
}

/// The source of an IIP: `{data}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IipSource {
    /// The IIP's value.
    pub data: Json,
}

/// `addinitial`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AddInitial {
    /// The IIP.
    pub src: IipSource,
    /// The inport receiving it.
    pub tgt: WirePort,
    /// Metadata.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Map<String, Json>>,
    /// The graph.
    pub graph: String,
}

/// `removeinitial`: removes the IIPs into `tgt` (echoed with the removed data as `src`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RemoveInitial {
    /// The IIP removed (filled in by the runtime in the echo).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub src: Option<IipSource>,
    /// The inport.
    pub tgt: WirePort,
    /// The graph.
    pub graph: String,
}

/// `addinport` and `addoutport`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AddExport {
    /// The exported port's public name.
    pub public: String,
    /// The process behind it.
    pub node: String,
    /// The process's port.
    pub port: String,
    /// Metadata.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Map<String, Json>>,
    /// The graph.
    pub graph: String,
}

/// `removeinport` and `removeoutport`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RemoveExport {
    /// The exported port's public name.
    pub public: String,
    /// The graph.
    pub graph: String,
}

/// `addgroup`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AddGroup {
    /// The group name.
    pub name: String,
    /// The processes in it.
    pub nodes: Vec<String>,
    /// Metadata.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Map<String, Json>>,
    /// The graph.
    pub graph: String,
}

/// `removegroup`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RemoveGroup {
    /// The group name.
    pub name: String,
    /// The graph.
    pub graph: String,
}

/// `changegroup`: merges `metadata` like [`ChangeNode`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChangeGroup {
    /// The group name.
    pub name: String,
    /// The keys to set (or delete, when `null`).
    pub metadata: Map<String, Json>,
    /// The graph.
    pub graph: String,
}
