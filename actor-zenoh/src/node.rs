//! Running one node's share of a graph: [`NodeRun`].

use std::time::Duration;

use actor_core::network::{EndReason, RunReport};
use actor_core::{Graph, Network, NetworkError, NetworkHandle, NetworkOptions, Registry};
use zenoh::Session;

use crate::error::DistributedError;
use crate::hash::graph_hash;
use crate::membership::{Membership, Outcome};
use crate::names::{NodeName, RunId};
use crate::placement::{Placement, Share};
use crate::proxy::{self, DEFAULT_WINDOW, Endpoints};

/// How long a node waits for the others to join, by default: 60 seconds.
pub const DEFAULT_JOIN_TIMEOUT: Duration = Duration::from_secs(60);

/// How long a node that failed or stopped waits, at most, for the other
/// nodes to acknowledge its outcome before it closes its session.
const LINGER: Duration = Duration::from_secs(3);

/// What a node runs and how.
#[derive(Debug, Clone)]
pub struct NodeOptions {
    /// The node whose processes this run runs.
    pub node: NodeName,
    /// The run id (default `default`): key expressions carry it, so runs
    /// with different ids on one Zenoh network never mix.
    pub run_id: RunId,
    /// The credit window of each remote connection, in packets (default
    /// [`DEFAULT_WINDOW`]). Every node of a run should use the same.
    pub window: u64,
    /// How long to wait for every node to join (default [`DEFAULT_JOIN_TIMEOUT`]).
    pub join_timeout: Duration,
    /// Options of the local network.
    pub network: NetworkOptions,
    /// The hash the nodes compare; `None` (the default) is
    /// [`graph_hash`] of the graph given to [`NodeRun::join`]. The CLI
    /// passes the hash of the graph as written (with `--set` values),
    /// before relative file paths are resolved against the graph file's
    /// folder, which differs between machines.
    pub graph_hash: Option<String>,
}

impl NodeOptions {
    /// The defaults, for node `node`.
    pub fn new(node: NodeName) -> Self {
        Self {
            node,
            run_id: RunId::default(),
            window: DEFAULT_WINDOW,
            join_timeout: DEFAULT_JOIN_TIMEOUT,
            network: NetworkOptions::default(),
            graph_hash: None,
        }
    }
}

/// One node's share of a graph, joined to its run and ready to start.
///
/// [`join`](Self::join) validates the whole graph, cuts this node's share
/// (see [`crate::placement`]), declares the remote connections' Zenoh
/// endpoints, builds the local [`Network`], and waits until every node of
/// the graph is in the run with the same graph. Before [`run`](Self::run),
/// [`network_mut`](Self::network_mut) gives access to the network, for
/// example to take handles to the exported ports this node serves.
#[derive(Debug)]
pub struct NodeRun {
    network: Network,
    membership: Membership,
    share: Share,
    hash: String,
}

impl NodeRun {
    /// Joins the run (see the type's docs). `waiting` is called once, with
    /// the missing nodes, if they have not all joined after a second.
    ///
    /// # Errors
    /// - [`DistributedError::Build`] for an invalid graph, or a factory
    ///   that rejects a config;
    /// - [`DistributedError::Placement`] for a bad `node` value, a cycle
    ///   across nodes, or a node that runs no process;
    /// - [`DistributedError::GraphMismatch`], [`DistributedError::StrangerNode`],
    ///   [`DistributedError::JoinTimeout`], [`DistributedError::NodeLost`];
    /// - [`DistributedError::Zenoh`] when a declaration fails.
    pub async fn join(
        session: &Session,
        graph: &Graph,
        registry: &Registry,
        options: NodeOptions,
        waiting: impl FnMut(&[NodeName]),
    ) -> Result<Self, DistributedError> {
        actor_core::graph::validate(graph, registry).map_err(|e| DistributedError::Build(NetworkError::Invalid(e)))?;
        let placement = Placement::of(graph)?;
        placement.check_node(&options.node)?;
        let hash = options.graph_hash.clone().unwrap_or_else(|| graph_hash(graph));
        let share = placement.share(graph, &options.node);
        let endpoints = Endpoints::declare(session, &options.run_id, &hash, &share, options.window).await?;
        let mut registry = registry.clone();
        proxy::register(&mut registry, endpoints);
        let network = Network::new(&share.graph, &registry, options.network).map_err(DistributedError::Build)?;
        let mut membership =
            Membership::declare(session, &options.run_id, &options.node, placement.nodes().clone(), &hash).await?;
        membership.join(options.join_timeout, waiting).await?;
        Ok(Self { network, membership, share, hash })
    }

    /// The local network, not started yet.
    pub fn network_mut(&mut self) -> &mut Network {
        &mut self.network
    }

    /// A handle to the local network: stop it, read states and statistics.
    pub fn handle(&self) -> NetworkHandle {
        self.network.handle()
    }

    /// This node's share of the graph.
    pub fn share(&self) -> &Share {
        &self.share
    }

    /// The graph hash the nodes agreed on (see [`graph_hash`]).
    pub fn graph_hash(&self) -> &str {
        &self.hash
    }

    /// Runs the share until the whole run ends, and returns the same
    /// outcome every node returns:
    /// - `Ok` once this node's processes finished and every other node
    ///   reported the same;
    /// - an error as soon as a process fails on any node, a node is lost or
    ///   a node stops early. This node then stops its processes (their
    ///   `shutdown` hooks run) and tells the others why.
    ///
    /// # Errors
    /// See [`DistributedError`]; the failing node and process are named.
    pub async fn run(self) -> Result<RunReport, DistributedError> {
        let Self { network, mut membership, share, .. } = self;
        let node = share.node;
        let running = network.start().map_err(DistributedError::Build)?;
        let handle = running.handle();
        let wait = running.wait();
        tokio::pin!(wait);
        let local = tokio::select! {
            r = &mut wait => r,
            problem = membership.next_problem() => {
                handle.stop();
                let _ = wait.await;
                let _ = membership.publish_stop(&problem).await;
                return Err(problem);
            }
        };
        match local {
            Ok(report) if report.reason == EndReason::Stopped => {
                membership.publish(&Outcome::Stopped("it was stopped (for example interrupted)".into())).await?;
                membership.linger(LINGER).await;
                Err(DistributedError::Stopped { node })
            }
            Ok(report) => {
                membership.publish(&Outcome::Done).await?;
                membership.barrier().await?;
                Ok(report)
            }
            Err(NetworkError::Failed(failures)) => {
                membership.publish(&Outcome::failed(&failures)).await?;
                membership.linger(LINGER).await;
                Err(DistributedError::LocalFailed { node, failures })
            }
            Err(e) => {
                membership.publish(&Outcome::Stopped(e.to_string())).await?;
                membership.linger(LINGER).await;
                Err(DistributedError::Build(e))
            }
        }
    }
}
