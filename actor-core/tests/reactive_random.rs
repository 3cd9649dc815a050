//! Random graphs with dynamic dependencies, checked against a plain
//! evaluation after every batch of random writes.

use std::sync::{Arc, Mutex};

use actor_core::reactive::{Derived, Effect, ReactiveGraph, Signal};

/// A small deterministic generator (64-bit LCG, Knuth's MMIX constants).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

#[derive(Clone, Copy)]
enum Op {
    /// a + b
    Add(usize, usize),
    /// if a is even then b else c (dynamic dependencies)
    Pick(usize, usize, usize),
    /// a mod 7 (often unchanged: exercises equality cut-off)
    Mod7(usize),
}

fn eval(ops: &[Op], signals: &[i64], k: usize) -> i64 {
    if k < signals.len() {
        return signals[k];
    }
    match ops[k - signals.len()] {
        Op::Add(a, b) => eval(ops, signals, a).wrapping_add(eval(ops, signals, b)),
        Op::Pick(a, b, c) => {
            if eval(ops, signals, a) % 2 == 0 { eval(ops, signals, b) } else { eval(ops, signals, c) }
        }
        Op::Mod7(a) => eval(ops, signals, a).rem_euclid(7),
    }
}

#[derive(Clone)]
enum NodeRef {
    S(Signal<i64>),
    D(Derived<i64>),
}

impl NodeRef {
    fn get(&self) -> i64 {
        match self {
            NodeRef::S(s) => s.get(),
            NodeRef::D(d) => d.get(),
        }
    }
}

#[test]
fn random_graphs_match_plain_evaluation() {
    for seed in 1..=20_u64 {
        let mut rng = Lcg(seed);
        let g = ReactiveGraph::new();
        let n_signals = 4;
        let n_derived = 40;
        let mut values: Vec<i64> = (0..n_signals).map(|i| i as i64).collect();
        let mut nodes: Vec<NodeRef> = values.iter().map(|&v| NodeRef::S(g.signal(v))).collect();
        let mut ops = Vec::new();
        for k in n_signals..n_signals + n_derived {
            let op = match rng.next(3) {
                0 => Op::Add(rng.next(k), rng.next(k)),
                1 => Op::Pick(rng.next(k), rng.next(k), rng.next(k)),
                _ => Op::Mod7(rng.next(k)),
            };
            ops.push(op);
            let deps = nodes.clone();
            let d = g.derived(move || match op {
                Op::Add(a, b) => deps[a].get().wrapping_add(deps[b].get()),
                Op::Pick(a, b, c) => if deps[a].get() % 2 == 0 { deps[b].get() } else { deps[c].get() },
                Op::Mod7(a) => deps[a].get().rem_euclid(7),
            });
            nodes.push(NodeRef::D(d));
        }
        // Effects on a few nodes record what they see.
        let watched: Vec<usize> = (0..5).map(|_| n_signals + rng.next(n_derived)).collect();
        let seen = Arc::new(Mutex::new(Vec::<(usize, i64)>::new()));
        let _effects: Vec<Effect> = watched
            .iter()
            .map(|&k| g.effect({ let (n, seen) = (nodes[k].clone(), seen.clone()); move || seen.lock().unwrap().push((k, n.get())) }))
            .collect();
        for round in 0..60 {
            seen.lock().unwrap().clear();
            let before: Vec<i64> = watched.iter().map(|&k| eval(&ops, &values, k)).collect();
            g.batch(|| {
                for _ in 0..1 + rng.next(3) {
                    let s = rng.next(n_signals);
                    let v = rng.next(9) as i64 - 4;
                    values[s] = v;
                    if let NodeRef::S(sig) = &nodes[s] {
                        sig.set(v);
                    }
                }
            });
            let after: Vec<i64> = watched.iter().map(|&k| eval(&ops, &values, k)).collect();
            // Every effect whose value changed ran exactly once, with the final
            // value; the others did not run.
            let seen = std::mem::take(&mut *seen.lock().unwrap());
            for (i, &k) in watched.iter().enumerate() {
                let runs: Vec<i64> = seen.iter().filter(|(w, _)| *w == k).map(|&(_, v)| v).collect();
                let same_node_before = watched[..i].contains(&k);
                if same_node_before {
                    continue; // a node watched twice: counted with its first effect
                }
                let copies = watched.iter().filter(|&&w| w == k).count();
                if before[i] != after[i] {
                    assert_eq!(runs, vec![after[i]; copies], "seed {seed} round {round} node {k}");
                } else {
                    assert!(runs.is_empty(), "seed {seed} round {round} node {k}: ran without a change: {runs:?}");
                }
            }
            for (k, node) in nodes.iter().enumerate() {
                assert_eq!(node.get(), eval(&ops, &values, k), "seed {seed} round {round} node {k}");
            }
        }
    }
}
