//! One-for-one supervision: under `restart=on_failure` a failed process is
//! restarted with a fresh actor that keeps the process's state (the same
//! `LiveMemoryState`, with its subscribers, hot fields and repeaters) and
//! its inport channels, so no packet is lost; past `max_restarts` the run
//! fails; restarts are reported as events.

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use actor_core::network::{EndReason, OutportHandle, RestartEvent};
use actor_core::{
    Actor, ActorResult, ActorRunContext, Graph, LiveMemoryState, Network, NetworkError, NetworkOptions, Packet, PortRef, PortSpec,
    Ports, Value,
};
use common::*;
use serde_json::json;

/// Guards against hangs only; the tests assert outcomes, not durations.
const HANG_GUARD: Duration = Duration::from_secs(60);

/// Forwards every packet on `in` to `out` and counts it in hot field
/// `count`, which a repeater forwards to `count`. Each instance panics when
/// it takes its 1,000th packet, before handling it.
#[derive(Default)]
struct Flaky {
    taken: u32,
}

impl Actor for Flaky {
    fn ports(&self) -> Ports {
        Ports::new().inport(PortSpec::new("in")).outport(PortSpec::new("out")).outport(PortSpec::new("count"))
    }
    async fn run(&mut self, ctx: &mut ActorRunContext) -> ActorResult {
        if !ctx.state().is_hot("count") {
            // The first instance only: the state, with its hot field and
            // its repeater, outlives the instances.
            ctx.state().declare_hot(&["count"])?;
            ctx.repeat_to_outport("count", "count")?;
        }
        while let Some(v) = ctx.take_data("in") {
            self.taken += 1;
            if self.taken == 1000 {
                panic!("the 1,000th packet of this instance");
            }
            let state = ctx.state();
            state.set_number("count", state.get_number("count").unwrap_or(0.0) + 1.0)?;
            ctx.send("out", v).await?;
        }
        Ok(())
    }
}

/// Fails on every packet.
struct AlwaysFails;

impl Actor for AlwaysFails {
    fn ports(&self) -> Ports {
        Ports::new().inport(PortSpec::new("in"))
    }
    async fn run(&mut self, _ctx: &mut ActorRunContext) -> ActorResult {
        Err("the disk is on fire".into())
    }
}

/// Sums the integers on `in` into state key `sum`; its first `finish`
/// fails (the state remembers that it did), the next one sends the sum.
struct SumFailsFinishOnce;

impl Actor for SumFailsFinishOnce {
    fn ports(&self) -> Ports {
        Ports::new().inport(PortSpec::new("in")).outport(PortSpec::new("out"))
    }
    async fn run(&mut self, ctx: &mut ActorRunContext) -> ActorResult {
        while let Some(v) = ctx.take_data("in") {
            let state = ctx.state();
            let sum = state.get("sum").and_then(|s| s.as_i64()).unwrap_or(0);
            state.set("sum", json!(sum + v.as_i64().ok_or("an integer")?));
        }
        Ok(())
    }
    async fn finish(&mut self, ctx: &mut ActorRunContext) -> ActorResult {
        if ctx.state().set("failed_once", json!(true)).is_none() {
            return Err("the first finish fails".into());
        }
        let sum = ctx.state().get("sum").and_then(|s| s.as_i64()).unwrap_or(0);
        ctx.send("out", Value::Int(sum)).await?;
        Ok(())
    }
}

fn registry() -> actor_core::Registry {
    let mut r = common::registry();
    r.register("test/SumFailsFinishOnce", "fails its first finish", |_| Ok(SumFailsFinishOnce));
    r.register("test/Flaky", "panics on every 1,000th packet", |_| Ok(Flaky::default()));
    r.register("test/AlwaysFails", "fails", |_| Ok(AlwaysFails));
    r
}

async fn drain(out: OutportHandle) -> Vec<Packet> {
    let mut all = Vec::new();
    while let Some(p) = out.recv().await {
        all.push(p);
    }
    all
}

fn ints(packets: &[Packet]) -> Vec<i64> {
    packets.iter().map(|p| p.data().and_then(Value::as_i64).expect("an integer")).collect()
}

