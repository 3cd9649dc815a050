//! `live/RunningMax`.

use crate::{Actor, ActorResult, ActorRunContext, Derived, PortSpec, PortType, Ports, Repeater, Value};

/// `live/RunningMax`: the running maximum of a numeric field of records,
/// per group, kept in hot fields of the process's
/// [`LiveMemoryState`](crate::LiveMemoryState), with a
/// [`Repeater`] per group sending every new maximum on `out`.
///
/// Ports:
/// - `groupby` (string, IIP): the field naming a record's group, e.g. `species`.
/// - `field` (string, IIP): the numeric field, e.g. `body_mass_g`.
/// - `groups` (string, IIP): the groups, comma-separated. Each becomes a hot
///   field of that name (one slot of the state's `SharedSlotBuffer<f64>`),
///   starting at `-inf`.
/// - `in`: records (objects). Brackets are ignored; a record whose field is
///   `null` or missing is skipped.
/// - `out`: `{<groupby>: group, <field>: max}` each time a group's maximum
///   grows, in the order the records arrive. The object is a
///   [`Derived`] over the group's hot field; the repeater forwards it
///   synchronously, right after the record that raised the maximum.
///
/// Records that arrive before the three options are kept until they are all
/// known.
///
/// # Errors
/// A record that is not an object, whose group is not a string listed in
/// `groups`, or whose field is not a number; an option that is not a string.
#[derive(Debug, Default)]
pub struct RunningMax {
    groupby: Option<String>,
    field: Option<String>,
    groups: Option<Vec<String>>,
    started: bool,
    /// The derived output object of each group, kept alive with its repeater.
    outputs: Vec<Derived<Value>>,
}

impl Actor for RunningMax {
    fn ports(&self) -> Ports {
        Ports::new()
            .inport(PortSpec::new("in").ty(PortType::Object).describe("records"))
            .inport(PortSpec::new("groupby").ty(PortType::String).describe("the field naming the group"))
            .inport(PortSpec::new("field").ty(PortType::String).describe("the numeric field"))
            .inport(PortSpec::new("groups").ty(PortType::String).describe("the groups, comma-separated"))
            .outport(PortSpec::new("out").ty(PortType::Object).describe("each new maximum: {group field: group, field: max}"))
    }

    async fn run(&mut self, ctx: &mut ActorRunContext) -> ActorResult {
        if let Some(v) = ctx.take_data("groupby") {
            self.groupby = Some(option_string(&v, "groupby")?);
        }
        if let Some(v) = ctx.take_data("field") {
            self.field = Some(option_string(&v, "field")?);
        }
        if let Some(v) = ctx.take_data("groups") {
            let list = option_string(&v, "groups")?;
            self.groups = Some(list.split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect());
        }
        let (Some(groupby), Some(field), Some(groups)) = (self.groupby.clone(), self.field.clone(), self.groups.clone())
        else {
            return Ok(()); // records wait in the input buffer
        };
        if !self.started {
            self.start(ctx, &groupby, &field, &groups)?;
        }
        let state = ctx.state().clone();
        while let Some(packet) = ctx.take("in") {
            let Some(record) = packet.into_data() else { continue }; // a bracket
            if record.as_object().is_none() {
                return Err(format!("live/RunningMax: expected a record (object), got {}", record.to_json()).into());
            }
            let x = match record.get(&field) {
                None | Some(Value::Null) => continue,
                Some(v) => v.as_f64().ok_or_else(|| format!("live/RunningMax: field {field:?} is not a number: {}", v.to_json()))?,
            };
            let group = record
                .get(&groupby)
                .and_then(Value::as_str)
                .ok_or_else(|| format!("live/RunningMax: field {groupby:?} is missing or not a string in {}", record.to_json()))?;
            if !state.is_hot(group) {
                return Err(format!("live/RunningMax: group {group:?} is not listed in groups ({})", groups.join(", ")).into());
            }
            if x > state.get_number(group).unwrap_or(f64::NEG_INFINITY) {
                state.set_number(group, x)?;
            }
        }
        Ok(())
    }
}

impl RunningMax {
    /// Declares the hot fields and attaches one repeater per group.
    fn start(&mut self, ctx: &mut ActorRunContext, groupby: &str, field: &str, groups: &[String]) -> ActorResult {
        let state = ctx.state().clone();
        let names: Vec<&str> = groups.iter().map(String::as_str).collect();
        state.declare_hot(&names)?;
        let out = ctx.outport("out")?.clone();
        for group in groups {
            state.set_number(group, f64::NEG_INFINITY)?;
            let slot = state.hot_slot(group)?;
            let (groupby, field, name) = (groupby.to_string(), field.to_string(), group.clone());
            let output = state.reactive().derived(move || {
                Value::object([(groupby.clone(), Value::string(&name)), (field.clone(), Value::Float(slot.get()))])
            });
            ctx.keep(Repeater::new(output.clone(), out.clone()));
            self.outputs.push(output);
        }
        self.started = true;
        Ok(())
    }
}

fn option_string(v: &Value, port: &str) -> Result<String, String> {
    v.as_str().map(str::to_string).ok_or_else(|| format!("live/RunningMax: option {port} must be a string, got {}", v.to_json()))
}
