//! The stop signal shared by a network's processes.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll, Waker};

use futures::task::AtomicWaker;

/// One flag for the whole network, and one flag and one waker slot per process.
#[derive(Debug)]
pub(crate) struct StopSignal {
    flag: AtomicBool,
    stopped: Box<[AtomicBool]>,
    wakers: Box<[AtomicWaker]>,
}

impl StopSignal {
    pub(crate) fn new(processes: usize) -> Arc<Self> {
        Arc::new(Self {
            flag: AtomicBool::new(false),
            stopped: (0..processes).map(|_| AtomicBool::new(false)).collect(),
            wakers: (0..processes).map(|_| AtomicWaker::new()).collect(),
        })
    }

    /// Asks every process to stop. Idempotent.
    pub(crate) fn trigger(&self) {
        if !self.flag.swap(true, Ordering::AcqRel) {
            for w in self.wakers.iter() {
                w.wake();
            }
        }
    }

    /// Asks only the processes at `slots` to stop; the others go on.
    pub(crate) fn trigger_some(&self, slots: impl IntoIterator<Item = usize>) {
        for slot in slots {
            if !self.stopped[slot].swap(true, Ordering::AcqRel) {
                self.wakers[slot].wake();
            }
        }
    }

    /// Whether process `slot` was asked to stop (alone or with the rest).
    pub(crate) fn is_stopped(&self, slot: usize) -> bool {
        self.is_triggered() || self.stopped[slot].load(Ordering::Acquire)
    }

    pub(crate) fn is_triggered(&self) -> bool {
        self.flag.load(Ordering::Acquire)
    }

    /// Ready once stop was requested. Registers process `slot`'s waker
    /// only when it differs from `registered`, the one registered last:
    /// a task's waker rarely changes, and re-registering on every poll
    /// would write a cache line shared with other processes' slots.
    pub(crate) fn poll_stopped(&self, slot: usize, registered: &mut Option<Waker>, cx: &mut Context<'_>) -> Poll<()> {
        if self.is_stopped(slot) {
            return Poll::Ready(());
        }
        if !registered.as_ref().is_some_and(|w| w.will_wake(cx.waker())) {
            self.wakers[slot].register(cx.waker());
            *registered = Some(cx.waker().clone());
        }
        // A trigger between the first check and the registration found no
        // waker to wake; look again.
        if self.is_stopped(slot) { Poll::Ready(()) } else { Poll::Pending }
    }
}
