//! A counted reference to one node; the node is freed when the last handle
//! (and the last observer) goes.

use super::graph::ReactiveGraph;
use super::node::NodeId;

pub(crate) struct NodeHandle {
    pub(crate) graph: ReactiveGraph,
    pub(crate) id: NodeId,
}

impl NodeHandle {
    /// Takes over the initial handle count of a node just added.
    pub(crate) fn adopt(graph: &ReactiveGraph, id: NodeId) -> Self {
        Self { graph: graph.clone(), id }
    }
}

impl Clone for NodeHandle {
    fn clone(&self) -> Self {
        self.graph.retain(self.id);
        Self { graph: self.graph.clone(), id: self.id }
    }
}

impl Drop for NodeHandle {
    fn drop(&mut self) {
        self.graph.release(self.id);
    }
}
