//! Conversions between JS values and Rust values.
//!
//! - State values (`serde_json::Value`): objects become plain JS objects,
//!   and a JS number with no fractional part that is a safe integer
//!   (|n| ≤ 2⁵³ − 1) becomes a JSON integer, so Rust sees `3`, not `3.0`.
//!   `undefined` becomes `null`; NaN and ±Infinity become `null` (JSON has
//!   neither).
//! - Packet data ([`Value`]) crosses with the hand-written pair below:
//!   `Uint8Array`/`ArrayBuffer` ⇄ [`Value::Bytes`], a JS `Error` ⇄
//!   [`Value::Error`], and integers beyond 2⁵³ become JS numbers (rounded).

use actor_core::{Packet, Value};
use js_sys::{Array, ArrayBuffer, Object, Reflect, Uint8Array};
use serde_json::Value as Json;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::BindingError;

/// How deep a JS value may nest before it is refused (this also catches cycles).
pub(crate) const MAX_DEPTH: usize = 128;

/// The largest integer a JS number holds exactly (`Number.MAX_SAFE_INTEGER`).
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

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
/// setting its properties one boundary call at a time. The result is the
/// same either way (JSON-compatible: objects become plain objects).
///
/// # Errors
/// Never in practice (every JSON value has a JS form); an error becomes
/// [`BindingError::Convert`].
pub(crate) fn json_to_js(value: &Json) -> Result<JsValue, BindingError> {
    Ok(match value {
        Json::Null => JsValue::NULL,
        Json::Bool(b) => JsValue::from_bool(*b),
        Json::Number(n) => JsValue::from_f64(n.as_f64().unwrap_or(f64::NAN)),
        Json::String(s) => JsValue::from_str(s),
        Json::Array(_) | Json::Object(_) => js_sys::JSON::parse(&value.to_string()).map_err(|e| {
            BindingError::Convert { what: "a state value to JS".into(), reason: error_message(&e) }
        })?,
    })
}

/// A JS value as a state value (JSON).
///
/// `undefined` becomes `null`, as do NaN and ±Infinity; a safe integer
/// becomes a JSON integer; `Uint8Array` becomes an array of numbers; a
/// BigInt within `i64` an integer; other objects their own enumerable
/// string-keyed properties.
///
/// # Errors
/// [`BindingError::Convert`] for functions, symbols, BigInts beyond `i64`,
/// and values nested deeper than [`MAX_DEPTH`] (which includes cycles).
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
        return i64::try_from(v.clone()).map(Json::from).map_err(|_| "a BigInt outside the i64 range".to_string());
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
        Value::Int(i) if (*i as f64).abs() <= MAX_SAFE_INTEGER => JsValue::from_f64(*i as f64),
        Value::Int(i) => js_sys::BigInt::from(*i).into(),
        Value::Float(f) => JsValue::from_f64(*f),
        Value::String(s) => JsValue::from_str(s),
        Value::Bytes(b) => Uint8Array::from(&b[..]).into(),
        Value::Error(e) => js_sys::Error::new(e).into(),
        Value::Array(items) => items.iter().map(value_to_js).collect::<Array>().into(),
        Value::Object(fields) => {
            let object = Object::new();
            for (k, v) in fields.iter() {
                // Setting a data property on a fresh plain object cannot fail.
                let _ = Reflect::set(&object, &JsValue::from_str(k), &value_to_js(v));
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
    if f.fract() == 0.0 && f.abs() <= MAX_SAFE_INTEGER {
        Value::Int(f as i64)
    } else {
        Value::Float(f)
    }
}
