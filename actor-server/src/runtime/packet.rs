//! `runtime:packet` into an exported inport of a running network.

use serde_json::Value as Json;

use super::{Request, State, read};
use crate::protocol::runtime::PacketPayload;

/// Queues the packet for the exported inport's forwarder, which sends it
/// into the network (waiting while the connection is full) and then
/// answers `runtime:packetsent`.
pub(crate) fn handle(state: &mut State, req: &Request<'_>, payload: Json) -> Result<(), String> {
    let p: PacketPayload = read("packet", payload)?;
    let entry = state.graphs.get(&p.graph).ok_or_else(|| format!("no graph {:?}", p.graph))?;
    let run = entry.run.as_ref().filter(|r| r.is_running()).ok_or_else(|| format!("the network of graph {:?} is not running", p.graph))?;
    run.send_packet(req.client, req.request_id.clone(), p)
}
