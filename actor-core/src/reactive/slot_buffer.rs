//! [`SharedSlotBuffer`]: a fixed-capacity typed array of reactive numeric slots.

mod element;
mod slot;
#[cfg(test)]
mod tests;

use std::fmt;
use std::ops::Range;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};

use parking_lot::Mutex;

pub use element::SlotElement;
pub use slot::SlotRef;

use super::arena::Post;
use super::graph::{ReactiveGraph, run_posts};
use super::node::{Colour, Kind, Node, NodeId};

/// What the buffer calls to wake "the other side" (for example JS) after
/// a batch changed some slots. It then reads the dirty slots with
/// [`SharedSlotBuffer::take_dirty`].
pub type Notifier = Arc<dyn Fn() + Send + Sync>;

/// The owner's per-slot change callback (a `LiveMemoryState` calls its
/// subscribers from it), run after the batch.
pub(crate) trait SlotListener<T>: Send + Sync {
    /// Whether a change would reach anyone now; when not, no callback is
    /// queued (a write with nobody listening allocates nothing).
    fn is_active(&self) -> bool;
    /// Slot `index` (0-based) changed to `value`.
    fn changed(&self, index: usize, value: T);
}

pub(crate) type Listener<T> = Arc<dyn SlotListener<T>>;

/// A fixed-capacity array of numeric slots (`f64`, `i64`, `u32` or `u8`),
/// each a source in a [`ReactiveGraph`].
///
/// - [`get`](Self::get) reads a slot and tracks the read; [`peek`](Self::peek)
///   reads without tracking.
/// - [`set`](Self::set) writes and, only when the bits changed (so NaN
///   written twice notifies once), marks what depends on the slot and runs
///   the reached effects and repeaters; [`set_batch`](Self::set_batch) writes
///   many slots as one batch.
/// - Every change sets the slot's dirty flag and schedules one wake of the
///   [notifier](Self::set_notifier) per batch (not one per write), run after
///   the batch with no lock held; the other side then calls
///   [`take_dirty`](Self::take_dirty).
/// - Writes made straight to the memory (by JS, through a view) are told
///   to the graph by [`commit`](Self::commit), as one batch.
///
/// # Memory layout
///
/// The slots are one contiguous, heap-allocated array of
/// [`len`](Self::len) elements of `T`, in the platform's byte order (little
/// endian on wasm32 and x86-64), each naturally aligned (8 bytes for `f64`
/// and `i64`, 4 for `u32`, 1 for `u8`), with no header or padding:
/// [`as_ptr`](Self::as_ptr) is the first element and
/// [`byte_len`](Self::byte_len) is `len * size_of::<T>()`. The address never
/// changes while the buffer lives (the array is never reallocated), so
/// `actor-wasm` can hand JS a `Float64Array` (etc.) view over it with no copy.
///
/// # Memory model
///
/// Each slot is accessed as an atomic of the element's width (`f64` as its
/// bits in an `AtomicU64`): reads are `Acquire`, writes `AcqRel` swaps, so
/// several threads may read and write the buffer at once, and a reader that
/// sees a value also sees every write made before it. Slots are independent
/// (no cross-slot atomicity: a reader may see part of a `set_batch`).
///
/// # Writes through the raw memory
///
/// A store made straight to the memory (for example by JS through a
/// `Float64Array` view) is visible at once to every read of that slot
/// ([`get`](Self::get), [`peek`](Self::peek), another view), but the
/// reactive graph does not know about it: no derived is marked, no effect,
/// repeater, listener or notifier runs, and a derived keeps its cached
/// value until it recomputes for another reason (and then reads the new
/// value). The buffer keeps, per slot, the value the graph last saw;
/// [`commit`](Self::commit) compares the memory with it and reports every
/// slot that differs as one batch, so deriveds, effects and repeaters run
/// once per commit and see all of its values together (no glitch).
/// A raw write that is never committed stays in memory unreported, until a
/// later `commit` over its slot, [`notify_changed`](Self::notify_changed),
/// or a [`set`](Self::set) of that slot.
///
/// `Clone` gives another handle to the same buffer. `Send + Sync`.
///
/// # Examples
/// ```
/// use actor_core::reactive::{ReactiveGraph, SharedSlotBuffer};
/// let graph = ReactiveGraph::new();
/// let buf = SharedSlotBuffer::<f64>::new(&graph, 3);
/// let total = graph.derived({ let b = buf.clone(); move || (0..b.len()).map(|i| b.get(i)).sum::<f64>() });
/// buf.set_batch([(0, 1.0), (2, 2.5)]);
/// assert_eq!(total.get(), 3.5);
/// assert_eq!(buf.take_dirty(), vec![0, 2]);
/// ```
pub struct SharedSlotBuffer<T: SlotElement> {
    inner: Arc<Inner<T>>,
}

