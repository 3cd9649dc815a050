use super::*;

#[test]
fn dirty_flags_cover_every_slot() {
    let g = ReactiveGraph::new();
    let buf = SharedSlotBuffer::<u8>::new(&g, 130);
    assert!(buf.take_dirty().is_empty());
    for i in [0, 63, 64, 127, 129] {
        assert!(buf.set(i, 1));
    }
    assert!(buf.is_dirty(64));
    assert!(!buf.is_dirty(65));
    assert_eq!(buf.take_dirty(), [0, 63, 64, 127, 129]);
    assert!(!buf.is_dirty(64));
}

#[test]
fn set_batch_counts_changes() {
    let g = ReactiveGraph::new();
    let buf = SharedSlotBuffer::from_values(&g, &[1_i64, 2, 3]);
    assert_eq!(buf.set_batch([(0, 1), (1, 5), (2, 6)]), 2);
    assert_eq!(buf.to_vec(), [1, 5, 6]);
}

#[test]
fn floats_compare_bitwise() {
    let g = ReactiveGraph::new();
    let buf = SharedSlotBuffer::<f64>::new(&g, 1);
    assert!(buf.set(0, -0.0), "-0.0 differs from 0.0 bit for bit");
    assert!(!buf.set(0, -0.0));
    assert!(buf.set(0, f64::NAN));
    assert!(!buf.set(0, f64::NAN));
}

#[test]
fn dropping_the_buffer_frees_its_slot_nodes() {
    let g = ReactiveGraph::new();
    let before = g.node_count();
    let buf = SharedSlotBuffer::<u32>::new(&g, 10);
    assert_eq!(g.node_count(), before + 10);
    drop(buf);
    assert_eq!(g.node_count(), before);
}

#[test]
#[should_panic(expected = "out of range")]
fn slot_out_of_range_panics() {
    let g = ReactiveGraph::new();
    SharedSlotBuffer::<u8>::new(&g, 2).slot(2);
}

// ----- raw writes and `commit` -----

use std::sync::atomic::{AtomicUsize, Ordering as AtomicOrdering};
use std::sync::{Arc, Mutex as StdMutex};

use crate::reactive::Repeater;

/// Stores `value` into slot `index` through the raw memory, as a JS view does.
fn raw_write(buf: &SharedSlotBuffer<f64>, index: usize, value: f64) {
    assert!(index < buf.len());
    // SAFETY: the slots are `len` contiguous `AtomicU64`s holding f64 bits
    // (see the type's memory layout), alive while `buf` is.
    let cell = unsafe { &*buf.as_ptr().cast::<AtomicU64>().add(index) };
    cell.store(value.to_bits(), AtomicOrdering::Release);
}

fn runs() -> (Arc<AtomicUsize>, impl Fn() -> usize) {
    let c = Arc::new(AtomicUsize::new(0));
    let read = { let c = c.clone(); move || c.load(AtomicOrdering::Relaxed) };
    (c, read)
}

#[test]
fn a_raw_write_is_read_at_once_but_reaches_the_graph_only_at_commit() {
    let g = ReactiveGraph::new();
    let buf = SharedSlotBuffer::<f64>::new(&g, 2);
    let sum = g.derived({ let b = buf.clone(); move || b.get(0) + b.get(1) });
    let (count, effect_runs) = runs();
    let _e = g.effect({ let (s, c) = (sum.clone(), count.clone()); move || { s.get(); c.fetch_add(1, AtomicOrdering::Relaxed); } });
    assert_eq!(effect_runs(), 1);
    raw_write(&buf, 0, 5.0);
    assert_eq!(buf.peek(0), 5.0, "the memory holds the new value at once");
    assert_eq!(buf.get(0), 5.0);
    assert_eq!(sum.get(), 0.0, "the derived keeps its cached value: the graph was not told");
    assert_eq!(effect_runs(), 1, "no reaction runs before the commit");
    assert!(buf.take_dirty().is_empty());
    assert_eq!(buf.commit(0..2), 1);
    assert_eq!(sum.get(), 5.0);
    assert_eq!(effect_runs(), 2);
    assert_eq!(buf.take_dirty(), [0]);
    assert_eq!(buf.commit(0..2), 0, "nothing new: a second commit reports nothing");
    assert_eq!(effect_runs(), 2);
}

#[test]
fn a_commit_is_one_batch_and_no_reaction_sees_part_of_it() {
    let g = ReactiveGraph::new();
    let buf = SharedSlotBuffer::<f64>::new(&g, 3);
    let seen = Arc::new(StdMutex::new(Vec::new()));
    let _e = g.effect({ let (b, seen) = (buf.clone(), seen.clone());
        move || seen.lock().unwrap().push((b.get(0), b.get(1), b.get(2))) });
    let target = SharedSlotBuffer::<f64>::new(&g, 1);
    let (forwards, forward_count) = runs();
    let _r = Repeater::new(buf.slot(1), target.slot(0));
    let _count_forwards = g.effect({ let (t, c) = (target.clone(), forwards.clone());
        move || { t.get(0); c.fetch_add(1, AtomicOrdering::Relaxed); } });
    let (wakes, wake_count) = runs();
    buf.set_notifier({ let w = wakes.clone(); move || { w.fetch_add(1, AtomicOrdering::Relaxed); } });
    for round in 1..=3 {
        let x = f64::from(round);
        raw_write(&buf, 0, x);
        raw_write(&buf, 1, 10.0 * x);
        raw_write(&buf, 2, 100.0 * x);
        assert_eq!(buf.commit(0..3), 3);
        assert_eq!(target.peek(0), 10.0 * x, "the repeater forwarded the committed value");
    }
    let seen = seen.lock().unwrap().clone();
    assert_eq!(seen, [(0.0, 0.0, 0.0), (1.0, 10.0, 100.0), (2.0, 20.0, 200.0), (3.0, 30.0, 300.0)],
        "the effect ran once per commit and saw every commit whole");
    assert_eq!(forward_count(), 1 + 3, "the repeater forwarded once per commit");
    assert_eq!(wake_count(), 3, "the notifier woke once per commit");
}

