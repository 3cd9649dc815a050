//! Grouping components: `group/Count` and `group/Aggregate`.

use std::hash::{Hash, Hasher};

use indexmap::{Equivalent, IndexMap};
use serde_json::{Value as Json, json};

use actor_core::message::Map;
use actor_core::{Actor, ActorResult, ActorRunContext, Packet, PortSpec, PortType, Ports, Registry, Str, Value};

use super::options::{OptionPorts, parse_string, parse_string_list};
use super::values::text;
use super::ComponentError;

/// A hashable identity for a value: strings by their text, anything else
/// by its JSON text (so the string `"1"` and the number `1` differ).
#[derive(Debug, Clone, PartialEq, Eq)]
enum GroupKey {
    Str(Str),
    Json(String),
}

impl GroupKey {
    fn of(v: &Value) -> Self {
        match v {
            Value::String(s) => GroupKey::Str(s.clone()),
            other => GroupKey::Json(other.to_string()),
        }
    }
}

/// A string value's [`GroupKey`], borrowed: looks a string up without
/// cloning it (hashes and compares as `GroupKey::Str`).
struct StrKey<'a>(&'a str);

/// Tag bytes hashed before a key's text, so that kinds never collide.
const STR_TAG: u8 = 0;
const JSON_TAG: u8 = 1;

impl Hash for GroupKey {
    fn hash<H: Hasher>(&self, state: &mut H) {
        match self {
            GroupKey::Str(s) => StrKey(s).hash(state),
            GroupKey::Json(j) => {
                state.write_u8(JSON_TAG);
                j.hash(state);
            }
        }
    }
}

impl Hash for StrKey<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u8(STR_TAG);
        self.0.hash(state);
    }
}

impl Equivalent<GroupKey> for StrKey<'_> {
    fn equivalent(&self, key: &GroupKey) -> bool {
        matches!(key, GroupKey::Str(s) if **s == *self.0)
    }
}

/// The hasher of [`Count`]'s table: foldhash, a fast, well-kept
/// non-cryptographic hash (the one hashbrown uses), randomly seeded per
/// table. The output order does not depend on it.
type FastHash = foldhash::fast::RandomState;

/// The value of field `field` of packet number `packet` on `in` (`null` when
/// absent), or the whole packet when `field` is `None`.
fn key_of(v: &Value, field: Option<&str>, packet: u64) -> Result<Value, ComponentError> {
    match field {
        None => Ok(v.clone()),
        Some(f) => match v {
            Value::Object(o) => Ok(o.get(f).cloned().unwrap_or(Value::Null)),
            other => {
                let got = other.to_string();
                Err(ComponentError::BadPacket { port: "in", packet, expected: "an object", got })
            }
        },
    }
}

/// The name of `group/Count`'s count field in its output objects.
const COUNT_FIELD: &str = "count";

/// The check of `group/Count`'s `key` IIPs at validation: a string other
/// than [`COUNT_FIELD`].
fn check_key(v: &Value) -> Result<(), String> {
    key_name(v).map(drop).map_err(|e| e.to_string())
}

/// The key field's name from option `key`.
fn key_name(v: &Value) -> Result<String, ComponentError> {
    let name = parse_string("key", v)?;
    if name == COUNT_FIELD {
        return Err(ComponentError::bad_option("key", "a field name other than count, which holds the count", v));
    }
    Ok(name)
}

/// `group/Count`: counts the data packets on `in` per distinct value, or per
/// distinct value of field `by`, and when the inputs close sends one object
/// per value on `out`: `{"<key>": value, "count": n}`, in order of first
/// appearance.
///
/// The output has exactly these two fields. The key field is named by
/// option `key`, by default the `by` field's name, or `value` when counting
/// whole packets; the count is always in field `count`, so the key field
/// cannot be named `count` too: `key` = `count` is refused (at validation
/// for an IIP), and so is counting `by` a field named `count` without a
/// `key` naming the output field otherwise. Brackets are ignored. Memory
/// grows with the number of distinct values. A string already counted is
/// looked up by its text, without a copy.
///
/// # Errors
/// [`ComponentError::BadPacket`] when `by` is set and a packet is not an
/// object; [`ComponentError::BadOption`] when the key field would be named
/// `count`, as soon as the options are known (before any data is counted).
#[derive(Debug)]
pub struct Count {
    options: OptionPorts,
    by: Option<String>,
    key: String,
    counts: IndexMap<GroupKey, (Value, u64), FastHash>,
    received: u64,
}

