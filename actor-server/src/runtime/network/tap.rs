//! The runtime's [`EdgeObserver`]: samples packets for `network:data`
//! under the rate policy of the [module docs](super).

use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};

use actor_core::Packet;
use actor_core::network::EdgeObserver;

use super::SAMPLES_PER_FLUSH;

/// One connection's sample count in the current window, alone on its
/// cache line (connections are sent on by different worker threads).
#[derive(Debug, Default)]
#[repr(align(128))]
struct Budget(AtomicU32);

/// Samples at most [`SAMPLES_PER_FLUSH`] packets per connection between
/// two [`EdgeTap::next_window`] calls into a bounded queue.
#[derive(Debug)]
pub(crate) struct EdgeTap {
    budgets: Box<[Budget]>,
    tx: flume::Sender<(usize, Packet)>,
    /// Samples taken so far (written only when a packet is sampled).
    sampled: AtomicU64,
}

impl EdgeTap {
    /// A tap for `connections` connections, and the receiver of its samples.
    pub(crate) fn new(connections: usize) -> (Self, flume::Receiver<(usize, Packet)>) {
        // Room for every sample of one window: a sample is dropped only
        // when the flush task falls a whole window behind.
        let (tx, rx) = flume::bounded((connections.max(1)) * SAMPLES_PER_FLUSH as usize);
        let budgets = (0..connections).map(|_| Budget::default()).collect();
        (Self { budgets, tx, sampled: AtomicU64::new(0) }, rx)
    }

    /// How many packets were sampled so far.
    pub(crate) fn sampled(&self) -> u64 {
        self.sampled.load(Ordering::Relaxed)
    }

    /// Opens the next sampling window.
    pub(crate) fn next_window(&self) {
        for b in self.budgets.iter() {
            if b.0.load(Ordering::Relaxed) != 0 {
                b.0.store(0, Ordering::Relaxed);
            }
        }
    }
}

impl EdgeObserver for EdgeTap {
    #[inline]
    fn packet(&self, connection: usize, packet: &Packet) {
        let Some(b) = self.budgets.get(connection) else { return };
        // A load first: past the budget, a packet costs no write.
        if b.0.load(Ordering::Relaxed) < SAMPLES_PER_FLUSH {
            b.0.fetch_add(1, Ordering::Relaxed);
            self.sampled.fetch_add(1, Ordering::Relaxed);
            let _ = self.tx.try_send((connection, packet.clone()));
        }
    }

    #[inline]
    fn wants(&self, connection: usize) -> bool {
        self.budgets.get(connection).is_some_and(|b| b.0.load(Ordering::Relaxed) < SAMPLES_PER_FLUSH)
    }

    /// One look at the budget per chunk: past it, a chunk costs one load.
    #[inline]
    fn packets(&self, connection: usize, packets: &[Packet]) {
        let Some(b) = self.budgets.get(connection) else { return };
        let left = SAMPLES_PER_FLUSH.saturating_sub(b.0.load(Ordering::Relaxed)) as usize;
        for p in &packets[..left.min(packets.len())] {
            self.packet(connection, p);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn samples_at_most_the_budget_per_window_and_per_connection() {
        let (tap, rx) = EdgeTap::new(2);
        for i in 0..100 {
            tap.packet(0, &Packet::from(i));
        }
        tap.packet(1, &Packet::from("b"));
        let got: Vec<(usize, Packet)> = rx.try_iter().collect();
        assert_eq!(got.len(), SAMPLES_PER_FLUSH as usize + 1);
        assert_eq!(got[0], (0, Packet::from(0)));
        assert_eq!(got[SAMPLES_PER_FLUSH as usize - 1], (0, Packet::from(SAMPLES_PER_FLUSH as i64 - 1)));
        assert_eq!(got.last(), Some(&(1, Packet::from("b"))));
        // Nothing more until the next window.
        tap.packet(0, &Packet::from(1000));
        assert!(rx.try_recv().is_err());
        tap.next_window();
        tap.packet(0, &Packet::from(1001));
        assert_eq!(rx.try_recv().ok(), Some((0, Packet::from(1001))));
        // An index out of range is ignored rather than a panic.
        tap.packet(7, &Packet::from(1));
        tap.packets(7, &[Packet::from(1)]);

        // A chunk is sampled up to what is left of the budget, in order.
        tap.next_window();
        let _ = rx.try_iter().count();
        tap.packet(1, &Packet::from(-1));
        let chunk: Vec<Packet> = (0..100).map(Packet::from).collect();
        tap.packets(1, &chunk);
        tap.packets(1, &chunk);
        let got: Vec<Packet> = rx.try_iter().map(|(c, p)| {
            assert_eq!(c, 1);
            p
        }).collect();
        let expected: Vec<Packet> = std::iter::once(Packet::from(-1)).chain((0..SAMPLES_PER_FLUSH as i64 - 1).map(Packet::from)).collect();
        assert_eq!(got, expected);
    }
}
