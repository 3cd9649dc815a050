//! The shapes shared by `benches/pipeline.rs`, `benches/pingpong.rs` and
//! `examples/pipeline_once.rs`: each actorflow network and its bare-flume
//! baseline.
//!
//! - **P1**, the 5-stage pass-through pipeline: a source sends [`PACKETS`]
//!   packets one `send` at a time through [`STAGES`] forwarding processes
//!   into a counting sink. The forwarders are `core/Repeat` (which forwards
//!   each activation's packets in one `send_all`), or, in the per-packet
//!   variant, a forwarder that calls `take` and `send` once per packet.
//!   Baseline: a producer task, five forwarding tasks and a consumer joined
//!   by bare bounded flume channels of the same capacity, one packet per
//!   send.
//! - **P2**, the same pipeline batched, each packet still one IP: the
//!   source sends `Vec`s of [`BATCH`] packets with `send_chunk`, the stages
//!   are `core/Repeat` (which forwards chunks as they come), the sink reads
//!   whole chunks with `take_chunk`. Baseline: the same tasks passing
//!   `Vec`s of [`BATCH`] packets over bare flume channels bounded to the
//!   same number of packets.
//! - **Ping-pong**: two processes on a cycle; a request goes from `ping`
//!   to `pong` and the reply comes back, [`ROUND_TRIPS`] times. Baseline:
//!   two tasks doing the same over two bare flume channels.

use std::hint::black_box;

use actor_core::port::DEFAULT_CAPACITY;
use actor_core::{Actor, ActorResult, ActorRunContext, Graph, Network, NetworkOptions, Packet, PortRef, PortSpec, Ports, Registry, Value};

/// Packets per pipeline run.
pub(crate) const PACKETS: i64 = 1_000_000;
/// Pass-through processes (or forwarding tasks) between source and sink.
pub(crate) const STAGES: usize = 5;
/// Packets per `Vec` in the batched baseline.
pub(crate) const BATCH: usize = 64;
/// Round trips per ping-pong run.
pub(crate) const ROUND_TRIPS: i64 = 10_000;

/// Sends [`PACKETS`] packets, one `send` each (P1) or in `Vec`s of
/// [`BATCH`] with `send_chunk` (P2).
struct Source {
    batched: bool,
}
impl Actor for Source {
    fn ports(&self) -> Ports {
        Ports::new().outport(PortSpec::new("out"))
    }
    async fn run(&mut self, ctx: &mut ActorRunContext) -> ActorResult {
        if self.batched {
            let mut i = 0;
            while i < PACKETS {
                let end = (i + BATCH as i64).min(PACKETS);
                ctx.send_chunk("out", (i..end).map(|i| Packet::Data(Value::Int(i))).collect::<Vec<_>>()).await?;
                i = end;
            }
        } else {
            for i in 0..PACKETS {
                ctx.send("out", Value::Int(i)).await?;
            }
        }
        Ok(())
    }
}

/// Forwards each packet with its own `take` and `send`.
struct Forward;
impl Actor for Forward {
    fn ports(&self) -> Ports {
        Ports::new().inport(PortSpec::new("in")).outport(PortSpec::new("out"))
    }
    async fn run(&mut self, ctx: &mut ActorRunContext) -> ActorResult {
        while let Some(p) = ctx.take("in") {
            ctx.send("out", p).await?;
        }
        Ok(())
    }
}

/// Counts the packets it receives, taking them one by one (P1) or a chunk
/// at a time (P2).
struct Sink {
    received: u64,
    batched: bool,
}
impl Actor for Sink {
    fn ports(&self) -> Ports {
        Ports::new().inport(PortSpec::new("in"))
    }
    async fn run(&mut self, ctx: &mut ActorRunContext) -> ActorResult {
        if self.batched {
            while let Some(chunk) = ctx.take_chunk("in") {
                for p in chunk {
                    self.received += 1;
                    black_box(p);
                }
            }
        } else {
            while let Some(p) = ctx.take("in") {
                self.received += 1;
                black_box(p);
            }
        }
        Ok(())
    }
    async fn finish(&mut self, _ctx: &mut ActorRunContext) -> ActorResult {
        assert_eq!(self.received, PACKETS as u64);
        Ok(())
    }
}

/// Which pipeline to build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pipeline {
    /// P1: per-packet source, `core/Repeat` stages.
    Repeat,
    /// P1, per-packet path throughout: per-packet source and forwarders.
    PerPacket,
    /// P2: chunks from the source (`send_chunk`), `core/Repeat` stages, a sink taking chunks.
    Batched,
}

/// The graph: source, [`STAGES`] forwarding processes, sink.
pub(crate) fn pipeline_graph(shape: Pipeline) -> (Graph, Registry) {
    let mut r = actor_components::standard();
    let batched = shape == Pipeline::Batched;
    r.register("bench/Source", "", move |_| Ok(Source { batched }));
    r.register("bench/Forward", "", |_| Ok(Forward));
    r.register("bench/Sink", "", move |_| Ok(Sink { received: 0, batched }));
    let stage = if shape == Pipeline::PerPacket { "bench/Forward" } else { "core/Repeat" };
    let mut g = Graph::new();
    g.add_process("src", "bench/Source");
    let mut prev = "src".to_string();
    for i in 0..STAGES {
        let name = format!("stage{i}");
        g.add_process(&name, stage);
        g.connect(PortRef::new(&prev, "out"), PortRef::new(&name, "in"));
        prev = name;
    }
    g.add_process("sink", "bench/Sink");
    g.connect(PortRef::new(&prev, "out"), PortRef::new("sink", "in"));
    (g, r)
}

