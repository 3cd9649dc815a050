use std::collections::VecDeque;
use std::sync::Arc;

use crate::Packet;

/// Packets received and not yet taken, per inport, in arrival order.
#[derive(Debug, Default)]
pub(crate) struct InputBuffer {
    ports: Vec<PortQueue>,
}

#[derive(Debug)]
struct PortQueue {
    name: Arc<str>,
    queue: VecDeque<(Option<usize>, Packet)>,
    /// Whether any connection, IIP or exported inport feeds this port.
    connected: bool,
}

impl InputBuffer {
    /// One queue per declared inport name, in declaration order.
    pub(crate) fn new(names: impl IntoIterator<Item = Arc<str>>) -> Self {
        Self { ports: names.into_iter().map(|name| PortQueue { name, queue: VecDeque::new(), connected: false }).collect() }
    }

    pub(crate) fn port_name(&self, port: usize) -> &str {
        &self.ports[port].name
    }

    #[inline]
    pub(crate) fn push(&mut self, port: usize, index: Option<usize>, packet: Packet) {
        self.ports[port].queue.push_back((index, packet));
    }

    #[inline]
    pub(crate) fn queue(&self, name: &str) -> Option<&VecDeque<(Option<usize>, Packet)>> {
        self.ports.iter().find(|p| same_name(&p.name, name)).map(|p| &p.queue)
    }

    #[inline]
    pub(crate) fn queue_mut(&mut self, name: &str) -> Option<&mut VecDeque<(Option<usize>, Packet)>> {
        self.ports.iter_mut().find(|p| same_name(&p.name, name)).map(|p| &mut p.queue)
    }

    /// Records that something (a connection, an IIP or an exported inport) feeds `port`.
    pub(crate) fn mark_connected(&mut self, port: usize) {
        self.ports[port].connected = true;
    }

    #[inline]
    pub(crate) fn is_connected(&self, name: &str) -> bool {
        self.ports.iter().any(|p| p.connected && same_name(&p.name, name))
    }

    pub(crate) fn names(&self) -> impl Iterator<Item = &str> {
        self.ports.iter().map(|p| &*p.name)
    }
}

/// Port-name equality (this is on the per-packet path).
#[inline(always)]
pub(crate) fn same_name(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.as_bytes() == b.as_bytes()
}
