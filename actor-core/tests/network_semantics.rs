//! NoFlo's connection rules, each checked with thousands of packets on both
//! tokio runtimes: fan-out copies, fan-in merges in sender order, packets stay
//! on their own outport, and processes of one component share nothing.

mod common;

use actor_core::{Network, NetworkOptions, PortRef};
use common::*;
use serde_json::json;

const N: i64 = 5_000;

#[test]
fn fan_out_delivers_every_packet_to_every_target() {
    on_both_runtimes(|| async {
        let mut g = actor_core::Graph::new();
        process(&mut g, "gen", "test/Gen", json!({"count": N}));
        for t in ["a", "b", "c"] {
            process(&mut g, t, "test/Collect", json!({}));
            g.connect(PortRef::new("gen", "out"), PortRef::new(t, "in"));
        }
        let net = Network::new(&g, &registry(), NetworkOptions::default()).unwrap();
        let h = net.handle();
        net.run().await.unwrap();
        let expected: Vec<_> = (0..N).map(|i| json!(i)).collect();
        for t in ["a", "b", "c"] {
            assert_eq!(seen(&h, t), expected, "target {t}");
        }
    });
}

#[test]
fn fan_in_merges_keeping_each_senders_order() {
    on_both_runtimes(|| async {
        let mut g = actor_core::Graph::new();
        process(&mut g, "sink", "test/Collect", json!({}));
        for s in ["x", "y", "z"] {
            process(&mut g, s, "test/Gen", json!({"count": N, "tag": s}));
            g.connect(PortRef::new(s, "out"), PortRef::new("sink", "in"));
        }
        let net = Network::new(&g, &registry(), NetworkOptions { capacity: 8, ..Default::default() }).unwrap();
        let h = net.handle();
        net.run().await.unwrap();
        let all = seen(&h, "sink");
        assert_eq!(all.len() as i64, 3 * N);
        for s in ["x", "y", "z"] {
            let mine: Vec<i64> = all.iter().filter(|v| v["tag"] == s).map(|v| v["i"].as_i64().unwrap()).collect();
            assert_eq!(mine, (0..N).collect::<Vec<_>>(), "sender {s}");
        }
    });
}

#[test]
fn packets_reach_only_the_connections_of_their_outport() {
    on_both_runtimes(|| async {
        let mut g = actor_core::Graph::new();
        process(&mut g, "gen", "test/Gen", json!({"count": N}));
        process(&mut g, "used", "test/Collect", json!({}));
        process(&mut g, "idle", "test/Collect", json!({}));
        g.connect(PortRef::new("gen", "out"), PortRef::new("used", "in"));
        g.connect(PortRef::new("gen", "unused"), PortRef::new("idle", "in"));
        let net = Network::new(&g, &registry(), NetworkOptions::default()).unwrap();
        let h = net.handle();
        let report = net.run().await.unwrap();
        assert_eq!(seen(&h, "used").len() as i64, N);
        assert!(seen(&h, "idle").is_empty(), "the unused outport sent {:?}", seen(&h, "idle").first());
        let stats: Vec<_> = report.connections.iter().map(|c| (c.label.as_str(), c.packets)).collect();
        assert_eq!(stats, [("gen.out -> used.in", N as u64), ("gen.unused -> idle.in", 0)]);
    });
}

