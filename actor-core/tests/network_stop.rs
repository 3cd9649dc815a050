//! A stop request ends every run, whatever its processes do: a process that
//! always has input (a self-loop) or that sends without end yields to the
//! executor after a bounded number of packets, so it sees the request even
//! on a current-thread runtime.

mod common;

use std::time::Duration;

use actor_core::network::EndReason;
use actor_core::{Actor, ActorResult, ActorRunContext, Graph, Network, NetworkOptions, PortRef, PortSpec, Ports, Value};
use common::*;
use serde_json::json;

/// Guards against hangs only; the tests assert outcomes, not durations.
const HANG_GUARD: Duration = Duration::from_secs(30);

/// Sends integers on `out` forever.
struct Endless;

impl Actor for Endless {
    fn ports(&self) -> Ports {
        Ports::new().outport(PortSpec::new("out"))
    }
    async fn run(&mut self, ctx: &mut ActorRunContext) -> ActorResult {
        for i in 0.. {
            ctx.send("out", Value::Int(i)).await?;
        }
        Ok(())
    }
}

/// Runs `graph` until it has moved at least 100,000 packets, stops it, and
/// returns how it ended.
async fn stop_after_traffic(graph: &Graph) -> EndReason {
    let mut registry = registry();
    registry.register("test/Endless", "sends forever", |_| Ok(Endless));
    let network = Network::new(graph, &registry, NetworkOptions::default()).unwrap();
    let handle = network.handle();
    let running = network.start().unwrap();
    let stopper = async {
        // The processes yield, so this task gets turns on a current-thread runtime too.
        while handle.connection_stats().iter().map(|c| c.packets).sum::<u64>() < 100_000 {
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
        handle.stop();
    };
    let (report, ()) = tokio::time::timeout(HANG_GUARD, async { tokio::join!(running.wait(), stopper) })
        .await
        .expect("the stop must end the run");
    report.expect("a stopped run is not a failure").reason
}

#[test]
fn a_self_loop_that_always_has_input_is_stopped() {
    let mut g = Graph::new();
    g.add_process("a", "core/Repeat");
    g.add_iip(json!("x"), PortRef::new("a", "in"));
    g.connect(PortRef::new("a", "out"), PortRef::new("a", "in"));
    on_both_runtimes(|| async { assert_eq!(stop_after_traffic(&g).await, EndReason::Stopped) });
}

#[test]
fn a_source_that_sends_forever_into_a_fast_consumer_is_stopped() {
    let mut g = Graph::new();
    g.add_process("gen", "test/Endless").add_process("drop", "core/Drop");
    g.connect(PortRef::new("gen", "out"), PortRef::new("drop", "in"));
    on_both_runtimes(|| async { assert_eq!(stop_after_traffic(&g).await, EndReason::Stopped) });
}

/// Sends three integers, then waits forever.
struct ThreeThenWait;

impl Actor for ThreeThenWait {
    fn ports(&self) -> Ports {
        Ports::new().outport(PortSpec::new("out"))
    }
    async fn run(&mut self, ctx: &mut ActorRunContext) -> ActorResult {
        for i in 0..3 {
            ctx.send("out", Value::Int(i)).await?;
        }
        std::future::pending::<()>().await;
        Ok(())
    }
}

#[test]
fn processes_whose_input_ends_during_a_stop_do_not_finish() {
    // gen -> sink. On a stop, gen ends (its outport closes) and sink sees
    // its input end; the stop came first, so sink must not run `finish`,
    // which would publish a result computed from part of the input. (On a
    // current-thread runtime gen is woken first, so sink always sees its
    // input closed by then.)
    let mut g = Graph::new();
    g.add_process("gen", "test/ThreeThenWait").add_process("sink", "test/Collect");
    g.connect(PortRef::new("gen", "out"), PortRef::new("sink", "in"));
    on_both_runtimes(|| async {
        let mut registry = registry();
        registry.register("test/ThreeThenWait", "three packets", |_| Ok(ThreeThenWait));
        let network = Network::new(&g, &registry, NetworkOptions::default()).unwrap();
        let handle = network.handle();
        let running = network.start().unwrap();
        while handle.busy_processes() != ["gen"] || handle.connection_stats()[0].packets < 3 {
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
        handle.stop();
        let report = tokio::time::timeout(HANG_GUARD, running.wait()).await.expect("ends").expect("not a failure");
        assert_eq!(report.reason, EndReason::Stopped);
        assert_eq!(handle.state("sink").unwrap().get("seen"), None, "Collect's finish did not run");
    });
}
