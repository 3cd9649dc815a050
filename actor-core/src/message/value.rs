use std::fmt;
use std::sync::Arc;

use indexmap::IndexMap;

use super::Str;

/// An object's fields, in insertion order.
pub type Map = IndexMap<String, Value>;

/// A typed message value. Cloning is O(1): every variant that owns heap data
/// holds it behind an `Arc`, and a string of up to 23 bytes is stored inline
/// (see [`Str`]).
///
/// Equality is structural; floats compare with `==` (so `NaN != NaN`) and an
/// `Int` never equals a `Float`.
///
/// # Examples
/// ```
/// use actor_core::Value;
/// let v = Value::from(serde_json::json!({"word": "fox", "count": 2}));
/// assert_eq!(v.get("count").and_then(Value::as_i64), Some(2));
/// let copy = v.clone(); // shares the object, copies a pointer
/// assert_eq!(copy, v);
/// ```
#[derive(Clone, PartialEq, Default)]
pub enum Value {
    /// No value (`null`).
    #[default]
    Null,
    /// A boolean.
    Bool(bool),
    /// A signed 64-bit integer.
    Int(i64),
    /// A 64-bit float.
    Float(f64),
    /// A UTF-8 string: inline up to [`Str::INLINE_BYTES`], shared beyond.
    String(Str),
    /// Raw bytes.
    Bytes(Arc<[u8]>),
    /// An ordered list.
    Array(Arc<Vec<Value>>),
    /// String keys to values, in insertion order.
    Object(Arc<Map>),
    /// An error, carried as data (for example on an `error` outport).
    Error(Arc<str>),
}

impl Value {
    /// Makes a string value.
    pub fn string(s: impl AsRef<str>) -> Self {
        Value::String(Str::new(s.as_ref()))
    }

    /// Makes an error value with a message.
    pub fn error(message: impl fmt::Display) -> Self {
        Value::Error(Arc::from(message.to_string()))
    }

    /// Makes an object from `(key, value)` pairs, keeping their order.
    pub fn object<K: Into<String>>(fields: impl IntoIterator<Item = (K, Value)>) -> Self {
        Value::Object(Arc::new(fields.into_iter().map(|(k, v)| (k.into(), v)).collect()))
    }

    /// Makes an array.
    pub fn array(items: impl IntoIterator<Item = Value>) -> Self {
        Value::Array(Arc::new(items.into_iter().collect()))
    }

    /// The NoFlo datatype name of this value: `"null"`, `"boolean"`, `"int"`,
    /// `"number"`, `"string"`, `"buffer"`, `"array"`, `"object"` or `"error"`.
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Int(_) => "int",
            Value::Float(_) => "number",
            Value::String(_) => "string",
            Value::Bytes(_) => "buffer",
            Value::Array(_) => "array",
            Value::Object(_) => "object",
            Value::Error(_) => "error",
        }
    }

    /// `true` for `Null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    /// The boolean, if this is a `Bool`.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// The integer, if this is an `Int`, or a `Float` with no fractional part
    /// that fits in an `i64`.
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Value::Int(i) => Some(*i),
            Value::Float(f) if f.fract() == 0.0 && f.abs() < 9.2e18 => Some(*f as i64),
            _ => None,
        }
    }

    /// The number as `f64`, if this is an `Int` or a `Float`.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Int(i) => Some(*i as f64),
            Value::Float(f) => Some(*f),
            _ => None,
        }
    }

    /// The string slice, if this is a `String`.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The bytes, if this is `Bytes`.
    pub fn as_bytes(&self) -> Option<&[u8]> {
        match self {
            Value::Bytes(b) => Some(b),
            _ => None,
        }
    }

    /// The items, if this is an `Array`.
    pub fn as_array(&self) -> Option<&[Value]> {
        match self {
            Value::Array(a) => Some(a),
            _ => None,
        }
    }

    /// The fields, if this is an `Object`.
    pub fn as_object(&self) -> Option<&Map> {
        match self {
            Value::Object(o) => Some(o),
            _ => None,
        }
    }

    /// The message, if this is an `Error`.
    pub fn as_error(&self) -> Option<&str> {
        match self {
            Value::Error(e) => Some(e),
            _ => None,
        }
    }

    /// A field of an object; `None` for a missing key or a non-object.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.as_object().and_then(|o| o.get(key))
    }

    /// Converts to a `serde_json::Value`. Bytes and errors become
    /// `{"$bytes": ..}` and `{"$error": ..}`; non-finite floats become `null`
    /// (JSON has no NaN or infinity).
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value as J;
        match self {
            Value::Null => J::Null,
            Value::Bool(b) => J::Bool(*b),
            Value::Int(i) => J::from(*i),
            Value::Float(f) => serde_json::Number::from_f64(*f).map_or(J::Null, J::Number),
            Value::String(s) => J::String(s.to_string()),
            Value::Bytes(_) | Value::Error(_) => {
                serde_json::to_value(self).expect("bytes and errors serialize infallibly")
            }
            Value::Array(a) => J::Array(a.iter().map(Value::to_json).collect()),
            Value::Object(o) => {
                J::Object(o.iter().map(|(k, v)| (k.clone(), v.to_json())).collect())
            }
        }
    }
}

