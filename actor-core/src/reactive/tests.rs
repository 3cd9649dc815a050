use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use super::*;

fn counter() -> (Arc<AtomicUsize>, impl Fn() -> usize) {
    let c = Arc::new(AtomicUsize::new(0));
    let read = { let c = c.clone(); move || c.load(Ordering::Relaxed) };
    (c, read)
}

#[test]
fn deriveds_are_lazy_and_cached() {
    let g = ReactiveGraph::new();
    let s = g.signal(2);
    let (runs, count) = counter();
    let d = g.derived({ let (s, runs) = (s.clone(), runs.clone()); move || { runs.fetch_add(1, Ordering::Relaxed); s.get() * 10 } });
    assert_eq!(count(), 0, "not computed before the first read");
    assert_eq!(d.get(), 20);
    assert_eq!(d.get(), 20);
    assert_eq!(count(), 1);
    s.set(3);
    assert_eq!(count(), 1, "not recomputed until read");
    assert_eq!(d.get(), 30);
    assert_eq!(count(), 2);
}

#[test]
fn dependencies_follow_each_run() {
    let g = ReactiveGraph::new();
    let cond = g.signal(true);
    let a = g.signal(1);
    let b = g.signal(2);
    let (runs, count) = counter();
    let _e = g.effect({ let (c, a, b, runs) = (cond.clone(), a.clone(), b.clone(), runs.clone());
        move || { runs.fetch_add(1, Ordering::Relaxed); if c.get() { a.get(); } else { b.get(); } } });
    b.set(20);
    assert_eq!(count(), 1, "b is not a source yet");
    cond.set(false);
    assert_eq!(count(), 2);
    a.set(10);
    assert_eq!(count(), 2, "a was dropped as a source");
    b.set(21);
    assert_eq!(count(), 3);
}

#[test]
fn dropping_handles_frees_nodes() {
    let g = ReactiveGraph::new();
    let base = g.node_count();
    {
        let s = g.signal(1);
        let d = g.derived({ let s = s.clone(); move || s.get() + 1 });
        let e = g.effect({ let d = d.clone(); move || { d.get(); } });
        assert_eq!(g.node_count(), base + 3);
        drop(d);
        drop(s);
        assert_eq!(g.node_count(), base + 3, "held by the effect's closure and as sources");
        drop(e);
    }
    assert_eq!(g.node_count(), base, "the effect's closure released the derived, which released the signal");
}

#[test]
fn an_effect_stops_when_dropped() {
    let g = ReactiveGraph::new();
    let s = g.signal(0);
    let (runs, count) = counter();
    let e = g.effect({ let (s, runs) = (s.clone(), runs.clone()); move || { s.get(); runs.fetch_add(1, Ordering::Relaxed); } });
    s.set(1);
    e.dispose();
    s.set(2);
    assert_eq!(count(), 2);
}

#[test]
fn effects_that_write_what_they_read_stop_at_the_cap() {
    let g = ReactiveGraph::new();
    let s = g.signal(0_u64);
    let runs = Arc::new(AtomicUsize::new(0));
    let _e = g.effect({ let (s, runs) = (s.clone(), runs.clone());
        move || { runs.fetch_add(1, Ordering::Relaxed); let v = s.get(); s.set(v + 1); } });
    assert_eq!(g.overflow_count(), 0);
    s.set(10);
    assert_eq!(g.overflow_count(), 1);
    assert_eq!(s.get_untracked(), 10 + MAX_REACTIONS_PER_FLUSH as u64);
    assert_eq!(runs.load(Ordering::Relaxed), 1 + MAX_REACTIONS_PER_FLUSH);
    // The effect is not lost: the next change runs it (and it loops again).
    s.set(0);
    assert_eq!(g.overflow_count(), 2);
    assert_eq!(runs.load(Ordering::Relaxed), 1 + 2 * MAX_REACTIONS_PER_FLUSH);
    // The graph still works afterwards.
    let t = g.signal(1);
    let d = g.derived({ let t = t.clone(); move || t.get() * 2 });
    t.set(4);
    assert_eq!(d.get(), 8);
}

#[test]
fn a_write_inside_an_effect_runs_its_dependents_in_the_same_flush() {
    let g = ReactiveGraph::new();
    let a = g.signal(1);
    let b = g.signal(0);
    let seen = Arc::new(Mutex::new(Vec::new()));
    let _copy = g.effect({ let (a, b) = (a.clone(), b.clone()); move || { b.set(a.get() * 100); } });
    let _log = g.effect({ let (b, seen) = (b.clone(), seen.clone()); move || seen.lock().unwrap().push(b.get()) });
    a.set(2);
    assert_eq!(*seen.lock().unwrap(), [100, 200]);
}

#[test]
#[should_panic(expected = "reactive cycle")]
fn a_derived_reading_itself_panics() {
    let g = ReactiveGraph::new();
    let slot: Arc<Mutex<Option<Derived<i32>>>> = Arc::default();
    let d = g.derived({ let slot = slot.clone(); move || slot.lock().unwrap().clone().map_or(0, |d| d.get()) + 1 });
    *slot.lock().unwrap() = Some(d.clone());
    d.get();
}

#[test]
fn a_panicking_derived_leaves_the_graph_usable() {
    let g = ReactiveGraph::new();
    let s = g.signal(0);
    let d = g.derived({ let s = s.clone(); move || { let v = s.get(); assert!(v >= 0, "negative"); v } });
    s.set(-1);
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| d.get()));
    assert!(r.is_err());
    assert!(!g.is_tracking(), "the tracking context was restored");
    s.set(5);
    assert_eq!(d.get(), 5);
}

#[test]
fn a_graph_is_shared_across_threads() {
    let g = ReactiveGraph::new();
    let s = g.signal(0_i64);
    let d = g.derived({ let s = s.clone(); move || s.get() * 2 });
    let threads: Vec<_> = (0..4)
        .map(|t| {
            let (s, d) = (s.clone(), d.clone());
            std::thread::spawn(move || {
                for i in 0..500 {
                    s.set(t * 1000 + i);
                    assert_eq!(d.get() % 2, 0);
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    assert_eq!(d.get(), s.get() * 2);
}

#[test]
fn after_batch_runs_after_the_outermost_batch() {
    let g = ReactiveGraph::new();
    let order = Arc::new(Mutex::new(Vec::new()));
    g.batch(|| {
        let o = order.clone();
        g.after_batch(move || o.lock().unwrap().push("post"));
        order.lock().unwrap().push("body");
    });
    assert_eq!(*order.lock().unwrap(), ["body", "post"]);
}

#[test]
fn the_reactive_handles_are_send_and_sync() {
    fn assert_send_sync<T: Send + Sync + 'static>() {}
    assert_send_sync::<ReactiveGraph>();
    assert_send_sync::<Signal<i64>>();
    assert_send_sync::<Derived<String>>();
    assert_send_sync::<crate::reactive::Effect>();
    assert_send_sync::<crate::reactive::Repeater>();
    assert_send_sync::<crate::reactive::SharedSlotBuffer<f64>>();
}
