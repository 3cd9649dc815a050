//! What a checkpoint holds for one process, and how it is written.

use actor_core::LiveMemoryState;
use serde_json::{Map, Value as Json, json};

use super::StoreError;

/// The version of the record format below; a record of another version is
/// refused rather than misread.
pub const FORMAT: u64 = 1;

/// The saved state of one process: both parts of its
/// [`LiveMemoryState`](actor_core::LiveMemoryState).
///
/// Unlike [`LiveMemoryState::snapshot`], which flattens the hot fields into
/// the map as JSON numbers (`null` for NaN and the infinities), this keeps
/// them apart and exact: a restored state has the same hot fields, declared
/// in the same order, with the same `f64` values, infinities and NaN
/// included.
#[derive(Debug, Clone, PartialEq)]
pub struct StateSnapshot {
    /// The component of the process it was taken from.
    pub component: String,
    /// The JSON map, in insertion order.
    pub values: Map<String, Json>,
    /// The hot fields, in slot order: name and value.
    pub hot: Vec<(String, f64)>,
}

impl StateSnapshot {
    /// Reads `state` now. The map is read under its lock, as one piece;
    /// the hot fields are read right after, each atomically.
    pub fn of(component: &str, state: &LiveMemoryState) -> Self {
        let names = state.hot_fields();
        let Json::Object(mut values) = state.snapshot() else { unreachable!("a snapshot is an object") };
        for name in &names {
            values.shift_remove(name);
        }
        let numbers = state.hot_buffer().map(|b| b.to_vec()).unwrap_or_default();
        Self { component: component.to_string(), values, hot: names.into_iter().zip(numbers).collect() }
    }

    /// Writes the snapshot into `state`, which must be new (as when a
    /// network is built): declares the hot fields, then sets the map and
    /// the hot values.
    ///
    /// # Errors
    /// When `state` already has other hot fields, or when a saved map key
    /// is also a saved hot field name (a record not written by this crate).
    pub fn restore_into(&self, state: &LiveMemoryState) -> Result<(), StoreError> {
        if !self.hot.is_empty() {
            let names: Vec<&str> = self.hot.iter().map(|(n, _)| n.as_str()).collect();
            state.declare_hot(&names).map_err(|e| StoreError::Record(format!("cannot declare the hot fields: {e}")))?;
        }
        state.restore(Json::Object(self.values.clone())).map_err(|_| StoreError::Record("the map is not an object".into()))?;
        if let Some(buffer) = state.hot_buffer() {
            buffer.set_batch(self.hot.iter().enumerate().map(|(i, (_, x))| (i, *x)));
        }
        Ok(())
    }

    /// The record stored for this snapshot: JSON text,
    /// `{"format": 1, "component": ".." , "values": {..}, "hot": [["name", 1.5], ..]}`,
    /// where a hot value that is not finite is the string `"NaN"`,
    /// `"Infinity"` or `"-Infinity"`.
    pub fn to_record(&self) -> Vec<u8> {
        /// The record, borrowing the snapshot: serialized in one pass,
        /// without copying the map into a JSON value first.
        #[derive(serde::Serialize)]
        struct Record<'a> {
            format: u64,
            component: &'a str,
            values: &'a Map<String, Json>,
            hot: Vec<(&'a str, Json)>,
        }
        let hot = self.hot.iter().map(|(n, x)| (n.as_str(), number_to_json(*x))).collect();
        let record = Record { format: FORMAT, component: &self.component, values: &self.values, hot };
        serde_json::to_vec(&record).expect("a map of JSON values serializes")
    }

    /// Reads a record written by [`to_record`](Self::to_record).
    ///
    /// # Errors
    /// [`StoreError::Record`] saying what is wrong.
    pub fn from_record(bytes: &[u8]) -> Result<Self, StoreError> {
        let bad = |what: &str| StoreError::Record(what.to_string());
        let record: Json = serde_json::from_slice(bytes).map_err(|e| StoreError::Record(format!("not JSON: {e}")))?;
        match record.get("format").and_then(Json::as_u64) {
            Some(FORMAT) => {}
            other => return Err(StoreError::Record(format!("record format {other:?}, expected {FORMAT}"))),
        }
        let component = record.get("component").and_then(Json::as_str).ok_or_else(|| bad("no component"))?;
        let values = record.get("values").and_then(Json::as_object).ok_or_else(|| bad("no values object"))?;
        let hot = record.get("hot").and_then(Json::as_array).ok_or_else(|| bad("no hot array"))?;
        let hot = hot
            .iter()
            .map(|pair| match pair.as_array().map(Vec::as_slice) {
                Some([Json::String(name), x]) => number_from_json(x).map(|x| (name.clone(), x)).ok_or_else(|| bad("a hot value is not a number")),
                _ => Err(bad("a hot field is not [name, value]")),
            })
            .collect::<Result<_, _>>()?;
        Ok(Self { component: component.to_string(), values: values.clone(), hot })
    }
}

/// A hot value as JSON: a number, or a string for NaN and the infinities.
fn number_to_json(x: f64) -> Json {
    if x.is_nan() {
        json!("NaN")
    } else if x == f64::INFINITY {
        json!("Infinity")
    } else if x == f64::NEG_INFINITY {
        json!("-Infinity")
    } else {
        json!(x)
    }
}

fn number_from_json(j: &Json) -> Option<f64> {
    match j {
        Json::Number(n) => n.as_f64(),
        Json::String(s) if s == "NaN" => Some(f64::NAN),
        Json::String(s) if s == "Infinity" => Some(f64::INFINITY),
        Json::String(s) if s == "-Infinity" => Some(f64::NEG_INFINITY),
        _ => None,
    }
}
