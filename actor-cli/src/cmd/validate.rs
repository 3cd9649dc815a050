//! `actorflow validate GRAPH`

use actor_core::graph::validate;

/// Prints `ok` (exit 0) or every problem found (exit 2).
pub(crate) fn run(path: &str) -> u8 {
    let graph = match super::load(path) {
        Ok(g) => g,
        Err(code) => return code,
    };
    match validate(&graph, &actor_components::standard()) {
        Ok(_) => {
            println!("ok");
            crate::EXIT_OK
        }
        Err(errors) => {
            super::print_invalid(&errors);
            crate::EXIT_INVALID
        }
    }
}
