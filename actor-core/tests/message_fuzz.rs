//! Property tests (proptest) of `Value`'s serde: any value survives JSON
//! text both ways, the serde path and the `serde_json::Value` path agree,
//! and no JSON text makes deserialization panic.
//!
//! CI runs proptest's default of 256 cases per property. For a longer run:
//! `PROPTEST_CASES=20000 cargo test --release -p actor-core --test message_fuzz`.


use actor_core::Value;
use proptest::prelude::*;
use serde_json::Value as Json;

/// Whether `v` holds an object whose only key is `$bytes` or `$error`: the
/// encoding reserves those shapes for `Bytes` and `Error`, so such an
/// object reads back as one of them (see `a_reserved_one_key_object_...`).
fn has_reserved_object(v: &Value) -> bool {
    match v {
        Value::Object(o) => (o.len() == 1 && (o.contains_key("$bytes") || o.contains_key("$error"))) || o.values().any(has_reserved_object),
        Value::Array(a) => a.iter().any(has_reserved_object),
        _ => false,
    }
}

/// Any `Value`, nested up to 4 levels. Floats are finite (JSON has no NaN
/// or infinity) and object keys include the reserved `$bytes` and `$error`.
fn value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::Int),
        any::<f64>().prop_filter("finite", |x| x.is_finite()).prop_map(Value::Float),
        any::<String>().prop_map(Value::from),
        prop::collection::vec(any::<u8>(), 0..16).prop_map(Value::from),
        any::<String>().prop_map(Value::error),
    ];
    leaf.prop_recursive(4, 32, 5, |inner| {
        let key = prop_oneof![4 => any::<String>(), 1 => Just("$bytes".to_string()), 1 => Just("$error".to_string())];
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::array),
            prop::collection::vec((key, inner), 0..5).prop_map(Value::object),
        ]
    })
}

proptest! {
    #[test]
    fn a_value_survives_json_text_and_both_paths_agree(v in value()) {
        prop_assume!(!has_reserved_object(&v));
        let text = serde_json::to_string(&v).unwrap();
        let back: Value = serde_json::from_str(&text).map_err(|e| TestCaseError::fail(format!("{e}: {text}")))?;
        prop_assert_eq!(&back, &v, "{}", text);
        let via_json = Value::from(serde_json::from_str::<Json>(&text).unwrap());
        prop_assert_eq!(&via_json, &v, "{}", text);
        prop_assert_eq!(Value::from(v.to_json()), v);
    }

    #[test]
    fn any_text_deserializes_or_fails_without_panicking(text in ".{0,64}") {
        let _ = serde_json::from_str::<Value>(&text);
    }

    #[test]
    fn json_shaped_text_deserializes_like_serde_json_value(v in value()) {
        // Whatever JSON text serde_json accepts, the Value path accepts too
        // and reads the same value (reserved shapes included).
        let text = serde_json::to_string(&v.to_json()).unwrap();
        let direct: Result<Value, _> = serde_json::from_str(&text);
        let via_json = Value::from(serde_json::from_str::<Json>(&text).unwrap());
        prop_assert_eq!(direct.map_err(|e| TestCaseError::fail(e.to_string()))?, via_json);
    }
}

#[test]
fn a_reserved_one_key_object_reads_back_as_bytes_or_error() {
    // The documented limit of the encoding, which the round trip above excludes.
    let object = Value::object([("$error", Value::from("boom"))]);
    let back: Value = serde_json::from_str(&serde_json::to_string(&object).unwrap()).unwrap();
    assert_eq!(back, Value::error("boom"));
}
