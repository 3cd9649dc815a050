//! The executor seam: every spawn in actor-core goes through this module.
//!
//! The core never calls `tokio::spawn` or `Handle::current()` anywhere else.
//! A [`Network`](crate::network::Network) is given an [`Executor`] (through
//! [`NetworkOptions`](crate::network::NetworkOptions)); on native targets the
//! default is [`TokioExecutor`], which spawns on whichever tokio runtime is
//! current when the network starts, current-thread or multi-thread. In a
//! browser, `actor-wasm` supplies an executor built on
//! `wasm_bindgen_futures::spawn_local`.
//!
//! Timers and the clock go through the executor too ([`Executor::sleep`],
//! [`Executor::now`]): only supervision uses them, for restart backoff and
//! the restart window. `tokio::time::sleep` and `Instant::now()` panic on
//! `wasm32-unknown-unknown`, so an executor there supplies its own or none.
//!
//! [`Budget`] is cooperative scheduling: a process task yields to the
//! executor after a bounded amount of work, so that a process which always
//! has input (a self-loop) still lets its stop signal and the other tasks
//! on its thread run.
//!
//! [`MaybeSend`] and [`MaybeSync`] are `Send`/`Sync` on native targets and
//! empty on `wasm32`, where JavaScript values are `!Send` and everything runs
//! on one thread.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

pub(crate) mod defer;
#[cfg(not(target_arch = "wasm32"))]
mod pinned;

#[cfg(not(target_arch = "wasm32"))]
pub use pinned::PinnedExecutor;

/// `Send` on native targets; implemented by every type on `wasm32`.
#[cfg(not(target_arch = "wasm32"))]
pub trait MaybeSend: Send {}
#[cfg(not(target_arch = "wasm32"))]
impl<T: Send + ?Sized> MaybeSend for T {}

/// `Send` on native targets; implemented by every type on `wasm32`.
#[cfg(target_arch = "wasm32")]
pub trait MaybeSend {}
#[cfg(target_arch = "wasm32")]
impl<T: ?Sized> MaybeSend for T {}

/// `Sync` on native targets; implemented by every type on `wasm32`.
#[cfg(not(target_arch = "wasm32"))]
pub trait MaybeSync: Sync {}
#[cfg(not(target_arch = "wasm32"))]
impl<T: Sync + ?Sized> MaybeSync for T {}

/// `Sync` on native targets; implemented by every type on `wasm32`.
#[cfg(target_arch = "wasm32")]
pub trait MaybeSync {}
#[cfg(target_arch = "wasm32")]
impl<T: ?Sized> MaybeSync for T {}

/// A boxed future that is `Send` on native targets (and need not be on `wasm32`).
#[cfg(not(target_arch = "wasm32"))]
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;
/// A boxed future that is `Send` on native targets (and need not be on `wasm32`).
#[cfg(target_arch = "wasm32")]
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + 'a>>;

/// Something that can run `'static` futures to completion in the background.
///
/// Implement this to run networks on an executor other than tokio. The
/// executor must poll every spawned task until it completes; it need not
/// report results (the network collects them itself).
pub trait Executor: MaybeSend + MaybeSync + fmt::Debug + 'static {
    /// Starts `task` in the background. Must not poll it inline.
    fn spawn(&self, task: BoxFuture<'static, ()>);

    /// Starts `task` in the background at `place`, a hint for an executor
    /// with several threads: tasks given the same place should share a
    /// thread, and consecutive places should spread over the threads. A
    /// network gives each process its position in a topological order of
    /// the graph (see [`PinnedExecutor`]). The default ignores the place
    /// and calls [`spawn`](Executor::spawn).
    fn spawn_at(&self, place: usize, task: BoxFuture<'static, ()>) {
        let _ = place;
        self.spawn(task);
    }

    /// A future that completes after `duration`, or `None` when this
    /// executor has no timer (the default). Without one, a restarted
    /// process starts again at once, with no backoff.
    fn sleep(&self, duration: Duration) -> Option<BoxFuture<'static, ()>> {
        let _ = duration;
        None
    }

    /// Monotonic time since an origin of the executor's choosing, or
    /// `None` when it has no clock (the default). Without one, every
    /// restart counts towards a process's `max_restarts` for the whole run.
    fn now(&self) -> Option<Duration> {
        None
    }
}

/// Spawns on a tokio runtime (native targets only).
///
/// Works with both the current-thread and the multi-thread runtime; which
/// one runs the network is the caller's choice of runtime.
#[cfg(not(target_arch = "wasm32"))]
#[derive(Debug, Clone)]
pub struct TokioExecutor {
    handle: tokio::runtime::Handle,
}

