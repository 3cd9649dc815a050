//! Snapshot and restore of both parts of a state.

use serde_json::Value as Json;

use super::LiveMemoryState;
use super::entry::Entry;
use crate::reactive::SlotElement;

impl LiveMemoryState {
    /// A JSON object with every map key and value, in insertion order,
    /// followed by the hot fields as numbers (`null` when not finite).
    pub fn snapshot(&self) -> Json {
        let mut object: serde_json::Map<String, Json> =
            self.inner.values.lock().iter_mut().map(|(k, e)| (k.clone(), e.value().clone())).collect();
        if let Some(hot) = self.inner.hot.get() {
            for (name, x) in hot.names.iter().zip(hot.buffer.to_vec()) {
                object.insert(name.clone(), x.to_json());
            }
        }
        Json::Object(object)
    }

    /// Restores a [`snapshot`](Self::snapshot): the map becomes the
    /// snapshot's fields that are not hot fields, and each hot field takes
    /// its number from the snapshot (`null` is NaN; a missing one is
    /// `0.0`). Everything is written in one batch: deriveds and effects
    /// see the whole restore at once, and subscribers are called for each
    /// key that changed or was removed.
    ///
    /// # Errors
    /// Returns the input back when it is not a JSON object, or when a hot
    /// field holds something other than a number or `null`; nothing
    /// changes then.
    pub fn restore(&self, snapshot: Json) -> Result<(), Json> {
        let Json::Object(mut fields) = snapshot else { return Err(snapshot) };
        let hot = self.inner.hot.get();
        let mut numbers = Vec::new();
        if let Some(hot) = hot {
            for name in hot.names.iter() {
                match fields.get(name) {
                    None => numbers.push(0.0),
                    Some(j) => match f64::from_json(j) {
                        Some(x) => numbers.push(x),
                        None => return Err(Json::Object(fields)),
                    },
                }
            }
            for name in hot.names.iter() {
                fields.remove(name);
            }
        }
        self.inner.graph.batch(|| {
            let changes: Vec<(String, Option<Json>)> = {
                let mut values = self.inner.values.lock();
                let mut changes: Vec<(String, Option<Json>)> =
                    values.keys().filter(|k| !fields.contains_key(*k)).map(|k| (k.clone(), None)).collect();
                for (k, v) in &fields {
                    if !values.get_mut(k).is_some_and(|e| e.value_eq(v)) {
                        changes.push((k.clone(), Some(v.clone())));
                    }
                }
                let version = self.bump_version();
                *values = fields.into_iter().map(|(k, v)| (k, Entry::from_value(v, version))).collect();
                changes
            };
            for (k, v) in changes {
                self.key_changed(k, v);
            }
            if let Some(hot) = hot {
                hot.buffer.set_batch(numbers.into_iter().enumerate());
            }
        });
        Ok(())
    }
}
