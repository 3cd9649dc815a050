//! [`Repeater`]: forwards every change of a reactive source to a buffer
//! slot or to an outport of a process.

mod source;
mod target;
#[cfg(test)]
mod tests;

use std::fmt;

pub use source::{RepeatSource, SourceKey};
pub use target::RepeatTarget;

use super::graph::{ReactiveGraph, run_posts};
use super::handle::NodeHandle;
use super::node::{AnyValue, Colour, ComputeFn, Kind, Node};

/// Forwards every change of a reactive source (a [`Signal`](super::Signal),
/// a [`Derived`](super::Derived) or a buffer [`SlotRef`](super::SlotRef)) to
/// a target: a [`SlotRef`](super::SlotRef) or an
/// [`OutPort`](crate::OutPort) of a process.
///
/// # Semantics
///
/// - A repeater is a reaction, like an effect: a write that reaches its
///   source queues it, and it runs **synchronously after marking
///   completes**, at the end of the outermost batch, before the write (or
///   [`batch`](ReactiveGraph::batch)) returns. So it never sees an
///   intermediate (glitched) value: on an uneven diamond it forwards only
///   the final one.
/// - It brings the source up to date and reads it **untracked**: its read
///   never becomes a dependency of whatever derived or effect is running.
/// - **Exactly one forward per change**: it forwards when the source's
///   version moved since the last forward, so a batch of several writes
///   forwards once, a write of an equal value (or a derived recomputing to
///   an equal value) forwards nothing, and creating a repeater forwards
///   nothing (only later changes).
/// - A forward into a slot is a nested write: it marks and queues the
///   slot's reactions behind this one in the same flush, bounded by
///   [`MAX_REACTIONS_PER_FLUSH`](super::MAX_REACTIONS_PER_FLUSH).
/// - No user code runs in a forward (the target types are fixed), so no
///   user code runs under the graph lock here. A forward to an outport
///   never waits: see [`OutPort::try_send_or_queue`](crate::OutPort::try_send_or_queue)
///   for what happens when a connection is full.
///
/// Keep source and target slot in the same graph: a forward into another
/// graph's slot takes that graph's lock while holding this one's, so two
/// threads repeating in opposite directions between two graphs could
/// deadlock.
///
/// The repeater stops when this handle is dropped. It keeps its source and
/// target alive meanwhile; a repeater to an outport keeps the connection
/// open, so keep it in the process that owns the outport (for example with
/// [`ActorRunContext::keep`](crate::ActorRunContext::keep)).
///
/// # Examples
/// ```
/// use actor_core::reactive::{ReactiveGraph, Repeater, SharedSlotBuffer};
/// let graph = ReactiveGraph::new();
/// let a = graph.signal(1.0_f64);
/// let doubled = graph.derived({ let a = a.clone(); move || a.get() * 2.0 });
/// let out = SharedSlotBuffer::<f64>::new(&graph, 1);
/// let _repeater = Repeater::new(doubled, out.slot(0));
/// a.set(4.0);
/// assert_eq!(out.peek(0), 8.0);
/// ```
pub struct Repeater {
    handle: NodeHandle,
}

impl Repeater {
    /// Starts forwarding the changes of `source` to `target`.
    pub fn new<S: RepeatSource, D: RepeatTarget<S::Value>>(source: S, mut target: D) -> Self {
        let SourceKey { graph, id: source_id } = source.source_key();
        let compute: ComputeFn = Box::new(move |_: &mut Option<AnyValue>| {
            target.forward(source.read_untracked());
            false
        });
        let g = graph.lock();
        let posts = graph.refresh(&g, source_id);
        let id = {
            let mut a = g.borrow_mut();
            let mut node = Node::new(Kind::Repeater, Colour::Clean, None, Some(compute));
            node.sources.push(source_id);
            node.forwarded = a.node(source_id).version;
            let id = a.alloc(node);
            a.add_observer(source_id, id);
            id
        };
        drop(g);
        run_posts(posts);
        Self { handle: NodeHandle::adopt(&graph, id) }
    }

    /// Stops forwarding (the same as dropping it).
    pub fn stop(self) {
        drop(self);
    }

    /// The graph of the source.
    pub fn graph(&self) -> &ReactiveGraph {
        &self.handle.graph
    }
}

impl fmt::Debug for Repeater {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Repeater").field("node", &self.handle.id.0).finish()
    }
}
