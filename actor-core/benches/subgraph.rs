//! What a subgraph boundary costs.
#![allow(missing_docs)] // criterion_group! generates undocumented items
//!
//! Validation inlines every subgraph, so a network built from a graph
//! that uses subgraphs is the network of the same processes written out by
//! hand: the setup asserts that the two plans are equal but for the labels
//! of the edges that cross a boundary. What is left to measure:
//!
//! - `validate`: the build-time cost of checking and inlining, for 256
//!   `core/Repeat` processes written flat (the baseline), as 16 instances
//!   of a 16-process subgraph, and as four levels of four-way nesting;
//! - `run`: 100,000 packets through 16 `core/Repeat` processes written
//!   flat (the baseline) and as 4 instances of a 4-process subgraph, on a
//!   current-thread runtime. Equal plans make equal networks, so this row
//!   shows the noise of the measurement, not a cost.

#[path = "support/subgraph.rs"]
mod shapes;

use std::hint::black_box;

use actor_core::graph::validate;
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use shapes::{PACKETS, inlined, main_graph, registry, run};

fn bench(c: &mut Criterion) {
    let r = registry();

    let flat = inlined(16, 16);
    let sub = main_graph(16, "bench/R16");
    let nested = main_graph(1, "bench/N3");
    assert_eq!(validate(&sub, &r).unwrap().labelled_by_ports(), validate(&flat, &r).unwrap().labelled_by_ports(), "16 x 16");
    assert_eq!(validate(&nested, &r).unwrap().processes.len(), 258);
    let mut group = c.benchmark_group("subgraph_validate_256");
    group.throughput(Throughput::Elements(256));
    for (name, graph) in [("flat", &flat), ("16x16", &sub), ("4x4x4x4", &nested)] {
        group.bench_with_input(BenchmarkId::new("validate", name), graph, |b, g| b.iter(|| validate(black_box(g), &r).unwrap()));
    }
    group.finish();

    let flat = inlined(4, 4);
    let sub = main_graph(4, "bench/R4");
    assert_eq!(validate(&sub, &r).unwrap().labelled_by_ports(), validate(&flat, &r).unwrap().labelled_by_ports(), "4 x 4");
    let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
    let mut group = c.benchmark_group("subgraph_run_16_stages_100k");
    group.sample_size(10);
    group.throughput(Throughput::Elements(PACKETS as u64));
    for (name, graph) in [("flat", &flat), ("4x4", &sub)] {
        group.bench_with_input(BenchmarkId::new("run", name), graph, |b, g| {
            b.iter(|| run(&rt, g, &r))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
