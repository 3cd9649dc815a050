use actor_core::{Actor, ActorError, ActorResult, ActorRunContext, PortSpec, PortType, Ports};
use serde_json::Value as Json;

/// The hot fields of [`RunningMax`], in slot order.
pub const RUNNING_MAX_FIELDS: [&str; 2] = ["count", "max"];

/// `rust/RunningMax`: keeps the running maximum of the numbers on `in` in
/// hot numeric fields of its state, and forwards every change of `max` to
/// outport `max` through a repeater.
///
/// Hot fields (slots of one `SharedSlotBuffer<f64>`, in this order):
/// `count` (numbers seen) and `max` (the largest so far; 0 before any).
/// They are declared and the repeater attached on the first activation; a
/// holder may declare the same list earlier (for example JS, to hold a
/// zero-copy view before the network starts).
///
/// Because the repeater forwards *changes of the field*, a write to `max`
/// made anywhere else (JS `setNumber("max", v)`, another process sharing
/// the state) is forwarded too, synchronously, as it happens.
///
/// # Errors
/// A run fails on a packet that is not a number, or when the state already
/// has different hot fields.
#[derive(Debug, Clone, Default)]
pub struct RunningMax {
    attached: bool,
}

impl RunningMax {
    /// Makes one (the config is not used).
    ///
    /// # Errors
    /// Never.
    pub fn from_config(_config: &Json) -> Result<Self, ActorError> {
        Ok(Self::default())
    }
}

impl Actor for RunningMax {
    fn ports(&self) -> Ports {
        Ports::new()
            .inport(PortSpec::new("in").ty(PortType::Number).describe("numbers"))
            .outport(PortSpec::new("max").ty(PortType::Number).describe("every new maximum (any change of the max field)"))
    }

    async fn run(&mut self, ctx: &mut ActorRunContext) -> ActorResult {
        if !self.attached {
            ctx.state().declare_hot(&RUNNING_MAX_FIELDS)?;
            ctx.repeat_to_outport("max", "max")?;
            self.attached = true;
        }
        while let Some(v) = ctx.take_data("in") {
            let x = v.as_f64().ok_or_else(|| format!("expected a number, got {v}"))?;
            let state = ctx.state();
            let count = state.get_number("count").unwrap_or(0.0);
            let max = state.get_number("max").unwrap_or(0.0);
            state.set_number("count", count + 1.0)?;
            if count == 0.0 || x > max {
                state.set_number("max", x)?;
            }
        }
        Ok(())
    }
}
