use std::future::poll_fn;
use std::sync::Arc;
use std::task::Poll;

use futures::StreamExt;
use tracing::Instrument;

use super::build::ProcessSlot;
use super::durable::Checkpointer;
use super::handles::NetworkHandle;
use super::supervise::Supervisor;
use super::{Deadlock, NetworkError, ProcessFailure};
use crate::actor::{ActorRunContext, InputBuffer};
use crate::graph::Restart;
use crate::process::{ProcessExit, ProcessIo};
use crate::rt::Executor;
use crate::wire::{Activity, InputSet, OutPort, Waits};

/// Why a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EndReason {
    /// Every process finished on its own.
    Completed,
    /// The graph has a cycle and went quiescent (nothing busy, nothing in
    /// flight); the processes on cycles were stopped and the ones downstream
    /// of them finished.
    Quiescent,
    /// [`NetworkHandle::stop`] was called.
    Stopped,
}

/// A summary of a successful run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunReport {
    /// Why it ended.
    pub reason: EndReason,
    /// Packets sent per connection, in graph order.
    pub connections: Vec<super::ConnectionStats>,
}

/// A started network. Await [`wait`](Self::wait) for the outcome.
#[derive(Debug)]
pub struct RunningNetwork {
    handle: NetworkHandle,
    exits: flume::Receiver<(usize, ProcessExit)>,
    names: Vec<(Arc<str>, String)>,
    activity: Activity,
    /// Processes on a cycle: the ones stopped when the network goes quiescent.
    cyclic: Vec<usize>,
    /// The wait-for graph (a network with a cycle only).
    waits: Option<Arc<Waits>>,
    /// The checkpoints of a network with a durable state store.
    pub(super) checkpointer: Option<Checkpointer>,
    /// Kept until the run ends: an executor whose last clone is dropped
    /// may drop its pending tasks (`rt::PinnedExecutor` does), and the
    /// checkpointer's task must outlive the processes' tasks.
    executor: Arc<dyn Executor>,
}

/// Spawns one task per process on `executor`, each at its topological
/// position (see [`Executor::spawn_at`]).
pub(super) fn start(
    processes: Vec<ProcessSlot>,
    cyclic: Vec<usize>,
    activity: Activity,
    waits: Option<Arc<Waits>>,
    handle: NetworkHandle,
    executor: Arc<dyn Executor>,
) -> RunningNetwork {
    let stop = handle.shared.stop.clone();
    let (exit_tx, exits) = flume::unbounded();
    // Every ProcessIo is made before any task is spawned: each may begin a
    // unit of activity that must be counted before any other task can end one.
    let mut tasks = Vec::with_capacity(processes.len());
    let mut names = Vec::with_capacity(processes.len());
    for (slot, p) in processes.into_iter().enumerate() {
        names.push((p.name.clone(), p.component.clone()));
        let mut inputs = InputSet::new();
        let mut buffer = InputBuffer::new(p.ports.inports.iter().map(|s| Arc::from(s.name.as_str())));
        for ch in p.channels {
            // Fed when a packet (an IIP) waits or another sender (a
            // connection, an exported-inport handle) exists besides `ch.tx`;
            // an exported inport nobody took a handle to feeds nothing.
            if ch.tx.sender_count() > 1 || !ch.rx.is_empty() {
                buffer.mark_connected(ch.port);
            }
            inputs.add(ch.port, ch.index, ch.rx);
            // ch.tx drops here: the channel stays open only while upstream
            // outports or exported-inport handles hold senders.
        }
        let outports = p
            .ports
            .outports
            .iter()
            .zip(p.targets)
            .map(|(spec, targets)| {
                let name: Arc<str> = Arc::from(spec.name.as_str());
                (name.clone(), OutPort::new(name, targets))
            })
            .collect();
        let ctx = ActorRunContext::new(p.name.clone(), buffer, outports, p.state, p.config.clone());
        let mut io = ProcessIo::new(slot, ctx, inputs, p.finish, stop.clone(), activity.clone(), p.status);
        if matches!(p.policy.restart, Restart::OnFailure { .. }) {
            io.remember_in_hand();
        }
        let span = tracing::info_span!("process", name = %p.name, component = %p.component);
        let supervisor = Supervisor {
            slot,
            name: p.name.clone(),
            component: p.component.clone(),
            policy: p.policy,
            factory: p.factory,
            config: p.config,
            executor: executor.clone(),
            handle: handle.clone(),
        };
        tasks.push((slot, p.place, supervisor, p.actor, io, span));
    }
    for (slot, place, supervisor, actor, io, span) in tasks {
        let task = supervisor.run(actor, io);
        let exit_tx = exit_tx.clone();
        let task = async move {
            tracing::debug!("started");
            let exit = task.await;
            tracing::debug!(?exit, "ended");
            let _ = exit_tx.send((slot, exit));
        };
        // Entering a span on every poll costs the hot path a little, so a
        // span no subscriber wants is left out.
        if span.is_disabled() {
            executor.spawn_at(place, Box::pin(task));
        } else {
            executor.spawn_at(place, Box::pin(task.instrument(span)));
        }
    }
    RunningNetwork { handle, exits, names, activity, cyclic, waits, checkpointer: None, executor }
}

