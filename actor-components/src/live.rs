//! Live-state components: processes whose state is reactive and whose
//! outputs are sent by [`Repeater`](actor_core::Repeater)s as the state changes.
//!
//! | component | what it does |
//! |---|---|
//! | `live/RunningMax` | keeps the running maximum of a field per group in hot fields; sends each new maximum |

mod running_max;
#[cfg(test)]
mod tests;

pub use running_max::RunningMax;

use actor_core::Registry;

pub(super) fn register(r: &mut Registry) {
    r.register(
        "live/RunningMax",
        "Keeps the running maximum of a field per group in hot state fields and sends each new maximum",
        |_| Ok(RunningMax::default()),
    );
}