impl fmt::Debug for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Bytes(b) => write!(f, "Bytes({} bytes)", b.len()),
            Value::Error(e) => write!(f, "Error({e:?})"),
            other => write!(f, "{}", other.to_json()),
        }
    }
}

/// Writes the value as compact JSON; strings are quoted.
impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.to_json())
    }
}

impl From<serde_json::Value> for Value {
    fn from(j: serde_json::Value) -> Self {
        use serde_json::Value as J;
        match j {
            J::Null => Value::Null,
            J::Bool(b) => Value::Bool(b),
            J::Number(n) => match n.as_i64() {
                Some(i) => Value::Int(i),
                None => Value::Float(n.as_f64().unwrap_or(f64::NAN)),
            },
            J::String(s) => Value::String(Str::from(s)),
            J::Array(a) => Value::Array(Arc::new(a.into_iter().map(Value::from).collect())),
            J::Object(o) => {
                if o.len() == 1 {
                    if let Some(special) = super::serde_impl::special_from_json(&o) {
                        return special;
                    }
                }
                Value::Object(Arc::new(o.into_iter().map(|(k, v)| (k, Value::from(v))).collect()))
            }
        }
    }
}

impl From<&Value> for serde_json::Value {
    fn from(v: &Value) -> Self {
        v.to_json()
    }
}

macro_rules! from_scalar {
    ($($t:ty => $variant:ident as $conv:ty),* $(,)?) => {
        $(impl From<$t> for Value {
            fn from(x: $t) -> Self { Value::$variant(x as $conv) }
        })*
    };
}
from_scalar!(bool => Bool as bool, u8 => Int as i64, i32 => Int as i64, i64 => Int as i64, u32 => Int as i64,
             usize => Int as i64, f32 => Float as f64, f64 => Float as f64);

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::String(Str::new(s))
    }
}

impl From<String> for Value {
    fn from(s: String) -> Self {
        Value::String(Str::from(s))
    }
}

impl From<Arc<str>> for Value {
    fn from(s: Arc<str>) -> Self {
        Value::String(Str::from(s))
    }
}

impl From<Str> for Value {
    fn from(s: Str) -> Self {
        Value::String(s)
    }
}

impl From<Vec<u8>> for Value {
    fn from(b: Vec<u8>) -> Self {
        Value::Bytes(Arc::from(b))
    }
}

impl From<Vec<Value>> for Value {
    fn from(a: Vec<Value>) -> Self {
        Value::Array(Arc::new(a))
    }
}

impl From<Map> for Value {
    fn from(o: Map) -> Self {
        Value::Object(Arc::new(o))
    }
}

impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(o: Option<T>) -> Self {
        o.map_or(Value::Null, Into::into)
    }
}