struct Inner<T: SlotElement> {
    graph: ReactiveGraph,
    slots: Box<[T::Atomic]>,
    /// Per slot, the value the reactive graph last saw (differs from
    /// `slots` only after a raw write that was not committed yet). Written
    /// under the graph's lock.
    known: Box<[T::Atomic]>,
    dirty: Box<[AtomicU64]>,
    nodes: Box<[NodeId]>,
    notifier: Mutex<Option<Notifier>>,
    /// Whether `notifier` is set, readable without its lock.
    has_notifier: AtomicBool,
    wake_pending: AtomicBool,
    listener: OnceLock<Listener<T>>,
}

impl<T: SlotElement> SharedSlotBuffer<T> {
    /// A buffer of `capacity` slots, all zero, in `graph`.
    pub fn new(graph: &ReactiveGraph, capacity: usize) -> Self {
        Self::from_values(graph, &vec![T::ZERO; capacity])
    }

    /// A buffer holding a copy of `values` (its capacity is `values.len()`).
    pub fn from_values(graph: &ReactiveGraph, values: &[T]) -> Self {
        let slots: Box<[T::Atomic]> = values.iter().map(|&v| v.atomic()).collect();
        let known: Box<[T::Atomic]> = values.iter().map(|&v| v.atomic()).collect();
        let dirty = (0..values.len().div_ceil(64)).map(|_| AtomicU64::new(0)).collect();
        let nodes = (0..values.len()).map(|_| graph.add_node(Node::new(Kind::Signal, Colour::Clean, None, None))).collect();
        Self {
            inner: Arc::new(Inner {
                graph: graph.clone(),
                slots,
                known,
                dirty,
                nodes,
                notifier: Mutex::new(None),
                has_notifier: AtomicBool::new(false),
                wake_pending: AtomicBool::new(false),
                listener: OnceLock::new(),
            }),
        }
    }

    /// The number of slots (fixed).
    pub fn len(&self) -> usize {
        self.inner.slots.len()
    }

    /// Whether the buffer has no slots.
    pub fn is_empty(&self) -> bool {
        self.inner.slots.is_empty()
    }

    /// The size of the memory in bytes: `len * size_of::<T>()`.
    pub fn byte_len(&self) -> usize {
        self.len() * size_of::<T>()
    }

    /// The first element of the contiguous memory (see the layout above).
    /// Valid for [`len`](Self::len) elements while any handle to the buffer
    /// lives. Writing through it must use atomic (or, in single-threaded
    /// wasm, plain) stores of `T`, followed by
    /// [`notify_changed`](Self::notify_changed).
    pub fn as_ptr(&self) -> *const T {
        self.inner.slots.as_ptr().cast()
    }

    /// The graph the slots belong to.
    pub fn graph(&self) -> &ReactiveGraph {
        &self.inner.graph
    }

    /// Whether two handles point to the same buffer.
    pub fn ptr_eq(a: &Self, b: &Self) -> bool {
        Arc::ptr_eq(&a.inner, &b.inner)
    }

    /// The value of slot `index` (0-based), tracked by the running derived
    /// or effect.
    ///
    /// # Panics
    /// If `index >= len()`.
    pub fn get(&self, index: usize) -> T {
        let cell = &self.inner.slots[index];
        self.inner.graph.track(self.inner.nodes[index]);
        T::load(cell)
    }

    /// The value of slot `index`, not tracked.
    ///
    /// # Panics
    /// If `index >= len()`.
    pub fn peek(&self, index: usize) -> T {
        T::load(&self.inner.slots[index])
    }

    /// A copy of every slot, not tracked.
    pub fn to_vec(&self) -> Vec<T> {
        self.inner.slots.iter().map(T::load).collect()
    }

