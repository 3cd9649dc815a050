use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use super::*;
use crate::wire::channel;
use crate::{Packet, Value};

fn packet(i: i64) -> Packet {
    Packet::Data(Value::Int(i))
}

#[test]
fn find_cycle_starts_at_the_lowest_node_and_ignores_chains_into_it() {
    // 0 -> 2 -> 3 -> 1 -> 2 (cycle 1, 2, 3; 0 leads into it), 4 -> none.
    let next = |p: usize| [Some(2), Some(2), Some(3), Some(1), None][p];
    assert_eq!(find_cycle(5, next), Some(vec![1, 2, 3]));
    let chain = |p: usize| [Some(1), Some(2), None][p];
    assert_eq!(find_cycle(3, chain), None);
    let self_loop = |p: usize| [None, Some(1)][p];
    assert_eq!(find_cycle(2, self_loop), Some(vec![1]));
}

#[test]
fn marks_encode_the_connection_and_zero_is_none() {
    assert_eq!(connection_of(0), None);
    assert_eq!(connection_of(7 << 32 | 1), Some(0));
    assert_eq!(connection_of(u64::from(u32::MAX) << 32 | 5), Some(4));
}

/// Two processes, each sending into the other's full channel of capacity 1:
/// a deadlock. Driven by hand, so every step is deterministic.
#[test]
fn two_full_channels_into_each_other_are_a_confirmed_deadlock() {
    // Connection 0: process 0 -> process 1; connection 1: process 1 -> process 0.
    let waits = Waits::new(2, vec![(0, 1), (1, 0)]);
    let (tx_to_1, rx_1) = channel::bounded(1);
    let (tx_to_0, _rx_0) = channel::bounded(1);
    tx_to_1.try_send(packet(0)).unwrap();
    tx_to_0.try_send(packet(0)).unwrap();
    let mut cx = Context::from_waker(Waker::noop());

    let mut a = pin!(waits.blocked(0, tx_to_1.send(packet(1))));
    assert!(a.as_mut().poll(&mut cx).is_pending());
    assert!(waits.poll_deadlock(&mut cx).is_pending(), "a chain that ends is no deadlock");

    let mut b = pin!(waits.blocked(1, tx_to_0.send(packet(2))));
    assert!(b.as_mut().poll(&mut cx).is_pending());
    let Poll::Ready(d) = waits.poll_deadlock(&mut cx) else { panic!("the cycle is confirmed") };
    assert_eq!(d, Deadlock { cycle: vec![(0, 0), (1, 1)], waiting: vec![] });

    // Process 1 takes a packet: process 0's send gets room, its mark is
    // cleared by the wake, before it runs again.
    assert!(rx_1.try_recv().is_ok());
    assert_eq!(waits.blocked[0].load(Ordering::SeqCst), 0, "the wake cleared the mark");
    assert!(matches!(a.as_mut().poll(&mut cx), Poll::Ready(Ok(()))));
    assert!(waits.poll_deadlock(&mut cx).is_pending());
}

#[test]
fn a_cycle_whose_marks_change_between_the_reads_is_not_confirmed() {
    // 0 -> 1 -> 0 blocked, and 2 blocked on a connection into 0.
    let waits = Waits::new(3, vec![(0, 1), (1, 0), (2, 0)]);
    let first = [5 << 32 | 1, 6 << 32 | 2, 7 << 32 | 3];
    let same = |p: usize| first[p];
    assert_eq!(waits.check(&first, same), Some(Deadlock { cycle: vec![(0, 0), (1, 1)], waiting: vec![(2, 2)] }));
    // Process 1 was woken (and maybe blocked again) between the reads.
    assert_eq!(waits.check(&first, |p| if p == 1 { 0 } else { first[p] }), None);
    assert_eq!(waits.check(&first, |p| if p == 1 { 9 << 32 | 2 } else { first[p] }), None);
    // Only the waiting process changed: the cycle stands, without it.
    assert_eq!(waits.check(&first, |p| if p == 2 { 0 } else { first[p] }), Some(Deadlock { cycle: vec![(0, 0), (1, 1)], waiting: vec![] }));
}

#[test]
fn a_dropped_send_leaves_no_mark() {
    let waits = Waits::new(2, vec![(0, 1)]);
    let (tx, _rx) = channel::bounded(1);
    tx.try_send(packet(0)).unwrap();
    let mut cx = Context::from_waker(Waker::noop());
    {
        let mut a = pin!(waits.blocked(0, tx.send(packet(1))));
        assert!(a.as_mut().poll(&mut cx).is_pending());
        assert_ne!(waits.blocked[0].load(Ordering::SeqCst), 0);
    }
    assert_eq!(waits.blocked[0].load(Ordering::SeqCst), 0);
}
