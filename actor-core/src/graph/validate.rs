//! Checks a graph against component specs before it runs, and resolves it
//! into a [`Plan`], subgraphs inlined.
//!
//! [`validate`] reports every problem it finds, each with where it was
//! written ([`Location`]: `file:line:column` for `.fbp`, a JSON path for
//! graph JSON) and what is valid there:
//!
//! - a process whose component is not registered (with close matches, or
//!   the registered names);
//! - a connection or exported port naming an unknown process (with the
//!   graph's processes) or a port its component does not declare (with the
//!   component's ports);
//! - a required inport with no connection, no IIP and no exported inport;
//! - IIP data of the wrong type for its inport ([`PortType::coerce`](crate::PortType::coerce): a
//!   string that spells a value of a scalar type counts as that value, and
//!   is delivered as it);
//! - IIP data the inport's component cannot use (the port's
//!   [`IipCheck`](crate::port::IipCheck), for example a malformed sort key);
//! - a process whose metadata gives an invalid failure policy
//!   ([`FailurePolicy::from_metadata`](super::FailurePolicy::from_metadata)).
//!
//! A graph that validates is resolved into a [`Plan`], which names every
//! process and port by index, so building a network from it cannot meet a
//! missing process, component or port.
//!
//! # Subgraphs
//!
//! A component may be a graph ([`ComponentSpecs::subgraph`]), as in NoFlo:
//! its exported inports and outports are the component's ports. Validation
//! reaches into it: each process that is an instance of a graph is checked
//! as that graph, with every rule above and with positions in the graph's
//! own file, and every process inside gets a path name, `outer/inner`
//! (`outer/inner/process` when subgraphs nest). A graph that contains
//! itself, directly or through others, is an error that shows the chain.
//!
//! The plan has no trace of the boundary: each instance is replaced by its
//! graph's processes, and what reached an exported port from outside
//! (connections, IIPs, the array index) reaches the inner port behind it.
//! Only the labels of connections remember it: each keeps the ends its own
//! graph wrote (`read.out -> top.in`), with that graph's path prefix.
//! A subgraph costs nothing at run time, and two instances share nothing.
//! The IIPs inside a subgraph are queued before those from outside, so an
//! outside IIP into an option port (last value wins) overrides a default
//! the subgraph sets itself. A process's `state` metadata (see
//! [`SHARED_STATE_KEY`](super::SHARED_STATE_KEY)) names a process of its
//! own graph, and so of the same instance.

mod expand;
mod inline;
mod level;
mod suggest;

#[cfg(test)]
mod tests;

use std::fmt;

use super::{ComponentSpecs, Graph, Location, Plan};
use crate::port::ComponentSpec;

pub use expand::MAX_PROCESSES;

/// One problem found in a graph, with where it is and what was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationError {
    /// Where the problem was written, when known (inside a subgraph, a
    /// position in the subgraph's file).
    pub location: Option<Location>,
    /// What is wrong and what is valid there.
    pub message: String,
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.location {
            Some(loc) => write!(f, "{loc}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for ValidationError {}

/// Checks `graph` against the component specs in `specs` (see the module
/// docs for the rules), subgraphs included, and resolves it into a
/// [`Plan`] with every subgraph inlined.
///
/// # Errors
/// Every problem found. Per graph: unknown components first (in process
/// order), then exported inports and outports, then connections in graph
/// order, then missing required inports, then invalid failure policies; a
/// subgraph's problems come before
/// those of the graph that uses it.
///
/// # Examples
/// ```
/// use actor_core::{Graph, graph::validate};
/// let g = Graph::from_fbp_str("'x' -> IN a(core/Repaet)", Some("g.fbp")).unwrap();
/// let errors = validate(&g, &actor_components::standard()).unwrap_err();
/// assert_eq!(errors[0].to_string(),
///     "g.fbp:1:11: process \"a\": unknown component \"core/Repaet\" (did you mean core/Repeat?)");
/// ```
pub fn validate<S: ComponentSpecs + ?Sized>(graph: &Graph, specs: &S) -> Result<Plan, Vec<ValidationError>> {
    expand::Expander::new(specs).run(graph, None).map(|(plan, _)| plan)
}

/// Checks `graph` as the graph of component `name` (like [`validate`],
/// and a graph that contains `name` again is a recursion) and returns the
/// component's spec: one port per exported port, in the graph's order,
/// named as exported, with the type, description and array flag of the
/// inner port it maps to. An exported inport is required when its inner
/// port is and nothing inside the graph already feeds it. The description
/// is the graph's `description` property (`# @description` in `.fbp`).
///
/// # Errors
/// As [`validate`].
///
/// # Examples
/// ```
/// use actor_core::Graph;
/// use actor_core::graph::component_spec;
/// let g = Graph::from_fbp_str("INPORT=r.IN:IN\nOUTPORT=r.OUT:OUT\nr(core/Repeat)", None).unwrap();
/// let spec = component_spec("my/Relay", &g, &actor_components::standard()).unwrap();
/// assert_eq!(spec.ports.inports[0].name, "in");
/// assert_eq!(spec.ports.outports[0].name, "out");
/// ```
pub fn component_spec<S: ComponentSpecs + ?Sized>(name: &str, graph: &Graph, specs: &S) -> Result<ComponentSpec, Vec<ValidationError>> {
    let (_, ports) = expand::Expander::new(specs).run(graph, Some(name))?;
    Ok(ComponentSpec { name: name.to_string(), description: expand::description(graph), ports })
}
