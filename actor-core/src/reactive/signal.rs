//! [`Signal`]: a writable reactive value.

use std::fmt;
use std::marker::PhantomData;

use super::graph::ReactiveGraph;
use super::handle::NodeHandle;
use super::node::{Colour, Kind, Node, same};

/// A writable value in a [`ReactiveGraph`]. Reading it inside a derived or
/// effect makes it a source of that computation; writing a different value
/// re-runs what depends on it.
///
/// A change is decided by `PartialEq`, except that two values each unequal
/// to themselves (NaN) count as equal: writing `f64::NAN` twice notifies once.
/// `Clone` gives another handle to the same signal; the signal lives while a
/// handle or an observer does. `Send + Sync`.
///
/// # Examples
/// ```
/// use actor_core::reactive::ReactiveGraph;
/// let graph = ReactiveGraph::new();
/// let count = graph.signal(0_i64);
/// assert!(count.set(5));
/// assert!(!count.set(5)); // unchanged: nothing notified
/// assert_eq!(count.get(), 5);
/// ```
pub struct Signal<T> {
    pub(crate) handle: NodeHandle,
    _value: PhantomData<fn() -> T>,
}

impl<T: Clone + PartialEq + Send + Sync + 'static> Signal<T> {
    /// A new signal holding `value`.
    pub fn new(graph: &ReactiveGraph, value: T) -> Self {
        let id = graph.add_node(Node::new(Kind::Signal, Colour::Clean, Some(Box::new(value)), None));
        Self { handle: NodeHandle::adopt(graph, id), _value: PhantomData }
    }

    /// The value, tracked: the running derived or effect (if any) re-runs
    /// when it changes.
    #[inline]
    pub fn get(&self) -> T {
        self.handle.graph.read(self.handle.id, true)
    }

    /// The value, not tracked.
    #[inline]
    pub fn get_untracked(&self) -> T {
        self.handle.graph.read(self.handle.id, false)
    }

    /// Calls `f` with a reference to the value, tracked. `f` must not touch
    /// the graph (it runs under the arena borrow).
    ///
    /// # Panics
    /// If `f` reads or writes a node of the same graph.
    pub fn with<R>(&self, f: impl FnOnce(&T) -> R) -> R {
        self.handle.graph.read_with(self.handle.id, true, f)
    }

    /// Writes `value`. When it differs from the current value, marks what
    /// depends on it and (outside a batch) runs the effects and repeaters it
    /// reaches before returning. Returns whether the value changed.
    pub fn set(&self, value: T) -> bool {
        self.handle.graph.write(self.handle.id, value, same)
    }

    /// Writes `f(current)`; see [`set`](Self::set). `f` runs under the
    /// arena borrow and must not touch the graph. Returns whether it changed.
    ///
    /// # Panics
    /// If `f` reads or writes a node of the same graph.
    pub fn update(&self, f: impl FnOnce(&T) -> T) -> bool {
        let next = self.handle.graph.read_with(self.handle.id, false, f);
        self.set(next)
    }

    /// The graph this signal belongs to.
    pub fn graph(&self) -> &ReactiveGraph {
        &self.handle.graph
    }
}

impl<T> Clone for Signal<T> {
    fn clone(&self) -> Self {
        Self { handle: self.handle.clone(), _value: PhantomData }
    }
}

impl<T> fmt::Debug for Signal<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Signal").field("node", &self.handle.id.0).finish()
    }
}
