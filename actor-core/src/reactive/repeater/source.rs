//! What a [`Repeater`](super::Repeater) can follow.

use std::fmt;

use crate::reactive::graph::ReactiveGraph;
use crate::reactive::node::NodeId;
use crate::reactive::{Derived, SharedSlotBuffer, Signal, SlotElement, SlotRef};

/// The node a repeater follows: opaque, made only by the source types.
pub struct SourceKey {
    pub(crate) graph: ReactiveGraph,
    pub(crate) id: NodeId,
}

impl fmt::Debug for SourceKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SourceKey").field("node", &self.id.0).finish()
    }
}

/// A reactive source a [`Repeater`](super::Repeater) can follow: a
/// [`Signal`], a [`Derived`] or a [`SlotRef`].
pub trait RepeatSource: Send + Sync + 'static {
    /// What it forwards.
    type Value;
    /// The graph and node to follow.
    fn source_key(&self) -> SourceKey;
    /// The current value, brought up to date, read without tracking.
    fn read_untracked(&self) -> Self::Value;
}

impl<T: Clone + PartialEq + Send + Sync + 'static> RepeatSource for Signal<T> {
    type Value = T;
    fn source_key(&self) -> SourceKey {
        SourceKey { graph: self.handle.graph.clone(), id: self.handle.id }
    }
    fn read_untracked(&self) -> T {
        self.get_untracked()
    }
}

impl<T: Clone + PartialEq + Send + Sync + 'static> RepeatSource for Derived<T> {
    type Value = T;
    fn source_key(&self) -> SourceKey {
        SourceKey { graph: self.handle.graph.clone(), id: self.handle.id }
    }
    fn read_untracked(&self) -> T {
        self.get_untracked()
    }
}

impl<T: SlotElement> RepeatSource for SlotRef<T> {
    type Value = T;
    fn source_key(&self) -> SourceKey {
        let buffer = self.buffer();
        SourceKey { graph: SharedSlotBuffer::graph(buffer).clone(), id: buffer.node(self.index()) }
    }
    fn read_untracked(&self) -> T {
        self.peek()
    }
}
