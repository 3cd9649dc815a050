//! `addnode`, `removenode`, `renamenode` and `changenode`.

use actor_core::Registry;
use actor_core::graph::Process;
use indexmap::IndexMap;

use super::{GraphEntry, echo, merge};
use crate::protocol::Outgoing;
use crate::protocol::graph::{AddNode, ChangeNode, Edge, IipSource, RemoveExport, RemoveInitial, RemoveNode, Rename, WirePort};

/// Adds a process of a registered component.
pub(super) fn add(entry: &mut GraphEntry, registry: &Registry, p: AddNode) -> Result<Vec<Outgoing>, String> {
    if entry.graph.processes.contains_key(&p.id) {
        return Err(format!("node {:?} already exists in graph {:?}", p.id, p.graph));
    }
    if registry.get(&p.component).is_none() {
        return Err(format!("node {:?}: unknown component {:?} (component:list names the known ones)", p.id, p.component));
    }
    let process = Process { component: p.component.clone(), metadata: p.metadata.clone() };
    entry.graph.processes.insert(p.id.clone(), process);
    Ok(vec![echo("addnode", p)])
}

/// Removes a process, first its edges, IIPs and exported ports (each
/// echoed as its own removal, as NoFlo's graph does), then the process.
pub(super) fn remove(entry: &mut GraphEntry, p: RemoveNode) -> Result<Vec<Outgoing>, String> {
    if !entry.graph.processes.contains_key(&p.id) {
        return Err(format!("no node {:?} in graph {:?}", p.id, p.graph));
    }
    let mut out = Vec::new();
    let wire = |r: &actor_core::PortRef| WirePort { node: r.process.clone(), port: r.port.clone(), index: r.index.map(Into::into) };
    let graph_id = p.graph.clone();
    entry.graph.connections.retain(|c| {
        let touches = c.tgt.process == p.id || c.src.as_ref().is_some_and(|s| s.process == p.id);
        if !touches {
            return true;
        }
        match (&c.src, &c.data) {
            (Some(src), _) => out.push(echo(
                "removeedge",
                Edge { src: wire(src), tgt: wire(&c.tgt), metadata: None, graph: graph_id.clone() },
            )),
            (None, data) => out.push(echo(
                "removeinitial",
                RemoveInitial {
                    src: Some(IipSource { data: data.clone().unwrap_or_default() }),
                    tgt: wire(&c.tgt),
                    graph: graph_id.clone(),
                },
            )),
        }
        false
    });
    for (command, ports) in [("removeinport", &mut entry.graph.inports), ("removeoutport", &mut entry.graph.outports)] {
        ports.retain(|public, e| {
            if e.process == p.id {
                out.push(echo(command, RemoveExport { public: public.clone(), graph: graph_id.clone() }));
                false
            } else {
                true
            }
        });
    }
    for g in &mut entry.graph.groups {
        g.nodes.retain(|n| *n != p.id);
    }
    entry.graph.processes.shift_remove(&p.id);
    out.push(echo("removenode", p));
    Ok(out)
}

/// Renames a process everywhere it is named, keeping its place in the graph.
pub(super) fn rename(entry: &mut GraphEntry, p: Rename) -> Result<Vec<Outgoing>, String> {
    if !entry.graph.processes.contains_key(&p.from) {
        return Err(format!("no node {:?} in graph {:?}", p.from, p.graph));
    }
    if p.from != p.to && entry.graph.processes.contains_key(&p.to) {
        return Err(format!("node {:?} already exists in graph {:?}", p.to, p.graph));
    }
    let processes = std::mem::take(&mut entry.graph.processes);
    entry.graph.processes = processes
        .into_iter()
        .map(|(name, process)| (if name == p.from { p.to.clone() } else { name }, process))
        .collect::<IndexMap<_, _>>();
    let g = &mut entry.graph;
    for c in &mut g.connections {
        for r in c.src.iter_mut().chain(std::iter::once(&mut c.tgt)) {
            if r.process == p.from {
                r.process = p.to.clone();
            }
        }
    }
    for e in g.inports.values_mut().chain(g.outports.values_mut()) {
        if e.process == p.from {
            e.process = p.to.clone();
        }
    }
    for n in g.groups.iter_mut().flat_map(|g| g.nodes.iter_mut()) {
        if *n == p.from {
            *n = p.to.clone();
        }
    }
    Ok(vec![echo("renamenode", p)])
}

/// Merges metadata into a process's; the echo carries the merged metadata.
pub(super) fn change(entry: &mut GraphEntry, p: ChangeNode) -> Result<Vec<Outgoing>, String> {
    let process = entry.graph.processes.get_mut(&p.id).ok_or_else(|| format!("no node {:?} in graph {:?}", p.id, p.graph))?;
    merge(&mut process.metadata, &p.metadata);
    let merged = process.metadata.clone().unwrap_or_default();
    Ok(vec![echo("changenode", ChangeNode { id: p.id, metadata: merged, graph: p.graph })])
}
