//! One module per subcommand, plus what they share.

pub(crate) mod components;
pub(crate) mod convert;
pub(crate) mod run;
pub(crate) mod serve;
pub(crate) mod validate;

use actor_core::Graph;
use actor_core::graph::ValidationError;

/// Loads a graph file, printing the error on stderr when it cannot.
pub(crate) fn load(path: &str) -> Result<Graph, u8> {
    Graph::load(path).map_err(|e| {
        eprintln!("error: {e}");
        crate::EXIT_INVALID
    })
}

/// Prints validation errors, one per line, on stderr.
pub(crate) fn print_invalid(errors: &[ValidationError]) {
    let n = errors.len();
    eprintln!("error: invalid graph ({n} problem{}):", if n == 1 { "" } else { "s" });
    for e in errors {
        eprintln!("  {e}");
    }
}