impl Default for Count {
    fn default() -> Self {
        Self {
            options: OptionPorts::new(&["by", "key"]),
            by: None,
            key: String::new(),
            counts: IndexMap::default(),
            received: 0,
        }
    }
}

impl Count {
    fn count_pending(&mut self, ctx: &mut ActorRunContext) -> ActorResult {
        if self.options.take_changed() {
            self.by = self.options.get("by").map(|v| parse_string("by", v)).transpose()?;
            self.key = match (self.options.get("key"), &self.by) {
                (Some(v), _) => key_name(v)?,
                (None, Some(by)) if by == COUNT_FIELD => {
                    let by = Value::string(by);
                    let expected = "a by field other than count, or a key naming the output field otherwise";
                    return Err(ComponentError::bad_option("by", expected, &by).into());
                }
                (None, Some(by)) => by.clone(),
                (None, None) => "value".to_string(),
            };
        }
        while let Some(chunk) = ctx.take_chunk("in") {
            for p in chunk {
                let Packet::Data(v) = p else { continue };
                self.received += 1;
                if self.by.is_none() {
                    if let Value::String(s) = &v {
                        if let Some((_, n)) = self.counts.get_mut(&StrKey(s)) {
                            *n += 1;
                            continue;
                        }
                    }
                }
                let value = key_of(&v, self.by.as_deref(), self.received)?;
                self.counts.entry(GroupKey::of(&value)).or_insert((value, 0)).1 += 1;
            }
        }
        Ok(())
    }
}

impl Actor for Count {
    fn ports(&self) -> Ports {
        Ports::new()
            .inport(PortSpec::new("in").required().describe("values to count (objects when by is set)"))
            .inport(PortSpec::new("by").ty(PortType::String).describe("option: count per value of this field instead of per whole value"))
            .inport(
                PortSpec::new("key")
                    .ty(PortType::String)
                    .describe("option: name of the output's key field, not count (default: the by field, or value)")
                    .check(check_key),
            )
            .outport(
                PortSpec::new("out")
                    .ty(PortType::Object)
                    .describe("one {<key>: value, count: n} object per distinct value, in order of first appearance, when the inputs close"),
            )
    }

    async fn run(&mut self, ctx: &mut ActorRunContext) -> ActorResult {
        if self.options.poll(ctx) {
            self.count_pending(ctx)?;
        }
        Ok(())
    }

    async fn finish(&mut self, ctx: &mut ActorRunContext) -> ActorResult {
        self.options.poll(ctx);
        self.count_pending(ctx)?;
        for (_, (value, n)) in std::mem::take(&mut self.counts) {
            let fields = [(self.key.clone(), value), (COUNT_FIELD.to_string(), Value::Int(n as i64))];
            let object: Map = fields.into_iter().collect();
            ctx.send("out", object).await?;
        }
        Ok(())
    }
}

/// A statistic [`Aggregate`] can report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stat {
    Count,
    N,
    Sum,
    Mean,
    Min,
    Max,
}

impl Stat {
    fn parse(s: &str, v: &Value) -> Result<Self, ComponentError> {
        Ok(match s {
            "count" => Stat::Count,
            "n" => Stat::N,
            "sum" => Stat::Sum,
            "mean" => Stat::Mean,
            "min" => Stat::Min,
            "max" => Stat::Max,
            _ => return Err(ComponentError::bad_option("stats", "a list of count, n, sum, mean, min, max", v)),
        })
    }

    fn name(self) -> &'static str {
        match self {
            Stat::Count => "count",
            Stat::N => "n",
            Stat::Sum => "sum",
            Stat::Mean => "mean",
            Stat::Min => "min",
            Stat::Max => "max",
        }
    }
}

