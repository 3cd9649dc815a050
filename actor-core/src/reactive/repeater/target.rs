//! Where a [`Repeater`](super::Repeater) forwards to.

use crate::wire::OutPort;
use crate::reactive::{SlotElement, SlotRef};
use crate::{Packet, Value};

mod sealed {
    pub trait Sealed {}
}

/// A target of a [`Repeater`](super::Repeater): a buffer [`SlotRef`] (the
/// value converted with `Into`) or an [`OutPort`] (the value sent as a
/// data packet). Sealed, so that no user code runs inside a forward.
pub trait RepeatTarget<V>: sealed::Sealed + Send + 'static {
    /// Delivers one value. Never waits.
    fn forward(&mut self, value: V);
}

impl<T: SlotElement> sealed::Sealed for SlotRef<T> {}
impl<T: SlotElement, V: Into<T>> RepeatTarget<V> for SlotRef<T> {
    fn forward(&mut self, value: V) {
        self.set(value.into());
    }
}

impl sealed::Sealed for OutPort {}
impl<V: Into<Value>> RepeatTarget<V> for OutPort {
    fn forward(&mut self, value: V) {
        self.try_send_or_queue(Packet::Data(value.into()));
    }
}