    /// Writes `value` to slot `index`. When the bits changed (from the
    /// memory, or from what the graph last saw after an uncommitted raw
    /// write): sets the dirty flag, marks the slot's dependents, runs the
    /// effects and repeaters reached (at the end of the outermost batch)
    /// and schedules one wake of the notifier. Returns whether the value
    /// changed.
    ///
    /// With nothing attached (no dependent, notifier or active listener)
    /// a change costs an atomic swap, the dirty flag and one uncontended
    /// lock of the graph.
    ///
    /// # Panics
    /// If `index >= len()`.
    #[inline]
    pub fn set(&self, index: usize, value: T) -> bool {
        let old = T::swap(&self.inner.slots[index], value);
        if old.bits_eq(value) && T::load(&self.inner.known[index]).bits_eq(value) {
            return false;
        }
        self.changed(index, value);
        true
    }

    /// Writes many `(index, value)` pairs as one batch: dependents run
    /// once, and the notifier wakes once. Returns how many slots changed.
    ///
    /// # Panics
    /// If an index is out of range; the writes before it are kept.
    pub fn set_batch(&self, writes: impl IntoIterator<Item = (usize, T)>) -> usize {
        self.inner.graph.batch(|| writes.into_iter().filter(|&(i, v)| self.set(i, v)).count())
    }

    /// Tells the graph that slot `index` changed through the raw memory
    /// (see [`as_ptr`](Self::as_ptr)): marks and notifies as
    /// [`set`](Self::set) does, unconditionally (even when the value is
    /// the one the graph last saw). Prefer [`commit`](Self::commit), which
    /// reports only real changes and batches them.
    ///
    /// # Panics
    /// If `index >= len()`.
    pub fn notify_changed(&self, index: usize) {
        let value = self.peek(index);
        self.changed(index, value);
    }

    /// Reports the raw writes to the slots in `range` (0-based slot
    /// indices) to the graph: every slot whose memory differs, bit for bit,
    /// from the value the graph last saw is marked changed, all in **one
    /// batch**. So each derived, effect and repeater reached runs once,
    /// after every changed slot is marked (none sees part of the commit);
    /// the listener is called once per changed slot and the notifier wakes
    /// once, after the batch with no lock held. A slot written back to the
    /// value the graph saw is no change. Returns how many slots changed.
    ///
    /// This is the write path of a JS view: JS stores any number of values
    /// into the memory, then commits once. Inside an enclosing
    /// [`batch`](ReactiveGraph::batch) the reactions run when it ends.
    ///
    /// # Panics
    /// If `range` is not within `0..len()`.
    pub fn commit(&self, range: Range<usize>) -> usize {
        let inner = &*self.inner;
        assert!(
            range.start <= range.end && range.end <= self.len(),
            "slots {range:?} out of range (len {})",
            self.len()
        );
        let listener = inner.listener.get().filter(|l| l.is_active()).cloned();
        let graph = &inner.graph;
        let g = graph.lock();
        let mut changed = 0;
        {
            let mut a = g.borrow_mut();
            let mut posts: Vec<Post> = Vec::new();
            // Per 64-slot word of the dirty flags: first find the changed
            // slots (a tight loop over the memory), then tell the graph
            // about each, then set the word's dirty bits once.
            let mut word_start = range.start - range.start % 64;
            while word_start < range.end {
                let from = range.start.max(word_start);
                let to = range.end.min(word_start + 64);
                let mut mask = 0u64;
                for (i, (slot, known)) in (from..).zip(inner.slots[from..to].iter().zip(&inner.known[from..to])) {
                    let value = T::load(slot);
                    if !value.bits_eq(T::load(known)) {
                        T::store(known, value);
                        mask |= 1 << (i - word_start);
                    }
                }
                let mut bits = if a.has_links() || listener.is_some() { mask } else { 0 };
                while bits != 0 {
                    let i = word_start + bits.trailing_zeros() as usize;
                    bits &= bits - 1;
                    a.source_changed(inner.nodes[i]);
                    if let Some(listener) = &listener {
                        let (listener, value) = (listener.clone(), T::load(&inner.known[i]));
                        posts.push(Box::new(move || listener.changed(i, value)));
                    }
                }
                if mask != 0 {
                    inner.dirty[word_start / 64].fetch_or(mask, Ordering::AcqRel);
                    changed += mask.count_ones() as usize;
                }
                word_start += 64;
            }
            if changed == 0 {
                return 0;
            }
            if let Some(wake) = self.wake_post() {
                posts.push(wake);
            }
            if posts.is_empty() && a.queue.is_empty() {
                // Nothing to run and nothing waits: no flush.
                return changed;
            }
            a.posts.extend(posts);
        }
        let posts = graph.settle(&g);
        drop(g);
        run_posts(posts);
        changed
    }

