//! Glitch freedom, batching, untracked repeater reads and NaN equality,
//! observed by effects and by repeaters.

use std::sync::{Arc, Mutex};

use actor_core::LiveMemoryState;
use actor_core::reactive::{Derived, ReactiveGraph, Repeater, SharedSlotBuffer, Signal};

/// Records every value passed to it.
#[derive(Clone, Default)]
struct Log<T>(Arc<Mutex<Vec<T>>>);

impl<T: Clone> Log<T> {
    fn push(&self, v: T) {
        self.0.lock().unwrap().push(v);
    }
    fn take(&self) -> Vec<T> {
        std::mem::take(&mut *self.0.lock().unwrap())
    }
}

/// A state with one hot field `out` whose every change is logged by a
/// subscriber (called once per change), to observe a repeater's forwards.
fn forward_log() -> (LiveMemoryState, Log<f64>, actor_core::state::Subscription) {
    let state = LiveMemoryState::new();
    state.declare_hot(&["out"]).unwrap();
    let log = Log::default();
    let sub = state.subscribe("out", { let log = log.clone(); move |v| log.push(v.and_then(|j| j.as_f64()).unwrap()) });
    (state, log, sub)
}

/// s → (a = s + 1, b = s * 2) → sum = a + b.
fn diamond(g: &ReactiveGraph) -> (Signal<f64>, Derived<f64>, Log<f64>) {
    let s = g.signal(1.0_f64);
    let a = g.derived({ let s = s.clone(); move || s.get() + 1.0 });
    let b = g.derived({ let s = s.clone(); move || s.get() * 2.0 });
    let runs = Log::default();
    let sum = g.derived({ let runs = runs.clone(); move || { let v = a.get() + b.get(); runs.push(v); v } });
    (s, sum, runs)
}

/// s → a = s + 10 (one hop) and s → b1 = s * 2 → b2 = b1 + 10 (two hops) → sum = a + b2.
fn uneven_diamond(g: &ReactiveGraph) -> (Signal<f64>, Derived<f64>, Log<f64>) {
    let s = g.signal(1.0_f64);
    let a = g.derived({ let s = s.clone(); move || s.get() + 10.0 });
    let b1 = g.derived({ let s = s.clone(); move || s.get() * 2.0 });
    let b2 = g.derived(move || b1.get() + 10.0);
    let runs = Log::default();
    let sum = g.derived({ let runs = runs.clone(); move || { let v = a.get() + b2.get(); runs.push(v); v } });
    (s, sum, runs)
}

#[test]
fn diamond_read_by_an_effect_sees_no_glitch() {
    let g = ReactiveGraph::new();
    let (s, sum, sum_runs) = diamond(&g);
    let seen = Log::default();
    let _e = g.effect({ let (sum, seen) = (sum.clone(), seen.clone()); move || seen.push(sum.get()) });
    s.set(2.0);
    s.set(3.0);
    assert_eq!(seen.take(), [4.0, 7.0, 10.0]);
    assert_eq!(sum_runs.take(), [4.0, 7.0, 10.0], "the sum computes once per write, never on half the arms");
}

#[test]
fn uneven_diamond_read_by_an_effect_sees_no_glitch() {
    let g = ReactiveGraph::new();
    let (s, sum, sum_runs) = uneven_diamond(&g);
    let seen = Log::default();
    let _e = g.effect({ let (sum, seen) = (sum.clone(), seen.clone()); move || seen.push(sum.get()) });
    s.set(2.0);
    s.set(5.0);
    // sum = (s + 10) + (2s + 10) = 3s + 20
    assert_eq!(seen.take(), [23.0, 26.0, 35.0]);
    assert_eq!(sum_runs.take(), [23.0, 26.0, 35.0]);
}

#[test]
fn diamond_and_uneven_diamond_read_by_repeaters_forward_final_values_only() {
    for shape in [diamond as fn(&ReactiveGraph) -> _, uneven_diamond] {
        let (state, forwarded, _sub) = forward_log();
        let g = state.reactive().clone();
        let (s, sum, sum_runs) = shape(&g);
        let initial = sum.get_untracked();
        let _r = Repeater::new(sum.clone(), state.hot_slot("out").unwrap());
        assert!(forwarded.take().is_empty(), "creating a repeater forwards nothing");
        s.set(2.0);
        let after_2 = sum.get_untracked();
        s.set(3.0);
        let after_3 = sum.get_untracked();
        assert_eq!(forwarded.take(), [after_2, after_3]);
        assert_eq!(sum_runs.take(), [initial, after_2, after_3]);
        assert_eq!(state.get_number("out"), Some(after_3));
    }
}

