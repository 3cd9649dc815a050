use std::future::Future as _;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context, Poll, Wake, Waker};

use super::{CHUNK, Disconnected, RecvSlot, TryRecvError, TrySendError, bounded};
use crate::Packet;
use crate::message::{Chunk, WEIGHT_UNIT};

fn p(i: i64) -> Packet {
    Packet::Data(i.into())
}

fn n(p: Packet) -> i64 {
    p.into_data().and_then(|v| v.as_i64()).unwrap()
}

fn chunk(range: std::ops::Range<i64>) -> Chunk {
    range.map(p).collect()
}

/// (receivers waiting, senders waiting)
fn waiters(rx: &super::Receiver) -> (usize, usize) {
    let s = rx.chan.state.lock();
    let count = |w: &super::Waiters| usize::from(w.first.is_some()) + w.rest.len();
    (count(&s.recv_waiting), count(&s.send_waiting))
}

/// Every packet waiting, chunk by chunk.
fn drain(rx: &super::Receiver) -> Vec<Vec<i64>> {
    let mut got = Vec::new();
    let _ = rx.try_recv_chunks(usize::MAX, |c| got.push(c.into_iter().map(n).collect()));
    got
}

#[test]
fn capacity_is_counted_in_packets_and_chunks_move_whole() {
    let (tx, rx) = bounded(5);
    tx.try_send_chunk(chunk(0..3)).unwrap();
    match tx.try_send_chunk(chunk(3..6)) {
        Err(TrySendError::Full(c)) => assert_eq!(c.len(), 3, "a chunk that does not fit stays whole with the sender"),
        other => panic!("expected Full, got {other:?}"),
    }
    tx.try_send(p(3)).unwrap();
    tx.try_send(p(4)).unwrap();
    assert!(matches!(tx.try_send(p(5)), Err(TrySendError::Full(_))));
    assert_eq!(drain(&rx), [vec![0, 1, 2, 3, 4]], "single packets join the last chunk queued");
    assert!(rx.is_empty());
}

#[test]
fn a_chunk_longer_than_the_capacity_moves_in_pieces() {
    let (tx, rx) = bounded(2);
    let got = std::thread::spawn(move || {
        let mut got = Vec::new();
        block_on(async {
            while let Some(x) = rx.recv().await {
                got.push(n(x));
            }
        });
        got
    });
    let mut c = chunk(0..7);
    block_on(tx.send_chunk(&mut c)).unwrap();
    assert!(c.is_empty());
    drop(tx);
    assert_eq!(got.join().unwrap(), (0..7).collect::<Vec<_>>());
}

#[test]
fn single_packets_start_a_new_chunk_after_chunk_packets() {
    let (tx, rx) = bounded(3 * CHUNK);
    for i in 0..(CHUNK as i64 + 1) {
        tx.try_send(p(i)).unwrap();
    }
    let sizes: Vec<usize> = drain(&rx).iter().map(Vec::len).collect();
    assert_eq!(sizes, [CHUNK, 1]);
}

#[test]
fn the_receiver_takes_chunks_up_to_max_packets_but_at_least_one() {
    let (tx, rx) = bounded(100);
    for c in [chunk(0..3), chunk(3..8), chunk(8..10)] {
        tx.try_send_chunk(c).unwrap();
    }
    let mut sizes = Vec::new();
    assert_eq!(rx.try_recv_chunks(2, |c| sizes.push(c.len())), Ok(3), "one chunk even if longer than max");
    assert_eq!(rx.try_recv_chunks(7, |c| sizes.push(c.len())), Ok(7));
    assert_eq!(sizes, [3, 5, 2]);
    assert_eq!(rx.try_recv_chunks(7, |_| {}), Ok(0));
}

#[test]
fn try_recv_takes_one_packet_in_order() {
    let (tx, rx) = bounded(10);
    tx.try_send_chunk(chunk(0..2)).unwrap();
    tx.try_send_chunk(chunk(2..3)).unwrap();
    let got: Vec<i64> = (0..3).map(|_| n(rx.try_recv().unwrap())).collect();
    assert_eq!(got, [0, 1, 2]);
    assert_eq!(rx.try_recv().unwrap_err(), TryRecvError::Empty);
}

#[test]
fn the_channel_ends_when_the_last_sender_goes_and_the_queue_is_empty() {
    let (tx, rx) = bounded(4);
    let tx2 = tx.clone();
    assert_eq!(tx.sender_count(), 2);
    tx.try_send(p(1)).unwrap();
    drop(tx);
    drop(tx2);
    assert_eq!(n(rx.try_recv().unwrap()), 1, "packets sent before the end are still received");
    assert_eq!(rx.try_recv().unwrap_err(), TryRecvError::Disconnected);
    assert_eq!(rx.try_recv_chunks(8, |_| {}), Err(Disconnected));
}

