use std::fmt;

use super::{Actor, ActorResult, ActorRunContext};
use crate::port::Ports;
use crate::rt::MaybeSend;

/// An actor made from a closure: the quickest way to write a small component.
///
/// The closure runs once per activation, synchronously; it takes packets
/// from the context and queues output with
/// [`ActorRunContext::emit`], which the process delivers when the closure
/// returns. Each process gets its own clone of the closure, so captured
/// state is per process.
///
/// # Examples
/// ```
/// use actor_core::{FnActor, Ports, PortSpec, Registry};
/// let mut registry = Registry::new();
/// registry.register_fn(
///     "math/Double",
///     "Doubles numbers",
///     Ports::new().inport(PortSpec::new("in")).outport(PortSpec::new("out")),
///     |ctx| {
///         while let Some(v) = ctx.take_data("in") {
///             ctx.emit("out", v.as_f64().ok_or("not a number")? * 2.0)?;
///         }
///         Ok(())
///     },
/// );
/// assert!(registry.get("math/Double").is_some());
/// ```
pub struct FnActor<F> {
    ports: Ports,
    f: F,
}

impl<F> FnActor<F>
where
    F: FnMut(&mut ActorRunContext) -> ActorResult + MaybeSend + 'static,
{
    /// An actor with `ports` that calls `f` on every activation.
    pub fn new(ports: Ports, f: F) -> Self {
        Self { ports, f }
    }
}

impl<F> Actor for FnActor<F>
where
    F: FnMut(&mut ActorRunContext) -> ActorResult + MaybeSend + 'static,
{
    fn ports(&self) -> Ports {
        self.ports.clone()
    }

    async fn run(&mut self, ctx: &mut ActorRunContext) -> ActorResult {
        (self.f)(ctx)
    }
}

impl<F> fmt::Debug for FnActor<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FnActor").field("ports", &self.ports).finish_non_exhaustive()
    }
}
