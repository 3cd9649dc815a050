use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

use serde_json::Value as Json;

use super::activity::Activity;
use super::observe::{ConnectionInfo, EdgeObserver};
use super::handles::{InportHandle, NetworkHandle, OutportHandle, ProcessInfo, Shared};
use super::outport::{PacketCount, Target};
use super::process::{DynActor, ProcessStatus};
use super::stop::StopSignal;
use super::{NetworkError, RunReport, RunningNetwork};
use crate::graph::{Graph, PortRef, validate};
use crate::port::{DEFAULT_CAPACITY, Ports};
use crate::rt::Executor;
use crate::{LiveMemoryState, Packet, Registry, Value};

/// How to build and run a network.
#[derive(Clone)]
pub struct NetworkOptions {
    /// The capacity of each connection, in packets (see [`DEFAULT_CAPACITY`]).
    /// Must be at least 1.
    pub capacity: usize,
    /// Where to spawn process tasks; `None` means the current tokio runtime
    /// (native targets). Required on `wasm32`.
    pub executor: Option<Arc<dyn Executor>>,
    /// Receives the packets sent on watched connections (see
    /// [`EdgeObserver`] and [`NetworkHandle::watch_edges`]); `None` by default.
    pub observer: Option<Arc<dyn EdgeObserver>>,
}

impl Default for NetworkOptions {
    fn default() -> Self {
        Self { capacity: DEFAULT_CAPACITY, executor: None, observer: None }
    }
}

impl fmt::Debug for NetworkOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NetworkOptions")
            .field("capacity", &self.capacity)
            .field("executor", &self.executor)
            .field("observer", &self.observer.is_some())
            .finish()
    }
}

/// A network built from a graph and not started yet.
///
/// # Examples
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use actor_core::{Graph, Network, NetworkOptions, PortRef, Registry};
/// let mut graph = Graph::new();
/// graph.add_process("repeat", "core/Repeat");
/// graph.export_inport("IN", "repeat", "in").export_outport("OUT", "repeat", "out");
/// let mut network = Network::new(&graph, &actor_components::standard(), NetworkOptions::default())?;
/// let input = network.inport("IN")?;
/// let output = network.outport("OUT")?;
/// let running = network.start()?;
/// input.send("hello").await?;
/// drop(input); // closes IN, so the network can finish
/// assert_eq!(output.recv().await.and_then(|p| p.into_data()), Some("hello".into()));
/// running.wait().await?;
/// # Ok(()) }
/// ```
pub struct Network {
    pub(crate) processes: Vec<ProcessSlot>,
    pub(crate) exported_in: Vec<(String, usize, usize)>,
    pub(crate) exported_out: Vec<(String, usize, usize)>,
    pub(crate) connections: Vec<(ConnectionInfo, Arc<PacketCount>)>,
    pub(crate) activity: Option<Arc<Activity>>,
    pub(crate) stop: Arc<StopSignal>,
    pub(crate) capacity: usize,
    pub(crate) executor: Option<Arc<dyn Executor>>,
    handle: NetworkHandle,
}

pub(crate) struct ProcessSlot {
    pub(crate) name: Arc<str>,
    pub(crate) component: String,
    pub(crate) actor: Box<dyn DynActor>,
    pub(crate) ports: Ports,
    pub(crate) state: LiveMemoryState,
    pub(crate) config: Arc<Json>,
    pub(crate) status: Arc<ProcessStatus>,
    pub(crate) channels: Vec<InChannel>,
    /// Targets of each declared outport, by declared position.
    pub(crate) targets: Vec<Vec<Target>>,
    /// In a network with a cycle: whether this process is neither on a
    /// cycle nor downstream of one, so its inputs close and it finishes on
    /// its own. Such a process counts as activity until it ends, so
    /// quiescence never stops it before its `finish` has run.
    pub(crate) finishes_alone: bool,
    /// On a directed cycle of the graph: stopped when the network goes
    /// quiescent (the processes downstream of it then finish normally).
    pub(crate) on_cycle: bool,
}

pub(crate) struct InChannel {
    pub(crate) port: usize,
    pub(crate) index: Option<usize>,
    pub(crate) tx: flume::Sender<Packet>,
    pub(crate) rx: flume::Receiver<Packet>,
}

