//! One run of a graph's network: started by `network:start`, supervised
//! by a task that flushes its events and reports how it ended.

use std::collections::HashMap;
use std::pin::pin;
use std::sync::Arc;
use std::time::Instant;

use actor_core::network::{ConnectionInfo, EdgeWatch, RestartEvent, RestartEvents};
use actor_core::{Network, NetworkError, NetworkHandle, NetworkOptions, Packet, Registry};

use super::events::{EdgeDesc, StatsSource, now, packet_event};
use super::ports::{INPORT_QUEUE, InportCmd, forward_inport, read_outport};
use super::tap::EdgeTap;
use super::{FLUSH_INTERVAL, choose};
use crate::protocol::Outgoing;
use crate::protocol::network::{ProcessError, Started, Stopped};
use crate::protocol::runtime::PacketPayload;
use crate::runtime::graph::GraphEntry;
use crate::runtime::{ClientId, Request, Runtime};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    Running,
    /// `network:stop` was asked; the supervisor answers `stopped` once it ended.
    Stopping,
    /// It ended; `started` until a `network:stop`.
    Ended { started: bool },
}

/// A network run of one graph.
pub(crate) struct Run {
    id: u64,
    phase: Phase,
    handle: NetworkHandle,
    connections: Vec<ConnectionInfo>,
    stats: Arc<StatsSource>,
    inports: HashMap<String, flume::Sender<InportCmd>>,
}

impl Run {
    /// How many packets the run's tap has sampled so far.
    #[cfg(test)]
    pub(crate) fn sampled(&self) -> u64 {
        self.stats.tap.sampled()
    }

    /// The queue of exported inport `name`.
    #[cfg(test)]
    pub(crate) fn inport_queue(&self, name: &str) -> flume::Sender<InportCmd> {
        self.inports[name].clone()
    }

    /// Packets sent so far on connection `i`.
    #[cfg(test)]
    pub(crate) fn packets(&self, i: usize) -> u64 {
        self.handle.connection_stats()[i].packets
    }

    pub(crate) fn is_running(&self) -> bool {
        matches!(self.phase, Phase::Running | Phase::Stopping)
    }

    pub(crate) fn is_started(&self) -> bool {
        match self.phase {
            Phase::Running | Phase::Stopping => true,
            Phase::Ended { started } => started,
        }
    }

    pub(crate) fn connections(&self) -> &[ConnectionInfo] {
        &self.connections
    }

    /// Chooses the watched connections.
    pub(crate) fn watch(&self, watch: EdgeWatch) {
        self.handle.watch_edges(&watch);
    }

    /// Stops the network without waiting (a `clear` of its graph).
    pub(crate) fn stop(&self) {
        self.handle.stop();
    }

    /// `network:stop`: asks a running network to stop (its supervisor
    /// answers `stopped` once it ended), or returns the `stopped` answer
    /// for one that had ended already.
    pub(crate) fn request_stop(&mut self) -> Option<Outgoing> {
        match self.phase {
            Phase::Running => {
                self.phase = Phase::Stopping;
                self.handle.stop();
                None
            }
            Phase::Stopping => None,
            Phase::Ended { .. } => {
                self.phase = Phase::Ended { started: false };
                Some(stopped(&self.stats, false))
            }
        }
    }

    /// `actorflow:stats` as of now.
    pub(crate) fn stats(&self) -> Outgoing {
        self.stats.message(self.is_running(), self.is_started())
    }

    /// Queues a `runtime:packet` for its exported inport.
    pub(crate) fn send_packet(&self, client: ClientId, request_id: Option<String>, packet: PacketPayload) -> Result<(), String> {
        let Some(queue) = self.inports.get(&packet.port) else {
            let known: Vec<&String> = self.inports.keys().collect();
            return Err(format!("graph {:?} has no exported inport {:?} (inports: {})", packet.graph, packet.port, super::super::graph::list(known.into_iter())));
        };
        let port = packet.port.clone();
        queue.try_send(InportCmd { client, request_id, packet }).map_err(|e| match e {
            flume::TrySendError::Full(_) => format!("exported inport {port:?}: {INPORT_QUEUE} packets are waiting already"),
            flume::TrySendError::Disconnected(_) => format!("exported inport {port:?} is closed"),
        })
    }
}

fn stopped(stats: &StatsSource, started: bool) -> Outgoing {
    let payload = Stopped { time: now(), uptime: stats.started_at.elapsed().as_secs_f64(), graph: stats.graph.clone(), running: false, started };
    Outgoing::new("network", "stopped", payload)
}

