//! A deadlock ends the run: when the processes of a cycle all wait to send
//! on full connections into each other, the run fails with
//! `NetworkError::Deadlock` naming them and the full connections, instead of
//! hanging at 0% CPU. Busy cycles that block often but progress are not
//! mistaken for one.

mod common;

use std::time::Duration;

use actor_core::network::{Deadlock, EndReason};
use actor_core::{Actor, ActorResult, ActorRunContext, Graph, Network, NetworkError, NetworkOptions, PortRef, PortSpec, Ports, Value};
use common::*;
use serde_json::json;

/// Guards against hangs only; the tests assert outcomes, not durations.
const HANG_GUARD: Duration = Duration::from_secs(30);

/// The reproduction: `a` sends every packet to both `b` and `c`,
/// which send it back, so the packets double on each round until every
/// connection is full.
fn multiplying_cycle() -> Graph {
    let mut g = Graph::new();
    for p in ["a", "b", "c"] {
        g.add_process(p, "core/Repeat");
    }
    g.add_iip(json!("x"), PortRef::new("a", "in"));
    g.connect(PortRef::new("a", "out"), PortRef::new("b", "in"));
    g.connect(PortRef::new("a", "out"), PortRef::new("c", "in"));
    g.connect(PortRef::new("b", "out"), PortRef::new("a", "in"));
    g.connect(PortRef::new("c", "out"), PortRef::new("a", "in"));
    g
}

#[test]
fn a_cycle_whose_packets_multiply_until_every_connection_is_full_ends_with_a_deadlock() {
    on_both_runtimes(|| async {
        let network = Network::new(&multiplying_cycle(), &registry(), NetworkOptions::default()).unwrap();
        let handle = network.handle();
        let result = tokio::time::timeout(HANG_GUARD, network.run()).await.expect("the run must end");
        let Err(NetworkError::Deadlock(d)) = result else { panic!("expected a deadlock, got {result:?}") };
        // `a` waits on b or on c (whichever it was sending to when b's or
        // c's inport filled), and that one waits on a.
        let (first, second) = (&d.cycle[0], &d.cycle[1]);
        assert_eq!(d.cycle.len(), 2, "{d}");
        assert_eq!(first.0, "a");
        let other = second.0.as_str();
        assert!(other == "b" || other == "c", "{d}");
        assert_eq!(first.1, format!("a.out -> {other}.in"));
        assert_eq!(second.1, format!("{other}.out -> a.in"));
        let text = NetworkError::Deadlock(d.clone()).to_string();
        assert!(text.starts_with(&format!("deadlock: the processes on the cycle a -> {other} -> a each wait to send on a full connection")), "{text}");
        assert!(text.contains(&format!("a.out -> {other}.in, {other}.out -> a.in")), "{text}");
        // Every process was stopped.
        assert!(handle.live_processes().is_empty());
    });
}

#[test]
fn the_deadlock_names_processes_waiting_on_the_cycle_from_outside() {
    // feed sends forever into a 2-cycle that deadlocks: feed ends up
    // blocked on a full connection into the cycle, and is named too.
    let mut g = multiplying_cycle();
    g.add_process("feed", "test/Gen");
    g.processes["feed"].metadata = Some(json!({"count": 1_000_000}).as_object().unwrap().clone());
    g.connect(PortRef::new("feed", "out"), PortRef::new("a", "in"));
    on_both_runtimes(|| async {
        // Small connections: feed fills a's inport within a few chunks. The
        // deadlock is declared once the cycle's processes are blocked; feed
        // is named only if it blocked by then, which at the default
        // capacity (1024) it sometimes had not on the multi-thread runtime.
        let options = NetworkOptions { capacity: 64, ..NetworkOptions::default() };
        let network = Network::new(&g, &registry(), options).unwrap();
        let result = tokio::time::timeout(HANG_GUARD, network.run()).await.expect("the run must end");
        let Err(NetworkError::Deadlock(Deadlock { cycle, waiting })) = result else { panic!("expected a deadlock, got {result:?}") };
        assert_eq!(cycle[0].0, "a");
        // Whoever else is blocked (feed, and the one of b and c not on the
        // cycle) waits on a full connection into a.
        assert!(!waiting.is_empty());
        for (p, c) in &waiting {
            assert!(!cycle.iter().any(|(q, _)| q == p), "{p} is not on the cycle");
            assert_eq!(c, &format!("{p}.out -> a.in"));
        }
    });
}

/// Forwards each number it receives, minus one, while it is positive.
struct Countdown;

impl Actor for Countdown {
    fn ports(&self) -> Ports {
        Ports::new().inport(PortSpec::new("in")).outport(PortSpec::new("out"))
    }
    async fn run(&mut self, ctx: &mut ActorRunContext) -> ActorResult {
        while let Some(v) = ctx.take_data("in") {
            let n = v.as_i64().ok_or("expected an integer")?;
            let state = ctx.state();
            let hops = state.get("hops").and_then(|h| h.as_u64()).unwrap_or(0);
            state.set("hops", json!(hops + 1));
            if n > 0 {
                ctx.send("out", Value::Int(n - 1)).await?;
            }
        }
        Ok(())
    }
}

#[test]
fn a_busy_cycle_that_blocks_often_but_progresses_is_not_a_deadlock() {
    // a <-> b with connections of 4 packets and 6 packets making 10,000
    // hops each: the connections are full again and again, but 6 packets
    // can never fill both (8) plus the one a blocked sender holds.
    let mut g = Graph::new();
    g.add_process("a", "test/Countdown").add_process("b", "test/Countdown");
    g.connect(PortRef::new("a", "out"), PortRef::new("b", "in"));
    g.connect(PortRef::new("b", "out"), PortRef::new("a", "in"));
    for _ in 0..6 {
        g.add_iip(json!(10_000), PortRef::new("a", "in"));
    }
    on_both_runtimes(|| async {
        let mut registry = registry();
        registry.register("test/Countdown", "counts down", |_| Ok(Countdown));
        let options = NetworkOptions { capacity: 4, ..NetworkOptions::default() };
        let network = Network::new(&g, &registry, options).unwrap();
        let handle = network.handle();
        let report = tokio::time::timeout(HANG_GUARD, network.run()).await.expect("the run must end").expect("no deadlock");
        assert_eq!(report.reason, EndReason::Quiescent);
        let hops = |p: &str| handle.state(p).unwrap().get("hops").and_then(|h| h.as_u64()).unwrap_or(0);
        // Each packet is received 10,001 times in all (10,000 down to 0).
        assert_eq!(hops("a") + hops("b"), 6 * 10_001);
    });
}
