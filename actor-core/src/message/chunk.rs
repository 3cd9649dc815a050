//! [`Chunk`]: packets that travel between two processes together, with
//! their weight against a connection's capacity.

use std::ops::Deref;

use super::{Packet, Value};

/// The bytes of string, bytes or error payload that count as one more
/// packet against a connection's capacity (see [`Packet::weight`]).
pub const WEIGHT_UNIT: usize = 1024;

impl Packet {
    /// How many packets this one counts as against a connection's
    /// capacity: one, plus one per [`WEIGHT_UNIT`] bytes of a string, bytes
    /// or error payload (its own, or its bracket's). A string stored inline
    /// is far shorter than a unit. Arrays and objects count as one,
    /// whatever they hold (weighing them would mean walking them).
    ///
    /// A connection of capacity 1024 therefore holds up to 1024 short
    /// packets, or about 1 MiB of long strings.
    #[inline]
    pub fn weight(&self) -> usize {
        1 + extra_weight(self)
    }
}

/// [`Packet::weight`] less one: zero for all but long payloads.
///
/// This is looked at once per packet made, so its shape is chosen by
/// instruction counts: `Value`'s kind sits in a niche of its string's
/// length byte, and a plain `match` decodes it in about 20 instructions.
/// The first two arms, data packets of a scalar and of an inline string,
/// take about 10 and 16 (callgrind, 6.4 million packets).
#[inline(always)]
fn extra_weight(packet: &Packet) -> usize {
    match packet {
        Packet::Data(Value::Int(_) | Value::Float(_) | Value::Bool(_) | Value::Null) => 0,
        Packet::Data(Value::String(s)) if s.is_inline() => 0,
        Packet::Data(v) | Packet::OpenBracket(Some(v)) | Packet::CloseBracket(Some(v)) => payload_weight(v),
        Packet::OpenBracket(None) | Packet::CloseBracket(None) => 0,
    }
}

/// The units of a value's string, bytes or error payload.
#[inline(always)]
fn payload_weight(value: &Value) -> usize {
    match value {
        Value::Null | Value::Bool(_) | Value::Int(_) | Value::Float(_) | Value::Array(_) | Value::Object(_) => 0,
        Value::String(s) => s.len() / WEIGHT_UNIT,
        Value::Bytes(b) => b.len() / WEIGHT_UNIT,
        Value::Error(e) => e.len() / WEIGHT_UNIT,
    }
}

/// The summed [`Packet::weight`] of `packets`.
#[inline]
pub(crate) fn weight_of(packets: &[Packet]) -> usize {
    let mut extra = 0;
    for packet in packets {
        extra += extra_weight(packet);
    }
    packets.len() + extra
}

/// Packets that travel together, oldest first, each still one IP, with
/// their summed [`Packet::weight`].
///
/// A process receives its input in chunks and can forward a chunk whole
/// ([`ActorRunContext::take_chunk`](crate::ActorRunContext::take_chunk) and
/// [`send_chunk`](crate::ActorRunContext::send_chunk)): it then moves as one
/// pointer, and its weight, computed once when the chunk was made, goes
/// with it, so no packet is looked at again on the way. That is why a
/// `Chunk` gives read-only access to its packets: changing one would make
/// the weight wrong. [`into_vec`](Self::into_vec) hands the packets over
/// to be changed, and [`Chunk::from`] a `Vec` weighs them again.
///
/// # Examples
/// ```
/// use actor_core::message::Chunk;
/// use actor_core::{Packet, Value};
/// let chunk = Chunk::from(vec![Packet::Data(Value::Int(1)), Packet::Data(Value::string("x".repeat(3000)))]);
/// assert_eq!(chunk.len(), 2);
/// assert_eq!(chunk.weight(), 1 + 3);
/// let packets: Vec<Packet> = chunk.into_vec();
/// assert_eq!(packets.len(), 2);
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Chunk {
    packets: Vec<Packet>,
    weight: usize,
}

impl Chunk {
    /// A chunk whose weight the caller knows to be `weight_of(&packets)`
    /// (checked in debug builds).
    #[inline]
    pub(crate) fn weighed(packets: Vec<Packet>, weight: usize) -> Self {
        debug_assert_eq!(weight, weight_of(&packets));
        Chunk { packets, weight }
    }

    /// The summed [`Packet::weight`] of the packets: how many packets the
    /// chunk counts as against a connection's capacity (its length, unless
    /// some payload is 1 KiB or longer).
    #[inline]
    pub fn weight(&self) -> usize {
        self.weight
    }

    /// The packets, to change or keep.
    #[inline]
    pub fn into_vec(self) -> Vec<Packet> {
        self.packets
    }

