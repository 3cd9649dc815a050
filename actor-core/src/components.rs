//! The standard components.
//!
//! | component | what it does |
//! |---|---|
//! | `core/Repeat` | forwards every packet from `in` to `out` |
//! | `live/RunningMax` | keeps the running maximum of a field per group in hot state fields; sends each new maximum |

pub mod core;
pub mod live;

use crate::Registry;

/// Registers every standard component in `registry`.
pub fn register_all(registry: &mut Registry) {
    core::register(registry);
    live::register(registry);
}