/// Adds a number to a running JSON sum: integers stay integers while the
/// sum fits in an `i64`, anything else is summed as `f64`.
fn add(sum: Option<&Json>, x: &Value) -> Json {
    let Some(sum) = sum else { return x.to_json() };
    match (sum.as_i64(), x) {
        (Some(s), Value::Int(i)) => s.checked_add(*i).map_or_else(|| json!(s as f64 + *i as f64), |t| json!(t)),
        _ => json!(sum.as_f64().unwrap_or(f64::NAN) + x.as_f64().unwrap_or(f64::NAN)),
    }
}

/// The running aggregate of one field in one group, updated with number `x`.
fn update_field(cur: Option<&Json>, x: &Value) -> Json {
    let xf = x.as_f64().unwrap_or(f64::NAN);
    let n = cur.and_then(|c| c["n"].as_u64()).unwrap_or(0);
    let pick = |key: &str, better: fn(f64, f64) -> bool| match cur.map(|c| &c[key]) {
        Some(m) if m.as_f64().is_some_and(|m| !better(xf, m)) => m.clone(),
        _ => x.to_json(),
    };
    json!({
        "n": n + 1,
        "sum": add(cur.map(|c| &c["sum"]), x),
        "min": pick("min", |a, b| a < b),
        "max": pick("max", |a, b| a > b),
    })
}

/// `group/Aggregate`: per group of records, counts the records and computes
/// the sum, mean, minimum and maximum of numeric fields, skipping missing
/// values (`null` or absent). When the inputs close it sends one object per
/// group on `out`, in order of first appearance.
///
/// - Option `groupby`: the field whose value names the group; without it,
///   every record is in one group (key `null`).
/// - Option `fields`: the numeric fields to aggregate (a list, or a
///   comma-separated string).
/// - Option `stats`: what to report, in this order (default
///   `count,sum,mean,min,max`): `count` is the number of records in the
///   group; `n`, `sum`, `mean`, `min` and `max` are reported per field as
///   `<field>_<stat>`, over that field's non-missing values (`null` when it
///   has none). The mean is `sum / n` as a float.
///
/// Output: `{"<groupby>": key, "count": 152, "body_mass_g_mean": 3700.66, ..}`
/// (the key field is named `group` without `groupby`).
///
/// # State
/// The running aggregates live in the process's [`LiveMemoryState`](actor_core::LiveMemoryState),
/// not in the actor, so any holder of the state (the embedding program, a
/// JS actor, a test) sees them while the network runs and after. Every key
/// of the state is a group, named by the group value as text (a string as
/// itself, anything else as JSON); its value is
/// `{"key": <group value>, "count": <records>, "fields": {"<field>": {"n", "sum", "min", "max"}}}`.
/// A state restored before the run is continued from.
///
/// # Errors
/// [`ComponentError::NotANumber`] naming the record (1-based) and field when
/// a field to aggregate holds something other than a number or a missing
/// value; [`ComponentError::BadPacket`] for a packet that is not an object;
/// [`ComponentError::BadOption`] for a bad option.
#[derive(Debug)]
pub struct Aggregate {
    options: OptionPorts,
    groupby: Option<String>,
    fields: Vec<String>,
    received: u64,
}

impl Default for Aggregate {
    fn default() -> Self {
        Self { options: OptionPorts::new(&["groupby", "fields", "stats"]), groupby: None, fields: Vec::new(), received: 0 }
    }
}

impl Aggregate {
    fn stats(&self) -> Result<Vec<Stat>, ComponentError> {
        match self.options.get("stats") {
            None => Ok(vec![Stat::Count, Stat::Sum, Stat::Mean, Stat::Min, Stat::Max]),
            Some(v) => parse_string_list("stats", v)?.iter().map(|s| Stat::parse(s, v)).collect(),
        }
    }