impl Network {
    /// Validates `graph` against `registry` and builds the network: one
    /// actor, state and task-to-be per process, one bounded channel per
    /// connected inport.
    ///
    /// # Errors
    /// - [`NetworkError::Invalid`] with every validation problem found;
    /// - [`NetworkError::Instantiate`] when a factory rejects a config.
    pub fn new(graph: &Graph, registry: &Registry, options: NetworkOptions) -> Result<Self, NetworkError> {
        validate(graph, registry).map_err(NetworkError::Invalid)?;
        let capacity = options.capacity.max(1);
        let case_sensitive = graph.case_sensitive;
        let mut slots = Vec::with_capacity(graph.processes.len());
        let mut by_name = HashMap::new();
        for (name, process) in &graph.processes {
            let entry = registry.get(&process.component).expect("validated");
            let config = process.metadata.clone().map_or(Json::Null, Json::Object);
            // A factory is user code: a panic in it is reported like an
            // error, with the process name, not propagated.
            let made = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| entry.instantiate(&config)))
                .unwrap_or_else(|panic| Err(format!("panicked: {}", super::process::panic_message(&*panic)).into()));
            let actor = made.map_err(|e| NetworkError::Instantiate {
                process: name.clone(),
                component: process.component.clone(),
                cause: e.to_string(),
            })?;
            // Wire by the registered spec, the one validation checked against.
            let ports = entry.spec.ports.clone();
            by_name.insert(name.as_str(), slots.len());
            slots.push(ProcessSlot {
                name: Arc::from(name.as_str()),
                component: process.component.clone(),
                targets: vec![Vec::new(); ports.outports.len()],
                actor,
                ports,
                state: LiveMemoryState::new(),
                config: Arc::new(config),
                status: Arc::new(ProcessStatus::default()),
                channels: Vec::new(),
                finishes_alone: false,
                on_cycle: false,
            });
        }

        super::shared_state::link_shared_states(&mut slots)?;

        let mut iip_counts: HashMap<(usize, usize, Option<usize>), usize> = HashMap::new();
        let resolve_in = |slots: &[ProcessSlot], r: &PortRef| -> (usize, usize) {
            let p = by_name[r.process.as_str()];
            let port = position(&slots[p].ports.inports, &r.port, case_sensitive);
            (p, port)
        };
        for c in graph.connections.iter().filter(|c| c.src.is_none()) {
            let (p, port) = resolve_in(&slots, &c.tgt);
            *iip_counts.entry((p, port, c.tgt.index)).or_default() += 1;
        }

        let mut network_connections = Vec::new();
        let mut iips = Vec::new();
        let mut has_edges = vec![Vec::new(); slots.len()];
        for c in &graph.connections {
            let (p, port) = resolve_in(&slots, &c.tgt);
            let extra = iip_counts.get(&(p, port, c.tgt.index)).copied().unwrap_or(0);
            let ch = channel_for(&mut slots[p], port, c.tgt.index, capacity + extra);
            match (&c.src, &c.data) {
                (Some(src), _) => {
                    let s = by_name[src.process.as_str()];
                    let out = position(&slots[s].ports.outports, &src.port, case_sensitive);
                    let sent = Arc::new(PacketCount::tapped(network_connections.len(), options.observer.clone()));
                    let info = ConnectionInfo { src: src.clone(), tgt: c.tgt.clone(), label: label(src, &c.tgt) };
                    network_connections.push((info, sent.clone()));
                    let tx = slots[p].channels[ch].tx.clone();
                    slots[s].targets[out].push(Target { tx, src_index: src.index, sent, in_network: true });
                    has_edges[s].push(p);
                }
                (None, data) => {
                    let value = Value::from(data.clone().unwrap_or(Json::Null));
                    iips.push((p, ch, Packet::Data(value)));
                }
            }
        }

        let mut exported_in = Vec::new();
        for (name, e) in &graph.inports {
            let (p, port) = resolve_in(&slots, &PortRef::new(&e.process, &e.port));
            let ch = channel_for(&mut slots[p], port, None, capacity);
            exported_in.push((name.clone(), p, ch));
        }
        let mut exported_out = Vec::new();
        for (name, e) in &graph.outports {
            let p = by_name[e.process.as_str()];
            let out = position(&slots[p].ports.outports, &e.port, case_sensitive);
            exported_out.push((name.clone(), p, out));
        }

        let activity = has_cycle(&has_edges).then(|| Arc::new(Activity::default()));
        if activity.is_some() {
            for (slot, fed_by_cycle) in slots.iter_mut().zip(downstream_of_cycle(&has_edges)) {
                slot.finishes_alone = !fed_by_cycle;
            }
            for (slot, cyclic) in slots.iter_mut().zip(on_cycle(&has_edges)) {
                slot.on_cycle = cyclic;
            }
        }
        // The IIPs go into their channels now, before any exported-inport
        // handle exists, so they come first and always fit: each channel
        // has room reserved for its IIPs. They count as in flight.
        if let Some(a) = &activity {
            a.add(iips.len() as isize);
        }
        for (p, ch, packet) in iips {
            slots[p].channels[ch].tx.try_send(packet).expect("IIP capacity reserved and no other sender yet");
        }
        let stop = StopSignal::new(slots.len());
        let handle = NetworkHandle {
            shared: Arc::new(Shared {
                stop: stop.clone(),
                processes: slots
                    .iter()
                    .map(|s| ProcessInfo { name: s.name.clone(), state: s.state.clone(), status: s.status.clone() })
                    .collect(),
                connections: network_connections.clone(),
            }),
        };
        Ok(Self {
            processes: slots,
            exported_in,
            exported_out,
            connections: network_connections,
            activity,
            stop,
            capacity,
            executor: options.executor,
            handle,
        })
    }

    /// A handle for stopping the network and reading states and statistics.
    pub fn handle(&self) -> NetworkHandle {
        self.handle.clone()
    }

    /// The state of process `name`: the same instance the process will hold.
    pub fn state(&self, name: &str) -> Option<LiveMemoryState> {
        self.handle.state(name)
    }

    /// A sender into exported inport `name`. The inport stays open until
    /// every clone of the handle is dropped (or the network stops).
    ///
    /// # Errors
    /// [`NetworkError::NoExportedPort`] for an unknown name.
    pub fn inport(&self, name: &str) -> Result<InportHandle, NetworkError> {
        let (_, p, ch) = self.exported_in.iter().find(|(n, _, _)| n == name).ok_or_else(|| {
            NetworkError::NoExportedPort { direction: "inport", name: name.to_string(), known: names(&self.exported_in) }
        })?;
        let tx = self.processes[*p].channels[*ch].tx.clone();
        Ok(InportHandle::new(name.to_string(), tx, self.activity.clone()))
    }

    /// A receiver of exported outport `name`. Each call adds one more
    /// connection from the process port (fan-out: each gets every packet).
    ///
    /// # Errors
    /// [`NetworkError::NoExportedPort`] for an unknown name.
    pub fn outport(&mut self, name: &str) -> Result<OutportHandle, NetworkError> {
        let (_, p, out) = self.exported_out.iter().find(|(n, _, _)| n == name).ok_or_else(|| {
            NetworkError::NoExportedPort { direction: "outport", name: name.to_string(), known: names(&self.exported_out) }
        })?;
        let (tx, rx) = flume::bounded(self.capacity);
        let sent = Arc::new(PacketCount::default());
        self.processes[*p].targets[*out].push(Target { tx, src_index: None, sent, in_network: false });
        Ok(OutportHandle { name: name.to_string(), rx })
    }

    /// Starts the network: spawns one task per process. The IIPs were
    /// queued, in graph order, when the network was built, so they arrive
    /// before anything sent through an exported-inport handle.
    ///
    /// # Errors
    /// [`NetworkError::NoRuntime`] when no executor was given and none is current.
    pub fn start(self) -> Result<RunningNetwork, NetworkError> {
        super::running::start(self)
    }

    /// Starts the network and waits for it to end.
    ///
    /// # Errors
    /// As [`Network::start`] and [`RunningNetwork::wait`].
    pub async fn run(self) -> Result<RunReport, NetworkError> {
        self.start()?.wait().await
    }

    pub(crate) fn take_handle(&self) -> NetworkHandle {
        self.handle.clone()
    }
}

