use std::sync::{Arc, Mutex};

use serde_json::{Value as Json, json};

use super::*;
use crate::SharedSlotBuffer;

fn recorder(state: &LiveMemoryState, key: &str) -> (Arc<Mutex<Vec<Option<Json>>>>, Subscription) {
    let log: Arc<Mutex<Vec<Option<Json>>>> = Arc::default();
    let sub = state.subscribe(key, { let log = log.clone(); move |v| log.lock().unwrap().push(v.cloned()) });
    (log, sub)
}

#[test]
fn declare_hot_is_idempotent_and_checked() {
    let state = LiveMemoryState::new();
    state.set("name", json!("x"));
    assert_eq!(state.declare_hot(&["a", "name"]), Err(StateError::NameInUse { name: "name".into() }));
    assert_eq!(state.declare_hot(&["a", "a"]), Err(StateError::NameInUse { name: "a".into() }));
    state.declare_hot(&["count", "max"]).unwrap();
    state.clone().declare_hot(&["count", "max"]).unwrap();
    assert!(matches!(state.declare_hot(&["count"]), Err(StateError::AlreadyDeclared { .. })));
    assert_eq!(state.hot_fields(), ["count", "max"]);
    let err = state.set_number("mean", 1.0).unwrap_err();
    assert_eq!(err.to_string(), "no hot field \"mean\" (declared: count, max)");
}

#[test]
fn hot_fields_are_shared_by_every_handle() {
    let a = LiveMemoryState::new();
    a.declare_hot(&["count"]).unwrap();
    let b = a.clone();
    assert!(a.set_number("count", 3.0).unwrap());
    assert_eq!(b.get_number("count"), Some(3.0));
    assert_eq!(b.get("count"), Some(json!(3.0)));
    assert!(SharedSlotBuffer::ptr_eq(&a.hot_buffer().unwrap(), &b.hot_buffer().unwrap()));
    // Writing the buffer directly is writing the field.
    b.hot_buffer().unwrap().set(0, 7.0);
    assert_eq!(a.get_number("count"), Some(7.0));
}

#[test]
fn subscribers_fire_once_per_change_for_map_keys_and_hot_fields() {
    let state = LiveMemoryState::new();
    state.declare_hot(&["max"]).unwrap();
    let (max_log, _s1) = recorder(&state, "max");
    let (name_log, _s2) = recorder(&state, "name");
    state.set_number("max", 1.0).unwrap();
    state.set_number("max", 1.0).unwrap(); // unchanged
    state.set("max", json!(2.5));
    state.set("name", json!("a"));
    state.set("name", json!("a")); // unchanged
    state.delete("name");
    assert_eq!(*max_log.lock().unwrap(), [Some(json!(1.0)), Some(json!(2.5))]);
    assert_eq!(*name_log.lock().unwrap(), [Some(json!("a")), None]);
}

#[test]
fn subscriber_count_follows_subscribe_drop_and_forget() {
    let state = LiveMemoryState::new();
    state.declare_hot(&["max"]).unwrap();
    assert_eq!(state.subscriber_count(), 0);
    let (_, a) = recorder(&state, "max");
    let (_, b) = recorder(&state, "name");
    let (_, c) = recorder(&state.clone(), "name");
    assert_eq!(state.subscriber_count(), 3);
    drop(a);
    assert_eq!(state.subscriber_count(), 2);
    b.unsubscribe();
    c.forget();
    assert_eq!(state.subscriber_count(), 1, "a forgotten subscription stays registered");
}

#[test]
fn subscribers_run_after_the_batch_with_no_lock_held() {
    let state = LiveMemoryState::new();
    state.declare_hot(&["x"]).unwrap();
    let seen: Arc<Mutex<Vec<Json>>> = Arc::default();
    let _sub = state.subscribe("x", {
        let (state, seen) = (state.clone(), seen.clone());
        // Reads and writes the state from inside the callback: no deadlock.
        move |_| {
            seen.lock().unwrap().push(state.snapshot());
            state.set("echo", json!(true));
        }
    });
    state.reactive().batch(|| {
        state.set_number("x", 1.0).unwrap();
        state.set_number("x", 2.0).unwrap();
        assert!(seen.lock().unwrap().is_empty(), "not during the batch");
    });
    // Once per change, each seeing the state after the whole batch.
    let expected = json!({"x": 2.0});
    assert_eq!(*seen.lock().unwrap(), [expected.clone(), json!({"echo": true, "x": 2.0})]);
}

#[test]
fn map_keys_and_hot_fields_are_reactive_sources() {
    let state = LiveMemoryState::new();
    state.declare_hot(&["n"]).unwrap();
    state.set("label", json!("a"));
    let view = state.reactive().derived({
        let s = state.clone();
        move || format!("{}={}", s.get("label").unwrap_or(Json::Null), s.get_number("n").unwrap_or(f64::NAN))
    });
    assert_eq!(view.get(), "\"a\"=0");
    state.set("label", json!("b"));
    assert_eq!(view.get(), "\"b\"=0");
    state.set_number("n", 4.0).unwrap();
    assert_eq!(view.get(), "\"b\"=4");
}

#[test]
fn snapshot_and_restore_cover_both_parts() {
    let state = LiveMemoryState::new();
    state.declare_hot(&["count", "mean"]).unwrap();
    state.set("species", json!("Adelie"));
    state.set_number("count", 3.0).unwrap();
    state.set_number("mean", f64::NAN).unwrap();
    let snap = state.snapshot();
    assert_eq!(snap, json!({"species": "Adelie", "count": 3.0, "mean": null}));

    let other = LiveMemoryState::new();
    other.declare_hot(&["count", "mean"]).unwrap();
    other.set("stale", json!(1));
    let (count_log, _sub) = recorder(&other, "count");
    other.restore(snap.clone()).unwrap();
    assert_eq!(other.snapshot(), snap);
    assert!(!other.has("stale"));
    assert!(other.get_number("mean").unwrap().is_nan());
    assert_eq!(*count_log.lock().unwrap(), [Some(json!(3.0))]);

    // A hot field that is not a number: refused, nothing changes.
    assert!(other.restore(json!({"count": "three"})).is_err());
    assert_eq!(other.snapshot(), snap);
    assert!(other.restore(json!([1])).is_err());
}

#[test]
fn a_non_number_for_a_hot_field_is_refused() {
    let state = LiveMemoryState::new();
    state.declare_hot(&["x"]).unwrap();
    state.set_number("x", 1.0).unwrap();
    assert_eq!(state.set("x", json!("text")), None);
    assert_eq!(state.get_number("x"), Some(1.0));
    assert_eq!(state.set("x", json!(2)), Some(json!(1.0)));
}
