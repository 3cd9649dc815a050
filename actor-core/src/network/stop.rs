//! The stop signal shared by a network's processes.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll, Waker};

use futures::task::AtomicWaker;

/// One flag for the whole network and one waker slot per process.
#[derive(Debug)]
pub(crate) struct StopSignal {
    flag: AtomicBool,
    wakers: Box<[AtomicWaker]>,
}

impl StopSignal {
    pub(crate) fn new(processes: usize) -> Arc<Self> {
        Arc::new(Self { flag: AtomicBool::new(false), wakers: (0..processes).map(|_| AtomicWaker::new()).collect() })
    }

    /// Asks every process to stop. Idempotent.
    pub(crate) fn trigger(&self) {
        if !self.flag.swap(true, Ordering::AcqRel) {
            for w in self.wakers.iter() {
                w.wake();
            }
        }
    }

    pub(crate) fn is_triggered(&self) -> bool {
        self.flag.load(Ordering::Acquire)
    }

    /// Ready once stop was requested. Registers process `slot`'s waker
    /// only when it differs from `registered`, the one registered last:
    /// a task's waker rarely changes, and re-registering on every poll
    /// would write a cache line shared with other processes' slots.
    pub(crate) fn poll_stopped(&self, slot: usize, registered: &mut Option<Waker>, cx: &mut Context<'_>) -> Poll<()> {
        if self.is_triggered() {
            return Poll::Ready(());
        }
        if !registered.as_ref().is_some_and(|w| w.will_wake(cx.waker())) {
            self.wakers[slot].register(cx.waker());
            *registered = Some(cx.waker().clone());
        }
        // A trigger between the first check and the registration found no
        // waker to wake; look again.
        if self.is_triggered() { Poll::Ready(()) } else { Poll::Pending }
    }
}
