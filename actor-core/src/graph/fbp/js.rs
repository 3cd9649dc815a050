//! The few JavaScript conversions the reference parser's output depends on:
//! `parseFloat`, truthiness, `String(value)` and `Number.prototype.toString`
//! (ECMA-262, sections 21.1.2.12, 7.1.2, 7.1.17 and 6.1.6.1.20).

use serde_json::Value as Json;

/// JavaScript's `parseFloat` on metadata text (letters, digits, `/`, `_`):
/// the longest numeric prefix (digits with an optional exponent, or
/// `Infinity`); integers stay integers; anything else is `null` (`NaN`).
pub(super) fn js_parse_float(text: &str) -> Json {
    if text.starts_with("Infinity") {
        return Json::Null;
    }
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return Json::Null;
    }
    let rest = &text[digits..];
    let exp_digits = if rest.starts_with(['e', 'E']) {
        rest[1..].bytes().take_while(u8::is_ascii_digit).count()
    } else {
        0
    };
    if exp_digits == 0 {
        if let Ok(n) = text[..digits].parse::<i64>() {
            return Json::from(n);
        }
    }
    let end = if exp_digits > 0 { digits + 1 + exp_digits } else { digits };
    text[..end].parse::<f64>().ok().and_then(serde_json::Number::from_f64).map_or(Json::Null, Json::Number)
}

/// JavaScript truthiness of a JSON value.
pub(super) fn js_truthy(v: &Json) -> bool {
    match v {
        Json::Null => false,
        Json::Bool(b) => *b,
        Json::Number(n) => n.as_f64().is_some_and(|f| f != 0.0 && !f.is_nan()),
        Json::String(s) => !s.is_empty(),
        Json::Array(_) | Json::Object(_) => true,
    }
}

/// JavaScript's `String(v)` of a JSON value.
pub(super) fn js_string(v: &Json) -> String {
    match v {
        Json::Null => "null".into(),
        Json::Bool(b) => b.to_string(),
        Json::Number(n) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
            (Some(i), _, _) => i.to_string(),
            (_, Some(u), _) => u.to_string(),
            (_, _, Some(f)) => js_number(f),
            _ => n.to_string(),
        },
        Json::String(s) => s.clone(),
        Json::Array(items) => items
            .iter()
            .map(|i| if i.is_null() { String::new() } else { js_string(i) })
            .collect::<Vec<_>>()
            .join(","),
        Json::Object(_) => "[object Object]".into(),
    }
}

/// JavaScript's `Number.prototype.toString` for a finite float.
fn js_number(f: f64) -> String {
    let abs = f.abs();
    if f == 0.0 {
        return "0".into();
    }
    if f == f.trunc() && abs < 1e21 {
        return format!("{f:.0}");
    }
    if !(1e-6..1e21).contains(&abs) {
        let s = format!("{f:e}");
        return match s.split_once('e') {
            Some((m, e)) if !e.starts_with('-') => format!("{m}e+{e}"),
            _ => s,
        };
    }
    f.to_string()
}
