//! Graphs: the definition of a network, in NoFlo's graph JSON or the `.fbp` DSL.
//!
//! [`Graph`] mirrors NoFlo's graph JSON (the format read and written by the
//! `fbp-graph` package): processes, connections (edges and IIPs), exported
//! inports and outports, groups, properties and `caseSensitive`. Loading a
//! graph also records where each element came from ([`Location`]), so that
//! validation errors can point at a file, line and column (`.fbp`) or a
//! JSON path.
//!
//! - [`json`]: NoFlo graph JSON ([`Graph::from_json_str`], [`Graph::to_json_string`]).
//! - [`fbp`]: the `.fbp` DSL ([`Graph::from_fbp_str`], [`Graph::to_fbp`]).
//! - [`Graph::load`]: either, by file extension.
//! - [`validate`]: checks a graph against [`ComponentSpecs`] (descriptor
//!   data, such as a registry's) and resolves it into a [`Plan`], which the
//!   network is built from. A component may itself be a graph (a
//!   subgraph, [`ComponentSpecs::subgraph`]); validation checks it too and
//!   inlines it, so the plan holds only processes of actor components,
//!   named by their path (`outer/inner`).
//! - [`Topology`]: cycles, and what lies downstream of them.
//! - [`supervision`]: a process's [`FailurePolicy`] (restarts, and what a
//!   failure does to the rest of the network), read from its metadata.

pub mod fbp;
pub mod json;
mod load;
mod location;
mod model;
mod plan;
mod specs;
pub mod supervision;
mod topology;
mod validate;

pub use load::{GraphError, decode_utf8};
pub use location::{Location, SourceFormat, SourceMap};
pub use model::{Connection, ExportedPort, Graph, Group, PortRef, Process, SHARED_STATE_KEY};
pub use plan::{Plan, PlanPort, PlannedProcess, Wire};
pub use specs::ComponentSpecs;
pub use supervision::{FailurePolicy, OnFailure, Restart};
pub use topology::Topology;
pub use validate::{MAX_PROCESSES, ValidationError, component_spec, validate};