#[test]
fn a_commit_reports_only_slots_that_differ_from_what_the_graph_saw() {
    let g = ReactiveGraph::new();
    let buf = SharedSlotBuffer::from_values(&g, &[1.0_f64, 2.0, 3.0, 4.0]);
    let (count, effect_runs) = runs();
    let _e = g.effect({ let (b, c) = (buf.clone(), count.clone()); move || { b.get(3); c.fetch_add(1, AtomicOrdering::Relaxed); } });
    raw_write(&buf, 0, 1.0); // the same value
    raw_write(&buf, 1, 7.0);
    raw_write(&buf, 1, 2.0); // written back before the commit: no change
    raw_write(&buf, 2, -3.0);
    raw_write(&buf, 3, 40.0); // outside the committed range
    assert_eq!(buf.commit(0..3), 1);
    assert_eq!(buf.take_dirty(), [2]);
    assert_eq!(effect_runs(), 1, "slot 3 was not committed");
    assert_eq!(buf.commit(3..4), 1);
    assert_eq!(effect_runs(), 2);
    raw_write(&buf, 0, 0.0);
    assert_eq!(buf.commit(0..1), 1);
    raw_write(&buf, 0, -0.0);
    assert_eq!(buf.commit(0..1), 1, "-0.0 differs from 0.0 bit for bit");
    raw_write(&buf, 0, f64::NAN);
    assert_eq!(buf.commit(0..1), 1);
    raw_write(&buf, 0, f64::NAN);
    assert_eq!(buf.commit(0..1), 0, "the same NaN bits are no change");
}

#[test]
fn set_after_an_uncommitted_raw_write_of_the_same_value_still_notifies() {
    let g = ReactiveGraph::new();
    let buf = SharedSlotBuffer::<f64>::new(&g, 1);
    let (count, effect_runs) = runs();
    let _e = g.effect({ let (b, c) = (buf.clone(), count.clone()); move || { b.get(0); c.fetch_add(1, AtomicOrdering::Relaxed); } });
    raw_write(&buf, 0, 9.0);
    assert!(buf.set(0, 9.0), "the memory held 9 already, but the graph did not know");
    assert_eq!(effect_runs(), 2);
    assert_eq!(buf.commit(0..1), 0, "set told the graph: nothing left to commit");
    assert!(!buf.set(0, 9.0));
}

#[test]
fn a_commit_inside_a_batch_runs_its_reactions_when_the_batch_ends() {
    let g = ReactiveGraph::new();
    let buf = SharedSlotBuffer::<f64>::new(&g, 2);
    let (count, effect_runs) = runs();
    let _e = g.effect({ let (b, c) = (buf.clone(), count.clone()); move || { b.get(0); b.get(1); c.fetch_add(1, AtomicOrdering::Relaxed); } });
    g.batch(|| {
        raw_write(&buf, 0, 1.0);
        assert_eq!(buf.commit(0..2), 1);
        assert_eq!(effect_runs(), 1, "not yet: the batch is open");
        buf.set(1, 2.0);
    });
    assert_eq!(effect_runs(), 2, "once for the commit and the set together");
}

#[test]
fn concurrent_sets_leave_nothing_to_commit() {
    let g = ReactiveGraph::new();
    let buf = SharedSlotBuffer::<f64>::new(&g, 1);
    let threads: Vec<_> = (0..4)
        .map(|t| {
            let buf = buf.clone();
            std::thread::spawn(move || {
                for i in 0..2_000 {
                    buf.set(0, f64::from(t * 10_000 + i));
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    assert_eq!(buf.commit(0..1), 0, "the value the graph saw is the value in memory");
}

#[test]
#[should_panic(expected = "out of range")]
fn commit_out_of_range_panics() {
    let g = ReactiveGraph::new();
    SharedSlotBuffer::<f64>::new(&g, 2).commit(1..3);
}

#[test]
fn writes_while_nothing_observes_anything_leave_later_dependents_correct() {
    let g = ReactiveGraph::new();
    let buf = SharedSlotBuffer::<f64>::new(&g, 2);
    for i in 0..10 {
        buf.set(0, f64::from(i)); // no observer link anywhere in the graph
    }
    raw_write(&buf, 1, 5.0);
    assert_eq!(buf.commit(0..2), 1);
    let (count, effect_runs) = runs();
    let effect = g.effect({ let (b, c) = (buf.clone(), count.clone()); move || { b.get(0); c.fetch_add(1, AtomicOrdering::Relaxed); } });
    assert_eq!(effect_runs(), 1);
    buf.set(0, 100.0);
    assert_eq!(effect_runs(), 2, "an effect made after those writes follows the slot");
    drop(effect);
    buf.set(0, 101.0); // the last link is gone again
    let target = SharedSlotBuffer::<f64>::new(&g, 1);
    let _r = Repeater::new(buf.slot(1), target.slot(0));
    assert_eq!(target.peek(0), 0.0, "a new repeater forwards nothing at creation");
    raw_write(&buf, 1, 6.0);
    buf.commit(1..2);
    assert_eq!(target.peek(0), 6.0, "and forwards the next change");
}
