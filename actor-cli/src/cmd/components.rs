//! `actorflow components [--graphs DIR]...`

use std::fmt::Write as _;

use actor_core::{PortSpec, Registry};
use clap::Args;

use crate::graphs::GraphDirs;
use crate::stdio::{self, Outcome};

/// Arguments of `components`.
#[derive(Debug, Args)]
pub struct ComponentsArgs {
    /// Folders of graphs to list as components too.
    #[command(flatten)]
    pub graphs: GraphDirs,
}

/// Lists every registered component with its ports: the standard ones and
/// the graphs of the `--graphs` folders; on stderr, a note for each graph
/// file left out (its name is taken).
pub(crate) fn run(args: &ComponentsArgs) -> Outcome {
    let (registry, library) = match super::with_graphs(&actor_components::standard(), &args.graphs, None) {
        Ok(r) => r,
        Err(outcome) => return outcome,
    };
    stdio::out(&listing(&registry))?;
    let notes = library.notes();
    if !notes.is_empty() {
        stdio::err(&(notes.join("\n") + "\n"))?;
    }
    Ok(crate::EXIT_OK)
}

/// The listing: per component, its name and description (a graph is
/// marked `[graph FILE]`), then one line per port: direction, name, type,
/// `required`/`array`/`file path` flags, description; for a graph with
/// problems, one line per problem instead.
pub(crate) fn listing(registry: &Registry) -> String {
    let mut out = String::new();
    for entry in registry.iter() {
        let spec = &entry.spec;
        let mark = match entry.graph() {
            Some(g) => format!("[graph {}]  ", g.source.file.as_deref().unwrap_or("built in code")),
            None => String::new(),
        };
        writeln!(out, "{}  {mark}{}", spec.name, spec.description).expect("write to String");
        for problem in entry.problems() {
            writeln!(out, "  invalid: {problem}").expect("write to String");
        }
        for (dir, ports) in [("in ", &spec.ports.inports), ("out", &spec.ports.outports)] {
            for p in ports {
                writeln!(out, "  {dir} {}", port_line(p)).expect("write to String");
            }
        }
    }
    out
}
fn port_line(p: &PortSpec) -> String {
    let mut flags = vec![p.ty.name().to_string()];
    if p.required {
        flags.push("required".into());
    }
    if p.addressable {
        flags.push("array".into());
    }
    if p.file_path {
        flags.push("file path".into());
    }
    let mut line = format!("{} ({})", p.name, flags.join(", "));
    if !p.description.is_empty() {
        line.push_str(": ");
        line.push_str(&p.description);
    }
    line
}
