//! How runs end: failures and panics are reported with the process name,
//! a stop request runs every shutdown hook, cycles end when quiescent, and
//! the embedding handles are `Send + Sync`.

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use actor_core::network::{EndReason, InportHandle, NetworkHandle, OutportHandle};
use actor_core::{Graph, LiveMemoryState, Network, NetworkError, NetworkOptions, PortRef, PortSpec, Ports};
use common::*;
use serde_json::json;

/// Guards against hangs only; the tests assert outcomes, not durations.
const HANG_GUARD: Duration = Duration::from_secs(30);

fn failing_graph(trigger: &str) -> Graph {
    let mut g = Graph::new();
    process(&mut g, "gen", "test/Gen", json!({"count": 1000}));
    process(&mut g, "sink", "test/Collect", json!({}));
    process(&mut g, "fragile", "test/Fragile", json!({}));
    g.connect(PortRef::new("gen", "out"), PortRef::new("sink", "in"));
    g.add_iip(json!("fine"), PortRef::new("fragile", "in"));
    g.add_iip(json!(trigger), PortRef::new("fragile", "in"));
    g
}

async fn run_expecting_failure(trigger: &str) -> Vec<actor_core::network::ProcessFailure> {
    let net = Network::new(&failing_graph(trigger), &registry(), NetworkOptions::default()).unwrap();
    match tokio::time::timeout(HANG_GUARD, net.run()).await.expect("the run must end") {
        Err(NetworkError::Failed(f)) => f,
        other => panic!("expected a failure, got {other:?}"),
    }
}

#[test]
fn an_actor_error_fails_the_run_with_the_process_name() {
    on_both_runtimes(|| async {
        let failures = run_expecting_failure("boom").await;
        assert_eq!(failures.len(), 1);
        assert_eq!(failures[0].process, "fragile");
        assert_eq!(failures[0].component, "test/Fragile");
        assert_eq!(failures[0].cause, "received boom");
        assert_eq!(failures[0].to_string(), "process \"fragile\" (test/Fragile) failed: received boom");
    });
}

#[test]
fn a_panicking_actor_fails_the_run_instead_of_hanging_it() {
    on_both_runtimes(|| async {
        let failures = run_expecting_failure("panic").await;
        assert_eq!(failures.len(), 1);
        assert_eq!(failures[0].process, "fragile");
        assert_eq!(failures[0].cause, "panicked: received panic");
    });
}

#[test]
fn a_failure_shuts_the_other_processes_down_with_their_hooks() {
    on_both_runtimes(|| async {
        let shutdowns = Arc::new(AtomicUsize::new(0));
        let mut r = registry();
        let s = shutdowns.clone();
        r.register("test/Stuck", "waits forever", move |_| Ok(Stuck { shutdowns: s.clone() }));
        let mut g = failing_graph("boom");
        process(&mut g, "stuck", "test/Stuck", json!({}));
        g.add_iip(json!(1), PortRef::new("stuck", "in"));
        let net = Network::new(&g, &r, NetworkOptions::default()).unwrap();
        let result = tokio::time::timeout(HANG_GUARD, net.run()).await.expect("the run must end");
        assert!(matches!(result, Err(NetworkError::Failed(ref f)) if f[0].process == "fragile"), "{result:?}");
        assert_eq!(shutdowns.load(Ordering::SeqCst), 1);
    });
}

#[test]
fn stop_on_request_runs_every_shutdown_hook() {
    on_both_runtimes(|| async {
        let shutdowns = Arc::new(AtomicUsize::new(0));
        let mut r = registry();
        let s = shutdowns.clone();
        r.register("test/Stuck", "waits forever", move |_| Ok(Stuck { shutdowns: s.clone() }));
        let mut g = Graph::new();
        for name in ["s1", "s2", "s3"] {
            process(&mut g, name, "test/Stuck", json!({}));
            g.add_iip(json!(1), PortRef::new(name, "in"));
        }
        let running = Network::new(&g, &r, NetworkOptions::default()).unwrap().start().unwrap();
        let handle = running.handle();
        // Wait until every process is inside its activation.
        while handle.busy_processes().len() < 3 {
            actor_core::rt::yield_now().await;
        }
        handle.stop();
        let report = tokio::time::timeout(HANG_GUARD, running.wait()).await.expect("stop must end the run").unwrap();
        assert_eq!(report.reason, EndReason::Stopped);
        assert_eq!(shutdowns.load(Ordering::SeqCst), 3);
        assert!(handle.live_processes().is_empty());
    });
}