#[test]
fn processes_of_one_component_share_no_channels_and_no_state() {
    on_both_runtimes(|| async {
        let mut g = actor_core::Graph::new();
        process(&mut g, "g1", "test/Gen", json!({"count": N, "tag": "one"}));
        process(&mut g, "g2", "test/Gen", json!({"count": N / 2, "tag": "two"}));
        process(&mut g, "r1", "core/Repeat", json!({}));
        process(&mut g, "r2", "core/Repeat", json!({}));
        process(&mut g, "c1", "test/Collect", json!({}));
        process(&mut g, "c2", "test/Collect", json!({}));
        g.connect(PortRef::new("g1", "out"), PortRef::new("r1", "in"));
        g.connect(PortRef::new("g2", "out"), PortRef::new("r2", "in"));
        g.connect(PortRef::new("r1", "out"), PortRef::new("c1", "in"));
        g.connect(PortRef::new("r2", "out"), PortRef::new("c2", "in"));
        let net = Network::new(&g, &registry(), NetworkOptions::default()).unwrap();
        let h = net.handle();
        let (s1, s2) = (net.state("c1").unwrap(), net.state("c2").unwrap());
        assert!(!actor_core::LiveMemoryState::ptr_eq(&s1, &s2));
        net.run().await.unwrap();
        let one = seen(&h, "c1");
        let two = seen(&h, "c2");
        assert_eq!(one.len() as i64, N);
        assert_eq!(two.len() as i64, N / 2);
        assert!(one.iter().all(|v| v["tag"] == "one"));
        assert!(two.iter().all(|v| v["tag"] == "two"));
    });
}

#[test]
fn iips_arrive_in_graph_order_before_other_packets() {
    on_both_runtimes(|| async {
        let mut g = actor_core::Graph::new();
        process(&mut g, "sink", "test/Collect", json!({}));
        process(&mut g, "gen", "test/Gen", json!({"count": 3}));
        for i in 0..10 {
            g.add_iip(json!(format!("iip{i}")), PortRef::new("sink", "in"));
        }
        g.connect(PortRef::new("gen", "out"), PortRef::new("sink", "in"));
        let net = Network::new(&g, &registry(), NetworkOptions { capacity: 2, ..Default::default() }).unwrap();
        let h = net.handle();
        net.run().await.unwrap();
        let got = seen(&h, "sink");
        let mut expected: Vec<_> = (0..10).map(|i| json!(format!("iip{i}"))).collect();
        expected.extend([json!(0), json!(1), json!(2)]);
        assert_eq!(got, expected);
    });
}

#[test]
fn bracket_ips_travel_in_order_with_data() {
    on_both_runtimes(|| async {
        let mut g = actor_core::Graph::new();
        process(&mut g, "r", "core/Repeat", json!({}));
        g.export_inport("IN", "r", "in").export_outport("OUT", "r", "out");
        let mut net = Network::new(&g, &registry(), NetworkOptions::default()).unwrap();
        let input = net.inport("IN").unwrap();
        let out = net.outport("OUT").unwrap();
        let running = net.start().unwrap();
        use actor_core::Packet::*;
        let sent = vec![OpenBracket(Some("g".into())), Data(1.into()), CloseBracket(None)];
        for p in sent.clone() {
            input.send(p).await.unwrap();
        }
        drop(input);
        let mut got = Vec::new();
        while let Some(p) = out.recv().await {
            got.push(p);
        }
        assert_eq!(got, sent);
        running.wait().await.unwrap();
    });
}

#[test]
fn iips_go_first_even_when_an_exported_inport_sends_before_start() {
    // On a current-thread runtime the spawned sender runs to where it
    // waits before the network starts. It must neither make `start` panic
    // (by taking the capacity reserved for the IIP) nor overtake the IIP.
    let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
    rt.block_on(async {
        let mut g = actor_core::Graph::new();
        process(&mut g, "r", "core/Repeat", json!({}));
        g.add_iip(json!("iip"), PortRef::new("r", "in"));
        g.export_inport("IN", "r", "in").export_outport("OUT", "r", "out");
        let mut net = Network::new(&g, &registry(), NetworkOptions { capacity: 1, ..Default::default() }).unwrap();
        let input = net.inport("IN").unwrap();
        let out = net.outport("OUT").unwrap();
        let sender = tokio::spawn(async move {
            input.send("early").await.unwrap();
            input.send("late").await.unwrap();
        });
        for _ in 0..100 {
            tokio::task::yield_now().await;
        }
        let running = net.start().unwrap();
        let mut got = Vec::new();
        while let Some(p) = out.recv().await {
            got.push(p.into_data().unwrap().to_json());
        }
        sender.await.unwrap();
        assert_eq!(got, [json!("iip"), json!("early"), json!("late")]);
        running.wait().await.unwrap();
    });
}
