//! Rust components that JavaScript graphs use next to JS actors.
//!
//! Both read the state key to work on from their config (`key`, default
//! `"count"`); combine them with the `state` metadata key (see
//! [`actor_core::network::SHARED_STATE_KEY`]) to work on a JS process's state:
//!
//! ```text
//! js(js/Counter) OUT -> IN rust(rust/ReadState:state=js)
//! ```
//!
//! | Component | Inports | Outports | Does |
//! |---|---|---|---|
//! | `rust/Increment` | `in` | `out` | adds 1 to the number at `key` per packet, sends the new value |
//! | `rust/ReadState` | `in` | `out` | per packet, sends the value at `key` (or at the key the packet names) |
//! | `rust/RunningMax` | `in` | `max` | keeps `count` and `max` in hot fields; a repeater forwards each change of `max` |

mod increment;
mod read_state;
mod running_max;

pub use increment::Increment;
pub use read_state::ReadState;
pub use running_max::{RUNNING_MAX_FIELDS, RunningMax};

use actor_core::Registry;
use serde_json::Value as Json;

/// The state key used when a config names none.
pub const DEFAULT_KEY: &str = "count";

/// Registers every component of this module in `registry`.
pub fn register_all(registry: &mut Registry) {
    registry.register("rust/Increment", "Adds 1 to a state number per packet and sends it", Increment::from_config);
    registry.register("rust/ReadState", "Sends the value of a state key per packet", ReadState::from_config);
    registry.register(
        "rust/RunningMax",
        "Keeps the running maximum in hot fields; a repeater sends each new maximum",
        RunningMax::from_config,
    );
}

/// The `key` field of a config, or [`DEFAULT_KEY`].
///
/// # Errors
/// When `key` is present and not a string.
fn key_from_config(config: &Json) -> Result<String, actor_core::ActorError> {
    match config.get("key") {
        None | Some(Json::Null) => Ok(DEFAULT_KEY.to_string()),
        Some(Json::String(key)) => Ok(key.clone()),
        Some(other) => Err(format!("config key must be a string, got {other}").into()),
    }
}

#[cfg(test)]
mod tests;
