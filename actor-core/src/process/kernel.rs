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
/// process, which runs the activation loop monomorphised for that actor
/// type (no boxing per packet).
pub trait DynActor: MaybeSend {
    /// The actor's ports (see [`Actor::ports`]).
    fn ports(&self) -> Ports;

    #[doc(hidden)]
    fn start(self: Box<Self>, io: ProcessIo) -> BoxFuture<'static, ProcessExit>;
}

impl<A: Actor> DynActor for A {
    fn ports(&self) -> Ports {
        Actor::ports(self)
    }

    fn start(self: Box<Self>, io: ProcessIo) -> BoxFuture<'static, ProcessExit> {
        Box::pin(run_process(*self, io))
    }
}

/// What a process task gets from the network.
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
        Self { slot, ctx, inputs, is_source, finish, stop, activity, status }
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

async fn run_process<A: Actor>(mut actor: A, io: ProcessIo) -> ProcessExit {
    let ProcessIo { slot, mut ctx, mut inputs, is_source, finish, stop, activity, status } = io;
    let exit = {
        let drive = AssertUnwindSafe(drive(&mut actor, &mut ctx, &mut inputs, is_source, &activity, &status, &stop))
            .catch_unwind();
        let mut registered = None;
        let stopped = poll_fn(|cx| stop.poll_stopped(slot, &mut registered, cx));
        match race(drive, stopped).await {
            Some(Ok(Ok(Ended::Finished))) => ProcessExit::Finished,
            Some(Ok(Ok(Ended::Stopped))) => ProcessExit::Stopped,
            Some(Ok(Err(e))) => ProcessExit::Failed(e),
            Some(Err(panic)) => ProcessExit::Panicked(panic_message(&*panic)),
            None => ProcessExit::Stopped,
        }
    };
    drop(inputs);
    let hook = std::panic::catch_unwind(AssertUnwindSafe(|| actor.shutdown(&mut ctx)));
    drop(ctx); // closes the outports (and stops the repeaters) before the process counts as ended
    status.set(Status::Ended);
    if finish == Finish::OnItsOwn {
        activity.end(1);
    }
    match (exit, hook) {
        (ProcessExit::Finished | ProcessExit::Stopped, Err(panic)) => ProcessExit::Panicked(panic_message(&*panic)),
        (exit, _) => exit,
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

/// How the activation loop ended, when no actor call failed.
enum Ended {
    Finished,
    /// Its input ended while the network was stopping: it ends without `finish`.
    Stopped,
}

/// The most packets one activation receives from one connection.
const BURST: usize = 32;

async fn drive<A: Actor>(
    actor: &mut A,
    ctx: &mut ActorRunContext,
    inputs: &mut InputSet,
    is_source: bool,
    activity: &Activity,
    status: &ProcessStatus,
    stop: &StopSignal,
) -> Result<Ended, ActorError> {
    if is_source {
        status.set(Status::Busy);
        let r = actor.run(ctx).await;
        ctx.flush().await;
        status.set(Status::Waiting);
        activity.end(1);
        r?;
    }
    loop {
        let (port, index, packet) = match next_input(inputs, ctx).await {
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
        ctx.receive(port, index, packet);
        // Packets already waiting on the same connection join this
        // activation (at most BURST in all), which amortises the cost of an
        // activation when a producer is ahead.
        let mut received = 1;
        while received < BURST {
            let Some(more) = inputs.try_next_same(port, index) else { break };
            ctx.receive(port, index, more);
            received += 1;
        }
        ctx.set_trigger(port, index);
        status.set(Status::Busy);
        let r = actor.run(ctx).await;
        if ctx.has_outbox() {
            ctx.flush().await;
        }
        status.set(Status::Waiting);
        // The packets received are handled (those the actor left in its
        // buffer included: they are no longer in flight).
        activity.end(received);
        r?;
    }
    if stop.is_triggered() {
        // Its input ended because the network is stopping (Ctrl-C, another
        // process failing): the upstream processes ended early, so a result
        // now (an aggregate, a file renamed into place) would come from
        // truncated input.
        return Ok(Ended::Stopped);
    }
    status.set(Status::Busy);
    actor.finish(ctx).await?;
    ctx.flush().await;
    Ok(Ended::Finished)
}

/// What woke an idle process.
enum Woken {
    /// The next input packet, or `None` once every inport is closed.
    Packet(Option<(usize, Option<usize>, crate::Packet)>),
    /// An outport's backlog has packets to deliver.
    Backlog,
}

/// Waits for the next input packet, or for packets in an outport backlog.
async fn next_input(inputs: &mut InputSet, ctx: &ActorRunContext) -> Woken {
    let mut next = pin!(inputs.next());
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
