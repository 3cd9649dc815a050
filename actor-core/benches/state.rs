#![allow(missing_docs)] // criterion_group! generates an undocumented pub fn
//! The Rust side of the JS state bridge (issue 14), each beside its
//! baseline in the same group:
//!
//! - writing a map value given as JSON text: `set_json_text` (checked,
//!   kept as text) against parsing it into a `serde_json::Value` and
//!   `set` (what `setJson`, the JS benchmark's baseline, does);
//! - writing N hot fields: N stores into the slot memory and one
//!   `SharedSlotBuffer::commit`, against N `set` calls.
//!
//! Run: `cargo bench -p actor-core --bench state -- --warm-up-time 1 --measurement-time 3`

use std::hint::black_box;
use std::sync::atomic::{AtomicU64, Ordering};

use actor_core::LiveMemoryState;
use actor_core::reactive::{ReactiveGraph, SharedSlotBuffer};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use serde_json::Value as Json;

/// The JSON texts of the JS benchmark's small object and of a medium one
/// (about 10 KB), 64 variants each (`x`, or the first row's `id`, is the
/// variant's number), so consecutive writes differ.
fn texts() -> [(&'static str, Vec<String>); 2] {
    let small = (0..64).map(|i| format!(r#"{{"x":{i},"y":2.5,"label":"penguin","ok":true}}"#)).collect();
    let row = |id: u32, r: u32| {
        format!(
            r#"{{"id":{id},"island":"Torgersen","bill_mm":{},"mass_g":{},"sex":"{}","ok":{}}}"#,
            39.1 + f64::from(r) / 10.0,
            3750 + r,
            if r % 2 == 1 { "male" } else { "female" },
            r % 3 != 0
        )
    };
    let medium = (0..64)
        .map(|i| {
            let rows: Vec<String> = (0..110).map(|r| row(if r == 0 { i } else { r }, r)).collect();
            format!(r#"{{"species":"Adelie","rows":[{}]}}"#, rows.join(","))
        })
        .collect();
    [("small", small), ("medium", medium)]
}

fn write_text(c: &mut Criterion) {
    let mut group = c.benchmark_group("state_write_json_text");
    for (name, texts) in texts() {
        let state = LiveMemoryState::new();
        let mut i = 0;
        group.bench_with_input(BenchmarkId::new("baseline_parse_and_set", name), &texts, |b, texts| {
            b.iter(|| {
                i = (i + 1) % texts.len();
                let value: Json = serde_json::from_str(black_box(&texts[i])).expect("valid JSON");
                state.set("obj", value);
            })
        });
        group.bench_with_input(BenchmarkId::new("set_json_text", name), &texts, |b, texts| {
            b.iter(|| {
                i = (i + 1) % texts.len();
                state.set_json_text("obj", black_box(texts[i].clone())).expect("valid JSON")
            })
        });
        group.bench_with_input(BenchmarkId::new("clone_of_the_text_alone", name), &texts, |b, texts| {
            b.iter(|| {
                i = (i + 1) % texts.len();
                black_box(texts[i].clone())
            })
        });
    }
    group.finish();
}

fn hot_writes(c: &mut Criterion) {
    let mut group = c.benchmark_group("hot_write_n_fields");
    for n in [4_usize, 16, 64] {
        let graph = ReactiveGraph::new();
        let buffer = SharedSlotBuffer::<f64>::new(&graph, n);
        let mut x = 0.0;
        group.bench_with_input(BenchmarkId::new("baseline_set_per_field", n), &n, |b, &n| {
            b.iter(|| {
                x += 1.0;
                for f in 0..n {
                    buffer.set(f, black_box(x + f as f64));
                }
            })
        });
        // SAFETY: `n` contiguous AtomicU64 slots holding f64 bits, alive with `buffer`.
        let cells = unsafe { std::slice::from_raw_parts(buffer.as_ptr().cast::<AtomicU64>(), n) };
        group.bench_with_input(BenchmarkId::new("stores_then_one_commit", n), &n, |b, &n| {
            b.iter(|| {
                x += 1.0;
                for (f, cell) in cells.iter().enumerate() {
                    cell.store(black_box(x + f as f64).to_bits(), Ordering::Relaxed);
                }
                buffer.commit(0..n)
            })
        });
    }
    group.finish();
}

criterion_group!(benches, write_text, hot_writes);
criterion_main!(benches);
