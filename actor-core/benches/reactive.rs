#![allow(missing_docs)] // criterion_group! generates an undocumented pub fn
//! Reactive graph benchmarks: the kairo shapes of js-reactivity-benchmark
//! and a cellx-style layered graph, in time per update, each beside a
//! plain-closure baseline computing the same values and the same graph in
//! alien-signals 0.1.4 (the Rust port of Johnson Chu's library,
//! single-threaded), in the same group, so every ratio comes from one run.
//!
//! Run: `cargo bench -p actor-core --bench reactive -- --warm-up-time 1 --measurement-time 3`

use std::hint::black_box;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use actor_core::reactive::{Derived, Effect, ReactiveGraph, Repeater, SharedSlotBuffer, Signal};
use criterion::{Criterion, criterion_group, criterion_main};

#[path = "support/reactive.rs"]
mod shapes;

/// Benchmarks one built shape: `update(i)` per iteration, then `check`.
fn bench_built(
    group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    name: &str,
    mut built: shapes::Built,
    check: impl Fn(&shapes::Built, i64),
) {
    let mut i = 0_i64;
    group.bench_function(name, |b| {
        b.iter(|| {
            i += 1;
            (built.update)(black_box(i));
        })
    });
    check(&built, i);
}

fn deep_chain(c: &mut Criterion) {
    const LEN: usize = shapes::CHAIN;
    let mut group = c.benchmark_group("deep_chain_50");
    let check = |b: &shapes::Built, i| assert_eq!(b.sink(), shapes::deep_expected(i));
    bench_built(&mut group, "reactive", shapes::deep_actorflow(), check);
    bench_built(&mut group, "alien_signals", shapes::deep_alien(), check);
    {
        let steps: Vec<Box<dyn Fn(i64) -> i64>> = (0..LEN).map(|_| Box::new(|x: i64| x + 1) as Box<dyn Fn(i64) -> i64>).collect();
        let sink = AtomicI64::new(0);
        let effect = |v: i64| sink.store(v, Ordering::Relaxed);
        let mut i = 0_i64;
        group.bench_function("plain_closures", |b| {
            b.iter(|| {
                i += 1;
                let v = steps.iter().fold(black_box(i), |x, f| f(x));
                effect(v);
            })
        });
    }
    group.finish();
}

fn broad(c: &mut Criterion) {
    const WIDTH: i64 = shapes::WIDTH;
    let mut group = c.benchmark_group("broad_1000");
    group.sample_size(20);
    // The sink accumulates: one more update checks its share of it.
    for (name, mut built) in [("reactive", shapes::broad_actorflow()), ("alien_signals", shapes::broad_alien())] {
        let mut i = 0_i64;
        group.bench_function(name, |b| {
            b.iter(|| {
                i += 1;
                (built.update)(black_box(i));
            })
        });
        let before = built.sink();
        (built.update)(i + 1);
        assert_eq!(built.sink() - before, shapes::broad_increment(i + 1), "{name}");
    }
    {
        let deriveds: Vec<Box<dyn Fn(i64) -> i64>> = (0..WIDTH).map(|k| Box::new(move |x| x + k) as Box<dyn Fn(i64) -> i64>).collect();
        let sink = AtomicI64::new(0);
        let effect = |v: i64| { sink.fetch_add(v, Ordering::Relaxed); };
        let mut i = 0_i64;
        group.bench_function("plain_closures", |b| {
            b.iter(|| {
                i += 1;
                let h = black_box(i);
                for d in &deriveds {
                    effect(d(h));
                }
            })
        });
    }
    group.finish();
}

fn diamond(c: &mut Criterion) {
    const WIDTH: usize = 5;
    let mut group = c.benchmark_group("diamond_5");
    {
        let g = ReactiveGraph::new();
        let head = g.signal(0_i64);
        let arms: Vec<Derived<i64>> = (0..WIDTH).map(|_| g.derived({ let h = head.clone(); move || h.get() + 1 })).collect();
        let sum = g.derived(move || arms.iter().map(Derived::get).sum::<i64>());
        let sink = Arc::new(AtomicI64::new(0));
        let _e = g.effect({ let (s, k) = (sum.clone(), sink.clone()); move || k.store(s.get(), Ordering::Relaxed) });
        let mut i = 0_i64;
        group.bench_function("reactive", |b| {
            b.iter(|| {
                i += 1;
                head.set(black_box(i));
            })
        });
        assert_eq!(sink.load(Ordering::Relaxed), (i + 1) * WIDTH as i64);
    }
    {
        let arms: Vec<Box<dyn Fn(i64) -> i64>> = (0..WIDTH).map(|_| Box::new(|x: i64| x + 1) as Box<dyn Fn(i64) -> i64>).collect();
        let sink = AtomicI64::new(0);
        let mut i = 0_i64;
        group.bench_function("plain_closures", |b| {
            b.iter(|| {
                i += 1;
                let h = black_box(i);
                let s: i64 = arms.iter().map(|f| f(h)).sum();
                sink.store(s, Ordering::Relaxed);
            })
        });
    }
    group.finish();
}