/// Builds and starts `entry`'s network, answering `started` (then the IIPs'
/// `network:data`) to every client before its first packet can be reported.
pub(super) fn start(runtime: &Runtime, entry: &GraphEntry, registry: &Registry, id: u64, req: &Request<'_>, any_client: bool) -> Result<Run, String> {
    let graph_id = entry.info.id.clone();
    // The network's connections, not the graph's edges: a subgraph's
    // processes bring their own connections when it is inlined.
    let plan = actor_core::graph::validate(&entry.graph, registry).map_err(|e| NetworkError::Invalid(e).to_string())?;
    let edge_count = plan.wires.iter().filter(|w| matches!(w, actor_core::graph::Wire::Edge { .. })).count();
    let (tap, samples) = EdgeTap::new(edge_count);
    let tap = Arc::new(tap);
    let options = NetworkOptions { observer: Some(tap.clone()), ..NetworkOptions::default() };
    let mut network = Network::from_plan(&plan, registry, options).map_err(|e| e.to_string())?;
    let handle = network.handle();
    let connections = handle.connections();
    handle.watch_edges(&choose(entry, &connections, any_client));

    let mut inports = HashMap::new();
    for name in entry.graph.inports.keys() {
        let port = network.inport(name).map_err(|e| e.to_string())?;
        let (tx, rx) = flume::bounded(INPORT_QUEUE);
        tokio::spawn(forward_inport(runtime.clone(), port, rx));
        inports.insert(name.clone(), tx);
    }
    let mut readers = Vec::new();
    for name in entry.graph.outports.keys() {
        let port = network.outport(name).map_err(|e| e.to_string())?;
        readers.push(tokio::spawn(read_outport(runtime.clone(), graph_id.clone(), port)));
    }

    let edges: Vec<EdgeDesc> = connections.iter().map(EdgeDesc::of).collect();
    let stats = Arc::new(StatsSource { graph: graph_id.clone(), handle: handle.clone(), edges, started_at: Instant::now(), tap: tap.clone() });
    req.broadcast(Outgoing::new("network", "started", Started { time: now(), graph: graph_id.clone(), started: true, running: true }));
    if entry.selected.is_empty() {
        for c in entry.graph.connections.iter().filter(|c| c.src.is_none()) {
            let edge = EdgeDesc::new(None, &c.tgt);
            let data = actor_core::Value::from(c.data.clone().unwrap_or_default());
            req.broadcast(packet_event(&graph_id, &edge, &Packet::Data(data)));
        }
    }
    // Subscribed before the start, so that no restart goes unreported.
    let restarts = handle.restart_events();
    let running = network.start().map_err(|e| e.to_string())?;
    let supervisor = Supervisor { runtime: runtime.clone(), id, tap, samples, stats: stats.clone(), restarts };
    tokio::spawn(supervisor.run(running, readers));
    Ok(Run { id, phase: Phase::Running, handle, connections, stats, inports })
}

/// The task that watches one run.
struct Supervisor {
    runtime: Runtime,
    id: u64,
    tap: Arc<EdgeTap>,
    samples: flume::Receiver<(usize, Packet)>,
    stats: Arc<StatsSource>,
    restarts: RestartEvents,
}

impl Supervisor {
    async fn run(self, running: actor_core::network::RunningNetwork, readers: Vec<tokio::task::JoinHandle<()>>) {
        let mut wait = pin!(running.wait());
        let mut tick = tokio::time::interval(FLUSH_INTERVAL);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let mut restarts_open = true;
        let result = loop {
            tokio::select! {
                r = &mut wait => break r,
                _ = tick.tick() => self.flush(true),
                event = self.restarts.recv(), if restarts_open => match event {
                    Some(event) => self.restarted(&event),
                    None => restarts_open = false,
                },
            }
        };
        // Restarts reported just before the end.
        while let Some(event) = self.restarts.try_recv() {
            self.restarted(&event);
        }
        // Every packet that left an exported outport goes out before `stopped`.
        for r in readers {
            let _ = r.await;
        }
        self.flush(false);
        self.finish(result);
    }

    /// Reports a restart as a `network:processerror` (the failure), whose
    /// message says that the process was restarted: it ends with
    /// `(restarted: restart N of process ...)`. fbp-protocol's payload has
    /// no other field for it; the live graph page looks for `(restarted: `.
    fn restarted(&self, event: &RestartEvent) {
        let error = format!(
            "{} (restarted: restart {} of process {:?} ({}), the fresh instance starts in {} ms)",
            event.cause, event.restarts, event.process, event.component, event.backoff_ms
        );
        let payload = ProcessError { id: event.process.clone(), error, graph: self.stats.graph.clone() };
        self.runtime.clients().broadcast(&Outgoing::new("network", "processerror", payload), None);
    }

    /// Sends the samples of the window that ends, then the counts.
    fn flush(&self, running: bool) {
        let mut clients = self.runtime.clients();
        let graph = &self.stats.graph;
        for (c, packet) in self.samples.try_iter() {
            if let Some(edge) = self.stats.edges.get(c) {
                clients.broadcast(&packet_event(graph, edge, &packet), None);
            }
        }
        self.tap.next_window();
        if running {
            clients.send_stats(graph, || self.stats.message(true, true));
        }
    }

    /// Reports how the run ended, unless a later run or a `clear` replaced it.
    fn finish(self, result: Result<actor_core::network::RunReport, NetworkError>) {
        let mut state = self.runtime.state();
        let graph = self.stats.graph.clone();
        let Some(run) = state.graphs.get_mut(&graph).and_then(|e| e.run.as_mut()).filter(|r| r.id == self.id) else {
            return;
        };
        let started = run.phase == Phase::Running;
        run.phase = Phase::Ended { started };
        let mut clients = self.runtime.clients();
        if let Err(e) = &result {
            if let NetworkError::Failed(failures) = e {
                for f in failures {
                    let payload = ProcessError { id: f.process.clone(), error: f.cause.clone(), graph: graph.clone() };
                    clients.broadcast(&Outgoing::new("network", "processerror", payload), None);
                }
            }
            let payload = crate::protocol::network::NetworkErrorPayload { message: e.to_string(), graph: Some(graph.clone()) };
            clients.broadcast(&Outgoing::new("network", "error", payload), None);
        }
        clients.broadcast(&stopped(&self.stats, started), None);
        clients.send_stats(&graph, || self.stats.message(false, started));
    }
}
