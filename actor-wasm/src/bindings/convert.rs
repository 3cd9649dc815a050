//! Conversions between JS values and Rust values.
//!
//! - State values (`serde_json::Value`): objects become plain JS objects,
//!   and a JS number with no fractional part that is a safe integer
//!   (|n| ≤ 2⁵³ − 1) becomes a JSON integer, so Rust sees `3`, not `3.0`.
//!   `undefined` becomes `null`; NaN and ±Infinity become `null` (JSON has
//!   neither). A JSON integer beyond ±(2⁵³ − 1) reaches JS as a `BigInt`
//!   (exactly), and a `BigInt` within the `i64` or `u64` range comes back
//!   as that integer.
//! - Packet data ([`Value`]) crosses with the hand-written pair below:
//!   `Uint8Array`/`ArrayBuffer` ⇄ [`Value::Bytes`], a JS `Error` ⇄
//!   [`Value::Error`], and integers beyond ±(2⁵³ − 1) ⇄ `BigInt`.

use actor_core::state::MAX_SAFE_INTEGER as MAX_SAFE;
use actor_core::{Packet, Value};
use js_sys::{Array, ArrayBuffer, Object, Reflect, Uint8Array};
use serde_json::Value as Json;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::BindingError;

/// How deep a JS value may nest before it is refused (this also catches cycles).
pub(crate) const MAX_DEPTH: usize = 128;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = console, js_name = error)]
    fn console_error_js(message: &str);
}

/// Writes `message` with `console.error`.
pub(crate) fn console_error(message: &str) {
    console_error_js(message);
}

/// A readable message for a thrown JS value: an `Error`'s `message`, a
/// string itself, anything else as JSON (or its debug form).
pub(crate) fn error_message(e: &JsValue) -> String {
    if let Some(err) = e.dyn_ref::<js_sys::Error>() {
        return String::from(err.message());
    }
    if let Some(s) = e.as_string() {
        return s;
    }
    js_sys::JSON::stringify(e).ok().and_then(|s| s.as_string()).unwrap_or_else(|| format!("{e:?}"))
}

/// A state value as a JS value.
///
/// Scalars are made directly; arrays and objects go through JSON text and
/// the engine's `JSON.parse`, which builds a whole object far faster than
/// setting its properties one boundary call at a time, except when they
/// hold an integer beyond ±(2⁵³ − 1): `JSON.parse` would round it, so they
/// are built directly ([`json_to_js_direct`]) with a `BigInt` for it.
///
/// # Errors
/// Never in practice (every JSON value has a JS form); an error becomes
/// [`BindingError::Convert`].
pub(crate) fn json_to_js(value: &Json) -> Result<JsValue, BindingError> {
    Ok(match value {
        Json::Array(_) | Json::Object(_) if has_big_integers(value) => json_to_js_direct(value),
        Json::Array(_) | Json::Object(_) => parse_json(&value.to_string())?,
        scalar => json_to_js_direct(scalar),
    })
}

/// `JSON.parse(text)`.
///
/// # Errors
/// [`BindingError::Convert`] when the engine refuses the text (not expected
/// for text made by serde_json or `JSON.stringify`).
pub(crate) fn parse_json(text: &str) -> Result<JsValue, BindingError> {
    js_sys::JSON::parse(text)
        .map_err(|e| BindingError::Convert { what: "a state value to JS".into(), reason: error_message(&e) })
}

/// A state value built directly as JS values, one property at a time, with
/// a `BigInt` for every integer beyond ±(2⁵³ − 1). Exact, and slower than
/// `JSON.parse` for objects (see `BENCHMARKS.md`).
pub(crate) fn json_to_js_direct(value: &Json) -> JsValue {
    match value {
        Json::Null => JsValue::NULL,
        Json::Bool(b) => JsValue::from_bool(*b),
        Json::Number(n) => number_to_js(n),
        Json::String(s) => JsValue::from_str(s),
        Json::Array(items) => items.iter().map(json_to_js_direct).collect::<Array>().into(),
        Json::Object(fields) => {
            let object = Object::new();
            for (k, v) in fields {
                set_own(&object, k, &json_to_js_direct(v));
            }
            object.into()
        }
    }
}

