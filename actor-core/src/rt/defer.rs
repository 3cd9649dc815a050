//! Deferred wakes: a task's wakes of other tasks, gathered during one poll
//! and delivered when the poll returns.
//!
//! On an executor whose tasks live on different threads, waking a task of
//! another thread that sleeps costs a system call on each side and a
//! context switch. A process that sends a chunk, then another, then a
//! third, would wake its consumer once per chunk, and a consumer faster
//! than its producer goes back to sleep in between: thousands of switches
//! a second, for no work. [`Deferring`] gathers the wakes a task makes
//! while it is polled and delivers each distinct waker once, when the poll
//! returns, so the consumer wakes once per poll of its producer.
//!
//! A channel still wakes at once when its queue has filled halfway (see
//! `wire::channel`), so a producer that runs for a long poll does not keep
//! its consumer idle. Outside a [`Deferring`] poll (on a single-thread
//! executor, or from code that is not a process task) every wake is
//! delivered at once: [`wake`] is then `Waker::wake`.
//!
//! The same idea is Linux NAPI's interrupt mitigation and the batched
//! wake-ups of io_uring's completion queue: deliver one notification for a
//! burst of events, at the burst's end.

// On wasm32 no executor defers (everything runs on one thread).
#![cfg_attr(target_arch = "wasm32", allow(dead_code))]

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

thread_local! {
    /// The wakes gathered during the current [`Deferring`] poll of this
    /// thread; `None` outside one.
    static DEFERRED: RefCell<Option<Vec<Waker>>> = const { RefCell::new(None) };
    /// Whether a [`Deferring`] poll runs on this thread: the one check a
    /// wake makes on an executor that does not defer.
    static DEFERRING: Cell<bool> = const { Cell::new(false) };
}

/// Wakes `waker`, or, during a [`Deferring`] poll on this thread, keeps it
/// (once: a waker that would wake the same task is kept only once) until
/// that poll returns.
#[inline]
pub(crate) fn wake(waker: Waker) {
    if !DEFERRING.with(Cell::get) {
        waker.wake();
        return;
    }
    keep(waker);
}

#[cold]
fn keep(waker: Waker) {
    let kept = DEFERRED.with(|d| match d.try_borrow_mut() {
        Ok(mut d) => match d.as_mut() {
            Some(list) => {
                if !list.iter().any(|w| w.will_wake(&waker)) {
                    list.push(waker.clone());
                }
                true
            }
            None => false,
        },
        Err(_) => false,
    });
    if !kept {
        waker.wake();
    }
}

/// A future whose polls defer the wakes they make (see the [module docs](self)).
///
/// Wraps a whole task: the wakes gathered during a poll are delivered when
/// that poll returns, whether it returns `Ready`, `Pending` or unwinds.
/// Polls nest: an inner `Deferring` delivers its own wakes when it returns.
pub(crate) struct Deferring<F> {
    inner: Pin<Box<F>>,
}

impl<F> Deferring<F> {
    pub(crate) fn new(inner: F) -> Self {
        Self { inner: Box::pin(inner) }
    }
}

/// Delivers the gathered wakes when dropped, and restores what an outer
/// poll had gathered.
struct Deliver {
    outer: Option<Vec<Waker>>,
}

impl Drop for Deliver {
    fn drop(&mut self) {
        let outer = self.outer.take();
        DEFERRING.with(|f| f.set(outer.is_some()));
        let gathered = DEFERRED.with(|d| std::mem::replace(&mut *d.borrow_mut(), outer));
        for w in gathered.into_iter().flatten() {
            w.wake();
        }
    }
}

impl<F: Future> Future for Deferring<F> {
    type Output = F::Output;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let outer = DEFERRED.with(|d| d.borrow_mut().replace(Vec::new()));
        DEFERRING.with(|f| f.set(true));
        let _deliver = Deliver { outer };
        self.inner.as_mut().poll(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::task::Wake;

    struct Count(AtomicUsize);
    impl Wake for Count {
        fn wake(self: Arc<Self>) {
            self.0.fetch_add(1, Ordering::SeqCst);
        }
    }

    fn poll_once<F: Future>(f: F) -> Poll<F::Output> {
        let mut f = std::pin::pin!(f);
        f.as_mut().poll(&mut Context::from_waker(Waker::noop()))
    }

    #[test]
    fn outside_a_deferring_poll_a_wake_is_delivered_at_once() {
        let count = Arc::new(Count(AtomicUsize::new(0)));
        wake(Waker::from(count.clone()));
        assert_eq!(count.0.load(Ordering::SeqCst), 1);
    }

    #[test]
    fn wakes_during_a_poll_are_delivered_once_each_when_it_returns() {
        let a = Arc::new(Count(AtomicUsize::new(0)));
        let b = Arc::new(Count(AtomicUsize::new(0)));
        let (a2, b2) = (a.clone(), b.clone());
        let seen_during = Arc::new(AtomicUsize::new(usize::MAX));
        let seen = seen_during.clone();
        let task = Deferring::new(async move {
            let wa = Waker::from(a2.clone());
            for _ in 0..5 {
                wake(wa.clone());
            }
            wake(Waker::from(b2));
            seen.store(a2.0.load(Ordering::SeqCst), Ordering::SeqCst);
        });
        assert!(poll_once(task).is_ready());
        assert_eq!(seen_during.load(Ordering::SeqCst), 0, "nothing is delivered during the poll");
        assert_eq!(a.0.load(Ordering::SeqCst), 1, "five wakes of one task are delivered once");
        assert_eq!(b.0.load(Ordering::SeqCst), 1);
        // After the poll, wakes are delivered at once again.
        wake(Waker::from(a.clone()));
        assert_eq!(a.0.load(Ordering::SeqCst), 2);
    }

    #[test]
    fn wakes_are_delivered_when_the_poll_unwinds() {
        let a = Arc::new(Count(AtomicUsize::new(0)));
        let a2 = a.clone();
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            poll_once(Deferring::new(async move {
                wake(Waker::from(a2));
                panic!("the task fails");
            }))
        }));
        assert!(result.is_err());
        assert_eq!(a.0.load(Ordering::SeqCst), 1);
    }
}