impl fmt::Debug for Network {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Network")
            .field("processes", &self.processes.iter().map(|p| &p.name).collect::<Vec<_>>())
            .field("connections", &self.connections.len())
            .finish_non_exhaustive()
    }
}

fn names(list: &[(String, usize, usize)]) -> String {
    list.iter().map(|(n, _, _)| n.as_str()).collect::<Vec<_>>().join(", ")
}

fn position(ports: &[crate::PortSpec], name: &str, case_sensitive: bool) -> usize {
    ports
        .iter()
        .position(|p| p.name == name)
        .or_else(|| (!case_sensitive).then(|| ports.iter().position(|p| p.name.eq_ignore_ascii_case(name))).flatten())
        .expect("validated")
}

fn channel_for(slot: &mut ProcessSlot, port: usize, index: Option<usize>, capacity: usize) -> usize {
    if let Some(i) = slot.channels.iter().position(|c| c.port == port && c.index == index) {
        return i;
    }
    let (tx, rx) = flume::bounded(capacity);
    slot.channels.push(InChannel { port, index, tx, rx });
    slot.channels.len() - 1
}

fn label(src: &PortRef, tgt: &PortRef) -> String {
    let end = |r: &PortRef| match r.index {
        Some(i) => format!("{}.{}[{i}]", r.process, r.port),
        None => format!("{}.{}", r.process, r.port),
    };
    format!("{} -> {}", end(src), end(tgt))
}

