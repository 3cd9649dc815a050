//! One module per subcommand, plus what they share.

pub(crate) mod components;
pub(crate) mod convert;
pub(crate) mod run;
pub(crate) mod validate;

use std::path::Path;

use actor_core::graph::ValidationError;
use actor_core::{Graph, Registry};

use crate::graphs::{GraphDirs, GraphLibrary};

/// Loads a graph file, printing the error on stderr when it cannot.
pub(crate) fn load(path: &str) -> Result<Graph, u8> {
    Graph::load(path).map_err(|e| {
        eprintln!("error: {e}");
        crate::EXIT_INVALID
    })
}

/// Prints validation errors, one per line, on stderr, then the notes on
/// graph files the graph asked for that were not loaded.
pub(crate) fn print_invalid(errors: &[ValidationError], notes: &[String]) {
    let n = errors.len();
    eprintln!("error: invalid graph ({n} problem{}):", if n == 1 { "" } else { "s" });
    for e in errors {
        eprintln!("  {e}");
    }
    for note in notes {
        eprintln!("{note}");
    }
}

/// `base` plus the graphs of the `--graphs` folders and of the folder of
/// `main` (the main graph's file), printing the error on stderr when a
/// `--graphs` folder cannot be used.
pub(crate) fn with_graphs(base: &Registry, dirs: &GraphDirs, main: Option<&Path>) -> Result<(Registry, GraphLibrary), u8> {
    let library = GraphLibrary::load(base, &dirs.dirs, main).map_err(|e| {
        eprintln!("error: {e}");
        crate::EXIT_INVALID
    })?;
    let mut registry = base.clone();
    library.register(&mut registry);
    Ok((registry, library))
}