#[cfg(not(target_arch = "wasm32"))]
impl TokioExecutor {
    /// Uses the runtime of the calling context.
    ///
    /// # Errors
    /// [`NoRuntime`] when called outside a tokio runtime.
    pub fn current() -> Result<Self, NoRuntime> {
        tokio::runtime::Handle::try_current()
            .map(|handle| Self { handle })
            .map_err(|_| NoRuntime)
    }

    /// Uses the runtime behind `handle`.
    pub fn from_handle(handle: tokio::runtime::Handle) -> Self {
        Self { handle }
    }
}

/// `TokioExecutor`'s clock origin: the first time it is read.
#[cfg(not(target_arch = "wasm32"))]
static ORIGIN: std::sync::OnceLock<tokio::time::Instant> = std::sync::OnceLock::new();

#[cfg(not(target_arch = "wasm32"))]
impl Executor for TokioExecutor {
    fn spawn(&self, task: BoxFuture<'static, ()>) {
        drop(self.handle.spawn(task));
    }

    /// `tokio::time::sleep`. The runtime needs its time driver
    /// (`enable_time`, or `enable_all` as `#[tokio::main]` does); without
    /// it the sleep panics when first polled, and supervision catches that
    /// and restarts without a delay.
    fn sleep(&self, duration: Duration) -> Option<BoxFuture<'static, ()>> {
        Some(Box::pin(tokio::time::sleep(duration)))
    }

    /// `tokio::time::Instant` since the first call (so a runtime with
    /// paused time is followed).
    fn now(&self) -> Option<Duration> {
        Self::clock()
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl TokioExecutor {
    /// `tokio::time::Instant` since the first call.
    pub(crate) fn clock() -> Option<Duration> {
        let now = tokio::time::Instant::now();
        Some(now.saturating_duration_since(*ORIGIN.get_or_init(|| now)))
    }
}

/// No executor was given and none could be found (outside a tokio runtime, or on `wasm32`).
#[derive(Debug, Clone, Copy, thiserror::Error)]
#[error("no executor: start the network inside a tokio runtime or pass NetworkOptions::executor")]
pub struct NoRuntime;

/// The default executor for this target: the current tokio runtime on native
/// targets; on `wasm32` there is none and the caller must pass one.
pub(crate) fn default_executor() -> Result<std::sync::Arc<dyn Executor>, NoRuntime> {
    #[cfg(not(target_arch = "wasm32"))]
    {
        Ok(std::sync::Arc::new(TokioExecutor::current()?))
    }
    #[cfg(target_arch = "wasm32")]
    {
        Err(NoRuntime)
    }
}

/// Yields once to the executor, so other tasks can run.
///
/// Works on any executor: it wakes itself and returns `Pending` once.
pub async fn yield_now() {
    struct YieldNow(bool);
    impl Future for YieldNow {
        type Output = ();
        fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
            if self.0 {
                Poll::Ready(())
            } else {
                self.0 = true;
                cx.waker().wake_by_ref();
                Poll::Pending
            }
        }
    }
    YieldNow(false).await
}

/// A task's cooperative-scheduling budget: how much work (channel
/// operations) it does before it yields to the executor.
///
/// Channels with room and waiting packets never make a task wait, so a
/// process with a self-loop would otherwise run forever without returning
/// to the executor: neither a stop request nor, on a current-thread
/// runtime, any other task would get a turn. Each process spends one unit
/// per channel operation: a packet sent alone, or a chunk of packets sent
/// or received (a chunk moves under one lock, as one packet does), and
/// yields once per [`Budget::UNITS`]. Tokio's own cooperative budget
/// counts operations on its resources the same way.
#[derive(Debug, Clone)]
pub struct Budget {
    left: u32,
}

impl Budget {
    /// Units of work between two yields.
    pub const UNITS: u32 = 256;

    /// A full budget.
    pub fn new() -> Self {
        Self { left: Self::UNITS }
    }

    /// Spends one unit; `false` (and refilled) when the budget was used up,
    /// and the caller should yield (with [`yield_now`]) before going on.
    #[inline]
    pub fn take_one(&mut self) -> bool {
        if self.left > 1 {
            self.left -= 1;
            true
        } else {
            self.left = Self::UNITS;
            false
        }
    }

    /// Spends `n` units; yields once (and refills) when the budget is used up.
    ///
    /// # Cancel safety
    /// Cancel safe: the budget is refilled before the yield.
    #[inline]
    pub async fn spend(&mut self, n: u32) {
        if self.left > n {
            self.left -= n;
        } else {
            self.left = Self::UNITS;
            yield_now().await;
        }
    }
}

impl Default for Budget {
    fn default() -> Self {
        Self::new()
    }
}