/// For each node of the directed graph given as adjacency lists, whether
/// it is on a cycle or reachable from one: exactly the nodes that Kahn's
/// topological sort (Kahn 1962, "Topological sorting of large networks")
/// never frees, since each waits, directly or not, on a node of a cycle.
fn downstream_of_cycle(edges: &[Vec<usize>]) -> Vec<bool> {
    let mut in_degree = vec![0usize; edges.len()];
    for succ in edges.iter().flatten() {
        in_degree[*succ] += 1;
    }
    let mut free: Vec<usize> = (0..edges.len()).filter(|&n| in_degree[n] == 0).collect();
    let mut marked = vec![true; edges.len()];
    while let Some(n) = free.pop() {
        marked[n] = false;
        for &succ in &edges[n] {
            in_degree[succ] -= 1;
            if in_degree[succ] == 0 {
                free.push(succ);
            }
        }
    }
    marked
}

/// For each node of the directed graph given as adjacency lists, whether
/// it lies on a directed cycle: its strongly connected component has more
/// than one node, or it has an edge to itself. Components are found with
/// Kosaraju's two-pass algorithm (Sharir 1981, "A strong-connectivity
/// algorithm and its applications in data flow analysis"), both passes
/// iterative, in O(nodes + edges).
fn on_cycle(edges: &[Vec<usize>]) -> Vec<bool> {
    let n = edges.len();
    // Pass 1: nodes in order of DFS completion.
    let mut order = Vec::with_capacity(n);
    let mut seen = vec![false; n];
    for root in 0..n {
        if seen[root] {
            continue;
        }
        seen[root] = true;
        let mut stack = vec![(root, 0usize)];
        while let Some((node, next)) = stack.last_mut() {
            if let Some(&succ) = edges[*node].get(*next) {
                *next += 1;
                if !seen[succ] {
                    seen[succ] = true;
                    stack.push((succ, 0));
                }
            } else {
                order.push(*node);
                stack.pop();
            }
        }
    }
    // Pass 2: on the reversed graph, in reverse completion order, each
    // search collects exactly one strongly connected component.
    let mut reverse = vec![Vec::new(); n];
    for (from, succs) in edges.iter().enumerate() {
        for &to in succs {
            reverse[to].push(from);
        }
    }
    let mut component = vec![usize::MAX; n];
    let mut sizes = Vec::new();
    for &root in order.iter().rev() {
        if component[root] != usize::MAX {
            continue;
        }
        let id = sizes.len();
        sizes.push(0usize);
        component[root] = id;
        let mut stack = vec![root];
        while let Some(node) = stack.pop() {
            sizes[id] += 1;
            for &pred in &reverse[node] {
                if component[pred] == usize::MAX {
                    component[pred] = id;
                    stack.push(pred);
                }
            }
        }
    }
    (0..n).map(|v| sizes[component[v]] > 1 || edges[v].contains(&v)).collect()
}

/// Whether the directed graph given as adjacency lists has a cycle
/// (iterative three-colour DFS).
fn has_cycle(edges: &[Vec<usize>]) -> bool {
    let mut colour = vec![0u8; edges.len()];
    for root in 0..edges.len() {
        if colour[root] != 0 {
            continue;
        }
        let mut stack = vec![(root, 0usize)];
        colour[root] = 1;
        while let Some((node, next)) = stack.last_mut() {
            if let Some(&succ) = edges[*node].get(*next) {
                *next += 1;
                match colour[succ] {
                    0 => {
                        colour[succ] = 1;
                        stack.push((succ, 0));
                    }
                    1 => return true,
                    _ => {}
                }
            } else {
                colour[*node] = 2;
                stack.pop();
            }
        }
    }
    false
}

#[cfg(test)]
mod tests;
