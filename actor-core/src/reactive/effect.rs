//! [`Effect`]: a side effect that re-runs when what it read changes.

use std::fmt;

use super::graph::{ReactiveGraph, run_posts};
use super::handle::NodeHandle;
use super::node::{AnyValue, Colour, ComputeFn, Kind, Node};

/// A side effect: `f` runs once at creation, tracking what it reads, and
/// again after any of that changes: once per batch, after marking is done,
/// so it never sees a half-propagated (glitched) state. Its sources are
/// recorded anew on every run.
///
/// The effect lives until this handle is dropped (or
/// [`dispose`](Self::dispose)d). It runs on the thread that wrote the
/// change, with the graph's reentrant lock held; it may read and write
/// nodes of the graph (writes are queued behind it in the same flush), and
/// must not block on another thread that uses the graph. `Send + Sync`.
///
/// # Examples
/// ```
/// use actor_core::reactive::ReactiveGraph;
/// use std::sync::{Arc, Mutex};
/// let graph = ReactiveGraph::new();
/// let name = graph.signal(String::from("ada"));
/// let seen = Arc::new(Mutex::new(Vec::new()));
/// let effect = graph.effect({ let (name, seen) = (name.clone(), seen.clone());
///     move || seen.lock().unwrap().push(name.get()) });
/// name.set("grace".into());
/// drop(effect);
/// name.set("alan".into()); // disposed: not seen
/// assert_eq!(*seen.lock().unwrap(), ["ada", "grace"]);
/// ```
pub struct Effect {
    handle: NodeHandle,
}

impl Effect {
    /// Creates the effect and runs `f` once now.
    pub fn new(graph: &ReactiveGraph, mut f: impl FnMut() + Send + 'static) -> Self {
        let compute: ComputeFn = Box::new(move |_: &mut Option<AnyValue>| {
            f();
            false
        });
        let id = graph.add_node(Node::new(Kind::Effect, Colour::Dirty, None, Some(compute)));
        let handle = NodeHandle::adopt(graph, id); // disposes the node if `f` panics
        let g = graph.lock();
        let posts = graph.refresh(&g, id);
        drop(g);
        run_posts(posts);
        Self { handle }
    }

    /// Stops the effect (the same as dropping it).
    pub fn dispose(self) {
        drop(self);
    }

    /// The graph this effect belongs to.
    pub fn graph(&self) -> &ReactiveGraph {
        &self.handle.graph
    }
}

impl fmt::Debug for Effect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Effect").field("node", &self.handle.id.0).finish()
    }
}
