//! [`Network`]: a network built from a plan, not started yet.

use std::fmt;
use std::sync::Arc;

use serde_json::Value as Json;

use super::handles::{InportHandle, NetworkHandle, OutportHandle, ProcessInfo, Shared};
use super::wiring::{InChannel, Wiring};
use super::durable::{Checkpointer, ProcessState, StateStore};
use super::{NetworkError, NetworkOptions, RunReport, RunningNetwork};
use crate::graph::{FailurePolicy, Graph, Plan, PlanPort, Restart, validate};
use crate::port::Ports;
use crate::process::{DynActor, Finish, ProcessStatus, StopSignal, panic_message};
use crate::registry::Factory;
use crate::rt::Executor;
use crate::wire::{Activity, PacketCount, Target, Waits};
use crate::{LiveMemoryState, Registry};

/// A network built from a graph and not started yet.
///
/// # Examples
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use actor_core::{Graph, Network, NetworkOptions, PortRef};
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
    processes: Vec<ProcessSlot>,
    /// Exported inports: public name, process and channel index.
    exported_in: Vec<(String, usize, usize)>,
    /// Exported outports: public name and the outport behind it.
    exported_out: Vec<(String, PlanPort)>,
    /// Processes on a cycle: the ones stopped when the network goes quiescent.
    cyclic: Vec<usize>,
    activity: Activity,
    /// The wait-for graph, for deadlock detection (a network with a cycle only).
    waits: Option<Arc<Waits>>,
    capacity: usize,
    executor: Option<Arc<dyn Executor>>,
    handle: NetworkHandle,
    /// The durable store and the states it saves (each state once).
    durable: Option<Durable>,
}

/// A network's durable store and the states it saves (each state once).
type Durable = (Arc<dyn StateStore>, Arc<[ProcessState]>);

/// Everything one process's task will be started with.
pub(super) struct ProcessSlot {
    pub(super) name: Arc<str>,
    pub(super) component: String,
    pub(super) actor: Box<dyn DynActor>,
    pub(super) ports: Ports,
    pub(super) state: LiveMemoryState,
    pub(super) config: Arc<Json>,
    pub(super) status: Arc<ProcessStatus>,
    pub(super) channels: Vec<InChannel>,
    /// Per declared outport: the connections leaving it.
    pub(super) targets: Vec<Vec<Target>>,
    pub(super) finish: Finish,
    pub(super) policy: FailurePolicy,
    /// What makes a fresh actor for a restart (`restart=on_failure` only).
    pub(super) factory: Option<Factory>,
    /// Its position in a topological order, its task's place on the
    /// executor ([`Executor::spawn_at`](crate::rt::Executor::spawn_at)).
    pub(super) place: usize,
}

impl Network {
    /// Validates `graph` against `registry` and builds the network from the
    /// resulting plan (see [`Network::from_plan`]).
    ///
    /// # Errors
    /// - [`NetworkError::Invalid`] with every validation problem found;
    /// - as [`Network::from_plan`].
    pub fn new(graph: &Graph, registry: &Registry, options: NetworkOptions) -> Result<Self, NetworkError> {
        let plan = validate(graph, registry).map_err(NetworkError::Invalid)?;
        Self::from_plan(&plan, registry, options)
    }

