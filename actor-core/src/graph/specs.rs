//! What validation needs to know about components: their specs, by name.

use std::collections::BTreeMap;

use super::Graph;
use crate::port::ComponentSpec;

/// A lookup of component specs by name: descriptor data only, no factories.
///
/// [`validate`](super::validate) checks a graph against one. A
/// [`Registry`](crate::Registry) is one; so is a plain list or map of
/// [`ComponentSpec`]s, which lets a tool (an editor, a protocol server, a
/// test) check graphs without being able to make actors.
///
/// # Examples
/// ```
/// use actor_core::{ComponentSpec, Graph, PortRef, PortSpec, Ports};
/// let specs = vec![ComponentSpec {
///     name: "t/Sink".into(),
///     description: String::new(),
///     ports: Ports::new().inport(PortSpec::new("in")),
/// }];
/// let mut g = Graph::new();
/// g.add_process("s", "t/Sink").add_iip(serde_json::json!(1), PortRef::new("s", "in"));
/// assert!(actor_core::graph::validate(&g, &specs).is_ok());
/// ```
pub trait ComponentSpecs {
    /// The spec of component `name`, if there is one.
    fn spec(&self, name: &str) -> Option<&ComponentSpec>;

    /// Every component name, for "did you mean" hints.
    fn component_names(&self) -> Vec<&str>;

    /// The graph of component `name`, when that component is a graph (a
    /// subgraph); `None` for a component made of an actor or an unknown
    /// name. [`validate`](super::validate) checks a subgraph's graph and
    /// inlines it, and uses [`spec`](Self::spec) only for the other
    /// components. The default has no subgraphs.
    fn subgraph(&self, name: &str) -> Option<&Graph> {
        let _ = name;
        None
    }
}

impl ComponentSpecs for [ComponentSpec] {
    fn spec(&self, name: &str) -> Option<&ComponentSpec> {
        self.iter().find(|s| s.name == name)
    }
    fn component_names(&self) -> Vec<&str> {
        self.iter().map(|s| s.name.as_str()).collect()
    }
}

impl ComponentSpecs for Vec<ComponentSpec> {
    fn spec(&self, name: &str) -> Option<&ComponentSpec> {
        self.as_slice().spec(name)
    }
    fn component_names(&self) -> Vec<&str> {
        self.as_slice().component_names()
    }
}

impl ComponentSpecs for BTreeMap<String, ComponentSpec> {
    fn spec(&self, name: &str) -> Option<&ComponentSpec> {
        self.get(name)
    }
    fn component_names(&self) -> Vec<&str> {
        self.keys().map(String::as_str).collect()
    }
}
