//! Stream components: `stream/Sort` and `stream/Take`.

use std::cmp::Ordering;

use actor_core::{Actor, ActorResult, ActorRunContext, Packet, PortSpec, PortType, Ports, Registry, Value};

use super::options::{OptionPorts, parse_string, parse_usize};
use super::values::compare;
use super::ComponentError;

/// One sort key: a field (or the whole value) and a direction.
#[derive(Debug, Clone, PartialEq, Eq)]
struct SortKey {
    /// `None` sorts by the whole value.
    field: Option<String>,
    descending: bool,
}

/// Parses `count:desc,word` into sort keys. `.` (or an empty key) is the
/// whole value; a key without a direction is ascending; `null` (no `by`)
/// is the whole value, ascending.
fn parse_keys(v: &Value) -> Result<Vec<SortKey>, ComponentError> {
    if v.is_null() {
        return Ok(vec![SortKey { field: None, descending: false }]);
    }
    let bad = || ComponentError::bad_option("by", "keys like \"count:desc,word\" (field, or . for the value, and :asc or :desc)", v);
    let s = parse_string("by", v).map_err(|_| bad())?;
    s.split(',')
        .map(|k| {
            let (name, dir) = k.trim().rsplit_once(':').unwrap_or((k.trim(), "asc"));
            let name = name.trim();
            let descending = match dir.trim() {
                "asc" => false,
                "desc" => true,
                _ => return Err(bad()),
            };
            Ok(SortKey { field: (!name.is_empty() && name != ".").then(|| name.to_string()), descending })
        })
        .collect()
}

fn compare_by(keys: &[SortKey], a: &Value, b: &Value) -> Ordering {
    for key in keys {
        let (x, y) = match &key.field {
            None => (a, b),
            Some(f) => (a.get(f).unwrap_or(&Value::Null), b.get(f).unwrap_or(&Value::Null)),
        };
        let o = compare(x, y);
        let o = if key.descending { o.reverse() } else { o };
        if o != Ordering::Equal {
            return o;
        }
    }
    Ordering::Equal
}

/// The check of `stream/Sort`'s `by` IIPs at validation: the same parser.
fn check_keys(v: &Value) -> Result<(), String> {
    parse_keys(v).map(drop).map_err(|e| e.to_string())
}

/// The check of `stream/Take`'s `count` IIPs at validation.
fn check_count(v: &Value) -> Result<(), String> {
    parse_usize("count", v).map(drop).map_err(|e| e.to_string())
}

/// `stream/Sort`: collects every data packet on `in` and, when the inputs
/// close, sends them on `out` sorted by the keys on option port `by`.
///
/// `by` is a comma-separated list of keys, most significant first; each key
/// is a field name (or `.` for the whole value) with an optional `:asc`
/// (default) or `:desc`, for example `count:desc,word`. The default is `.`:
/// the values themselves, ascending. A missing field sorts as `null`. Values
/// of different kinds order null < booleans < numbers < strings < others;
/// numbers compare numerically and strings by code point. The sort is
/// stable: packets equal on every key keep their arrival order.
///
/// Sorting needs every packet, so all of them are buffered in memory.
/// Brackets are discarded.
///
/// # Errors
/// [`ComponentError::BadOption`] for a malformed `by`: an IIP is checked
/// when the graph is validated (the port's [`IipCheck`](actor_core::IipCheck)),
/// a value sent at run time as soon as it arrives, before the data is read.
#[derive(Debug)]
pub struct Sort {
    options: OptionPorts,
    keys: Vec<SortKey>,
    items: Vec<Value>,
}

impl Default for Sort {
    fn default() -> Self {
        Self { options: OptionPorts::new(&["by"]), keys: Vec::new(), items: Vec::new() }
    }
}

impl Actor for Sort {
    fn ports(&self) -> Ports {
        Ports::new()
            .inport(PortSpec::new("in").required().describe("values to sort"))
            .inport(
                PortSpec::new("by")
                    .ty(PortType::String)
                    .describe("option: sort keys, most significant first, such as count:desc,word (. is the value; default .)")
                    .check(check_keys),
            )
            .outport(PortSpec::new("out").describe("every value, sorted, when the inputs close"))
    }

    async fn run(&mut self, ctx: &mut ActorRunContext) -> ActorResult {
        // Options only matter at the end, so data never needs to wait; a
        // malformed key still fails at once.
        self.options.poll(ctx);
        if self.options.take_changed() {
            self.keys = parse_keys(self.options.get("by").unwrap_or(&Value::Null))?;
        }
        while let Some(p) = ctx.take("in") {
            if let Packet::Data(v) = p {
                self.items.push(v);
            }
        }
        Ok(())
    }

    async fn finish(&mut self, ctx: &mut ActorRunContext) -> ActorResult {
        self.run(ctx).await?;
        let mut items = std::mem::take(&mut self.items);
        items.sort_by(|a, b| compare_by(&self.keys, a, b));
        for v in items {
            ctx.send("out", v).await?;
        }
        Ok(())
    }
}

/// `stream/Take`: forwards the first `count` data packets on `in` to `out`
/// and discards the rest (it keeps reading, so its producer never waits).
///
/// `count` comes on the option port of that name, usually as an IIP
/// (`'10' -> COUNT take(stream/Take)`); data waits until it arrives. A new
/// count applies to the packets that follow, counting those already sent.
/// Brackets are forwarded and do not count.
///
/// # Errors
/// [`ComponentError::BadOption`] when `count` is missing or not a
/// non-negative integer (an IIP is checked when the graph is validated).
#[derive(Debug)]
pub struct Take {
    options: OptionPorts,
    count: usize,
    sent: usize,
}

impl Default for Take {
    fn default() -> Self {
        Self { options: OptionPorts::new(&["count"]), count: 0, sent: 0 }
    }
}

impl Take {
    async fn take_pending(&mut self, ctx: &mut ActorRunContext) -> ActorResult {
        if !ctx.has("in") {
            return Ok(());
        }
        if self.options.take_changed() {
            let v = self.options.get("count").cloned().unwrap_or_default();
            self.count = parse_usize("count", &v)?;
        }
        while let Some(p) = ctx.take("in") {
            match p {
                Packet::Data(_) if self.sent >= self.count => {}
                Packet::Data(v) => {
                    self.sent += 1;
                    ctx.send("out", v).await?;
                }
                bracket => ctx.send("out", bracket).await?,
            }
        }
        Ok(())
    }
}

impl Actor for Take {
    fn ports(&self) -> Ports {
        Ports::new()
            .inport(PortSpec::new("in").required().describe("packets to take from"))
            .inport(
                PortSpec::new("count")
                    .ty(PortType::Int)
                    .required()
                    .describe("option: how many data packets to forward")
                    .check(check_count),
            )
            .outport(PortSpec::new("out").describe("the first count data packets, and every bracket"))
    }

    async fn run(&mut self, ctx: &mut ActorRunContext) -> ActorResult {
        if self.options.poll(ctx) {
            self.take_pending(ctx).await?;
        }
        Ok(())
    }

    async fn finish(&mut self, ctx: &mut ActorRunContext) -> ActorResult {
        self.options.poll(ctx);
        self.take_pending(ctx).await
    }
}

pub(super) fn register(r: &mut Registry) {
    r.register("stream/Sort", "Sorts packets by fields or by value", |_| Ok(Sort::default()));
    r.register("stream/Take", "Forwards the first N packets", |_| Ok(Take::default()));
}

#[cfg(test)]
mod tests;
