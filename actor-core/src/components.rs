//! The standard components.
//!
//! | component | what it does |
//! |---|---|
//! | `core/Repeat` | forwards every packet from `in` to `out` |

pub mod core;

use crate::Registry;

/// Registers every standard component in `registry`.
pub fn register_all(registry: &mut Registry) {
    core::register(registry);
}
