//! The graph hash every node of a run agrees on.

use actor_core::Graph;

/// A hash of `graph`'s content: BLAKE3 (<https://github.com/BLAKE3-team/BLAKE3-specs>)
/// of its NoFlo graph JSON serialization, as 16 hex digits (the first 64
/// bits).
///
/// Compute it after `--set` overrides: two nodes that run the same graph
/// file with different IIPs run different graphs. Source positions are not
/// part of the content, so the same graph written as `.fbp` or as JSON
/// hashes the same when the two read back as equal [`Graph`]s.
pub fn graph_hash(graph: &Graph) -> String {
    // Serializing a Graph (strings, numbers, maps with string keys) cannot fail.
    let json = serde_json::to_vec(graph).expect("a graph serializes to JSON");
    let hash = blake3::hash(&json);
    hash.as_bytes()[..8].iter().map(|b| format!("{b:02x}")).collect()
}
