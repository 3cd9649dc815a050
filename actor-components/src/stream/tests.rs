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

/// The validation errors of `text`, a `.fbp` graph named `g.fbp`.
fn invalid(text: &str) -> Vec<String> {
    let g = Graph::from_fbp_str(text, Some("g.fbp")).unwrap();
    actor_core::graph::validate(&g, &crate::standard()).unwrap_err().iter().map(ToString::to_string).collect()
}

#[test]
fn a_malformed_sort_by_iip_fails_validation_with_its_position() {
    let errors = invalid("'x' -> IN sort(stream/Sort)\n'count:down' -> BY sort\n");
    assert_eq!(
        errors,
        ["g.fbp:2:1: IIP into sort.by: \"count:down\": port by: expected keys like \"count:desc,word\" (field, or . for the value, and :asc or :desc), got \"count:down\""]
    );
}

#[tokio::test]
async fn a_malformed_sort_by_sent_at_run_time_fails_before_the_input_ends() {
    // The input stays open (its exported inport handle is alive): the run
    // can only end because the key was refused on arrival.
    let mut g = Graph::new();
    g.add_process("by", "core/Repeat").add_process("sort", "stream/Sort");
    g.connect(PortRef::new("by", "out"), PortRef::new("sort", "by"));
    g.add_iip(json!("count:down"), PortRef::new("by", "in"));
    g.export_inport("IN", "sort", "in");
    let network = actor_core::Network::new(&g, &crate::standard(), Default::default()).unwrap();
    let input = network.inport("IN").unwrap();
    let running = network.start().unwrap();
    input.send(1).await.unwrap();
    let err = running.wait().await.unwrap_err().to_string();
    assert!(err.contains("port by: expected keys like"), "{err}");
    drop(input);
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
async fn a_string_count_iip_that_is_not_a_number_is_rejected_by_validation() {
    let g = graph("stream/Take", &[json!(1)], &[("count", json!("ten"))]);
    let err = actor_core::Network::new(&g, &crate::standard(), Default::default()).unwrap_err().to_string();
    assert!(err.contains("\"ten\"") && err.contains("int"), "{err}");
}

#[tokio::test]
async fn a_string_count_iip_spelling_a_number_is_accepted_as_documented() {
    // Issue 11: `'10' -> COUNT take(stream/Take)` was rejected.
    let g = Graph::from_fbp_str(
        "'a' -> IN r(core/Repeat)\n'b' -> IN r\n'c' -> IN r\nr OUT -> IN take(stream/Take)\n'2' -> COUNT take\n",
        None,
    )
    .unwrap();
    let mut g = g;
    g.export_outport("OUT", "take", "out");
    assert_eq!(run(&g).await.ok().json(), vec![json!("a"), json!("b")]);
}

#[test]
fn a_negative_count_iip_fails_validation() {
    let errors = invalid("'x' -> IN take(stream/Take)\n'-1' -> COUNT take\n");
    assert_eq!(errors, ["g.fbp:2:1: IIP into take.count: -1: port count: expected a non-negative integer, got -1"]);
}
