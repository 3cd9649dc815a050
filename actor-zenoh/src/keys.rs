//! The key expressions of a run. Every one starts with `actorflow/<run id>/`,
//! so runs with different ids never mix.
//!
//! | key expression | what |
//! |---|---|
//! | `actorflow/<run>/<hash>/c/<index>/data` | frames of connection `<index>` ([`Frame::Data`](crate::wire::Frame::Data), [`Frame::End`](crate::wire::Frame::End)) |
//! | `actorflow/<run>/<hash>/c/<index>/ack` | its acknowledgements ([`Frame::Ack`](crate::wire::Frame::Ack)) |
//! | `actorflow/<run>/alive/<node>/<hash>/<zid>` | a node's liveliness token (`<zid>`: its Zenoh session id) |
//! | `actorflow/<run>/status/<node>` | a node's outcome, published once at its end |
//!
//! `<hash>` is the [graph hash](crate::graph_hash): nodes that run different
//! graphs never exchange packets.

use crate::names::{NodeName, RunId};

/// The first chunk of every key expression.
pub const PREFIX: &str = "actorflow";

/// Where connection `index`'s frames go.
pub(crate) fn data(run: &RunId, hash: &str, index: usize) -> String {
    format!("{PREFIX}/{run}/{hash}/c/{index}/data")
}

/// Where connection `index`'s acknowledgements go.
pub(crate) fn ack(run: &RunId, hash: &str, index: usize) -> String {
    format!("{PREFIX}/{run}/{hash}/c/{index}/ack")
}

/// A node's liveliness token; `zid` is its Zenoh session id.
pub(crate) fn alive(run: &RunId, node: &NodeName, hash: &str, zid: &str) -> String {
    format!("{PREFIX}/{run}/alive/{node}/{hash}/{zid}")
}

/// Every liveliness token of the run.
pub(crate) fn alive_all(run: &RunId) -> String {
    format!("{PREFIX}/{run}/alive/**")
}

/// Reads `(node, hash, zid)` back from a liveliness token's key expression.
pub(crate) fn parse_alive<'a>(run: &RunId, key: &'a str) -> Option<(&'a str, &'a str, &'a str)> {
    let rest = key.strip_prefix(PREFIX)?.strip_prefix('/')?.strip_prefix(run.as_str())?.strip_prefix("/alive/")?;
    let mut parts = rest.split('/');
    match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some(node), Some(hash), Some(zid), None) => Some((node, hash, zid)),
        _ => None,
    }
}

/// A node's status key.
pub(crate) fn status(run: &RunId, node: &NodeName) -> String {
    format!("{PREFIX}/{run}/status/{node}")
}

/// Every node's status key.
pub(crate) fn status_all(run: &RunId) -> String {
    format!("{PREFIX}/{run}/status/*")
}

/// Reads the node back from a status key.
pub(crate) fn parse_status<'a>(run: &RunId, key: &'a str) -> Option<&'a str> {
    key.strip_prefix(PREFIX)?.strip_prefix('/')?.strip_prefix(run.as_str())?.strip_prefix("/status/")
}
