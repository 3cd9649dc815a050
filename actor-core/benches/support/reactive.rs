//! The deep chain and the broad fan of `benches/reactive.rs`, built in
//! actorflow's reactive graph and in alien-signals 0.1.4, shared with
//! `examples/reactive_once.rs` (which runs them once for callgrind).

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use actor_core::reactive::{Derived, Effect, ReactiveGraph};

/// Deriveds in the deep chain.
pub(crate) const CHAIN: usize = 50;
/// Deriveds (each with its own effect) in the broad fan.
pub(crate) const WIDTH: i64 = 1000;

/// A built graph: `update(i)` writes `i` to its head signal, which runs
/// every derived and effect; the effects write into `sink`.
pub(crate) struct Built {
    pub(crate) update: Box<dyn FnMut(i64)>,
    pub(crate) sink: Arc<AtomicI64>,
}

impl Built {
    /// The sink's value.
    pub(crate) fn sink(&self) -> i64 {
        self.sink.load(Ordering::Relaxed)
    }
}

/// What the deep chain's sink holds after `update(i)`.
pub(crate) fn deep_expected(i: i64) -> i64 {
    i + CHAIN as i64
}

/// How much the broad fan's sink grows on `update(i)` (each effect adds
/// its derived, `i + k`).
pub(crate) fn broad_increment(i: i64) -> i64 {
    WIDTH * i + WIDTH * (WIDTH - 1) / 2
}

/// `head -> d1 -> ... -> d50 -> effect`, each derived adding 1.
pub(crate) fn deep_actorflow() -> Built {
    let g = ReactiveGraph::new();
    let head = g.signal(0_i64);
    let mut last: Derived<i64> = g.derived({
        let h = head.clone();
        move || h.get() + 1
    });
    for _ in 1..CHAIN {
        let p = last.clone();
        last = g.derived(move || p.get() + 1);
    }
    let sink = Arc::new(AtomicI64::new(0));
    let effect = g.effect({
        let (l, s) = (last.clone(), sink.clone());
        move || s.store(l.get(), Ordering::Relaxed)
    });
    Built {
        update: Box::new(move |i| {
            let _keep = &effect;
            head.set(i);
        }),
        sink,
    }
}

/// The same chain in alien-signals.
pub(crate) fn deep_alien() -> Built {
    use alien_signals::{Computed, Effect, Signal};
    let head = Signal::new(0_i64);
    let mut last = Computed::new(move |_| head.get() + 1);
    for _ in 1..CHAIN {
        let p = last;
        last = Computed::new(move |_| p.get() + 1);
    }
    let sink = Arc::new(AtomicI64::new(0));
    let s = sink.clone();
    let _effect = Effect::new(move || s.store(last.get(), Ordering::Relaxed));
    Built { update: Box::new(move |i| head.set(i)), sink }
}

/// `head -> 1,000 deriveds (head + k) -> one effect each`.
pub(crate) fn broad_actorflow() -> Built {
    let g = ReactiveGraph::new();
    let head = g.signal(0_i64);
    let sink = Arc::new(AtomicI64::new(0));
    let keep: Vec<(Derived<i64>, Effect)> = (0..WIDTH)
        .map(|k| {
            let d = g.derived({
                let h = head.clone();
                move || h.get() + k
            });
            let e = g.effect({
                let (d, s) = (d.clone(), sink.clone());
                move || {
                    s.fetch_add(d.get(), Ordering::Relaxed);
                }
            });
            (d, e)
        })
        .collect();
    Built {
        update: Box::new(move |i| {
            let _keep = &keep;
            head.set(i);
        }),
        sink,
    }
}

/// The same fan in alien-signals.
pub(crate) fn broad_alien() -> Built {
    use alien_signals::{Computed, Effect, Signal};
    let head = Signal::new(0_i64);
    let sink = Arc::new(AtomicI64::new(0));
    for k in 0..WIDTH {
        let d = Computed::new(move |_| head.get() + k);
        let s = sink.clone();
        let _effect = Effect::new(move || {
            s.fetch_add(d.get(), Ordering::Relaxed);
        });
    }
    Built { update: Box::new(move |i| head.set(i)), sink }
}