#[test]
fn sending_to_a_dropped_receiver_hands_the_packets_back() {
    let (tx, rx) = bounded(4);
    drop(rx);
    assert!(matches!(tx.try_send(p(1)), Err(TrySendError::Disconnected(_))));
    assert!(matches!(tx.try_send_chunk(chunk(0..3)), Err(TrySendError::Disconnected(c)) if c.len() == 3));
    assert_eq!(block_on(tx.send(p(7))).map_err(n), Err(7));
    let mut c = chunk(0..2);
    assert_eq!(block_on(tx.send_chunk(&mut c)), Err(Disconnected));
    assert_eq!(c.len(), 2);
}

#[test]
fn a_waiting_receiver_is_woken_by_a_send_and_by_the_end() {
    let (tx, rx) = bounded(2);
    let (waker, woken) = counting_waker();
    let mut cx = Context::from_waker(&waker);
    let mut slot = RecvSlot::default();
    assert_eq!(rx.poll_recv_chunks(&mut slot, &mut cx, 8, |_| {}), Poll::Pending);
    assert_eq!(rx.poll_recv_chunks(&mut slot, &mut cx, 8, |_| {}), Poll::Pending);
    assert_eq!(waiters(&rx), (1, 0), "polling again replaces the registration");
    tx.try_send(p(1)).unwrap();
    assert_eq!(woken.load(Ordering::SeqCst), 1);
    assert_eq!(rx.poll_recv_chunks(&mut slot, &mut cx, 8, |_| {}), Poll::Ready(Some(1)));
    assert_eq!(rx.poll_recv_chunks(&mut slot, &mut cx, 8, |_| {}), Poll::Pending);
    drop(tx);
    assert_eq!(woken.load(Ordering::SeqCst), 2);
    assert_eq!(rx.poll_recv_chunks(&mut slot, &mut cx, 8, |_| {}), Poll::Ready(None));
}

#[test]
fn a_dropped_recv_future_leaves_no_registration() {
    let (_tx, rx) = bounded(2);
    let waker = futures::task::noop_waker();
    let mut cx = Context::from_waker(&waker);
    for _ in 0..100 {
        let mut fut = Box::pin(rx.recv());
        assert!(fut.as_mut().poll(&mut cx).is_pending());
    }
    assert_eq!(waiters(&rx), (0, 0));
}

#[test]
fn a_full_sender_parks_its_chunk_and_the_receiver_moves_it_in() {
    let (tx, rx) = bounded(3);
    let (waker, woken) = counting_waker();
    let mut cx = Context::from_waker(&waker);
    tx.try_send_chunk(chunk(0..2)).unwrap();
    let mut c = chunk(2..4);
    let mut fut = Box::pin(tx.send_chunk(&mut c));
    assert!(fut.as_mut().poll(&mut cx).is_pending());
    assert_eq!(drain(&rx), [vec![0, 1]], "what was queued comes first");
    assert_eq!(woken.load(Ordering::SeqCst), 1, "the parked sender is told its chunk moved");
    assert_eq!(fut.as_mut().poll(&mut cx), Poll::Ready(Ok(())));
    drop(fut);
    assert!(c.is_empty());
    assert_eq!(drain(&rx), [vec![2, 3]], "the parked chunk was queued by the receiver");
    assert_eq!(waiters(&rx), (0, 0));
}

#[test]
fn a_cancelled_send_takes_its_parked_chunk_back() {
    let (tx, rx) = bounded(3);
    let waker = futures::task::noop_waker();
    let mut cx = Context::from_waker(&waker);
    tx.try_send_chunk(chunk(0..2)).unwrap();
    let mut c = chunk(2..4);
    {
        let mut fut = Box::pin(tx.send_chunk(&mut c));
        assert!(fut.as_mut().poll(&mut cx).is_pending());
    }
    assert_eq!(c.into_iter().map(n).collect::<Vec<_>>(), [2, 3], "nothing was delivered");
    assert_eq!(drain(&rx), [vec![0, 1]], "and nothing is left parked");
    assert!(rx.is_empty());
}

#[test]
fn a_parked_chunk_comes_back_when_the_receiver_goes() {
    let (tx, rx) = bounded(2);
    let (waker, woken) = counting_waker();
    let mut cx = Context::from_waker(&waker);
    tx.try_send_chunk(chunk(0..2)).unwrap();
    let mut c = chunk(2..4);
    let mut fut = Box::pin(tx.send_chunk(&mut c));
    assert!(fut.as_mut().poll(&mut cx).is_pending());
    drop(rx);
    assert_eq!(woken.load(Ordering::SeqCst), 1);
    assert_eq!(fut.as_mut().poll(&mut cx), Poll::Ready(Err(Disconnected)));
    drop(fut);
    assert_eq!(c.len(), 2, "the undelivered packets are handed back");
}