/// Sets own data property `key` of a fresh plain object, as `JSON.parse`
/// does: a key `__proto__` becomes an own property, not the prototype.
fn set_own(object: &Object, key: &str, value: &JsValue) {
    // Setting or defining a data property on a fresh plain object cannot fail.
    if key == "__proto__" {
        let descriptor = Object::new();
        let _ = Reflect::set(&descriptor, &"value".into(), value);
        for flag in ["writable", "enumerable", "configurable"] {
            let _ = Reflect::set(&descriptor, &flag.into(), &JsValue::TRUE);
        }
        let _ = Reflect::define_property(object, &key.into(), &descriptor);
    } else {
        let _ = Reflect::set(object, &JsValue::from_str(key), value);
    }
}

/// A JSON number as JS: a `BigInt` beyond ±(2⁵³ − 1), else a number.
fn number_to_js(n: &serde_json::Number) -> JsValue {
    if let Some(i) = n.as_i64() {
        if i.unsigned_abs() > MAX_SAFE { JsValue::from(i) } else { JsValue::from_f64(i as f64) }
    } else if let Some(u) = n.as_u64() {
        if u > MAX_SAFE { JsValue::from(u) } else { JsValue::from_f64(u as f64) }
    } else {
        JsValue::from_f64(n.as_f64().unwrap_or(f64::NAN))
    }
}

/// Whether `value` holds an integer beyond ±(2⁵³ − 1) anywhere.
pub(crate) fn has_big_integers(value: &Json) -> bool {
    match value {
        Json::Number(n) => {
            n.as_i64().is_some_and(|i| i.unsigned_abs() > MAX_SAFE) || n.as_u64().is_some_and(|u| u > MAX_SAFE)
        }
        Json::Array(items) => items.iter().any(has_big_integers),
        Json::Object(fields) => fields.values().any(has_big_integers),
        Json::Null | Json::Bool(_) | Json::String(_) => false,
    }
}

/// A JS value as a state value (JSON).
///
/// `undefined` becomes `null`, as do NaN and ±Infinity; a safe integer
/// becomes a JSON integer; `Uint8Array` becomes an array of numbers; a
/// BigInt within the `i64` or `u64` range an integer; other objects their
/// own enumerable string-keyed properties.
///
/// # Errors
/// [`BindingError::Convert`] for functions, symbols, BigInts beyond `i64`
/// and `u64`, and values nested deeper than [`MAX_DEPTH`] (which includes
/// cycles).
pub(crate) fn js_to_json(value: JsValue, what: impl FnOnce() -> String) -> Result<Json, BindingError> {
    to_json(&value, 0).map_err(|reason| BindingError::Convert { what: what(), reason })
}

fn to_json(v: &JsValue, depth: usize) -> Result<Json, String> {
    if depth > MAX_DEPTH {
        return Err(format!("nested deeper than {MAX_DEPTH} levels (is it cyclic?)"));
    }
    if v.is_null() || v.is_undefined() {
        return Ok(Json::Null);
    }
    if let Some(b) = v.as_bool() {
        return Ok(Json::Bool(b));
    }
    if let Some(f) = v.as_f64() {
        return Ok(match number(f) {
            Value::Int(i) => Json::from(i),
            _ => serde_json::Number::from_f64(f).map_or(Json::Null, Json::Number),
        });
    }
    if let Some(s) = v.as_string() {
        return Ok(Json::String(s));
    }
    if v.is_bigint() {
        return i64::try_from(v.clone())
            .map(Json::from)
            .or_else(|_| u64::try_from(v.clone()).map(Json::from))
            .map_err(|_| "a BigInt outside the i64 and u64 ranges".to_string());
    }
    if Array::is_array(v) {
        let array: &Array = v.unchecked_ref();
        return array.iter().map(|item| to_json(&item, depth + 1)).collect::<Result<Vec<_>, _>>().map(Json::Array);
    }
    if let Some(bytes) = v.dyn_ref::<Uint8Array>() {
        return Ok(Json::Array(bytes.to_vec().into_iter().map(Json::from).collect()));
    }
    if v.is_function() {
        return Err("a function is not JSON".to_string());
    }
    if v.is_symbol() {
        return Err("a symbol is not JSON".to_string());
    }
    if v.is_object() {
        let mut fields = serde_json::Map::new();
        for entry in Object::entries(v.unchecked_ref()).iter() {
            let pair: Array = entry.unchecked_into();
            let key = pair.get(0).as_string().unwrap_or_default();
            fields.insert(key, to_json(&pair.get(1), depth + 1)?);
        }
        return Ok(Json::Object(fields));
    }
    Err(format!("unsupported JS value {v:?}"))
}

