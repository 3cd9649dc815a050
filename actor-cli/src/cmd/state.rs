//! `actorflow state show DIR`: prints what a state directory holds.

use std::path::PathBuf;

use actor_store::{RedbStore, Start};
use clap::Subcommand;
use serde_json::{Map, Value as Json, json};

use crate::stdio::{self, Outcome};

/// `actorflow state ...`
#[derive(Debug, Subcommand)]
pub enum StateCommand {
    /// Print the last checkpoint saved in a state directory (`run
    /// --state-dir DIR`) as JSON: its number, kind (periodic or final) and
    /// time, and each process's component, JSON map and hot fields.
    Show {
        /// The state directory.
        dir: PathBuf,
    },
}

pub(crate) fn run(command: &StateCommand) -> Outcome {
    let StateCommand::Show { dir } = command;
    match show(dir) {
        Ok(text) => {
            stdio::out(&format!("{text}\n"))?;
            Ok(crate::EXIT_OK)
        }
        Err(message) => stdio::fail(crate::EXIT_INVALID, &format!("error: {message}")),
    }
}

/// The JSON text shown for `dir`. Opening it as a resume does not change
/// it (nothing is written until a network runs).
fn show(dir: &std::path::Path) -> Result<String, String> {
    if !dir.join(actor_store::DATABASE_FILE).is_file() {
        return Err(format!("{}: no state directory here (no {})", dir.display(), actor_store::DATABASE_FILE));
    }
    let store = RedbStore::open(dir, Start::Resume, actor_store::DEFAULT_INTERVAL).map_err(|e| e.to_string())?;
    let info = store.checkpoint_info().map_err(|e| e.to_string())?;
    let mut processes = Map::new();
    for (name, snap) in store.snapshots().map_err(|e| e.to_string())? {
        let hot: Map<String, Json> = snap
            .hot
            .iter()
            .map(|(n, x)| (n.clone(), if x.is_finite() { json!(x) } else { json!(x.to_string()) }))
            .collect();
        processes.insert(name, json!({"component": snap.component, "values": snap.values, "hot": hot}));
    }
    let checkpoint = info.map(|i| json!({"seq": i.seq, "kind": i.kind, "unix_ms": i.unix_ms}));
    serde_json::to_string_pretty(&json!({"checkpoint": checkpoint, "processes": processes})).map_err(|e| e.to_string())
}