    /// Splits off the packets from `at` on into a new chunk, given the
    /// weight of the `at` packets kept (checked in debug builds).
    ///
    /// # Panics
    /// If `at` is greater than the length.
    pub(crate) fn split_off(&mut self, at: usize, kept_weight: usize) -> Chunk {
        let rest = self.packets.split_off(at);
        debug_assert_eq!(kept_weight, weight_of(&self.packets));
        let rest = Chunk::weighed(rest, self.weight - kept_weight);
        self.weight = kept_weight;
        rest
    }

    /// A chunk of one packet of weight `weight`, with room to grow.
    #[inline]
    pub(crate) fn single(packet: Packet, weight: usize) -> Self {
        let mut packets = Vec::with_capacity(4);
        packets.push(packet);
        Chunk::weighed(packets, weight)
    }

    /// Appends `packet`, of weight `weight`.
    #[inline]
    pub(crate) fn push(&mut self, packet: Packet, weight: usize) {
        debug_assert_eq!(weight, packet.weight());
        self.packets.push(packet);
        self.weight += weight;
    }

    /// Takes the packets out, leaving an empty chunk.
    #[inline]
    pub(crate) fn take(&mut self) -> Chunk {
        std::mem::take(self)
    }

    /// Removes and returns the first packet, with its weight.
    ///
    /// # Panics
    /// If the chunk is empty.
    pub(crate) fn remove_first(&mut self) -> (Packet, usize) {
        let packet = self.packets.remove(0);
        let weight = packet.weight();
        self.weight -= weight;
        (packet, weight)
    }
}

impl From<Vec<Packet>> for Chunk {
    /// Weighs `packets` (a look at each one's payload kind).
    #[inline]
    fn from(packets: Vec<Packet>) -> Self {
        let weight = weight_of(&packets);
        Chunk { packets, weight }
    }
}

impl From<Chunk> for Vec<Packet> {
    #[inline]
    fn from(chunk: Chunk) -> Self {
        chunk.packets
    }
}

impl FromIterator<Packet> for Chunk {
    fn from_iter<I: IntoIterator<Item = Packet>>(iter: I) -> Self {
        Chunk::from(iter.into_iter().collect::<Vec<_>>())
    }
}

impl Deref for Chunk {
    type Target = [Packet];
    #[inline]
    fn deref(&self) -> &[Packet] {
        &self.packets
    }
}

impl IntoIterator for Chunk {
    type Item = Packet;
    type IntoIter = std::vec::IntoIter<Packet>;
    #[inline]
    fn into_iter(self) -> Self::IntoIter {
        self.packets.into_iter()
    }
}

impl<'a> IntoIterator for &'a Chunk {
    type Item = &'a Packet;
    type IntoIter = std::slice::Iter<'a, Packet>;
    fn into_iter(self) -> Self::IntoIter {
        self.packets.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn long(n: usize) -> Value {
        Value::string("x".repeat(n))
    }

    #[test]
    fn a_packet_weighs_one_plus_one_per_kib_of_payload() {
        assert_eq!(Packet::Data(Value::Int(1)).weight(), 1);
        assert_eq!(Packet::Data(long(1023)).weight(), 1);
        assert_eq!(Packet::Data(long(1024)).weight(), 2);
        assert_eq!(Packet::Data(Value::Bytes(vec![0u8; 4096].into())).weight(), 5);
        assert_eq!(Packet::Data(Value::error("e".repeat(2048))).weight(), 3);
        assert_eq!(Packet::OpenBracket(Some(long(2048))).weight(), 3);
        assert_eq!(Packet::CloseBracket(None).weight(), 1);
        // Arrays count as one, whatever they hold.
        assert_eq!(Packet::Data(Value::Array(vec![long(5000)].into())).weight(), 1);
    }

    #[test]
    fn a_chunk_keeps_its_weight_through_splits_and_removals() {
        let mut chunk = Chunk::from(vec![Packet::Data(long(3000)), Packet::Data(Value::Int(2)), Packet::Data(long(1024))]);
        assert_eq!(chunk.weight(), 3 + 1 + 2);
        let rest = chunk.split_off(1, 3);
        assert_eq!((chunk.weight(), rest.weight()), (3, 3));
        assert_eq!(chunk.clone().remove_first().1, 3);
        let mut rest = rest;
        assert_eq!(rest.remove_first(), (Packet::Data(Value::Int(2)), 1));
        assert_eq!(rest.weight(), 2);
        let taken = rest.take();
        assert_eq!((taken.len(), taken.weight(), rest.len(), rest.weight()), (1, 2, 0, 0));
        let collected: Chunk = taken.into_iter().collect();
        assert_eq!(collected.weight(), 2);
    }
}
