//! Exported ports of a running network: `runtime:packet` in and out.

use actor_core::network::{InportHandle, OutportHandle};
use actor_core::{Packet, Value};

use crate::protocol::Outgoing;
use crate::protocol::runtime::{PacketEvent, PacketPayload};
use crate::runtime::{ClientId, Runtime};

/// Packets that may wait for one exported inport before `runtime:packet`
/// answers that it is full.
pub(crate) const INPORT_QUEUE: usize = 1024;

/// A `runtime:packet` for an exported inport, with whom to answer.
pub(crate) struct InportCmd {
    pub(crate) client: ClientId,
    pub(crate) request_id: Option<String>,
    pub(crate) packet: PacketPayload,
}

/// Sends the packets queued for exported inport `handle` into the
/// network, in order, answering each with `runtime:packetsent` once it was
/// delivered (or `runtime:error` when the process behind the port has
/// ended). `disconnect` closes the inport: the server drops its handle,
/// so the process behind it sees its input close.
pub(crate) async fn forward_inport(runtime: Runtime, handle: InportHandle, queue: flume::Receiver<InportCmd>) {
    let mut handle = Some(handle);
    while let Ok(cmd) = queue.recv_async().await {
        let p = &cmd.packet;
        let packet = match p.event {
            PacketEvent::Data => Some(Packet::Data(value(&p.payload))),
            PacketEvent::Begingroup => Some(Packet::OpenBracket(p.payload.as_ref().map(|v| Value::from(v.clone())))),
            PacketEvent::Endgroup => Some(Packet::CloseBracket(p.payload.as_ref().map(|v| Value::from(v.clone())))),
            PacketEvent::Connect | PacketEvent::Disconnect => None,
        };
        let result = match (packet, &handle) {
            (Some(packet), Some(h)) => h.send(packet).await.map_err(|_| "the process behind it has ended"),
            (Some(_), None) => Err("it was closed by a disconnect"),
            (None, _) => Ok(()),
        };
        if p.event == PacketEvent::Disconnect {
            handle = None;
        }
        let mut answer = match result {
            Ok(()) => Outgoing::new("runtime", "packetsent", &cmd.packet),
            Err(why) => Outgoing::error("runtime", format!("exported inport {:?} of graph {:?}: {why}", p.port, p.graph)),
        };
        answer.response_to = cmd.request_id.clone();
        runtime.clients().send(cmd.client, &answer);
    }
}

fn value(payload: &Option<serde_json::Value>) -> Value {
    Value::from(payload.clone().unwrap_or(serde_json::Value::Null))
}

/// Sends every packet leaving exported outport `handle` to every client
/// as `runtime:packet`, until the process behind it has ended.
pub(crate) async fn read_outport(runtime: Runtime, graph: String, handle: OutportHandle) {
    while let Some(packet) = handle.recv().await {
        let (event, payload) = match packet {
            Packet::Data(v) => (PacketEvent::Data, Some(v.to_json())),
            Packet::OpenBracket(g) => (PacketEvent::Begingroup, g.map(|v| v.to_json())),
            Packet::CloseBracket(g) => (PacketEvent::Endgroup, g.map(|v| v.to_json())),
        };
        let msg = PacketPayload { port: handle.name().to_string(), event, ty: None, payload, graph: graph.clone() };
        runtime.clients().broadcast(&Outgoing::new("runtime", "packet", msg), None);
    }
}
