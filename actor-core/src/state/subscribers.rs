use std::fmt;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Weak};

use parking_lot::Mutex;
use serde_json::Value as Json;

pub(super) type Callback = Arc<dyn Fn(Option<&Json>) + Send + Sync>;

/// Per-key change callbacks of a [`LiveMemoryState`](super::LiveMemoryState).
#[derive(Default, Clone)]
pub(super) struct Subscribers {
    shared: Arc<Shared>,
}

#[derive(Default)]
struct Shared {
    /// How many callbacks are registered, readable without the lock, so a
    /// write with nobody listening skips building a notification.
    count: AtomicUsize,
    list: Mutex<List>,
}

#[derive(Default)]
struct List {
    next_id: u64,
    entries: Vec<(u64, String, Callback)>,
}

impl Subscribers {
    pub(super) fn add(&self, key: String, callback: Callback) -> Subscription {
        let mut list = self.shared.list.lock();
        let id = list.next_id;
        list.next_id += 1;
        list.entries.push((id, key, callback));
        self.shared.count.store(list.entries.len(), Ordering::Release);
        Subscription { shared: Arc::downgrade(&self.shared), id }
    }

    /// Whether no callback is registered (for any key).
    pub(super) fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// How many callbacks are registered (for all keys together).
    pub(super) fn len(&self) -> usize {
        self.shared.count.load(Ordering::Acquire)
    }

    /// Calls every callback registered for `key`, outside the lock.
    pub(super) fn notify(&self, key: &str, value: Option<&Json>) {
        if self.is_empty() {
            return;
        }
        let matching: Vec<Callback> = {
            let list = self.shared.list.lock();
            if list.entries.is_empty() {
                return;
            }
            list.entries.iter().filter(|(_, k, _)| k == key).map(|(_, _, cb)| cb.clone()).collect()
        };
        for cb in matching {
            cb(value);
        }
    }
}

/// A live subscription to a key of a [`LiveMemoryState`](super::LiveMemoryState).
///
/// Dropping it unsubscribes; call [`Subscription::forget`] to keep the
/// callback for the state's whole life instead.
#[must_use = "dropping a Subscription unsubscribes at once"]
pub struct Subscription {
    shared: Weak<Shared>,
    id: u64,
}

impl Subscription {
    /// Stops the callback. A call in progress on another thread may still finish.
    pub fn unsubscribe(self) {
        drop(self);
    }

    /// Keeps the callback registered for as long as the state lives.
    pub fn forget(mut self) {
        self.shared = Weak::new();
    }
}

impl Drop for Subscription {
    fn drop(&mut self) {
        if let Some(shared) = self.shared.upgrade() {
            let mut list = shared.list.lock();
            list.entries.retain(|(id, _, _)| *id != self.id);
            shared.count.store(list.entries.len(), Ordering::Release);
        }
    }
}

impl fmt::Debug for Subscription {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Subscription").field("id", &self.id).finish()
    }
}
