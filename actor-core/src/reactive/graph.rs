//! [`ReactiveGraph`]: the arena behind a graph-wide reentrant lock, and the
//! push-pull propagation algorithm.

use std::cell::RefCell;
use std::fmt;
use std::sync::Arc;

use parking_lot::{ReentrantMutex, ReentrantMutexGuard};

use super::arena::{Arena, Garbage, Post};
use super::node::{Colour, Kind, Node, NodeId, value_mut, value_ref};

/// The most reactions (effect runs and repeater forwards) one flush runs
/// before it gives up on a cycle of effects that write what they read.
pub const MAX_REACTIONS_PER_FLUSH: usize = 100_000;

pub(crate) type Guard<'a> = ReentrantMutexGuard<'a, RefCell<Arena>>;

/// One reactive graph: an arena of signals, deriveds, effects and repeaters,
/// with its tracking context inside it.
///
/// Every [`LiveMemoryState`](crate::LiveMemoryState) owns one graph; its hot
/// fields and any signal made from [`LiveMemoryState::reactive`](crate::LiveMemoryState::reactive)
/// live in it. `ReactiveGraph` is a cheap handle (an `Arc`): clones point to the
/// same graph, and it is `Send + Sync`.
///
/// # Algorithm
///
/// Push-pull with three colours, after Milo Spencer-Harper's *reactively*
/// ("Super Charging Fine-Grained Reactive Performance", 2022) and the
/// alien-signals propagation of Johnson Chu (2024):
///
/// 1. **Push.** Writing a signal marks its observers *dirty* and everything
///    downstream *check*, iteratively; marking stops at nodes already
///    marked, so a change costs time linear in the nodes it reaches (no
///    exponential blow-up on layered graphs). Effects and repeaters leaving
///    the clean state join a FIFO reaction queue.
/// 2. **Pull.** Reading a derived that is not clean checks its sources in
///    the order they were read last time, updating the ones that are not
///    clean first; only a source whose value actually changed (by
///    `PartialEq`, NaN equal to NaN) makes it dirty. A dirty node
///    recomputes, and a derived whose new value equals the old one does not
///    make its observers recompute. So no computation ever sees a mix of
///    old and new values (no glitch).
/// 3. **Reactions** run after marking, at the end of the outermost
///    [`batch`](Self::batch) (a write outside a batch is a batch of one),
///    each at most once per batch, in marking order. A write made by a
///    reaction is queued behind it in the same flush; a flush that runs
///    more than [`MAX_REACTIONS_PER_FLUSH`] reactions stops, logs an error
///    and counts it in [`overflow_count`](Self::overflow_count).
///
/// Dependencies are dynamic: each run of a derived or effect records what it
/// reads, and the previous list is reused while the reading order is the
/// same (no allocation in the steady state). Tracking is per graph: a
/// derived or effect does not track reads of another graph's nodes.
///
/// A write that a computation makes to one of its own sources marks it
/// again, so an effect that keeps changing what it reads re-runs until the
/// cap below. Nodes are freed when their last handle and last observer go.
///
/// # Threads and locks
///
/// The arena sits behind one graph-wide `parking_lot::ReentrantMutex`
/// (a `RefCell` inside it is borrowed only for short steps that never run
/// user code). Derived computations and effects run on the thread that
/// triggered them, holding that reentrant lock, so they can read and write
/// any node of the graph; another thread touching the same graph waits
/// meanwhile. User code in a derived or effect must therefore never *block*
/// on another thread that uses the same graph. Repeaters forward without
/// user code, and callbacks registered with [`after_batch`](Self::after_batch)
/// (state subscribers, buffer notifiers) run after the outermost batch with
/// the lock released. On wasm everything runs on one thread, so the lock is
/// never contended.
///
/// # Examples
/// ```
/// use actor_core::reactive::ReactiveGraph;
/// use std::sync::{Arc, atomic::{AtomicUsize, Ordering}};
///
/// let graph = ReactiveGraph::new();
/// let a = graph.signal(1);
/// let b = graph.signal(2);
/// let sum = graph.derived({ let (a, b) = (a.clone(), b.clone()); move || a.get() + b.get() });
/// let runs = Arc::new(AtomicUsize::new(0));
/// let _effect = graph.effect({ let (sum, runs) = (sum.clone(), runs.clone());
///     move || { sum.get(); runs.fetch_add(1, Ordering::Relaxed); } });
/// graph.batch(|| { a.set(10); b.set(20); });
/// assert_eq!(sum.get(), 30);
/// assert_eq!(runs.load(Ordering::Relaxed), 2); // once at creation, once for the batch
/// ```
#[derive(Clone, Default)]
pub struct ReactiveGraph {
    shared: Arc<ReentrantMutex<RefCell<Arena>>>,
}

