//! Graphs: the definition of a network, in NoFlo's graph JSON or the `.fbp` DSL.
//!
//! [`Graph`] mirrors NoFlo's graph JSON (the format read and written by the
//! `fbp-graph` package): processes, connections (edges and IIPs), exported
//! inports and outports, groups, properties and `caseSensitive`. Loading a
//! graph also records where each element came from ([`Location`]), so that
//! validation errors can point at a file, line and column (`.fbp`) or a
//! JSON path.

mod location;
mod model;

pub use location::{Location, SourceMap, SourceFormat};
pub use model::{Connection, ExportedPort, Graph, Group, PortRef, Process};
mod validate;
pub use validate::{ValidationError, validate};
