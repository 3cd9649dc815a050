//! The correctness scenarios of the js-reactivity-benchmark suite's kairo
//! cases (github.com/milomg/js-reactivity-benchmark, `src/kairo/*.ts`),
//! asserting values and exact recomputation counts.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use actor_core::reactive::{Derived, Effect, ReactiveGraph, Signal};

#[derive(Clone, Default)]
struct Counter(Arc<AtomicUsize>);

impl Counter {
    fn hit(&self) {
        self.0.fetch_add(1, Ordering::Relaxed);
    }
    fn get(&self) -> usize {
        self.0.load(Ordering::Relaxed)
    }
    fn reset(&self) {
        self.0.store(0, Ordering::Relaxed);
    }
}

#[test]
fn avoidable_propagation() {
    let g = ReactiveGraph::new();
    let head = g.signal(0_i64);
    let c3_runs = Counter::default();
    let effect_runs = Counter::default();
    let c1 = g.derived({ let h = head.clone(); move || h.get() });
    let c2 = g.derived({ let c1 = c1.clone(); move || { c1.get(); 0_i64 } });
    let c3 = g.derived({ let (c2, n) = (c2.clone(), c3_runs.clone()); move || { n.hit(); c2.get() + 1 } });
    let c4 = g.derived({ let c3 = c3.clone(); move || c3.get() + 2 });
    let c5 = g.derived({ let c4 = c4.clone(); move || c4.get() + 3 });
    let _e = g.effect({ let (c5, n) = (c5.clone(), effect_runs.clone()); move || { c5.get(); n.hit(); } });
    assert_eq!(c3_runs.get(), 1);
    assert_eq!(effect_runs.get(), 1);

    head.set(1);
    assert_eq!(c5.get(), 6);
    for i in 0..1000 {
        head.set(i);
        assert_eq!(c5.get(), 6);
    }
    // c2 never changes, so nothing past it re-runs.
    assert_eq!(c3_runs.get(), 1);
    assert_eq!(effect_runs.get(), 1);
}

#[test]
fn broad_propagation() {
    let g = ReactiveGraph::new();
    let head = g.signal(0_i64);
    let effect_runs = Counter::default();
    let first_runs = Counter::default();
    let mut keep: Vec<(Derived<i64>, Derived<i64>, Effect)> = Vec::new();
    for i in 0..50 {
        let current = g.derived({ let (h, n) = (head.clone(), first_runs.clone()); move || { n.hit(); h.get() + i } });
        let current2 = g.derived({ let c = current.clone(); move || c.get() + 1 });
        let e = g.effect({ let (c2, n) = (current2.clone(), effect_runs.clone()); move || { c2.get(); n.hit(); } });
        keep.push((current, current2, e));
    }
    head.set(1);
    effect_runs.reset();
    first_runs.reset();
    for i in 0..50 {
        head.set(i);
        assert_eq!(effect_runs.get(), (i as usize + 1) * 50);
    }
    assert_eq!(first_runs.get(), 50 * 50);
    for (i, (_, c2, _)) in keep.iter().enumerate() {
        assert_eq!(c2.get(), 49 + i as i64 + 1);
    }
}

#[test]
fn deep_propagation() {
    let g = ReactiveGraph::new();
    let len = 50;
    let head = g.signal(0_i64);
    let runs = Counter::default();
    let mut chain: Vec<Derived<i64>> = Vec::new();
    let mut prev: Option<Derived<i64>> = None;
    for _ in 0..len {
        let d = match prev.clone() {
            None => g.derived({ let (h, n) = (head.clone(), runs.clone()); move || { n.hit(); h.get() + 1 } }),
            Some(p) => g.derived({ let n = runs.clone(); move || { n.hit(); p.get() + 1 } }),
        };
        chain.push(d.clone());
        prev = Some(d);
    }
    let last = prev.unwrap();
    let effect_runs = Counter::default();
    let _e = g.effect({ let (l, n) = (last.clone(), effect_runs.clone()); move || { l.get(); n.hit(); } });
    head.set(1);
    effect_runs.reset();
    runs.reset();
    let iterations = 50;
    for i in 0..iterations {
        head.set(i);
        assert_eq!(last.get(), len + i);
    }
    assert_eq!(effect_runs.get(), iterations as usize);
    // head.set(0) after head = 1 changes the value, and every later write too:
    // each of the 50 writes recomputes the 50 deriveds exactly once.
    assert_eq!(runs.get(), 50 * 50);
}

#[test]
fn diamond() {
    let g = ReactiveGraph::new();
    let width = 5;
    let head = g.signal(0_i64);
    let arm_runs = Counter::default();
    let arms: Vec<Derived<i64>> = (0..width)
        .map(|_| g.derived({ let (h, n) = (head.clone(), arm_runs.clone()); move || { n.hit(); h.get() + 1 } }))
        .collect();
    let sum_runs = Counter::default();
    let sum = g.derived({ let (arms, n) = (arms.clone(), sum_runs.clone());
        move || { n.hit(); arms.iter().map(Derived::get).sum::<i64>() } });
    let effect_runs = Counter::default();
    let _e = g.effect({ let (s, n) = (sum.clone(), effect_runs.clone()); move || { s.get(); n.hit(); } });
    head.set(1);
    assert_eq!(sum.get(), 2 * width);
    effect_runs.reset();
    sum_runs.reset();
    arm_runs.reset();
    for i in 0..500 {
        head.set(i);
        assert_eq!(sum.get(), (i + 1) * width);
    }
    assert_eq!(effect_runs.get(), 500);
    assert_eq!(sum_runs.get(), 500);
    assert_eq!(arm_runs.get(), 500 * width as usize);
}

