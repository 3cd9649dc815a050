use serde_json::json;

use crate::testing::{graph, run};
use actor_core::{Graph, PortRef};

#[tokio::test]
async fn sort_by_value_ascending_by_default_across_kinds() {
    let values = [json!("b"), json!(3), json!(null), json!(1.5), json!("a"), json!(true), json!(-2)];
    let got = run(&graph("stream/Sort", &values, &[])).await.ok().json();
    assert_eq!(got, vec![json!(null), json!(true), json!(-2), json!(1.5), json!(3), json!("a"), json!("b")]);
}

#[tokio::test]
async fn sort_by_count_desc_then_word_asc() {
    let values = [
        json!({"word": "b", "count": 2}),
        json!({"word": "c", "count": 5}),
        json!({"word": "a", "count": 2}),
        json!({"word": "d", "count": 1}),
    ];
    let got = run(&graph("stream/Sort", &values, &[("by", json!("count:desc, word"))])).await.ok().json();
    let words: Vec<_> = got.iter().map(|v| v["word"].clone()).collect();
    assert_eq!(words, vec![json!("c"), json!("a"), json!("b"), json!("d")]);
}

#[tokio::test]
async fn sort_is_stable_for_equal_keys() {
    let values: Vec<_> = (0..200).map(|i| json!({"k": i % 3, "i": i})).collect();
    let got = run(&graph("stream/Sort", &values, &[("by", json!("k:desc"))])).await.ok().json();
    assert_eq!(got.len(), 200);
    for pair in got.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        assert!(a["k"].as_i64() > b["k"].as_i64() || (a["k"] == b["k"] && a["i"].as_i64() < b["i"].as_i64()), "{a} then {b}");
    }
}

#[tokio::test]
async fn sort_rejects_a_bad_direction() {
    let err = run(&graph("stream/Sort", &[json!(1)], &[("by", json!("count:down"))])).await.error();
    assert!(err.contains("port by: expected keys like"), "{err}");
}

/// Take with `values` on `in` and `count` sent through a `core/Repeat`, so
/// that any value reaches Take at run time (validation checks IIP types).
fn take_graph(values: &[serde_json::Value], count: serde_json::Value) -> Graph {
    let mut g = graph("stream/Take", values, &[]);
    g.add_process("n", "core/Repeat");
    g.connect(PortRef::new("n", "out"), PortRef::new("p", "count"));
    g.add_iip(count, PortRef::new("n", "in"));
    g
}

#[tokio::test]
async fn take_forwards_the_first_n_and_drains_the_rest() {
    let values: Vec<_> = (0..500).map(|i| json!(i)).collect();
    let got = run(&graph("stream/Take", &values, &[("count", json!(3))])).await.ok().json();
    assert_eq!(got, vec![json!(0), json!(1), json!(2)]);
    let got = run(&graph("stream/Take", &values, &[("count", json!(0))])).await.ok().json();
    assert!(got.is_empty());
    let got = run(&graph("stream/Take", &values[..4], &[("count", json!(10))])).await.ok().json();
    assert_eq!(got.len(), 4);
}

#[tokio::test]
async fn take_waits_for_a_count_from_an_edge_and_accepts_its_string_spelling() {
    let values: Vec<_> = (0..100).map(|i| json!(i)).collect();
    let got = run(&take_graph(&values, json!("2"))).await.ok().json();
    assert_eq!(got, vec![json!(0), json!(1)]);
}

#[tokio::test]
async fn take_rejects_a_bad_count() {
    let err = run(&take_graph(&[json!(1)], json!(-1))).await.error();
    assert!(err.contains("port count: expected a non-negative integer, got -1"), "{err}");
    let err = run(&take_graph(&[json!(1)], json!("ten"))).await.error();
    assert!(err.contains("port count: expected a non-negative integer, got \"ten\""), "{err}");
}

#[tokio::test]
async fn a_string_count_iip_is_rejected_by_validation() {
    let g = graph("stream/Take", &[json!(1)], &[("count", json!("ten"))]);
    let err = actor_core::Network::new(&g, &crate::standard(), Default::default()).unwrap_err().to_string();
    assert!(err.contains("\"ten\"") && err.contains("int"), "{err}");
}
