//! The stop signal shared by a network's processes.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};

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

    /// Ready once stop was requested; registers process `slot`'s waker.
    pub(crate) fn poll_stopped(&self, slot: usize, cx: &mut Context<'_>) -> Poll<()> {
        self.wakers[slot].register(cx.waker());
        if self.is_triggered() { Poll::Ready(()) } else { Poll::Pending }
    }
}
