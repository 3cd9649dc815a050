//! The `actorflow` command-line tool.

/// Runs the CLI with the process arguments.
pub fn main() -> std::process::ExitCode {
    std::process::ExitCode::SUCCESS
}
