#![allow(missing_docs)] // criterion_group! generates an undocumented pub fn
//! A remote connection's throughput and per-packet latency against raw
//! Zenoh pub/sub carrying the same payloads, in the same run.
//!
//! Two Zenoh sessions in this process, linked over loopback TCP (one
//! listens, one connects; no scouting), carry:
//! - `raw_zenoh`: one `put` per packet of its wire encoding, from a
//!   `CongestionControl::Block` publisher, counted by a subscriber callback;
//! - `remote_connection`: the graph `emit(bench/Emit) OUT -> IN count(bench/Count:node=b)`
//!   on two nodes. `bench/Emit` sends the packets; `bench/Count` counts
//!   them. Each packet crosses a local connection on either side, the two
//!   proxies and Zenoh.
//!
//! Throughput: 20,000 packets, timed from the first send to the last
//! receipt. Latency: 500 packets, each sent once the previous one arrived;
//! the time per packet. Payloads: an integer, and a 1 KiB string. Joining
//! the run and ending it are not timed.
//!
//! ```sh
//! cargo bench -p actor-zenoh --bench remote_connection
//! ```

#[path = "support/remote.rs"]
mod support;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use support::{Pair, payloads, raw, remote};

const THROUGHPUT_PACKETS: u64 = 20_000;
const LATENCY_PACKETS: u64 = 500;

fn bench(c: &mut Criterion) {
    let pair = Pair::new();
    for (group, n, one_at_a_time) in
        [("remote_throughput", THROUGHPUT_PACKETS, false), ("remote_latency", LATENCY_PACKETS, true)]
    {
        let mut g = c.benchmark_group(group);
        g.sample_size(10).throughput(Throughput::Elements(n));
        for (name, payload) in payloads() {
            g.bench_with_input(BenchmarkId::new("raw_zenoh", name), &payload, |b, p| {
                b.iter_custom(|iters| (0..iters).map(|_| raw(&pair, p, n, one_at_a_time)).sum())
            });
            g.bench_with_input(BenchmarkId::new("remote_connection", name), &payload, |b, p| {
                b.iter_custom(|iters| (0..iters).map(|_| remote(&pair, p, n, one_at_a_time)).sum())
            });
        }
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
