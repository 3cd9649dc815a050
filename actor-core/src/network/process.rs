//! One process's task: the activation loop around an actor.

use std::any::Any;
use std::future::{Future, poll_fn};
use std::panic::AssertUnwindSafe;
use std::pin::pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU8, Ordering};
use std::task::Poll;

use futures::FutureExt;

use super::activity::Activity;
use super::inputs::InputSet;
use super::stop::StopSignal;
use crate::actor::{Actor, ActorError, ActorRunContext};
use crate::port::Ports;
use crate::rt::{BoxFuture, MaybeSend};

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
    pub(crate) slot: usize,
    pub(crate) ctx: ActorRunContext,
    pub(crate) inputs: InputSet,
    pub(crate) is_source: bool,
    /// Counted as activity from the start until the process ends (see
    /// `ProcessSlot::finishes_alone`).
    pub(crate) finishes_alone: bool,
    pub(crate) stop: Arc<StopSignal>,
    pub(crate) activity: Option<Arc<Activity>>,
    pub(crate) status: Arc<ProcessStatus>,
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

/// Live status of a process, for progress displays.
///
/// Alone on its cache line, like [`PacketCount`](super::outport::PacketCount):
/// each process writes its own status on every activation.
#[derive(Debug, Default)]
#[repr(align(128))]
pub(crate) struct ProcessStatus(AtomicU8);

pub(crate) const WAITING: u8 = 0;
pub(crate) const BUSY: u8 = 1;
pub(crate) const ENDED: u8 = 2;

impl ProcessStatus {
    #[inline]
    pub(crate) fn set(&self, s: u8) {
        self.0.store(s, Ordering::Relaxed);
    }
    pub(crate) fn get(&self) -> u8 {
        self.0.load(Ordering::Relaxed)
    }
}

async fn run_process<A: Actor>(mut actor: A, io: ProcessIo) -> ProcessExit {
    let ProcessIo { slot, mut ctx, mut inputs, is_source, finishes_alone, stop, activity, status } = io;
    let exit = {
        let drive = AssertUnwindSafe(drive(&mut actor, &mut ctx, &mut inputs, is_source, activity.as_deref(), &status))
            .catch_unwind();
        let mut registered = None;
        let stopped = poll_fn(|cx| stop.poll_stopped(slot, &mut registered, cx));
        match race(drive, stopped).await {
            Some(Ok(Ok(()))) => ProcessExit::Finished,
            Some(Ok(Err(e))) => ProcessExit::Failed(e),
            Some(Err(panic)) => ProcessExit::Panicked(panic_message(&*panic)),
            None => ProcessExit::Stopped,
        }
    };
    drop(inputs);
    let hook = std::panic::catch_unwind(AssertUnwindSafe(|| actor.shutdown(&mut ctx)));
    drop(ctx); // closes the outports (and stops the repeaters) before the process counts as ended
    status.set(ENDED);
    if let Some(a) = activity.as_deref().filter(|_| finishes_alone) {
        a.done();
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

/// The most packets one activation receives from one connection.
const BURST: usize = 32;

async fn drive<A: Actor>(
    actor: &mut A,
    ctx: &mut ActorRunContext,
    inputs: &mut InputSet,
    is_source: bool,
    activity: Option<&Activity>,
    status: &ProcessStatus,
) -> Result<(), ActorError> {
    if is_source {
        status.set(BUSY);
        let r = actor.run(ctx).await;
        ctx.flush().await;
        status.set(WAITING);
        if let Some(a) = activity {
            a.done();
        }
        r?;
    }
    loop {
        let (port, index, packet) = match next_input(inputs, ctx).await {
            Woken::Packet(Some(next)) => next,
            Woken::Packet(None) => break,
            Woken::Backlog => {
                // A repeater queued packets while this process was idle.
                status.set(BUSY);
                ctx.flush().await;
                status.set(WAITING);
                continue;
            }
        };
        ctx.inputs.push(port, index, packet);
        // Packets already waiting on the same connection join this
        // activation (at most BURST in all), which amortises the cost of an
        // activation when a producer is ahead.
        let mut received = 1;
        while received < BURST {
            let Some(more) = inputs.try_next_same(port, index) else { break };
            ctx.inputs.push(port, index, more);
            received += 1;
        }
        ctx.trigger = Some((port, index));
        status.set(BUSY);
        let r = actor.run(ctx).await;
        if ctx.has_outbox() {
            ctx.flush().await;
        }
        status.set(WAITING);
        if let Some(a) = activity {
            a.done_n(received);
        }
        r?;
    }
    status.set(BUSY);
    actor.finish(ctx).await?;
    ctx.flush().await;
    Ok(())
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
