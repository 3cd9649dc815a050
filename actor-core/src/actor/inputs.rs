use std::collections::VecDeque;
use std::sync::Arc;

use crate::Packet;

/// Packets received and not yet taken, per inport, in arrival order.
#[derive(Debug, Default)]
pub(crate) struct InputBuffer {
    ports: Vec<PortQueue>,
}

/// One inport's received packets: the chunks they arrived in, each read
/// in place (a chunk is never copied packet by packet into the buffer).
#[derive(Debug)]
pub(crate) struct PortQueue {
    name: Arc<str>,
    /// Chunks with their array index, oldest first; none is empty.
    chunks: VecDeque<(Option<usize>, std::vec::IntoIter<Packet>)>,
    /// Packets in `chunks`.
    len: usize,
    /// Whether any connection, IIP or exported inport feeds this port.
    connected: bool,
}

impl PortQueue {
    /// How many packets wait.
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// The oldest waiting packet.
    pub(crate) fn front(&self) -> Option<&Packet> {
        self.chunks.front().and_then(|(_, c)| c.as_slice().first())
    }

    /// Takes the oldest waiting packet, with its array index.
    #[inline]
    pub(crate) fn pop(&mut self) -> Option<(Option<usize>, Packet)> {
        let (index, chunk) = self.chunks.front_mut()?;
        let (index, packet) = (*index, chunk.next()?);
        if chunk.len() == 0 {
            self.chunks.pop_front();
        }
        self.len -= 1;
        Some((index, packet))
    }

    /// Takes what is left of the oldest chunk.
    pub(crate) fn pop_chunk(&mut self) -> Option<Vec<Packet>> {
        let (_, chunk) = self.chunks.pop_front()?;
        self.len -= chunk.len();
        // Collecting a `vec::IntoIter` into a `Vec` reuses its allocation.
        Some(chunk.collect())
    }

    /// Takes every waiting packet, oldest first.
    pub(crate) fn drain(&mut self) -> impl Iterator<Item = Packet> + '_ {
        self.len = 0;
        self.chunks.drain(..).flat_map(|(_, c)| c)
    }
}

impl InputBuffer {
    /// One queue per declared inport name, in declaration order.
    pub(crate) fn new(names: impl IntoIterator<Item = Arc<str>>) -> Self {
        Self {
            ports: names
                .into_iter()
                .map(|name| PortQueue { name, chunks: VecDeque::new(), len: 0, connected: false })
                .collect(),
        }
    }

    pub(crate) fn port_name(&self, port: usize) -> &str {
        &self.ports[port].name
    }

    /// Appends `chunks` to `port`'s queue; returns how many packets they hold.
    #[inline]
    pub(crate) fn push_chunks(&mut self, port: usize, index: Option<usize>, chunks: impl Iterator<Item = Vec<Packet>>) -> usize {
        let queue = &mut self.ports[port];
        let mut n = 0;
        for chunk in chunks {
            if !chunk.is_empty() {
                n += chunk.len();
                queue.chunks.push_back((index, chunk.into_iter()));
            }
        }
        queue.len += n;
        n
    }

    #[inline]
    pub(crate) fn queue(&self, name: &str) -> Option<&PortQueue> {
        self.ports.iter().find(|p| same_name(&p.name, name))
    }

    #[inline]
    pub(crate) fn queue_mut(&mut self, name: &str) -> Option<&mut PortQueue> {
        self.ports.iter_mut().find(|p| same_name(&p.name, name))
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
