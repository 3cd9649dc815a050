//! The `actorflow` binary; everything is in the library so tests can drive it.
use clap::Parser as _;

fn main() -> std::process::ExitCode {
    actor_cli::lib_main(actor_cli::Args::parse())
}
