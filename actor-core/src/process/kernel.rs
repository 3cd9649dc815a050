//! One process's task: the activation loop around an actor.

use std::any::Any;
use std::future::{Future, poll_fn};
use std::panic::AssertUnwindSafe;
use std::pin::pin;
use std::sync::Arc;
use std::task::Poll;

use futures::FutureExt;

use super::{ProcessStatus, Status, StopSignal};
use crate::actor::{Actor, ActorError, ActorRunContext};
use crate::port::Ports;
use crate::rt::{BoxFuture, MaybeSend};
use crate::wire::{Activity, InputSet};

/// An actor with its type erased, as the registry hands it to the network.
///
/// Every [`Actor`] is a `DynActor`; the network calls `start` once per
/// process (and once more per restart), which runs the activation loop
/// monomorphised for that actor type (no boxing per packet).
pub trait DynActor: MaybeSend {
    /// The actor's ports (see [`Actor::ports`]).
    fn ports(&self) -> Ports;

    /// Runs the process until it ends. After a failure (`Failed` or
    /// `Panicked` from `run` or `finish`) the process has not ended: its
    /// [`ProcessIo`] comes back, for a restart with a fresh actor
    /// ([`ProcessIo::prepare_restart`]) or to be ended ([`ProcessIo::end`]).
    #[doc(hidden)]
    fn start(self: Box<Self>, io: ProcessIo) -> BoxFuture<'static, (ProcessExit, Option<ProcessIo>)>;
}

impl<A: Actor> DynActor for A {
    fn ports(&self) -> Ports {
        Actor::ports(self)
    }

    fn start(self: Box<Self>, io: ProcessIo) -> BoxFuture<'static, (ProcessExit, Option<ProcessIo>)> {
        Box::pin(run_process(*self, io))
    }
}

/// What a process task gets from the network: its context (outports,
/// state, input buffer), its inports' channels, and its part in stopping
/// and in-flight accounting. It outlives an actor instance when the
/// process is restarted.
#[doc(hidden)]
pub struct ProcessIo {
    slot: usize,
    ctx: ActorRunContext,
    inputs: InputSet,
    /// It declares no inports, so it runs once.
    is_source: bool,
    finish: Finish,
    stop: Arc<StopSignal>,
    activity: Activity,
    status: Arc<ProcessStatus>,
    /// Units of activity held until the first activation returns: the
    /// single activation of a source, or the resumed work of a restart.
    held: usize,
    /// A restarted instance runs: deliver what the failed one queued and
    /// give it the packets left in the input buffer at once.
    resumed: bool,
}

/// How a process's end relates to quiescence, in a network with a cycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Finish {
    /// Neither on a cycle nor downstream of one: it finishes on its own,
    /// and counts as activity until it does, so that quiescence never
    /// stops it before its `finish` hook has run.
    OnItsOwn,
    /// On a cycle, or downstream of one: it is stopped at quiescence, or
    /// finishes once the cycles upstream of it have stopped.
    AfterCycles,
}

impl ProcessIo {
    /// The kernel's inputs for process `slot` (its index in the network).
    ///
    /// A source, or a process that [finishes on its own](Finish::OnItsOwn),
    /// begins a unit of `activity` now, before any task runs; the process
    /// ends it (see [`Activity`]).
    pub(crate) fn new(
        slot: usize,
        ctx: ActorRunContext,
        inputs: InputSet,
        finish: Finish,
        stop: Arc<StopSignal>,
        activity: Activity,
        status: Arc<ProcessStatus>,
    ) -> Self {
        let is_source = ctx.inport_names().next().is_none();
        activity.begin(usize::from(is_source) + usize::from(finish == Finish::OnItsOwn));
        let held = usize::from(is_source);
        Self { slot, ctx, inputs, is_source, finish, stop, activity, status, held, resumed: false }
    }

    /// The process may be restarted: remember the packets in hand (see
    /// [`ActorRunContext::take`]).
    pub(crate) fn remember_in_hand(&mut self) {
        self.ctx.remember_in_hand();
    }

