//! Messages: the values that travel between processes, and the information
//! packets (IPs) that carry them.
//!
//! - [`Value`] is a typed, cheaply clonable value: null, bool, integer, float,
//!   string, bytes, array, object, and an error value. Bytes, arrays, objects
//!   and strings longer than 23 bytes sit behind an `Arc`, shorter strings
//!   inline ([`Str`]), so cloning a value for fan-out copies a pointer or a
//!   few bytes, never a large payload. Two local processes exchange `Value`s
//!   directly; nothing is serialized between them.
//! - [`Packet`] is an information packet: data, or one of NoFlo's bracket IPs
//!   (open and close bracket, each with optional data), which delimit groups
//!   of data packets (see NoFlo's `IP` type, `noflo/src/lib/IP.js`).
//!
//! - [`Chunk`] is packets that travel together between two processes, with
//!   their summed weight against a connection's capacity ([`Packet::weight`]).
//!
//! `Value` round-trips through serde to JSON. JSON has no bytes or error
//! type, so those two are written as single-key objects, `{"$bytes": "<base64>"}`
//! and `{"$error": "<message>"}`, and read back the same way.

mod chunk;
mod packet;
mod serde_impl;
mod str;
mod value;

pub use chunk::{Chunk, WEIGHT_UNIT};
pub use packet::Packet;
pub use str::Str;
pub use value::{Map, Value};
