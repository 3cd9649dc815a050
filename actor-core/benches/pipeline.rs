//! Framework overhead on a 5-stage pass-through pipeline (see
//! `support/pipeline.rs` for the shapes).
#![allow(missing_docs)] // criterion_group! generates undocumented items
//!
//! Group `pipeline_5_stages_1M` (P1): `bare_flume`, the baseline (tasks
//! joined by bare bounded flume channels, one packet per send);
//! `actorflow` (per-packet source, `core/Repeat` stages); and
//! `actorflow_per_packet` (per-packet source and forwarders).
//! Group `pipeline_batched_5_stages_1M` (P2): `bare_flume_vec`, the
//! baseline (the same tasks passing `Vec`s of 64 packets), and `actorflow`
//! (the source sends `Vec`s of 64 packets with `send_chunk`, `core/Repeat`
//! stages forward them, the sink takes chunks).
//! Each on a current-thread and on a 2-worker multi-thread runtime.

#[path = "support/pipeline.rs"]
#[allow(dead_code)] // the ping-pong shapes are used by the other benchmark
mod shapes;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use shapes::{PACKETS, Pipeline, pipeline_graph, run_actorflow, run_bare_flume, run_bare_flume_batched};

fn runtimes() -> [(&'static str, tokio::runtime::Runtime); 2] {
    [
        ("current_thread", tokio::runtime::Builder::new_current_thread().build().unwrap()),
        ("multi_thread", tokio::runtime::Builder::new_multi_thread().worker_threads(2).build().unwrap()),
    ]
}

fn p1(c: &mut Criterion) {
    let (graph, registry) = pipeline_graph(Pipeline::Repeat);
    let (per_packet, per_packet_registry) = pipeline_graph(Pipeline::PerPacket);
    let mut group = c.benchmark_group("pipeline_5_stages_1M");
    group.sample_size(10);
    group.throughput(Throughput::Elements(PACKETS as u64));
    for (name, rt) in &runtimes() {
        group.bench_with_input(BenchmarkId::new("bare_flume", name), name, |b, _| b.iter(|| rt.block_on(run_bare_flume())));
        group.bench_with_input(BenchmarkId::new("actorflow", name), name, |b, _| {
            b.iter(|| rt.block_on(run_actorflow(&graph, &registry)))
        });
        group.bench_with_input(BenchmarkId::new("actorflow_per_packet", name), name, |b, _| {
            b.iter(|| rt.block_on(run_actorflow(&per_packet, &per_packet_registry)))
        });
    }
    group.finish();
}

fn p2(c: &mut Criterion) {
    let (graph, registry) = pipeline_graph(Pipeline::Batched);
    let mut group = c.benchmark_group("pipeline_batched_5_stages_1M");
    group.sample_size(10);
    group.throughput(Throughput::Elements(PACKETS as u64));
    for (name, rt) in &runtimes() {
        group.bench_with_input(BenchmarkId::new("bare_flume_vec", name), name, |b, _| {
            b.iter(|| rt.block_on(run_bare_flume_batched()))
        });
        group.bench_with_input(BenchmarkId::new("actorflow", name), name, |b, _| {
            b.iter(|| rt.block_on(run_actorflow(&graph, &registry)))
        });
    }
    group.finish();
}

criterion_group!(benches, p1, p2);
criterion_main!(benches);
