//! The `actorflow` binary.
fn main() -> std::process::ExitCode {
    actor_cli::main()
}
