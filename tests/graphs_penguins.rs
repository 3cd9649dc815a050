//! `graphs/penguins.fbp` on the Palmer penguins data set: per species, the
//! number of penguins and the mean body mass and flipper length, skipping NA.
//!
//! The golden numbers were checked independently with awk (see
//! `tests/golden/README.md`).

use actor_core::{Network, NetworkOptions};
use actorflow_tests::{TempDir, golden, load_example_graph, workspace_root};
use serde_json::json;

fn penguins_csv() -> String {
    workspace_root().join("../shared/data/penguins.csv").to_string_lossy().into_owned()
}

#[tokio::test]
async fn per_species_counts_and_means_match_the_golden_file() {
    let dir = TempDir::new("penguins");
    let out = dir.file("out.jsonl");
    let mut graph = load_example_graph("penguins");
    assert_eq!(graph.set_iip("read", "in", json!(penguins_csv())), 1, "the graph has an IIP on read.in");
    graph.set_iip("write", "file", json!(out));

    let network = Network::new(&graph, &actor_components::standard(), NetworkOptions::default()).expect("graph builds");
    let state = network.state("agg").expect("process agg");
    network.run().await.unwrap_or_else(|e| panic!("penguins failed: {e}"));

    assert_eq!(std::fs::read_to_string(&out).unwrap(), golden("penguins.jsonl"));

    // The running aggregates are in agg's LiveMemoryState, one key per species.
    assert_eq!(state.keys(), vec!["Adelie", "Gentoo", "Chinstrap"]);
    let adelie = state.get("Adelie").unwrap();
    assert_eq!(adelie["count"], json!(152));
    assert_eq!(adelie["fields"]["body_mass_g"]["n"], json!(151), "one Adelie row has NA mass");
    assert_eq!(adelie["fields"]["body_mass_g"]["sum"], json!(558800));
}

#[tokio::test]
async fn a_malformed_row_fails_naming_the_file_and_line() {
    let dir = TempDir::new("penguins-bad");
    let csv = dir.file("bad.csv");
    std::fs::write(&csv, "species,body_mass_g,flipper_length_mm\nAdelie,3750,181\nAdelie,3800\n").unwrap();
    let mut graph = load_example_graph("penguins");
    graph.set_iip("read", "in", json!(csv));
    graph.set_iip("write", "file", json!(dir.file("out.jsonl")));
    let err = actorflow_tests::run_graph(&graph).await.expect_err("the run fails").to_string();
    assert!(err.contains("bad.csv:3: the record has 2 fields, the header has 3"), "{err}");
}

#[tokio::test]
async fn a_non_numeric_mass_fails_naming_record_and_field() {
    let dir = TempDir::new("penguins-nan");
    let csv = dir.file("heavy.csv");
    std::fs::write(&csv, "species,body_mass_g,flipper_length_mm\nAdelie,3750,181\nAdelie,heavy,190\n").unwrap();
    let mut graph = load_example_graph("penguins");
    graph.set_iip("read", "in", json!(csv));
    graph.set_iip("write", "file", json!(dir.file("out.jsonl")));
    let err = actorflow_tests::run_graph(&graph).await.expect_err("the run fails").to_string();
    assert!(err.contains("\"agg\"") && err.contains("record 2: field \"body_mass_g\" is \"heavy\""), "{err}");
}

#[test]
fn the_graph_validates_as_written() {
    let graph = load_example_graph("penguins");
    actor_core::graph::validate(&graph, &actor_components::standard()).expect("graphs/penguins.fbp validates");
}
