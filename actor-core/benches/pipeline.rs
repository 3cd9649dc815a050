//! Framework overhead on a 5-stage pass-through pipeline.
#![allow(missing_docs)] // criterion_group! generates undocumented items
//!
//! `actorflow`: a source process sends 1,000,000 small packets through five
//! `core/Repeat` processes into a counting sink, all connected by the
//! network's bounded channels (`DEFAULT_CAPACITY`).
//! `bare_flume`: the baseline, measured in the same group: a producer task,
//! five forwarding tokio tasks and a consumer task joined by bare bounded
//! flume channels of the same capacity, carrying the same `Packet` type.
//! Both run on a current-thread and on a 2-worker multi-thread runtime.

#[path = "support/pipeline.rs"]
mod shapes;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use shapes::{PACKETS, pipeline_graph, run_actorflow, run_bare_flume};

fn bench(c: &mut Criterion) {
    let (graph, registry) = pipeline_graph();
    let mut group = c.benchmark_group("pipeline_5_stages_1M");
    group.sample_size(10);
    group.throughput(Throughput::Elements(PACKETS as u64));
    let runtimes = [
        ("current_thread", tokio::runtime::Builder::new_current_thread().build().unwrap()),
        ("multi_thread", tokio::runtime::Builder::new_multi_thread().worker_threads(2).build().unwrap()),
    ];
    for (name, rt) in &runtimes {
        group.bench_with_input(BenchmarkId::new("bare_flume", name), name, |b, _| {
            b.iter(|| rt.block_on(run_bare_flume()))
        });
        group.bench_with_input(BenchmarkId::new("actorflow", name), name, |b, _| {
            b.iter(|| rt.block_on(run_actorflow(&graph, &registry)))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
