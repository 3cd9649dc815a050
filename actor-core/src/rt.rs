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
//! The core uses no timers and never reads the clock, so nothing here wraps
//! `sleep` or `Instant::now()` (both panic on `wasm32-unknown-unknown`).
//!
//! [`MaybeSend`] and [`MaybeSync`] are `Send`/`Sync` on native targets and
//! empty on `wasm32`, where JavaScript values are `!Send` and everything runs
//! on one thread.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

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

#[cfg(not(target_arch = "wasm32"))]
impl Executor for TokioExecutor {
    fn spawn(&self, task: BoxFuture<'static, ()>) {
        drop(self.handle.spawn(task));
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