#[test]
fn a_cycle_ends_when_the_network_is_quiescent() {
    on_both_runtimes(|| async {
        // counter -> counter: counts down from the IIP to 0, then stops sending.
        let mut r = registry();
        r.register_fn(
            "test/CountDown",
            "sends n-1 back while n > 0",
            Ports::new().inport(PortSpec::new("in")).outport(PortSpec::new("out")),
            |ctx| {
                while let Some(v) = ctx.take_data("in") {
                    let n = v.as_i64().ok_or("not a number")?;
                    ctx.state().set("last", json!(n));
                    if n > 0 {
                        ctx.emit("out", n - 1)?;
                    }
                }
                Ok(())
            },
        );
        let mut g = Graph::new();
        process(&mut g, "a", "test/CountDown", json!({}));
        process(&mut g, "b", "core/Repeat", json!({}));
        g.connect(PortRef::new("a", "out"), PortRef::new("b", "in"));
        g.connect(PortRef::new("b", "out"), PortRef::new("a", "in"));
        g.add_iip(json!(2000), PortRef::new("a", "in"));
        let net = Network::new(&g, &r, NetworkOptions::default()).unwrap();
        let state = net.state("a").unwrap();
        let report = tokio::time::timeout(HANG_GUARD, net.run()).await.expect("a quiescent cycle must end").unwrap();
        assert_eq!(report.reason, EndReason::Quiescent);
        assert_eq!(state.get("last"), Some(json!(0)));
        assert_eq!(report.connections.iter().map(|c| c.packets).collect::<Vec<_>>(), [2000, 2000]);
    });
}

#[test]
fn an_unfinished_exported_inport_keeps_a_cycle_alive_until_dropped() {
    on_both_runtimes(|| async {
        let mut g = Graph::new();
        process(&mut g, "a", "core/Repeat", json!({}));
        process(&mut g, "b", "test/Collect", json!({}));
        process(&mut g, "c", "core/Repeat", json!({}));
        g.connect(PortRef::new("a", "out"), PortRef::new("b", "in"));
        // c -> c is a cycle that never carries a packet.
        g.connect(PortRef::new("c", "out"), PortRef::new("c", "in"));
        g.export_inport("IN", "a", "in");
        let net = Network::new(&g, &registry(), NetworkOptions::default()).unwrap();
        let input = net.inport("IN").unwrap();
        let running = net.start().unwrap();
        for i in 0..100 {
            input.send(i).await.unwrap();
        }
        let handle = running.handle();
        for _ in 0..1000 {
            actor_core::rt::yield_now().await;
        }
        assert!(!handle.live_processes().is_empty(), "the network ended while an inport handle was alive");
        drop(input);
        let report = tokio::time::timeout(HANG_GUARD, running.wait()).await.expect("must end").unwrap();
        assert_eq!(report.reason, EndReason::Quiescent);
    });
}

#[test]
fn handles_are_send_sync_and_cheap_to_clone() {
    fn assert_send_sync_clone<T: Send + Sync + Clone + 'static>() {}
    assert_send_sync_clone::<NetworkHandle>();
    assert_send_sync_clone::<InportHandle>();
    assert_send_sync_clone::<OutportHandle>();
    assert_send_sync_clone::<LiveMemoryState>();
    assert_send_sync_clone::<actor_core::OutPort>();

    // A clone is the same instance, not a copy.
    let s = LiveMemoryState::new();
    let t = s.clone();
    t.set("k", json!(1));
    assert_eq!(s.get("k"), Some(json!(1)));
    assert!(LiveMemoryState::ptr_eq(&s, &t));
}

#[test]
fn handles_work_from_other_threads() {
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).build().unwrap();
    rt.block_on(async {
        let mut g = Graph::new();
        process(&mut g, "r", "core/Repeat", json!({}));
        g.export_inport("IN", "r", "in").export_outport("OUT", "r", "out");
        let mut net = Network::new(&g, &registry(), NetworkOptions::default()).unwrap();
        let input = net.inport("IN").unwrap();
        let output = net.outport("OUT").unwrap();
        let running = net.start().unwrap();
        let producers: Vec<_> = (0..4)
            .map(|t| {
                let input = input.clone();
                tokio::spawn(async move {
                    for i in 0..250 {
                        input.send(t * 1000 + i).await.unwrap();
                    }
                })
            })
            .collect();
        drop(input);
        let consumer = tokio::spawn(async move {
            let mut n = 0;
            while output.recv().await.is_some() {
                n += 1;
            }
            n
        });
        for p in producers {
            p.await.unwrap();
        }
        assert_eq!(consumer.await.unwrap(), 1000);
        running.wait().await.unwrap();
    });
}

#[test]
fn starting_outside_a_runtime_is_an_error_not_a_panic() {
    let mut g = Graph::new();
    process(&mut g, "r", "core/Repeat", json!({}));
    let net = Network::new(&g, &registry(), NetworkOptions::default()).unwrap();
    assert!(matches!(net.start(), Err(NetworkError::NoRuntime(_))));
}

