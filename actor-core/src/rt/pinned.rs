//! [`PinnedExecutor`]: worker threads that each keep the tasks placed on them.

use std::collections::VecDeque;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::task::{Context, Poll, Wake, Waker};
use std::thread::Thread;
use std::time::{Duration, Instant};

use parking_lot::Mutex;

use super::{BoxFuture, Executor};

/// How long an idle worker keeps looking for work before it sleeps.
///
/// Waking a sleeping thread costs a system call on each side and, on this
/// project's 2-core machine, 20 to 100 µs until it runs; a consumer whose
/// producer hands it a chunk every few microseconds would sleep and be
/// woken for every chunk. Spinning this long first keeps a busy pipeline
/// awake, and costs an idle worker at most this much CPU per wake: the
/// first half busy-waiting (`spin_loop`), the second yielding to the
/// operating system between looks, so that a thread without a core of its
/// own gets one. The same trade is LMAX Disruptor's
/// `YieldingWaitStrategy` and the Go scheduler's spinning Ms.
const SPIN: Duration = Duration::from_micros(50);

/// Runs tasks on a fixed set of worker threads, each task on one worker for
/// its whole life, chosen by [`Executor::spawn_at`].
///
/// A network places its processes in topological order, one worker after
/// another (see `network::running`), so neighbouring stages of a pipeline
/// run in parallel and a process never moves between threads. Each worker
/// runs its tasks in the order they were woken; an idle worker spins for a
/// moment (50 µs) before it sleeps. Wakes that cross workers are deferred
/// to the end of the waking task's poll (the crate's `rt::defer`): a
/// consumer is woken once per poll of its producer, or when its queue
/// fills halfway, not once per chunk.
///
/// Timers ([`Executor::sleep`], and `tokio::time` inside a task) are
/// tokio's: one more thread runs a tokio current-thread runtime whose
/// context every worker enters, so a task may also use tokio's timers and
/// I/O.
///
/// Why not tokio's multi-thread scheduler: it runs a task woken by another
/// in the waker's own thread (its LIFO slot) and wakes an idle worker to
/// steal, which finds nothing. On `graphs/wordcount.fbp` with 2 workers
/// that made multi-thread slower than one thread, with 29% of its CPU in
/// the kernel's task switch (see BENCHMARKS.md).
///
/// The workers stop when the last clone of the executor is dropped; tasks
/// still pending then are dropped. A task that holds a clone of its own
/// executor (every process task does, for restarts) keeps the workers
/// alive until it ends.
#[derive(Clone)]
pub struct PinnedExecutor {
    shared: Arc<Shared>,
}

struct Shared {
    workers: Vec<Arc<Worker>>,
    /// The runtime whose timers and I/O the tasks use.
    tokio: tokio::runtime::Handle,
    /// Dropped with the executor: the timer thread's `block_on` then returns.
    _stop: flume::Sender<()>,
    /// Where the next [`Executor::spawn`] without a place goes.
    next: AtomicUsize,
}

impl Drop for Shared {
    fn drop(&mut self) {
        for w in &self.workers {
            w.stopping.store(true, Ordering::SeqCst);
            w.unpark();
        }
    }
}

/// One worker thread's run queue.
struct Worker {
    queue: Mutex<VecDeque<Arc<Task>>>,
    /// The queue's length, read without the lock while spinning.
    queued: AtomicUsize,
    /// Set by the worker before it sleeps; a push that sees it unparks it.
    sleeping: AtomicBool,
    stopping: AtomicBool,
    thread: std::sync::OnceLock<Thread>,
}

impl Worker {
    fn push(&self, task: Arc<Task>) {
        {
            let mut q = self.queue.lock();
            q.push_back(task);
            self.queued.fetch_add(1, Ordering::SeqCst);
        }
        if self.sleeping.load(Ordering::SeqCst) {
            self.unpark();
        }
    }

    fn unpark(&self) {
        if let Some(t) = self.thread.get() {
            t.unpark();
        }
    }

    fn pop(&self) -> Option<Arc<Task>> {
        let mut q = self.queue.lock();
        let task = q.pop_front();
        if task.is_some() {
            self.queued.fetch_sub(1, Ordering::SeqCst);
        }
        task
    }

    fn has_work(&self) -> bool {
        self.queued.load(Ordering::SeqCst) > 0
    }

