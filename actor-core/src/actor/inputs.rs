use std::collections::VecDeque;
use std::sync::Arc;

use crate::Packet;
use crate::message::Chunk;

/// Packets received and not yet taken, per inport, in arrival order.
///
/// For a process that may be restarted, it also remembers the packets the
/// last take call returned in the current activation (the packets "in
/// hand"), so that a restarted instance gets them again.
#[derive(Debug, Default)]
pub(crate) struct InputBuffer {
    ports: Vec<PortQueue>,
    /// Whether to remember the packets in hand (off: nothing is cloned).
    remember: bool,
    /// The packets the last take call returned, as (port, index, packet).
    in_hand: Vec<(usize, Option<usize>, Packet)>,
}

/// One inport's received packets: the chunks they arrived in, each read
/// in place (a chunk is never copied packet by packet into the buffer).
#[derive(Debug)]
pub(crate) struct PortQueue {
    name: Arc<str>,
    /// Chunks, oldest first; none is empty.
    chunks: VecDeque<Received>,
    /// Packets in `chunks`.
    len: usize,
    /// Whether any connection, IIP or exported inport feeds this port.
    connected: bool,
}

/// A received chunk, read in place.
#[derive(Debug)]
struct Received {
    /// The array index it arrived on.
    index: Option<usize>,
    packets: std::vec::IntoIter<Packet>,
    /// Its weight (see [`Packet::weight`]) while none of it was taken.
    weight: usize,
    /// Its length when it arrived.
    whole: usize,
}

impl Received {
    fn new(index: Option<usize>, chunk: Chunk) -> Self {
        let (whole, weight) = (chunk.len(), chunk.weight());
        Received { index, packets: chunk.into_iter(), weight, whole }
    }
}

impl PortQueue {
    /// How many packets wait.
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// The oldest waiting packet.
    pub(crate) fn front(&self) -> Option<&Packet> {
        self.chunks.front().and_then(|c| c.packets.as_slice().first())
    }

    /// The oldest waiting packet with its array index.
    fn front_indexed(&self) -> Option<(Option<usize>, &Packet)> {
        self.chunks.front().and_then(|c| Some((c.index, c.packets.as_slice().first()?)))
    }

    /// Takes the oldest waiting packet, with its array index.
    #[inline(always)]
    fn pop(&mut self) -> Option<(Option<usize>, Packet)> {
        let chunk = self.chunks.front_mut()?;
        let (index, packet) = (chunk.index, chunk.packets.next()?);
        if chunk.packets.len() == 0 {
            self.chunks.pop_front();
        }
        self.len -= 1;
        Some((index, packet))
    }

    /// Takes what is left of the oldest chunk, with its array index. A
    /// chunk taken whole keeps the weight it arrived with; what is left of
    /// one is weighed again.
    fn pop_chunk(&mut self) -> Option<(Option<usize>, Chunk)> {
        let Received { index, packets, weight, whole } = self.chunks.pop_front()?;
        let left = packets.len();
        self.len -= left;
        // Collecting a `vec::IntoIter` into a `Vec` reuses its allocation
        // (and copies nothing when none of it was taken).
        let packets: Vec<Packet> = packets.collect();
        Some((index, if left == whole { Chunk::weighed(packets, weight) } else { Chunk::from(packets) }))
    }

