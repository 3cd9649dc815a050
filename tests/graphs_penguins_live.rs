//! `graphs/penguins-live.fbp` on the Palmer penguins data set: the running
//! maximum of `body_mass_g` per species, kept in hot state fields by
//! `live/RunningMax` and sent by its repeaters as it grows.
//!
//! The golden sequence was computed independently (see `tests/golden/README.md`).

use actor_core::{Network, NetworkOptions};
use actorflow_tests::{TempDir, golden, load_example_graph, workspace_root};
use serde_json::json;

fn penguins_csv() -> String {
    workspace_root().join("../shared/data/penguins.csv").to_string_lossy().into_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sequence_of_maxima_matches_the_golden_file() {
    let dir = TempDir::new("penguins-live");
    let out = dir.file("out.jsonl");
    let mut graph = load_example_graph("penguins-live");
    assert_eq!(graph.set_iip("read", "in", json!(penguins_csv())), 1, "the graph has an IIP on read.in");
    graph.set_iip("write", "file", json!(out));

    let network = Network::new(&graph, &actor_components::standard(), NetworkOptions::default()).expect("graph builds");
    let state = network.state("max").expect("process max");
    network.run().await.unwrap_or_else(|e| panic!("penguins-live failed: {e}"));

    let expected = golden("penguins-live.jsonl");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), expected);

    // The hot fields of max's state end at each species' last maximum.
    assert_eq!(state.hot_fields(), ["Adelie", "Chinstrap", "Gentoo"]);
    let maxima: Vec<serde_json::Value> = expected.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    for species in ["Adelie", "Chinstrap", "Gentoo"] {
        let last = maxima.iter().rev().find(|m| m["species"] == species).unwrap();
        assert_eq!(state.get_number(species), last["body_mass_g"].as_f64(), "{species}");
    }
}

#[tokio::test]
async fn a_species_missing_from_groups_fails_naming_the_record() {
    let dir = TempDir::new("penguins-live-bad");
    let csv = dir.file("other.csv");
    std::fs::write(&csv, "species,body_mass_g\nAdelie,3750\nEmperor,30000\n").unwrap();
    let mut graph = load_example_graph("penguins-live");
    graph.set_iip("read", "in", json!(csv));
    graph.set_iip("write", "file", json!(dir.file("out.jsonl")));
    let err = actorflow_tests::run_graph(&graph).await.expect_err("the run fails").to_string();
    assert!(err.contains("\"max\"") && err.contains("packet 2") && err.contains("Emperor"), "{err}");
}
