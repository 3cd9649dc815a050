//! NoFlo's `core` library: `core/Repeat`.

use crate::{Actor, ActorResult, ActorRunContext, PortSpec, Ports, Registry};

/// `core/Repeat`: forwards every packet (data and brackets) from `in` to `out`, in order.
#[derive(Debug, Default)]
pub struct Repeat;

impl Actor for Repeat {
    fn ports(&self) -> Ports {
        Ports::new()
            .inport(PortSpec::new("in").describe("packets to forward"))
            .outport(PortSpec::new("out").describe("the same packets"))
    }

    async fn run(&mut self, ctx: &mut ActorRunContext) -> ActorResult {
        while let Some(p) = ctx.take("in") {
            ctx.send("out", p).await?;
        }
        Ok(())
    }
}

pub(super) fn register(r: &mut Registry) {
    r.register("core/Repeat", "Forwards packets from in to out", |_| Ok(Repeat));
}