/// Runs a network once, to its end.
pub(crate) async fn run_actorflow(graph: &Graph, registry: &Registry) {
    let net = Network::new(graph, registry, NetworkOptions::default()).unwrap();
    net.run().await.unwrap();
}

/// Runs `graph` once with its processes on `executor` (for example a
/// `PinnedExecutor`, as `actorflow run --runtime multi-thread` does).
pub(crate) async fn run_actorflow_on(graph: &Graph, registry: &Registry, executor: std::sync::Arc<dyn actor_core::rt::Executor>) {
    let options = NetworkOptions { executor: Some(executor), ..NetworkOptions::default() };
    let net = Network::new(graph, registry, options).unwrap();
    net.run().await.unwrap();
}

/// Runs the P1 baseline once: bare tokio tasks joined by bounded flume channels.
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

/// Runs the P2 baseline once: the same tasks passing `Vec`s of [`BATCH`]
/// packets, over flume channels of `DEFAULT_CAPACITY / BATCH` (at least 1)
/// `Vec`s, so that at most as many packets wait on a channel as in the
/// network.
pub(crate) async fn run_bare_flume_batched() {
    let capacity = (DEFAULT_CAPACITY / BATCH).max(1);
    let (first_tx, mut rx) = flume::bounded::<Vec<Packet>>(capacity);
    let mut tasks = Vec::new();
    for _ in 0..STAGES {
        let (tx, next_rx) = flume::bounded::<Vec<Packet>>(capacity);
        let stage_rx = std::mem::replace(&mut rx, next_rx);
        tasks.push(tokio::spawn(async move {
            while let Ok(batch) = stage_rx.recv_async().await {
                if tx.send_async(batch).await.is_err() {
                    break;
                }
            }
        }));
    }
    let sink = tokio::spawn(async move {
        let mut n = 0u64;
        while let Ok(batch) = rx.recv_async().await {
            for p in batch {
                n += 1;
                black_box(p);
            }
        }
        assert_eq!(n, PACKETS as u64);
    });
    let source = tokio::spawn(async move {
        let mut i = 0;
        while i < PACKETS {
            let end = (i + BATCH as i64).min(PACKETS);
            first_tx.send_async((i..end).map(|i| Packet::Data(Value::Int(i))).collect()).await.unwrap();
            i = end;
        }
    });
    source.await.unwrap();
    for t in tasks {
        t.await.unwrap();
    }
    sink.await.unwrap();
}

/// Sends 0 to `pong` when the run starts (on its `start` IIP), then the
/// next number on each reply, until [`ROUND_TRIPS`] replies came back.
struct Ping {
    replies: i64,
}
impl Actor for Ping {
    fn ports(&self) -> Ports {
        Ports::new().inport(PortSpec::new("start")).inport(PortSpec::new("in")).outport(PortSpec::new("out"))
    }
    async fn run(&mut self, ctx: &mut ActorRunContext) -> ActorResult {
        if ctx.take("start").is_some() {
            ctx.send("out", Value::Int(0)).await?;
        }
        while let Some(reply) = ctx.take_data("in") {
            self.replies += 1;
            if self.replies < ROUND_TRIPS {
                ctx.send("out", Value::Int(reply.as_i64().unwrap_or(0) + 1)).await?;
            }
        }
        Ok(())
    }
    fn shutdown(&mut self, _ctx: &mut ActorRunContext) {
        assert_eq!(self.replies, ROUND_TRIPS);
    }
}

/// Replies to each request with the same value.
struct Pong;
impl Actor for Pong {
    fn ports(&self) -> Ports {
        Ports::new().inport(PortSpec::new("in")).outport(PortSpec::new("out"))
    }
    async fn run(&mut self, ctx: &mut ActorRunContext) -> ActorResult {
        while let Some(p) = ctx.take("in") {
            ctx.send("out", p).await?;
        }
        Ok(())
    }
}

/// The ping-pong graph: `ping OUT -> IN pong`, `pong OUT -> IN ping`, an IIP to `ping START`.
pub(crate) fn pingpong_graph() -> (Graph, Registry) {
    let mut r = Registry::new();
    r.register("bench/Ping", "", |_| Ok(Ping { replies: 0 }));
    r.register("bench/Pong", "", |_| Ok(Pong));
    let mut g = Graph::new();
    g.add_process("ping", "bench/Ping").add_process("pong", "bench/Pong");
    g.connect(PortRef::new("ping", "out"), PortRef::new("pong", "in"));
    g.connect(PortRef::new("pong", "out"), PortRef::new("ping", "in"));
    g.add_iip(serde_json::json!(true), PortRef::new("ping", "start"));
    (g, r)
}

/// Runs the ping-pong baseline once: two tasks, two bounded flume channels.
pub(crate) async fn run_bare_pingpong() {
    let (req_tx, req_rx) = flume::bounded::<Packet>(DEFAULT_CAPACITY);
    let (rep_tx, rep_rx) = flume::bounded::<Packet>(DEFAULT_CAPACITY);
    let pong = tokio::spawn(async move {
        while let Ok(p) = req_rx.recv_async().await {
            if rep_tx.send_async(p).await.is_err() {
                break;
            }
        }
    });
    let ping = tokio::spawn(async move {
        let mut replies = 0;
        req_tx.send_async(Packet::Data(Value::Int(0))).await.unwrap();
        while let Ok(reply) = rep_rx.recv_async().await {
            replies += 1;
            if replies == ROUND_TRIPS {
                break;
            }
            let next = reply.into_data().and_then(|v| v.as_i64()).unwrap_or(0) + 1;
            req_tx.send_async(Packet::Data(Value::Int(next))).await.unwrap();
        }
        assert_eq!(replies, ROUND_TRIPS);
    });
    ping.await.unwrap();
    pong.await.unwrap();
}
