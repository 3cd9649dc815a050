//! The `actorflow` command-line tool: run, validate and convert flow-based
//! graphs (`.fbp` or NoFlo graph JSON), and list the components.
//!
//! Exit codes: 0 success, 1 a run failed (a process returned an error or
//! panicked), 2 bad usage or invalid input (including clap usage errors).
//!
//! ```text
//! actorflow run graphs/wordcount.fbp --set read.in=README.md
//! actorflow validate graphs/wordcount.fbp
//! actorflow graph convert graph.fbp --to json > graph.json
//! actorflow components --graphs graphs
//! ```
//!
//! `run`, `validate` and `components` take `--graphs DIR` (repeatable):
//! the graphs there, and in the main graph's own folder, are components
//! that other graphs can use (see [`graphs`]).

mod cmd;
pub mod graphs;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

pub use cmd::components::ComponentsArgs;
pub use cmd::convert::{ConvertArgs, Format};
pub use cmd::run::{RunArgs, RuntimeFlavor, run_with_registry};
pub use cmd::validate::ValidateArgs;

/// Exit code: success.
pub const EXIT_OK: u8 = 0;
/// Exit code: a run failed.
pub const EXIT_RUN_FAILED: u8 = 1;
/// Exit code: bad usage or invalid input.
pub const EXIT_INVALID: u8 = 2;

/// `actorflow`: run flow-based (FBP) graphs of actors.
#[derive(Debug, Parser)]
#[command(name = "actorflow", version, about, propagate_version = true)]
pub struct Args {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run a graph until it ends (exit 1 if a process fails).
    Run(RunArgs),
    /// Check a graph against the component registry without running it.
    Validate(ValidateArgs),
    /// Work with graph files.
    #[command(subcommand)]
    Graph(GraphCommand),
    /// List the components with their ports (graphs of `--graphs` folders included).
    Components(ComponentsArgs),
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
        Command::Validate(a) => cmd::validate::run(&a),
        Command::Graph(GraphCommand::Convert(a)) => cmd::convert::run(&a),
        Command::Components(a) => cmd::components::run(&a),
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
