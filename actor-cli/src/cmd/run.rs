//! `actorflow run GRAPH [--set PROCESS.PORT=VALUE]... [--graphs DIR]... [--runtime ...] [--quiet]`

mod progress;
mod set;

use std::io::IsTerminal as _;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use actor_core::graph::validate;
use actor_core::network::ProcessFailure;
use actor_core::{Network, NetworkError, NetworkOptions, Registry};
use clap::{Args, ValueEnum};

use crate::graphs::GraphDirs;

/// Arguments of `run`.
#[derive(Debug, Args)]
pub struct RunArgs {
    /// The graph file (`.fbp` or `.json`).
    pub graph: String,
    /// Supply or replace the IIP into a port: `PROCESS.PORT=VALUE`. VALUE
    /// is read as JSON when it parses, else taken as a string, so `10` is a
    /// number and `null` is null; quote a string that looks like JSON:
    /// `--set 'read.in="2024"'`. Repeatable.
    #[arg(long = "set", value_name = "PROCESS.PORT=VALUE")]
    pub set: Vec<String>,
    /// Folders of graphs used as components.
    #[command(flatten)]
    pub graphs: GraphDirs,
    /// The tokio runtime to run on.
    #[arg(long, value_enum, default_value_t = RuntimeFlavor::MultiThread)]
    pub runtime: RuntimeFlavor,
    /// No live progress display on stderr (it is off anyway when stderr is not a terminal).
    #[arg(long, short)]
    pub quiet: bool,
}

/// Which tokio runtime runs the network.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RuntimeFlavor {
    /// One thread runs every process.
    CurrentThread,
    /// A work-stealing pool of threads.
    MultiThread,
}

pub(crate) fn run(args: &RunArgs) -> u8 {
    run_with_registry(args, &actor_components::standard())
}

/// Runs `actorflow run` with the components of `registry` instead of the
/// standard ones (for embedding and tests), plus the graphs of the
/// `--graphs` folders and of the graph's own folder. Returns the exit code: 0 done,
/// 1 a process failed (each failure printed on stderr) or Ctrl-C stopped
/// the network, 2 bad usage or an invalid graph.
pub fn run_with_registry(args: &RunArgs, registry: &Registry) -> u8 {
    let mut graph = match super::load(&args.graph) {
        Ok(g) => g,
        Err(code) => return code,
    };
    for s in &args.set {
        if let Err(e) = set::apply(&mut graph, s) {
            eprintln!("error: --set {s}: {e}");
            return crate::EXIT_INVALID;
        }
    }
    let (registry, library) = match super::with_graphs(registry, &args.graphs, Some(Path::new(&args.graph))) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let registry = &registry;
    let plan = match validate(&graph, registry) {
        Ok(plan) => plan,
        Err(errors) => {
            super::print_invalid(&errors, &library.notes(&graph));
            return crate::EXIT_INVALID;
        }
    };
    let runtime = match args.runtime {
        RuntimeFlavor::CurrentThread => tokio::runtime::Builder::new_current_thread().enable_all().build(),
        RuntimeFlavor::MultiThread => tokio::runtime::Builder::new_multi_thread().enable_all().build(),
    };
    let runtime = match runtime {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: cannot start the tokio runtime: {e}");
            return crate::EXIT_RUN_FAILED;
        }
    };
    let show_progress = !args.quiet && std::io::stderr().is_terminal();
    let outcome = runtime.block_on(async {
        let network = Network::from_plan(&plan, registry, NetworkOptions::default())?;
        let display = show_progress.then(|| progress::Display::start(network.handle()));
        // Ctrl-C stops the network cleanly: every process's shutdown hook runs.
        let handle = network.handle();
        let interrupted = Arc::new(AtomicBool::new(false));
        let flag = interrupted.clone();
        let interrupt = tokio::spawn(async move {
            if tokio::signal::ctrl_c().await.is_ok() {
                flag.store(true, Ordering::SeqCst);
                handle.stop();
            }
        });
        let result = network.run().await;
        interrupt.abort();
        if let Some(d) = display {
            d.finish().await;
        }
        result.map(|report| (report, interrupted.load(Ordering::SeqCst)))
    });
    match outcome {
        Ok((_, true)) => {
            eprintln!("error: interrupted; the network was stopped before it completed");
            crate::EXIT_RUN_FAILED
        }
        Ok(_) => crate::EXIT_OK,
        Err(NetworkError::Failed(failures)) => {
            eprint!("{}", failure_report(&failures));
            crate::EXIT_RUN_FAILED
        }
        Err(e @ (NetworkError::Invalid(_) | NetworkError::Instantiate { .. })) => {
            eprintln!("error: {e}");
            crate::EXIT_INVALID
        }
        Err(e) => {
            eprintln!("error: {e}");
            crate::EXIT_RUN_FAILED
        }
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
