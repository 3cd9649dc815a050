use std::sync::Arc;
use std::time::Duration;

use actor_core::network::{Checkpoint, ProcessState, StateStore};
use actor_core::{Graph, LiveMemoryState, Network, NetworkOptions, PortRef};
use serde_json::json;

use super::*;

fn process(name: &str, component: &str, state: &LiveMemoryState) -> ProcessState {
    ProcessState { process: Arc::from(name), component: component.to_string(), state: state.clone() }
}

/// A state with map keys and hot fields holding every kind of f64.
fn sample() -> LiveMemoryState {
    let state = LiveMemoryState::new();
    state.set("z", json!({"nested": [1, "two", null]}));
    state.set("a", json!(1.5));
    state.declare_hot(&["max", "min", "odd"]).unwrap();
    state.set_number("max", f64::NEG_INFINITY).unwrap();
    state.set_number("min", 3750.25).unwrap();
    state.set_number("odd", f64::NAN).unwrap();
    state
}

#[test]
fn a_snapshot_keeps_map_order_and_exact_hot_fields_through_its_record() {
    let snap = StateSnapshot::of("live/RunningMax", &sample());
    assert_eq!(snap.values.keys().collect::<Vec<_>>(), ["z", "a"]);
    let back = StateSnapshot::from_record(&snap.to_record()).unwrap();
    assert_eq!(back.values, snap.values);
    assert_eq!(back.component, "live/RunningMax");
    let bits = |s: &StateSnapshot| s.hot.iter().map(|(n, x)| (n.clone(), x.to_bits())).collect::<Vec<_>>();
    assert_eq!(bits(&back), bits(&snap), "NaN and -inf survive");

    let restored = LiveMemoryState::new();
    back.restore_into(&restored).unwrap();
    assert_eq!(restored.hot_fields(), ["max", "min", "odd"]);
    assert_eq!(restored.get_number("max"), Some(f64::NEG_INFINITY));
    assert_eq!(restored.get_number("min"), Some(3750.25));
    assert!(restored.get_number("odd").unwrap().is_nan());
    assert_eq!(restored.keys(), ["z", "a", "max", "min", "odd"]);
}

#[test]
fn a_record_of_another_format_or_shape_is_refused() {
    for bad in [&b"not json"[..], br#"{"format": 2}"#, br#"{"format": 1, "component": "c", "values": {}, "hot": [["x", true]]}"#] {
        assert!(matches!(StateSnapshot::from_record(bad), Err(StoreError::Record(_))));
    }
}

#[tokio::test]
async fn a_checkpoint_is_restored_by_a_resumed_store_and_forgotten_by_a_fresh_one() {
    let dir = tempfile::tempdir().unwrap();
    let state = sample();
    let store = RedbStore::open(dir.path(), Start::Fresh, DEFAULT_INTERVAL).unwrap();
    store.save(&[process("p", "t/C", &state)], Checkpoint::Periodic).await.unwrap();
    assert_eq!(store.checkpoint_info().unwrap().map(|i| (i.seq, i.kind, i.processes)), Some((1, "periodic".into(), 1)));
    drop(store);

    let store = RedbStore::open(dir.path(), Start::Resume, DEFAULT_INTERVAL).unwrap();
    let fresh = LiveMemoryState::new();
    store.restore(&[process("p", "t/C", &fresh)]).unwrap();
    assert_eq!(fresh.snapshot(), state.snapshot());
    // The next checkpoint of a resumed run continues the numbering.
    store.save(&[process("p", "t/C", &fresh)], Checkpoint::Final).await.unwrap();
    assert_eq!(store.checkpoint_info().unwrap().map(|i| i.seq), Some(2));
    drop(store);

    let store = RedbStore::open(dir.path(), Start::Fresh, DEFAULT_INTERVAL).unwrap();
    assert!(store.snapshots().unwrap().is_empty(), "a fresh run forgets the saved states at once");
    assert_eq!(store.checkpoint_info().unwrap().map(|i| i.kind), Some("started".into()));
}

#[tokio::test]
async fn resuming_a_different_graph_is_an_error_naming_the_process() {
    let dir = tempfile::tempdir().unwrap();
    let store = RedbStore::open(dir.path(), Start::Fresh, DEFAULT_INTERVAL).unwrap();
    store.save(&[process("agg", "group/Aggregate", &sample())], Checkpoint::Final).await.unwrap();
    drop(store);
    let store = RedbStore::open(dir.path(), Start::Resume, DEFAULT_INTERVAL).unwrap();
    let other = LiveMemoryState::new();
    let err = store.restore(&[process("agg", "group/Count", &other)]).unwrap_err().to_string();
    assert!(err.ends_with("process \"agg\" is a group/Count in this graph, but its saved state is from a group/Aggregate"), "{err}");
    let err = store.restore(&[process("renamed", "group/Aggregate", &other)]).unwrap_err().to_string();
    assert!(err.ends_with("the saved state of process \"agg\" has no process in this graph"), "{err}");
}

#[test]
fn resuming_an_empty_directory_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let err = RedbStore::open(dir.path(), Start::Resume, DEFAULT_INTERVAL).unwrap_err();
    assert!(matches!(err, StoreError::NothingSaved { .. }), "{err}");
    assert!(err.to_string().contains("no saved state to resume"), "{err}");
}

#[test]
fn a_directory_in_use_by_another_run_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let _first = RedbStore::open(dir.path(), Start::Fresh, DEFAULT_INTERVAL).unwrap();
    let err = RedbStore::open(dir.path(), Start::Fresh, DEFAULT_INTERVAL).unwrap_err();
    assert!(matches!(err, StoreError::InUse { .. }), "{err}");
}

#[tokio::test]
async fn running_max_continues_from_its_restored_maxima() {
    // A network saves live/RunningMax's hot fields; a resumed network
    // starts from them, so a smaller value is no new maximum.
    let dir = tempfile::tempdir().unwrap();
    let graph = |values: &[f64]| {
        let mut g = Graph::new();
        g.add_process("max", "live/RunningMax");
        for v in values {
            g.add_iip(json!({"g": "a", "x": v}), PortRef::new("max", "in"));
        }
        g.add_iip(json!("g"), PortRef::new("max", "groupby"));
        g.add_iip(json!("x"), PortRef::new("max", "field"));
        g.add_iip(json!("a"), PortRef::new("max", "groups"));
        g.export_outport("OUT", "max", "out");
        g
    };
    let run = |values: &'static [f64], start: Start| {
        let dir = dir.path().to_path_buf();
        async move {
            let store = RedbStore::open(&dir, start, Duration::from_secs(3600)).unwrap();
            let options = NetworkOptions { state_store: Some(Arc::new(store)), ..NetworkOptions::default() };
            let mut network = Network::new(&graph(values), &actor_components::standard(), options).unwrap();
            let out = network.outport("OUT").unwrap();
            network.run().await.unwrap();
            let mut maxima = Vec::new();
            while let Some(p) = out.try_recv() {
                maxima.push(p.into_data().unwrap().get("x").and_then(actor_core::Value::as_f64).unwrap());
            }
            maxima
        }
    };
    assert_eq!(run(&[3.0, 7.0, 5.0], Start::Fresh).await, [3.0, 7.0]);
    assert_eq!(run(&[6.0, 9.0], Start::Resume).await, [9.0], "6 is below the restored 7");
    assert_eq!(run(&[6.0], Start::Fresh).await, [6.0]);
}