/// Packet data as a JS value. Integers a JS number cannot hold exactly
/// (beyond ±(2^53 - 1)) become `BigInt`s, so no precision is lost.
pub(crate) fn value_to_js(value: &Value) -> JsValue {
    match value {
        Value::Null => JsValue::NULL,
        Value::Bool(b) => JsValue::from_bool(*b),
        Value::Int(i) if i.unsigned_abs() <= MAX_SAFE => JsValue::from_f64(*i as f64),
        Value::Int(i) => js_sys::BigInt::from(*i).into(),
        Value::Float(f) => JsValue::from_f64(*f),
        Value::String(s) => JsValue::from_str(s),
        Value::Bytes(b) => Uint8Array::from(&b[..]).into(),
        Value::Error(e) => js_sys::Error::new(e).into(),
        Value::Array(items) => items.iter().map(value_to_js).collect::<Array>().into(),
        Value::Object(fields) => {
            let object = Object::new();
            for (k, v) in fields.iter() {
                set_own(&object, k, &value_to_js(v));
            }
            object.into()
        }
    }
}

/// A packet as `{type, data}`, `type` being `"data"`, `"openBracket"` or
/// `"closeBracket"` (NoFlo's IP types); `data` is `null` for a bracket without data.
pub(crate) fn packet_to_js(packet: &Packet) -> JsValue {
    let object = Object::new();
    let data = match packet {
        Packet::Data(v) => value_to_js(v),
        Packet::OpenBracket(v) | Packet::CloseBracket(v) => v.as_ref().map_or(JsValue::NULL, value_to_js),
    };
    let _ = Reflect::set(&object, &"type".into(), &packet.kind().into());
    let _ = Reflect::set(&object, &"data".into(), &data);
    object.into()
}

/// A JS value as packet data.
///
/// # Errors
/// [`BindingError::Convert`] for functions, symbols, BigInts beyond `i64`,
/// and values nested deeper than [`MAX_DEPTH`] (which includes cycles).
pub(crate) fn js_to_value(value: &JsValue, what: &dyn Fn() -> String) -> Result<Value, BindingError> {
    to_value(value, 0).map_err(|reason| BindingError::Convert { what: what(), reason })
}

fn to_value(v: &JsValue, depth: usize) -> Result<Value, String> {
    if depth > MAX_DEPTH {
        return Err(format!("nested deeper than {MAX_DEPTH} levels (is it cyclic?)"));
    }
    if v.is_null() || v.is_undefined() {
        return Ok(Value::Null);
    }
    if let Some(b) = v.as_bool() {
        return Ok(Value::Bool(b));
    }
    if let Some(f) = v.as_f64() {
        return Ok(number(f));
    }
    if let Some(s) = v.as_string() {
        return Ok(Value::from(s));
    }
    if v.is_bigint() {
        return i64::try_from(v.clone()).map(Value::Int).map_err(|_| "a BigInt outside the i64 range".to_string());
    }
    if Array::is_array(v) {
        let array: &Array = v.unchecked_ref();
        let mut items = Vec::with_capacity(array.length() as usize);
        for item in array.iter() {
            items.push(to_value(&item, depth + 1)?);
        }
        return Ok(Value::from(items));
    }
    if let Some(bytes) = v.dyn_ref::<Uint8Array>() {
        return Ok(Value::from(bytes.to_vec()));
    }
    if v.is_instance_of::<ArrayBuffer>() {
        return Ok(Value::from(Uint8Array::new(v).to_vec()));
    }
    if let Some(err) = v.dyn_ref::<js_sys::Error>() {
        return Ok(Value::error(String::from(err.message())));
    }
    if v.is_function() {
        return Err("a function is not data".to_string());
    }
    if v.is_symbol() {
        return Err("a symbol is not data".to_string());
    }
    if v.is_object() {
        let entries = Object::entries(v.unchecked_ref());
        let mut fields = Vec::with_capacity(entries.length() as usize);
        for entry in entries.iter() {
            let pair: Array = entry.unchecked_into();
            let key = pair.get(0).as_string().unwrap_or_default();
            fields.push((key, to_value(&pair.get(1), depth + 1)?));
        }
        return Ok(Value::object(fields));
    }
    Err(format!("unsupported JS value {v:?}"))
}

/// A JS number as an `Int` when it is a safe integer, else a `Float`.
fn number(f: f64) -> Value {
    if f.fract() == 0.0 && f.abs() <= MAX_SAFE as f64 {
        Value::Int(f as i64)
    } else {
        Value::Float(f)
    }
}