    /// Puts `packet` back in front of the oldest waiting packet.
    fn push_front(&mut self, index: Option<usize>, packet: Packet) {
        self.chunks.push_front(Received::new(index, Chunk::from(vec![packet])));
        self.len += 1;
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
            self.ports[port].push_front(index, packet);
        }
    }

    /// Whether any packet waits on any inport.
    pub(crate) fn is_empty(&self) -> bool {
        self.ports.iter().all(|p| p.len == 0)
    }

    /// Takes the oldest packet on `name`; with `data_only`, only a data
    /// packet (a bracket at the front stays).
    #[inline(always)]
    pub(crate) fn pop(&mut self, name: &str, data_only: bool) -> Option<(Option<usize>, Packet)> {
        let (port, q) = self.ports.iter_mut().enumerate().find(|(_, q)| same_name(&q.name, name))?;
        if data_only && !matches!(q.front(), Some(Packet::Data(_))) {
            return None;
        }
        if self.remember {
            // Recorded from the front before it is popped, so that the
            // popped packet goes straight to the caller.
            hold(&mut self.in_hand, port, q.front_indexed());
        }
        q.pop()
    }

    /// Takes what is left of the oldest chunk on `name`. All of it is in hand.
    #[inline]
    pub(crate) fn pop_chunk(&mut self, name: &str) -> Option<Chunk> {
        let port = self.position(name)?;
        let (index, chunk) = self.ports[port].pop_chunk()?;
        if self.remember {
            self.in_hand.clear();
            self.in_hand.extend(chunk.iter().map(|p| (port, index, p.clone())));
        }
        Some(chunk)
    }

    /// Takes every packet waiting on `name`, oldest first. All of them are in hand.
    #[inline]
    pub(crate) fn drain(&mut self, name: &str) -> Vec<Packet> {
        let Some(port) = self.position(name) else { return Vec::new() };
        let q = &mut self.ports[port];
        q.len = 0;
        if !self.remember {
            return q.chunks.drain(..).flat_map(|c| c.packets).collect();
        }
        self.in_hand.clear();
        let mut taken = Vec::new();
        for chunk in q.chunks.drain(..) {
            for p in chunk.packets {
                self.in_hand.push((port, chunk.index, p.clone()));
                taken.push(p);
            }
        }
        taken
    }

    #[inline]
    fn position(&self, name: &str) -> Option<usize> {
        self.ports.iter().position(|p| same_name(&p.name, name))
    }

    pub(crate) fn port_name(&self, port: usize) -> &str {
        &self.ports[port].name
    }

    /// Appends `chunks` to `port`'s queue; returns how many packets and
    /// how many (non-empty) chunks they were.
    #[inline]
    pub(crate) fn push_chunks(&mut self, port: usize, index: Option<usize>, chunks: impl Iterator<Item = Chunk>) -> (usize, usize) {
        let queue = &mut self.ports[port];
        let (mut n, mut c) = (0, 0);
        for chunk in chunks {
            if !chunk.is_empty() {
                n += chunk.len();
                c += 1;
                queue.chunks.push_back(Received::new(index, chunk));
            }
        }
        queue.len += n;
        (n, c)
    }

    #[inline]
    pub(crate) fn queue(&self, name: &str) -> Option<&PortQueue> {
        self.ports.iter().find(|p| same_name(&p.name, name))
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
fn hold(in_hand: &mut Vec<(usize, Option<usize>, Packet)>, port: usize, front: Option<(Option<usize>, &Packet)>) {
    if let Some((index, packet)) = front {
        in_hand.clear();
        in_hand.push((port, index, packet.clone()));
    }
}

/// Port-name equality (this is on the per-packet path). Port names are
/// short, so the bytes are compared in a loop here rather than by a call
/// to `memcmp`, which cost more than the comparison itself.
#[inline(always)]
pub(crate) fn same_name(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Value;

    fn data(i: i64) -> Packet {
        Packet::Data(Value::Int(i))
    }

    fn ints(packets: &[Packet]) -> Vec<i64> {
        packets.iter().map(|p| p.data().and_then(Value::as_i64).expect("an int")).collect()
    }

    fn buffer() -> InputBuffer {
        let mut b = InputBuffer::new(["in".into(), "opt".into()]);
        b.push_chunks(0, None, [vec![data(1), data(2), data(3)], vec![], vec![data(4)]].into_iter().map(Chunk::from));
        b
    }

    #[test]
    fn chunks_are_read_in_place_in_order_and_counted() {
        let mut b = buffer();
        assert_eq!(b.queue("in").map(PortQueue::len), Some(4));
        assert_eq!(b.pop("in", false).map(|(_, p)| p), Some(data(1)));
        // What is left of the first chunk, then the next one.
        assert_eq!(ints(&b.pop_chunk("in").unwrap()), [2, 3]);
        assert_eq!(ints(&b.drain("in")), [4]);
        assert!(b.is_empty());
        assert_eq!(b.pop("opt", false), None);
        assert_eq!(b.pop("nope", false), None);
    }

    #[test]
    fn data_only_leaves_a_bracket_at_the_front() {
        let mut b = InputBuffer::new(["in".into()]);
        b.push_chunks(0, Some(2), [vec![Packet::OpenBracket(None), data(7)]].into_iter().map(Chunk::from));
        assert_eq!(b.pop("in", true), None);
        assert_eq!(b.pop("in", false), Some((Some(2), Packet::OpenBracket(None))));
        assert_eq!(b.pop("in", true), Some((Some(2), data(7))));
    }

    #[test]
    fn the_packets_in_hand_go_back_to_the_front_in_their_order() {
        let mut b = buffer();
        b.remember_in_hand();
        b.begin_activation();
        // A take: only the packet it returned is in hand.
        b.pop("in", false);
        b.pop("in", false);
        b.requeue_in_hand();
        assert_eq!(b.pop("in", false).map(|(_, p)| p), Some(data(2)));
        // A chunk taken whole is in hand whole.
        b.begin_activation();
        assert_eq!(ints(&b.pop_chunk("in").unwrap()), [3]);
        assert_eq!(ints(&b.pop_chunk("in").unwrap()), [4]);
        b.requeue_in_hand();
        assert_eq!(ints(&b.drain("in")), [4]);
        b.requeue_in_hand();
        assert_eq!(ints(&b.drain("in")), [4]);
        // A new activation forgets what the last one had in hand.
        b.begin_activation();
        b.requeue_in_hand();
        assert!(b.is_empty());
    }

    #[test]
    fn without_remembering_nothing_is_kept_in_hand() {
        let mut b = buffer();
        b.pop("in", false);
        b.drain("in");
        b.requeue_in_hand();
        assert!(b.is_empty());
    }
}
