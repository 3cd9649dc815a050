//! Payloads of the component protocol (`schema/yaml/component.yml`).

use actor_core::{ComponentSpec, PortSpec};
use serde::{Deserialize, Serialize};

use super::runtime::PortDefinition;

/// `component`: one registered component.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Component {
    /// The name graphs use, such as `core/Repeat`.
    pub name: String,
    /// One line for humans.
    pub description: String,
    /// Whether the component is a graph (a subgraph); `false` for the
    /// compiled Rust components. ([`Component::from_spec`] says `false`.)
    pub subgraph: bool,
    /// Its inports.
    #[serde(rename = "inPorts")]
    pub in_ports: Vec<PortDefinition>,
    /// Its outports.
    #[serde(rename = "outPorts")]
    pub out_ports: Vec<PortDefinition>,
}

impl Component {
    /// The wire form of a registered component's spec.
    pub fn from_spec(spec: &ComponentSpec) -> Self {
        Self {
            name: spec.name.clone(),
            description: spec.description.clone(),
            subgraph: false,
            in_ports: spec.ports.inports.iter().map(port).collect(),
            out_ports: spec.ports.outports.iter().map(port).collect(),
        }
    }
}

/// The wire form of a port spec.
pub fn port(spec: &PortSpec) -> PortDefinition {
    PortDefinition {
        id: spec.name.clone(),
        ty: spec.ty.name().to_string(),
        required: spec.required,
        addressable: spec.addressable,
        description: spec.description.clone(),
    }
}

/// `getsource`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct GetSource {
    /// The component (or graph) name.
    pub name: String,
}

/// `source`: a graph's source, as NoFlo graph JSON.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Source {
    /// The graph's id.
    pub name: String,
    /// `json`.
    pub language: &'static str,
    /// The graph JSON text.
    pub code: String,
}
