//! Actors: the behaviour behind a component.
//!
//! An [`Actor`] declares its ports and reacts to packets. The network runs
//! each process (an instance of a component) as one async task that owns
//! its actor and calls:
//!
//! 1. [`Actor::run`] whenever packets arrive on any inport (they wait in
//!    the [`ActorRunContext`]'s input buffer), or exactly once if the actor
//!    declares no inports;
//! 2. [`Actor::finish`] once every inport is closed (every upstream process
//!    finished and every IIP was delivered), while outports still work;
//! 3. [`Actor::shutdown`] last, whatever ended the process: finishing, a
//!    stop request, an error, or another process failing.
//!
//! `finish` runs only when the inputs ended normally: not when the network
//! is stopping (a stop request, or a failure upstream), so no result is
//! computed from truncated input. A process whose metadata says
//! `restart=on_failure` gets a fresh actor after a failure (the failed one's
//! `shutdown` runs first); see [`FailurePolicy`](crate::graph::FailurePolicy).
//!
//! Small components need no type of their own: [`FnActor`] turns a closure
//! into an actor.

mod context;
mod fn_actor;
mod inputs;

use std::future::Future;

pub use context::{ActorRunContext, PortError, RepeatError};
pub use fn_actor::FnActor;
pub(crate) use inputs::InputBuffer;

use crate::port::Ports;
use crate::rt::MaybeSend;

/// The error an actor returns: any error, boxed (like ractor's `ActorProcessingErr`).
pub type ActorError = Box<dyn std::error::Error + Send + Sync + 'static>;

/// What [`Actor::run`], [`Actor::finish`] and closures return.
pub type ActorResult = Result<(), ActorError>;

/// The behaviour of a component.
///
/// # Examples
/// ```
/// use actor_core::{Actor, ActorResult, ActorRunContext, Ports, PortSpec};
///
/// /// Doubles every number it receives.
/// struct Double;
///
/// impl Actor for Double {
///     fn ports(&self) -> Ports {
///         Ports::new().inport(PortSpec::new("in")).outport(PortSpec::new("out"))
///     }
///     async fn run(&mut self, ctx: &mut ActorRunContext) -> ActorResult {
///         while let Some(v) = ctx.take_data("in") {
///             let x = v.as_f64().ok_or("expected a number")?;
///             ctx.send("out", x * 2.0).await?;
///         }
///         Ok(())
///     }
/// }
/// ```
pub trait Actor: MaybeSend + 'static {
    /// The inports and outports this actor declares.
    fn ports(&self) -> Ports;

    /// Handles an activation: at least one new packet is waiting in `ctx`'s
    /// input buffer (see [`ActorRunContext::take`]); when a producer is
    /// ahead, several packets from the same connection arrive in one
    /// activation (up to 64, or one chunk of up to 128 sent whole with
    /// [`ActorRunContext::send_chunk`]), so loop over `take` rather than
    /// taking one. Packets left
    /// untaken stay buffered for the next activation.
    ///
    /// # Errors
    /// An error ends this process and fails the run; the network reports it
    /// with the process name and shuts the other processes down (unless the
    /// process's metadata has it restarted: `restart=on_failure`).
    fn run(&mut self, ctx: &mut ActorRunContext) -> impl Future<Output = ActorResult> + MaybeSend;

    /// Called once when every inport is closed and the last activation is
    /// done. Outports still deliver, so aggregators flush here. Not called
    /// when the inports closed because the network is stopping.
    ///
    /// # Errors
    /// As for [`Actor::run`].
    fn finish(&mut self, ctx: &mut ActorRunContext) -> impl Future<Output = ActorResult> + MaybeSend {
        let _ = ctx;
        async { Ok(()) }
    }

    /// Called once as the process ends, however it ends. Outports may be
    /// closed by then. Must not block.
    fn shutdown(&mut self, ctx: &mut ActorRunContext) {
        let _ = ctx;
    }
}