    /// After a failure, readies the process for a fresh actor instance: the
    /// packets in hand go back to the front of the input buffer, and one
    /// unit of activity is held until the new instance's first activation
    /// returns, so that quiescence does not stop the process meanwhile.
    pub(crate) fn prepare_restart(&mut self) {
        self.ctx.requeue_in_hand();
        self.resumed = true;
        self.activity.begin(1);
        self.held += 1;
        self.status.set(Status::Restarting);
    }

    /// Ends the process: its inports and outports close (so the processes
    /// downstream see their input end), its repeaters stop, and it counts
    /// as ended.
    pub(crate) fn end(self) {
        let Self { ctx, inputs, finish, activity, status, held, .. } = self;
        drop(inputs);
        drop(ctx); // closes the outports (and stops the repeaters) before the process counts as ended
        status.set(Status::Ended);
        let units = held + usize::from(finish == Finish::OnItsOwn);
        if units > 0 {
            activity.end(units);
        }
    }
}

impl std::fmt::Debug for ProcessIo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ProcessIo").field("slot", &self.slot).finish_non_exhaustive()
    }
}

/// How a process ended.
#[doc(hidden)]
#[derive(Debug)]
pub enum ProcessExit {
    /// Inputs exhausted, `finish` returned `Ok`.
    Finished,
    /// Stopped by request (or because another process failed).
    Stopped,
    /// `run` or `finish` returned an error.
    Failed(ActorError),
    /// The actor panicked; the panic message.
    Panicked(String),
}

/// How the activation loop ended, when no actor call failed.
enum Ended {
    Finished,
    /// Its input ended while a stop was requested: it ends without `finish`.
    Stopped,
}

async fn run_process<A: Actor>(mut actor: A, mut io: ProcessIo) -> (ProcessExit, Option<ProcessIo>) {
    let exit = {
        let ProcessIo { slot, ctx, inputs, is_source, stop, activity, status, held, resumed, .. } = &mut io;
        let (slot, stop) = (*slot, &**stop);
        let run = Run { is_source: *is_source, resumed: *resumed, activity, status, stop, slot };
        let drive = AssertUnwindSafe(drive(&mut actor, ctx, inputs, held, run)).catch_unwind();
        let mut registered = None;
        let stopped = poll_fn(|cx| stop.poll_stopped(slot, &mut registered, cx));
        match race(drive, stopped).await {
            Some(Ok(Ok(Ended::Finished))) => ProcessExit::Finished,
            Some(Ok(Ok(Ended::Stopped))) | None => ProcessExit::Stopped,
            Some(Ok(Err(e))) => ProcessExit::Failed(e),
            Some(Err(panic)) => ProcessExit::Panicked(panic_message(&*panic)),
        }
    };
    let hook = std::panic::catch_unwind(AssertUnwindSafe(|| actor.shutdown(&mut io.ctx)));
    if matches!(exit, ProcessExit::Failed(_) | ProcessExit::Panicked(_)) {
        // The network decides: restart, or end the process (first stopping
        // the others, unless the graph opted out).
        return (exit, Some(io));
    }
    io.end();
    match hook {
        Err(panic) => (ProcessExit::Panicked(panic_message(&*panic)), None),
        Ok(()) => (exit, None),
    }
}

/// Polls `work` until it completes, or returns `None` once `stop` does.
async fn race<T>(work: impl Future<Output = T>, stop: impl Future<Output = ()>) -> Option<T> {
    let mut work = pin!(work);
    let mut stop = pin!(stop);
    poll_fn(|cx| {
        if let Poll::Ready(v) = work.as_mut().poll(cx) {
            return Poll::Ready(Some(v));
        }
        stop.as_mut().poll(cx).map(|()| None)
    })
    .await
}

/// The most packets one activation receives from one connection (at least
/// one chunk is taken, whatever its length): eight chunks of 64. Taking
/// several chunks per activation amortises its fixed cost (the status, the
/// wait for input, the budget) when a producer is ahead; callgrind on the
/// batched pipeline counted 191M instructions at 64, 156M at 256, 150M at
/// 512 and 145M at 1024, and the per-packet pipeline was best at 256 to
/// 512 (BENCHMARKS.md).
const BURST: usize = 512;