    /// The worker thread's loop: runs queued tasks, spins, sleeps.
    fn run(self: Arc<Self>) {
        let _ = self.thread.set(std::thread::current());
        loop {
            while let Some(task) = self.pop() {
                task.poll();
            }
            if self.stopping.load(Ordering::SeqCst) {
                break;
            }
            let start = Instant::now();
            while !self.has_work() {
                let spun = start.elapsed();
                if spun >= SPIN {
                    break;
                }
                if spun < SPIN / 2 {
                    std::hint::spin_loop();
                } else {
                    std::thread::yield_now();
                }
            }
            if self.has_work() {
                continue;
            }
            self.sleeping.store(true, Ordering::SeqCst);
            // A push after this check sees `sleeping` and unparks; one
            // before it is seen here. `unpark` before `park` is not lost.
            if !self.has_work() && !self.stopping.load(Ordering::SeqCst) {
                std::thread::park();
            }
            self.sleeping.store(false, Ordering::SeqCst);
        }
        // Dropping the queued tasks drops their futures.
        self.queue.lock().clear();
    }
}

/// A spawned future and the worker it lives on.
struct Task {
    future: Mutex<Option<BoxFuture<'static, ()>>>,
    /// In the worker's queue (or about to be): a wake then adds nothing.
    queued: AtomicBool,
    worker: Arc<Worker>,
}

impl Task {
    fn poll(self: Arc<Self>) {
        self.queued.store(false, Ordering::SeqCst);
        let waker = Waker::from(self.clone());
        let mut slot = self.future.lock();
        if let Some(future) = slot.as_mut() {
            let mut cx = Context::from_waker(&waker);
            // A panic is the task's own: process tasks catch theirs
            // (supervision); any other ends with its task.
            let done = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| future.as_mut().poll(&mut cx)));
            if !matches!(done, Ok(Poll::Pending)) {
                *slot = None;
            }
        }
    }
}

impl Wake for Task {
    fn wake(self: Arc<Self>) {
        if !self.queued.swap(true, Ordering::SeqCst) {
            let worker = self.worker.clone();
            worker.push(self);
        }
    }

    fn wake_by_ref(self: &Arc<Self>) {
        if !self.queued.swap(true, Ordering::SeqCst) {
            self.worker.push(self.clone());
        }
    }
}

impl PinnedExecutor {
    /// Starts `workers` worker threads (at least one), named
    /// `actorflow-worker-N`, and the timer thread, `actorflow-timers`.
    ///
    /// # Errors
    /// The I/O error of building the tokio runtime or starting a thread.
    pub fn new(workers: usize) -> std::io::Result<Self> {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
        let tokio = runtime.handle().clone();
        // Nothing is ever sent: the timer thread waits for the sender to drop.
        let (stop, stopped) = flume::bounded::<()>(0);
        std::thread::Builder::new().name("actorflow-timers".into()).spawn(move || {
            let _ = runtime.block_on(stopped.recv_async());
        })?;
        let mut list = Vec::with_capacity(workers.max(1));
        for n in 0..workers.max(1) {
            let worker = Arc::new(Worker {
                queue: Mutex::new(VecDeque::new()),
                queued: AtomicUsize::new(0),
                sleeping: AtomicBool::new(false),
                stopping: AtomicBool::new(false),
                thread: std::sync::OnceLock::new(),
            });
            let (w, context) = (worker.clone(), tokio.clone());
            let thread = std::thread::Builder::new().name(format!("actorflow-worker-{n}")).spawn(move || {
                let _tokio = context.enter();
                w.run();
            })?;
            let _ = worker.thread.set(thread.thread().clone());
            list.push(worker);
        }
        Ok(Self { shared: Arc::new(Shared { workers: list, tokio, _stop: stop, next: AtomicUsize::new(0) }) })
    }

    /// How many worker threads there are.
    pub fn workers(&self) -> usize {
        self.shared.workers.len()
    }
}

impl std::fmt::Debug for PinnedExecutor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PinnedExecutor").field("workers", &self.workers()).finish()
    }
}

impl Executor for PinnedExecutor {
    /// Places `task` on the workers in turn.
    fn spawn(&self, task: BoxFuture<'static, ()>) {
        let at = self.shared.next.fetch_add(1, Ordering::Relaxed);
        self.spawn_at(at, task);
    }

    /// Runs `task` on worker `place % workers`, its wakes deferred.
    fn spawn_at(&self, place: usize, task: BoxFuture<'static, ()>) {
        let workers = &self.shared.workers;
        let worker = workers[place % workers.len()].clone();
        let future: BoxFuture<'static, ()> = Box::pin(super::defer::Deferring::new(task));
        let task = Arc::new(Task { future: Mutex::new(Some(future)), queued: AtomicBool::new(true), worker: worker.clone() });
        worker.push(task);
    }

    /// `tokio::time::sleep` on the executor's timer thread.
    fn sleep(&self, duration: Duration) -> Option<BoxFuture<'static, ()>> {
        let _context = self.shared.tokio.enter();
        Some(Box::pin(tokio::time::sleep(duration)))
    }

    fn now(&self) -> Option<Duration> {
        super::TokioExecutor::clock()
    }
}

#[cfg(test)]
mod tests;
