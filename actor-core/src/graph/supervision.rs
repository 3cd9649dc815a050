//! What happens when a process fails: its [`FailurePolicy`], read from the
//! process metadata.
//!
//! Supervision is one-for-one, as in Erlang/OTP's supervisors
//! (<https://www.erlang.org/doc/system/sup_princ.html>): a failed process is
//! restarted on its own, the others go on. The metadata keys, in JSON or in
//! `.fbp` (`name(Component:restart=on_failure,max_restarts=5)`; `.fbp`
//! metadata values allow only letters, digits, `_` and `/`, so numbers are
//! whole there, and a JSON graph may give them as numbers or strings):
//!
//! | key | values | default |
//! |---|---|---|
//! | `restart` | `never`, or `on_failure` (also spelled `on-failure`) | `never` |
//! | `max_restarts` | restarts allowed within the window, a whole number | 3 |
//! | `restart_within` | the window, in seconds (greater than 0) | 60 |
//! | `restart_backoff_ms` | the delay before the first restart in the window, in milliseconds | 100 |
//! | `on_failure` | `stop`, or `finish_downstream` (also `finish-downstream`) | `stop` |
//!
//! A process whose failure is not restarted (because `restart=never`, or
//! because it already restarted `max_restarts` times within the last
//! `restart_within` seconds) fails the run. `on_failure` says what the
//! rest of the network does then: `stop` stops every process at once,
//! without their `finish` hooks, so no result is computed from truncated
//! input; `finish_downstream` closes the failed process's outports as if
//! its input had ended, so the processes downstream of it finish with what
//! they got (their `finish` hooks run) and the run still fails at the end.

use std::fmt;
use std::time::Duration;

use serde_json::Value as Json;

/// The metadata key of the restart policy (`never` or `on_failure`).
pub const RESTART_KEY: &str = "restart";
/// The metadata key of the most restarts allowed within the window.
pub const MAX_RESTARTS_KEY: &str = "max_restarts";
/// The metadata key of the window, in seconds.
pub const RESTART_WITHIN_KEY: &str = "restart_within";
/// The metadata key of the first restart delay, in milliseconds.
pub const RESTART_BACKOFF_KEY: &str = "restart_backoff_ms";
/// The metadata key of what the network does when the process fails for good.
pub const ON_FAILURE_KEY: &str = "on_failure";

/// The longest delay before a restart, whatever the backoff doubled to.
pub const MAX_BACKOFF: Duration = Duration::from_secs(10);

/// What happens when a process fails (see the [module docs](self)).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct FailurePolicy {
    /// Whether it is restarted.
    pub restart: Restart,
    /// What the network does when it fails and is not restarted.
    pub on_failure: OnFailure,
}

/// Whether a failed process is restarted.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum Restart {
    /// Never: its failure fails the run (the default).
    #[default]
    Never,
    /// With a fresh actor instance, at most `max_restarts` times within any
    /// `within`, each after a delay that doubles from `backoff`.
    OnFailure {
        /// Restarts allowed within the window (default 3).
        max_restarts: u32,
        /// The window (default 60 s).
        within: Duration,
        /// The delay before the first restart in the window (default 100 ms).
        backoff: Duration,
    },
}

/// What the network does when a process fails and is not restarted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OnFailure {
    /// Every process is stopped at once, without `finish` (the default).
    #[default]
    Stop,
    /// The failed process's outports close as if its input had ended, so
    /// the processes downstream finish normally; the run still fails.
    FinishDownstream,
}

impl Restart {
    /// The delay before the `n`th restart within the window (1-based):
    /// `backoff * 2^(n-1)`, at most [`MAX_BACKOFF`]. `Never` has none.
    pub fn backoff(&self, n: u32) -> Duration {
        match self {
            Restart::Never => Duration::ZERO,
            Restart::OnFailure { backoff, .. } => {
                let factor = 1u32.checked_shl(n.saturating_sub(1)).unwrap_or(u32::MAX);
                backoff.checked_mul(factor).unwrap_or(MAX_BACKOFF).min(MAX_BACKOFF)
            }
        }
    }
}