/// cellx's layered graph: each layer has four cells computed from the
/// previous layer (a' = b, b' = a - c, c' = b + d, d' = c).
fn cellx(c: &mut Criterion) {
    const LAYERS: usize = 1000;
    let mut group = c.benchmark_group("cellx_1000");
    group.sample_size(20);
    {
        let g = ReactiveGraph::new();
        let start: [Signal<i64>; 4] = [g.signal(1), g.signal(2), g.signal(3), g.signal(4)];
        let as_derived = |s: &Signal<i64>| { let s = s.clone(); g.derived(move || s.get()) };
        let mut layer: [Derived<i64>; 4] = [as_derived(&start[0]), as_derived(&start[1]), as_derived(&start[2]), as_derived(&start[3])];
        for _ in 0..LAYERS {
            let [a, b, c, d] = layer.clone();
            layer = [
                g.derived({ let b = b.clone(); move || b.get() }),
                g.derived({ let (a, c) = (a.clone(), c.clone()); move || a.get() - c.get() }),
                g.derived({ let (b, d) = (b.clone(), d.clone()); move || b.get() + d.get() }),
                g.derived({ let c = c.clone(); move || c.get() }),
            ];
        }
        let sink = Arc::new(AtomicI64::new(0));
        let effects: Vec<Effect> = layer
            .iter()
            .map(|d| g.effect({ let (d, s) = (d.clone(), sink.clone()); move || { s.fetch_add(d.get(), Ordering::Relaxed); } }))
            .collect();
        let mut i = 0_i64;
        group.bench_function("reactive", |b| {
            b.iter(|| {
                i += 1;
                g.batch(|| {
                    for (k, s) in start.iter().enumerate() {
                        s.set(black_box(i + k as i64));
                    }
                });
            })
        });
        black_box(effects.len());
    }
    {
        let sink = AtomicI64::new(0);
        let mut i = 0_i64;
        group.bench_function("plain_closures", |b| {
            b.iter(|| {
                i += 1;
                let mut v = [black_box(i), i + 1, i + 2, i + 3];
                for _ in 0..LAYERS {
                    // black_box per layer keeps the optimizer from collapsing
                    // the 1,000 layers into a closed form.
                    v = black_box([v[1], v[0] - v[2], v[1] + v[3], v[2]]);
                }
                for x in v {
                    sink.fetch_add(x, Ordering::Relaxed);
                }
            })
        });
    }
    group.finish();
}

/// One write to a hot slot: with nothing depending on it, and with a
/// repeater forwarding it into another slot; the baseline is an atomic
/// store followed by a plain closure call doing the same copy.
fn slot_set(c: &mut Criterion) {
    let mut group = c.benchmark_group("slot_set");
    {
        let g = ReactiveGraph::new();
        let buf = SharedSlotBuffer::<f64>::new(&g, 2);
        let mut i = 0.0;
        group.bench_function("reactive_no_dependents", |b| {
            b.iter(|| {
                i += 1.0;
                buf.set(0, black_box(i));
            })
        });
        let _r = Repeater::new(buf.slot(0), buf.slot(1));
        group.bench_function("reactive_with_repeater", |b| {
            b.iter(|| {
                i += 1.0;
                buf.set(0, black_box(i));
            })
        });
        assert_eq!(buf.peek(1), i);
    }
    {
        let slots = [AtomicI64::new(0), AtomicI64::new(0)];
        let forward = |v: i64| slots[1].store(v, Ordering::Release);
        let mut i = 0_i64;
        group.bench_function("plain_atomic_and_closure", |b| {
            b.iter(|| {
                i += 1;
                let v = black_box(i);
                if slots[0].swap(v, Ordering::AcqRel) != v {
                    forward(v);
                }
            })
        });
    }
    group.finish();
}

criterion_group!(benches, deep_chain, broad, diamond, cellx, slot_set);
criterion_main!(benches);
