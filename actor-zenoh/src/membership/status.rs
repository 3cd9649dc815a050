//! A node's outcome, as published on its status key: the wire version
//! byte, then postcard.

use actor_core::network::ProcessFailure;
use serde::{Deserialize, Serialize};

use crate::wire::{WIRE_VERSION, WireError};

/// How a node's share of the run ended.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) enum Outcome {
    /// Every process of the node finished.
    Done,
    /// Processes failed: (process, component, cause) each.
    Failed(Vec<(String, String, String)>),
    /// The node stopped early, for the reason given.
    Stopped(String),
    /// The node stopped because processes of node `.0` failed: it relays
    /// the failures, so every node reports the same error whichever
    /// outcome reaches it first.
    RelayedFailure(String, Vec<(String, String, String)>),
    /// The node stopped because node `.0` was lost.
    RelayedLoss(String),
}

impl Outcome {
    pub(crate) fn failed(failures: &[ProcessFailure]) -> Self {
        Self::Failed(failures.iter().map(|f| (f.process.clone(), f.component.clone(), f.cause.clone())).collect())
    }

    pub(crate) fn failures(list: &[(String, String, String)]) -> Vec<ProcessFailure> {
        list.iter()
            .map(|(process, component, cause)| ProcessFailure {
                process: process.clone(),
                component: component.clone(),
                cause: cause.clone(),
            })
            .collect()
    }

    pub(crate) fn encode(&self) -> Vec<u8> {
        let mut out = vec![WIRE_VERSION];
        postcard::to_io(self, &mut out).expect("postcard writes any outcome to a Vec");
        out
    }

    pub(crate) fn decode(bytes: &[u8]) -> Result<Self, WireError> {
        let (&version, body) = bytes.split_first().ok_or(WireError::Empty)?;
        if version != WIRE_VERSION {
            return Err(WireError::Version { found: version });
        }
        match postcard::take_from_bytes(body) {
            Ok((o, [])) => Ok(o),
            Ok((_, rest)) => Err(WireError::Trailing(rest.len())),
            Err(e) => Err(WireError::Malformed(e.to_string())),
        }
    }
}
