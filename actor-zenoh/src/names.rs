//! Validated names: [`NodeName`] and [`RunId`]. Both become one chunk of
//! a Zenoh key expression, so both are restricted to the same characters.

use std::fmt;
use std::str::FromStr;

/// Why a node name or run id was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{what} {text:?} is not valid: use 1 to 64 characters from A-Z, a-z, 0-9, '-' and '_'")]
pub struct NameError {
    /// `node name` or `run id`.
    pub what: &'static str,
    /// The text refused.
    pub text: String,
}

fn check(what: &'static str, text: &str) -> Result<(), NameError> {
    let ok = (1..=64).contains(&text.len())
        && text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if ok { Ok(()) } else { Err(NameError { what, text: text.to_string() }) }
}

macro_rules! name_type {
    ($(#[$doc:meta])* $name:ident, $what:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(String);

        impl $name {
            /// The name as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl FromStr for $name {
            type Err = NameError;
            fn from_str(s: &str) -> Result<Self, NameError> {
                check($what, s).map(|()| Self(s.to_string()))
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

name_type!(
    /// The name of a node: one machine's (or one OS process's) share of a
    /// graph, given in process metadata as `node` and on the command line
    /// as `--node`. A process without `node` is on [`NodeName::main`].
    NodeName,
    "node name"
);

name_type!(
    /// The id of one distributed run. Key expressions start with
    /// `actorflow/<run id>/`, so two runs with different ids on one Zenoh
    /// network never exchange packets. The default is [`RunId::default`],
    /// `default`.
    RunId,
    "run id"
);

impl NodeName {
    /// `main`, the node of every process without `node` metadata.
    pub fn main() -> Self {
        Self("main".to_string())
    }
}

impl Default for RunId {
    fn default() -> Self {
        Self("default".to_string())
    }
}
