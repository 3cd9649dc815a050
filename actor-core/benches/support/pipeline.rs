//! The 5-stage pass-through pipeline shared by `benches/pipeline.rs` and
//! `examples/pipeline_once.rs`: the actorflow network and the bare-flume
//! baseline, each moving [`PACKETS`] packets.

use std::hint::black_box;

use actor_core::port::DEFAULT_CAPACITY;
use actor_core::{Actor, ActorResult, ActorRunContext, Graph, Network, NetworkOptions, Packet, PortRef, PortSpec, Ports, Registry, Value};

/// Packets per run.
pub(crate) const PACKETS: i64 = 1_000_000;
/// Pass-through processes (or forwarding tasks) between source and sink.
pub(crate) const STAGES: usize = 5;

struct Source;
impl Actor for Source {
    fn ports(&self) -> Ports {
        Ports::new().outport(PortSpec::new("out"))
    }
    async fn run(&mut self, ctx: &mut ActorRunContext) -> ActorResult {
        for i in 0..PACKETS {
            ctx.send("out", Value::Int(i)).await?;
        }
        Ok(())
    }
}

struct Sink(u64);
impl Actor for Sink {
    fn ports(&self) -> Ports {
        Ports::new().inport(PortSpec::new("in"))
    }
    async fn run(&mut self, ctx: &mut ActorRunContext) -> ActorResult {
        while let Some(p) = ctx.take("in") {
            self.0 += 1;
            black_box(p);
        }
        Ok(())
    }
    async fn finish(&mut self, _ctx: &mut ActorRunContext) -> ActorResult {
        assert_eq!(self.0, PACKETS as u64);
        Ok(())
    }
}

/// The graph: source, [`STAGES`] `core/Repeat` processes, sink.
pub(crate) fn pipeline_graph() -> (Graph, Registry) {
    let mut r = actor_components::standard();
    r.register("bench/Source", "", |_| Ok(Source));
    r.register("bench/Sink", "", |_| Ok(Sink(0)));
    let mut g = Graph::new();
    g.add_process("src", "bench/Source");
    let mut prev = "src".to_string();
    for i in 0..STAGES {
        let name = format!("stage{i}");
        g.add_process(&name, "core/Repeat");
        g.connect(PortRef::new(&prev, "out"), PortRef::new(&name, "in"));
        prev = name;
    }
    g.add_process("sink", "bench/Sink");
    g.connect(PortRef::new(&prev, "out"), PortRef::new("sink", "in"));
    (g, r)
}

/// Runs the network once.
pub(crate) async fn run_actorflow(graph: &Graph, registry: &Registry) {
    let net = Network::new(graph, registry, NetworkOptions::default()).unwrap();
    net.run().await.unwrap();
}

/// Runs the baseline once: bare tokio tasks joined by bounded flume channels.
pub(crate) async fn run_bare_flume() {
    let (first_tx, mut rx) = flume::bounded::<Packet>(DEFAULT_CAPACITY);
    let mut tasks = Vec::new();
    for _ in 0..STAGES {
        let (tx, next_rx) = flume::bounded::<Packet>(DEFAULT_CAPACITY);
        let stage_rx = std::mem::replace(&mut rx, next_rx);
        tasks.push(tokio::spawn(async move {
            while let Ok(p) = stage_rx.recv_async().await {
                if tx.send_async(p).await.is_err() {
                    break;
                }
            }
        }));
    }
    let sink = tokio::spawn(async move {
        let mut n = 0u64;
        while let Ok(p) = rx.recv_async().await {
            n += 1;
            black_box(p);
        }
        assert_eq!(n, PACKETS as u64);
    });
    let source = tokio::spawn(async move {
        for i in 0..PACKETS {
            first_tx.send_async(Packet::Data(Value::Int(i))).await.unwrap();
        }
    });
    source.await.unwrap();
    for t in tasks {
        t.await.unwrap();
    }
    sink.await.unwrap();
}

