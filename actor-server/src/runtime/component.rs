//! The component protocol: `list` and `getsource`.

use actor_core::Registry;
use serde_json::Value as Json;

use super::{Request, State, read, unknown_command};
use crate::protocol::Outgoing;
use crate::protocol::component::{Component, GetSource, Source};

/// Handles one component-protocol command.
pub(crate) fn handle(state: &State, registry: &Registry, req: &Request<'_>, command: &str, payload: Json) -> Result<(), String> {
    match command {
        "list" => {
            let mut n = 0u64;
            for entry in registry.iter() {
                let component = Component { subgraph: entry.graph().is_some(), ..Component::from_spec(&entry.spec) };
                req.reply(Outgoing::new("component", "component", component));
                n += 1;
            }
            req.reply(Outgoing::new("component", "componentsready", n));
            Ok(())
        }
        "getsource" => {
            let p: GetSource = read(command, payload)?;
            // A graph's source is its NoFlo graph JSON (how noflo-ui opens
            // a runtime's main graph).
            if let Some(g) = state.graphs.get(&p.name) {
                let code = g.graph.to_json_string();
                req.reply(Outgoing::new("component", "source", Source { name: p.name, language: "json", code }));
                return Ok(());
            }
            // A graph component's source is its graph, likewise.
            if let Some(graph) = registry.get(&p.name).and_then(|e| e.graph()) {
                let code = graph.to_json_string();
                req.reply(Outgoing::new("component", "source", Source { name: p.name, language: "json", code }));
                return Ok(());
            }
            if registry.get(&p.name).is_some() {
                return Err(format!(
                    "the source of component {:?} is not available: actorflow's components are compiled into the runtime",
                    p.name
                ));
            }
            Err(format!("no component or graph {:?}", p.name))
        }
        "source" => Err("this runtime cannot build components from source: its components are compiled Rust".into()),
        other => Err(unknown_command("component", other, "list, getsource")),
    }
}
