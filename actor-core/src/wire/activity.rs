//! In-flight accounting: how a network with a cycle knows it is quiescent.
//!
//! A network whose graph has a cycle cannot end by completion flowing
//! downstream: the cycle keeps its own inports open. It ends instead when
//! nothing is left to do. [`Activity`] counts the work not done yet, in
//! units that begin and end in pairs:
//!
//! | unit | begins | ends |
//! |---|---|---|
//! | a packet in flight on a connection inside the network | when sent ([`Target`](super::Target)) | when its receiving activation returns, or when it is dropped undelivered |
//! | an IIP | when queued at build time | when its receiving activation returns |
//! | a source process's single activation | at start | when it returns |
//! | a process that finishes on its own (not on or after a cycle) | at start | when it ends |
//! | a live exported-inport handle | when made | when its last clone drops |
//! | a packet an exported-inport handle is sending | when the send starts | when received (handed over), or on a failed or cancelled send |
//!
//! When the count drops to zero the supervisor is woken. Nothing else in
//! the crate touches the count: every adjustment goes through this type.

use std::sync::Arc;
use std::sync::atomic::{AtomicIsize, Ordering};
use std::task::{Context, Poll};

use futures::task::AtomicWaker;

/// The count of a network's unfinished work (see the [module docs](self)).
///
/// Cloning shares the count. In a network without a cycle nobody needs it:
/// [`Activity::off`] makes every call a no-op and [`poll_idle`](Self::poll_idle)
/// never ready.
#[derive(Debug, Clone, Default)]
pub(crate) struct Activity(Option<Arc<Counter>>);

#[derive(Debug, Default)]
struct Counter {
    count: AtomicIsize,
    waker: AtomicWaker,
}

impl Activity {
    /// No counting (a network without a cycle, or packets leaving the network).
    pub(crate) fn off() -> Self {
        Self(None)
    }

    /// A new count at zero.
    pub(crate) fn on() -> Self {
        Self(Some(Arc::default()))
    }

    /// `n` units of work begin.
    #[inline]
    pub(crate) fn begin(&self, n: usize) {
        if let Some(c) = &self.0 {
            c.count.fetch_add(n as isize, Ordering::AcqRel);
        }
    }

    /// `n` units of work end; wakes the supervisor when none is left.
    #[inline]
    pub(crate) fn end(&self, n: usize) {
        if let Some(c) = &self.0 {
            if c.count.fetch_sub(n as isize, Ordering::AcqRel) == n as isize {
                c.waker.wake();
            }
        }
    }

    /// One unit of work that ends when the guard is dropped, unless
    /// [`WorkGuard::hand_over`] passes it on to whoever ends it later.
    pub(crate) fn guard(&self) -> WorkGuard<'_> {
        self.begin(1);
        WorkGuard(Some(self))
    }

    /// Ready once no work is left; never ready when counting is off.
    pub(crate) fn poll_idle(&self, cx: &mut Context<'_>) -> Poll<()> {
        let Some(c) = &self.0 else { return Poll::Pending };
        c.waker.register(cx.waker());
        if c.count.load(Ordering::Acquire) <= 0 { Poll::Ready(()) } else { Poll::Pending }
    }
}

/// A unit of work in progress (see [`Activity::guard`]).
#[derive(Debug)]
pub(crate) struct WorkGuard<'a>(Option<&'a Activity>);

impl WorkGuard<'_> {
    /// The work goes on past this guard: whoever received it ends it.
    pub(crate) fn hand_over(mut self) {
        self.0 = None;
    }
}

impl Drop for WorkGuard<'_> {
    fn drop(&mut self) {
        if let Some(a) = self.0 {
            a.end(1);
        }
    }
}