#[test]
fn triangle() {
    let g = ReactiveGraph::new();
    let width = 10_i64;
    let head = g.signal(0_i64);
    let mut list: Vec<Box<dyn Fn() -> i64 + Send + Sync>> = Vec::new();
    let runs = Counter::default();
    list.push(Box::new({ let h = head.clone(); move || h.get() }));
    let mut prev: Option<Derived<i64>> = None;
    for k in 0..width - 1 {
        let d = match prev.clone() {
            None => g.derived({ let (h, n) = (head.clone(), runs.clone()); move || { n.hit(); h.get() + 1 } }),
            Some(p) => g.derived({ let n = runs.clone(); move || { n.hit(); p.get() + 1 } }),
        };
        let _ = k;
        list.push(Box::new({ let d = d.clone(); move || d.get() }));
        prev = Some(d);
    }
    let sum_runs = Counter::default();
    let sum = g.derived({ let n = sum_runs.clone(); move || { n.hit(); list.iter().map(|f| f()).sum::<i64>() } });
    let effect_runs = Counter::default();
    let _e = g.effect({ let (s, n) = (sum.clone(), effect_runs.clone()); move || { s.get(); n.hit(); } });
    head.set(1);
    assert_eq!(sum.get(), width + width * (width - 1) / 2);
    effect_runs.reset();
    sum_runs.reset();
    runs.reset();
    for i in 0..100 {
        head.set(i);
        assert_eq!(sum.get(), width * i + width * (width - 1) / 2);
    }
    assert_eq!(effect_runs.get(), 100);
    assert_eq!(sum_runs.get(), 100, "the sum runs once per write, never on a partial update");
    assert_eq!(runs.get(), 100 * (width as usize - 1));
}

#[test]
fn mux() {
    let g = ReactiveGraph::new();
    let heads: Vec<Signal<i64>> = (0..100).map(|_| g.signal(0_i64)).collect();
    let mux_runs = Counter::default();
    let mux = g.derived({ let (hs, n) = (heads.clone(), mux_runs.clone());
        move || { n.hit(); hs.iter().map(Signal::get).collect::<Vec<i64>>() } });
    let split_runs = Counter::default();
    let effect_runs = Counter::default();
    let mut keep = Vec::new();
    let mut split_plus: Vec<Derived<i64>> = Vec::new();
    for index in 0..100 {
        let split = g.derived({ let (m, n) = (mux.clone(), split_runs.clone()); move || { n.hit(); m.with(|v| v[index]) } });
        let plus = g.derived({ let s = split.clone(); move || s.get() + 1 });
        let e = g.effect({ let (p, n) = (plus.clone(), effect_runs.clone()); move || { p.get(); n.hit(); } });
        keep.push((split, e));
        split_plus.push(plus);
    }
    assert_eq!(mux_runs.get(), 1);
    effect_runs.reset();
    split_runs.reset();
    mux_runs.reset();
    for i in 0..10 {
        heads[i].set(i as i64);
        assert_eq!(split_plus[i].get(), i as i64 + 1);
    }
    for i in 0..10 {
        heads[i].set(i as i64 * 2);
        assert_eq!(split_plus[i].get(), i as i64 * 2 + 1);
    }
    // heads[0].set(0) (in both loops) is no change: 18 real writes. Each
    // re-runs the mux once and all 100 splits (they read the whole mux),
    // but only the effect of the one split whose value changed.
    assert_eq!(mux_runs.get(), 18);
    assert_eq!(split_runs.get(), 18 * 100);
    assert_eq!(effect_runs.get(), 18);
}

#[test]
fn repeated_observers() {
    let g = ReactiveGraph::new();
    let size = 30;
    let head = g.signal(0_i64);
    let runs = Counter::default();
    let current = g.derived({ let (h, n) = (head.clone(), runs.clone());
        move || { n.hit(); (0..size).map(|_| h.get()).sum::<i64>() } });
    let effect_runs = Counter::default();
    let _e = g.effect({ let (c, n) = (current.clone(), effect_runs.clone()); move || { c.get(); n.hit(); } });
    head.set(1);
    assert_eq!(current.get(), size);
    effect_runs.reset();
    runs.reset();
    for i in 0..100 {
        head.set(i);
        assert_eq!(current.get(), i * size);
    }
    assert_eq!(effect_runs.get(), 100);
    assert_eq!(runs.get(), 100);
}

#[test]
fn unstable() {
    let g = ReactiveGraph::new();
    let head = g.signal(0_i64);
    let double = g.derived({ let h = head.clone(); move || h.get() * 2 });
    let inverse = g.derived({ let h = head.clone(); move || -h.get() });
    let runs = Counter::default();
    let current = g.derived({ let (h, d, inv, n) = (head.clone(), double.clone(), inverse.clone(), runs.clone());
        move || {
            n.hit();
            (0..20).map(|_| if h.get() % 2 != 0 { d.get() } else { inv.get() }).sum::<i64>()
        } });
    let effect_runs = Counter::default();
    let _e = g.effect({ let (c, n) = (current.clone(), effect_runs.clone()); move || { c.get(); n.hit(); } });
    head.set(1);
    assert_eq!(current.get(), 40);
    effect_runs.reset();
    runs.reset();
    for i in 0..100 {
        head.set(i);
        assert_eq!(current.get(), if i % 2 != 0 { 40 * i } else { -20 * i });
    }
    // head.set(0) after 1 changes the value from 40 to 0, and every later
    // write changes it too, so the derived and the effect run 100 times.
    assert_eq!(effect_runs.get(), 100);
    assert_eq!(runs.get(), 100);
}
