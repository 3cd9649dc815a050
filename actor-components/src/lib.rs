//! # actor-components
//!
//! The standard components of actorflow: a library of components for
//! [`actor_core`], the runtime. [`standard`] makes a registry holding all of
//! them; [`register_all`] adds them to a registry of your own.
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use actor_core::{Graph, Network, NetworkOptions, PortRef};
//! let mut graph = Graph::new();
//! graph.add_process("a", "core/Repeat");
//! graph.add_iip(serde_json::json!("hello"), PortRef::new("a", "in"));
//! graph.export_outport("OUT", "a", "out");
//! let mut network = Network::new(&graph, &actor_components::standard(), NetworkOptions::default())?;
//! let out = network.outport("OUT")?;
//! network.start()?.wait().await?;
//! assert_eq!(out.recv().await.and_then(|p| p.into_data()), Some("hello".into()));
//! # Ok(()) }
//! ```
//!
//! ## The components
//!
//!
//! Port names are lowercase. Ports marked *option* configure the component
//! and are usually fed by IIPs; `.fbp` IIPs and the CLI's `--set` arrive as
//! strings, so option ports also accept the string spelling of their type
//! (`'10'`, `'true'`, `'NA,n/a'`). While a connected option port has not
//! received its first value, the component leaves its data waiting; an
//! option port that nothing feeds takes its default.
//!
//! Components that aggregate (count, sort, aggregate) emit in
//! [`Actor::finish`](actor_core::Actor::finish), once every inport is closed.
//! The others stream: each sends with backpressure as it goes.
//!
//! | component | inports | outports | what it does |
//! |---|---|---|---|
//! | `core/Repeat` | `in` | `out` | forwards every packet |
//! | `core/Drop` | `in` | | discards every packet |
//! | `core/Output` | `in` | `out` | prints each data packet to stdout (strings raw, other values as JSON) and forwards it |
//! | `core/Kick` | `in` (bang), `data` | `out` | on each bang on `in`, sends the last `data` value (default `null`) |
//! | `fs/ReadLines` | `in` (file path); option `maxline` | `out` | streams the lines of each file, between an open and a close bracket carrying the path; refuses a line longer than `maxline` bytes (default 8 MiB) |
//! | `fs/ReadText` | `in` (file path); options `size`, `maxrun` | `out` | streams the text of each file in pieces of at most `size` bytes (default 64 KiB), each cut just after white space so that no word is split, between an open and a close bracket carrying the path; refuses a run without white space longer than `maxrun` bytes (default 8 MiB) |
//! | `text/Words` | `in`; options `chars`, `case` | `out` | splits text into words (default: maximal runs of alphanumeric characters, lowercased) |
//! | `text/Format` | `in`; option `template` | `out` | renders each packet through a `{field}` template |
//! | `csv/ParseCsv` | `in` (lines); options `missing`, `delimiter`, `numbers` | `out` | parses CSV lines (header row first) into one object per record |
//! | `group/Count` | `in`; options `by`, `key` | `out` | counts packets per distinct value (or field value) |
//! | `group/Aggregate` | `in`; options `groupby`, `fields`, `stats` | `out` | per group: count, and sum, mean, min, max of fields, skipping missing values; running aggregates live in the process's state |
//! | `stream/Sort` | `in`; option `by` | `out` | sorts every packet by fields or by value, asc or desc, stable |
//! | `stream/Take` | `in`; option `count` | `out` | forwards the first `count` data packets, discards the rest |
//! | `fs/WriteLines` | `in`; option `file` | | writes each packet as a text line (strings raw, other values as JSON) to the file, or stdout (no `file`, or `-`) |
//! | `fs/WriteJson` | `in`; option `file` | | writes each packet as one line of JSON (JSON Lines) to the file, or stdout (no `file`, or `-`) |
//! | `live/RunningMax` | `in`; options `groupby`, `field`, `groups` | `out` | keeps the running maximum of a field per group in hot state fields; a repeater per group sends each new maximum |
//!
//! Each component's type documents its ports in detail. Errors are
//! [`ComponentError`]s naming the file and line, or the record and field.
//!
//! A component that writes to standard output fails with
//! [`ComponentError::Stdout`] when a write fails, so a network whose output
//! goes nowhere stops instead of running on. When the failure is a broken
//! pipe (the reader went away, as in `actorflow run .. | head`),
//! [`stdout_closed`] turns `true`, so the program can end quietly.
//!
//! The file components use blocking `std::fs` reads and writes of one
//! buffered line at a time; on `wasm32-unknown-unknown` they fail with the
//! platform's "unsupported" error. The writers replace their files
//! atomically: a file appears, complete, only when its process finishes,
//! and a failed or interrupted run leaves the previous file as it was (see
//! [`fs::Write`]).

mod atomic;
pub mod core;
pub mod csv;
mod error;
pub mod fs;
pub mod group;
pub mod live;
mod options;
mod sink;
pub mod stream;
pub mod text;
#[cfg(test)]
mod testing;
#[cfg(test)]
mod tests;
mod values;

pub use error::ComponentError;
pub use sink::stdout_closed;

use actor_core::Registry;

/// A registry holding every standard component (the table in the
/// [crate docs](crate)).
pub fn standard() -> Registry {
    let mut registry = Registry::new();
    register_all(&mut registry);
    registry
}

/// Registers every standard component in `registry`, replacing any
/// component registered under the same name.
pub fn register_all(registry: &mut Registry) {
    core::register(registry);
    csv::register(registry);
    fs::register(registry);
    group::register(registry);
    live::register(registry);
    stream::register(registry);
    text::register(registry);
}