impl RunningNetwork {
    /// A handle to stop the network or read states while it runs.
    pub fn handle(&self) -> NetworkHandle {
        self.handle.clone()
    }

    /// Waits until the run ends (see the [module docs](super)).
    ///
    /// With a durable state store, the final checkpoint is taken once every
    /// process has ended, before this returns.
    ///
    /// # Errors
    /// - [`NetworkError::Failed`] naming every process that returned an
    ///   error or panicked and was not restarted; the other processes were
    ///   stopped and their `shutdown` hooks ran (or, for a process with
    ///   `on_failure=finish_downstream`, ran to their end);
    /// - [`NetworkError::Deadlock`] when processes on a cycle all waited to
    ///   send on full connections into each other; every process was
    ///   stopped.
    ///
    /// Else [`NetworkError::StateStore`] when a checkpoint failed.
    ///
    /// # Cancel safety
    /// Dropping this future does not stop the network; call
    /// [`NetworkHandle::stop`] for that.
    pub async fn wait(mut self) -> Result<RunReport, NetworkError> {
        let checkpointer = self.checkpointer.take();
        // The checkpointer's task runs on the executor until the final save.
        let _executor = self.executor.clone();
        let outcome = self.wait_processes().await;
        let Some(checkpointer) = checkpointer else { return outcome };
        let saved = checkpointer.finish().await;
        match (outcome, saved) {
            (Err(e), Err(store)) => {
                tracing::error!(error = %store, "the final checkpoint failed too");
                Err(e)
            }
            (Err(e), Ok(())) => Err(e),
            (Ok(_), Err(store)) => Err(NetworkError::StateStore(store)),
            (Ok(report), Ok(())) => Ok(report),
        }
    }

    /// Waits until every process has ended (see [`wait`](Self::wait)).
    async fn wait_processes(self) -> Result<RunReport, NetworkError> {
        let total = self.names.len();
        let mut ended = 0;
        let mut failures = Vec::new();
        let mut quiescent = false;
        let mut deadlock = None;
        let mut exits = self.exits.stream();
        while ended < total {
            let next = poll_fn(|cx| {
                if let Poll::Ready(x) = exits.poll_next_unpin(cx) {
                    return Poll::Ready(x);
                }
                if let Some(waits) = self.waits.as_ref().filter(|_| deadlock.is_none()) {
                    if let Poll::Ready(d) = waits.poll_deadlock(cx) {
                        // Nothing on the cycle can move again: stop everything.
                        tracing::error!(?d, "deadlock");
                        deadlock = Some(d);
                        self.handle.shared.stop.trigger();
                    }
                }
                if !quiescent && !self.handle.is_stopping() && self.activity.poll_idle(cx).is_ready() {
                    // Stop the processes on cycles only. Every other live
                    // process is downstream of one: once the cycles'
                    // outports are gone its inports close, so it finishes
                    // normally (its `finish` hook runs) and the rest of the
                    // run completes as a DAG does.
                    quiescent = true;
                    self.handle.shared.stop.trigger_some(self.cyclic.iter().copied());
                }
                Poll::Pending
            })
            .await;
            let Some((slot, exit)) = next else { break };
            ended += 1;
            let (name, component) = &self.names[slot];
            let cause = match exit {
                ProcessExit::Finished | ProcessExit::Stopped => continue,
                ProcessExit::Failed(e) => e.to_string(),
                ProcessExit::Panicked(msg) => format!("panicked: {msg}"),
            };
            tracing::error!(process = %name, %cause, "process failed");
            failures.push(ProcessFailure { process: name.to_string(), component: component.clone(), cause });
            // Its supervisor stopped the others already, before its outports
            // closed, unless the process opted out (`on_failure`).
        }
        // The restart events end with the run.
        self.handle.shared.restart_listeners.lock().clear();
        if !failures.is_empty() {
            return Err(NetworkError::Failed(failures));
        }
        if let Some(d) = deadlock {
            return Err(NetworkError::Deadlock(self.describe(&d)));
        }
        let reason = if quiescent {
            EndReason::Quiescent
        } else if self.handle.is_stopping() {
            EndReason::Stopped
        } else {
            EndReason::Completed
        };
        Ok(RunReport { reason, connections: self.handle.connection_stats() })
    }

    /// Names the processes and connections of a deadlock.
    fn describe(&self, d: &crate::wire::Deadlock) -> Deadlock {
        let shared = &self.handle.shared;
        let name = |&(p, c): &(usize, usize)| (self.names[p].0.to_string(), shared.connections[c].0.label.clone());
        Deadlock { cycle: d.cycle.iter().map(name).collect(), waiting: d.waiting.iter().map(name).collect() }
    }
}

