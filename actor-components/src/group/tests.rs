use serde_json::json;

use crate::testing::{graph, run};
use actor_core::{Network, NetworkOptions};

#[tokio::test]
async fn count_counts_each_distinct_value_in_order_of_first_appearance() {
    let words = ["b", "a", "b", "c", "b", "a"].map(|w| json!(w));
    let got = run(&graph("group/Count", &words, &[("key", json!("word"))])).await.ok().json();
    assert_eq!(got, vec![json!({"word": "b", "count": 3}), json!({"word": "a", "count": 2}), json!({"word": "c", "count": 1})]);
}

#[tokio::test]
async fn count_keeps_strings_and_numbers_apart() {
    let got = run(&graph("group/Count", &[json!("1"), json!(1), json!(1)], &[])).await.ok().json();
    assert_eq!(got, vec![json!({"value": "1", "count": 1}), json!({"value": 1, "count": 2})]);
}

#[tokio::test]
async fn count_by_field() {
    let records = [json!({"s": "x"}), json!({"s": "y"}), json!({"s": "x"}), json!({})];
    let got = run(&graph("group/Count", &records, &[("by", json!("s"))])).await.ok().json();
    assert_eq!(got, vec![json!({"s": "x", "count": 2}), json!({"s": "y", "count": 1}), json!({"s": null, "count": 1})]);
}

#[test]
fn count_refuses_key_count_at_validation() {
    // Issue 11: `'count' -> KEY` gave {"count": 1}, the key overwritten by the count.
    let g = actor_core::Graph::from_fbp_str("'x' -> IN c(group/Count)\n'count' -> KEY c\n", Some("g.fbp")).unwrap();
    let errors: Vec<String> =
        actor_core::graph::validate(&g, &crate::standard()).unwrap_err().iter().map(ToString::to_string).collect();
    assert_eq!(
        errors,
        ["g.fbp:2:1: IIP into c.key: \"count\": port key: expected a field name other than count, which holds the count, got \"count\""]
    );
}

#[tokio::test]
async fn count_by_a_field_named_count_needs_another_key_name() {
    let records = [json!({"count": 3}), json!({"count": 3}), json!({"count": 4})];
    let err = run(&graph("group/Count", &records, &[("by", json!("count"))])).await.error();
    assert!(err.contains("port by: expected a by field other than count, or a key naming the output field otherwise"), "{err}");
    let got = run(&graph("group/Count", &records, &[("by", json!("count")), ("key", json!("n"))])).await.ok().json();
    assert_eq!(got, vec![json!({"n": 3, "count": 2}), json!({"n": 4, "count": 1})]);
}

fn penguins() -> Vec<serde_json::Value> {
    vec![
        json!({"species": "Adelie", "mass": 3750, "flipper": 181}),
        json!({"species": "Gentoo", "mass": 5000, "flipper": null}),
        json!({"species": "Adelie", "mass": null, "flipper": 186.5}),
        json!({"species": "Adelie", "mass": 3250, "flipper": 195}),
        json!({"species": "Gentoo", "mass": null}),
    ]
}

#[tokio::test]
async fn aggregate_reports_count_sum_mean_min_max_skipping_missing_values() {
    let options = [("groupby", json!("species")), ("fields", json!("mass,flipper"))];
    let got = run(&graph("group/Aggregate", &penguins(), &options)).await.ok().json();
    assert_eq!(
        got,
        vec![
            json!({"species": "Adelie", "count": 3,
                   "mass_sum": 7000, "mass_mean": 3500.0, "mass_min": 3250, "mass_max": 3750,
                   "flipper_sum": 562.5, "flipper_mean": 187.5, "flipper_min": 181, "flipper_max": 195}),
            json!({"species": "Gentoo", "count": 2,
                   "mass_sum": 5000, "mass_mean": 5000.0, "mass_min": 5000, "mass_max": 5000,
                   "flipper_sum": null, "flipper_mean": null, "flipper_min": null, "flipper_max": null}),
        ]
    );
}

