//! The `actorflow` command-line tool: run, validate and convert flow-based
//! graphs (`.fbp` or NoFlo graph JSON), and list the components.
//!
//! Exit codes: 0 success, 1 a run failed (a process returned an error or
//! panicked, or the run deadlocked), 2 bad usage or invalid input
//! (including clap usage errors), 130 a run stopped by SIGINT (Ctrl-C),
//! 143 a run stopped by SIGTERM.
//!
//! Writing output never panics. When stdout or stderr is a pipe whose
//! reader went away (`actorflow components | head -c 10`), the program ends
//! quietly, killed by `SIGPIPE` as coreutils are (the shell shows status
//! 141); a graph writing to stdout stops too. Any other failure to write to
//! stdout (`> /dev/full`) prints `error: cannot write to standard output:
//! ...` on stderr and exits 1. A failure to write to stderr itself cannot be
//! reported and is ignored; the exit code stays the outcome's.
//!
//! ```text
//! actorflow run graphs/wordcount.fbp --set read.in=README.md
//! actorflow validate graphs/wordcount.fbp
//! actorflow graph convert graph.fbp --to json > graph.json
//! actorflow components --graphs graphs
//! actorflow run graphs/penguins.fbp --state-dir state/ [--resume]
//! actorflow state show state/
//! actorflow serve graphs/wordcount.fbp --port 3569
//! ```
//!
//! `run`, `validate` and `components` take `--graphs DIR` (repeatable):
//! the graphs there, and in the main graph's own folder, are components
//! that other graphs can use (see [`graphs`]).

mod cmd;
pub mod graphs;
mod paths;
mod stdio;

use std::io::IsTerminal as _;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

pub use cmd::components::ComponentsArgs;
pub use cmd::convert::{ConvertArgs, Format};
pub use cmd::run::{DistributedArgs, DurableArgs, RunArgs, RuntimeFlavor, run_with_registry};
pub use cmd::serve::ServeArgs;
pub use cmd::state::StateCommand;
pub use cmd::validate::ValidateArgs;

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

/// The environment variable that turns on `tracing` events on stderr.
const LOG_ENV: &str = "ACTORFLOW_LOG";

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
    Validate(ValidateArgs),
    /// Work with graph files.
    #[command(subcommand)]
    Graph(GraphCommand),
    /// List the components with their ports (graphs of `--graphs` folders included).
    Components(ComponentsArgs),
    /// Inspect the durable state saved by `run --state-dir`.
    #[command(subcommand)]
    State(StateCommand),
    /// Serve fbp-protocol over WebSocket, and a live graph page, on one port.
    Serve(ServeArgs),
}

/// `actorflow graph ...`
#[derive(Debug, Subcommand)]
pub enum GraphCommand {
    /// Convert between `.fbp` and NoFlo graph JSON, printing to stdout.
    Convert(ConvertArgs),
}

/// Parses the command line and runs it: what the `actorflow` binary does.
///
/// Help and usage errors are printed as clap prints them (usage errors exit
/// 2), through the same write-error handling as every subcommand.
pub fn main() -> ExitCode {
    match Args::try_parse() {
        Ok(args) => lib_main(args),
        Err(e) => {
            // `--help` and `--version` go to stdout, usage errors to stderr.
            let outcome = match e.print() {
                Err(io) if io.kind() == std::io::ErrorKind::BrokenPipe => Err(stdio::WriteError::BrokenPipe),
                Err(io) if !e.use_stderr() => Err(stdio::WriteError::Stdout(io)),
                _ => Ok(u8::try_from(e.exit_code()).unwrap_or(EXIT_INVALID)),
            };
            stdio::exit(outcome)
        }
    }
}

/// Runs the command `args` describes and returns the process exit code (see
/// the crate docs). When writing to stdout or stderr fails, it ends as the
/// crate docs say: on a broken pipe, killed by `SIGPIPE` (Unix), like
/// coreutils; on another error on stdout, exit 1 with a message.
pub fn lib_main(args: Args) -> ExitCode {
    init_tracing();
    let outcome = match args.command {
        Command::Run(a) => cmd::run::run(&a),
        Command::Validate(a) => cmd::validate::run(&a),
        Command::Graph(GraphCommand::Convert(a)) => cmd::convert::run(&a),
        Command::Components(a) => cmd::components::run(&a),
        Command::State(c) => cmd::state::run(&c),
        Command::Serve(a) => cmd::serve::run(&a),
    };
    stdio::exit(outcome)
}

/// Sends `tracing` events to stderr when `ACTORFLOW_LOG` is set, with its
/// value as an `EnvFilter` directive (for example `ACTORFLOW_LOG=debug`
/// shows each process starting and ending, inside its `process` span).
/// Off otherwise: the CLI reports failures itself.
///
/// Colours (ANSI escape codes) only when stderr is a terminal and
/// `NO_COLOR` is unset or empty (<https://no-color.org>). A failed write of an
/// event is ignored: it is not reported on stderr, which just failed.
fn init_tracing() {
    if let Ok(filter) = tracing_subscriber::EnvFilter::try_from_env(LOG_ENV) {
        let _ = tracing_subscriber::fmt()
            .with_env_filter(filter)
            .with_writer(std::io::stderr)
            .with_ansi(colour_on_stderr())
            .log_internal_errors(false)
            .try_init();
    }
}

/// Whether stderr is a terminal and `NO_COLOR` does not ask for no colour.
fn colour_on_stderr() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}
