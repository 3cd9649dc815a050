//! Refuses a directed cycle that spans nodes: each node detects the end of
//! a cycle (quiescence) only among its own processes.

use std::collections::{HashMap, HashSet, VecDeque};

use actor_core::graph::Graph;

use super::{Placement, PlacementError};

/// For each remote connection `u -> v`, looks for a path `v ->* u`; one
/// found closes a cycle across nodes. O(remote connections × edges), which
/// is small for graphs written by hand.
pub(super) fn check(graph: &Graph, placement: &Placement) -> Result<(), PlacementError> {
    let mut next: HashMap<&str, Vec<&str>> = HashMap::new();
    let mut remote = Vec::new();
    for c in &graph.connections {
        let Some(src) = &c.src else { continue };
        next.entry(src.process.as_str()).or_default().push(c.tgt.process.as_str());
        if placement.node_of(&src.process) != placement.node_of(&c.tgt.process) {
            remote.push((src.process.as_str(), c.tgt.process.as_str()));
        }
    }
    for (u, v) in remote {
        if let Some(path) = path(&next, v, u) {
            let mut nodes: Vec<String> =
                path.iter().filter_map(|p| placement.node_of(p)).map(ToString::to_string).collect();
            nodes.sort();
            nodes.dedup();
            return Err(PlacementError::CycleAcrossNodes {
                processes: path.iter().map(ToString::to_string).collect(),
                nodes,
            });
        }
    }
    Ok(())
}

/// A shortest path `from ->* to` (breadth-first), both ends included.
fn path<'a>(next: &HashMap<&'a str, Vec<&'a str>>, from: &'a str, to: &'a str) -> Option<Vec<&'a str>> {
    let mut parent: HashMap<&str, &str> = HashMap::new();
    let mut seen = HashSet::from([from]);
    let mut queue = VecDeque::from([from]);
    while let Some(p) = queue.pop_front() {
        if p == to {
            let mut path = vec![p];
            let mut at = p;
            while let Some(&q) = parent.get(at) {
                path.push(q);
                at = q;
            }
            path.reverse();
            return Some(path);
        }
        for &q in next.get(p).into_iter().flatten() {
            if seen.insert(q) {
                parent.insert(q, p);
                queue.push_back(q);
            }
        }
    }
    None
}
