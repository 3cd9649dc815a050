use std::sync::Arc;

use super::OutPort;
use crate::Packet;
use crate::wire::{Activity, PacketCount, Target};

fn port(capacity: usize) -> (OutPort, flume::Receiver<Packet>, Arc<PacketCount>) {
    let (tx, rx) = flume::bounded(capacity);
    let sent = Arc::new(PacketCount::default());
    let out = OutPort::new("out".into(), vec![Target::new(tx, None, sent.clone(), Activity::off())]);
    (out, rx, sent)
}

fn data(p: Packet) -> i64 {
    p.into_data().and_then(|v| v.as_i64()).unwrap()
}

#[test]
fn try_send_or_queue_keeps_what_does_not_fit() {
    let (out, rx, sent) = port(1);
    assert_eq!(out.try_send_or_queue(Packet::Data(1.into())), 0);
    assert_eq!(out.try_send_or_queue(Packet::Data(2.into())), 1);
    assert_eq!(out.try_send_or_queue(Packet::Data(3.into())), 1);
    assert_eq!(out.backlog_len(), 2);
    assert_eq!(sent.get(), 3, "queued packets count as sent (in flight)");
    // Room frees up, but a later packet must not overtake the backlog.
    assert_eq!(data(rx.try_recv().unwrap()), 1);
    assert_eq!(out.try_send_or_queue(Packet::Data(4.into())), 1);
    assert!(rx.try_recv().is_err());

    let receiver = std::thread::spawn(move || (0..3).map(|_| data(rx.recv().unwrap())).collect::<Vec<_>>());
    block_on(out.flush_backlog());
    assert_eq!(out.backlog_len(), 0);
    assert_eq!(receiver.join().unwrap(), [2, 3, 4]);
}

#[test]
fn a_closed_connection_drops_queued_packets() {
    let (out, rx, sent) = port(1);
    out.try_send_or_queue(Packet::Data(1.into()));
    out.try_send_or_queue(Packet::Data(2.into()));
    drop(rx);
    block_on(out.flush_backlog());
    assert_eq!(out.backlog_len(), 0);
    assert_eq!(sent.get(), 1, "the undelivered packet is uncounted");
}

#[test]
fn a_backlog_dropped_with_its_port_is_no_longer_in_flight() {
    let activity = Activity::on();
    let (tx, rx) = flume::bounded(1);
    let sent = Arc::new(PacketCount::default());
    let target = Target::new(tx, None, sent.clone(), activity.clone());
    let out = OutPort::new("out".into(), vec![target]);
    out.try_send_or_queue(Packet::Data(1.into()));
    out.try_send_or_queue(Packet::Data(2.into()));
    // The owning process ended before delivering its backlog.
    drop(out);
    assert_eq!(data(rx.try_recv().unwrap()), 1);
    activity.end(1); // the receiving process handled packet 1
    let waker = futures::task::noop_waker();
    let idle = activity.poll_idle(&mut std::task::Context::from_waker(&waker)).is_ready();
    assert!(idle, "the dropped packet 2 still counts as in flight");
    assert_eq!(sent.get(), 1);
}

fn block_on<F: std::future::Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(f)
}
