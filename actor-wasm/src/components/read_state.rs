use actor_core::{Actor, ActorError, ActorResult, ActorRunContext, PortSpec, Ports, Value};
use serde_json::Value as Json;

/// `rust/ReadState`: for every data packet on `in`, sends on `out` the
/// current value at a state key: the packet's data when it is a string,
/// otherwise the config's `key` (default `"count"`). A missing key sends
/// `null`.
#[derive(Debug, Clone)]
pub struct ReadState {
    key: String,
}

impl ReadState {
    /// Makes one from a process config.
    ///
    /// # Errors
    /// When the config's `key` is not a string.
    pub fn from_config(config: &Json) -> Result<Self, ActorError> {
        Ok(Self { key: super::key_from_config(config)? })
    }
}

impl Actor for ReadState {
    fn ports(&self) -> Ports {
        Ports::new()
            .inport(PortSpec::new("in").describe("a key to read, or any packet to read the configured key"))
            .outport(PortSpec::new("out").describe("the value at the key, or null"))
    }

    async fn run(&mut self, ctx: &mut ActorRunContext) -> ActorResult {
        while let Some(packet) = ctx.take("in") {
            let key = match packet.data() {
                Some(Value::String(k)) => k.to_string(),
                _ => self.key.clone(),
            };
            let value = ctx.state().get(&key).map_or(Value::Null, Value::from);
            ctx.send("out", value).await?;
        }
        Ok(())
    }
}
