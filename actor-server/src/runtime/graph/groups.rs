//! `addgroup`, `removegroup`, `renamegroup` and `changegroup`.

use actor_core::graph::Group;

use super::{GraphEntry, echo, merge};
use crate::protocol::Outgoing;
use crate::protocol::graph::{AddGroup, ChangeGroup, RemoveGroup, Rename};

fn find(entry: &GraphEntry, name: &str, graph: &str) -> Result<usize, String> {
    entry.graph.groups.iter().position(|g| g.name == name).ok_or_else(|| format!("no group {name:?} in graph {graph:?}"))
}

/// Adds a group of processes that exist.
pub(super) fn add(entry: &mut GraphEntry, p: AddGroup) -> Result<Vec<Outgoing>, String> {
    if entry.graph.groups.iter().any(|g| g.name == p.name) {
        return Err(format!("group {:?} already exists in graph {:?}", p.name, p.graph));
    }
    if let Some(n) = p.nodes.iter().find(|n| !entry.graph.processes.contains_key(*n)) {
        return Err(format!("group {:?}: no node {n:?} in graph {:?}", p.name, p.graph));
    }
    entry.graph.groups.push(Group { name: p.name.clone(), nodes: p.nodes.clone(), metadata: p.metadata.clone() });
    Ok(vec![echo("addgroup", p)])
}

/// Removes a group (its processes stay).
pub(super) fn remove(entry: &mut GraphEntry, p: RemoveGroup) -> Result<Vec<Outgoing>, String> {
    let i = find(entry, &p.name, &p.graph)?;
    entry.graph.groups.remove(i);
    Ok(vec![echo("removegroup", p)])
}

/// Renames a group.
pub(super) fn rename(entry: &mut GraphEntry, p: Rename) -> Result<Vec<Outgoing>, String> {
    let i = find(entry, &p.from, &p.graph)?;
    if p.from != p.to && entry.graph.groups.iter().any(|g| g.name == p.to) {
        return Err(format!("group {:?} already exists in graph {:?}", p.to, p.graph));
    }
    entry.graph.groups[i].name = p.to.clone();
    Ok(vec![echo("renamegroup", p)])
}

/// Merges metadata into a group's; the echo carries the merged metadata.
pub(super) fn change(entry: &mut GraphEntry, p: ChangeGroup) -> Result<Vec<Outgoing>, String> {
    let i = find(entry, &p.name, &p.graph)?;
    let g = &mut entry.graph.groups[i];
    merge(&mut g.metadata, &p.metadata);
    let merged = g.metadata.clone().unwrap_or_default();
    Ok(vec![echo("changegroup", ChangeGroup { metadata: merged, ..p })])
}