/// What the activation loop reads of its process.
struct Run<'a> {
    is_source: bool,
    resumed: bool,
    activity: &'a Activity,
    status: &'a ProcessStatus,
    stop: &'a StopSignal,
    slot: usize,
}

async fn drive<A: Actor>(
    actor: &mut A,
    ctx: &mut ActorRunContext,
    inputs: &mut InputSet,
    held: &mut usize,
    run: Run<'_>,
) -> Result<Ended, ActorError> {
    let Run { is_source, resumed, activity, status, stop, slot } = run;
    let release = |held: &mut usize| {
        let units = std::mem::take(held);
        if units > 0 {
            activity.end(units);
        }
    };
    if resumed && ctx.has_outbox() {
        // What the failed instance emitted before it failed.
        status.set(Status::Busy);
        ctx.flush().await;
        status.set(Status::Waiting);
    }
    if is_source || (resumed && ctx.has_buffered_input()) {
        // A source's single activation, or a restarted instance taking the
        // packets its predecessor left (the ones in hand first).
        status.set(Status::Busy);
        ctx.begin_activation();
        let r = actor.run(ctx).await;
        ctx.flush().await;
        status.set(Status::Waiting);
        release(held);
        r?;
    }
    release(held);
    loop {
        let (port, index) = match next_input(inputs, ctx).await {
            Woken::Packet(Some(next)) => next,
            Woken::Packet(None) => break,
            Woken::Backlog => {
                // A repeater queued packets while this process was idle.
                status.set(Status::Busy);
                ctx.flush().await;
                status.set(Status::Waiting);
                continue;
            }
        };
        // Packets already waiting on the same connection join this
        // activation (at most BURST in all), taken in one step, which
        // amortises the cost of an activation when a producer is ahead.
        let (received, chunks) = ctx.receive_chunks(port, index, inputs.take_burst());
        ctx.set_trigger(port, index);
        status.set(Status::Busy);
        ctx.begin_activation();
        let r = actor.run(ctx).await;
        if ctx.has_outbox() {
            ctx.flush().await;
        }
        status.set(Status::Waiting);
        // The packets received are handled (those the actor left in its
        // buffer included: they are no longer in flight).
        activity.end(received);
        r?;
        // A process that always has input yields now and then, so that a
        // stop request and the other tasks on its thread get a turn.
        // A chunk received is one channel operation, as a packet sent alone is.
        ctx.spend(chunks as u32).await;
    }
    if stop.is_stopped(slot) {
        // Its input ended because the network is stopping (a process
        // upstream failed, or someone asked): a result now would be
        // computed from truncated input.
        return Ok(Ended::Stopped);
    }
    status.set(Status::Busy);
    // What the last activation took is handled: a failure in `finish`
    // gives a restarted instance only what `finish` itself took.
    ctx.begin_activation();
    actor.finish(ctx).await?;
    ctx.flush().await;
    Ok(Ended::Finished)
}

/// What woke an idle process.
enum Woken {
    /// The inport a burst of input packets arrived on, or `None` once
    /// every inport is closed.
    Packet(Option<(usize, Option<usize>)>),
    /// An outport's backlog has packets to deliver.
    Backlog,
}

/// Waits for the next input packet, or for packets in an outport backlog.
async fn next_input(inputs: &mut InputSet, ctx: &ActorRunContext) -> Woken {
    let mut next = pin!(inputs.next(BURST));
    poll_fn(|cx| {
        if let Poll::Ready(p) = next.as_mut().poll(cx) {
            return Poll::Ready(Woken::Packet(p));
        }
        ctx.poll_backlog(cx).map(|()| Woken::Backlog)
    })
    .await
}

pub(crate) fn panic_message(panic: &(dyn Any + Send)) -> String {
    if let Some(s) = panic.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = panic.downcast_ref::<String>() {
        s.clone()
    } else {
        "panic with a non-string payload".to_string()
    }
}
