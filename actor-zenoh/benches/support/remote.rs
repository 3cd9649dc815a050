//! The two sides of the remote connection benchmark, shared by
//! `benches/remote_connection.rs` and `examples/remote_once.rs`.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use actor_core::{Actor, ActorResult, ActorRunContext, Graph, Packet, PortSpec, Ports, Registry, Value};
use actor_zenoh::wire::encode_data;
use actor_zenoh::zenoh::qos::CongestionControl;
use actor_zenoh::{NodeOptions, NodeRun, SessionSettings, zenoh};

pub(crate) fn payloads() -> [(&'static str, Value); 2] {
    [("int", Value::Int(1_234_567)), ("string-1KiB", Value::from("x".repeat(1024)))]
}

/// Sends `n` copies of `payload`; with `turns`, waits for one after each.
struct Emit {
    payload: Value,
    n: u64,
    turns: Option<flume::Receiver<()>>,
    started: flume::Sender<Instant>,
}

impl Actor for Emit {
    fn ports(&self) -> Ports {
        Ports::new().outport(PortSpec::new("out"))
    }
    async fn run(&mut self, ctx: &mut ActorRunContext) -> ActorResult {
        let _ = self.started.send(Instant::now());
        for _ in 0..self.n {
            ctx.send("out", self.payload.clone()).await?;
            if let Some(turns) = &self.turns {
                turns.recv_async().await?;
            }
        }
        Ok(())
    }
}

/// Counts packets; sends a turn after each (latency) and the time of the last.
struct Count {
    n: u64,
    seen: u64,
    turns: Option<flume::Sender<()>>,
    done: flume::Sender<Instant>,
}

impl Actor for Count {
    fn ports(&self) -> Ports {
        Ports::new().inport(PortSpec::new("in"))
    }
    async fn run(&mut self, ctx: &mut ActorRunContext) -> ActorResult {
        while ctx.take("in").is_some() {
            self.seen += 1;
            if let Some(turns) = &self.turns {
                let _ = turns.send(());
            }
            if self.seen == self.n {
                let _ = self.done.send(Instant::now());
            }
        }
        Ok(())
    }
}

pub(crate) struct Pair {
    runtime: tokio::runtime::Runtime,
    a: zenoh::Session,
    b: zenoh::Session,
    graph: Graph,
    run: AtomicU64,
}

impl Pair {
    pub(crate) fn new() -> Self {
        let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let endpoint = format!("tcp/127.0.0.1:{port}");
        let (a, b) = runtime.block_on(async {
            let a = SessionSettings { listen: vec![endpoint.clone()], ..Default::default() };
            let b = SessionSettings { connect: vec![endpoint], ..Default::default() };
            let a = zenoh::open(a.to_config().unwrap()).await.unwrap();
            let b = zenoh::open(b.to_config().unwrap()).await.unwrap();
            (a, b)
        });
        let graph = Graph::from_fbp_str("emit(bench/Emit) OUT -> IN count(bench/Count:node=b)", None).unwrap();
        Self { runtime, a, b, graph, run: AtomicU64::new(0) }
    }
}

/// Time for `n` packets through a remote connection: pipelined, or each
/// sent once the previous one arrived (`one_at_a_time`).
pub(crate) fn remote(pair: &Pair, payload: &Value, n: u64, one_at_a_time: bool) -> Duration {
    let (started_tx, started) = flume::bounded(1);
    let (done_tx, done) = flume::bounded(1);
    let (turn_tx, turn_rx) = flume::unbounded();
    let mut registry = Registry::new();
    let (payload, turn_rx) = (payload.clone(), one_at_a_time.then_some(turn_rx));
    registry.register("bench/Emit", "sends packets", move |_| {
        Ok(Emit { payload: payload.clone(), n, turns: turn_rx.clone(), started: started_tx.clone() })
    });
    let turn_tx = one_at_a_time.then_some(turn_tx);
    registry.register("bench/Count", "counts packets", move |_| {
        Ok(Count { n, seen: 0, turns: turn_tx.clone(), done: done_tx.clone() })
    });
    let run = format!("bench-{}", pair.run.fetch_add(1, Ordering::Relaxed));
    let options = |node: &str| {
        let mut o = NodeOptions::new(node.parse().unwrap());
        o.run_id = run.parse().unwrap();
        o
    };
    pair.runtime.block_on(async {
        let (a, b) = tokio::try_join!(
            NodeRun::join(&pair.a, &pair.graph, &registry, options("main"), |_| {}),
            NodeRun::join(&pair.b, &pair.graph, &registry, options("b"), |_| {}),
        )
        .unwrap();
        let (ra, rb) = tokio::join!(a.run(), b.run());
        ra.unwrap();
        rb.unwrap();
        let (start, end) = (started.recv_async().await.unwrap(), done.recv_async().await.unwrap());
        end - start
    })
}

/// The same with raw Zenoh: one put per packet of its wire encoding.
pub(crate) fn raw(pair: &Pair, payload: &Value, n: u64, one_at_a_time: bool) -> Duration {
    let key = format!("bench/raw/{}", pair.run.fetch_add(1, Ordering::Relaxed));
    let bytes = encode_data(0, &[Packet::Data(payload.clone())]);
    pair.runtime.block_on(async {
        let (tx, rx) = flume::unbounded();
        let count = Arc::new(AtomicU64::new(0));
        let counted = count.clone();
        let subscriber = pair
            .b
            .declare_subscriber(&key)
            .callback(move |_| {
                let k = counted.fetch_add(1, Ordering::Relaxed) + 1;
                if one_at_a_time || k == n {
                    let _ = tx.send(Instant::now());
                }
            })
            .await
            .unwrap();
        let publisher = pair.a.declare_publisher(&key).congestion_control(CongestionControl::Block).await.unwrap();
        while !publisher.matching_status().await.unwrap().matching() {
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
        let start = Instant::now();
        let mut end = start;
        for _ in 0..n {
            publisher.put(bytes.clone()).await.unwrap();
            if one_at_a_time {
                end = rx.recv_async().await.unwrap();
            }
        }
        if !one_at_a_time {
            end = rx.recv_async().await.unwrap();
        }
        assert_eq!(count.load(Ordering::Relaxed), n);
        drop(subscriber);
        end - start
    })
}

