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
///
/// Packets taken one by one come from `current`, the chunk being read;
/// the chunks behind it wait whole, with their weight, so that
/// `take_chunk` hands one over as it arrived.
#[derive(Debug)]
pub(crate) struct PortQueue {
    name: Arc<str>,
    /// What is left of the chunk being read packet by packet (empty when
    /// none is), and the array index it arrived on. It comes before `chunks`.
    current: std::vec::IntoIter<Packet>,
    current_index: Option<usize>,
    /// Chunks not read yet, oldest first, with their array index; none is empty.
    chunks: VecDeque<(Option<usize>, Chunk)>,
    /// Packets in `current` and `chunks`.
    len: usize,
    /// Whether any connection, IIP or exported inport feeds this port.
    connected: bool,
}

impl PortQueue {
    fn new(name: Arc<str>) -> Self {
        PortQueue { name, current: std::vec::IntoIter::default(), current_index: None, chunks: VecDeque::new(), len: 0, connected: false }
    }

    /// How many packets wait.
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// The oldest waiting packet.
    pub(crate) fn front(&self) -> Option<&Packet> {
        self.front_indexed().map(|(_, p)| p)
    }

    /// The oldest waiting packet with its array index.
    fn front_indexed(&self) -> Option<(Option<usize>, &Packet)> {
        match self.current.as_slice().first() {
            Some(p) => Some((self.current_index, p)),
            None => self.chunks.front().and_then(|(index, c)| Some((*index, c.first()?))),
        }
    }

    /// Takes the oldest waiting packet, with its array index.
    #[inline(always)]
    fn pop(&mut self) -> Option<(Option<usize>, Packet)> {
        let packet = match self.current.next() {
            Some(packet) => packet,
            None => self.read_next_chunk()?,
        };
        if self.current.len() == 0 {
            // Free the chunk's buffer now, as a chunk taken whole would be.
            self.current = std::vec::IntoIter::default();
        }
        self.len -= 1;
        Some((self.current_index, packet))
    }

    /// Makes the oldest waiting chunk the one read packet by packet and
    /// takes its first packet; `None` when no chunk waits.
    #[inline(never)]
    fn read_next_chunk(&mut self) -> Option<Packet> {
        let (index, chunk) = self.chunks.pop_front()?;
        self.current_index = index;
        let mut packets = chunk.into_vec();
        if packets.len() == 1 {
            // A chunk of one (a request, a reply) is not made the current one.
            return packets.pop();
        }
        self.current = packets.into_iter();
        self.current.next()
    }

    /// Takes what is left of the oldest chunk, with its array index. A
    /// chunk taken whole keeps the weight it arrived with; what is left of
    /// one read in part is weighed again.
    #[inline]
    fn pop_chunk(&mut self) -> Option<(Option<usize>, Chunk)> {
        if self.current.len() > 0 {
            return Some(self.pop_current());
        }
        let (index, chunk) = self.chunks.pop_front()?;
        self.len -= chunk.len();
        Some((index, chunk))
    }

    /// What is left of `current`, as a chunk.
    #[inline(never)]
    fn pop_current(&mut self) -> (Option<usize>, Chunk) {
        let left = std::mem::take(&mut self.current);
        self.len -= left.len();
        // Collecting a `vec::IntoIter` into a `Vec` reuses its allocation.
        (self.current_index, Chunk::from(left.collect::<Vec<_>>()))
    }

    /// Puts `packet` back in front of the oldest waiting packet.
    fn push_front(&mut self, index: Option<usize>, packet: Packet) {
        if self.current.len() > 0 {
            // What is left of the chunk being read waits whole again.
            let rest = std::mem::take(&mut self.current).collect::<Vec<_>>();
            self.chunks.push_front((self.current_index, Chunk::from(rest)));
        }
        self.chunks.push_front((index, Chunk::from(vec![packet])));
        self.len += 1;
    }

    /// Takes every waiting packet, oldest first, with its array index.
    fn drain(&mut self) -> impl Iterator<Item = (Option<usize>, Packet)> + '_ {
        self.len = 0;
        let index = self.current_index;
        let current = std::mem::take(&mut self.current).map(move |p| (index, p));
        current.chain(self.chunks.drain(..).flat_map(|(index, c)| c.into_iter().map(move |p| (index, p))))
    }
}

impl InputBuffer {
    /// One queue per declared inport name, in declaration order.
    pub(crate) fn new(names: impl IntoIterator<Item = Arc<str>>) -> Self {
        Self {
            ports: names
                .into_iter()
                .map(PortQueue::new)
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
        if !self.remember {
            return q.drain().map(|(_, p)| p).collect();
        }
        self.in_hand.clear();
        let mut taken = Vec::new();
        for (index, p) in q.drain() {
            self.in_hand.push((port, index, p.clone()));
            taken.push(p);
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
                queue.chunks.push_back((index, chunk));
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
    fn a_chunk_taken_whole_is_the_chunk_that_arrived_and_keeps_its_weight() {
        let long = Packet::Data(Value::string("x".repeat(3000)));
        let mut b = InputBuffer::new(["in".into()]);
        b.push_chunks(0, None, [vec![data(1), long.clone()], vec![data(2), data(3)]].into_iter().map(Chunk::from));
        let first = b.pop_chunk("in").unwrap();
        assert_eq!((first.len(), first.weight()), (2, 1 + 3));
        // Read one packet of the next chunk, then take the rest of it.
        assert_eq!(b.pop("in", false).map(|(_, p)| p), Some(data(2)));
        let rest = b.pop_chunk("in").unwrap();
        assert_eq!((ints(&rest), rest.weight()), (vec![3], 1));
        assert!(b.is_empty());
        assert!(b.pop_chunk("in").is_none());
    }

    #[test]
    fn a_packet_put_back_goes_before_what_is_left_of_the_chunk_being_read() {
        let mut b = buffer();
        b.remember_in_hand();
        b.begin_activation();
        assert_eq!(b.pop("in", false).map(|(_, p)| p), Some(data(1)));
        b.requeue_in_hand();
        assert_eq!(b.queue("in").map(PortQueue::len), Some(4));
        assert_eq!(ints(&b.drain("in")), [1, 2, 3, 4]);
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
