//! Stopping a run on SIGINT (Ctrl-C) or SIGTERM.
//!
//! The signals are handled on a thread of their own, with its own small
//! tokio runtime, so they are seen whatever the network's runtime is doing
//! (even a current-thread runtime busy in a process that never yields).
//!
//! - The first signal stops the network: every process's `shutdown` hook
//!   runs, and `run` exits with 128 + the signal's number (130 for SIGINT,
//!   143 for SIGTERM), as a shell reports a program killed by a signal.
//! - A second signal exits at once, with the same code.
//! - A network still running [`GRACE`] after the first signal (a process
//!   busy in a computation or a blocking call that never returns to the
//!   runtime) is not waited for: the program exits with the same code.

use std::sync::Arc;
use std::sync::atomic::{AtomicI32, Ordering};
use std::time::Duration;

use actor_core::NetworkHandle;

/// How long the network gets to stop after the first signal.
pub(crate) const GRACE: Duration = Duration::from_secs(5);

/// SIGINT's number.
const SIGINT: i32 = 2;
/// SIGTERM's number.
const SIGTERM: i32 = 15;

/// A listener for SIGINT and SIGTERM; [`Signals::finish`] stops it.
pub(crate) struct Signals {
    done: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
    caught: Arc<AtomicI32>,
}

/// The exit code for a run stopped by signal `signal`.
pub(crate) fn exit_code(signal: i32) -> u8 {
    u8::try_from(128 + signal).unwrap_or(crate::EXIT_RUN_FAILED)
}

/// A signal's name, for messages.
pub(crate) fn name(signal: i32) -> &'static str {
    match signal {
        SIGINT => "SIGINT",
        SIGTERM => "SIGTERM",
        _ => "a signal",
    }
}

impl Signals {
    /// Listens for SIGINT and SIGTERM from now on, for the network behind
    /// `handle` (see the [module docs](self)). Returns once the handlers
    /// are in place.
    ///
    /// # Errors
    /// When the thread, its runtime or the handlers cannot be set up.
    pub(crate) fn listen(handle: NetworkHandle) -> std::io::Result<Self> {
        let caught = Arc::new(AtomicI32::new(0));
        let (done, done_rx) = tokio::sync::oneshot::channel();
        let (ready_tx, ready) = std::sync::mpsc::channel();
        let flag = caught.clone();
        let thread = std::thread::Builder::new().name("actorflow-signals".into()).spawn(move || {
            let runtime = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
                Ok(r) => r,
                Err(e) => {
                    let _ = ready_tx.send(Err(e));
                    return;
                }
            };
            runtime.block_on(watch(handle, flag, done_rx, ready_tx));
        })?;
        match ready.recv() {
            Ok(Ok(())) => Ok(Self { done: Some(done), thread: Some(thread), caught }),
            Ok(Err(e)) => Err(e),
            Err(_) => Err(std::io::Error::other("the signal thread ended before it was ready")),
        }
    }

    /// Stops listening; returns the number of the signal that stopped the
    /// run, if one did.
    pub(crate) fn finish(mut self) -> Option<i32> {
        self.stop_thread();
        match self.caught.load(Ordering::SeqCst) {
            0 => None,
            s => Some(s),
        }
    }

    fn stop_thread(&mut self) {
        if let Some(done) = self.done.take() {
            let _ = done.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for Signals {
    fn drop(&mut self) {
        self.stop_thread();
    }
}

#[cfg(unix)]
async fn watch(
    handle: NetworkHandle,
    caught: Arc<AtomicI32>,
    mut done: tokio::sync::oneshot::Receiver<()>,
    ready: std::sync::mpsc::Sender<std::io::Result<()>>,
) {
    use tokio::signal::unix::{SignalKind, signal};
    let handlers = signal(SignalKind::interrupt()).and_then(|i| Ok((i, signal(SignalKind::terminate())?)));
    let (mut int, mut term) = match handlers {
        Ok(h) => h,
        Err(e) => {
            let _ = ready.send(Err(e));
            return;
        }
    };
    let _ = ready.send(Ok(()));
    let first = tokio::select! {
        _ = int.recv() => SIGINT,
        _ = term.recv() => SIGTERM,
        _ = &mut done => return,
    };
    stopping(&handle, &caught, first);
    let second = tokio::select! {
        _ = int.recv() => Some(SIGINT),
        _ = term.recv() => Some(SIGTERM),
        _ = tokio::time::sleep(GRACE) => None,
        _ = &mut done => return,
    };
    exit_now(first, second);
}

#[cfg(not(unix))]
async fn watch(
    handle: NetworkHandle,
    caught: Arc<AtomicI32>,
    mut done: tokio::sync::oneshot::Receiver<()>,
    ready: std::sync::mpsc::Sender<std::io::Result<()>>,
) {
    let _ = ready.send(Ok(()));
    tokio::select! {
        r = tokio::signal::ctrl_c() => if r.is_err() { return },
        _ = &mut done => return,
    }
    stopping(&handle, &caught, SIGINT);
    let second = tokio::select! {
        _ = tokio::signal::ctrl_c() => Some(SIGINT),
        _ = tokio::time::sleep(GRACE) => None,
        _ = &mut done => return,
    };
    exit_now(SIGINT, second);
}

/// The first signal: stop the network.
fn stopping(handle: &NetworkHandle, caught: &AtomicI32, signal: i32) {
    caught.store(signal, Ordering::SeqCst);
    let _ = crate::stdio::err(&format!("actorflow: {}: stopping the network (send it again to exit at once)\n", name(signal)));
    handle.stop();
}

/// A second signal, or the grace period over: exit without waiting.
fn exit_now(first: i32, second: Option<i32>) -> ! {
    let message = match second {
        Some(s) => format!("actorflow: {}: exiting at once\n", name(s)),
        None => format!("error: the network did not stop within {} s of {}; exiting without it\n", GRACE.as_secs(), name(first)),
    };
    let _ = crate::stdio::err(&message);
    std::process::exit(i32::from(exit_code(first)));
}
