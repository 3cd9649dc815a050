use actor_core::{Actor, ActorError, ActorResult, ActorRunContext, PortSpec, PortType, Ports};
use serde_json::{Value as Json, json};

/// `rust/Increment`: for every packet on `in`, adds 1 to the number at the
/// state key `key` (config; default `"count"`; a missing value counts as 0)
/// and sends the new value on `out`.
///
/// The read-modify-write is atomic ([`actor_core::LiveMemoryState::update`]),
/// so it never loses an increment made concurrently through another handle.
///
/// # Errors
/// A run fails when the value at `key` is not a number.
#[derive(Debug, Clone)]
pub struct Increment {
    key: String,
}

impl Increment {
    /// Makes one from a process config.
    ///
    /// # Errors
    /// When the config's `key` is not a string.
    pub fn from_config(config: &Json) -> Result<Self, ActorError> {
        Ok(Self { key: super::key_from_config(config)? })
    }
}

impl Actor for Increment {
    fn ports(&self) -> Ports {
        Ports::new()
            .inport(PortSpec::new("in").describe("any packet: one increment each"))
            .outport(PortSpec::new("out").ty(PortType::Number).describe("the new value"))
    }

    async fn run(&mut self, ctx: &mut ActorRunContext) -> ActorResult {
        while ctx.take("in").is_some() {
            let mut bad = None;
            let new = ctx.state().update(&self.key, |old| match old {
                None | Some(Json::Null) => json!(1),
                Some(Json::Number(n)) => match n.as_i64() {
                    Some(i) => i.checked_add(1).map_or_else(|| json!(i as f64 + 1.0), |v| json!(v)),
                    None => json!(n.as_f64().unwrap_or(f64::NAN) + 1.0),
                },
                Some(other) => {
                    bad = Some(other.clone());
                    other.clone()
                }
            });
            if let Some(bad) = bad {
                return Err(format!("state {:?} is not a number: {bad}", self.key).into());
            }
            ctx.send("out", new).await?;
        }
        Ok(())
    }
}
