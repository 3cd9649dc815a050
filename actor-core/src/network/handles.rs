use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use parking_lot::Mutex;

use super::supervise::{RestartEvent, RestartEvents};
use super::{ConnectionInfo, EdgeWatch};
use crate::process::{ProcessStatus, Status, StopSignal};
use crate::wire::channel::{Receiver, Sender};
use crate::wire::{Activity, PacketCount};
use crate::{LiveMemoryState, Packet};

/// A handle to a network, running or not: stop it, read process states and
/// live statistics. `Send + Sync`; cloning is cheap (an `Arc`).
#[derive(Clone)]
pub struct NetworkHandle {
    pub(crate) shared: Arc<Shared>,
}

pub(crate) struct Shared {
    pub(crate) stop: Arc<StopSignal>,
    pub(crate) processes: Vec<ProcessInfo>,
    pub(crate) connections: Vec<(ConnectionInfo, Arc<PacketCount>)>,
    /// Who hears of restarts ([`NetworkHandle::restart_events`]); emptied when the run ends.
    pub(crate) restart_listeners: Mutex<Vec<flume::Sender<RestartEvent>>>,
}

pub(crate) struct ProcessInfo {
    pub(crate) name: Arc<str>,
    pub(crate) state: LiveMemoryState,
    pub(crate) status: Arc<ProcessStatus>,
    /// Restarts so far.
    pub(crate) restarts: AtomicU32,
}

impl Shared {
    /// Counts a restart of process `slot` and tells every listener.
    pub(crate) fn report_restart(&self, slot: usize, event: RestartEvent) {
        self.processes[slot].restarts.fetch_add(1, Ordering::Relaxed);
        self.restart_listeners.lock().retain(|l| l.send(event.clone()).is_ok());
    }
}

/// The number of packets sent so far on one connection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConnectionStats {
    /// `src.PORT -> tgt.PORT` (with array indices where present).
    pub label: String,
    /// Packets sent on it so far.
    pub packets: u64,
}

impl NetworkHandle {
    /// Asks every process to stop. Each process's `shutdown` hook runs, and
    /// the run ends with [`EndReason::Stopped`](super::EndReason::Stopped).
    /// Idempotent; returns at once.
    pub fn stop(&self) {
        self.shared.stop.trigger();
    }

    /// Whether a stop was requested.
    pub fn is_stopping(&self) -> bool {
        self.shared.stop.is_triggered()
    }

    /// The state of process `name` (the same instance the process holds).
    pub fn state(&self, name: &str) -> Option<LiveMemoryState> {
        self.shared.processes.iter().find(|p| &*p.name == name).map(|p| p.state.clone())
    }

    /// Per-connection packet counts, in graph order.
    pub fn connection_stats(&self) -> Vec<ConnectionStats> {
        self.shared
            .connections
            .iter()
            .map(|(info, n)| ConnectionStats { label: info.label.clone(), packets: n.get() })
            .collect()
    }

    /// The network's connections (edges between process ports), in graph
    /// order: the order of [`connection_stats`](Self::connection_stats),
    /// and the indices an [`EdgeObserver`](crate::wire::EdgeObserver) is given.
    pub fn connections(&self) -> Vec<ConnectionInfo> {
        self.shared.connections.iter().map(|(info, _)| info.clone()).collect()
    }

    /// Chooses which connections report their packets to the network's
    /// [`EdgeObserver`](crate::wire::EdgeObserver) (see
    /// [`NetworkOptions::observer`](super::NetworkOptions::observer)),
    /// replacing the previous choice. Takes effect for packets sent after it
    /// returns. Without an observer it has no effect.
    pub fn watch_edges(&self, watch: &EdgeWatch) {
        for (i, (_, count)) in self.shared.connections.iter().enumerate() {
            let on = match watch {
                EdgeWatch::None => false,
                EdgeWatch::All => true,
                EdgeWatch::Only(list) => list.contains(&i),
            };
            count.set_watched(on);
        }
    }

    /// Restarts from now on, as they happen (see
    /// [`FailurePolicy`](crate::graph::FailurePolicy) for when a process is
    /// restarted). For an fbp-protocol runtime, for example, to report each
    /// as a `network:processerror`. The events end when
    /// [`RunningNetwork::wait`](super::RunningNetwork::wait) returns.
    pub fn restart_events(&self) -> RestartEvents {
        let (tx, rx) = flume::unbounded();
        self.shared.restart_listeners.lock().push(tx);
        RestartEvents::new(rx)
    }