#[tokio::test]
async fn aggregate_stats_option_selects_and_orders_the_output() {
    let options = [("groupby", json!("species")), ("fields", json!(["mass"])), ("stats", json!("count,n,mean"))];
    let got = run(&graph("group/Aggregate", &penguins(), &options)).await.ok().json();
    assert_eq!(
        got,
        vec![
            json!({"species": "Adelie", "count": 3, "mass_n": 2, "mass_mean": 3500.0}),
            json!({"species": "Gentoo", "count": 2, "mass_n": 1, "mass_mean": 5000.0}),
        ]
    );
}

#[tokio::test]
async fn aggregate_keeps_its_running_aggregates_in_the_process_state() {
    let options = [("groupby", json!("species")), ("fields", json!("mass")), ("stats", json!("count"))];
    let g = graph("group/Aggregate", &penguins(), &options);
    let mut network = Network::new(&g, &crate::standard(), NetworkOptions::default()).unwrap();
    let state = network.state("p").expect("process p has a state");
    let out = network.outport("OUT").unwrap();
    network.start().unwrap().wait().await.unwrap();
    assert_eq!(state.keys(), vec!["Adelie", "Gentoo"]);
    assert_eq!(
        state.get("Adelie"),
        Some(json!({"key": "Adelie", "count": 3, "fields": {"mass": {"n": 2, "sum": 7000, "min": 3250, "max": 3750}}}))
    );
    assert_eq!(state.get("Gentoo").unwrap()["fields"]["mass"]["n"], json!(1));
    // The output is read from that state.
    assert_eq!(out.recv().await.and_then(|p| p.into_data()).map(|v| v.to_json()), Some(json!({"species": "Adelie", "count": 3})));
}

#[tokio::test]
async fn aggregate_continues_from_a_state_written_before_the_run() {
    let options = [("groupby", json!("species")), ("fields", json!("mass")), ("stats", json!("count,sum"))];
    let g = graph("group/Aggregate", &penguins()[..1], &options);
    let mut network = Network::new(&g, &crate::standard(), NetworkOptions::default()).unwrap();
    network.state("p").unwrap().set(
        "Adelie",
        json!({"key": "Adelie", "count": 10, "fields": {"mass": {"n": 10, "sum": 40000, "min": 3000, "max": 5000}}}),
    );
    let out = network.outport("OUT").unwrap();
    network.start().unwrap().wait().await.unwrap();
    let got = out.recv().await.and_then(|p| p.into_data()).map(|v| v.to_json());
    assert_eq!(got, Some(json!({"species": "Adelie", "count": 11, "mass_sum": 43750})));
}

#[tokio::test]
async fn aggregate_rejects_a_non_numeric_field_naming_record_and_field() {
    let records = [json!({"g": 1, "x": 2}), json!({"g": 1, "x": "heavy"})];
    let err = run(&graph("group/Aggregate", &records, &[("groupby", json!("g")), ("fields", json!("x"))])).await.error();
    assert!(err.contains("record 2: field \"x\" is \"heavy\", expected a number"), "{err}");
}

#[tokio::test]
async fn aggregate_without_groupby_puts_every_record_in_one_group() {
    let options = [("fields", json!("mass")), ("stats", json!("count,sum"))];
    let got = run(&graph("group/Aggregate", &penguins(), &options)).await.ok().json();
    assert_eq!(got, vec![json!({"group": null, "count": 5, "mass_sum": 12000})]);
}

#[tokio::test]
async fn aggregate_rejects_an_unknown_stat() {
    let err = run(&graph("group/Aggregate", &penguins(), &[("fields", json!("mass")), ("stats", json!("median"))])).await.error();
    assert!(err.contains("port stats: expected a list of count, n, sum, mean, min, max"), "{err}");
}
