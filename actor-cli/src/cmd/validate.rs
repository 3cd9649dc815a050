//! `actorflow validate GRAPH [--graphs DIR]...`

use std::path::Path;

use actor_core::graph::validate;
use clap::Args;

use crate::graphs::GraphDirs;
use crate::stdio::{self, Outcome};

/// Arguments of `validate`.
#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// The graph file (`.fbp` or `.json`).
    pub graph: String,
    /// Folders of graphs used as components.
    #[command(flatten)]
    pub graphs: GraphDirs,
}

/// Prints `ok` (exit 0) or every problem found, subgraphs included (exit 2).
pub(crate) fn run(args: &ValidateArgs) -> Outcome {
    let graph = match super::load(&args.graph) {
        Ok(g) => g,
        Err(outcome) => return outcome,
    };
    let (registry, library) = match super::with_graphs(&actor_components::standard(), &args.graphs, Some((Path::new(&args.graph), &graph))) {
        Ok(r) => r,
        Err(outcome) => return outcome,
    };
    match validate(&graph, &registry) {
        Ok(_) => {
            stdio::out("ok\n")?;
            Ok(crate::EXIT_OK)
        }
        Err(errors) => super::print_invalid(&errors, &library.notes()),
    }
}
