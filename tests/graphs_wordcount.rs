//! `graphs/wordcount.fbp` on real input: the GPL version 3 text.
//!
//! The full word counts must equal those of the shell pipeline
//! `tr -cs '[:alnum:]' '\n' | tr 'A-Z' 'a-z' | sort | uniq -c`, and the top
//! ten must match the golden file. The counting is the subgraph
//! `graphs/lib/TopWords.fbp`; its plan equals the one of the same processes
//! written out in the graph (`tests/fixtures/wordcount-inlined.json`).

use std::collections::BTreeMap;
use std::process::Command;

use actorflow_tests::{TempDir, example_registry, golden, load_example_graph, run_graph, workspace_root};
use actor_core::graph::{Wire, validate};
use actor_core::{Graph, PortRef};
use serde_json::json;

const GPL3: &str = "/usr/share/common-licenses/GPL-3";

/// Runs the wordcount graph on `input`, keeping `n` words; returns the output text.
async fn wordcount(input: &str, n: usize) -> String {
    let dir = TempDir::new("wordcount");
    let out = dir.file("out.txt");
    let mut graph = load_example_graph("wordcount");
    assert_eq!(graph.set_iip("read", "in", json!(input)), 1, "the graph has an IIP on read.in");
    assert_eq!(graph.set_iip("top", "count", json!(n)), 1, "the graph has an IIP on top.count");
    graph.set_iip("write", "file", json!(out));
    run_graph(&graph).await.unwrap_or_else(|e| panic!("wordcount failed: {e}"));
    std::fs::read_to_string(&out).expect("the writer created its file")
}

/// Parses `COUNT WORD` lines (any leading spaces, as `uniq -c` pads) into a map.
fn parse_counts(text: &str) -> BTreeMap<String, u64> {
    let mut counts = BTreeMap::new();
    for line in text.lines() {
        let (count, word) = line.trim_start().split_once(' ').unwrap_or_else(|| panic!("not COUNT WORD: {line:?}"));
        let count: u64 = count.parse().unwrap_or_else(|_| panic!("bad count in {line:?}"));
        if !word.is_empty() {
            assert!(counts.insert(word.to_string(), count).is_none(), "word {word:?} listed twice");
        }
    }
    counts
}

fn gpl3() -> &'static str {
    assert!(std::path::Path::new(GPL3).exists(), "{GPL3} is missing (Debian's base-files package provides it)");
    GPL3
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn full_counts_equal_the_tr_sort_uniq_pipeline() {
    let ours = parse_counts(&wordcount(gpl3(), 1_000_000).await);
    let script = format!("tr -cs '[:alnum:]' '\\n' < {GPL3} | tr 'A-Z' 'a-z' | sort | uniq -c");
    let output = Command::new("sh").arg("-c").arg(&script).env("LC_ALL", "C").output().expect("run sh");
    assert!(output.status.success(), "{script} failed");
    let theirs = parse_counts(&String::from_utf8(output.stdout).expect("ASCII output"));
    assert!(theirs.len() > 500, "the pipeline found only {} words", theirs.len());
    assert_eq!(ours.len(), theirs.len(), "number of distinct words");
    for (word, n) in &theirs {
        assert_eq!(ours.get(word), Some(n), "count of {word:?}");
    }
}

#[tokio::test]
async fn full_output_is_sorted_by_count_desc_then_word_asc() {
    let text = wordcount(gpl3(), 1_000_000).await;
    let rows: Vec<(u64, &str)> = text
        .lines()
        .map(|l| l.split_once(' ').map(|(c, w)| (c.parse().expect("count"), w)).expect("COUNT WORD"))
        .collect();
    for pair in rows.windows(2) {
        let ((c1, w1), (c2, w2)) = (pair[0], pair[1]);
        assert!(c1 > c2 || (c1 == c2 && w1 < w2), "{c1} {w1} before {c2} {w2}");
    }
}

#[tokio::test]
async fn top_ten_matches_the_golden_file() {
    assert_eq!(wordcount(gpl3(), 10).await, golden("wordcount_gpl3_top10.txt"));
}

#[tokio::test]
async fn a_missing_input_file_fails_naming_the_process_and_file() {
    let dir = TempDir::new("wordcount-missing");
    let mut graph = load_example_graph("wordcount");
    graph.set_iip("read", "in", json!(dir.file("nope.txt")));
    graph.set_iip("write", "file", json!(dir.file("out.txt")));
    let err = run_graph(&graph).await.expect_err("the run fails").to_string();
    assert!(err.contains("\"read\"") && err.contains("nope.txt: cannot open"), "{err}");
}

#[test]
fn the_graph_validates_as_written() {
    let graph = load_example_graph("wordcount");
    validate(&graph, &example_registry()).expect("graphs/wordcount.fbp validates");
    let top = graph.connections.iter().find(|c| c.tgt.process == "top" && c.tgt.port == "count").expect("top.count IIP");
    assert_eq!(top.data, Some(json!(10)), "N defaults to 10, as an int");
}

/// The subgraph boundary costs nothing: it is gone from the plan, which is
/// the plan of the graph with TopWords' processes written out by hand
/// (named `top/...`, their IIPs first, as inlining orders them), but for
/// the labels of the two edges that cross the boundary.
#[test]
fn the_plan_equals_the_plan_of_the_graph_inlined_by_hand() {
    let plan = validate(&load_example_graph("wordcount"), &example_registry()).expect("valid");
    let path = workspace_root().join("tests/fixtures/wordcount-inlined.json");
    let by_hand = Graph::load(&path).unwrap_or_else(|e| panic!("{e}"));
    let by_hand = validate(&by_hand, &actor_components::standard()).expect("valid");
    assert_eq!(plan.clone().labelled_by_ports(), by_hand.labelled_by_ports());
    let crossing: Vec<&(PortRef, PortRef)> = plan
        .wires
        .iter()
        .filter_map(|w| match w {
            Wire::Edge { written, .. } if written.0.process == "top" || written.1.process == "top" => Some(written),
            _ => None,
        })
        .collect();
    assert_eq!(crossing, [&(PortRef::new("read", "out"), PortRef::new("top", "in")), &(PortRef::new("top", "out"), PortRef::new("format", "in"))]);
    let names: Vec<&str> = plan.processes.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["read", "top/words", "top/count", "top/sort", "top/take", "format", "write"]);
}