/// Runs a closure when dropped, unless disarmed (restores state on unwind).
pub(crate) struct OnUnwind<F: FnMut()>(pub(crate) Option<F>);

impl<F: FnMut()> OnUnwind<F> {
    pub(crate) fn disarm(mut self) {
        self.0 = None;
    }
}

impl<F: FnMut()> Drop for OnUnwind<F> {
    fn drop(&mut self) {
        if let Some(f) = &mut self.0 {
            f();
        }
    }
}

impl ReactiveGraph {
    /// An empty graph.
    pub fn new() -> Self {
        Self::default()
    }

    /// Whether two handles point to the same graph.
    pub fn ptr_eq(a: &Self, b: &Self) -> bool {
        Arc::ptr_eq(&a.shared, &b.shared)
    }

    /// Runs `f` as one batch: the effects and repeaters that its writes
    /// reach run once, when the outermost batch ends, and see only the
    /// final values. Holds the graph's lock while `f` runs (so `f` must not
    /// block on another thread using this graph). Returns what `f` returns.
    ///
    /// # Panics
    /// If `f` panics; the batch is unwound and its reactions are left
    /// queued for the next flush.
    pub fn batch<R>(&self, f: impl FnOnce() -> R) -> R {
        let g = self.lock();
        g.borrow_mut().batch_depth += 1;
        let unwind = OnUnwind(Some(|| {
            if let Ok(mut a) = g.try_borrow_mut() {
                a.batch_depth -= 1;
            }
        }));
        let r = f();
        unwind.disarm();
        g.borrow_mut().batch_depth -= 1;
        let posts = self.settle(&g);
        drop(g);
        run_posts(posts);
        r
    }

    /// Runs `f` without tracking: what it reads does not become a source of
    /// the derived or effect running now. Returns what `f` returns.
    pub fn untrack<R>(&self, f: impl FnOnce() -> R) -> R {
        let g = self.lock();
        let saved = g.borrow_mut().tracking.take();
        let Some(saved) = saved else {
            drop(g);
            return f(); // nothing is tracking: no lock needed around user code
        };
        let mut saved = Some(saved);
        let restore = OnUnwind(Some(|| {
            if let Ok(mut a) = g.try_borrow_mut() {
                a.tracking = saved.take();
            }
        }));
        let r = f();
        drop(restore); // runs the restore
        r
    }

    /// Whether a derived or effect is running now on this graph (so a read
    /// would be tracked).
    pub fn is_tracking(&self) -> bool {
        self.lock().borrow().tracking.is_some()
    }

    /// Live nodes in the graph (signals, deriveds, effects, repeaters and
    /// the sources of buffer slots and state keys).
    pub fn node_count(&self) -> usize {
        self.lock().borrow().live()
    }

    /// How many flushes stopped at [`MAX_REACTIONS_PER_FLUSH`].
    pub fn overflow_count(&self) -> u64 {
        self.lock().borrow().overflows
    }

    /// Runs `f` once after the current outermost batch ends (at once if no
    /// batch or flush is running), on the writer's thread, with the graph's
    /// lock released.
    pub fn after_batch(&self, f: impl FnOnce() + Send + 'static) {
        let g = self.lock();
        g.borrow_mut().posts.push(Box::new(f));
        let posts = self.settle(&g);
        drop(g);
        run_posts(posts);
    }

    // ----- crate-internal machinery -----

