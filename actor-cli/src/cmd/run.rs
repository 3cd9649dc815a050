//! `actorflow run GRAPH [--set PROCESS.PORT=VALUE]... [--graphs DIR]... [--runtime ...] [--quiet] [--node NAME ...]`

mod distributed;
mod durable;
mod progress;
mod set;
mod signals;

use std::io::IsTerminal as _;
use std::path::Path;
use std::sync::Arc;

use actor_core::graph::validate;
use actor_core::network::ProcessFailure;
use actor_core::rt::PinnedExecutor;
use actor_core::{Network, NetworkError, Registry};
use clap::{Args, ValueEnum};

use crate::graphs::GraphDirs;
use crate::stdio::{self, Outcome, WriteError};

pub use distributed::DistributedArgs;
pub use durable::DurableArgs;

/// Arguments of `run`.
#[derive(Debug, Args)]
pub struct RunArgs {
    /// The graph file (`.fbp` or `.json`). A relative file path in one of
    /// its IIPs (into a port that takes file paths) is relative to the graph
    /// file's folder.
    pub graph: String,
    /// Supply or replace the IIP into a port: `PROCESS.PORT=VALUE`. VALUE
    /// is read as JSON when it parses, else taken as a string, so `10` is a
    /// number and `null` is null; quote a string that looks like JSON:
    /// `--set 'read.in="2024"'`. A relative file path here is relative to
    /// the working directory. Repeatable.
    #[arg(long = "set", value_name = "PROCESS.PORT=VALUE")]
    pub set: Vec<String>,
    /// Folders of graphs used as components.
    #[command(flatten)]
    pub graphs: GraphDirs,
    /// The runtime to run on.
    #[arg(long, value_enum, default_value_t = RuntimeFlavor::MultiThread)]
    pub runtime: RuntimeFlavor,
    /// Worker threads for `--runtime multi-thread` (default: the number
    /// of CPUs). Processes are placed on the workers in topological order,
    /// one worker after another, and stay there.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=1024))]
    pub workers: Option<u16>,
    /// The capacity of each connection, in packets (default 1024). A
    /// packet with a string, bytes or error payload counts one more per
    /// KiB, so a connection holds about N KiB of long strings. Smaller
    /// bounds memory more tightly; larger lets a producer run further
    /// ahead.
    #[arg(long, value_name = "PACKETS", value_parser = clap::value_parser!(u32).range(1..=1_048_576))]
    pub capacity: Option<u32>,
    /// No live progress display on stderr. It is off anyway when stderr is
    /// not a terminal, and when `ACTORFLOW_LOG` is set (log events go to stderr).
    #[arg(long, short)]
    pub quiet: bool,
    /// Durable state: `--state-dir`, `--resume`, `--checkpoint-interval`.
    #[command(flatten)]
    pub durable: DurableArgs,
    /// Running one node's share of a graph spread over several machines.
    #[command(flatten)]
    pub distributed: DistributedArgs,
}

/// Which runtime runs the network.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RuntimeFlavor {
    /// One thread runs every process (a tokio current-thread runtime).
    CurrentThread,
    /// Worker threads, each running the processes placed on it
    /// (`actor_core::rt::PinnedExecutor`). A graph spread over machines
    /// (`--node`) runs on tokio's work-stealing pool instead.
    MultiThread,
}

pub(crate) fn run(args: &RunArgs) -> Outcome {
    run_outcome(args, &actor_components::standard())
}

/// Runs `actorflow run` with the components of `registry` instead of the
/// standard ones (for embedding and tests), plus the graphs of the
/// `--graphs` folders and of the graph's own folder. Returns the exit code: 0 done,
/// 1 a process failed (each failure printed on stderr) or the run
/// deadlocked, 2 bad usage or an invalid graph, 130 or 143 when SIGINT or
/// SIGTERM stopped it (a second signal, or a network still running 5 s
/// after the first, exits the program at once with that code). A failed write to stdout
/// gives 1 (after a message on stderr, unless the pipe was broken; the
/// `actorflow` binary instead ends quietly by `SIGPIPE` on a broken pipe).
pub fn run_with_registry(args: &RunArgs, registry: &Registry) -> u8 {
    match run_outcome(args, registry) {
        Ok(code) => code,
        Err(WriteError::BrokenPipe) => crate::EXIT_RUN_FAILED,
        Err(WriteError::Stdout(e)) => {
            let _ = stdio::fail(crate::EXIT_RUN_FAILED, &format!("error: cannot write to standard output: {e}"));
            crate::EXIT_RUN_FAILED
        }
    }
}