#[test]
fn a_process_that_panics_on_every_1000th_packet_keeps_its_state_and_loses_no_packet() {
    const N: i64 = 10_000;
    // Instance k panics at packet 999k + 1 and its successor takes that
    // packet again first: 10 restarts for 10,000 packets.
    let restarts_expected = ((N - 1) / 999) as u32;
    let mut g = Graph::new();
    process(&mut g, "gen", "test/Gen", json!({"count": N}));
    process(&mut g, "flaky", "test/Flaky", json!({"restart": "on_failure", "max_restarts": "10", "restart_backoff_ms": "1"}));
    g.connect(PortRef::new("gen", "out"), PortRef::new("flaky", "in"));
    g.export_outport("OUT", "flaky", "out").export_outport("COUNT", "flaky", "count");
    on_both_runtimes(|| async {
        let mut network = Network::new(&g, &registry(), NetworkOptions::default()).unwrap();
        let (out, count) = (network.outport("OUT").unwrap(), network.outport("COUNT").unwrap());
        let state: LiveMemoryState = network.state("flaky").unwrap();
        let notified = Arc::new(AtomicUsize::new(0));
        let n = notified.clone();
        let _subscription = state.subscribe("count", move |_| {
            n.fetch_add(1, Ordering::Relaxed);
        });
        let handle = network.handle();
        let events = handle.restart_events();
        let running = network.start().unwrap();
        let collect_events = async {
            let mut all: Vec<RestartEvent> = Vec::new();
            while let Some(e) = events.recv().await {
                all.push(e);
            }
            all
        };
        let (report, out, count, events) =
            tokio::time::timeout(HANG_GUARD, async { tokio::join!(running.wait(), drain(out), drain(count), collect_events) })
                .await
                .expect("the run must end");
        assert_eq!(report.expect("the restarts absorb the panics").reason, EndReason::Completed);

        // Every packet, once, in order.
        assert_eq!(ints(&out), (0..N).collect::<Vec<_>>());
        // The same state instance throughout: its hot field counted every
        // packet, its subscriber saw every change, and the repeater made by
        // the first instance forwarded every change.
        assert!(LiveMemoryState::ptr_eq(&state, &handle.state("flaky").unwrap()));
        assert_eq!(state.get_number("count"), Some(N as f64));
        assert_eq!(notified.load(Ordering::Relaxed), N as usize);
        let counts: Vec<f64> = count.iter().map(|p| p.data().and_then(Value::as_f64).unwrap()).collect();
        assert_eq!(counts, (1..=N).map(|i| i as f64).collect::<Vec<_>>());

        // Restarts, reported as events and counted on the handle.
        assert_eq!(events.len() as u32, restarts_expected);
        for (i, e) in events.iter().enumerate() {
            assert_eq!((e.process.as_str(), e.component.as_str()), ("flaky", "test/Flaky"));
            assert_eq!(e.restarts, i as u32 + 1);
            assert_eq!(e.cause, "panicked: the 1,000th packet of this instance");
            assert_eq!(e.backoff_ms, 1 << i, "the backoff doubles from 1 ms");
        }
        assert_eq!(handle.restarts(), [("flaky".to_string(), restarts_expected)]);
    });
}

#[test]
fn past_max_restarts_the_run_fails_as_without_restarts() {
    let mut g = Graph::new();
    process(&mut g, "boom", "test/AlwaysFails", json!({"restart": "on_failure", "max_restarts": 2, "restart_backoff_ms": 1}));
    g.add_iip(json!(1), PortRef::new("boom", "in"));
    g.add_iip(json!(2), PortRef::new("boom", "in"));
    g.add_iip(json!(3), PortRef::new("boom", "in"));
    on_both_runtimes(|| async {
        let network = Network::new(&g, &registry(), NetworkOptions::default()).unwrap();
        let handle = network.handle();
        let result = tokio::time::timeout(HANG_GUARD, network.run()).await.expect("the run must end");
        let Err(NetworkError::Failed(f)) = result else { panic!("expected a failure, got {result:?}") };
        assert_eq!((f.len(), f[0].process.as_str(), f[0].cause.as_str()), (1, "boom", "the disk is on fire"));
        assert_eq!(handle.restarts(), [("boom".to_string(), 2)]);
    });
}

#[test]
fn a_stop_during_the_backoff_ends_the_run() {
    let mut g = Graph::new();
    process(&mut g, "boom", "test/AlwaysFails", json!({"restart": "on_failure", "restart_backoff_ms": 3_600_000}));
    g.add_iip(json!(1), PortRef::new("boom", "in"));
    on_both_runtimes(|| async {
        let network = Network::new(&g, &registry(), NetworkOptions::default()).unwrap();
        let handle = network.handle();
        let running = network.start().unwrap();
        while handle.restarting_processes().is_empty() {
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
        handle.stop();
        let report = tokio::time::timeout(HANG_GUARD, running.wait()).await.expect("the stop ends the hour-long backoff");
        assert_eq!(report.expect("stopped, not failed").reason, EndReason::Stopped);
    });
}

#[test]
fn a_restart_after_a_failed_finish_takes_no_packet_twice() {
    // The packets taken by the last activation before `finish` were handled:
    // a restart after `finish` fails must not give them again.
    let mut g = Graph::new();
    process(&mut g, "gen", "test/Gen", json!({"count": 100}));
    process(&mut g, "sum", "test/SumFailsFinishOnce", json!({"restart": "on_failure", "restart_backoff_ms": 0}));
    g.connect(PortRef::new("gen", "out"), PortRef::new("sum", "in"));
    g.export_outport("OUT", "sum", "out");
    on_both_runtimes(|| async {
        let mut network = Network::new(&g, &registry(), NetworkOptions::default()).unwrap();
        let out = network.outport("OUT").unwrap();
        let handle = network.handle();
        let (report, sums) = tokio::time::timeout(HANG_GUARD, async { tokio::join!(network.run(), drain(out)) })
            .await
            .expect("the run must end");
        assert_eq!(report.expect("the restart absorbs the failure").reason, EndReason::Completed);
        assert_eq!(ints(&sums), [(0..100).sum::<i64>()]);
        assert_eq!(handle.restarts(), [("sum".to_string(), 1)]);
    });
}
