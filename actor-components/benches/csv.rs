#![allow(missing_docs)] // criterion_group! generates an undocumented pub fn
//! `csv/ParseCsv` on input where a record spans many lines: one quoted field
//! holding most of the input, and a quote that is never closed. Each runs at
//! 0.5, 1, 2 and 4 MB in one group, so the ratios between sizes (the same
//! run) show how the cost grows: linear is 2x per doubling. A plain CSV of
//! one-line records of the same sizes is the baseline in the same run.
//!
//! Run: `cargo bench -p actor-components --bench csv -- --warm-up-time 1 --measurement-time 5`

use std::sync::Arc;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

#[path = "support/csv.rs"]
mod shapes;
use shapes::{SIZES, Shape, lines, parse};

fn csv_sizes(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_current_thread().build().expect("runtime");
    let mut group = c.benchmark_group("parse_csv");
    group.sample_size(10);
    // `cargo test` (no `--bench`) runs each benchmark once, unoptimised:
    // there the smallest size is enough to check that it runs.
    let benchmarking = std::env::args().any(|a| a == "--bench");
    let sizes = if benchmarking { &SIZES[..] } else { &SIZES[..1] };
    for (name, shape) in [("plain", Shape::Plain), ("spanning_field", Shape::SpanningField), ("unclosed_quote", Shape::UnclosedQuote)] {
        for &size in sizes {
            let input = Arc::new(lines(shape, size));
            if size == SIZES[0] {
                // Check once that each shape does what it says.
                let (records, failed) = parse(&rt, &input);
                match shape {
                    Shape::Plain => assert!(!failed && records == input.len() - 1),
                    Shape::SpanningField => assert!(!failed && records == 1),
                    Shape::UnclosedQuote => assert!(failed && records == 0),
                }
            }
            group.throughput(Throughput::Bytes(size as u64));
            group.bench_with_input(BenchmarkId::new(name, format!("{}KiB", size / 1024)), &input, |b, input| {
                b.iter(|| parse(&rt, input))
            });
        }
    }
    group.finish();
}

criterion_group!(benches, csv_sizes);
criterion_main!(benches);
