//! Relative file paths in a graph file resolve against the graph file's folder.
//!
//! The rule: an IIP written in a graph file (`.fbp` or JSON) into an inport
//! that takes file paths, whose value is a relative path, names a file
//! relative to the folder of the graph file, wherever `actorflow` runs
//! from. `'../data/x.csv' -> IN read(fs/ReadLines)` in `graphs/g.fbp` reads
//! `graphs/../data/x.csv`. Which inports take file paths is descriptor data:
//! the flag [`PortSpec::file_path`](actor_core::PortSpec) that a component
//! sets on them (`fs/ReadLines` and `fs/ReadText` `in`, `fs/WriteLines` and `fs/WriteJson`
//! `file`); no string is guessed at. Left as written: absolute paths, `-`
//! (standard input or output by convention), the empty string and values
//! that are not strings.
//!
//! The graphs found in graph folders (`crate::graphs`), used as subgraphs,
//! follow the same rule, each against its own file's folder.
//!
//! A value given with `--set` is the user's own and is applied after this
//! step, so it stays relative to the working directory, as any path typed
//! on a command line is.

use std::path::Path;

use actor_core::{Graph, Registry};
use serde_json::Value as Json;

/// Rewrites each relative file path in an IIP of `graph`, which was read
/// from `graph_file`, to that path joined to the folder of `graph_file`.
/// Returns how many IIPs were rewritten. Processes of unknown components
/// and unknown ports are left alone (validation reports them).
pub(crate) fn resolve(graph: &mut Graph, graph_file: &Path, registry: &Registry) -> usize {
    let Some(folder) = graph_file.parent().filter(|f| !f.as_os_str().is_empty()) else {
        return 0; // the graph file is in the working directory
    };
    let mut rewritten = 0;
    for i in 0..graph.connections.len() {
        let c = &graph.connections[i];
        let (None, Some(Json::String(value))) = (&c.src, &c.data) else { continue };
        if value.is_empty() || value == "-" || Path::new(value).is_absolute() {
            continue;
        }
        let takes_paths = graph
            .processes
            .get(&c.tgt.process)
            .and_then(|p| registry.get(&p.component))
            .and_then(|e| e.spec.ports.find_inport(&c.tgt.port, graph.port_case()))
            .is_some_and(|port| port.file_path);
        if takes_paths {
            let resolved = folder.join(value).display().to_string();
            graph.connections[i].data = Some(Json::String(resolved));
            rewritten += 1;
        }
    }
    rewritten
}

#[cfg(test)]
mod tests;