    /// The processes restarted at least once so far, with how many times,
    /// in graph order.
    pub fn restarts(&self) -> Vec<(String, u32)> {
        self.shared
            .processes
            .iter()
            .filter_map(|p| match p.restarts.load(Ordering::Relaxed) {
                0 => None,
                n => Some((p.name.to_string(), n)),
            })
            .collect()
    }

    /// Names of processes waiting to be restarted after a failure right now.
    pub fn restarting_processes(&self) -> Vec<String> {
        self.processes_with(|s| s == Status::Restarting)
    }

    /// Names of processes busy in an activation right now.
    pub fn busy_processes(&self) -> Vec<String> {
        self.processes_with(|s| s == Status::Busy)
    }

    /// Names of processes that have not ended yet.
    pub fn live_processes(&self) -> Vec<String> {
        self.processes_with(|s| s != Status::Ended)
    }

    fn processes_with(&self, f: impl Fn(Status) -> bool) -> Vec<String> {
        self.shared.processes.iter().filter(|p| f(p.status.get())).map(|p| p.name.to_string()).collect()
    }
}

impl fmt::Debug for NetworkHandle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NetworkHandle")
            .field("processes", &self.shared.processes.iter().map(|p| &p.name).collect::<Vec<_>>())
            .finish()
    }
}

/// Sends packets into an exported inport from outside the network.
///
/// `Send + Sync`; cloning is cheap. The inport stays open while any clone
/// lives: drop every clone to let the network finish.
#[derive(Clone)]
pub struct InportHandle {
    inner: Arc<InportInner>,
}

struct InportInner {
    name: String,
    tx: Sender,
    /// A live handle is a unit of work: the network could still get input.
    activity: Activity,
}

impl Drop for InportInner {
    fn drop(&mut self) {
        self.activity.end(1);
    }
}

/// The network has ended (or the process behind the exported port has), so
/// the packet could not be delivered; it is handed back.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("the process behind the exported port has ended")]
pub struct Closed(pub Packet);

impl InportHandle {
    pub(crate) fn new(name: String, tx: Sender, activity: Activity) -> Self {
        activity.begin(1);
        Self { inner: Arc::new(InportInner { name, tx, activity }) }
    }

    /// The exported port's name.
    pub fn name(&self) -> &str {
        &self.inner.name
    }

    /// Sends a data value or packet, waiting while the connection is full.
    ///
    /// # Errors
    /// [`Closed`] with the packet when the receiving process has ended.
    ///
    /// # Cancel safety
    /// Dropping the future before it completes normally leaves the packet
    /// unsent (and no longer counted as in flight).
    pub async fn send(&self, packet: impl Into<Packet>) -> Result<(), Closed> {
        let in_flight = self.inner.activity.guard();
        let r = self.inner.tx.send(packet.into()).await.map_err(Closed);
        if r.is_ok() {
            // Delivered: the receiving process ends it once handled.
            in_flight.hand_over();
        }
        r
    }
}

impl fmt::Debug for InportHandle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("InportHandle").field("name", &self.inner.name).finish()
    }
}

/// Receives the packets a network sends on an exported outport.
///
/// `Send + Sync`; clones share one queue (each packet goes to one clone).
/// Packets wait in a bounded channel, so a reader that falls behind slows
/// the process feeding it.
#[derive(Clone)]
pub struct OutportHandle {
    pub(crate) name: String,
    pub(crate) rx: Receiver,
}

impl OutportHandle {
    /// The exported port's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The next packet; `None` once the process behind the port has ended
    /// and everything it sent was received.
    ///
    /// # Cancel safety
    /// Cancel safe.
    pub async fn recv(&self) -> Option<Packet> {
        self.rx.recv().await
    }

    /// The next packet if one is waiting.
    pub fn try_recv(&self) -> Option<Packet> {
        self.rx.try_recv().ok()
    }

    /// The packets as a stream.
    pub fn stream(&self) -> impl futures::Stream<Item = Packet> + '_ {
        futures::stream::unfold(self, |handle| async move { handle.recv().await.map(|p| (p, handle)) })
    }
}

impl fmt::Debug for OutportHandle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OutportHandle").field("name", &self.name).finish()
    }
}
