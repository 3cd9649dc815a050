use std::fmt;
use std::sync::Arc;

use indexmap::IndexMap;
use parking_lot::Mutex;
use serde_json::Value as Json;

use super::subscribers::{Subscribers, Subscription};

/// The state of one process: a map from string keys to JSON values, shared
/// by every holder of the handle.
///
/// `LiveMemoryState` is a handle: a strong `Arc` to the shared instance,
/// whose map sits behind a `parking_lot::Mutex`. `clone` gives another handle
/// to the *same* state, so a write through one handle is seen through all of
/// them. The lock is held only for the map operation itself, never while a
/// subscriber runs, so a subscriber may read or write the state.
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
    inner: Arc<Inner>,
}

#[derive(Default)]
struct Inner {
    values: Mutex<IndexMap<String, Json>>,
    subscribers: Subscribers,
}

impl LiveMemoryState {
    /// An empty state.
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

    /// A copy of the value at `key`.
    pub fn get(&self, key: &str) -> Option<Json> {
        self.inner.values.lock().get(key).cloned()
    }

    /// Reads the value at `key` in place, under the lock. `f` must not touch
    /// this state (the lock is not reentrant).
    pub fn with<R>(&self, key: &str, f: impl FnOnce(Option<&Json>) -> R) -> R {
        f(self.inner.values.lock().get(key))
    }

    /// Whether `key` is set.
    pub fn has(&self, key: &str) -> bool {
        self.inner.values.lock().contains_key(key)
    }

    /// The keys, in insertion order.
    pub fn keys(&self) -> Vec<String> {
        self.inner.values.lock().keys().cloned().collect()
    }

    /// Sets `key` to `value` and notifies the subscribers of `key` (after the
    /// lock is released) when the value changed. Returns the previous value.
    pub fn set(&self, key: impl Into<String>, value: Json) -> Option<Json> {
        let key = key.into();
        let previous = {
            let mut values = self.inner.values.lock();
            match values.get_mut(&key) {
                Some(slot) if *slot == value => return Some(value),
                Some(slot) => Some(std::mem::replace(slot, value.clone())),
                None => {
                    values.insert(key.clone(), value.clone());
                    None
                }
            }
        };
        self.inner.subscribers.notify(&key, Some(&value));
        previous
    }

    /// Replaces the value at `key` with `f(current)` atomically (no other
    /// write can interleave), then notifies. `f` must not touch this state.
    /// Returns the new value.
    pub fn update(&self, key: &str, f: impl FnOnce(Option<&Json>) -> Json) -> Json {
        let (new, changed) = {
            let mut values = self.inner.values.lock();
            let new = f(values.get(key));
            let changed = values.get(key) != Some(&new);
            if changed {
                values.insert(key.to_string(), new.clone());
            }
            (new, changed)
        };
        if changed {
            self.inner.subscribers.notify(key, Some(&new));
        }
        new
    }

    /// Removes `key`; notifies its subscribers with `None` when it was set.
    pub fn delete(&self, key: &str) -> Option<Json> {
        let old = self.inner.values.lock().shift_remove(key);
        if old.is_some() {
            self.inner.subscribers.notify(key, None);
        }
        old
    }

    /// Calls `callback` after every change of `key`, with the new value
    /// (`None` after a delete). The callback runs on the writer's thread,
    /// after the write, with no lock held. Dropping the returned
    /// [`Subscription`] (or calling its `unsubscribe`) stops the calls.
    pub fn subscribe(
        &self,
        key: impl Into<String>,
        callback: impl Fn(Option<&Json>) + Send + Sync + 'static,
    ) -> Subscription {
        self.inner.subscribers.add(key.into(), Arc::new(callback))
    }

    /// A JSON object with every key and value, in insertion order.
    pub fn snapshot(&self) -> Json {
        Json::Object(self.inner.values.lock().iter().map(|(k, v)| (k.clone(), v.clone())).collect())
    }

    /// Replaces the whole map with the fields of `snapshot` (an object), and
    /// notifies the subscribers of each key whose value changed or was removed.
    ///
    /// # Errors
    /// Returns the input back when it is not a JSON object; nothing changes then.
    pub fn restore(&self, snapshot: Json) -> Result<(), Json> {
        let Json::Object(fields) = snapshot else { return Err(snapshot) };
        let changes: Vec<(String, Option<Json>)> = {
            let mut values = self.inner.values.lock();
            let mut changes: Vec<(String, Option<Json>)> = values
                .keys()
                .filter(|k| !fields.contains_key(*k))
                .map(|k| (k.clone(), None))
                .collect();
            for (k, v) in &fields {
                if values.get(k) != Some(v) {
                    changes.push((k.clone(), Some(v.clone())));
                }
            }
            *values = fields.into_iter().collect();
            changes
        };
        for (k, v) in &changes {
            self.inner.subscribers.notify(k, v.as_ref());
        }
        Ok(())
    }
}

impl fmt::Debug for LiveMemoryState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LiveMemoryState")
            .field("ptr", &Arc::as_ptr(&self.inner))
            .field("values", &*self.inner.values.lock())
            .finish()
    }
}
