//! What a server costs a running network: the 5-stage pass-through
//! pipeline of `actor-core/benches/pipeline.rs` (1,000,000 packets through
//! five `core/Repeat` processes), measured in one group:
//!
//! - `no_server`: the network alone, run by `Network::run` (the baseline);
//! - `server_client_all_edges`: the same graph as the main graph of an
//!   `actor-server` runtime on a loopback WebSocket, started by a client
//!   (tokio-tungstenite) that watches every edge (no `network:edges`
//!   selection) and asked for `actorflow:stats`; each iteration sends
//!   `network:start` and reads every message until `network:stopped`.
//!
//! The no-client case is counted in instructions instead:
//! `examples/server_pipeline_once.rs`.
#![allow(missing_docs)] // criterion_group! generates undocumented items

#[path = "../../actor-core/benches/support/pipeline.rs"]
#[allow(dead_code)]
mod shapes;

use actor_server::{Runtime, RuntimeOptions, Server};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use futures::{SinkExt, StreamExt};
use shapes::{PACKETS, pipeline_graph, run_actorflow};
use tokio_tungstenite::tungstenite::Message;

type Socket = tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

async fn server_and_client() -> Socket {
    let (graph, registry) = pipeline_graph();
    let runtime = Runtime::new(registry, RuntimeOptions::default());
    runtime.set_main_graph("pipeline", graph);
    let server = Server::bind("127.0.0.1".parse().unwrap(), 0, runtime, false).await.unwrap();
    let url = server.ws_url();
    tokio::spawn(server.serve(std::future::pending()));
    let (mut ws, _) = tokio_tungstenite::connect_async(url).await.unwrap();
    let stats = r#"{"protocol":"actorflow","command":"stats","payload":{"graph":"pipeline"}}"#;
    ws.send(Message::Text(stats.into())).await.unwrap();
    ws
}

/// Starts the pipeline and reads every message until it stopped; returns
/// how many messages the client read.
async fn run_through_server(ws: &mut Socket) -> usize {
    let start = r#"{"protocol":"network","command":"start","payload":{"graph":"pipeline"}}"#;
    ws.send(Message::Text(start.into())).await.unwrap();
    let mut messages = 0;
    while let Some(msg) = ws.next().await {
        if let Message::Text(t) = msg.unwrap() {
            messages += 1;
            assert!(!t.contains(r#""command":"error""#), "{t}");
            if t.contains(r#""command":"stopped""#) {
                return messages;
            }
        }
    }
    panic!("the server closed the connection");
}

fn bench(c: &mut Criterion) {
    let (graph, registry) = pipeline_graph();
    let mut group = c.benchmark_group("server_pipeline_5_stages_1M");
    group.sample_size(10);
    group.throughput(Throughput::Elements(PACKETS as u64));
    let runtimes = [
        ("current_thread", tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap()),
        ("multi_thread", tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap()),
    ];
    for (name, rt) in &runtimes {
        group.bench_with_input(BenchmarkId::new("no_server", name), name, |b, _| {
            b.iter(|| rt.block_on(run_actorflow(&graph, &registry)))
        });
        let mut ws = rt.block_on(server_and_client());
        group.bench_with_input(BenchmarkId::new("server_client_all_edges", name), name, |b, _| {
            b.iter(|| rt.block_on(run_through_server(&mut ws)))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
