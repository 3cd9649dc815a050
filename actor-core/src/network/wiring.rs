//! Wiring a plan: one channel per inport (per index of an array inport),
//! one sender per connection, the IIPs queued, the exported inports' channels.

use std::collections::HashMap;
use std::sync::Arc;

use super::ConnectionInfo;
use crate::graph::{Plan, PlanPort, Wire};
use crate::wire::channel::{self, Receiver, Sender};
use crate::wire::{Activity, EdgeObserver, PacketCount, Target, Waits};
use crate::{Packet, Value};

/// One inport's channel (or one index's, for an array inport).
pub(super) struct InChannel {
    /// The declared inport's position.
    pub(super) port: usize,
    /// The array index, for an array inport addressed by index.
    pub(super) index: Option<usize>,
    pub(super) tx: Sender,
    pub(super) rx: Receiver,
}

/// A plan's channels and connections.
pub(super) struct Wiring {
    /// Per process: its inports' channels.
    pub(super) channels: Vec<Vec<InChannel>>,
    /// Per process, per declared outport: the connections leaving it.
    pub(super) targets: Vec<Vec<Vec<Target>>>,
    /// The connections between processes, in graph order, with their counters.
    pub(super) connections: Vec<(ConnectionInfo, Arc<PacketCount>)>,
    /// Exported inports: public name, process, and channel index.
    pub(super) exported_in: Vec<(String, usize, usize)>,
}

impl Wiring {
    /// Wires `plan` with connections of `capacity` packets. Packets on
    /// connections count as in flight in `activity`; each connection's
    /// counter reports to `observer` while watched.
    ///
    /// The IIPs are queued here, in graph order, before any exported-inport
    /// handle exists, so they come first and always fit: each channel has
    /// room reserved for its IIPs. They count as in flight.
    ///
    /// With `waits` (a network with a cycle), each connection's blocked
    /// sends are marked there under the connection's index.
    pub(super) fn new(
        plan: &Plan,
        capacity: usize,
        activity: &Activity,
        observer: Option<&Arc<dyn EdgeObserver>>,
        waits: Option<&Arc<Waits>>,
    ) -> Self {
        let mut w = Wiring {
            channels: plan.processes.iter().map(|_| Vec::new()).collect(),
            targets: plan.processes.iter().map(|p| vec![Vec::new(); p.ports.outports.len()]).collect(),
            connections: Vec::new(),
            exported_in: Vec::new(),
        };
        let mut packets = iip_packets(plan);
        let reserved = iip_weights(plan, &packets);
        let room = |tgt: &PlanPort| capacity + reserved.get(tgt).copied().unwrap_or(0);
        let mut iips = Vec::new();
        for (i, wire) in plan.wires.iter().enumerate() {
            match wire {
                Wire::Edge { src, tgt, written } => {
                    let ch = w.channel(*tgt, room(tgt));
                    let count = Arc::new(PacketCount::tapped(w.connections.len(), observer.cloned()));
                    w.connections.push((ConnectionInfo::new(written.0.clone(), written.1.clone()), count.clone()));
                    let tx = w.channels[tgt.process][ch].tx.clone();
                    let mut target = Target::new(tx, src.index, count, activity.clone());
                    if let Some(waits) = waits {
                        target = target.with_waits(waits.clone(), w.connections.len() - 1);
                    }
                    w.targets[src.process][src.port].push(target);
                }
                Wire::Iip { tgt, .. } => {
                    let ch = w.channel(*tgt, room(tgt));
                    let packet = packets[i].take().expect("each IIP's packet is made once");
                    iips.push((tgt.process, ch, packet));
                }
            }
        }
        for (name, port) in &plan.exported_inports {
            let ch = w.channel(*port, capacity);
            w.exported_in.push((name.clone(), port.process, ch));
        }
        activity.begin(iips.len());
        for (p, ch, packet) in iips {
            w.channels[p][ch].tx.try_send(packet).expect("IIP capacity reserved and no other sender yet");
        }
        w
    }

    /// The index of `port`'s channel among its process's channels, made
    /// with room for `capacity` packets if it does not exist yet.
    fn channel(&mut self, port: PlanPort, capacity: usize) -> usize {
        let channels = &mut self.channels[port.process];
        if let Some(i) = channels.iter().position(|c| c.port == port.port && c.index == port.index) {
            return i;
        }
        let (tx, rx) = channel::bounded(capacity);
        channels.push(InChannel { port: port.port, index: port.index, tx, rx });
        channels.len() - 1
    }
}

/// Per wire of `plan`: the IIP's packet, `None` for a connection.
fn iip_packets(plan: &Plan) -> Vec<Option<Packet>> {
    let packet = |wire: &Wire| match wire {
        Wire::Iip { data, .. } => Some(Packet::Data(Value::from(data.clone()))),
        Wire::Edge { .. } => None,
    };
    plan.wires.iter().map(packet).collect()
}

/// The summed weight (see [`Packet::weight`]) of the IIPs into each inport
/// (each index of an array inport): the room reserved for them.
fn iip_weights(plan: &Plan, packets: &[Option<Packet>]) -> HashMap<PlanPort, usize> {
    let mut weights = HashMap::new();
    for (wire, packet) in plan.wires.iter().zip(packets) {
        if let (Wire::Iip { tgt, .. }, Some(packet)) = (wire, packet) {
            *weights.entry(*tgt).or_default() += packet.weight();
        }
    }
    weights
}
