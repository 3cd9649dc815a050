#![allow(missing_docs)] // criterion_group! generates an undocumented pub fn
//! A remote connection's throughput and per-packet latency against raw
//! Zenoh pub/sub carrying the same payloads, in the same run.
//!
//! Two Zenoh sessions in this process, linked over loopback TCP (one
//! listens, one connects; no scouting), carry:
//! - `raw_zenoh`: one `put` per packet of its wire encoding (a
//!   `CongestionControl::Block` publisher), counted by a subscriber callback;
//! - `remote_connection`: the graph `a(core/Repeat) OUT -> IN b(core/Repeat:node=b)`
//!   on two nodes; packets go in through a's exported inport and come out of
//!   b's exported outport, so each also crosses two local connections and
//!   two `core/Repeat` processes.
//!
//! Throughput: 20,000 packets per iteration, timed from the first send to
//! the last receipt. Latency: 500 packets, each sent after the previous one
//! arrived; the time per packet. Payloads: an integer, and a 1 KiB string.
//!
//! ```sh
//! cargo bench -p actor-zenoh --bench remote_connection
//! ```

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use actor_core::network::{InportHandle, OutportHandle};
use actor_core::{Graph, Packet, Registry, Value};
use actor_zenoh::wire::encode_data;
use actor_zenoh::zenoh::qos::CongestionControl;
use actor_zenoh::{NodeOptions, NodeRun, SessionSettings, zenoh};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

const THROUGHPUT_PACKETS: u64 = 20_000;
const LATENCY_PACKETS: u64 = 500;

fn payloads() -> [(&'static str, Value); 2] {
    [("int", Value::Int(1_234_567)), ("string-1KiB", Value::from("x".repeat(1024)))]
}

struct Pair {
    runtime: tokio::runtime::Runtime,
    a: zenoh::Session,
    b: zenoh::Session,
    graph: Graph,
    registry: Registry,
    run: AtomicU64,
}

impl Pair {
    fn new() -> Self {
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
        let graph = Graph::from_fbp_str(
            "INPORT=a.IN:IN\nOUTPORT=b.OUT:OUT\na(core/Repeat) OUT -> IN b(core/Repeat:node=b)",
            None,
        )
        .unwrap();
        Self { runtime, a, b, graph, registry: Registry::standard(), run: AtomicU64::new(0) }
    }

    /// Joins both nodes of a fresh run and starts them; returns the
    /// exported ports and the runs' join handle.
    fn start(&self) -> (InportHandle, OutportHandle, tokio::task::JoinHandle<()>) {
        let run = format!("bench-{}", self.run.fetch_add(1, Ordering::Relaxed));
        let options = |node: &str| {
            let mut o = NodeOptions::new(node.parse().unwrap());
            o.run_id = run.parse().unwrap();
            o
        };
        self.runtime.block_on(async {
            let (mut a, mut b) = tokio::try_join!(
                NodeRun::join(&self.a, &self.graph, &self.registry, options("main"), |_| {}),
                NodeRun::join(&self.b, &self.graph, &self.registry, options("b"), |_| {}),
            )
            .unwrap();
            let input = a.network_mut().inport("in").unwrap();
            let output = b.network_mut().outport("out").unwrap();
            let runs = tokio::spawn(async move {
                let (ra, rb) = tokio::join!(a.run(), b.run());
                ra.unwrap();
                rb.unwrap();
            });
            (input, output, runs)
        })
    }
}

/// Time for `n` packets through a remote connection: pipelined
/// (`one_at_a_time = false`) or each after the previous one arrived.
fn remote(pair: &Pair, payload: &Value, n: u64, one_at_a_time: bool) -> Duration {
    let (input, output, runs) = pair.start();
    let elapsed = pair.runtime.block_on(async {
        let start = Instant::now();
        if one_at_a_time {
            for _ in 0..n {
                input.send(payload.clone()).await.unwrap();
                output.recv().await.unwrap();
            }
        } else {
            let feed = async {
                for _ in 0..n {
                    input.send(payload.clone()).await.unwrap();
                }
            };
            let drain = async {
                for _ in 0..n {
                    output.recv().await.unwrap();
                }
            };
            tokio::join!(feed, drain);
        }
        start.elapsed()
    });
    drop(input);
    pair.runtime.block_on(runs).unwrap();
    elapsed
}

/// The same with raw Zenoh: one put per packet of its wire encoding.
fn raw(pair: &Pair, payload: &Value, n: u64, one_at_a_time: bool) -> Duration {
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
                    let _ = tx.send(());
                }
            })
            .await
            .unwrap();
        let publisher = pair.a.declare_publisher(&key).congestion_control(CongestionControl::Block).await.unwrap();
        while !publisher.matching_status().await.unwrap().matching() {
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
        let start = Instant::now();
        for _ in 0..n {
            publisher.put(bytes.clone()).await.unwrap();
            if one_at_a_time {
                rx.recv_async().await.unwrap();
            }
        }
        if !one_at_a_time {
            rx.recv_async().await.unwrap();
        }
        let elapsed = start.elapsed();
        assert_eq!(count.load(Ordering::Relaxed), n);
        drop(subscriber);
        elapsed
    })
}

fn bench(c: &mut Criterion) {
    let pair = Pair::new();
    let mut group = c.benchmark_group("remote_throughput");
    group.sample_size(10).throughput(Throughput::Elements(THROUGHPUT_PACKETS));
    for (name, payload) in payloads() {
        group.bench_with_input(BenchmarkId::new("raw_zenoh", name), &payload, |b, p| {
            b.iter_custom(|iters| (0..iters).map(|_| raw(&pair, p, THROUGHPUT_PACKETS, false)).sum())
        });
        group.bench_with_input(BenchmarkId::new("remote_connection", name), &payload, |b, p| {
            b.iter_custom(|iters| (0..iters).map(|_| remote(&pair, p, THROUGHPUT_PACKETS, false)).sum())
        });
    }
    group.finish();
    let mut group = c.benchmark_group("remote_latency");
    group.sample_size(10).throughput(Throughput::Elements(LATENCY_PACKETS));
    for (name, payload) in payloads() {
        group.bench_with_input(BenchmarkId::new("raw_zenoh", name), &payload, |b, p| {
            b.iter_custom(|iters| (0..iters).map(|_| raw(&pair, p, LATENCY_PACKETS, true)).sum())
        });
        group.bench_with_input(BenchmarkId::new("remote_connection", name), &payload, |b, p| {
            b.iter_custom(|iters| (0..iters).map(|_| remote(&pair, p, LATENCY_PACKETS, true)).sum())
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
