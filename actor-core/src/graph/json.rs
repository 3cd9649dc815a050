//! NoFlo graph JSON, as read and written by `fbp-graph`
//! (<https://github.com/flowbased/fbp-graph>, `Graph.toJSON` and
//! `loadJSON`; schema: npm `fbp`'s `schema/graph.json`):
//!
//! ```json
//! {
//!   "caseSensitive": false,
//!   "properties": {"name": "example"},
//!   "inports": {"in": {"process": "a", "port": "in"}},
//!   "outports": {},
//!   "groups": [{"name": "g", "nodes": ["a"], "metadata": {}}],
//!   "processes": {"a": {"component": "core/Repeat", "metadata": {"x": 10}}},
//!   "connections": [
//!     {"data": "hello", "tgt": {"process": "a", "port": "in"}},
//!     {"src": {"process": "a", "port": "out", "index": 0}, "tgt": {"process": "b", "port": "in"}}
//!   ]
//! }
//! ```
//!
//! Every top-level key is optional. Positions in [`Graph::source`](super::Graph::source) are JSON
//! paths such as `$.connections[1].tgt`.

mod read;

#[cfg(test)]
mod tests;

pub use read::{JsonError, parse, write};
