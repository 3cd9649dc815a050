use std::collections::VecDeque;
use std::sync::Arc;

use crate::Packet;

/// Packets received and not yet taken, per inport, in arrival order.
///
/// For a process that may be restarted, it also remembers the packets the
/// last `take` call returned in the current activation (the packets "in
/// hand"), so that a restarted instance gets them again.
#[derive(Debug, Default)]
pub(crate) struct InputBuffer {
    ports: Vec<PortQueue>,
    /// Whether to remember the packets in hand (off: nothing is cloned).
    remember: bool,
    /// The packets the last take call returned, as (port, index, packet).
    in_hand: Vec<(usize, Option<usize>, Packet)>,
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
        Self {
            ports: names.into_iter().map(|name| PortQueue { name, queue: VecDeque::new(), connected: false }).collect(),
            remember: false,
            in_hand: Vec::new(),
        }
    }

    /// Remembers the packets in hand from now on (for a restartable process).
    pub(crate) fn remember_in_hand(&mut self) {
        self.remember = true;
    }

    /// An activation begins: nothing is in hand yet.
    #[inline]
    pub(crate) fn begin_activation(&mut self) {
        if self.remember {
            self.in_hand.clear();
        }
    }

    /// Puts the packets in hand back at the front of their queues, in
    /// their order, for a restarted instance to take again.
    pub(crate) fn requeue_in_hand(&mut self) {
        for (port, index, packet) in self.in_hand.drain(..).rev() {
            self.ports[port].queue.push_front((index, packet));
        }
    }

    /// Whether any packet waits on any inport.
    pub(crate) fn is_empty(&self) -> bool {
        self.ports.iter().all(|p| p.queue.is_empty())
    }

    /// Takes the oldest packet on `name`; with `data_only`, only a data
    /// packet (a bracket at the front stays).
    #[inline]
    pub(crate) fn pop(&mut self, name: &str, data_only: bool) -> Option<(Option<usize>, Packet)> {
        let (port, p) = self.ports.iter_mut().enumerate().find(|(_, p)| same_name(&p.name, name))?;
        if data_only && !matches!(p.queue.front(), Some((_, Packet::Data(_)))) {
            return None;
        }
        if self.remember {
            // Recorded from the front before it is popped, so that the
            // popped packet goes straight to the caller.
            hold(&mut self.in_hand, port, p.queue.front());
        }
        p.queue.pop_front()
    }

    /// Takes every packet waiting on `name`, oldest first.
    #[inline]
    pub(crate) fn drain(&mut self, name: &str) -> Vec<Packet> {
        let Some(port) = self.position(name) else { return Vec::new() };
        let taken: Vec<(Option<usize>, Packet)> = self.ports[port].queue.drain(..).collect();
        if self.remember {
            self.in_hand.clear();
            self.in_hand.extend(taken.iter().map(|(index, p)| (port, *index, p.clone())));
        }
        taken.into_iter().map(|(_, p)| p).collect()
    }

    #[inline]
    fn position(&self, name: &str) -> Option<usize> {
        self.ports.iter().position(|p| same_name(&p.name, name))
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

/// `front`, about to be taken from `port`, is now the packet in hand (kept off the
/// per-packet path: only restartable processes remember).
#[cold]
fn hold(in_hand: &mut Vec<(usize, Option<usize>, Packet)>, port: usize, front: Option<&(Option<usize>, Packet)>) {
    if let Some((index, packet)) = front {
        in_hand.clear();
        in_hand.push((port, *index, packet.clone()));
    }
}

/// Port-name equality (this is on the per-packet path).
#[inline(always)]
pub(crate) fn same_name(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.as_bytes() == b.as_bytes()
}
