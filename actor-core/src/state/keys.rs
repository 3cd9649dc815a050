//! Reactive sources for the keys of the JSON map, made on first tracked read.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use parking_lot::Mutex;

use crate::ReactiveGraph;
use crate::reactive::external::ExternalSource;

/// Key name to its reactive source. The mutex is never held while the
/// graph's lock is taken (effects, which hold the graph's lock, read keys),
/// so the sources sit in `Arc`s whose clones do not touch the graph.
#[derive(Debug, Default)]
pub(super) struct KeySources {
    map: Mutex<HashMap<String, Arc<ExternalSource>>>,
    /// Whether any source was made, readable without the lock (sources are
    /// never removed), so a write to a state nobody tracks skips the lock.
    any: AtomicBool,
}

impl KeySources {
    /// Records a read of `key` by the running derived or effect, if any.
    pub(super) fn track(&self, graph: &ReactiveGraph, key: &str) {
        if !graph.is_tracking() {
            return;
        }
        let found = self.map.lock().get(key).cloned();
        let source = match found {
            Some(s) => s,
            None => {
                let fresh = Arc::new(ExternalSource::new(graph));
                let kept = {
                    let mut map = self.map.lock();
                    self.any.store(true, Ordering::Release);
                    map.entry(key.to_string()).or_insert_with(|| fresh.clone()).clone()
                };
                drop(fresh); // outside the map lock: a last drop takes the graph's lock
                kept
            }
        };
        source.track();
    }

    /// The source of `key`, if one was made.
    pub(super) fn get(&self, key: &str) -> Option<Arc<ExternalSource>> {
        if !self.any.load(Ordering::Acquire) {
            return None;
        }
        self.map.lock().get(key).cloned()
    }
}
