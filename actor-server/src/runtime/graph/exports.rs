//! `addinport`, `removeinport`, `renameinport` and their outport twins.

use actor_core::Registry;
use actor_core::graph::ExportedPort;
use indexmap::IndexMap;

use super::{GraphEntry, Side, echo, list};
use crate::protocol::Outgoing;
use crate::protocol::graph::{AddExport, RemoveExport, Rename};

fn command(side: Side, verb: &str) -> &'static str {
    match (side, verb) {
        (Side::In, "add") => "addinport",
        (Side::In, "remove") => "removeinport",
        (Side::In, _) => "renameinport",
        (Side::Out, "add") => "addoutport",
        (Side::Out, "remove") => "removeoutport",
        (Side::Out, _) => "renameoutport",
    }
}

fn ports(entry: &mut GraphEntry, side: Side) -> &mut IndexMap<String, ExportedPort> {
    match side {
        Side::In => &mut entry.graph.inports,
        Side::Out => &mut entry.graph.outports,
    }
}

/// Exports a process port that exists (replacing an export of the same name).
pub(super) fn add(entry: &mut GraphEntry, registry: &Registry, side: Side, p: AddExport) -> Result<Vec<Outgoing>, String> {
    entry.port(registry, &p.node, &p.port, side)?;
    let e = ExportedPort { process: p.node.clone(), port: p.port.clone(), metadata: p.metadata.clone() };
    ports(entry, side).insert(p.public.clone(), e);
    Ok(vec![echo(command(side, "add"), p)])
}

/// Removes an exported port.
pub(super) fn remove(entry: &mut GraphEntry, side: Side, p: RemoveExport) -> Result<Vec<Outgoing>, String> {
    let map = ports(entry, side);
    if map.shift_remove(&p.public).is_none() {
        return Err(format!("no exported {} {:?} (exported: {})", side.word(), p.public, list(map.keys())));
    }
    Ok(vec![echo(command(side, "remove"), p)])
}

/// Renames an exported port, keeping its place.
pub(super) fn rename(entry: &mut GraphEntry, side: Side, p: Rename) -> Result<Vec<Outgoing>, String> {
    let map = ports(entry, side);
    if !map.contains_key(&p.from) {
        return Err(format!("no exported {} {:?} (exported: {})", side.word(), p.from, list(map.keys())));
    }
    if p.from != p.to && map.contains_key(&p.to) {
        return Err(format!("an exported {} {:?} already exists", side.word(), p.to));
    }
    let old = std::mem::take(map);
    *map = old.into_iter().map(|(k, v)| (if k == p.from { p.to.clone() } else { k }, v)).collect();
    Ok(vec![echo(command(side, "rename"), p)])
}