/// A metadata value that is not valid for its key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyError {
    /// The metadata key.
    pub key: &'static str,
    /// What is valid there.
    pub expected: &'static str,
    /// The value given, as JSON.
    pub got: String,
}

impl fmt::Display for PolicyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "metadata {}: expected {}, got {}", self.key, self.expected, self.got)
    }
}

impl std::error::Error for PolicyError {}

impl FailurePolicy {
    /// Whether `metadata` (a process's metadata object) writes any key of a
    /// failure policy, even one with its default value (`restart=never`).
    ///
    /// # Examples
    /// ```
    /// use actor_core::graph::FailurePolicy;
    /// assert!(FailurePolicy::is_written_in(&serde_json::json!({"restart": "never"})));
    /// assert!(!FailurePolicy::is_written_in(&serde_json::json!({"key": "word"})));
    /// assert!(!FailurePolicy::is_written_in(&serde_json::Value::Null));
    /// ```
    pub fn is_written_in(metadata: &Json) -> bool {
        [RESTART_KEY, MAX_RESTARTS_KEY, RESTART_WITHIN_KEY, RESTART_BACKOFF_KEY, ON_FAILURE_KEY].iter().any(|k| metadata.get(k).is_some())
    }

    /// Reads the policy from a process's metadata object (`null` or any
    /// non-object gives the defaults). Keys it does not know are left to
    /// the actor.
    ///
    /// # Errors
    /// [`PolicyError`] naming the first key whose value is not valid. The
    /// restart keys other than `restart` are checked even under
    /// `restart=never`, so a typo does not pass silently.
    pub fn from_metadata(metadata: &Json) -> Result<Self, PolicyError> {
        let get = |key| metadata.get(key);
        let max_restarts = match get(MAX_RESTARTS_KEY) {
            Some(v) => whole(v).and_then(|n| u32::try_from(n).ok()).ok_or_else(|| bad(MAX_RESTARTS_KEY, "a whole number", v))?,
            None => 3,
        };
        let within = match get(RESTART_WITHIN_KEY) {
            Some(v) => number(v)
                .filter(|s| *s > 0.0)
                .and_then(|s| Duration::try_from_secs_f64(s).ok())
                .ok_or_else(|| bad(RESTART_WITHIN_KEY, "a number of seconds greater than 0", v))?,
            None => Duration::from_secs(60),
        };
        let backoff = match get(RESTART_BACKOFF_KEY) {
            Some(v) => whole(v).map(Duration::from_millis).ok_or_else(|| bad(RESTART_BACKOFF_KEY, "a whole number of milliseconds", v))?,
            None => Duration::from_millis(100),
        };
        let restart = match get(RESTART_KEY) {
            None => Restart::Never,
            Some(v) => match v.as_str() {
                Some("never") => Restart::Never,
                Some("on_failure" | "on-failure") => Restart::OnFailure { max_restarts, within, backoff },
                _ => return Err(bad(RESTART_KEY, "\"never\" or \"on_failure\"", v)),
            },
        };
        let on_failure = match get(ON_FAILURE_KEY) {
            None => OnFailure::Stop,
            Some(v) => match v.as_str() {
                Some("stop") => OnFailure::Stop,
                Some("finish_downstream" | "finish-downstream") => OnFailure::FinishDownstream,
                _ => return Err(bad(ON_FAILURE_KEY, "\"stop\" or \"finish_downstream\"", v)),
            },
        };
        Ok(Self { restart, on_failure })
    }
}

fn bad(key: &'static str, expected: &'static str, got: &Json) -> PolicyError {
    PolicyError { key, expected, got: got.to_string() }
}

/// A JSON number, or a string holding one (`.fbp` metadata values are strings).
fn number(v: &Json) -> Option<f64> {
    match v {
        Json::Number(n) => n.as_f64(),
        Json::String(s) => s.trim().parse::<f64>().ok().filter(|x| x.is_finite()),
        _ => None,
    }
}

/// A whole, non-negative number, given as a number or a string.
fn whole(v: &Json) -> Option<u64> {
    match v {
        Json::Number(n) => n.as_u64(),
        Json::String(s) => s.trim().parse::<u64>().ok(),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
