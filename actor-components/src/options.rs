//! Option ports: inports that configure a component, usually fed by IIPs
//! (`'10' -> COUNT take(stream/Take)`).
//!
//! A component reads its options before its data: while a *connected* option
//! port has not received its first value, data packets stay waiting in the
//! input buffer. IIPs are delivered when the network starts, so in practice
//! this waits for at most one round of activations. An option port that
//! nothing feeds uses its default at once. A later value replaces the
//! earlier one (NoFlo's "last value wins" for control ports).
//!
//! `.fbp` IIPs and the CLI's `--set` arrive as strings, so every parser here
//! also accepts the string spelling of its type (`"10"`, `"true"`, `"a,b"`).

use actor_core::{ActorRunContext, Packet, Value};

use super::ComponentError;

/// The current values of a component's option ports.
#[derive(Debug)]
pub(crate) struct OptionPorts {
    ports: Vec<(&'static str, Option<Value>)>,
    changed: bool,
}

impl OptionPorts {
    /// Tracks the option inports `names`.
    pub(crate) fn new(names: &[&'static str]) -> Self {
        Self { ports: names.iter().map(|&n| (n, None)).collect(), changed: true }
    }

    /// Takes every waiting packet on the option ports, keeping the latest
    /// data value of each (brackets are discarded). Returns whether every
    /// connected option port has received a value, that is, whether the
    /// component may now handle its data.
    pub(crate) fn poll(&mut self, ctx: &mut ActorRunContext) -> bool {
        let mut ready = true;
        for (port, value) in &mut self.ports {
            while let Some(packet) = ctx.take(port) {
                if let Packet::Data(v) = packet {
                    *value = Some(v);
                    self.changed = true;
                }
            }
            if value.is_none() && ctx.is_inport_connected(port) {
                ready = false;
            }
        }
        ready
    }

    /// The latest value of option port `port`, if it received one.
    pub(crate) fn get(&self, port: &str) -> Option<&Value> {
        self.ports.iter().find(|(n, _)| *n == port).and_then(|(_, v)| v.as_ref()).filter(|v| !v.is_null())
    }

    /// Whether a value arrived since the last call (true before the first call).
    pub(crate) fn take_changed(&mut self) -> bool {
        std::mem::take(&mut self.changed)
    }
}

/// A count: a non-negative integer, or a string holding one.
pub(crate) fn parse_usize(port: &'static str, v: &Value) -> Result<usize, ComponentError> {
    let n = match v {
        Value::String(s) => s.trim().parse::<usize>().ok(),
        other => other.as_i64().and_then(|i| usize::try_from(i).ok()),
    };
    n.ok_or_else(|| ComponentError::bad_option(port, "a non-negative integer", v))
}

/// A boolean, or the string `true` or `false`.
pub(crate) fn parse_bool(port: &'static str, v: &Value) -> Result<bool, ComponentError> {
    match v {
        Value::Bool(b) => Ok(*b),
        Value::String(s) if s.trim() == "true" => Ok(true),
        Value::String(s) if s.trim() == "false" => Ok(false),
        _ => Err(ComponentError::bad_option(port, "true or false", v)),
    }
}

/// A string.
pub(crate) fn parse_string(port: &'static str, v: &Value) -> Result<String, ComponentError> {
    v.as_str().map(str::to_string).ok_or_else(|| ComponentError::bad_option(port, "a string", v))
}

/// A list of strings: an array of strings, a JSON array in a string
/// (`'["NA",""]'`), or a comma-separated string (`"NA,n/a"`, items trimmed).
pub(crate) fn parse_string_list(port: &'static str, v: &Value) -> Result<Vec<String>, ComponentError> {
    let bad = || ComponentError::bad_option(port, "a list of strings (array or comma-separated)", v);
    match v {
        Value::Array(items) => items.iter().map(|i| i.as_str().map(str::to_string).ok_or_else(bad)).collect(),
        Value::String(s) if s.trim_start().starts_with('[') => {
            let json: serde_json::Value = serde_json::from_str(s).map_err(|_| bad())?;
            parse_string_list(port, &Value::from(json))
        }
        Value::String(s) => Ok(s.split(',').map(|x| x.trim().to_string()).collect()),
        _ => Err(bad()),
    }
}