    #[inline]
    pub(crate) fn lock(&self) -> Guard<'_> {
        self.shared.lock()
    }

    pub(crate) fn add_node(&self, node: Node) -> NodeId {
        self.lock().borrow_mut().alloc(node)
    }

    /// One more handle to `id`.
    pub(crate) fn retain(&self, id: NodeId) {
        self.lock().borrow_mut().node_mut(id).handles += 1;
    }

    /// One handle fewer to `id`; frees it when nothing holds it.
    pub(crate) fn release(&self, id: NodeId) {
        let g = self.lock();
        let mut garbage = Garbage::new();
        {
            let mut a = g.borrow_mut();
            let node = a.node_mut(id);
            node.handles -= 1;
            if node.kind == Kind::Effect || node.kind == Kind::Repeater {
                // A reaction has no observers; with no handle it is disposed.
                node.handles = 0;
            }
            a.release(id, &mut garbage);
        }
        drop(g);
        drop(garbage); // may drop captured handles, which re-enter
    }

    /// Records a read of `id` by the running computation, if any.
    #[inline]
    pub(crate) fn track(&self, id: NodeId) {
        self.lock().borrow_mut().track(id);
    }

    /// The value of signal or derived `id`, brought up to date, cloned.
    #[inline]
    pub(crate) fn read<T: Clone + 'static>(&self, id: NodeId, tracked: bool) -> T {
        self.read_with(id, tracked, T::clone)
    }

    /// Calls `f` on the up-to-date value of `id`, under the arena borrow
    /// (`f` must not touch the graph).
    ///
    /// # Panics
    /// On a cycle (a derived that reads itself).
    #[inline]
    pub(crate) fn read_with<T: 'static, R>(&self, id: NodeId, tracked: bool, f: impl FnOnce(&T) -> R) -> R {
        let g = self.lock();
        let a = g.borrow_mut();
        if a.node(id).state == Colour::Clean {
            // Up to date: nothing runs, so there is nothing to flush.
            return read_clean(a, id, tracked, f);
        }
        drop(a);
        let (r, posts) = self.read_stale(&g, id, tracked, f);
        drop(g);
        run_posts(posts); // with the lock released
        r
    }

    /// [`read_with`](Self::read_with) of a node that is not clean: brings
    /// it up to date first; returns what `f` returns and the posts that
    /// this flushed, to run once the lock is released.
    #[inline(never)]
    fn read_stale<T: 'static, R>(&self, g: &Guard<'_>, id: NodeId, tracked: bool, f: impl FnOnce(&T) -> R) -> (R, Vec<Post>) {
        let posts = self.refresh(g, id);
        (read_clean(g.borrow_mut(), id, tracked, f), posts)
    }

    /// Brings `id` up to date. Writes made by the computations it runs are
    /// flushed afterwards; returns the posts to run once the lock is released.
    pub(crate) fn refresh(&self, g: &Guard<'_>, id: NodeId) -> Vec<Post> {
        {
            let a = g.borrow();
            if a.node(id).state == Colour::Clean {
                return Vec::new();
            }
            if a.batch_depth > 0 || a.flushing {
                // Nested in a batch or flush: whoever is outside settles.
                drop(a);
                self.update(g, id);
                return Vec::new();
            }
        }
        g.borrow_mut().batch_depth += 1;
        let unwind = OnUnwind(Some(|| {
            if let Ok(mut a) = g.try_borrow_mut() {
                a.batch_depth -= 1;
            }
        }));
        self.update(g, id);
        unwind.disarm();
        g.borrow_mut().batch_depth -= 1;
        self.settle(g)
    }

    /// Replaces the value of signal `id` with `value` when it differs (by
    /// `eq`), marks and flushes. Returns whether it changed.
    pub(crate) fn write<T: Send + Sync + 'static>(&self, id: NodeId, value: T, eq: impl FnOnce(&T, &T) -> bool) -> bool {
        let g = self.lock();
        let old = {
            let mut a = g.borrow_mut();
            let node = a.node_mut(id);
            let slot = value_mut::<T>(node.value.as_mut().expect("a signal has a value"));
            if eq(slot, &value) {
                return false;
            }
            let old = std::mem::replace(slot, value);
            node.version += 1;
            a.mark_changed(id);
            old
        };
        let posts = self.settle(&g);
        drop(g);
        drop(old);
        run_posts(posts);
        true
    }

    /// Signals that external source `id` (a buffer slot, a state key)
    /// changed: marks, queues `posts` and flushes.
    pub(crate) fn changed(&self, id: NodeId, posts: Vec<Post>) {
        let g = self.lock();
        let posts = self.changed_locked(&g, id, posts);
        drop(g);
        run_posts(posts);
    }

    /// [`changed`](Self::changed) with the lock held by the caller; returns
    /// the posts to run once it is released.
    #[inline]
    pub(crate) fn changed_locked(&self, g: &Guard<'_>, id: NodeId, posts: Vec<Post>) -> Vec<Post> {
        {
            let mut a = g.borrow_mut();
            a.source_changed(id);
            if posts.is_empty() && a.queue.is_empty() {
                // Nothing was queued and nothing waits: no flush to run.
                return Vec::new();
            }
            a.posts.extend(posts);
        }
        self.settle(g)
    }
}

/// Calls `f` on the value of `id`, which is up to date, recording the read
/// when `tracked`; ends the arena borrow `a` before returning.
///
/// # Panics
/// On a cycle (a derived that reads itself).
#[inline]
fn read_clean<T: 'static, R>(mut a: std::cell::RefMut<'_, Arena>, id: NodeId, tracked: bool, f: impl FnOnce(&T) -> R) -> R {
    if tracked {
        a.track(id);
    }
    let node = a.node(id);
    assert!(!node.computing, "reactive cycle: a derived reads its own value");
    let value = value_ref::<T>(node.value.as_ref().expect("a signal or derived has a value once up to date"));
    f(value)
}

#[inline]
pub(crate) fn run_posts(posts: Vec<Post>) {
    if !posts.is_empty() {
        run_each(posts);
    }
}

#[cold]
fn run_each(posts: Vec<Post>) {
    for p in posts {
        p();
    }
}

impl fmt::Debug for ReactiveGraph {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ReactiveGraph").field("ptr", &Arc::as_ptr(&self.shared)).finish_non_exhaustive()
    }
}
