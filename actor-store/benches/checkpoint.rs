#![allow(missing_docs)] // criterion_group! generates an undocumented pub fn
//! The cost of one checkpoint: `RedbStore::save` (snapshot, encode, one
//! redb transaction committed with an fsync) beside the baseline of only
//! reading and encoding the same states in memory, for states of 10, 1,000
//! and 100,000 map keys (each an `group/Aggregate`-like object) plus 8 hot
//! fields.
//!
//! Run: `cargo bench -p actor-store --bench checkpoint -- --warm-up-time 1 --measurement-time 5`

use std::hint::black_box;
use std::sync::Arc;
use std::time::Duration;

use actor_core::LiveMemoryState;
use actor_core::network::{Checkpoint, ProcessState, StateStore};
use actor_store::{RedbStore, Start, StateSnapshot};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use serde_json::json;

fn state(keys: usize) -> LiveMemoryState {
    let state = LiveMemoryState::new();
    for i in 0..keys {
        state.set(format!("group {i}"), json!({"key": i, "count": i * 3, "fields": {"x": {"n": i, "sum": i * 7, "min": 1, "max": i}}}));
    }
    state.declare_hot(&["a", "b", "c", "d", "e", "f", "g", "h"]).unwrap();
    state
}

fn checkpoint(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let mut group = c.benchmark_group("checkpoint");
    for keys in [10, 1_000, 100_000] {
        let states = [ProcessState { process: Arc::from("agg"), component: "group/Aggregate".into(), state: state(keys) }];
        group.bench_with_input(BenchmarkId::new("encode_only", keys), &states, |b, states| {
            b.iter(|| {
                let records: Vec<Vec<u8>> = states.iter().map(|s| StateSnapshot::of(&s.component, &s.state).to_record()).collect();
                black_box(records)
            })
        });
        let dir = tempfile::tempdir().unwrap();
        let store = RedbStore::open(dir.path(), Start::Fresh, Duration::from_secs(3600)).unwrap();
        group.bench_with_input(BenchmarkId::new("redb_save", keys), &states, |b, states| {
            b.iter(|| runtime.block_on(store.save(states, Checkpoint::Periodic)).unwrap())
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = checkpoint
}
criterion_main!(benches);
