//! serde support for [`Value`]: JSON-shaped, with `$bytes` (base64, standard
//! alphabet with padding, RFC 4648 §4) and `$error` single-key objects for
//! the two variants JSON lacks. Reading is lenient, and the same as
//! `Value::from(serde_json::Value)`: a one-key `$bytes` object whose value
//! is not valid base64, or a `$error` object whose value is not a string,
//! is read as an ordinary object. (So an object of exactly one key
//! `$bytes` or `$error` holding such a string does not survive a round
//! trip: it reads back as bytes or an error.)

use std::fmt;
use std::sync::Arc;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use serde::de::{MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{Map, Str, Value};

const BYTES_KEY: &str = "$bytes";
const ERROR_KEY: &str = "$error";

impl Serialize for Value {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Value::Null => s.serialize_unit(),
            Value::Bool(b) => s.serialize_bool(*b),
            Value::Int(i) => s.serialize_i64(*i),
            Value::Float(f) => s.serialize_f64(*f),
            Value::String(x) => s.serialize_str(x),
            Value::Bytes(b) => {
                let mut m = s.serialize_map(Some(1))?;
                m.serialize_entry(BYTES_KEY, &B64.encode(b))?;
                m.end()
            }
            Value::Error(e) => {
                let mut m = s.serialize_map(Some(1))?;
                m.serialize_entry(ERROR_KEY, &**e)?;
                m.end()
            }
            Value::Array(a) => {
                let mut seq = s.serialize_seq(Some(a.len()))?;
                for v in a.iter() {
                    seq.serialize_element(v)?;
                }
                seq.end()
            }
            Value::Object(o) => {
                let mut m = s.serialize_map(Some(o.len()))?;
                for (k, v) in o.iter() {
                    m.serialize_entry(k, v)?;
                }
                m.end()
            }
        }
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        Value::deserialize(d)
    }
    fn visit_bool<E>(self, b: bool) -> Result<Value, E> {
        Ok(Value::Bool(b))
    }
    fn visit_i64<E>(self, i: i64) -> Result<Value, E> {
        Ok(Value::Int(i))
    }
    fn visit_u64<E>(self, u: u64) -> Result<Value, E> {
        Ok(i64::try_from(u).map_or(Value::Float(u as f64), Value::Int))
    }
    fn visit_f64<E>(self, f: f64) -> Result<Value, E> {
        Ok(Value::Float(f))
    }
    fn visit_str<E>(self, s: &str) -> Result<Value, E> {
        Ok(Value::String(Str::new(s)))
    }
    fn visit_bytes<E>(self, b: &[u8]) -> Result<Value, E> {
        Ok(Value::Bytes(Arc::from(b)))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(v) = seq.next_element()? {
            items.push(v);
        }
        Ok(Value::Array(Arc::new(items)))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Value, A::Error> {
        let mut map = Map::with_capacity(access.size_hint().unwrap_or(0).min(4096));
        while let Some((k, v)) = access.next_entry::<String, Value>()? {
            map.insert(k, v);
        }
        // As `Value::from(serde_json::Value)` reads it: `{"$bytes": <base64>}`
        // and `{"$error": <string>}` are the two variants JSON lacks; any
        // other one-key object, `{"$bytes": null}` included, stays an object.
        if map.len() == 1 {
            match map.first() {
                Some((k, Value::String(text))) if k == BYTES_KEY => {
                    if let Ok(bytes) = B64.decode(text.as_bytes()) {
                        return Ok(Value::Bytes(Arc::from(bytes)));
                    }
                }
                Some((k, Value::String(text))) if k == ERROR_KEY => return Ok(Value::Error(Arc::from(text.as_str()))),
                _ => {}
            }
        }
        Ok(Value::Object(Arc::new(map)))
    }
}

/// Recognises `{"$bytes": ..}` and `{"$error": ..}` in an already-parsed
/// JSON object of one key. Malformed base64 leaves the object as it is.
pub(super) fn special_from_json(o: &serde_json::Map<String, serde_json::Value>) -> Option<Value> {
    if let Some(serde_json::Value::String(s)) = o.get(BYTES_KEY) {
        return B64.decode(s).ok().map(|b| Value::Bytes(Arc::from(b)));
    }
    if let Some(serde_json::Value::String(s)) = o.get(ERROR_KEY) {
        return Some(Value::Error(Arc::from(s.as_str())));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_variant_round_trips_through_json() {
        let v = Value::object([
            ("n", Value::Null),
            ("b", Value::Bool(true)),
            ("i", Value::Int(-7)),
            ("f", Value::Float(2.5)),
            ("whole_float", Value::Float(3.0)),
            ("s", Value::from("héllo")),
            ("bytes", Value::from(vec![0u8, 1, 255])),
            ("err", Value::error("boom")),
            ("a", Value::array([Value::Int(1), Value::from("x")])),
        ]);
        let text = serde_json::to_string(&v).unwrap();
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, v, "{text}");
        assert_eq!(Value::from(serde_json::from_str::<serde_json::Value>(&text).unwrap()), v);
        assert!(text.contains(r#""bytes":{"$bytes":"AAH/"}"#), "{text}");
        assert!(text.contains(r#""err":{"$error":"boom"}"#), "{text}");
    }

    #[test]
    fn clone_shares_large_payloads() {
        let big = Value::array((0..100_000).map(Value::Int));
        let copy = big.clone();
        match (&big, &copy) {
            (Value::Array(a), Value::Array(b)) => assert!(Arc::ptr_eq(a, b)),
            _ => unreachable!(),
        }
    }
}
