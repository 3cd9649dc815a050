//! `live/RunningMax`.

use super::super::ComponentError;
use super::super::options::{OptionPorts, parse_string, parse_string_list};
use actor_core::{Actor, ActorResult, ActorRunContext, Derived, Packet, PortSpec, PortType, Ports, Repeater, Value};

/// `live/RunningMax`: the running maximum of a numeric field of records,
/// per group, kept in hot fields of the process's
/// [`LiveMemoryState`](actor_core::LiveMemoryState), with one [`Repeater`] per
/// group sending every new maximum on `out`.
///
/// Ports:
/// - `groupby` (option, string): the field naming a record's group, e.g. `species`.
/// - `field` (option, string): the numeric field, e.g. `body_mass_g`.
/// - `groups` (option, list of strings such as `'Adelie,Chinstrap,Gentoo'`):
///   the groups. Each becomes a hot field of that name (one slot, in this
///   order, of the state's `SharedSlotBuffer<f64>`), starting at `-inf`.
/// - `in`: records (objects). Brackets are ignored; a record whose field
///   is `null` or missing is skipped.
/// - `out`: `{<groupby>: group, <field>: max}` (the maximum as a float)
///   each time a group's maximum grows, in the order of the records. The
///   object is a [`Derived`] over the group's hot field, and its repeater
///   forwards it synchronously, during the write that raised the maximum.
///
/// The three options are required; records wait until they have arrived.
/// Later option values are ignored (the hot fields are declared once).
///
/// # State
/// A state whose hot fields were declared before the run, with the same
/// groups (a state restored by `--resume`), keeps its maxima: the run
/// continues from them instead of starting at `-inf`.
///
/// # Errors
/// [`ComponentError::BadOption`] for a missing or malformed option, or when
/// the state already has other hot fields; [`ComponentError::BadPacket`] for
/// a record that is not an object or whose group is not a string listed in
/// `groups`; [`ComponentError::NotANumber`] when the field holds something
/// other than a number or `null`.
#[derive(Debug)]
pub struct RunningMax {
    options: OptionPorts,
    started: Option<Started>,
    received: u64,
}

#[derive(Debug)]
struct Started {
    groupby: String,
    field: String,
    /// The derived output object of each group, kept alive with its repeater.
    _outputs: Vec<Derived<Value>>,
}

impl Default for RunningMax {
    fn default() -> Self {
        Self { options: OptionPorts::new(&["groupby", "field", "groups"]), started: None, received: 0 }
    }
}

impl Actor for RunningMax {
    fn ports(&self) -> Ports {
        Ports::new()
            .inport(PortSpec::new("in").ty(PortType::Object).describe("records"))
            .inport(PortSpec::new("groupby").ty(PortType::String).describe("option: the field naming the group"))
            .inport(PortSpec::new("field").ty(PortType::String).describe("option: the numeric field"))
            .inport(PortSpec::new("groups").describe("option: the groups, comma-separated; one hot field each"))
            .outport(PortSpec::new("out").ty(PortType::Object).describe("each new maximum: {groupby: group, field: max}"))
    }

    async fn run(&mut self, ctx: &mut ActorRunContext) -> ActorResult {
        if !self.options.poll(ctx) {
            return Ok(()); // records wait for the options
        }
        if self.started.is_none() {
            self.started = Some(self.start(ctx)?);
        }
        let Some(started) = &self.started else { return Ok(()) };
        let state = ctx.state().clone();
        while let Some(packet) = ctx.take("in") {
            let Packet::Data(record) = packet else { continue };
            self.received += 1;
            let bad = |expected| ComponentError::BadPacket {
                port: "in",
                packet: self.received,
                expected,
                got: record.to_json().to_string(),
            };
            if record.as_object().is_none() {
                return Err(bad("a record (object)").into());
            }
            let x = match record.get(&started.field) {
                None | Some(Value::Null) => continue,
                Some(v) => v.as_f64().ok_or_else(|| ComponentError::NotANumber {
                    record: self.received,
                    field: started.field.clone(),
                    got: v.to_json().to_string(),
                })?,
            };
            let group = record.get(&started.groupby).and_then(Value::as_str);
            let Some(group) = group.filter(|g| state.is_hot(g)) else {
                return Err(bad("a record whose group is listed in groups").into());
            };
            if x > state.get_number(group).unwrap_or(f64::NEG_INFINITY) {
                state.set_number(group, x)?;
            }
        }
        Ok(())
    }
}

impl RunningMax {
    /// Reads the options, declares the hot fields and attaches one repeater per group.
    fn start(&self, ctx: &mut ActorRunContext) -> Result<Started, ComponentError> {
        let required = |port: &'static str| {
            self.options.get(port).ok_or(ComponentError::BadOption { port, expected: "a value", got: "nothing".into() })
        };
        let groupby = parse_string("groupby", required("groupby")?)?;
        let field = parse_string("field", required("field")?)?;
        let groups = parse_string_list("groups", required("groups")?)?;
        let state = ctx.state().clone();
        let names: Vec<&str> = groups.iter().map(String::as_str).collect();
        // Hot fields declared before the run (a restored state) keep their values.
        let restored = !state.hot_fields().is_empty();
        state.declare_hot(&names).map_err(|e| ComponentError::BadOption {
            port: "groups",
            expected: "group names usable as hot fields",
            got: e.to_string(),
        })?;
        let out = ctx.outport("out").expect("declared").clone();
        let mut outputs = Vec::with_capacity(groups.len());
        for group in &groups {
            let slot = state.hot_slot(group).expect("just declared");
            if !restored {
                slot.set(f64::NEG_INFINITY);
            }
            let (key, name, field) = (groupby.clone(), group.clone(), field.clone());
            let output = state.reactive().derived(move || {
                Value::object([(key.clone(), Value::string(&name)), (field.clone(), Value::Float(slot.get()))])
            });
            ctx.keep(Repeater::new(output.clone(), out.clone()));
            outputs.push(output);
        }
        Ok(Started { groupby, field, _outputs: outputs })
    }
}
