use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};

use indexmap::IndexMap;
use parking_lot::Mutex;
use serde_json::Value as Json;

use super::entry::Entry;
use super::hot::Hot;
use super::keys::KeySources;
use super::subscribers::{Subscribers, Subscription};
use crate::ReactiveGraph;
use crate::reactive::SlotElement;
use crate::reactive::external::ExternalSource;

/// The state of one process: a map from string keys to JSON values plus
/// declared hot numeric fields, shared by every holder of the handle.
///
/// `LiveMemoryState` is a handle: a strong `Arc` to the shared instance.
/// `clone` gives another handle to the *same* state, so a write through one
/// handle is seen through all of them as soon as it returns (before the
/// writer's next await). The map sits behind a `parking_lot::Mutex` held
/// only for the map operation itself; hot fields are atomics (see
/// [`SharedSlotBuffer`](crate::SharedSlotBuffer)). No lock of the state is
/// held while a subscriber, derived or effect runs, so they may read or
/// write the state.
///
/// Reads are reactive: [`get`](Self::get) and
/// [`get_number`](Self::get_number) called inside a derived or effect of
/// [`reactive`](Self::reactive) make that key a source of it.
///
/// # Examples
/// ```
/// use actor_core::LiveMemoryState;
/// use serde_json::json;
/// let a = LiveMemoryState::new();
/// let b = a.clone();
/// a.set("count", json!(3));
/// assert_eq!(b.get("count"), Some(json!(3)));
/// assert!(LiveMemoryState::ptr_eq(&a, &b));
/// ```
#[derive(Clone, Default)]
pub struct LiveMemoryState {
    pub(super) inner: Arc<Inner>,
}

#[derive(Default)]
pub(super) struct Inner {
    pub(super) values: Mutex<IndexMap<String, Entry>>,
    /// The map version: raised (under the `values` lock) by every write
    /// that may change the map. Read without the lock.
    pub(super) version: AtomicU64,
    pub(super) subscribers: Subscribers,
    pub(super) graph: ReactiveGraph,
    pub(super) hot: OnceLock<Hot>,
    pub(super) keys: KeySources,
}

/// Who hears a change of a map key: its reactive source, if a derived or
/// effect ever read it, and the state's subscribers.
pub(super) struct Audience {
    source: Option<Arc<ExternalSource>>,
}

impl LiveMemoryState {
    /// An empty state, with its own reactive graph.
    pub fn new() -> Self {
        Self::default()
    }

    /// Whether two handles point to the same state.
    pub fn ptr_eq(a: &Self, b: &Self) -> bool {
        Arc::ptr_eq(&a.inner, &b.inner)
    }

    /// How many handles (strong references) to this state exist now.
    pub fn handle_count(&self) -> usize {
        Arc::strong_count(&self.inner)
    }

    /// The reactive graph of this state: make signals, deriveds and effects
    /// over the state's keys and hot fields in it.
    pub fn reactive(&self) -> &ReactiveGraph {
        &self.inner.graph
    }

    /// A copy of the value at `key`: a JSON map entry, or a hot field as a
    /// number (`null` when it is not finite). Tracked inside a derived or effect.
    pub fn get(&self, key: &str) -> Option<Json> {
        if let Some(x) = self.hot_get(key) {
            return Some(x.to_json());
        }
        self.inner.keys.track(&self.inner.graph, key);
        self.inner.values.lock().get_mut(key).map(|e| e.value().clone())
    }

    /// Reads the JSON map value at `key` in place, under the lock, not
    /// tracked. `f` must not touch this state (the lock is not reentrant).
    pub fn with<R>(&self, key: &str, f: impl FnOnce(Option<&Json>) -> R) -> R {
        let mut values = self.inner.values.lock();
        f(values.get_mut(key).map(|e| e.value()))
    }

    /// Whether `key` is set (in the map, or a hot field).
    pub fn has(&self, key: &str) -> bool {
        self.is_hot(key) || self.inner.values.lock().contains_key(key)
    }

    /// The keys: the map's in insertion order, then the hot fields.
    pub fn keys(&self) -> Vec<String> {
        let mut keys: Vec<String> = self.inner.values.lock().keys().cloned().collect();
        keys.extend(self.hot_fields());
        keys
    }

    /// Sets `key` to `value` and, when it changed, notifies the reactive
    /// graph and the subscribers of `key`. Returns the previous value. The
    /// [map version](Self::map_version) is raised unless the value was
    /// found unchanged; the comparison is made only when a derived, effect
    /// or subscriber would hear of the change (otherwise the value is
    /// stored as is, with no clone).
    ///
    /// On a hot field, a number (or `null`, read as NaN) writes the slot
    /// as [`set_number`](Self::set_number) does; any other value is refused:
    /// nothing changes, a warning is logged and `None` is returned.
    pub fn set(&self, key: impl Into<String>, value: Json) -> Option<Json> {
        let key = key.into();
        if self.is_hot(&key) {
            let Some(x) = f64::from_json(&value) else {
                tracing::warn!(key, %value, "refused a non-numeric value for a hot field");
                return None;
            };
            let previous = self.hot_get_untracked(&key).map(SlotElement::to_json);
            let _ = self.set_number(&key, x);
            return previous;
        }
        let audience = self.audience(&key);
        let listened = audience.is_some();
        let (previous, stored) = {
            let mut values = self.inner.values.lock();
            match values.get_mut(&key) {
                Some(entry) => {
                    // Unchanged: nothing to store or tell. (With nobody
                    // listening, the comparison is skipped: a change then
                    // only raises the map version.)
                    if listened && entry.value_eq(&value) {
                        return Some(value);
                    }
                    let stored = listened.then(|| value.clone());
                    let version = self.bump_version();
                    let old = std::mem::replace(entry, Entry::from_value(value, version));
                    (Some(old.into_value()), stored)
                }
                None => {
                    let stored = listened.then(|| value.clone());
                    let version = self.bump_version();
                    values.insert(key.clone(), Entry::from_value(value, version));
                    (None, stored)
                }
            }
        };
        if let Some(audience) = audience {
            self.tell(audience, key, stored);
        }
        previous
    }