#[test]
fn stopping_a_cycle_reports_stopped_not_quiescent() {
    on_both_runtimes(|| async {
        let mut g = Graph::new();
        process(&mut g, "a", "core/Repeat", json!({}));
        process(&mut g, "b", "core/Repeat", json!({}));
        g.connect(PortRef::new("a", "out"), PortRef::new("b", "in"));
        g.connect(PortRef::new("b", "out"), PortRef::new("a", "in"));
        // One packet circulates forever.
        g.add_iip(json!("ball"), PortRef::new("a", "in"));
        let running = Network::new(&g, &registry(), NetworkOptions::default()).unwrap().start().unwrap();
        let handle = running.handle();
        while handle.connection_stats().iter().map(|c| c.packets).sum::<u64>() < 100 {
            actor_core::rt::yield_now().await;
        }
        handle.stop();
        let report = tokio::time::timeout(HANG_GUARD, running.wait()).await.expect("must end").unwrap();
        assert_eq!(report.reason, EndReason::Stopped);
    });
}

#[test]
fn a_cycle_with_an_exported_outport_still_ends_when_quiescent() {
    on_both_runtimes(|| async {
        // a <-> b is a cycle; a's outport is also exported. Packets that
        // leave the network through the exported outport are no longer in
        // flight inside it, so the cycle must still go quiescent.
        let mut g = Graph::new();
        process(&mut g, "a", "core/Repeat", json!({}));
        process(&mut g, "b", "test/Collect", json!({}));
        process(&mut g, "c", "core/Repeat", json!({}));
        g.connect(PortRef::new("a", "out"), PortRef::new("b", "in"));
        g.connect(PortRef::new("c", "out"), PortRef::new("c", "in"));
        g.add_iip(json!("x"), PortRef::new("a", "in"));
        g.export_outport("OUT", "a", "out");
        let mut net = Network::new(&g, &registry(), NetworkOptions::default()).unwrap();
        let output = net.outport("OUT").unwrap();
        let report = tokio::time::timeout(HANG_GUARD, net.run()).await.expect("a quiescent cycle must end").unwrap();
        assert_eq!(report.reason, EndReason::Quiescent);
        assert_eq!(output.try_recv().and_then(|p| p.into_data()), Some("x".into()));
    });
}

#[test]
fn a_cancelled_exported_inport_send_does_not_keep_a_cycle_alive() {
    on_both_runtimes(|| async {
        use futures::FutureExt as _;
        let mut g = Graph::new();
        process(&mut g, "a", "core/Repeat", json!({}));
        process(&mut g, "b", "test/Collect", json!({}));
        process(&mut g, "c", "core/Repeat", json!({}));
        g.connect(PortRef::new("a", "out"), PortRef::new("b", "in"));
        g.connect(PortRef::new("c", "out"), PortRef::new("c", "in"));
        g.export_inport("IN", "a", "in");
        let net = Network::new(&g, &registry(), NetworkOptions { capacity: 1, ..Default::default() }).unwrap();
        let input = net.inport("IN").unwrap();
        // Before the start nothing receives: the first send fills the
        // connection and the second waits; it is cancelled (dropped), as a
        // send inside a timeout or a select can be.
        input.send(1).await.unwrap();
        assert!(input.send(2).now_or_never().is_none(), "the connection should be full");
        let running = net.start().unwrap();
        drop(input);
        let report = tokio::time::timeout(HANG_GUARD, running.wait()).await.expect("a quiescent cycle must end").unwrap();
        assert_eq!(report.reason, EndReason::Quiescent);
    });
}

#[test]
fn quiescence_waits_for_processes_outside_the_cycle_to_finish() {
    on_both_runtimes(|| async {
        for _ in 0..20 {
            // gen -> sort -> collect finishes on its own (sort sends more
            // than a connection holds from its finish hook); c -> c is an
            // idle cycle. The run ends quiescent, but only after every
            // process outside the cycle has finished.
            let mut g = Graph::new();
            process(&mut g, "gen", "test/Gen", json!({"count": 300}));
            process(&mut g, "sort", "stream/Sort", json!({}));
            process(&mut g, "collect", "test/Collect", json!({}));
            process(&mut g, "c", "core/Repeat", json!({}));
            g.connect(PortRef::new("gen", "out"), PortRef::new("sort", "in"));
            g.connect(PortRef::new("sort", "out"), PortRef::new("collect", "in"));
            g.connect(PortRef::new("c", "out"), PortRef::new("c", "in"));
            let net = Network::new(&g, &registry(), NetworkOptions { capacity: 4, ..Default::default() }).unwrap();
            let h = net.handle();
            let report = tokio::time::timeout(HANG_GUARD, net.run()).await.expect("must end").unwrap();
            assert_eq!(report.reason, EndReason::Quiescent);
            let got = seen(&h, "collect");
            assert_eq!(got.len(), 300, "packets lost: the run stopped a process before it finished");
            assert_eq!(got, (0..300).map(|i| json!(i)).collect::<Vec<_>>());
        }
    });
}

