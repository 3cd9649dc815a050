//! The graph protocol: edits applied to actor-core [`Graph`]s.
//!
//! Each edit is checked before it changes anything: the graph exists, the
//! processes and ports it names exist (ports as the registry's specs
//! declare them), IIP data fits its port's type. A failed check answers
//! `graph:error` with the reason and leaves the graph as it was. A
//! successful edit is echoed to every client with the payload it was sent
//! with (`changenode` and `changegroup` echo the merged metadata;
//! `removeinitial` echoes the removed IIP's data), as fbp-test checks.
//!
//! Edits to a graph whose network runs apply at its next `network:start`.

mod edges;
mod exports;
mod groups;
mod nodes;

use actor_core::graph::SourceMap;
use actor_core::port::{PortSpec, Ports};
use actor_core::{Graph, Registry};
use serde_json::{Map, Value as Json};

use super::network::Run;
use super::{Request, State, read, unknown_command};
use crate::protocol::Outgoing;
use crate::protocol::graph::{Clear, WirePort};
use crate::protocol::runtime::{PortDefinition, Ports as PortsMessage};

/// One graph of the runtime, with its network when it was started.
pub(crate) struct GraphEntry {
    /// As given by `clear` (or made up for a graph loaded from a file).
    pub(crate) info: Clear,
    /// The graph itself.
    pub(crate) graph: Graph,
    /// The edges chosen by `network:edges` (empty: every edge).
    pub(crate) selected: Vec<crate::protocol::network::SelectedEdge>,
    /// Set by `network:debug`.
    pub(crate) debug: bool,
    /// The latest network run, while it runs and after it ended.
    pub(crate) run: Option<Run>,
}

impl GraphEntry {
    pub(crate) fn new(id: &str, mut graph: Graph, main: bool) -> Self {
        let name = graph.properties.get("name").and_then(Json::as_str).unwrap_or(id).to_string();
        graph.properties.insert("name".into(), Json::String(name.clone()));
        let info = Clear { id: id.to_string(), name: Some(name), library: None, main: Some(main), icon: None, description: None };
        Self { info, graph, selected: Vec::new(), debug: false, run: None }
    }

    /// `runtime:ports` for this graph's exported ports.
    pub(crate) fn ports_message(&self, registry: &Registry) -> Outgoing {
        let def = |name: &String, e: &actor_core::graph::ExportedPort, inport: bool| {
            let spec = self.spec_of(registry, &e.process).and_then(|ports| {
                let case = self.graph.port_case();
                if inport { ports.find_inport(&e.port, case) } else { ports.find_outport(&e.port, case) }
            });
            PortDefinition {
                id: name.clone(),
                ty: spec.map_or("all", |s| s.ty.name()).to_string(),
                required: spec.is_some_and(|s| s.required),
                addressable: spec.is_some_and(|s| s.addressable),
                description: spec.map(|s| s.description.clone()).unwrap_or_default(),
            }
        };
        Outgoing::new(
            "runtime",
            "ports",
            PortsMessage {
                graph: self.info.id.clone(),
                in_ports: self.graph.inports.iter().map(|(n, e)| def(n, e, true)).collect(),
                out_ports: self.graph.outports.iter().map(|(n, e)| def(n, e, false)).collect(),
            },
        )
    }

    /// The ports of process `node`'s component, when both are known.
    pub(crate) fn spec_of<'r>(&self, registry: &'r Registry, node: &str) -> Option<&'r Ports> {
        let p = self.graph.processes.get(node)?;
        registry.get(&p.component).map(|e| &e.spec.ports)
    }

    /// The spec of `node.port` on `side`, or an error naming what is valid.
    pub(crate) fn port<'r>(&self, registry: &'r Registry, node: &str, port: &str, side: Side) -> Result<&'r PortSpec, String> {
        let Some(p) = self.graph.processes.get(node) else {
            return Err(format!("no node {node:?} in graph {:?} (nodes: {})", self.info.id, list(self.graph.processes.keys())));
        };
        let ports = registry.get(&p.component).map(|e| &e.spec.ports).ok_or_else(|| format!("node {node:?}: unknown component {:?}", p.component))?;
        let case = self.graph.port_case();
        let (found, all) = match side {
            Side::In => (ports.find_inport(port, case), &ports.inports),
            Side::Out => (ports.find_outport(port, case), &ports.outports),
        };
        found.ok_or_else(|| {
            format!(
                "node {node:?} ({}) has no {} {port:?} ({}s: {})",
                p.component,
                side.word(),
                side.word(),
                list(all.iter().map(|s| &s.name))
            )
        })
    }

    /// Whether two port names are the same port in this graph.
    pub(crate) fn same_port(&self, a: &str, b: &str) -> bool {
        self.graph.port_case().matches(a, b)
    }

    /// Whether the graph's `r` is the wire port `w`.
    pub(crate) fn matches(&self, r: &actor_core::PortRef, w: &WirePort) -> bool {
        r.process == w.node && self.same_port(&r.port, &w.port) && w.index().ok() == Some(r.index)
    }

    /// Forgets where the graph's elements were written: after an edit the
    /// positions of a loaded file no longer match.
    fn edited(&mut self) {
        self.graph.source = SourceMap::default();
    }
}

/// Which side of a process a port is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Side {
    /// An inport.
    In,
    /// An outport.
    Out,
}

