//! [`SlotRef`]: one slot of a buffer, as a repeater source or target.

use std::fmt;

use super::{SharedSlotBuffer, SlotElement};

/// One slot of a [`SharedSlotBuffer`]: a buffer handle and a 0-based index.
/// Made by [`SharedSlotBuffer::slot`].
pub struct SlotRef<T: SlotElement> {
    pub(super) buffer: SharedSlotBuffer<T>,
    pub(super) index: usize,
}

impl<T: SlotElement> SlotRef<T> {
    /// The buffer.
    pub fn buffer(&self) -> &SharedSlotBuffer<T> {
        &self.buffer
    }

    /// The slot index, 0-based.
    pub fn index(&self) -> usize {
        self.index
    }

    /// The value, tracked.
    pub fn get(&self) -> T {
        self.buffer.get(self.index)
    }

    /// The value, not tracked.
    pub fn peek(&self) -> T {
        self.buffer.peek(self.index)
    }

    /// Writes the value; see [`SharedSlotBuffer::set`].
    pub fn set(&self, value: T) -> bool {
        self.buffer.set(self.index, value)
    }
}

impl<T: SlotElement> Clone for SlotRef<T> {
    fn clone(&self) -> Self {
        Self { buffer: self.buffer.clone(), index: self.index }
    }
}

impl<T: SlotElement> fmt::Debug for SlotRef<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SlotRef").field("index", &self.index).field("value", &self.peek()).finish()
    }
}
