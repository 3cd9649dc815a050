//! The wire format of fbp-protocol 0.8: JSON messages with a `protocol`, a
//! `command` and a `payload`.
//!
//! The spec is npm `fbp-protocol` 0.9.8 (`schema/yaml/*.yml`, JSON Schema
//! draft-04). Every message a client sends is an [`Incoming`] envelope: its
//! `secret` sits at the top level since protocol 0.8, with a legacy copy in
//! `payload.secret`. Every message the runtime sends is an [`Outgoing`]
//! envelope, never carrying a secret, with `responseTo` set to the
//! request's `requestId` when it had one.
//!
//! One module per protocol holds the payloads it reads and writes:
//!
//! - [`runtime`]: `getruntime`, `runtime`, `ports`, `packet`, `packetsent`;
//! - [`graph`]: the graph edits, from `clear` to `changegroup`;
//! - [`component`]: `list`, `component`, `componentsready`, `getsource`, `source`;
//! - [`network`]: `start`, `stop`, `getstatus`, `debug`, `edges` and the
//!   events of a running network (`data`, `begingroup`, `endgroup`,
//!   `processerror`, `error`, ...).
//!
//! Payloads are read leniently: unknown fields are ignored (fbp-test sends a
//! `baseDir` that the schema does not list), missing required fields are an
//! error naming the field.

pub mod component;
mod envelope;
pub mod graph;
pub mod network;
pub mod runtime;

pub use envelope::{Incoming, MAX_MESSAGE_BYTES, Outgoing, ParseError};
