//! One module per subcommand, plus what they share.

pub(crate) mod components;
pub(crate) mod convert;
pub(crate) mod run;
pub(crate) mod serve;
pub(crate) mod state;
pub(crate) mod validate;

use std::path::Path;

use actor_core::graph::ValidationError;
use actor_core::{Graph, Registry};

use crate::graphs::{GraphDirs, GraphLibrary};
use crate::stdio::{self, Outcome};

/// Loads a graph file. When it cannot, prints the error on stderr and
/// returns the outcome to end with (exit 2).
pub(crate) fn load(path: &str) -> Result<Graph, Outcome> {
    Graph::load(path).map_err(|e| stdio::fail(crate::EXIT_INVALID, &format!("error: {e}")))
}

/// Prints validation errors, one per line, on stderr, then the notes on
/// graph files the graph asked for that were not loaded; ends with exit 2.
pub(crate) fn print_invalid(errors: &[ValidationError], notes: &[String]) -> Outcome {
    let n = errors.len();
    let mut text = format!("error: invalid graph ({n} problem{}):\n", if n == 1 { "" } else { "s" });
    for e in errors {
        text.push_str(&format!("  {e}\n"));
    }
    for note in notes {
        text.push_str(&format!("{note}\n"));
    }
    stdio::err(&text)?;
    Ok(crate::EXIT_INVALID)
}

/// `base` plus graphs of the `--graphs` folders: with `main` (the main
/// graph's file and the graph read from it), the graphs it uses, found there
/// and in its folder; without, every graph of the folders. When a
/// `--graphs` folder cannot be used, prints the error on stderr and returns
/// the outcome to end with (exit 2).
pub(crate) fn with_graphs(base: &Registry, dirs: &GraphDirs, main: Option<(&Path, &Graph)>) -> Result<(Registry, GraphLibrary), Outcome> {
    let library = match main {
        Some((path, graph)) => GraphLibrary::load_for(base, &dirs.dirs, path, graph),
        None => GraphLibrary::load_all(base, &dirs.dirs, None),
    };
    let library = library.map_err(|e| stdio::fail(crate::EXIT_INVALID, &format!("error: {e}")))?;
    let mut registry = base.clone();
    library.register(&mut registry);
    Ok((registry, library))
}
