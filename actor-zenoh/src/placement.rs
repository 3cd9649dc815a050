//! Placement: which node runs which process, and one node's share of a graph.
//!
//! A process is placed by its metadata `node` (in `.fbp`,
//! `count(group/Count:node=b)`; in graph JSON, `"metadata": {"node": "b"}`);
//! a process without it is on node `main`. A connection whose two ends
//! are on different nodes is *remote*; every other connection stays local
//! and is never serialized.
//!
//! [`Placement::share`] cuts the graph for one node: its processes, the
//! local connections between them, the IIPs and exported ports of its
//! processes, and for each remote connection one proxy process: a sending
//! proxy on the source node (fed by the local outport) or a receiving proxy
//! on the target node (feeding the local inport). The proxies are ordinary
//! processes, so bounded channels, fan-out copies and fan-in order stay the
//! core's; see [`crate::proxy`].

mod cycles;
mod share;

#[cfg(test)]
mod tests;

use std::collections::BTreeSet;

use actor_core::graph::{Graph, Location, PortRef};
use indexmap::IndexMap;

use crate::names::{NameError, NodeName};

pub use share::{RemoteConnection, Share};

/// The metadata key that places a process on a node.
pub const NODE_KEY: &str = "node";

/// Every process's node.
#[derive(Debug, Clone)]
pub struct Placement {
    nodes: BTreeSet<NodeName>,
    of: IndexMap<String, NodeName>,
}

/// A graph whose placement is invalid.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlacementError {
    /// A process's `node` metadata is not a valid node name.
    #[error("{}process {process:?}: metadata node: {cause}", at(location))]
    BadNode {
        /// The process.
        process: String,
        /// Where the process was declared, if known.
        location: Option<Location>,
        /// What is wrong with the name.
        cause: String,
    },
    /// A directed cycle of connections spans more than one node.
    #[error(
        "the cycle through processes {} spans nodes {}: a cycle must stay on one node (its end cannot be detected across machines)",
        processes.join(", "), nodes.join(", ")
    )]
    CycleAcrossNodes {
        /// The processes on the cycle.
        processes: Vec<String>,
        /// Their nodes.
        nodes: Vec<String>,
    },
    /// `--node` names a node no process is placed on.
    #[error("no process is placed on node {node:?} (the graph's nodes: {known})")]
    UnknownNode {
        /// The node asked for.
        node: String,
        /// The graph's nodes, comma-separated.
        known: String,
    },
}

fn at(location: &Option<Location>) -> String {
    location.as_ref().map_or_else(String::new, |l| format!("{l}: "))
}

impl Placement {
    /// Reads every process's node from its metadata.
    ///
    /// # Errors
    /// [`PlacementError::BadNode`] for a `node` that is not a string or not
    /// a valid [`NodeName`]; [`PlacementError::CycleAcrossNodes`] when a
    /// cycle of connections spans nodes.
    pub fn of(graph: &Graph) -> Result<Self, PlacementError> {
        let mut of = IndexMap::new();
        for (name, process) in &graph.processes {
            let node = match process.metadata.as_ref().and_then(|m| m.get(NODE_KEY)) {
                None => NodeName::main(),
                Some(v) => {
                    let bad = |cause: String| PlacementError::BadNode {
                        process: name.clone(),
                        location: graph.source.process(name),
                        cause,
                    };
                    let text = v.as_str().ok_or_else(|| bad(format!("expected a string, found {v}")))?;
                    text.parse().map_err(|e: NameError| bad(e.to_string()))?
                }
            };
            of.insert(name.clone(), node);
        }
        let placement = Self { nodes: of.values().cloned().collect(), of };
        cycles::check(graph, &placement)?;
        Ok(placement)
    }

    /// Every node that runs at least one process, sorted.
    pub fn nodes(&self) -> &BTreeSet<NodeName> {
        &self.nodes
    }

    /// The node of process `process`; `None` for an unknown process.
    pub fn node_of(&self, process: &str) -> Option<&NodeName> {
        self.of.get(process)
    }

    /// Whether `port`'s process runs on `node`.
    pub(crate) fn is_on(&self, port: &PortRef, node: &NodeName) -> bool {
        self.node_of(&port.process) == Some(node)
    }

    /// Checks that `node` runs at least one process.
    ///
    /// # Errors
    /// [`PlacementError::UnknownNode`] listing the graph's nodes.
    pub fn check_node(&self, node: &NodeName) -> Result<(), PlacementError> {
        if self.nodes.contains(node) {
            Ok(())
        } else {
            Err(PlacementError::UnknownNode {
                node: node.to_string(),
                known: self.nodes.iter().map(NodeName::as_str).collect::<Vec<_>>().join(", "),
            })
        }
    }
}
