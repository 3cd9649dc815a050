use std::sync::Arc;

use parking_lot::Mutex;
use serde_json::json;

use super::Output;
use crate::sink::Sink;
use crate::testing::{run, run_with};
use actor_core::{Graph, Packet, PortRef, Value};

#[tokio::test]
async fn repeat_forwards_data_and_brackets_in_order() {
    let mut g = Graph::new();
    g.add_process("r", "core/Repeat");
    g.add_iip(json!("a"), PortRef::new("r", "in"));
    g.add_iip(json!(2), PortRef::new("r", "in"));
    g.export_outport("OUT", "r", "out");
    assert_eq!(run(&g).await.ok().json(), vec![json!("a"), json!(2)]);
}

#[tokio::test]
async fn drop_discards_everything_and_ends() {
    let mut g = Graph::new();
    g.add_process("r", "core/Repeat").add_process("d", "core/Drop");
    g.connect(PortRef::new("r", "out"), PortRef::new("d", "in"));
    for i in 0..1000 {
        g.add_iip(json!(i), PortRef::new("r", "in"));
    }
    let report = run(&g).await.ok().result.unwrap();
    // Every packet crossed the connection into Drop (so Drop took them all, never blocking Repeat).
    assert_eq!(report.connections[0].packets, 1000);
}

#[tokio::test]
async fn output_prints_each_data_packet_and_forwards_everything() {
    let buf = Arc::new(Mutex::new(Vec::new()));
    let mut registry = crate::standard();
    let b = buf.clone();
    registry.register("test/Output", "Output into a buffer", move |_| Ok(Output::with_sink(Sink::Memory(b.clone()))));
    let mut g = Graph::new();
    g.add_process("r", "core/Repeat").add_process("o", "test/Output");
    g.connect(PortRef::new("r", "out"), PortRef::new("o", "in"));
    g.add_iip(json!("plain text"), PortRef::new("r", "in"));
    g.add_iip(json!({"n": 1, "s": "x"}), PortRef::new("r", "in"));
    g.add_iip(json!(2.5), PortRef::new("r", "in"));
    g.export_outport("OUT", "o", "out");
    let run = run_with(&g, &registry).await.ok();
    assert_eq!(run.json(), vec![json!("plain text"), json!({"n": 1, "s": "x"}), json!(2.5)]);
    assert_eq!(String::from_utf8(buf.lock().clone()).unwrap(), "plain text\n{\"n\":1,\"s\":\"x\"}\n2.5\n");
}

#[tokio::test]
async fn output_forwards_brackets_without_printing_them() {
    let buf = Arc::new(Mutex::new(Vec::new()));
    let mut registry = crate::standard();
    let b = buf.clone();
    registry.register("test/Output", "Output into a buffer", move |_| Ok(Output::with_sink(Sink::Memory(b.clone()))));
    let mut g = Graph::new();
    g.add_process("o", "test/Output");
    g.export_inport("IN", "o", "in");
    g.export_outport("OUT", "o", "out");
    let mut network = actor_core::Network::new(&g, &registry, Default::default()).unwrap();
    let input = network.inport("IN").unwrap();
    let out = network.outport("OUT").unwrap();
    let running = network.start().unwrap();
    input.send(Packet::OpenBracket(Some("g".into()))).await.unwrap();
    input.send("x").await.unwrap();
    input.send(Packet::CloseBracket(None)).await.unwrap();
    drop(input);
    running.wait().await.unwrap();
    let got: Vec<Packet> = std::iter::from_fn(|| out.try_recv()).collect();
    assert_eq!(got, vec![Packet::OpenBracket(Some("g".into())), Packet::Data("x".into()), Packet::CloseBracket(None)]);
    assert_eq!(String::from_utf8(buf.lock().clone()).unwrap(), "x\n");
}

#[tokio::test]
async fn kick_sends_the_stored_data_on_each_bang() {
    let mut g = Graph::new();
    g.add_process("k", "core/Kick");
    g.add_iip(json!({"v": 1}), PortRef::new("k", "data"));
    g.add_iip(json!(null), PortRef::new("k", "in"));
    g.add_iip(json!(true), PortRef::new("k", "in"));
    g.export_outport("OUT", "k", "out");
    assert_eq!(run(&g).await.ok().json(), vec![json!({"v": 1}), json!({"v": 1})]);
}

#[tokio::test]
async fn kick_sends_the_latest_data_value() {
    let mut g = Graph::new();
    g.add_process("k", "core/Kick");
    g.export_inport("DATA", "k", "data");
    g.export_inport("IN", "k", "in");
    g.export_outport("OUT", "k", "out");
    let mut network = actor_core::Network::new(&g, &crate::standard(), Default::default()).unwrap();
    let (data, bang, out) = (network.inport("DATA").unwrap(), network.inport("IN").unwrap(), network.outport("OUT").unwrap());
    let running = network.start().unwrap();
    data.send("old").await.unwrap();
    bang.send(Value::Null).await.unwrap();
    assert_eq!(out.recv().await.and_then(Packet::into_data), Some("old".into()));
    data.send("new").await.unwrap();
    // On this current-thread runtime, yielding lets Kick take "new" before the next bang is sent.
    for _ in 0..10 {
        tokio::task::yield_now().await;
    }
    bang.send(Value::Null).await.unwrap();
    assert_eq!(out.recv().await.and_then(Packet::into_data), Some("new".into()));
    drop((data, bang));
    running.wait().await.unwrap();
}

#[tokio::test]
async fn kick_without_data_sends_null() {
    let mut g = Graph::new();
    g.add_process("k", "core/Kick");
    g.add_iip(json!("bang"), PortRef::new("k", "in"));
    g.export_outport("OUT", "k", "out");
    assert_eq!(run(&g).await.ok().data(), vec![Value::Null]);
}

#[tokio::test]
async fn kick_with_an_exported_data_port_that_nobody_feeds_sends_null() {
    // DATA is exported but the embedding program (here, like the CLI) takes
    // no handle to it, so nothing feeds `data`: bangs must not wait for it.
    let mut g = Graph::new();
    g.add_process("k", "core/Kick");
    g.add_iip(json!("bang"), PortRef::new("k", "in"));
    g.add_iip(json!("bang"), PortRef::new("k", "in"));
    g.export_inport("DATA", "k", "data").export_outport("OUT", "k", "out");
    assert_eq!(run(&g).await.ok().data(), vec![Value::Null, Value::Null]);
}

#[test]
fn every_core_component_is_registered_with_documented_ports() {
    let r = crate::standard();
    for name in ["core/Repeat", "core/Drop", "core/Output", "core/Kick"] {
        let spec = &r.get(name).unwrap_or_else(|| panic!("{name} registered")).spec;
        for p in spec.ports.inports.iter().chain(&spec.ports.outports) {
            assert!(!p.description.is_empty(), "{name}.{} has no description", p.name);
        }
    }
}

#[tokio::test]
async fn kick_waits_for_connected_data_before_answering_a_bang() {
    // The bang's channel is polled first, but data is connected: Kick waits for it.
    let mut g = Graph::new();
    g.add_process("k", "core/Kick");
    g.add_iip(json!("bang"), PortRef::new("k", "in"));
    g.add_iip(json!("payload"), PortRef::new("k", "data"));
    g.export_outport("OUT", "k", "out");
    assert_eq!(run(&g).await.ok().json(), vec![json!("payload")]);
}
