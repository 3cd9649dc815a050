//! Processes that share one [`LiveMemoryState`]: the `state` metadata key.
//!
//! By default every process gets a state of its own. A process whose
//! metadata has `"state": "<other process>"` (in `.fbp`,
//! `name(Component:state=other)`) holds the *same* state instance as that
//! other process instead, so, for example, a JS counter process and a Rust
//! process can read and write one state, each through its own handle.
//! References may chain (`a` uses `b`'s, `b` uses `c`'s); all of them then
//! share `c`'s state.

use super::NetworkError;
use super::build::ProcessSlot;
use serde_json::Value as Json;

/// The metadata key naming the process whose state a process shares.
pub const SHARED_STATE_KEY: &str = "state";

/// Makes every process whose config names another process under
/// [`SHARED_STATE_KEY`] hold that process's state.
///
/// # Errors
/// [`NetworkError::Instantiate`] when the value is not a string, names no
/// process of the graph, or the references form a cycle.
pub(crate) fn link_shared_states(slots: &mut [ProcessSlot]) -> Result<(), NetworkError> {
    let fail = |slot: &ProcessSlot, cause: String| NetworkError::Instantiate {
        process: slot.name.to_string(),
        component: slot.component.clone(),
        cause,
    };
    let mut owner: Vec<Option<usize>> = vec![None; slots.len()];
    for (i, slot) in slots.iter().enumerate() {
        let Some(value) = slot.config.get(SHARED_STATE_KEY) else { continue };
        let Json::String(name) = value else {
            return Err(fail(slot, format!("metadata {SHARED_STATE_KEY:?} must be a process name, got {value}")));
        };
        let target = slots
            .iter()
            .position(|s| &*s.name == name.as_str())
            .ok_or_else(|| fail(slot, format!("metadata {SHARED_STATE_KEY:?} names no process: {name:?}")))?;
        if target != i {
            owner[i] = Some(target);
        }
    }
    for i in 0..slots.len() {
        let mut root = i;
        let mut steps = 0;
        while let Some(next) = owner[root] {
            root = next;
            steps += 1;
            if steps > slots.len() {
                return Err(fail(&slots[i], format!("metadata {SHARED_STATE_KEY:?} references form a cycle")));
            }
        }
        if root != i {
            slots[i].state = slots[root].state.clone();
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
