use serde_json::json;

use actor_core::{Graph, Network, NetworkOptions, Packet, PortRef, Value};

async fn run(records: Vec<Packet>, groups: &str) -> Result<Vec<serde_json::Value>, actor_core::NetworkError> {
    let mut graph = Graph::new();
    graph.add_process("max", "live/RunningMax");
    graph.add_iip(json!("species"), PortRef::new("max", "groupby"));
    graph.add_iip(json!("mass"), PortRef::new("max", "field"));
    graph.add_iip(json!(groups), PortRef::new("max", "groups"));
    graph.export_inport("IN", "max", "in").export_outport("OUT", "max", "out");
    let mut network = Network::new(&graph, &crate::standard(), NetworkOptions::default())?;
    let input = network.inport("IN")?;
    let output = network.outport("OUT")?;
    let state = network.state("max").unwrap();
    let running = network.start()?;
    for r in records {
        input.send(r).await.unwrap();
    }
    drop(input);
    let mut out = Vec::new();
    while let Some(p) = output.recv().await {
        out.push(p.into_data().unwrap().to_json());
    }
    running.wait().await?;
    assert_eq!(state.hot_fields(), groups.split(',').collect::<Vec<_>>());
    Ok(out)
}

fn record(species: &str, mass: serde_json::Value) -> Packet {
    Packet::Data(Value::from(json!({"species": species, "mass": mass})))
}

#[tokio::test]
async fn sends_each_new_maximum_per_group() {
    let records = vec![
        Packet::OpenBracket(Some(Value::string("file"))),
        record("A", json!(10)),
        record("B", json!(5)),
        record("A", json!(7)),
        record("A", json!(null)),
        record("B", json!(5)),
        record("A", json!(12.5)),
        Packet::CloseBracket(Some(Value::string("file"))),
        record("B", json!(6)),
    ];
    let out = run(records, "A,B").await.unwrap();
    assert_eq!(
        out,
        [
            json!({"species": "A", "mass": 10.0}),
            json!({"species": "B", "mass": 5.0}),
            json!({"species": "A", "mass": 12.5}),
            json!({"species": "B", "mass": 6.0}),
        ]
    );
}

#[tokio::test]
async fn an_unlisted_group_fails_with_its_name() {
    let err = run(vec![record("C", json!(1))], "A,B").await.unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains(r#"port in: packet 1 is {"species":"C","mass":1}, expected a record whose group is listed in groups"#),
        "{text}"
    );
}
