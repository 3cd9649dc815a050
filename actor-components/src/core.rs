//! NoFlo's `core` library: `core/Repeat`, `core/Drop`, `core/Output` and `core/Kick`.

use actor_core::{Actor, ActorResult, ActorRunContext, Packet, PortSpec, PortType, Ports, Registry, Value};

use super::options::OptionPorts;
use super::sink::Sink;
use super::values::text;

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

/// `core/Drop`: takes every packet on `in` and discards it. Use it to end a
/// branch whose output is not needed, so its producer never waits.
#[derive(Debug, Default)]
pub struct Drop;

impl Actor for Drop {
    fn ports(&self) -> Ports {
        Ports::new().inport(PortSpec::new("in").describe("packets to discard"))
    }

    async fn run(&mut self, ctx: &mut ActorRunContext) -> ActorResult {
        ctx.take_all("in");
        Ok(())
    }
}

/// `core/Output`: prints every data packet on `in` to standard output, one
/// line each (a string as itself, any other value as compact JSON), and
/// forwards every packet, brackets included, on `out`. Brackets are not printed.
#[derive(Debug)]
pub struct Output {
    sink: Sink,
}

impl Default for Output {
    fn default() -> Self {
        Self { sink: Sink::Stdout }
    }
}

impl Output {
    /// An `Output` that prints into `sink` (tests read it back).
    #[cfg(test)]
    pub(crate) fn with_sink(sink: Sink) -> Self {
        Self { sink }
    }
}

impl Actor for Output {
    fn ports(&self) -> Ports {
        Ports::new()
            .inport(PortSpec::new("in").describe("packets to print; strings raw, other values as JSON"))
            .outport(PortSpec::new("out").describe("the same packets, after printing"))
    }

    async fn run(&mut self, ctx: &mut ActorRunContext) -> ActorResult {
        while let Some(p) = ctx.take("in") {
            if let Packet::Data(v) = &p {
                self.sink.write_line(&text(v))?;
            }
            ctx.send("out", p).await?;
        }
        Ok(())
    }

    async fn finish(&mut self, _ctx: &mut ActorRunContext) -> ActorResult {
        self.sink.flush()?;
        Ok(())
    }
}

/// `core/Kick`: when a data packet arrives on `in` (a bang), sends the
/// value of the control port `data` on `out`: the last value received there,
/// or `null` when nothing feeds `data`.
///
/// As in NoFlo's `core/Kick` (`data` is a control port with default
/// `null`), a bang waits while `data` is connected but has not received its
/// first value; bangs still waiting when the inputs close are dropped.
/// Brackets on either inport are discarded.
#[derive(Debug)]
pub struct Kick {
    options: OptionPorts,
}

impl Default for Kick {
    fn default() -> Self {
        Self { options: OptionPorts::new(&["data"]) }
    }
}

impl Actor for Kick {
    fn ports(&self) -> Ports {
        Ports::new()
            .inport(PortSpec::new("in").ty(PortType::Bang).describe("a packet here sends the stored data"))
            .inport(PortSpec::new("data").describe("control: the value to send on each bang; the last one is kept (default null)"))
            .outport(PortSpec::new("out").describe("the stored value, once per bang"))
    }

    async fn run(&mut self, ctx: &mut ActorRunContext) -> ActorResult {
        if !self.options.poll(ctx) {
            return Ok(());
        }
        let data = self.options.get("data").cloned().unwrap_or(Value::Null);
        while let Some(p) = ctx.take("in") {
            if !p.is_bracket() {
                ctx.send("out", data.clone()).await?;
            }
        }
        Ok(())
    }
}

pub(super) fn register(r: &mut Registry) {
    r.register("core/Repeat", "Forwards packets from in to out", |_| Ok(Repeat));
    r.register("core/Drop", "Discards every packet", |_| Ok(Drop));
    r.register("core/Output", "Prints each data packet to stdout and forwards it", |_| Ok(Output::default()));
    r.register("core/Kick", "Sends the last data value on each bang", |_| Ok(Kick::default()));
}

#[cfg(test)]
mod tests;