fn run_outcome(args: &RunArgs, registry: &Registry) -> Outcome {
    let mut graph = match super::load(&args.graph) {
        Ok(g) => g,
        Err(outcome) => return outcome,
    };
    let (registry, library) = match super::with_graphs(registry, &args.graphs, Some((Path::new(&args.graph), &graph))) {
        Ok(r) => r,
        Err(outcome) => return outcome,
    };
    let registry = &registry;
    // The nodes of a distributed run compare the graph as written, with the
    // --set values, before relative paths are resolved against the graph
    // file's folder, which differs between machines.
    let mut as_written = args.distributed.node.is_some().then(|| graph.clone());
    // With the graphs registered, an IIP into a subgraph's exported port
    // that maps to a file-path port resolves too.
    crate::paths::resolve(&mut graph, Path::new(&args.graph), registry);
    for s in &args.set {
        if let Err(e) = set::apply(&mut graph, s) {
            return stdio::fail(crate::EXIT_INVALID, &format!("error: --set {s}: {e}"));
        }
        if let Some(g) = &mut as_written {
            let _ = set::apply(g, s);
        }
    }
    let plan = match validate(&graph, registry) {
        Ok(plan) => plan,
        Err(errors) => return super::print_invalid(&errors, &library.notes()),
    };
    let mut options = match durable::network_options(&args.durable, &plan) {
        Ok(options) => options,
        Err(message) => return stdio::fail(crate::EXIT_INVALID, &format!("error: {message}")),
    };
    if let Some(capacity) = args.capacity {
        options.capacity = capacity as usize;
    }
    let local = args.distributed.node.is_none();
    let runtime = match args.runtime {
        RuntimeFlavor::MultiThread if local => {
            let workers = args.workers.map_or_else(|| std::thread::available_parallelism().map_or(1, usize::from), usize::from);
            match PinnedExecutor::new(workers) {
                Ok(pinned) => options.executor = Some(Arc::new(pinned)),
                Err(e) => return stdio::fail(crate::EXIT_RUN_FAILED, &format!("error: cannot start {workers} worker threads: {e}")),
            }
            // The network's processes run on the workers; this thread
            // only waits for the run, shows progress and catches signals.
            tokio::runtime::Builder::new_current_thread().enable_all().build()
        }
        RuntimeFlavor::CurrentThread => tokio::runtime::Builder::new_current_thread().enable_all().build(),
        RuntimeFlavor::MultiThread => tokio::runtime::Builder::new_multi_thread().enable_all().build(),
    };
    let runtime = match runtime {
        Ok(r) => r,
        Err(e) => return stdio::fail(crate::EXIT_RUN_FAILED, &format!("error: cannot start the tokio runtime: {e}")),
    };
    if let (Some(node), Some(as_written)) = (&args.distributed.node, &as_written) {
        if args.durable.state_dir.is_some() {
            return stdio::fail(crate::EXIT_INVALID, "error: --state-dir cannot be combined with --node yet: run durable state on a local run");
        }
        return distributed::run(&args.distributed, node, &graph, as_written, registry, runtime);
    }
    // Log events go to stderr too, and would be drawn over by the display.
    let show_progress = !args.quiet && std::io::stderr().is_terminal() && std::env::var_os(crate::LOG_ENV).is_none();
    let mut caught = None;
    let outcome = runtime.block_on(async {
        let network = Network::from_plan(&plan, registry, options)?;
        let display = show_progress.then(|| progress::Display::start(network.handle())).flatten();
        // SIGINT and SIGTERM stop the network cleanly: every process's shutdown hook runs.
        let signals = signals::Signals::listen(network.handle())
            .inspect_err(|e| {
                let _ = stdio::err(&format!("warning: cannot listen for SIGINT and SIGTERM: {e}\n"));
            })
            .ok();
        let result = network.run().await;
        caught = signals.and_then(signals::Signals::finish);
        if let Some(d) = display {
            d.finish().await;
        }
        result
    });
    if actor_components::stdout_closed() {
        // A component met a broken pipe on stdout, and the network stopped:
        // end as a pipeline's writer does, without reporting that failure.
        return Err(WriteError::BrokenPipe);
    }
    if let Some(signal) = caught {
        if let Err(NetworkError::Failed(failures)) = &outcome {
            stdio::err(&failure_report(failures))?;
        }
        let message = format!("error: interrupted by {}; the network was stopped before it completed", signals::name(signal));
        return stdio::fail(signals::exit_code(signal), &message);
    }
    match outcome {
        Ok(_) => Ok(crate::EXIT_OK),
        Err(NetworkError::Failed(failures)) => {
            stdio::err(&failure_report(&failures))?;
            Ok(crate::EXIT_RUN_FAILED)
        }
        Err(e @ (NetworkError::Invalid(_) | NetworkError::Instantiate { .. })) => stdio::fail(crate::EXIT_INVALID, &format!("error: {e}")),
        Err(e) => stdio::fail(crate::EXIT_RUN_FAILED, &format!("error: {e}")),
    }
}

/// What `run` prints when processes failed: a count, then one line per
/// failed process with its component and cause.
fn failure_report(failures: &[ProcessFailure]) -> String {
    let n = failures.len();
    let mut text = format!("error: the run failed ({n} process{}):\n", if n == 1 { "" } else { "es" });
    for f in failures {
        text.push_str(&format!("  {f}\n"));
    }
    text
}

#[cfg(test)]
mod tests;
