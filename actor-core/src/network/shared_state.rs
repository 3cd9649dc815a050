//! Processes that share one [`LiveMemoryState`]: the `state` metadata key.
//!
//! By default every process gets a state of its own. A process whose
//! metadata has `"state": "<other process>"` (in `.fbp`,
//! `name(Component:state=other)`) holds the *same* state instance as that
//! other process instead, so, for example, a JS counter process and a Rust
//! process can read and write one state, each through its own handle.
//! References may chain (`a` uses `b`'s, `b` uses `c`'s); all of them then
//! share `c`'s state.

use serde_json::Value as Json;

use super::NetworkError;
use crate::graph::PlannedProcess;

/// The metadata key naming the process whose state a process shares
/// (defined with the graph model, which renames it inside subgraphs).
pub use crate::graph::SHARED_STATE_KEY;

/// For each process, the process whose state it holds: itself, or the end
/// of the chain of [`SHARED_STATE_KEY`] references from it.
///
/// # Errors
/// [`NetworkError::Instantiate`] when the value is not a string, names no
/// process of the graph, or the references form a cycle.
pub(crate) fn state_owners(processes: &[PlannedProcess]) -> Result<Vec<usize>, NetworkError> {
    let fail = |p: &PlannedProcess, cause: String| NetworkError::Instantiate {
        process: p.name.clone(),
        component: p.component.clone(),
        cause,
    };
    let mut next: Vec<Option<usize>> = vec![None; processes.len()];
    for (i, p) in processes.iter().enumerate() {
        let Some(value) = p.config.get(SHARED_STATE_KEY) else { continue };
        let Json::String(name) = value else {
            return Err(fail(p, format!("metadata {SHARED_STATE_KEY:?} must be a process name, got {value}")));
        };
        let target = processes
            .iter()
            .position(|s| s.name == *name)
            .ok_or_else(|| fail(p, format!("metadata {SHARED_STATE_KEY:?} names no process: {name:?}")))?;
        if target != i {
            next[i] = Some(target);
        }
    }
    let mut owners = Vec::with_capacity(processes.len());
    for (i, p) in processes.iter().enumerate() {
        let mut root = i;
        let mut steps = 0;
        while let Some(n) = next[root] {
            root = n;
            steps += 1;
            if steps > processes.len() {
                return Err(fail(p, format!("metadata {SHARED_STATE_KEY:?} references form a cycle")));
            }
        }
        owners.push(root);
    }
    Ok(owners)
}

#[cfg(test)]
mod tests;
