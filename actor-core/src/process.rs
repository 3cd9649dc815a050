//! The process kernel: one process's task, beneath the network.
//!
//! A process is an instance of a component. The network makes its actor,
//! wires its ports and hands the kernel a [`ProcessIo`]; the kernel then
//! runs the activation loop (see [`Actor`](crate::Actor) for the order of
//! the calls): it takes a burst of packets from the process's inports,
//! puts them in the [`ActorRunContext`](crate::ActorRunContext)'s input
//! buffer, calls [`Actor::run`](crate::Actor::run), delivers what the
//! activation queued, and repeats until every inport is closed or the
//! process is asked to stop. It knows nothing of graphs or networks.
//!
//! [`DynActor`] is the type-erased form in which a registry hands actors
//! to the network; it starts the loop monomorphised for the actor's type.

mod kernel;
mod status;
mod stop;

pub use kernel::{DynActor, ProcessExit, ProcessIo};
pub(crate) use kernel::{Finish, panic_message};
pub(crate) use status::{ProcessStatus, Status};
pub(crate) use stop::StopSignal;
