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
//! Run: `cargo bench -p actor-core --bench state -- --warm-up-time 1 --measurement-time 3`.
//! `examples/state_once.rs` runs one shape for callgrind.

#[path = "support/state.rs"]
mod shapes;

use actor_core::LiveMemoryState;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};

fn write_text(c: &mut Criterion) {
    let mut group = c.benchmark_group("state_write_json_text");
    for (name, texts) in shapes::texts() {
        let state = LiveMemoryState::new();
        let mut i = 0;
        group.bench_with_input(BenchmarkId::new("baseline_parse_and_set", name), &texts, |b, texts| {
            b.iter(|| {
                i = (i + 1) % texts.len();
                shapes::parse_and_set(&state, &texts[i]);
            })
        });
        group.bench_with_input(BenchmarkId::new("set_json_text", name), &texts, |b, texts| {
            b.iter(|| {
                i = (i + 1) % texts.len();
                shapes::set_json_text(&state, &texts[i]);
            })
        });
    }
    group.finish();
}

fn hot_writes(c: &mut Criterion) {
    let mut group = c.benchmark_group("hot_write_n_fields");
    for n in [4_usize, 16, 64] {
        let buffer = shapes::buffer(n);
        let cells = shapes::cells(&buffer);
        let mut x = 0.0;
        group.bench_with_input(BenchmarkId::new("baseline_set_per_field", n), &n, |b, _| {
            b.iter(|| {
                x += 1.0;
                shapes::set_per_field(&buffer, x);
            })
        });
        group.bench_with_input(BenchmarkId::new("stores_then_one_commit", n), &n, |b, _| {
            b.iter(|| {
                x += 1.0;
                shapes::stores_then_commit(&buffer, cells, x)
            })
        });
    }
    group.finish();
}

criterion_group!(benches, write_text, hot_writes);
criterion_main!(benches);