    /// Builds a network from a validated plan: one actor (made by
    /// `registry`'s factory), state and task-to-be per process, one bounded
    /// channel per connected inport. The IIPs are queued, in graph order.
    ///
    /// With a [`NetworkOptions::state_store`], the states are restored from
    /// it here, before any process runs.
    ///
    /// # Errors
    /// [`NetworkError::Instantiate`] when a process's component is not in
    /// `registry`, when its factory rejects the process's config (or
    /// panics), or when its `state` metadata is invalid (see
    /// [`SHARED_STATE_KEY`](super::SHARED_STATE_KEY));
    /// [`NetworkError::StateStore`] when the store cannot restore the states.
    pub fn from_plan(plan: &Plan, registry: &Registry, options: NetworkOptions) -> Result<Self, NetworkError> {
        let capacity = options.capacity.max(1);
        let topology = &plan.topology;
        let activity = if topology.has_cycle { Activity::on() } else { Activity::off() };
        let owners = super::shared_state::state_owners(&plan.processes)?;
        let states: Vec<LiveMemoryState> = plan.processes.iter().map(|_| LiveMemoryState::new()).collect();
        let durable = match options.state_store {
            Some(store) => {
                let saved: Arc<[ProcessState]> = (plan.processes.iter().enumerate())
                    .filter(|&(i, _)| owners[i] == i)
                    .map(|(i, p)| ProcessState {
                        process: Arc::from(p.name.as_str()),
                        component: p.component.clone(),
                        state: states[i].clone(),
                    })
                    .collect();
                store.restore(&saved).map_err(NetworkError::StateStore)?;
                Some((store, saved))
            }
            None => None,
        };
        let mut actors = Vec::with_capacity(plan.processes.len());
        let mut factories = Vec::with_capacity(plan.processes.len());
        for p in &plan.processes {
            let fail = |cause: String| NetworkError::Instantiate { process: p.name.clone(), component: p.component.clone(), cause };
            let entry = registry.get(&p.component).ok_or_else(|| fail("the component is not in the registry".to_string()))?;
            let factory = entry.factory().map_err(|e| fail(e.to_string()))?;
            actors.push(make_actor(factory, &p.config).map_err(fail)?);
            let restarts = matches!(p.policy.restart, Restart::OnFailure { .. });
            factories.push(restarts.then(|| factory.clone()));
        }
        let waits = topology.has_cycle.then(|| Waits::new(plan.processes.len(), edge_ends(plan)));
        let Wiring { channels, targets, connections, exported_in } =
            Wiring::new(plan, capacity, &activity, options.observer.as_ref(), waits.as_ref());
        let processes: Vec<ProcessSlot> = plan
            .processes
            .iter()
            .zip(actors.into_iter().zip(factories))
            .zip(channels.into_iter().zip(targets))
            .enumerate()
            .map(|(i, ((p, (actor, factory)), (channels, targets)))| ProcessSlot {
                name: Arc::from(p.name.as_str()),
                component: p.component.clone(),
                actor,
                ports: p.ports.clone(),
                state: states[owners[i]].clone(),
                config: Arc::new(p.config.clone()),
                status: Arc::new(ProcessStatus::default()),
                channels,
                targets,
                finish: if topology.downstream_of_cycle.get(i).copied().unwrap_or(false) {
                    Finish::AfterCycles
                } else {
                    Finish::OnItsOwn
                },
                policy: p.policy,
                factory,
                place: topology.position.get(i).copied().unwrap_or(i),
            })
            .collect();
        let cyclic = (0..processes.len()).filter(|&i| topology.on_cycle.get(i).copied().unwrap_or(false)).collect();
        let handle = NetworkHandle {
            shared: Arc::new(Shared {
                stop: StopSignal::new(processes.len()),
                processes: processes
                    .iter()
                    .map(|s| ProcessInfo {
                        name: s.name.clone(),
                        state: s.state.clone(),
                        status: s.status.clone(),
                        restarts: Default::default(),
                    })
                    .collect(),
                connections,
                restart_listeners: Default::default(),
            }),
        };
        Ok(Self {
            processes,
            exported_in,
            exported_out: plan.exported_outports.clone(),
            cyclic,
            activity,
            waits,
            capacity,
            executor: options.executor,
            handle,
            durable,
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
            let known = self.exported_in.iter().map(|(n, _, _)| n.as_str()).collect::<Vec<_>>().join(", ");
            NetworkError::NoExportedPort { direction: "inport", name: name.to_string(), known }
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
        let (_, port) = self.exported_out.iter().find(|(n, _)| n == name).ok_or_else(|| {
            let known = self.exported_out.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>().join(", ");
            NetworkError::NoExportedPort { direction: "outport", name: name.to_string(), known }
        })?;
        let (tx, rx) = crate::wire::channel::bounded(self.capacity);
        // Packets sent to an exported outport leave the network: they are
        // never in flight inside it.
        let target = Target::new(tx, None, Arc::new(PacketCount::default()), Activity::off());
        self.processes[port.process].targets[port.port].push(target);
        Ok(OutportHandle { name: name.to_string(), rx })
    }

    /// Starts the network: spawns one task per process. The IIPs were
    /// queued, in graph order, when the network was built, so they arrive
    /// before anything sent through an exported-inport handle.
    ///
    /// # Errors
    /// [`NetworkError::NoRuntime`] when no executor was given and none is current.
    pub fn start(self) -> Result<RunningNetwork, NetworkError> {
        let executor = match self.executor {
            Some(e) => e,
            None => crate::rt::default_executor()?,
        };
        let checkpointer =
            self.durable.map(|(store, states)| Checkpointer::start(store, states, self.handle.clone(), &*executor));
        let mut running = super::running::start(self.processes, self.cyclic, self.activity, self.waits, self.handle, executor);
        running.checkpointer = checkpointer;
        Ok(running)
    }

    /// Starts the network and waits for it to end.
    ///
    /// # Errors
    /// As [`Network::start`] and [`RunningNetwork::wait`].
    pub async fn run(self) -> Result<RunReport, NetworkError> {
        self.start()?.wait().await
    }
}

impl fmt::Debug for Network {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Network")
            .field("processes", &self.processes.iter().map(|p| &p.name).collect::<Vec<_>>())
            .field("connections", &self.handle.shared.connections.len())
            .finish_non_exhaustive()
    }
}

/// Makes an actor with `factory` from a process's `config`. A factory is
/// user code: a panic in it is reported like an error, not propagated.
///
/// # Errors
/// The factory's error, or `panicked: <message>`.
pub(super) fn make_actor(factory: &Factory, config: &Json) -> Result<Box<dyn DynActor>, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| factory(config)))
        .unwrap_or_else(|panic| Err(format!("panicked: {}", panic_message(&*panic)).into()))
        .map_err(|e| e.to_string())
}

/// The (sender, receiver) processes of each connection, in connection order.
fn edge_ends(plan: &Plan) -> Vec<(usize, usize)> {
    plan.wires
        .iter()
        .filter_map(|w| match w {
            crate::graph::Wire::Edge { src, tgt, .. } => Some((src.process, tgt.process)),
            crate::graph::Wire::Iip { .. } => None,
        })
        .collect()
}
