//! `addedge`, `removeedge`, `changeedge`, `addinitial` and `removeinitial`.

use actor_core::graph::Connection;
use actor_core::{PortRef, Registry, Value};

use super::{GraphEntry, Side, echo, merge};
use crate::protocol::Outgoing;
use crate::protocol::graph::{AddInitial, Edge, IipSource, RemoveInitial, WirePort};

/// The graph's form of a wire port, checked to exist on `side`; an index
/// is accepted only on an array (addressable) port.
fn port_ref(entry: &GraphEntry, registry: &Registry, w: &WirePort, side: Side) -> Result<PortRef, String> {
    let spec = entry.port(registry, &w.node, &w.port, side)?;
    let index = w.index()?;
    if index.is_some() && !spec.addressable {
        return Err(format!("port {:?} of node {:?} is not an array port, so it takes no index", w.port, w.node));
    }
    Ok(PortRef { process: w.node.clone(), port: w.port.clone(), index })
}

/// Adds an edge between an outport and an inport that exist.
pub(super) fn add(entry: &mut GraphEntry, registry: &Registry, p: Edge) -> Result<Vec<Outgoing>, String> {
    let src = port_ref(entry, registry, &p.src, Side::Out)?;
    let tgt = port_ref(entry, registry, &p.tgt, Side::In)?;
    if find_edge(entry, &p.src, &p.tgt).is_some() {
        return Err(format!("the edge {} -> {} already exists", end(&p.src), end(&p.tgt)));
    }
    entry.graph.connections.push(Connection { src: Some(src), data: None, tgt, metadata: p.metadata.clone() });
    Ok(vec![echo("addedge", p)])
}

fn find_edge(entry: &GraphEntry, src: &WirePort, tgt: &WirePort) -> Option<usize> {
    entry
        .graph
        .connections
        .iter()
        .position(|c| c.src.as_ref().is_some_and(|s| entry.matches(s, src)) && entry.matches(&c.tgt, tgt))
}

fn end(w: &WirePort) -> String {
    match w.index() {
        Ok(Some(i)) => format!("{}.{}[{i}]", w.node, w.port),
        _ => format!("{}.{}", w.node, w.port),
    }
}

/// Removes an edge.
pub(super) fn remove(entry: &mut GraphEntry, p: Edge) -> Result<Vec<Outgoing>, String> {
    let i = find_edge(entry, &p.src, &p.tgt).ok_or_else(|| format!("no edge {} -> {} in graph {:?}", end(&p.src), end(&p.tgt), p.graph))?;
    entry.graph.connections.remove(i);
    Ok(vec![echo("removeedge", Edge { metadata: None, ..p })])
}

/// Merges metadata into an edge's; the echo carries the merged metadata.
pub(super) fn change(entry: &mut GraphEntry, p: Edge) -> Result<Vec<Outgoing>, String> {
    let i = find_edge(entry, &p.src, &p.tgt).ok_or_else(|| format!("no edge {} -> {} in graph {:?}", end(&p.src), end(&p.tgt), p.graph))?;
    let c = &mut entry.graph.connections[i];
    merge(&mut c.metadata, &p.metadata.clone().unwrap_or_default());
    Ok(vec![echo("changeedge", Edge { metadata: Some(c.metadata.clone().unwrap_or_default()), ..p })])
}

/// Adds an IIP into an inport that exists, of data its type accepts.
pub(super) fn add_initial(entry: &mut GraphEntry, registry: &Registry, p: AddInitial) -> Result<Vec<Outgoing>, String> {
    let tgt = port_ref(entry, registry, &p.tgt, Side::In)?;
    let spec = entry.port(registry, &p.tgt.node, &p.tgt.port, Side::In)?;
    if !spec.ty.accepts(&Value::from(p.src.data.clone())) {
        return Err(format!("IIP {} does not fit port {:?} of node {:?}, of type {}", p.src.data, p.tgt.port, p.tgt.node, spec.ty));
    }
    entry.graph.connections.push(Connection { src: None, data: Some(p.src.data.clone()), tgt, metadata: p.metadata.clone() });
    Ok(vec![echo("addinitial", p)])
}

/// Removes the IIPs into an inport; the echo carries the (last) removed data.
pub(super) fn remove_initial(entry: &mut GraphEntry, p: RemoveInitial) -> Result<Vec<Outgoing>, String> {
    let mut removed = None;
    let wanted = p.src.as_ref().map(|s| &s.data);
    let before = entry.graph.connections.len();
    let conns = std::mem::take(&mut entry.graph.connections);
    for c in conns {
        let hit = c.src.is_none() && entry.matches(&c.tgt, &p.tgt) && wanted.is_none_or(|w| c.data.as_ref() == Some(w));
        if hit {
            removed = c.data.clone();
        } else {
            entry.graph.connections.push(c);
        }
    }
    if entry.graph.connections.len() == before {
        return Err(format!("no IIP into {} in graph {:?}", end(&p.tgt), p.graph));
    }
    let src = Some(IipSource { data: removed.unwrap_or_default() });
    Ok(vec![echo("removeinitial", RemoveInitial { src, ..p })])
}
