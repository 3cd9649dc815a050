//! A repeater forwarding a hot field of a process's state to the process's
//! outport, in a running network.

use actor_core::{Actor, ActorResult, ActorRunContext, Graph, LiveMemoryState, Network, NetworkOptions, PortSpec, Ports, Registry};
use serde_json::json;

/// Keeps the count and running maximum of the numbers it receives in hot
/// fields; a repeater sends every new maximum on `max_out`.
#[derive(Default)]
struct MaxTracker {
    started: bool,
}

impl Actor for MaxTracker {
    fn ports(&self) -> Ports {
        Ports::new().inport(PortSpec::new("in")).outport(PortSpec::new("max_out"))
    }

    async fn run(&mut self, ctx: &mut ActorRunContext) -> ActorResult {
        if !self.started {
            ctx.state().declare_hot(&["count", "max"])?;
            ctx.state().set_number("max", f64::NEG_INFINITY)?;
            ctx.repeat_to_outport("max", "max_out")?;
            self.started = true;
        }
        while let Some(v) = ctx.take_data("in") {
            let x = v.as_f64().ok_or("expected a number")?;
            let state = ctx.state();
            state.reactive().batch(|| -> ActorResult {
                let count = state.get_number("count").unwrap_or(0.0);
                state.set_number("count", count + 1.0)?;
                if x > state.get_number("max").unwrap_or(f64::NEG_INFINITY) {
                    state.set_number("max", x)?;
                }
                Ok(())
            })?;
        }
        Ok(())
    }
}

fn network(capacity: usize) -> (Network, LiveMemoryState) {
    let mut registry = Registry::new();
    registry.register("test/MaxTracker", "running maximum", |_| Ok(MaxTracker::default()));
    let mut graph = Graph::new();
    graph.add_process("tracker", "test/MaxTracker");
    graph.export_inport("IN", "tracker", "in").export_outport("MAX", "tracker", "max_out");
    let network = Network::new(&graph, &registry, NetworkOptions { capacity, ..NetworkOptions::default() }).unwrap();
    let state = network.state("tracker").unwrap();
    (network, state)
}

const INPUT: [f64; 10] = [3.0, 1.0, 5.0, 5.0, 2.0, 8.0, 8.0, 10.0, -4.0, 9.5];

fn expected_maxima() -> Vec<f64> {
    let mut max = f64::NEG_INFINITY;
    INPUT.iter().filter(|&&x| if x > max { max = x; true } else { false }).copied().collect()
}