#[test]
fn chunks_from_two_senders_arrive_complete_and_each_in_order() {
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).build().unwrap();
    const PER_SENDER: i64 = 20_000;
    let (tx, rx) = bounded(16);
    let senders: Vec<_> = (0..2)
        .map(|s| {
            let tx = tx.clone();
            rt.spawn(async move {
                let mut next = 0;
                while next < PER_SENDER {
                    // Chunks of 1 to 13 packets, and single packets between them.
                    let end = (next + 1 + next % 13).min(PER_SENDER);
                    let mut c: Chunk = (next..end).map(|i| p(s * PER_SENDER + i)).collect();
                    tx.send_chunk(&mut c).await.unwrap();
                    next = end;
                    if next < PER_SENDER {
                        tx.send(p(s * PER_SENDER + next)).await.unwrap();
                        next += 1;
                    }
                }
            })
        })
        .collect();
    drop(tx);
    let got = rt.block_on(async {
        let mut got = Vec::new();
        let mut slot = RecvSlot::default();
        loop {
            let next = std::future::poll_fn(|cx| rx.poll_recv_chunks(&mut slot, cx, 32, |c| got.extend(c.into_iter().map(n))));
            if next.await.is_none() {
                break;
            }
        }
        got
    });
    for s in senders {
        rt.block_on(s).unwrap();
    }
    assert_eq!(got.len() as i64, 2 * PER_SENDER);
    for s in 0..2 {
        let mine: Vec<i64> = got.iter().copied().filter(|x| x / PER_SENDER == s).collect();
        assert_eq!(mine, (s * PER_SENDER..(s + 1) * PER_SENDER).collect::<Vec<_>>());
    }
}

fn counting_waker() -> (Waker, Arc<AtomicUsize>) {
    struct Count(Arc<AtomicUsize>);
    impl Wake for Count {
        fn wake(self: Arc<Self>) {
            self.0.fetch_add(1, Ordering::SeqCst);
        }
    }
    let n = Arc::new(AtomicUsize::new(0));
    (Arc::new(Count(n.clone())).into(), n)
}

fn block_on<F: std::future::Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(f)
}

fn text(len: usize) -> Packet {
    Packet::Data(crate::Value::from("x".repeat(len)))
}

#[test]
fn a_long_string_weighs_one_more_packet_per_unit() {
    assert_eq!(Packet::weight(&p(1)), 1);
    assert_eq!(Packet::weight(&text(20)), 1, "an inline string");
    assert_eq!(Packet::weight(&text(WEIGHT_UNIT - 1)), 1);
    assert_eq!(Packet::weight(&text(WEIGHT_UNIT)), 2);
    assert_eq!(Packet::weight(&text(10 * WEIGHT_UNIT + 5)), 11);
    assert_eq!(Packet::weight(&Packet::Data(crate::Value::from(vec![0u8; 3 * WEIGHT_UNIT]))), 4, "bytes");
    assert_eq!(Packet::weight(&Packet::OpenBracket(Some(crate::Value::from("y".repeat(WEIGHT_UNIT))))), 2, "a bracket's data");
    assert_eq!(Packet::weight(&Packet::CloseBracket(None)), 1);
    let big_array = crate::Value::array((0..10_000).map(crate::Value::from));
    assert_eq!(Packet::weight(&Packet::Data(big_array)), 1, "arrays and objects count as one");
}

#[test]
fn heavy_packets_fill_the_capacity_sooner() {
    let unit = WEIGHT_UNIT;
    let (tx, rx) = bounded(8);
    tx.try_send(text(3 * unit)).unwrap(); // weighs 4
    tx.try_send(text(2 * unit)).unwrap(); // weighs 3: 7 in all
    assert!(matches!(tx.try_send(text(unit)), Err(TrySendError::Full(_))), "weighs 2: over 8");
    tx.try_send(p(1)).unwrap(); // 8
    assert!(matches!(tx.try_send(p(2)), Err(TrySendError::Full(_))));
    assert_eq!(rx.try_recv().map(|p| p.into_data().and_then(|v| v.as_str().map(str::len))), Ok(Some(3 * unit)));
    // 4 were freed: a weight of 2, then two of 1, fit again.
    tx.try_send(text(unit)).unwrap();
    tx.try_send(p(3)).unwrap();
    tx.try_send(p(4)).unwrap();
    assert!(matches!(tx.try_send(p(5)), Err(TrySendError::Full(_))));
}

#[test]
fn a_packet_heavier_than_the_capacity_goes_alone_into_an_empty_queue() {
    let unit = WEIGHT_UNIT;
    let (tx, rx) = bounded(4);
    tx.try_send(p(0)).unwrap();
    assert!(matches!(tx.try_send(text(10 * unit)), Err(TrySendError::Full(_))), "not beside another packet");
    assert_eq!(drain(&rx), [vec![0]]);
    tx.try_send(text(10 * unit)).unwrap();
    assert!(matches!(tx.try_send(p(1)), Err(TrySendError::Full(_))), "nothing beside it");
    // A chunk of heavy packets moves one piece at a time, in order.
    let heavy: Chunk = (0..3).map(|i| text((i + 5) * unit)).collect();
    let got = std::thread::spawn(move || {
        let mut lens = Vec::new();
        block_on(async {
            while let Some(x) = rx.recv().await {
                lens.push(x.into_data().and_then(|v| v.as_str().map(str::len)).unwrap());
            }
        });
        lens
    });
    let mut heavy = heavy;
    block_on(tx.send_chunk(&mut heavy)).unwrap();
    assert!(heavy.is_empty());
    drop(tx);
    assert_eq!(got.join().unwrap(), [10 * unit, 5 * unit, 6 * unit, 7 * unit]);
}
