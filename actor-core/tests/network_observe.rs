//! Watching connections: an [`EdgeObserver`] sees exactly the packets sent
//! on the connections it was asked to watch, once each, in order.

mod common;

use std::sync::Arc;

use actor_core::network::{EdgeObserver, EdgeWatch};
use actor_core::{Network, NetworkOptions, Packet, PortRef};
use common::*;
use parking_lot::Mutex;
use serde_json::json;

const N: i64 = 3_000;

#[derive(Default)]
struct Record(Mutex<Vec<(usize, i64)>>);

impl EdgeObserver for Record {
    fn packet(&self, connection: usize, packet: &Packet) {
        let v = packet.data().and_then(|v| v.as_i64()).expect("an integer");
        self.0.lock().push((connection, v));
    }
}

/// gen -> a (core/Repeat) -> sink, and gen -> b (fan-out). Connections in
/// graph order: 0 gen->a, 1 a->sink, 2 gen->b.
fn network(record: &Arc<Record>, capacity: usize) -> Network {
    let mut g = actor_core::Graph::new();
    process(&mut g, "gen", "test/Gen", json!({"count": N}));
    g.add_process("a", "core/Repeat");
    process(&mut g, "sink", "test/Collect", json!({}));
    process(&mut g, "b", "test/Collect", json!({}));
    g.connect(PortRef::new("gen", "out"), PortRef::new("a", "in"));
    g.connect(PortRef::new("a", "out"), PortRef::new("sink", "in"));
    g.connect(PortRef::new("gen", "out"), PortRef::new("b", "in"));
    let observer: Arc<dyn EdgeObserver> = record.clone();
    let options = NetworkOptions { capacity, observer: Some(observer), ..Default::default() };
    Network::new(&g, &registry(), options).unwrap()
}

fn on(record: &Record, connection: usize) -> Vec<i64> {
    record.0.lock().iter().filter(|(c, _)| *c == connection).map(|(_, v)| *v).collect()
}

#[test]
fn connections_are_described_in_graph_order() {
    let record = Arc::new(Record::default());
    let net = network(&record, 64);
    let labels: Vec<String> = net.handle().connections().into_iter().map(|c| c.label).collect();
    assert_eq!(labels, ["gen.out -> a.in", "a.out -> sink.in", "gen.out -> b.in"]);
    let c = &net.handle().connections()[1];
    assert_eq!((c.src.process.as_str(), c.tgt.process.as_str()), ("a", "sink"));
}

#[test]
fn every_watched_packet_is_reported_once_in_order() {
    // Capacity 1 forces the waiting path as well as the fast path.
    for capacity in [1, 64] {
        on_both_runtimes(|| async {
            let record = Arc::new(Record::default());
            let net = network(&record, capacity);
            net.handle().watch_edges(&EdgeWatch::All);
            let report = net.run().await.unwrap();
            let all: Vec<i64> = (0..N).collect();
            for c in 0..3 {
                assert_eq!(on(&record, c), all, "connection {c}, capacity {capacity}");
            }
            assert_eq!(record.0.lock().len() as i64, 3 * N);
            assert!(report.connections.iter().all(|s| s.packets == N as u64));
        });
    }
}

#[test]
fn only_the_chosen_connections_are_reported() {
    on_both_runtimes(|| async {
        let record = Arc::new(Record::default());
        let net = network(&record, 64);
        net.handle().watch_edges(&EdgeWatch::Only(vec![1, 99]));
        let h = net.handle();
        net.run().await.unwrap();
        assert_eq!(on(&record, 1), (0..N).collect::<Vec<_>>());
        assert_eq!(record.0.lock().len() as i64, N, "connections 0 and 2 were not watched");
        assert_eq!(seen(&h, "sink").len() as i64, N, "watching changes no delivery");
    });
}

#[test]
fn nothing_is_reported_until_asked() {
    on_both_runtimes(|| async {
        let record = Arc::new(Record::default());
        let net = network(&record, 64);
        let h = net.handle();
        h.watch_edges(&EdgeWatch::All);
        h.watch_edges(&EdgeWatch::None);
        net.run().await.unwrap();
        assert!(record.0.lock().is_empty());
        assert_eq!(seen(&h, "b").len() as i64, N);
    });
}