    fn aggregate_pending(&mut self, ctx: &mut ActorRunContext) -> ActorResult {
        if self.options.take_changed() {
            self.groupby = self.options.get("groupby").map(|v| parse_string("groupby", v)).transpose()?;
            self.fields = self.options.get("fields").map(|v| parse_string_list("fields", v)).transpose()?.unwrap_or_default();
            self.stats()?;
        }
        let state = ctx.state().clone();
        while let Some(p) = ctx.take("in") {
            let Packet::Data(record) = p else { continue };
            self.received += 1;
            // Without groupby, every record is in the one group `null`.
            let group = match self.groupby.as_deref() {
                Some(field) => key_of(&record, Some(field), self.received)?,
                None => Value::Null,
            };
            if self.groupby.is_none() && record.as_object().is_none() {
                let got = record.to_string();
                return Err(ComponentError::BadPacket { port: "in", packet: self.received, expected: "an object", got }.into());
            }
            let mut numbers = Vec::with_capacity(self.fields.len());
            for field in &self.fields {
                match record.get(field) {
                    None | Some(Value::Null) => {}
                    Some(x @ (Value::Int(_) | Value::Float(_))) => numbers.push((field.as_str(), x)),
                    Some(other) => {
                        let (record, field, got) = (self.received, field.clone(), other.to_string());
                        return Err(ComponentError::NotANumber { record, field, got }.into());
                    }
                }
            }
            state.update(&text(&group), |cur| {
                let count = cur.and_then(|c| c["count"].as_u64()).unwrap_or(0) + 1;
                let mut fields = cur.and_then(|c| c["fields"].as_object()).cloned().unwrap_or_default();
                for (field, x) in &numbers {
                    let updated = update_field(fields.get(*field), x);
                    fields.insert((*field).to_string(), updated);
                }
                json!({"key": group.to_json(), "count": count, "fields": fields})
            });
        }
        Ok(())
    }

    /// The output object of one group from its state entry.
    fn report(&self, entry: &Json, stats: &[Stat]) -> Map {
        let mut out = Map::new();
        out.insert(self.groupby.clone().unwrap_or_else(|| "group".to_string()), Value::from(entry["key"].clone()));
        for stat in stats.iter().filter(|s| **s == Stat::Count) {
            out.insert(stat.name().to_string(), Value::from(entry["count"].clone()));
        }
        for field in &self.fields {
            let agg = &entry["fields"][field];
            for stat in stats.iter().filter(|s| **s != Stat::Count) {
                let value = match (stat, agg["n"].as_u64()) {
                    (Stat::N, n) => json!(n.unwrap_or(0)),
                    (_, None | Some(0)) => Json::Null,
                    (Stat::Mean, Some(n)) => json!(agg["sum"].as_f64().unwrap_or(f64::NAN) / n as f64),
                    (Stat::Sum, _) => agg["sum"].clone(),
                    (Stat::Min, _) => agg["min"].clone(),
                    (Stat::Max | Stat::Count, _) => agg["max"].clone(),
                };
                out.insert(format!("{field}_{}", stat.name()), Value::from(value));
            }
        }
        out
    }
}

impl Actor for Aggregate {
    fn ports(&self) -> Ports {
        Ports::new()
            .inport(PortSpec::new("in").ty(PortType::Object).required().describe("records (objects) to aggregate"))
            .inport(PortSpec::new("groupby").ty(PortType::String).describe("option: the field that names each record's group (default: one group)"))
            .inport(PortSpec::new("fields").describe("option: numeric fields to aggregate, a list or comma-separated"))
            .inport(PortSpec::new("stats").describe(
                "option: statistics to report, from count, n, sum, mean, min, max (default count,sum,mean,min,max)",
            ))
            .outport(
                PortSpec::new("out")
                    .ty(PortType::Object)
                    .describe("one object per group, in order of first appearance, when the inputs close"),
            )
    }

    async fn run(&mut self, ctx: &mut ActorRunContext) -> ActorResult {
        if self.options.poll(ctx) {
            self.aggregate_pending(ctx)?;
        }
        Ok(())
    }

    async fn finish(&mut self, ctx: &mut ActorRunContext) -> ActorResult {
        self.options.poll(ctx);
        self.aggregate_pending(ctx)?;
        let stats = self.stats()?;
        let state = ctx.state().clone();
        for key in state.keys() {
            let Some(entry) = state.get(&key) else { continue };
            ctx.send("out", self.report(&entry, &stats)).await?;
        }
        Ok(())
    }
}

pub(super) fn register(r: &mut Registry) {
    r.register("group/Count", "Counts packets per distinct value", |_| Ok(Count::default()));
    r.register("group/Aggregate", "Per-group count, sum, mean, min and max", |_| Ok(Aggregate::default()));
}

#[cfg(test)]
mod tests;
