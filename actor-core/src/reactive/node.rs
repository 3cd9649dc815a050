//! The nodes of the reactive graph and their colours.

use std::any::Any;

/// Index of a node in its graph's arena.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct NodeId(pub(crate) u32);

impl NodeId {
    #[inline]
    pub(crate) fn ix(self) -> usize {
        self.0 as usize
    }
}

/// A type-erased value of a signal or derived.
pub(crate) type AnyValue = Box<dyn Any + Send + Sync>;

/// Views a node's value as the `T` it was created with.
///
/// Each node's value is only ever created and read through the typed
/// handle that made the node (`Signal<T>`, `Derived<T>`), so the type is
/// known; it is checked in debug builds only (a `TypeId` comparison costs a
/// virtual call per read on the hot path).
#[inline]
pub(crate) fn value_ref<T: 'static>(v: &AnyValue) -> &T {
    debug_assert!(v.is::<T>(), "reactive node value of another type");
    // SAFETY: the value was boxed as a `T` by the handle that owns the node
    // (see above), so the data pointer of the trait object points to a `T`.
    unsafe { &*(std::ptr::from_ref::<dyn Any + Send + Sync>(&**v).cast::<T>()) }
}

/// Mutable form of [`value_ref`].
#[inline]
pub(crate) fn value_mut<T: 'static>(v: &mut AnyValue) -> &mut T {
    debug_assert!(v.is::<T>(), "reactive node value of another type");
    // SAFETY: as for `value_ref`.
    unsafe { &mut *(std::ptr::from_mut::<dyn Any + Send + Sync>(&mut **v).cast::<T>()) }
}

/// A type-erased computation. For a derived it recomputes into the slot
/// and returns whether the value changed; for an effect it runs the effect;
/// for a repeater it forwards the source's value.
pub(crate) type ComputeFn = Box<dyn FnMut(&mut Option<AnyValue>) -> bool + Send>;

/// The colour of a node, in the three-colour scheme of Milo Hoffman's
/// "reactively" (push dirtiness, pull values). Ordered: marking only ever
/// raises a node's colour until it is cleaned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[repr(u8)]
pub(crate) enum Colour {
    /// Up to date.
    Clean,
    /// A source further up may have changed: check the sources in order.
    Check,
    /// A direct source changed: recompute.
    Dirty,
}

/// What a node is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A writable source. Its value is in the arena (a [`Signal`](super::Signal))
    /// or outside it (a buffer slot, a state key), then `value` is `None`.
    Signal,
    /// A cached computation over other nodes.
    Derived,
    /// A side effect re-run after its sources change.
    Effect,
    /// A forwarder of one source to a target (see [`Repeater`](super::Repeater)).
    Repeater,
    /// A freed slot of the arena, waiting for reuse.
    Free,
}

/// One node of the graph.
pub(crate) struct Node {
    pub(crate) kind: Kind,
    pub(crate) state: Colour,
    /// An effect or repeater waiting in the reaction queue.
    pub(crate) queued: bool,
    /// Its computation is running now (cycle detection).
    pub(crate) computing: bool,
    /// Live public handles (`Signal`, `Derived`, `Effect`, ... clones).
    pub(crate) handles: u32,
    /// Incremented on every change of the value.
    pub(crate) version: u64,
    /// For a repeater: the source version last forwarded.
    pub(crate) forwarded: u64,
    pub(crate) value: Option<AnyValue>,
    pub(crate) compute: Option<ComputeFn>,
    /// The nodes this one read during its last run, in reading order.
    pub(crate) sources: Vec<NodeId>,
    /// The nodes that read this one.
    pub(crate) observers: Vec<NodeId>,
}

impl Node {
    pub(crate) fn new(kind: Kind, state: Colour, value: Option<AnyValue>, compute: Option<ComputeFn>) -> Self {
        Self {
            kind,
            state,
            queued: false,
            computing: false,
            handles: 1,
            version: 0,
            forwarded: 0,
            value,
            compute,
            sources: Vec::new(),
            observers: Vec::new(),
        }
    }
}

/// The tracking context of the computation running now.
#[derive(Debug)]
pub(crate) struct Frame {
    pub(crate) observer: NodeId,
    /// How many of the observer's previous sources were read again, in order.
    pub(crate) index: usize,
    /// Sources read after the reading order diverged from the previous run.
    pub(crate) fresh: Vec<NodeId>,
}

/// Equality used to decide whether a value changed: `==`, except that two
/// values that are each unequal to themselves (NaN) count as the same.
#[inline]
pub(crate) fn same<T: PartialEq>(a: &T, b: &T) -> bool {
    #[allow(clippy::eq_op)]
    let nan_like = a != a && b != b;
    a == b || nan_like
}
