//! Request and reply across two processes (see `support/pipeline.rs`).
#![allow(missing_docs)] // criterion_group! generates undocumented items
//!
//! `actorflow`: processes `ping` and `pong` on a cycle; `ping` sends a
//! request, `pong` replies, `ping` sends the next on each reply, 10,000
//! round trips per iteration (the network is built, run and ended each
//! iteration). `bare_flume`: the baseline, two tokio tasks doing the same
//! over two bare bounded flume channels. The figure per round trip is the
//! iteration time divided by 10,000 (criterion's throughput).
//! `actorflow/pinned_2_workers`: the processes on a `PinnedExecutor` of 2
//! workers (what `actorflow run --runtime multi-thread` uses), against
//! bare flume on tokio's multi-thread runtime.

#[path = "support/pipeline.rs"]
#[allow(dead_code)] // the pipeline shapes are used by the other benchmark
mod shapes;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use shapes::{ROUND_TRIPS, pingpong_graph, run_actorflow, run_actorflow_on, run_bare_pingpong};

fn bench(c: &mut Criterion) {
    let (graph, registry) = pingpong_graph();
    let mut group = c.benchmark_group("pingpong_10k_round_trips");
    group.sample_size(20);
    group.throughput(Throughput::Elements(ROUND_TRIPS as u64));
    let runtimes = [
        ("current_thread", tokio::runtime::Builder::new_current_thread().build().unwrap()),
        ("multi_thread", tokio::runtime::Builder::new_multi_thread().worker_threads(2).build().unwrap()),
    ];
    for (name, rt) in &runtimes {
        group.bench_with_input(BenchmarkId::new("bare_flume", name), name, |b, _| b.iter(|| rt.block_on(run_bare_pingpong())));
        group.bench_with_input(BenchmarkId::new("actorflow", name), name, |b, _| {
            b.iter(|| rt.block_on(run_actorflow(&graph, &registry)))
        });
    }
    let pinned: std::sync::Arc<dyn actor_core::rt::Executor> = std::sync::Arc::new(actor_core::rt::PinnedExecutor::new(2).unwrap());
    let waiter = tokio::runtime::Builder::new_current_thread().build().unwrap();
    group.bench_function(BenchmarkId::new("actorflow", "pinned_2_workers"), |b| {
        b.iter(|| waiter.block_on(run_actorflow_on(&graph, &registry, pinned.clone())))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
