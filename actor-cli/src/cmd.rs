//! One module per subcommand, plus what they share.

pub(crate) mod components;
pub(crate) mod convert;
pub(crate) mod run;
pub(crate) mod serve;
pub(crate) mod state;
pub(crate) mod validate;

use actor_core::Graph;
use actor_core::graph::ValidationError;

use crate::stdio::{self, Outcome};

/// Loads a graph file. When it cannot, prints the error on stderr and
/// returns the outcome to end with (exit 2).
pub(crate) fn load(path: &str) -> Result<Graph, Outcome> {
    Graph::load(path).map_err(|e| stdio::fail(crate::EXIT_INVALID, &format!("error: {e}")))
}

/// Prints validation errors, one per line, on stderr; ends with exit 2.
pub(crate) fn print_invalid(errors: &[ValidationError]) -> Outcome {
    let n = errors.len();
    let mut text = format!("error: invalid graph ({n} problem{}):\n", if n == 1 { "" } else { "s" });
    for e in errors {
        text.push_str(&format!("  {e}\n"));
    }
    stdio::err(&text)?;
    Ok(crate::EXIT_INVALID)
}
