//! A source whose value lives outside the graph (a state key).

use std::fmt;

use super::arena::Post;
use super::graph::ReactiveGraph;
use super::handle::NodeHandle;
use super::node::{Colour, Kind, Node};

/// A reactive source with no value in the arena: the owner reads its value
/// elsewhere, calls [`track`](Self::track) on a read and
/// [`changed`](Self::changed) after a write.
#[derive(Clone)]
pub(crate) struct ExternalSource {
    handle: NodeHandle,
}

impl ExternalSource {
    pub(crate) fn new(graph: &ReactiveGraph) -> Self {
        let id = graph.add_node(Node::new(Kind::Signal, Colour::Clean, None, None));
        Self { handle: NodeHandle::adopt(graph, id) }
    }

    pub(crate) fn track(&self) {
        self.handle.graph.track(self.handle.id);
    }

    pub(crate) fn changed(&self, posts: Vec<Post>) {
        self.handle.graph.changed(self.handle.id, posts);
    }
}

impl fmt::Debug for ExternalSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ExternalSource").field("node", &self.handle.id.0).finish()
    }
}