async fn drive(mut network: Network) -> Vec<f64> {
    let input = network.inport("IN").unwrap();
    let output = network.outport("MAX").unwrap();
    let running = network.start().unwrap();
    let feeder = tokio::spawn(async move {
        for x in INPUT {
            input.send(x).await.unwrap();
        }
    });
    let mut maxima = Vec::new();
    while let Some(p) = output.recv().await {
        maxima.push(p.into_data().and_then(|v| v.as_f64()).unwrap());
    }
    feeder.await.unwrap();
    running.wait().await.unwrap();
    maxima
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_new_maximum_is_sent_on_the_outport() {
    let (network, state) = network(64);
    let maxima = drive(network).await;
    assert_eq!(maxima, expected_maxima());
    assert_eq!(maxima, [3.0, 5.0, 8.0, 10.0]);
    // The handle taken before the run is the process's own state.
    assert_eq!(state.get_number("count"), Some(INPUT.len() as f64));
    assert_eq!(state.get_number("max"), Some(10.0));
    assert_eq!(state.snapshot(), json!({"count": 10.0, "max": 10.0}));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn full_connections_lose_nothing_and_keep_order() {
    // Capacity 1: most forwards find the connection full and wait in the
    // outport's backlog until the process delivers it.
    let (network, _state) = network(1);
    assert_eq!(drive(network).await, [3.0, 5.0, 8.0, 10.0]);
}

#[tokio::test(flavor = "current_thread")]
async fn works_on_a_current_thread_runtime_too() {
    let (network, state) = network(2);
    assert_eq!(drive(network).await, [3.0, 5.0, 8.0, 10.0]);
    assert_eq!(state.hot_fields(), ["count", "max"]);
}

/// Declares hot field `x` and repeats it to `out` on its first activation,
/// then sets `ready`; anything else may write `x` afterwards.
struct Repeats;

impl Actor for Repeats {
    fn ports(&self) -> Ports {
        Ports::new().inport(PortSpec::new("in")).outport(PortSpec::new("out"))
    }

    async fn run(&mut self, ctx: &mut ActorRunContext) -> ActorResult {
        if ctx.take_all("in").is_empty() || ctx.state().has("ready") {
            return Ok(());
        }
        ctx.state().declare_hot(&["x"])?;
        ctx.repeat_to_outport("x", "out")?;
        ctx.state().set("ready", json!(true));
        Ok(())
    }
}

#[test]
fn a_backlog_filled_while_its_process_is_idle_is_delivered() {
    // `p` is downstream of the idle cycle `q -> q`, so it never finishes.
    // Writes of its hot field from outside any activation of `p` find the
    // connection to `seen` (capacity 1) full and wait in the backlog; `p`
    // must deliver them although no packet arrives to activate it, and the
    // run must then end quiescent.
    let check = || async {
        let mut registry = actor_components::standard();
        registry.register("test/Repeats", "repeats x", |_| Ok(Repeats));
        registry.register_fn("test/Seen", "records what it receives", Ports::new().inport(PortSpec::new("in")), |ctx| {
            while let Some(v) = ctx.take_data("in") {
                ctx.state().update("seen", |cur| {
                    let mut all = cur.and_then(|c| c.as_array().cloned()).unwrap_or_default();
                    all.push(v.to_json());
                    json!(all)
                });
            }
            Ok(())
        });
        let mut graph = Graph::new();
        graph.add_process("q", "core/Repeat").add_process("p", "test/Repeats").add_process("seen", "test/Seen");
        graph.connect(actor_core::PortRef::new("q", "out"), actor_core::PortRef::new("q", "in"));
        graph.connect(actor_core::PortRef::new("q", "out"), actor_core::PortRef::new("p", "in"));
        graph.connect(actor_core::PortRef::new("p", "out"), actor_core::PortRef::new("seen", "in"));
        graph.add_iip(json!("start"), actor_core::PortRef::new("p", "in"));
        let network = Network::new(&graph, &registry, NetworkOptions { capacity: 1, ..NetworkOptions::default() }).unwrap();
        let (p, seen) = (network.state("p").unwrap(), network.state("seen").unwrap());
        // Quiescence is detected by `wait`, which is polled only after the writes.
        let running = network.start().unwrap();
        while !p.has("ready") {
            tokio::task::yield_now().await;
        }
        for x in 1..=5 {
            p.set_number("x", f64::from(x)).unwrap();
        }
        let report = tokio::time::timeout(std::time::Duration::from_secs(30), running.wait()).await.expect("the run must end").unwrap();
        assert_eq!(report.reason, actor_core::network::EndReason::Quiescent);
        assert_eq!(seen.get("seen"), Some(json!([1.0, 2.0, 3.0, 4.0, 5.0])));
    };
    tokio::runtime::Builder::new_current_thread().enable_time().build().unwrap().block_on(check());
}

/// Waits until its state has `ready`, then writes hot field `x` = 1..=300
/// (the state is shared with a `Repeats` process), then sends on `done`.
struct Writes;

impl Actor for Writes {
    fn ports(&self) -> Ports {
        Ports::new().outport(PortSpec::new("done"))
    }

    async fn run(&mut self, ctx: &mut ActorRunContext) -> ActorResult {
        while !ctx.state().has("ready") {
            actor_core::rt::yield_now().await;
        }
        for x in 1..=300 {
            ctx.state().set_number("x", f64::from(x))?;
        }
        ctx.send("done", true).await?;
        Ok(())
    }
}

#[test]
fn forwards_from_another_process_sharing_the_state_lose_nothing_and_keep_order() {
    // `w` writes `p`'s hot field from its own task (another thread on a
    // multi-thread runtime); `p`'s repeater forwards each change into a
    // connection of capacity 1, so most wait in the backlog, which `p`
    // delivers while it waits for input.
    let check = || async {
        let mut registry = actor_components::standard();
        registry.register("test/Repeats", "repeats x", |_| Ok(Repeats));
        registry.register("test/Writes", "writes x", |_| Ok(Writes));
        registry.register_fn("test/Seen", "records what it receives", Ports::new().inport(PortSpec::new("in")), |ctx| {
            while let Some(v) = ctx.take_data("in") {
                ctx.state().update("seen", |cur| {
                    let mut all = cur.and_then(|c| c.as_array().cloned()).unwrap_or_default();
                    all.push(v.to_json());
                    json!(all)
                });
            }
            Ok(())
        });
        let graph = Graph::from_fbp_str(
            "'start' -> IN p(test/Repeats) OUT -> IN seen(test/Seen)\n\
             w(test/Writes:state=p) DONE -> IN p",
            None,
        )
        .unwrap();
        let network = Network::new(&graph, &registry, NetworkOptions { capacity: 1, ..NetworkOptions::default() }).unwrap();
        let seen = network.state("seen").unwrap();
        let report = tokio::time::timeout(std::time::Duration::from_secs(30), network.run()).await.expect("the run must end").unwrap();
        assert_eq!(report.reason, actor_core::network::EndReason::Completed);
        let expected: Vec<_> = (1..=300).map(|x| json!(f64::from(x))).collect();
        assert_eq!(seen.get("seen"), Some(json!(expected)));
    };
    tokio::runtime::Builder::new_current_thread().enable_time().build().unwrap().block_on(check());
    tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_time().build().unwrap().block_on(check());
}
