//! One-for-one supervision: the task around each process, which restarts
//! it after a failure when its [`FailurePolicy`] says so, and otherwise
//! fails the run as the policy's `on_failure` says.
//!
//! As in Erlang/OTP's `one_for_one` strategy
//! (<https://www.erlang.org/doc/system/sup_princ.html>), only the failed
//! process is restarted, and more than `max_restarts` restarts within
//! `restart_within` seconds end the restarting: the failure then fails the
//! run. A restart makes a fresh actor with the registry's factory and hands
//! it the same [`ProcessIo`]: the same inport channels (no queued packet is
//! lost), the same context with its outports, repeaters and input buffer,
//! and the same [`LiveMemoryState`](crate::LiveMemoryState) instance. The
//! packets in hand when it failed are given again first (see
//! [`ActorRunContext::take`](crate::ActorRunContext::take)).

use std::collections::VecDeque;
use std::future::poll_fn;
use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use std::time::Duration;

use futures::FutureExt;
use serde_json::Value as Json;

use super::build::make_actor;
use super::handles::NetworkHandle;
use crate::graph::{FailurePolicy, OnFailure, Restart};
use crate::process::{DynActor, ProcessExit, ProcessIo};
use crate::registry::Factory;
use crate::rt::Executor;

/// A process was restarted after a failure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RestartEvent {
    /// The process.
    pub process: String,
    /// Its component.
    pub component: String,
    /// How many times it was restarted in this run, this restart included.
    pub restarts: u32,
    /// Why the instance failed: its error's message, or `panicked: <message>`.
    pub cause: String,
    /// The delay before the fresh instance starts, in milliseconds.
    pub backoff_ms: u64,
}

/// The restarts of a network, as they happen (see
/// [`NetworkHandle::restart_events`]).
#[derive(Debug)]
pub struct RestartEvents {
    rx: flume::Receiver<RestartEvent>,
}

impl RestartEvents {
    pub(super) fn new(rx: flume::Receiver<RestartEvent>) -> Self {
        Self { rx }
    }

    /// The next restart; `None` once the run has ended and every restart
    /// was received.
    ///
    /// # Cancel safety
    /// Cancel safe.
    pub async fn recv(&self) -> Option<RestartEvent> {
        self.rx.recv_async().await.ok()
    }

    /// The next restart if one is waiting.
    pub fn try_recv(&self) -> Option<RestartEvent> {
        self.rx.try_recv().ok()
    }
}

/// What the task around one process needs to supervise it.
pub(super) struct Supervisor {
    pub(super) slot: usize,
    pub(super) name: Arc<str>,
    pub(super) component: String,
    pub(super) policy: FailurePolicy,
    /// Makes a fresh actor (`restart=on_failure` only).
    pub(super) factory: Option<Factory>,
    pub(super) config: Arc<Json>,
    pub(super) executor: Arc<dyn Executor>,
    pub(super) handle: NetworkHandle,
}

impl Supervisor {
    /// Runs the process, restarting it as its policy allows, and returns
    /// how it ended for good.
    pub(super) async fn run(self, mut actor: Box<dyn DynActor>, mut io: ProcessIo) -> ProcessExit {
        let mut window = Window::default();
        let mut restarts = 0u32;
        loop {
            let (exit, back) = actor.start(io).await;
            let Some(mut failed) = back else { return exit };
            let cause = match &exit {
                ProcessExit::Failed(e) => e.to_string(),
                ProcessExit::Panicked(msg) => format!("panicked: {msg}"),
                ProcessExit::Finished | ProcessExit::Stopped => String::new(),
            };
            let stop = &self.handle.shared.stop;
            let allowed = match (&self.policy.restart, &self.factory) {
                (Restart::OnFailure { max_restarts, within, .. }, Some(factory)) if !stop.is_stopped(self.slot) => {
                    window.admit(self.executor.now(), *max_restarts, *within).map(|n| (n, factory))
                }
                _ => None,
            };
            let Some((n, factory)) = allowed else {
                if matches!(self.policy.restart, Restart::OnFailure { .. }) && !stop.is_stopped(self.slot) {
                    tracing::error!(%cause, "process failed; it restarted too often to restart again");
                }
                if self.policy.on_failure == OnFailure::Stop {
                    // Before its outports close, so that no process
                    // downstream mistakes the failure for the end of its input.
                    stop.trigger();
                }
                failed.end();
                return exit;
            };
            let delay = self.policy.restart.backoff(n);
            restarts += 1;
            failed.prepare_restart();
            tracing::warn!(%cause, restarts, backoff_ms = delay.as_millis() as u64, "process failed; restarting it");
            self.handle.shared.report_restart(
                self.slot,
                RestartEvent {
                    process: self.name.to_string(),
                    component: self.component.clone(),
                    restarts,
                    cause,
                    backoff_ms: delay.as_millis() as u64,
                },
            );
            if !self.back_off(delay).await {
                failed.end();
                return ProcessExit::Stopped;
            }
            match make_actor(factory, &self.config) {
                Ok(fresh) => actor = fresh,
                Err(e) => {
                    if self.policy.on_failure == OnFailure::Stop {
                        stop.trigger();
                    }
                    failed.end();
                    return ProcessExit::Failed(format!("cannot restart: cannot create the actor: {e}").into());
                }
            }
            io = failed;
        }
    }

    /// Waits `delay` through the executor's timer; `false` if the process
    /// was asked to stop meanwhile. Without a timer (or when the runtime's
    /// timer is not enabled and its sleep panics) there is no delay.
    async fn back_off(&self, delay: Duration) -> bool {
        let stop = &self.handle.shared.stop;
        if delay.is_zero() {
            return !stop.is_stopped(self.slot);
        }
        let Some(sleep) = self.executor.sleep(delay) else { return !stop.is_stopped(self.slot) };
        let mut sleep = AssertUnwindSafe(sleep).catch_unwind();
        let mut registered = None;
        let slept = poll_fn(|cx| {
            if stop.poll_stopped(self.slot, &mut registered, cx).is_ready() {
                return std::task::Poll::Ready(false);
            }
            sleep.poll_unpin(cx).map(|_| true)
        })
        .await;
        slept && !stop.is_stopped(self.slot)
    }
}

/// The restarts within the last window, for `max_restarts`.
#[derive(Debug, Default)]
struct Window {
    /// When each restart in the window happened (executor time).
    times: VecDeque<Duration>,
}

impl Window {
    /// Admits one more restart at `now` if fewer than `max` happened within
    /// `within` before it, and returns how many there are now (1-based).
    /// Without a clock (`now` is `None`) every restart stays in the window.
    fn admit(&mut self, now: Option<Duration>, max: u32, within: Duration) -> Option<u32> {
        if let Some(now) = now {
            while self.times.front().is_some_and(|t| now.saturating_sub(*t) >= within) {
                self.times.pop_front();
            }
        }
        if self.times.len() >= max as usize {
            return None;
        }
        self.times.push_back(now.unwrap_or_default());
        Some(self.times.len() as u32)
    }
}

#[cfg(test)]
mod tests;
