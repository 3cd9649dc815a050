//! The shapes of the state benchmark (`benches/state.rs`), shared with
//! `examples/state_once.rs`, which runs one of them for callgrind.

use std::hint::black_box;
use std::sync::atomic::{AtomicU64, Ordering};

use actor_core::LiveMemoryState;
use actor_core::reactive::{ReactiveGraph, SharedSlotBuffer};
use serde_json::Value as Json;

/// The JSON texts of the JS benchmark's small object and of a medium one
/// (9.6 KB of JSON, 110 rows), 64 variants each (`x`, or the first row's `id`, is the
/// variant's number), so consecutive writes differ.
pub(crate) fn texts() -> [(&'static str, Vec<String>); 2] {
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

/// One write of `text` as `setJson` does it: parse into a value, then `set`.
pub(crate) fn parse_and_set(state: &LiveMemoryState, text: &str) {
    let value: Json = serde_json::from_str(black_box(text)).expect("valid JSON");
    state.set("obj", value);
}

/// One write of `text` kept as text.
pub(crate) fn set_json_text(state: &LiveMemoryState, text: &str) {
    black_box(state.set_json_text("obj", black_box(text.to_owned())).expect("valid JSON"));
}

/// The slots of `buffer` as the atomics they are (what a JS view writes).
pub(crate) fn cells(buffer: &SharedSlotBuffer<f64>) -> &[AtomicU64] {
    // SAFETY: `len` contiguous AtomicU64 slots holding f64 bits (see the
    // buffer's memory layout), alive as long as `buffer` is borrowed.
    unsafe { std::slice::from_raw_parts(buffer.as_ptr().cast::<AtomicU64>(), buffer.len()) }
}

/// Writes every slot with `set`.
pub(crate) fn set_per_field(buffer: &SharedSlotBuffer<f64>, x: f64) {
    for f in 0..buffer.len() {
        buffer.set(f, black_box(x + f as f64));
    }
}

/// Stores into every slot, then commits once.
pub(crate) fn stores_then_commit(buffer: &SharedSlotBuffer<f64>, cells: &[AtomicU64], x: f64) -> usize {
    for (f, cell) in cells.iter().enumerate() {
        cell.store(black_box(x + f as f64).to_bits(), Ordering::Relaxed);
    }
    buffer.commit(0..cells.len())
}

/// A buffer of `n` slots in a fresh graph.
pub(crate) fn buffer(n: usize) -> SharedSlotBuffer<f64> {
    SharedSlotBuffer::new(&ReactiveGraph::new(), n)
}
