//! `actorflow run GRAPH --node NAME [--listen E]... [--connect E]...
//! [--zenoh-config FILE] [--run-id ID]`: runs one node's share of a graph
//! and reaches the other nodes over Zenoh (see the `actor-zenoh` crate).

use std::path::PathBuf;
use std::time::Duration;

use actor_core::{Graph, NetworkError, Registry};
use actor_zenoh::{DistributedError, NodeName, NodeOptions, NodeRun, RunId, SessionSettings, zenoh};
use clap::Args;

use crate::stdio::{self, Outcome};

/// The arguments of `run` that spread a graph over several machines.
#[derive(Debug, Clone, Default, Args)]
pub struct DistributedArgs {
    /// Run only the processes placed on node NAME (process metadata
    /// `node`; a process without it is on `main`) and reach the other nodes
    /// over Zenoh. Without it the whole graph runs here.
    #[arg(long, value_name = "NAME")]
    pub node: Option<String>,
    /// A Zenoh endpoint to listen on, such as `tcp/127.0.0.1:7447`.
    /// Repeatable. Beyond loopback it needs user and password
    /// authentication set in --zenoh-config.
    #[arg(long, value_name = "ENDPOINT", requires = "node")]
    pub listen: Vec<String>,
    /// A Zenoh endpoint to connect to: another node, or a `zenohd` router.
    /// Repeatable.
    #[arg(long, value_name = "ENDPOINT", requires = "node")]
    pub connect: Vec<String>,
    /// A Zenoh config file (JSON5), read before --listen and --connect.
    /// Without it the session is a peer with multicast scouting off.
    #[arg(long, value_name = "FILE", requires = "node")]
    pub zenoh_config: Option<PathBuf>,
    /// The run id: runs with different ids on one Zenoh network never mix.
    /// Every node of a run must use the same. [default: default]
    #[arg(long, value_name = "ID", requires = "node")]
    pub run_id: Option<String>,
    /// Packets in flight per remote connection, at most (the credit window).
    /// [default: 1024]
    #[arg(long, value_name = "PACKETS", requires = "node", value_parser = clap::value_parser!(u64).range(1..))]
    pub window: Option<u64>,
    /// Seconds to wait for every node to join before giving up. [default: 60]
    #[arg(long, value_name = "SECONDS", requires = "node")]
    pub join_timeout: Option<u64>,
}

/// Runs node `name`'s share of `graph` (already loaded, paths resolved,
/// `--set` applied and validated). The nodes compare the hash of
/// `as_written`: the same graph before its relative paths were resolved.
/// Returns the exit code: 0 when every node completed, 1 when the run
/// failed on any node, 2 for bad usage or an invalid placement.
pub(super) fn run(
    args: &DistributedArgs,
    name: &str,
    graph: &Graph,
    as_written: &Graph,
    registry: &Registry,
    runtime: tokio::runtime::Runtime,
) -> Outcome {
    let mut options = match options(args, name) {
        Ok(o) => o,
        Err(e) => return stdio::fail(crate::EXIT_INVALID, &format!("error: {e}")),
    };
    options.graph_hash = Some(actor_zenoh::graph_hash(as_written));
    let settings = SessionSettings {
        listen: args.listen.clone(),
        connect: args.connect.clone(),
        config_file: args.zenoh_config.clone(),
        connect_timeout: Some(options.join_timeout),
    };
    let config = match settings.to_config() {
        Ok(c) => c,
        Err(e) => return stdio::fail(crate::EXIT_INVALID, &format!("error: {e}")),
    };
    let outcome = runtime.block_on(async {
        let session = zenoh::open(config).await.map_err(DistributedError::from)?;
        let (node, run) = (options.node.clone(), options.run_id.clone());
        let waiting = |missing: &[NodeName]| {
            let names: Vec<&str> = missing.iter().map(NodeName::as_str).collect();
            let _ = stdio::err(&format!("node {node}: waiting for node(s) {} to join run {run}\n", names.join(", ")));
        };
        let result = async {
            let node = NodeRun::join(&session, graph, registry, options, waiting).await?;
            // Ctrl-C stops this node; the others learn it and stop too.
            let handle = node.handle();
            let interrupt = tokio::spawn(async move {
                if tokio::signal::ctrl_c().await.is_ok() {
                    handle.stop();
                }
            });
            let result = node.run().await;
            interrupt.abort();
            result
        }
        .await;
        let _ = session.close().await;
        result
    });
    match outcome {
        Ok(_) => Ok(crate::EXIT_OK),
        Err(e) => {
            let code = match e {
                DistributedError::Placement(_)
                | DistributedError::Build(NetworkError::Invalid(_) | NetworkError::Instantiate { .. }) => {
                    crate::EXIT_INVALID
                }
                _ => crate::EXIT_RUN_FAILED,
            };
            stdio::fail(code, &format!("error: {e}"))
        }
    }
}

fn options(args: &DistributedArgs, name: &str) -> Result<NodeOptions, actor_zenoh::NameError> {
    let mut options = NodeOptions::new(name.parse()?);
    if let Some(id) = &args.run_id {
        options.run_id = id.parse::<RunId>()?;
    }
    if let Some(w) = args.window {
        options.window = w;
    }
    if let Some(s) = args.join_timeout {
        options.join_timeout = Duration::from_secs(s);
    }
    Ok(options)
}