    /// Replaces the map value at `key` with `f(current)` atomically (no
    /// other write can interleave), then notifies. `f` must not touch this
    /// state. Returns the new value.
    pub fn update(&self, key: &str, f: impl FnOnce(Option<&Json>) -> Json) -> Json {
        let (new, changed) = {
            let mut values = self.inner.values.lock();
            let current = values.get_mut(key).map(|e| e.value());
            let new = f(current);
            let changed = current != Some(&new);
            if changed {
                let version = self.bump_version();
                values.insert(key.to_string(), Entry::from_value(new.clone(), version));
            }
            (new, changed)
        };
        if changed {
            self.key_changed(key.to_string(), Some(new.clone()));
        }
        new
    }

    /// Removes map key `key`; notifies with `None` when it was set. Hot
    /// fields cannot be removed (returns `None`).
    pub fn delete(&self, key: &str) -> Option<Json> {
        let old = self.take(key)?;
        Some(old.into_value())
    }

    /// Removes map key `key` as [`delete`](Self::delete) does, without
    /// returning its value (so a value held as JSON text is never parsed).
    /// Returns whether it was set.
    pub fn remove(&self, key: &str) -> bool {
        self.take(key).is_some()
    }

    fn take(&self, key: &str) -> Option<Entry> {
        let old = {
            let mut values = self.inner.values.lock();
            let old = values.shift_remove(key);
            if old.is_some() {
                self.bump_version();
            }
            old
        };
        if old.is_some() {
            self.key_changed(key.to_string(), None);
        }
        old
    }

    /// Calls `callback` after every change of `key` (a map key or a hot
    /// field), with the value written (`None` after a delete): once per
    /// change, after the write's outermost batch, on the writer's thread,
    /// with no lock held. Dropping the returned [`Subscription`] (or calling
    /// its `unsubscribe`) stops the calls.
    pub fn subscribe(
        &self,
        key: impl Into<String>,
        callback: impl Fn(Option<&Json>) + Send + Sync + 'static,
    ) -> Subscription {
        self.inner.subscribers.add(key.into(), Arc::new(callback))
    }

    /// How many [`subscribe`](Self::subscribe) callbacks are registered now,
    /// for all keys together: one per live [`Subscription`], plus one per
    /// subscription kept with [`Subscription::forget`].
    ///
    /// A diagnostic, for example to check that a UI released every
    /// subscription it made when it was torn down. It does not count the
    /// deriveds and effects of [`reactive`](Self::reactive), nor
    /// [`Repeater`](crate::Repeater)s.
    pub fn subscriber_count(&self) -> usize {
        self.inner.subscribers.len()
    }

    /// After a change of map key `key`: marks its reactive source and
    /// queues the subscriber calls.
    pub(super) fn key_changed(&self, key: String, value: Option<Json>) {
        if let Some(audience) = self.audience(&key) {
            self.tell(audience, key, value);
        }
    }

    /// Who would hear a change of map key `key`; `None` when nobody: no
    /// derived or effect ever read it and the state has no subscriber.
    pub(super) fn audience(&self, key: &str) -> Option<Audience> {
        let source = self.inner.keys.get(key);
        if source.is_none() && self.inner.subscribers.is_empty() {
            return None;
        }
        Some(Audience { source })
    }

    /// Marks the key's reactive source and queues the subscriber calls.
    pub(super) fn tell(&self, audience: Audience, key: String, value: Option<Json>) {
        let subscribers = self.inner.subscribers.clone();
        let post = Box::new(move || subscribers.notify(&key, value.as_ref()));
        match audience.source {
            Some(source) => source.changed(vec![post]),
            None => self.inner.graph.after_batch(post),
        }
    }

    /// Raises the map version; returns the new one. Call with the `values`
    /// lock held (which orders the writers).
    pub(super) fn bump_version(&self) -> u64 {
        let version = self.inner.version.load(Ordering::Relaxed) + 1;
        self.inner.version.store(version, Ordering::Release);
        version
    }
}

impl fmt::Debug for LiveMemoryState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LiveMemoryState")
            .field("ptr", &Arc::as_ptr(&self.inner))
            .field("values", &*self.inner.values.lock())
            .field("hot", &self.inner.hot.get().map(|h| h.buffer.to_vec()))
            .finish()
    }
}
