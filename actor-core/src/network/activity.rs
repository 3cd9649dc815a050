//! Quiescence detection for graphs with cycles.

use std::sync::atomic::{AtomicIsize, Ordering};
use std::task::{Context, Poll};

use futures::task::AtomicWaker;

/// Counts work that is not done yet: packets in flight, activations and
/// source runs in progress, and live exported-inport handles. When it drops
/// to zero the network is quiescent and the supervisor is woken.
#[derive(Debug, Default)]
pub(crate) struct Activity {
    count: AtomicIsize,
    waker: AtomicWaker,
}

impl Activity {
    pub(crate) fn add(&self, n: isize) {
        self.count.fetch_add(n, Ordering::AcqRel);
    }

    pub(crate) fn done(&self) {
        self.done_n(1);
    }

    pub(crate) fn done_n(&self, n: usize) {
        if self.count.fetch_sub(n as isize, Ordering::AcqRel) == n as isize {
            self.waker.wake();
        }
    }

    /// Ready once the count is zero.
    pub(crate) fn poll_idle(&self, cx: &mut Context<'_>) -> Poll<()> {
        self.waker.register(cx.waker());
        if self.count.load(Ordering::Acquire) <= 0 { Poll::Ready(()) } else { Poll::Pending }
    }
}
