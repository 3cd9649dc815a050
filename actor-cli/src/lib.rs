//! The `actorflow` command-line tool: run, validate and convert flow-based
//! graphs (`.fbp` or NoFlo graph JSON), and list the components.
//!
//! Exit codes: 0 success, 1 a run failed (a process returned an error or
//! panicked, or the run deadlocked), 2 bad usage or invalid input
//! (including clap usage errors), 130 a run stopped by SIGINT (Ctrl-C),
//! 143 a run stopped by SIGTERM.
//!
//! ```text
//! actorflow run graphs/wordcount.fbp --set read.in=README.md
//! actorflow validate graphs/wordcount.fbp
//! actorflow graph convert graph.fbp --to json > graph.json
//! actorflow components
//! ```

mod cmd;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

pub use cmd::convert::{ConvertArgs, Format};
pub use cmd::run::{RunArgs, RuntimeFlavor, run_with_registry};

/// Exit code: success.
pub const EXIT_OK: u8 = 0;
/// Exit code: a run failed.
pub const EXIT_RUN_FAILED: u8 = 1;
/// Exit code: bad usage or invalid input.
pub const EXIT_INVALID: u8 = 2;
/// Exit code: SIGINT (Ctrl-C) stopped the run (128 + 2, as shells report it).
pub const EXIT_SIGINT: u8 = 130;
/// Exit code: SIGTERM stopped the run (128 + 15).
pub const EXIT_SIGTERM: u8 = 143;

/// The exit codes, for `--help`.
const EXIT_CODES: &str = "Exit codes:
  0    success
  1    a run failed: a process returned an error or panicked, or the run deadlocked
  2    bad usage or invalid input
  130  SIGINT (Ctrl-C) stopped the run
  143  SIGTERM stopped the run

SIGINT or SIGTERM stops a run: every process's shutdown hook runs. A second signal,
or a network still running 5 s after the first, exits at once with the same code.";

/// `actorflow`: run flow-based (FBP) graphs of actors.
#[derive(Debug, Parser)]
#[command(name = "actorflow", version, about, propagate_version = true, after_help = EXIT_CODES)]
pub struct Args {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run a graph until it ends (exit 1 if a process fails).
    #[command(after_help = EXIT_CODES)]
    Run(RunArgs),
    /// Check a graph against the component registry without running it.
    Validate {
        /// The graph file (`.fbp` or `.json`).
        graph: String,
    },
    /// Work with graph files.
    #[command(subcommand)]
    Graph(GraphCommand),
    /// List the components with their ports.
    Components,
}

/// `actorflow graph ...`
#[derive(Debug, Subcommand)]
pub enum GraphCommand {
    /// Convert between `.fbp` and NoFlo graph JSON, printing to stdout.
    Convert(ConvertArgs),
}

/// Runs the command `args` describes and returns the process exit code.
pub fn lib_main(args: Args) -> ExitCode {
    init_tracing();
    let code = match args.command {
        Command::Run(a) => cmd::run::run(&a),
        Command::Validate { graph } => cmd::validate::run(&graph),
        Command::Graph(GraphCommand::Convert(a)) => cmd::convert::run(&a),
        Command::Components => cmd::components::run(),
    };
    ExitCode::from(code)
}

/// Sends `tracing` events to stderr when `ACTORFLOW_LOG` is set, with its
/// value as an `EnvFilter` directive (for example `ACTORFLOW_LOG=debug`
/// shows each process starting and ending, inside its `process` span).
/// Off otherwise: the CLI reports failures itself.
fn init_tracing() {
    if let Ok(filter) = tracing_subscriber::EnvFilter::try_from_env("ACTORFLOW_LOG") {
        let _ = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).try_init();
    }
}
