use actor_core::{Graph, LiveMemoryState, Network, NetworkOptions, PortRef, Registry, Value};
use serde_json::json;

fn registry() -> Registry {
    let mut r = actor_components::standard();
    super::register_all(&mut r);
    r
}

/// `src -> proc -> OUT`, with `proc`'s metadata set to `meta`.
fn single(component: &str, meta: serde_json::Value) -> Graph {
    let mut graph = Graph::new();
    graph.add_process("src", "core/Repeat").add_process("proc", component);
    graph.processes.get_mut("proc").unwrap().metadata = meta.as_object().cloned();
    graph.connect(PortRef::new("src", "out"), PortRef::new("proc", "in"));
    graph.export_inport("IN", "src", "in").export_outport("OUT", "proc", "out");
    graph
}

async fn run(graph: &Graph, inputs: &[Value], before: impl FnOnce(&LiveMemoryState)) -> (Vec<Value>, LiveMemoryState) {
    let mut network = Network::new(graph, &registry(), NetworkOptions::default()).unwrap();
    let state = network.state("proc").unwrap();
    before(&state);
    let input = network.inport("IN").unwrap();
    let output = network.outport("OUT").unwrap();
    let running = network.start().unwrap();
    for v in inputs {
        input.send(v.clone()).await.unwrap();
    }
    drop(input);
    running.wait().await.unwrap();
    let mut out = Vec::new();
    while let Some(p) = output.try_recv() {
        out.push(p.into_data().unwrap());
    }
    (out, state)
}

#[tokio::test(flavor = "current_thread")]
async fn increment_counts_packets_in_the_configured_key() {
    let graph = single("rust/Increment", json!({"key": "n"}));
    let (out, state) = run(&graph, &[Value::Null, "x".into(), 3.into()], |s| {
        s.set("n", json!(10));
    })
    .await;
    assert_eq!(out, vec![Value::Int(11), Value::Int(12), Value::Int(13)]);
    assert_eq!(state.get("n"), Some(json!(13)));
}

#[tokio::test(flavor = "current_thread")]
async fn increment_fails_on_a_non_number() {
    let graph = single("rust/Increment", json!({}));
    let network = Network::new(&graph, &registry(), NetworkOptions::default()).unwrap();
    network.state("proc").unwrap().set("count", json!("ten"));
    let input = network.inport("IN").unwrap();
    let running = network.start().unwrap();
    input.send(1).await.unwrap();
    drop(input);
    let err = running.wait().await.unwrap_err().to_string();
    assert!(err.contains("\"proc\"") && err.contains("not a number"), "{err}");
}

#[tokio::test(flavor = "current_thread")]
async fn read_state_sends_the_current_value_of_the_named_or_configured_key() {
    let graph = single("rust/ReadState", json!({"key": "a"}));
    let (out, _) = run(&graph, &[Value::Null, "b".into(), "missing".into()], |s| {
        s.set("a", json!({"x": 1}));
        s.set("b", json!([true]));
    })
    .await;
    assert_eq!(out, vec![Value::from(json!({"x": 1})), Value::from(json!([true])), Value::Null]);
}

#[test]
fn a_non_string_key_is_rejected() {
    assert!(super::Increment::from_config(&json!({"key": 5})).is_err());
    assert!(super::ReadState::from_config(&json!({"key": []})).is_err());
}

#[tokio::test(flavor = "current_thread")]
async fn running_max_keeps_hot_fields_and_its_repeater_sends_each_new_maximum() {
    let mut graph = Graph::new();
    graph.add_process("m", "rust/RunningMax");
    graph.export_inport("IN", "m", "in").export_outport("MAX", "m", "max");
    let mut network = Network::new(&graph, &registry(), NetworkOptions::default()).unwrap();
    let state = network.state("m").unwrap();
    let input = network.inport("IN").unwrap();
    let output = network.outport("MAX").unwrap();
    let running = network.start().unwrap();
    for x in [3.0, 1.0, 5.0, 5.0, 2.0, 8.0] {
        input.send(x).await.unwrap();
    }
    drop(input);
    running.wait().await.unwrap();
    let mut maxima = Vec::new();
    while let Some(p) = output.try_recv() {
        maxima.push(p.into_data().and_then(|v| v.as_f64()).unwrap());
    }
    assert_eq!(maxima, vec![3.0, 5.0, 8.0]);
    assert_eq!(state.hot_fields(), vec!["count".to_string(), "max".to_string()]);
    assert_eq!(state.get_number("count"), Some(6.0));
    assert_eq!(state.get_number("max"), Some(8.0));
}

#[tokio::test(flavor = "current_thread")]
async fn running_max_rejects_non_numbers() {
    let graph = single("rust/RunningMax", json!({}));
    let mut g = graph.clone();
    g.outports.clear();
    g.export_outport("OUT", "proc", "max");
    let network = Network::new(&g, &registry(), NetworkOptions::default()).unwrap();
    let input = network.inport("IN").unwrap();
    let running = network.start().unwrap();
    input.send("seven").await.unwrap();
    drop(input);
    let err = running.wait().await.unwrap_err().to_string();
    assert!(err.contains("expected a number"), "{err}");
}
