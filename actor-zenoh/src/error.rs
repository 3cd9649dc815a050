//! Errors of a node's run.

use std::fmt;

use actor_core::NetworkError;
use actor_core::network::ProcessFailure;

use crate::names::NodeName;
use crate::placement::PlacementError;

/// Why a node's run failed. Every node of a run ends with the same
/// failure when one process or one node fails: the node where it happened
/// reports [`LocalFailed`](Self::LocalFailed), the others
/// [`RemoteFailed`](Self::RemoteFailed) with the same failures.
#[derive(Debug, thiserror::Error)]
pub enum DistributedError {
    /// The graph's placement is invalid, or `--node` names no node of it.
    #[error(transparent)]
    Placement(#[from] PlacementError),
    /// The node's share could not be built (an invalid graph, or a
    /// component rejected a config).
    #[error(transparent)]
    Build(NetworkError),
    /// A Zenoh operation failed.
    #[error("zenoh: {0}")]
    Zenoh(String),
    /// Another node runs a different graph (or different `--set` values).
    #[error(
        "node {node:?} runs a different graph (hash {theirs}; this node's is {ours}): start every node with the same graph file and the same --set values"
    )]
    GraphMismatch {
        /// The other node.
        node: String,
        /// Its graph hash.
        theirs: String,
        /// This node's graph hash.
        ours: String,
    },
    /// A node that no process of the graph is placed on joined the run.
    #[error("a node named {node:?} joined run {run:?}, but the graph places no process on it (its nodes: {known})")]
    StrangerNode {
        /// The node's name.
        node: String,
        /// The run id.
        run: String,
        /// The graph's nodes.
        known: String,
    },
    /// Two sessions run the same node.
    #[error("node \"{node}\" is running twice in run {run:?}: stop one, or give the other run another --run-id")]
    DuplicateNode {
        /// The node.
        node: NodeName,
        /// The run id.
        run: String,
    },
    /// Not every node joined in time.
    #[error("gave up after {seconds} s waiting for node(s) {} to join run {run:?}", join(missing))]
    JoinTimeout {
        /// The nodes that did not join.
        missing: Vec<NodeName>,
        /// The run id.
        run: String,
        /// How long this node waited, in seconds.
        seconds: u64,
    },
    /// Processes of this node failed.
    #[error("{}", Failures(node, failures))]
    LocalFailed {
        /// This node.
        node: NodeName,
        /// The processes that failed.
        failures: Vec<ProcessFailure>,
    },
    /// Processes of another node failed, so this node stopped.
    #[error("{}", Failures(node, failures))]
    RemoteFailed {
        /// The node where they failed.
        node: NodeName,
        /// The processes that failed.
        failures: Vec<ProcessFailure>,
    },
    /// Another node stopped before it completed (interrupted, or it could
    /// not build its share).
    #[error("node \"{node}\" stopped before it completed: {cause}")]
    RemoteStopped {
        /// The node.
        node: NodeName,
        /// What it reported.
        cause: String,
    },
    /// Another node disappeared without reporting an outcome: its Zenoh
    /// liveliness token went away (it was killed, crashed or was cut off).
    #[error("node \"{node}\" left the run before it finished (killed, crashed or cut off: its Zenoh liveliness token went away)")]
    NodeLost {
        /// The node.
        node: NodeName,
    },
    /// This node's network was stopped (for example by Ctrl-C) before it completed.
    #[error("node \"{node}\" was stopped before it completed")]
    Stopped {
        /// This node.
        node: NodeName,
    },
}

fn join(nodes: &[NodeName]) -> String {
    nodes.iter().map(NodeName::as_str).collect::<Vec<_>>().join(", ")
}

struct Failures<'a>(&'a NodeName, &'a [ProcessFailure]);

impl fmt::Display for Failures<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, failure) in self.1.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "node {:?}: {failure}", self.0.as_str())?;
        }
        Ok(())
    }
}

impl From<zenoh::Error> for DistributedError {
    fn from(e: zenoh::Error) -> Self {
        Self::Zenoh(e.to_string())
    }
}