impl Side {
    fn word(self) -> &'static str {
        match self {
            Side::In => "inport",
            Side::Out => "outport",
        }
    }
}

/// `a, b, c`, or `none`.
pub(crate) fn list<'a>(names: impl Iterator<Item = &'a String>) -> String {
    let v: Vec<&str> = names.map(String::as_str).collect();
    if v.is_empty() { "none".into() } else { v.join(", ") }
}

/// Merges `changes` into `metadata`: a `null` value deletes its key.
pub(crate) fn merge(metadata: &mut Option<Map<String, Json>>, changes: &Map<String, Json>) {
    let m = metadata.get_or_insert_with(Map::new);
    for (k, v) in changes {
        if v.is_null() {
            m.remove(k);
        } else {
            m.insert(k.clone(), v.clone());
        }
    }
}

const COMMANDS: &str = "clear, addnode, removenode, renamenode, changenode, addedge, removeedge, changeedge, \
addinitial, removeinitial, addinport, removeinport, renameinport, addoutport, removeoutport, renameoutport, \
addgroup, removegroup, renamegroup, changegroup";

/// Handles one graph-protocol command.
pub(crate) fn handle(state: &mut State, registry: &Registry, req: &Request<'_>, command: &str, payload: Json) -> Result<(), String> {
    if command == "clear" {
        return clear(state, registry, req, payload);
    }
    if !COMMANDS.split(", ").any(|c| c.trim() == command) {
        return Err(unknown_command("graph", command, COMMANDS));
    }
    // The exact texts fbp-test expects.
    let id = match payload.get("graph") {
        Some(Json::String(id)) => id.clone(),
        _ => return Err("No graph specified".into()),
    };
    let is_main = state.main.as_deref() == Some(id.as_str());
    let entry = state.graphs.get_mut(&id).ok_or("Requested graph not found")?;
    let ports_before = (entry.graph.inports.clone(), entry.graph.outports.clone());
    let echoes = match command {
        "addnode" => nodes::add(entry, registry, read(command, payload)?)?,
        "removenode" => nodes::remove(entry, read(command, payload)?)?,
        "renamenode" => nodes::rename(entry, read(command, payload)?)?,
        "changenode" => nodes::change(entry, read(command, payload)?)?,
        "addedge" => edges::add(entry, registry, read(command, payload)?)?,
        "removeedge" => edges::remove(entry, read(command, payload)?)?,
        "changeedge" => edges::change(entry, read(command, payload)?)?,
        "addinitial" => edges::add_initial(entry, registry, read(command, payload)?)?,
        "removeinitial" => edges::remove_initial(entry, read(command, payload)?)?,
        "addinport" => exports::add(entry, registry, Side::In, read(command, payload)?)?,
        "addoutport" => exports::add(entry, registry, Side::Out, read(command, payload)?)?,
        "removeinport" => exports::remove(entry, Side::In, read(command, payload)?)?,
        "removeoutport" => exports::remove(entry, Side::Out, read(command, payload)?)?,
        "renameinport" => exports::rename(entry, Side::In, read(command, payload)?)?,
        "renameoutport" => exports::rename(entry, Side::Out, read(command, payload)?)?,
        "addgroup" => groups::add(entry, read(command, payload)?)?,
        "removegroup" => groups::remove(entry, read(command, payload)?)?,
        "renamegroup" => groups::rename(entry, read(command, payload)?)?,
        "changegroup" => groups::change(entry, read(command, payload)?)?,
        _ => unreachable!("checked against COMMANDS"),
    };
    entry.edited();
    for echo in echoes {
        req.broadcast(echo);
    }
    if is_main && (entry.graph.inports.clone(), entry.graph.outports.clone()) != ports_before {
        req.broadcast(entry.ports_message(registry));
    }
    Ok(())
}

/// `clear`: makes graph `id` anew (stopping its network), and makes it
/// the main graph when `main` is true.
fn clear(state: &mut State, registry: &Registry, req: &Request<'_>, payload: Json) -> Result<(), String> {
    let info: Clear = read("clear", payload)?;
    if let Some(old) = state.graphs.get_mut(&info.id) {
        if let Some(run) = &old.run {
            run.stop();
        }
    }
    let mut graph = Graph::new();
    graph.properties.insert("name".into(), Json::String(info.name.clone().unwrap_or_else(|| info.id.clone())));
    for (key, value) in [("library", &info.library), ("icon", &info.icon), ("description", &info.description)] {
        if let Some(v) = value.as_ref().filter(|v| !v.is_empty()) {
            graph.properties.insert(key.into(), Json::String(v.clone()));
        }
    }
    let id = info.id.clone();
    let main = info.main == Some(true);
    let entry = GraphEntry { info: info.clone(), graph, selected: Vec::new(), debug: false, run: None };
    state.graphs.insert(id.clone(), entry);
    if main {
        state.main = Some(id.clone());
    }
    req.broadcast(Outgoing::new("graph", "clear", info));
    if state.main.as_deref() == Some(id.as_str()) {
        req.broadcast(state.graphs[&id].ports_message(registry));
    }
    Ok(())
}

/// An echo of `payload` as graph-protocol `command`.
pub(crate) fn echo(command: &'static str, payload: impl serde::Serialize) -> Outgoing {
    Outgoing::new("graph", command, payload)
}
