//! The running maximum of `body_mass_g` per species of the Palmer penguins
//! (`../shared/data/penguins.csv`), kept in hot state fields by
//! `live/RunningMax` and sent by its repeaters, checked against the golden
//! sequence `tests/golden/penguins-live.jsonl` of the workspace (made independently, with
//! Python's csv module).
//!
//! The records are parsed here with the `csv` crate and fed through an
//! exported inport; `graphs/penguins-live.fbp` runs the same process behind
//! the standard CSV reader.

use actor_core::{Graph, Network, NetworkOptions, PortRef, Value};
use serde_json::json;

const CSV: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/data/penguins.csv");
const GOLDEN: &str = include_str!("../../tests/golden/penguins-live.jsonl");

fn records() -> Vec<Value> {
    let mut reader = csv::Reader::from_path(CSV).expect("the penguins CSV (../shared/data/penguins.csv)");
    let header = reader.headers().unwrap().clone();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            Value::object(header.iter().zip(r.iter()).map(|(k, v)| {
                let v = match v {
                    "NA" | "" => Value::Null,
                    v => v.parse::<i64>().map(Value::Int).unwrap_or_else(|_| Value::string(v)),
                };
                (k.to_string(), v)
            }))
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn running_maxima_per_species_match_the_golden_sequence() {
    let mut graph = Graph::new();
    graph.add_process("max", "live/RunningMax");
    graph.add_iip(json!("species"), PortRef::new("max", "groupby"));
    graph.add_iip(json!("body_mass_g"), PortRef::new("max", "field"));
    graph.add_iip(json!("Adelie,Chinstrap,Gentoo"), PortRef::new("max", "groups"));
    graph.export_inport("IN", "max", "in").export_outport("OUT", "max", "out");
    // A small capacity, so that the repeaters' outport is often full.
    let options = NetworkOptions { capacity: 2, ..NetworkOptions::default() };
    let mut network = Network::new(&graph, &actor_components::standard(), options).unwrap();
    let input = network.inport("IN").unwrap();
    let output = network.outport("OUT").unwrap();
    let state = network.state("max").unwrap();
    let running = network.start().unwrap();
    let rows = records();
    assert_eq!(rows.len(), 344);
    let feeder = tokio::spawn(async move {
        for r in rows {
            input.send(r).await.unwrap();
        }
    });
    let mut maxima = Vec::new();
    while let Some(p) = output.recv().await {
        maxima.push(p.into_data().unwrap().to_json());
    }
    feeder.await.unwrap();
    running.wait().await.unwrap();

    let golden: Vec<serde_json::Value> = GOLDEN.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(maxima, golden);
    // The hot fields end at the last maximum sent for each species.
    for species in ["Adelie", "Chinstrap", "Gentoo"] {
        let last = golden.iter().rev().find(|m| m["species"] == species).unwrap();
        assert_eq!(state.get_number(species), last["body_mass_g"].as_f64(), "{species}");
    }
}
