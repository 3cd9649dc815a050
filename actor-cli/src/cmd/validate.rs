//! `actorflow validate GRAPH`

use actor_core::graph::validate;

use crate::stdio::{self, Outcome};

/// Prints `ok` (exit 0) or every problem found (exit 2).
pub(crate) fn run(path: &str) -> Outcome {
    let graph = match super::load(path) {
        Ok(g) => g,
        Err(outcome) => return outcome,
    };
    match validate(&graph, &actor_components::standard()) {
        Ok(_) => {
            stdio::out("ok\n")?;
            Ok(crate::EXIT_OK)
        }
        Err(errors) => super::print_invalid(&errors),
    }
}
