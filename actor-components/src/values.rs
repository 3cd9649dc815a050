//! Helpers on [`Value`]s shared by the standard components: rendering as
//! text, a total order for sorting, and scalar parsing for CSV fields.

use std::borrow::Cow;
use std::cmp::Ordering;

use actor_core::Value;

/// The text form of a value: a string as itself, anything else as compact JSON.
pub(crate) fn text(v: &Value) -> Cow<'_, str> {
    match v {
        Value::String(s) => Cow::Borrowed(s),
        other => Cow::Owned(other.to_string()),
    }
}

/// A total order on values, for sorting.
///
/// Kinds order as null < booleans < numbers < strings < everything else;
/// numbers compare by value (an `Int` and a `Float` compare numerically,
/// NaN after every other number), strings by Unicode code point
/// (byte-wise UTF-8, as `LC_ALL=C sort`), and other values by their JSON text.
pub(crate) fn compare(a: &Value, b: &Value) -> Ordering {
    fn rank(v: &Value) -> u8 {
        match v {
            Value::Null => 0,
            Value::Bool(_) => 1,
            Value::Int(_) | Value::Float(_) => 2,
            Value::String(_) => 3,
            _ => 4,
        }
    }
    match (a, b) {
        (Value::Bool(x), Value::Bool(y)) => x.cmp(y),
        (Value::Int(x), Value::Int(y)) => x.cmp(y),
        (Value::String(x), Value::String(y)) => x.cmp(y),
        _ if rank(a) == 2 && rank(b) == 2 => {
            let (x, y) = (a.as_f64().unwrap_or(f64::NAN), b.as_f64().unwrap_or(f64::NAN));
            x.partial_cmp(&y).unwrap_or_else(|| x.is_nan().cmp(&y.is_nan()))
        }
        _ if rank(a) == 4 && rank(b) == 4 => a.to_string().cmp(&b.to_string()),
        _ => rank(a).cmp(&rank(b)),
    }
}

/// Parses one CSV field: an integer (`-12`) becomes `Int`, a finite decimal
/// or exponent number (`3.5`, `1e3`) becomes `Float`, anything else stays a
/// string. Leading or trailing spaces, `inf` and `nan` keep a field a string.
pub(crate) fn parse_scalar(field: &str) -> Value {
    if let Ok(i) = field.parse::<i64>() {
        return Value::Int(i);
    }
    let looks_numeric = field.bytes().next().is_some_and(|b| b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'.'))
        && field.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'.' | b'e' | b'E'));
    match field.parse::<f64>() {
        Ok(f) if looks_numeric && f.is_finite() => Value::Float(f),
        _ => Value::string(field),
    }
}
