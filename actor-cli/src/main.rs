//! The `actorflow` binary; everything is in the library so tests can drive it.

fn main() -> std::process::ExitCode {
    actor_cli::main()
}
