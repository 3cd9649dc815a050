//! SharedSlotBuffer across threads, its notifier and its memory view.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use actor_core::reactive::{ReactiveGraph, SharedSlotBuffer};

fn assert_send_sync<T: Send + Sync>() {}

#[test]
fn handles_are_send_and_sync() {
    assert_send_sync::<ReactiveGraph>();
    assert_send_sync::<actor_core::Signal<String>>();
    assert_send_sync::<actor_core::Derived<Vec<u8>>>();
    assert_send_sync::<actor_core::Effect>();
    assert_send_sync::<actor_core::Repeater>();
    assert_send_sync::<SharedSlotBuffer<f64>>();
    assert_send_sync::<SharedSlotBuffer<u8>>();
    assert_send_sync::<actor_core::LiveMemoryState>();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_buffer_read_and_written_from_two_worker_threads() {
    const N: i64 = 2_000;
    let graph = ReactiveGraph::new();
    let buf = SharedSlotBuffer::<i64>::new(&graph, 2);
    let sum = graph.derived({ let b = buf.clone(); move || b.get(0) + b.get(1) });
    let effect_runs = Arc::new(AtomicUsize::new(0));
    let last_seen = Arc::new(std::sync::Mutex::new(0_i64));
    let _effect = graph.effect({
        let (sum, runs, last) = (sum.clone(), effect_runs.clone(), last_seen.clone());
        move || {
            *last.lock().unwrap() = sum.get();
            runs.fetch_add(1, Ordering::Relaxed);
        }
    });
    let wakes = Arc::new(AtomicUsize::new(0));
    buf.set_notifier({ let w = wakes.clone(); move || { w.fetch_add(1, Ordering::Relaxed); } });

    // Each task writes its own slot 1..=N and reads the other's, which
    // must never go backwards; it records the thread it ran on.
    let task = |mine: usize| {
        let buf = buf.clone();
        tokio::spawn(async move {
            let mut threads = std::collections::HashSet::new();
            let mut other_last = 0;
            for v in 1..=N {
                buf.set(mine, v);
                let other = buf.peek(1 - mine);
                assert!(other >= other_last, "slot {} went back from {other_last} to {other}", 1 - mine);
                other_last = other;
                threads.insert(std::thread::current().id());
                if v % 64 == 0 {
                    tokio::task::yield_now().await;
                }
            }
            threads
        })
    };
    let (a, b) = (task(0), task(1));
    let (ta, tb) = (a.await.unwrap(), b.await.unwrap());
    assert!(ta.len() + tb.len() >= 2);

    assert_eq!(buf.to_vec(), [N, N]);
    assert_eq!(sum.get(), 2 * N);
    assert_eq!(*last_seen.lock().unwrap(), 2 * N, "the effect saw the final state");
    // At most one run at creation plus one per change. Fewer is allowed: a
    // slot's value is visible to readers as soon as it is stored, just
    // before the writer marks the graph, so a run on the other thread may
    // already see it and the marking then finds the sum unchanged.
    let runs = effect_runs.load(Ordering::Relaxed);
    assert!((2..=1 + 2 * N as usize).contains(&runs), "{runs} effect runs");
    assert_eq!(buf.take_dirty(), [0, 1]);
    assert!(wakes.load(Ordering::Relaxed) >= 1);
    assert!(wakes.load(Ordering::Relaxed) <= 2 * N as usize);
}

#[test]
fn the_notifier_wakes_once_per_batch() {
    let graph = ReactiveGraph::new();
    let buf = SharedSlotBuffer::<u32>::new(&graph, 100);
    let wakes = Arc::new(AtomicUsize::new(0));
    buf.set_notifier({ let w = wakes.clone(); move || { w.fetch_add(1, Ordering::Relaxed); } });
    assert_eq!(buf.set_batch((0..100).map(|i| (i, i as u32 + 1))), 100);
    assert_eq!(wakes.load(Ordering::Relaxed), 1);
    assert_eq!(buf.take_dirty(), (0..100).collect::<Vec<_>>());
    graph.batch(|| {
        buf.set(3, 7);
        buf.set(70, 9);
        buf.set(70, 9); // unchanged
    });
    assert_eq!(wakes.load(Ordering::Relaxed), 2);
    assert_eq!(buf.take_dirty(), [3, 70]);
    buf.set(3, 7); // unchanged: no wake
    assert_eq!(wakes.load(Ordering::Relaxed), 2);
    buf.set(5, 1);
    assert_eq!(wakes.load(Ordering::Relaxed), 3);
}

#[test]
fn the_memory_is_a_plain_array_of_the_element_type() {
    let graph = ReactiveGraph::new();
    let values = [1.5_f64, -2.0, f64::INFINITY];
    let buf = SharedSlotBuffer::from_values(&graph, &values);
    assert_eq!(buf.byte_len(), 3 * 8);
    assert_eq!(buf.as_ptr() as usize % align_of::<f64>(), 0);
    // SAFETY: as_ptr is valid for len() elements while the buffer lives.
    let view = unsafe { std::slice::from_raw_parts(buf.as_ptr(), buf.len()) };
    assert_eq!(view, values);
    let before = buf.as_ptr();
    buf.set(1, 4.25);
    assert_eq!(buf.as_ptr(), before, "the address is stable");
    // SAFETY: as above; the read happens on this thread after the write.
    assert_eq!(unsafe { *buf.as_ptr().add(1) }, 4.25);

    let bytes = SharedSlotBuffer::<u8>::from_values(&graph, &[1, 2, 255]);
    // SAFETY: as above.
    assert_eq!(unsafe { std::slice::from_raw_parts(bytes.as_ptr(), 3) }, [1, 2, 255]);
}

#[test]
fn a_write_through_the_raw_memory_is_seen_after_notify_changed() {
    let graph = ReactiveGraph::new();
    let buf = SharedSlotBuffer::<i64>::new(&graph, 2);
    let doubled = graph.derived({ let b = buf.clone(); move || b.get(1) * 2 });
    assert_eq!(doubled.get(), 0);
    // What JS does through a BigInt64Array view: a plain store.
    // SAFETY: slot 1 is in range, and i64 has the layout of AtomicI64; no
    // other thread touches the buffer.
    unsafe { (buf.as_ptr() as *mut i64).add(1).write(21) };
    assert_eq!(doubled.get(), 0, "the graph has not been told yet");
    buf.notify_changed(1);
    assert_eq!(doubled.get(), 42);
    assert_eq!(buf.take_dirty(), [1]);
}
