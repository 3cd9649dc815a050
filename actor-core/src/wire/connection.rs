//! One connection out of an outport: a sender, its packet counter, its
//! in-flight accounting and its observer tap.

use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use super::activity::Activity;
use super::channel::{Disconnected, Sender};
use super::observe::EdgeObserver;
use super::waits::Waits;
use crate::Packet;
use crate::message::Chunk;

/// A connection's packet counter and observer switch, alone on its cache
/// line (128 bytes covers the adjacent-line prefetch of x86 and the line
/// size of Apple silicon). Counters of different connections are written by
/// different worker threads on every packet; packed next to each other
/// they would share a line and stall each other.
///
/// The observer flag sits on the same line, so an unwatched connection
/// pays one relaxed load per packet on a line it writes anyway.
#[derive(Default)]
#[repr(align(128))]
pub(crate) struct PacketCount {
    sent: AtomicU64,
    watched: AtomicBool,
    /// The connection's index in the network and the observer to tell.
    tap: Option<(usize, Arc<dyn EdgeObserver>)>,
}

impl PacketCount {
    /// A counter whose packets go to `observer`, as connection `index`,
    /// while the connection is watched.
    pub(crate) fn tapped(index: usize, observer: Option<Arc<dyn EdgeObserver>>) -> Self {
        Self { tap: observer.map(|o| (index, o)), ..Self::default() }
    }

    /// Packets sent so far.
    pub(crate) fn get(&self) -> u64 {
        self.sent.load(Ordering::Relaxed)
    }

    /// Starts or stops reporting this connection's packets to its observer.
    pub(crate) fn set_watched(&self, on: bool) {
        self.watched.store(on, Ordering::Relaxed);
    }

    #[inline]
    fn is_watched(&self) -> bool {
        self.watched.load(Ordering::Relaxed)
    }
}

impl fmt::Debug for PacketCount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PacketCount")
            .field("sent", &self.sent)
            .field("watched", &self.watched)
            .field("tapped", &self.tap.is_some())
            .finish()
    }
}

/// One connection out of an outport: a sender into the target inport's
/// channel (every connection into one inport holds a clone of its sender).
#[derive(Debug, Clone)]
pub(crate) struct Target {
    pub(crate) tx: Sender,
    /// The source array index this connection leaves from (`OUT[1]` is 1).
    pub(crate) src_index: Option<usize>,
    count: Arc<PacketCount>,
    /// In-flight accounting for packets on this connection: off for a
    /// connection to an exported outport, whose packets leave the network
    /// (no process will ever receive them).
    activity: Activity,
    /// The network's wait-for graph and this connection's index in it, in
    /// a network with a cycle (deadlock detection); `None` otherwise.
    waits: Option<(Arc<Waits>, usize)>,
}

impl Target {
    /// A connection sending into `tx`, counted by `count` and, for
    /// quiescence, by `activity`.
    pub(crate) fn new(tx: Sender, src_index: Option<usize>, count: Arc<PacketCount>, activity: Activity) -> Self {
        Self { tx, src_index, count, activity, waits: None }
    }

    /// This connection is number `connection` in the wait-for graph `waits`:
    /// its sender's blocked sends are marked there.
    pub(crate) fn with_waits(mut self, waits: Arc<Waits>, connection: usize) -> Self {
        self.waits = Some((waits, connection));
        self
    }

    /// Sends `packet`, waiting while the channel is full; when `owner` (the
    /// send is the sending process's own), the wait is marked in the
    /// wait-for graph. `false` when the receiver has ended.
    pub(crate) async fn send_waiting(&self, packet: Packet, owner: bool) -> bool {
        match &self.waits {
            Some((waits, connection)) if owner => waits.blocked(*connection, self.tx.send(packet)).await.is_ok(),
            _ => self.tx.send(packet).await.is_ok(),
        }
    }

    /// Sends the packets of `chunk` as [`send_waiting`](Self::send_waiting)
    /// sends one (see `channel::Sender::send_chunk`): `chunk` is empty
    /// after `Ok`, and holds what was not delivered after `Err`.
    pub(crate) async fn send_chunk_waiting(&self, chunk: &mut Chunk, owner: bool) -> Result<(), Disconnected> {
        match &self.waits {
            Some((waits, connection)) if owner => waits.blocked(*connection, self.tx.send_chunk(chunk)).await,
            _ => self.tx.send_chunk(chunk).await,
        }
    }

    /// Counts one packet as sent and in flight. Called before the packet
    /// becomes visible to the receiver, so quiescence detection never sees
    /// it received before it was sent.
    #[inline]
    pub(crate) fn count(&self) {
        self.count_n(1);
    }

    /// Counts `n` packets as sent and in flight (a chunk), as [`count`](Self::count) does one.
    #[inline]
    pub(crate) fn count_n(&self, n: usize) {
        self.count.sent.fetch_add(n as u64, Ordering::Relaxed);
        self.activity.begin(n);
    }

    /// Takes back a [`count`](Self::count): the packet was not delivered
    /// (its receiver ended, or the send was cancelled).
    pub(crate) fn uncount(&self) {
        self.uncount_n(1);
    }

    /// Takes back `n` counted packets that were not delivered.
    pub(crate) fn uncount_n(&self, n: usize) {
        self.count.sent.fetch_sub(n as u64, Ordering::Relaxed);
        self.activity.end(n);
    }

    /// Whether the connection is watched and its observer wants the next
    /// packet (see [`EdgeObserver::wants`]).
    #[inline]
    pub(crate) fn wants_packet(&self) -> bool {
        self.count.is_watched() && self.count.tap.as_ref().is_some_and(|(index, observer)| observer.wants(*index))
    }

    /// Reports the packets of a chunk to the connection's observer, if it is watched.
    #[inline]
    pub(crate) fn observe_all(&self, packets: &[Packet]) {
        if self.count.is_watched() {
            if let Some((index, observer)) = &self.count.tap {
                observer.packets(*index, packets);
            }
        }
    }

    /// Reports `packet` to the connection's observer, if it is watched.
    #[inline]
    pub(crate) fn observe(&self, packet: &Packet) {
        if self.count.is_watched() {
            if let Some((index, observer)) = &self.count.tap {
                observer.packet(*index, packet);
            }
        }
    }
}
