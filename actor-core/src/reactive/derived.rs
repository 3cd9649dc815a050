//! [`Derived`]: a cached, lazily recomputed value.

use std::fmt;
use std::marker::PhantomData;

use super::graph::ReactiveGraph;
use super::handle::NodeHandle;
use super::node::{AnyValue, Colour, ComputeFn, Kind, Node, same, value_mut};

/// A value computed from other nodes, cached, and recomputed lazily: only
/// when read after one of its sources changed. When a recomputation gives a
/// value equal to the previous one (`PartialEq`, NaN equal to NaN), the
/// deriveds and effects that read it do not re-run.
///
/// The computation runs on the reading (or writing) thread, with the
/// graph's reentrant lock held; it may read any node of the graph, and
/// must not block on another thread that uses the graph. `Clone` gives
/// another handle to the same derived. `Send + Sync`.
///
/// # Panics
/// Reading a derived from its own computation (a cycle) panics.
///
/// # Examples
/// ```
/// use actor_core::reactive::ReactiveGraph;
/// let graph = ReactiveGraph::new();
/// let celsius = graph.signal(100.0_f64);
/// let fahrenheit = graph.derived({ let c = celsius.clone(); move || c.get() * 9.0 / 5.0 + 32.0 });
/// assert_eq!(fahrenheit.get(), 212.0);
/// celsius.set(0.0);
/// assert_eq!(fahrenheit.get(), 32.0);
/// ```
pub struct Derived<T> {
    pub(crate) handle: NodeHandle,
    _value: PhantomData<fn() -> T>,
}

impl<T: Clone + PartialEq + Send + Sync + 'static> Derived<T> {
    /// A derived computed by `f`; `f` first runs on the first read.
    pub fn new(graph: &ReactiveGraph, mut f: impl FnMut() -> T + Send + 'static) -> Self {
        let compute: ComputeFn = Box::new(move |slot: &mut Option<AnyValue>| {
            let next = f();
            match slot.as_mut().map(value_mut::<T>) {
                Some(old) if same(old, &next) => false,
                Some(old) => {
                    *old = next;
                    true
                }
                None => {
                    *slot = Some(Box::new(next));
                    true
                }
            }
        });
        let id = graph.add_node(Node::new(Kind::Derived, Colour::Dirty, None, Some(compute)));
        Self { handle: NodeHandle::adopt(graph, id), _value: PhantomData }
    }

    /// The up-to-date value, tracked.
    #[inline]
    pub fn get(&self) -> T {
        self.handle.graph.read(self.handle.id, true)
    }

    /// The up-to-date value, not tracked.
    #[inline]
    pub fn get_untracked(&self) -> T {
        self.handle.graph.read(self.handle.id, false)
    }

    /// Calls `f` with a reference to the up-to-date value, tracked. `f` must
    /// not touch the graph.
    ///
    /// # Panics
    /// If `f` reads or writes a node of the same graph.
    pub fn with<R>(&self, f: impl FnOnce(&T) -> R) -> R {
        self.handle.graph.read_with(self.handle.id, true, f)
    }

    /// The graph this derived belongs to.
    pub fn graph(&self) -> &ReactiveGraph {
        &self.handle.graph
    }
}

impl<T> Clone for Derived<T> {
    fn clone(&self) -> Self {
        Self { handle: self.handle.clone(), _value: PhantomData }
    }
}

impl<T> fmt::Debug for Derived<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Derived").field("node", &self.handle.id.0).finish()
    }
}