    fn changed(&self, index: usize, value: T) {
        let inner = &*self.inner;
        inner.dirty[index / 64].fetch_or(1 << (index % 64), Ordering::AcqRel);
        let mut posts: Vec<Post> = Vec::new();
        if let Some(wake) = self.wake_post() {
            posts.push(wake);
        }
        if let Some(listener) = inner.listener.get().filter(|l| l.is_active()) {
            let listener = listener.clone();
            posts.push(Box::new(move || listener.changed(index, value)));
        }
        let g = inner.graph.lock();
        // Under the graph's lock, so that concurrent writers leave `known`
        // equal to the memory.
        T::store(&inner.known[index], T::load(&inner.slots[index]));
        let posts = inner.graph.changed_locked(&g, inner.nodes[index], posts);
        drop(g);
        run_posts(posts);
    }

    /// The notifier's wake, if a notifier is set and no wake is pending.
    fn wake_post(&self) -> Option<Post> {
        let inner = &self.inner;
        if !inner.has_notifier.load(Ordering::Acquire) || inner.wake_pending.swap(true, Ordering::AcqRel) {
            return None;
        }
        let inner = inner.clone();
        Some(Box::new(move || {
            inner.wake_pending.store(false, Ordering::Release);
            let notifier = inner.notifier.lock().clone();
            if let Some(wake) = notifier {
                wake();
            }
        }))
    }

    /// Whether slot `index` changed since the last [`take_dirty`](Self::take_dirty).
    ///
    /// # Panics
    /// If `index >= len()`.
    pub fn is_dirty(&self, index: usize) -> bool {
        assert!(index < self.len(), "slot {index} out of range (len {})", self.len());
        self.inner.dirty[index / 64].load(Ordering::Acquire) & (1 << (index % 64)) != 0
    }

    /// The indices of the slots changed since the last call, ascending,
    /// and clears their dirty flags.
    pub fn take_dirty(&self) -> Vec<usize> {
        let mut out = Vec::new();
        for (w, word) in self.inner.dirty.iter().enumerate() {
            let mut bits = word.swap(0, Ordering::AcqRel);
            while bits != 0 {
                let b = bits.trailing_zeros() as usize;
                out.push(w * 64 + b);
                bits &= bits - 1;
            }
        }
        out
    }

    /// Sets the notifier woken (once per batch that changed a slot, after
    /// the batch, with no lock held), replacing any previous one.
    pub fn set_notifier(&self, wake: impl Fn() + Send + Sync + 'static) {
        let mut notifier = self.inner.notifier.lock();
        *notifier = Some(Arc::new(wake));
        self.inner.has_notifier.store(true, Ordering::Release);
    }

    /// Removes the notifier.
    pub fn clear_notifier(&self) {
        let mut notifier = self.inner.notifier.lock();
        *notifier = None;
        self.inner.has_notifier.store(false, Ordering::Release);
    }

    /// A reference to slot `index`, usable as a [`Repeater`](super::Repeater)
    /// source or target.
    ///
    /// # Panics
    /// If `index >= len()`.
    pub fn slot(&self, index: usize) -> SlotRef<T> {
        assert!(index < self.len(), "slot {index} out of range (len {})", self.len());
        SlotRef { buffer: self.clone(), index }
    }

    /// Installs the per-slot change listener (once; later calls are ignored).
    pub(crate) fn set_listener(&self, listener: Listener<T>) {
        let _ = self.inner.listener.set(listener);
    }

    pub(crate) fn node(&self, index: usize) -> NodeId {
        self.inner.nodes[index]
    }
}

impl<T: SlotElement> Clone for SharedSlotBuffer<T> {
    fn clone(&self) -> Self {
        Self { inner: self.inner.clone() }
    }
}

impl<T: SlotElement> Drop for Inner<T> {
    fn drop(&mut self) {
        for &id in self.nodes.iter() {
            self.graph.release(id);
        }
    }
}

impl<T: SlotElement> fmt::Debug for SharedSlotBuffer<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SharedSlotBuffer")
            .field("type", &T::NAME)
            .field("ptr", &self.as_ptr())
            .field("values", &self.to_vec())
            .finish()
    }
}
