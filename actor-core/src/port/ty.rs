use std::fmt;
use std::str::FromStr;

use crate::Value;

/// The datatype of a port, with NoFlo's names (`noflo/src/lib/BasePort.js`
/// lists `all`, `string`, `number`, `int`, `object`, `array`, `boolean`,
/// `color`, `date`, `bang`, `function`, `buffer`, `stream`). actorflow checks
/// the ones that map to a [`Value`] variant; the rest accept anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum PortType {
    /// Any value (`all`).
    #[default]
    All,
    /// Any value; only the arrival matters (`bang`).
    Bang,
    /// `true` or `false` (`boolean`).
    Boolean,
    /// An integer (`int`).
    Int,
    /// An integer or a float (`number`).
    Number,
    /// A string (`string`).
    String,
    /// An object (`object`).
    Object,
    /// An array (`array`).
    Array,
    /// Bytes (`buffer`).
    Buffer,
}

impl PortType {
    /// NoFlo's name of this type.
    pub fn name(self) -> &'static str {
        match self {
            PortType::All => "all",
            PortType::Bang => "bang",
            PortType::Boolean => "boolean",
            PortType::Int => "int",
            PortType::Number => "number",
            PortType::String => "string",
            PortType::Object => "object",
            PortType::Array => "array",
            PortType::Buffer => "buffer",
        }
    }

    /// Whether `value` is acceptable on a port of this type. `Null` is
    /// accepted everywhere (NoFlo sends `null` as a bang).
    pub fn accepts(self, value: &Value) -> bool {
        match (self, value) {
            (PortType::All | PortType::Bang, _) | (_, Value::Null) => true,
            (PortType::Boolean, Value::Bool(_)) => true,
            (PortType::Int, v) => v.as_i64().is_some(),
            (PortType::Number, Value::Int(_) | Value::Float(_)) => true,
            (PortType::String, Value::String(_)) => true,
            (PortType::Object, Value::Object(_)) => true,
            (PortType::Array, Value::Array(_)) => true,
            (PortType::Buffer, Value::Bytes(_)) => true,
            _ => false,
        }
    }
}

impl PortType {
    /// The value an IIP delivers to a port of this type, or `None` when the
    /// port cannot take it.
    ///
    /// A value the type [accepts](Self::accepts) is delivered as it is. A
    /// string that spells a value of a scalar type is delivered as that
    /// value: `"10"` on an `int` port is `10`, `"2.5"` on a `number` port is
    /// `2.5`, `"true"` on a `boolean` port is `true` (surrounding spaces are
    /// ignored). This is how `.fbp` IIPs, which are strings
    /// (`'10' -> COUNT take`), and the CLI's `--set` reach typed ports.
    /// Other strings, and strings on other types, are not converted.
    ///
    /// # Examples
    /// ```
    /// use actor_core::PortType;
    /// use serde_json::json;
    /// assert_eq!(PortType::Int.coerce(&json!("10")), Some(json!(10)));
    /// assert_eq!(PortType::Int.coerce(&json!(10)), Some(json!(10)));
    /// assert_eq!(PortType::Int.coerce(&json!("ten")), None);
    /// assert_eq!(PortType::String.coerce(&json!("10")), Some(json!("10")));
    /// ```
    pub fn coerce(self, data: &serde_json::Value) -> Option<serde_json::Value> {
        use serde_json::Value as Json;
        if self.accepts(&Value::from(data.clone())) {
            return Some(data.clone());
        }
        let Json::String(text) = data else { return None };
        let text = text.trim();
        match self {
            PortType::Int => text.parse::<i64>().ok().map(Json::from),
            PortType::Number => match text.parse::<i64>() {
                Ok(i) => Some(Json::from(i)),
                Err(_) => text.parse::<f64>().ok().filter(|x| x.is_finite()).map(Json::from),
            },
            PortType::Boolean => match text {
                "true" => Some(Json::Bool(true)),
                "false" => Some(Json::Bool(false)),
                _ => None,
            },
            _ => None,
        }
    }
}

impl fmt::Display for PortType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// An unknown port type name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown port type {0:?} (expected all, bang, boolean, int, number, string, object, array or buffer)")]
pub struct UnknownPortType(pub String);

impl FromStr for PortType {
    type Err = UnknownPortType;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s {
            "all" | "any" => PortType::All,
            "bang" => PortType::Bang,
            "boolean" | "bool" => PortType::Boolean,
            "int" | "integer" => PortType::Int,
            "number" | "float" => PortType::Number,
            "string" => PortType::String,
            "object" => PortType::Object,
            "array" => PortType::Array,
            "buffer" | "bytes" => PortType::Buffer,
            other => return Err(UnknownPortType(other.to_string())),
        })
    }
}
