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

// ----- values held as JSON text -----

#[test]
fn a_value_set_as_text_reads_back_in_every_form() {
    let state = LiveMemoryState::new();
    let v0 = state.map_version();
    let version = state.set_json_text("o", r#"{"x":1,"y":2.5,"label":"penguin","ok":true}"#.into()).unwrap().unwrap();
    assert!(version > v0);
    assert_eq!(state.map_version(), version);
    assert!(format!("{state:?}").contains("(unparsed)"), "nobody read it: not parsed yet");
    let (text, at) = state.json_text("o").unwrap();
    assert_eq!(text.as_str(), r#"{"x":1,"y":2.5,"label":"penguin","ok":true}"#, "the very text");
    assert_eq!(at, version);
    assert_eq!(state.get("o"), Some(json!({"x": 1, "y": 2.5, "label": "penguin", "ok": true})));
    assert!(!format!("{state:?}").contains("(unparsed)"));
    assert_eq!(state.with("o", |v| v.and_then(|v| v["x"].as_i64())), Some(1));
    // The same text again changes nothing, not even the version.
    assert_eq!(state.set_json_text("o", r#"{"x":1,"y":2.5,"label":"penguin","ok":true}"#.into()).unwrap(), Some(version));
    assert_eq!(state.map_version(), version);
    // A Rust write is served as text, made once.
    state.set("r", json!({"b": [1, null, "s"]}));
    let (text, at) = state.json_text("r").unwrap();
    assert_eq!(text.as_str(), r#"{"b":[1,null,"s"]}"#);
    assert_eq!(at, state.map_version());
    assert!(state.json_text("missing").is_none());
}

#[test]
fn bad_text_is_refused_with_its_position_and_changes_nothing() {
    let state = LiveMemoryState::new();
    state.set("k", json!(1));
    let before = state.map_version();
    let err = state.set_json_text("k", "{\"a\": }".into()).unwrap_err();
    assert_eq!((err.line(), err.column()), (1, 7));
    assert!(state.set_json_text("k", "1 2".into()).is_err(), "one value only");
    assert!(state.set_json_text("k", r#""\ud800""#.into()).is_err(), "an unpaired surrogate");
    assert!(state.set_json_text("k", r#"{"\udc00": 1}"#.into()).is_err(), "in a key too");
    assert!(state.set_json_text("k", format!("{}{}", "[".repeat(200), "]".repeat(200))).is_err(), "too deep");
    assert_eq!(state.get("k"), Some(json!(1)));
    assert_eq!(state.map_version(), before);
    assert!(state.set_json_text("k", r#""\ud83d\udc27""#.into()).is_ok(), "a paired surrogate is fine");
    assert_eq!(state.get("k"), Some(json!("\u{1F427}")));
}

#[test]
fn what_the_check_accepts_the_parser_reads() {
    // Nesting right at serde_json's limit, both sides of it.
    for depth in [100, 127, 128, 129] {
        let text = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        let checked = LiveMemoryState::new().set_json_text("k", text.clone()).is_ok();
        let parsed = serde_json::from_str::<Json>(&text).is_ok();
        assert_eq!(checked, parsed, "depth {depth}");
    }
}

#[test]
fn big_integers_are_flagged_in_text_either_way() {
    let state = LiveMemoryState::new();
    let cases = [
        ("9007199254740991", false),
        ("-9007199254740991", false),
        ("9007199254740992", true),
        ("-9007199254740993", true),
        ("18446744073709551615", true),
        ("123456789012345678901234567890", false), // beyond u64: a double on both sides
        ("1e300", false),
        (r#"{"a":[1,{"b":12345678901234567}]}"#, true),
    ];
    for (text, big) in cases {
        state.set_json_text("t", text.into()).unwrap();
        assert_eq!(state.json_text("t").unwrap().0.has_big_integers(), big, "as text: {text}");
        let value: Json = serde_json::from_str(text).unwrap();
        state.set("v", value);
        assert_eq!(state.json_text("v").unwrap().0.has_big_integers(), big, "serialized: {text}");
    }
    state.set("u", json!({"id": u64::MAX, "neg": i64::MIN}));
    assert_eq!(state.json_text("u").unwrap().0.as_str(), r#"{"id":18446744073709551615,"neg":-9223372036854775808}"#);
}

#[test]
fn text_writes_notify_like_set_when_someone_listens() {
    let state = LiveMemoryState::new();
    let (log, _sub) = recorder(&state, "o");
    state.set_json_text("o", r#"{"a":1,"b":2}"#.into()).unwrap();
    assert_eq!(state.set_json_text("o", r#"{"b":2,"a":1}"#.into()).unwrap(), None, "an equal value, written differently");
    assert_eq!(state.json_text("o").unwrap().0.as_str(), r#"{"a":1,"b":2}"#, "the current text stays");
    state.set_json_text("o", r#"{"a":1,"b":3}"#.into()).unwrap();
    state.set("o", json!({"a": 1, "b": 3})); // equal to the text's value
    assert_eq!(*log.lock().unwrap(), [Some(json!({"a": 1, "b": 2})), Some(json!({"a": 1, "b": 3}))]);

    let tracked = LiveMemoryState::new();
    let reads = tracked.reactive().derived({ let s = tracked.clone(); move || s.get("n") });
    assert_eq!(reads.get(), None);
    tracked.set_json_text("n", "5".into()).unwrap();
    assert_eq!(reads.get(), Some(json!(5)), "a derived that read the key follows text writes");
}

#[test]
fn a_hot_field_takes_a_number_written_as_text() {
    let state = LiveMemoryState::new();
    state.declare_hot(&["h"]).unwrap();
    assert_eq!(state.set_json_text("h", "2.5".into()).unwrap(), None);
    assert_eq!(state.get_number("h"), Some(2.5));
    assert_eq!(state.set_json_text("h", r#""text""#.into()).unwrap(), None, "refused, as set refuses it");
    assert_eq!(state.get_number("h"), Some(2.5));
    assert!(state.json_text("h").is_none(), "hot fields are not map values");
}

#[test]
fn every_map_write_raises_the_version_and_hot_writes_do_not() {
    let state = LiveMemoryState::new();
    state.declare_hot(&["h"]).unwrap();
    let read_ptr = |s: &LiveMemoryState| {
        // SAFETY: the counter lives as long as `s`; aligned `u64`.
        unsafe { std::ptr::read_volatile(s.map_version_ptr()) }
    };
    let mut last = state.map_version();
    let mut raised = |what: &str| {
        let now = state.map_version();
        assert!(now > last, "{what} raised the version");
        assert_eq!(read_ptr(&state), now, "the pointer reads the counter");
        last = now;
    };
    state.set("a", json!(1));
    raised("set");
    state.update("a", |_| json!(2));
    raised("update");
    state.set_json_text("b", "[1]".into()).unwrap();
    raised("set_json_text");
    state.delete("a");
    raised("delete");
    assert!(state.remove("b"));
    raised("remove");
    assert!(!state.remove("b"));
    state.restore(json!({"c": 3, "h": 1.0})).unwrap();
    raised("restore");
    let before = state.map_version();
    state.set_number("h", 9.0).unwrap();
    state.update("c", |_| json!(3)); // unchanged
    assert_eq!(state.map_version(), before);
}

#[test]
fn floats_written_as_text_read_back_bit_for_bit() {
    // The shortest text of a double (what JS's JSON.stringify and ryu
    // write) must parse back to the same double: serde_json's
    // float_roundtrip feature.
    let state = LiveMemoryState::new();
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut checked = 0;
    for _ in 0..20_000 {
        // xorshift64*: a spread of bit patterns, all exponents.
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        let f = f64::from_bits(x.wrapping_mul(0x2545_F491_4F6C_DD1D));
        if !f.is_finite() || f.fract() == 0.0 {
            continue;
        }
        state.set_json_text("f", serde_json::to_string(&f).unwrap()).unwrap();
        let back = state.get("f").and_then(|v| v.as_f64()).unwrap();
        assert_eq!(back.to_bits(), f.to_bits(), "{f:e}");
        checked += 1;
    }
    for text in ["0.1", "0.30000000000000004", "5e-324", "1.7976931348623157e308", "2.2250738585072014e-308"] {
        state.set_json_text("f", text.into()).unwrap();
        let back = state.get("f").and_then(|v| v.as_f64()).unwrap();
        assert_eq!(back, text.parse::<f64>().unwrap(), "{text}");
    }
    assert!(checked > 10_000);
}

#[test]
fn a_commit_of_raw_hot_writes_calls_each_subscriber_once_after_the_batch() {
    use std::sync::atomic::{AtomicU64, Ordering};
    let state = LiveMemoryState::new();
    state.declare_hot(&["a", "b", "c"]).unwrap();
    let (a_log, _sa) = recorder(&state, "a");
    let (c_log, _sc) = recorder(&state, "c");
    let sums = Arc::new(Mutex::new(Vec::new()));
    let _e = state.reactive().effect({ let (s, sums) = (state.clone(), sums.clone());
        move || { let total = s.get_number("a").unwrap() + s.get_number("b").unwrap() + s.get_number("c").unwrap();
            sums.lock().unwrap().push(total); } });
    let buffer = state.hot_buffer().unwrap();
    let raw = |i: usize, v: f64| {
        // SAFETY: three contiguous AtomicU64 slots holding f64 bits.
        unsafe { &*buffer.as_ptr().cast::<AtomicU64>().add(i) }.store(v.to_bits(), Ordering::Release);
    };
    raw(0, 1.0);
    raw(1, 2.0);
    raw(2, 3.0);
    assert_eq!(state.get_number("c"), Some(3.0), "readers see the memory at once");
    assert!(a_log.lock().unwrap().is_empty(), "no subscriber before the commit");
    assert_eq!(buffer.commit(0..3), 3);
    raw(0, 1.0);
    raw(2, 30.0);
    assert_eq!(buffer.commit(0..3), 1);
    assert_eq!(*a_log.lock().unwrap(), [Some(json!(1.0))]);
    assert_eq!(*c_log.lock().unwrap(), [Some(json!(3.0)), Some(json!(30.0))]);
    assert_eq!(*sums.lock().unwrap(), [0.0, 6.0, 33.0], "the effect ran once per commit, never on a partial one");
}
