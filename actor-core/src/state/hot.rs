//! Hot numeric fields: named slots of a [`SharedSlotBuffer<f64>`].

use std::collections::HashMap;
use std::sync::Arc;

use super::subscribers::Subscribers;
use super::{LiveMemoryState, StateError};
use crate::reactive::{Repeater, SharedSlotBuffer, SlotElement, SlotListener, SlotRef};
use crate::wire::OutPort;

/// The declared hot fields of a state.
pub(super) struct Hot {
    pub(super) names: Arc<[String]>,
    index: HashMap<String, usize>,
    pub(super) buffer: SharedSlotBuffer<f64>,
}

impl LiveMemoryState {
    /// Declares the hot numeric fields, each backed by one slot (in this
    /// order) of a new [`SharedSlotBuffer<f64>`], all starting at `0.0`.
    /// Declaring the same list again does nothing, so every process and
    /// handle sharing the state may call it.
    ///
    /// # Errors
    /// [`StateError::AlreadyDeclared`] if a different list was declared;
    /// [`StateError::NameInUse`] if a name is a key of the JSON map or is
    /// listed twice. Nothing changes then.
    pub fn declare_hot(&self, names: &[&str]) -> Result<(), StateError> {
        let same_as = |hot: &Hot| hot.names.iter().map(String::as_str).eq(names.iter().copied());
        if let Some(hot) = self.inner.hot.get() {
            return if same_as(hot) { Ok(()) } else { Err(already(hot, names)) };
        }
        {
            let values = self.inner.values.lock();
            for (i, name) in names.iter().enumerate() {
                if values.contains_key(*name) || names[..i].contains(name) {
                    return Err(StateError::NameInUse { name: (*name).to_string() });
                }
            }
        }
        let names_owned: Arc<[String]> = names.iter().map(|s| (*s).to_string()).collect();
        let buffer = SharedSlotBuffer::<f64>::new(&self.inner.graph, names.len());
        buffer.set_listener(Arc::new(HotListener {
            subscribers: self.inner.subscribers.clone(),
            names: names_owned.clone(),
        }));
        let index = names.iter().enumerate().map(|(i, n)| ((*n).to_string(), i)).collect();
        let hot = Hot { names: names_owned, index, buffer };
        let mut fresh = Some(hot);
        let won = self.inner.hot.get_or_init(|| fresh.take().expect("once"));
        if fresh.is_some() && !same_as(won) {
            return Err(already(won, names));
        }
        Ok(())
    }

    /// The declared hot fields, in slot order (empty before `declare_hot`).
    pub fn hot_fields(&self) -> Vec<String> {
        self.inner.hot.get().map_or_else(Vec::new, |h| h.names.to_vec())
    }

    /// The buffer behind the hot fields (slot `i` is `hot_fields()[i]`),
    /// or `None` before `declare_hot`. Writing it directly notifies the
    /// state's subscribers as [`set_number`](Self::set_number) does.
    pub fn hot_buffer(&self) -> Option<SharedSlotBuffer<f64>> {
        self.inner.hot.get().map(|h| h.buffer.clone())
    }

    /// Whether `name` is a declared hot field.
    pub fn is_hot(&self, name: &str) -> bool {
        self.inner.hot.get().is_some_and(|h| h.index.contains_key(name))
    }

    /// The slot of hot field `name`, as a [`Repeater`] source or target.
    ///
    /// # Errors
    /// [`StateError::UnknownField`] if `name` is not a declared hot field.
    pub fn hot_slot(&self, name: &str) -> Result<SlotRef<f64>, StateError> {
        let (hot, i) = self.hot_index(name)?;
        Ok(hot.buffer.slot(i))
    }

    /// The number at `name`: a hot field (tracked inside a derived or
    /// effect), else a JSON map value that is a number.
    pub fn get_number(&self, name: &str) -> Option<f64> {
        self.hot_get(name).or_else(|| self.get(name).and_then(|j| j.as_f64()))
    }

    /// Writes hot field `name` (see [`SharedSlotBuffer::set`]: nothing
    /// happens when the bits are the same, so NaN twice notifies once).
    /// Returns whether the value changed.
    ///
    /// # Errors
    /// [`StateError::UnknownField`] if `name` is not a declared hot field.
    pub fn set_number(&self, name: &str, value: f64) -> Result<bool, StateError> {
        let (hot, i) = self.hot_index(name)?;
        Ok(hot.buffer.set(i, value))
    }

    /// Forwards every change of hot field `name` to `outport` as a data
    /// packet (a `Float`), until the returned [`Repeater`] is dropped. See
    /// [`Repeater`] for the guarantees and
    /// [`OutPort::try_send_or_queue`] for a full connection. Inside a
    /// process, prefer
    /// [`ActorRunContext::repeat_to_outport`](crate::ActorRunContext::repeat_to_outport),
    /// which keeps the repeater for the process's life.
    ///
    /// # Errors
    /// [`StateError::UnknownField`] if `name` is not a declared hot field.
    pub fn repeat_to_outport(&self, name: &str, outport: &OutPort) -> Result<Repeater, StateError> {
        Ok(Repeater::new(self.hot_slot(name)?, outport.clone()))
    }

    pub(super) fn hot_get(&self, name: &str) -> Option<f64> {
        let hot = self.inner.hot.get()?;
        hot.index.get(name).map(|&i| hot.buffer.get(i))
    }

    pub(super) fn hot_get_untracked(&self, name: &str) -> Option<f64> {
        let hot = self.inner.hot.get()?;
        hot.index.get(name).map(|&i| hot.buffer.peek(i))
    }

    fn hot_index(&self, name: &str) -> Result<(&Hot, usize), StateError> {
        let hot = self.inner.hot.get();
        match hot.and_then(|h| h.index.get(name).map(|&i| (h, i))) {
            Some(found) => Ok(found),
            None => Err(StateError::UnknownField {
                name: name.to_string(),
                declared: hot.map_or_else(String::new, |h| h.names.join(", ")),
            }),
        }
    }
}

/// Calls the state's subscribers of a hot field after it changed.
struct HotListener {
    subscribers: Subscribers,
    names: Arc<[String]>,
}

impl SlotListener<f64> for HotListener {
    fn is_active(&self) -> bool {
        !self.subscribers.is_empty()
    }

    fn changed(&self, index: usize, value: f64) {
        self.subscribers.notify(&self.names[index], Some(&value.to_json()));
    }
}

fn already(hot: &Hot, names: &[&str]) -> StateError {
    StateError::AlreadyDeclared { declared: hot.names.join(", "), requested: names.join(", ") }
}