#[test]
fn a_cancelled_send_inside_an_actor_does_not_keep_a_cycle_alive() {
    /// Sends 0..10 on `out` for each packet on `in`, giving up on a send
    /// that would wait (the send future is dropped, as in a select).
    struct Impatient;
    impl actor_core::Actor for Impatient {
        fn ports(&self) -> Ports {
            Ports::new().inport(PortSpec::new("in")).outport(PortSpec::new("out"))
        }
        async fn run(&mut self, ctx: &mut actor_core::ActorRunContext) -> actor_core::ActorResult {
            use futures::FutureExt as _;
            while ctx.take("in").is_some() {
                for i in 0..10 {
                    let _ = ctx.send("out", i).now_or_never();
                }
            }
            Ok(())
        }
    }
    on_both_runtimes(|| async {
        let mut r = registry();
        r.register("test/Impatient", "sends without waiting", |_| Ok(Impatient));
        // spam -> sink (capacity 1) finishes on its own; c -> c is an idle
        // cycle, so the run must end quiescent.
        let mut g = Graph::new();
        process(&mut g, "spam", "test/Impatient", json!({}));
        process(&mut g, "sink", "core/Drop", json!({}));
        process(&mut g, "c", "core/Repeat", json!({}));
        g.connect(PortRef::new("spam", "out"), PortRef::new("sink", "in"));
        g.connect(PortRef::new("c", "out"), PortRef::new("c", "in"));
        g.add_iip(json!("go"), PortRef::new("spam", "in"));
        let net = Network::new(&g, &r, NetworkOptions { capacity: 1, ..Default::default() }).unwrap();
        let report = tokio::time::timeout(HANG_GUARD, net.run()).await.expect("a quiescent cycle must end").unwrap();
        assert_eq!(report.reason, EndReason::Quiescent);
    });
}

#[test]
fn a_panicking_factory_is_an_instantiate_error_naming_the_process() {
    let mut r = registry();
    r.register("test/Picky", "panics on a bad config", |c: &serde_json::Value| {
        assert!(c.get("bad").is_none(), "config has 'bad'");
        Ok(common::Collect::default())
    });
    let mut g = Graph::new();
    process(&mut g, "picky", "test/Picky", json!({"bad": true}));
    match Network::new(&g, &r, NetworkOptions::default()) {
        Err(NetworkError::Instantiate { process, component, cause }) => {
            assert_eq!((process.as_str(), component.as_str()), ("picky", "test/Picky"));
            assert!(cause.starts_with("panicked: config has 'bad'"), "{cause}");
        }
        other => panic!("expected an Instantiate error, got {other:?}"),
    }
}

#[test]
fn at_quiescence_processes_downstream_of_a_cycle_still_run_finish() {
    on_both_runtimes(|| async {
        // a counts down through the cycle a -> b -> a and taps every value
        // out to `sink`, which publishes what it saw in its finish hook.
        let mut r = registry();
        r.register_fn(
            "test/CountDownTap",
            "sends n-1 back while n > 0, and n on tap",
            Ports::new().inport(PortSpec::new("in")).outport(PortSpec::new("out")).outport(PortSpec::new("tap")),
            |ctx| {
                while let Some(v) = ctx.take_data("in") {
                    let n = v.as_i64().ok_or("not a number")?;
                    ctx.emit("tap", n)?;
                    if n > 0 {
                        ctx.emit("out", n - 1)?;
                    }
                }
                Ok(())
            },
        );
        let mut g = Graph::new();
        process(&mut g, "a", "test/CountDownTap", json!({}));
        process(&mut g, "b", "core/Repeat", json!({}));
        process(&mut g, "sort", "stream/Sort", json!({}));
        process(&mut g, "sink", "test/Collect", json!({}));
        g.connect(PortRef::new("a", "out"), PortRef::new("b", "in"));
        g.connect(PortRef::new("b", "out"), PortRef::new("a", "in"));
        g.connect(PortRef::new("a", "tap"), PortRef::new("sort", "in"));
        g.connect(PortRef::new("sort", "out"), PortRef::new("sink", "in"));
        g.add_iip(json!(500), PortRef::new("a", "in"));
        let net = Network::new(&g, &r, NetworkOptions::default()).unwrap();
        let h = net.handle();
        let report = tokio::time::timeout(HANG_GUARD, net.run()).await.expect("must end").unwrap();
        assert_eq!(report.reason, EndReason::Quiescent);
        // stream/Sort emits only in finish, so this is empty unless both
        // sort and sink finished after the cycle went quiescent.
        assert_eq!(seen(&h, "sink"), (0..=500).map(|i| json!(i)).collect::<Vec<_>>());
    });
}