#[test]
fn a_batch_runs_each_effect_once_and_forwards_once() {
    let (state, forwarded, _sub) = forward_log();
    let g = state.reactive().clone();
    let x = g.signal(0_i64);
    let y = g.signal(0_i64);
    let total = g.derived({ let (x, y) = (x.clone(), y.clone()); move || (x.get() + y.get()) as f64 });
    let runs = Log::default();
    let _e = g.effect({ let (t, runs) = (total.clone(), runs.clone()); move || runs.push(t.get()) });
    let _r = Repeater::new(total.clone(), state.hot_slot("out").unwrap());
    g.batch(|| {
        x.set(1);
        y.set(2);
        x.set(5);
        g.batch(|| y.set(7)); // nested: still one batch
        assert_eq!(runs.take(), [0.0], "nothing runs before the outermost batch ends");
    });
    assert_eq!(runs.take(), [12.0]);
    assert_eq!(forwarded.take(), [12.0]);
    // A batch that ends where it started changes nothing downstream.
    g.batch(|| {
        x.set(100);
        x.set(5);
    });
    assert!(runs.take().is_empty());
    assert!(forwarded.take().is_empty());
}

#[test]
fn a_repeater_read_does_not_leak_into_the_running_effect() {
    let g = ReactiveGraph::new();
    let x = g.signal(1.0_f64);
    let s = g.signal(0.0_f64);
    let target = SharedSlotBuffer::<f64>::new(&g, 1);
    let _r = Repeater::new(s.clone(), target.slot(0));
    let runs = Log::default();
    // The effect writes `s`; the repeater then reads `s` in the same flush.
    let _e = g.effect({ let (x, s, runs) = (x.clone(), s.clone(), runs.clone());
        move || { let v = x.get(); runs.push(v); s.set(v * 2.0); } });
    assert_eq!(target.peek(0), 2.0);
    x.set(4.0);
    assert_eq!(target.peek(0), 8.0);
    assert_eq!(runs.take(), [1.0, 4.0]);
    // Had the repeater's read been tracked by the effect, this would re-run it.
    s.set(-1.0);
    assert_eq!(target.peek(0), -1.0);
    assert!(runs.take().is_empty());
}

#[test]
fn untrack_reads_without_subscribing() {
    let g = ReactiveGraph::new();
    let a = g.signal(1);
    let b = g.signal(10);
    let runs = Log::default();
    let _e = g.effect({ let (a, b, runs, g2) = (a.clone(), b.clone(), runs.clone(), g.clone());
        move || runs.push(a.get() + g2.untrack(|| b.get())) });
    b.set(20);
    assert_eq!(runs.take(), [11]);
    a.set(2);
    assert_eq!(runs.take(), [22]);
}

#[test]
fn nan_written_twice_notifies_once() {
    let g = ReactiveGraph::new();
    let s = g.signal(0.0_f64);
    let runs = Log::default();
    let _e = g.effect({ let (s, runs) = (s.clone(), runs.clone()); move || runs.push(s.get().is_nan()) });
    assert!(s.set(f64::NAN));
    assert!(!s.set(f64::NAN));
    assert_eq!(runs.take(), [false, true]);

    // A derived that recomputes to NaN again does not re-run its dependents.
    let t = g.signal(1.0_f64);
    let nan = g.derived({ let t = t.clone(); move || t.get() * f64::NAN });
    let _e2 = g.effect({ let (nan, runs) = (nan.clone(), runs.clone()); move || runs.push(nan.get().is_nan()) });
    assert_eq!(runs.take(), [true]);
    t.set(2.0);
    assert!(runs.take().is_empty());

    // A buffer slot compares bits.
    let buf = SharedSlotBuffer::<f64>::new(&g, 1);
    let _e3 = g.effect({ let (buf, runs) = (buf.clone(), runs.clone()); move || runs.push(buf.get(0).is_nan()) });
    assert!(buf.set(0, f64::NAN));
    assert!(!buf.set(0, f64::NAN));
    assert_eq!(runs.take(), [false, true]);
    assert_eq!(buf.take_dirty(), [0]);
}
