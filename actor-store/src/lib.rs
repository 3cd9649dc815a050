//! # actor-store
//!
//! Durable process state for actorflow: a [`StateStore`] that keeps the
//! last checkpoint of a network's process states in a state directory, in
//! a [redb](https://www.redb.org) database (`DIR/state.redb`). redb is an
//! embedded key-value store whose write transactions are atomic and
//! durable (copy-on-write B-trees, checksummed, committed with an fsync),
//! so a crash at any moment leaves the previous checkpoint or the new one,
//! never a mix.
//!
//! `actorflow run GRAPH --state-dir DIR [--resume] [--checkpoint-interval 5s]`
//! uses it; a program embedding `actor-core` passes a [`RedbStore`] in
//! [`NetworkOptions::state_store`](actor_core::NetworkOptions::state_store).
//!
//! ## What a checkpoint holds
//!
//! One [`StateSnapshot`] per process state (a state shared by several
//! processes is saved once, under its owner): the process's component, its
//! [`LiveMemoryState`](actor_core::LiveMemoryState)'s JSON map (keys in
//! insertion order) and its hot fields (names in slot order, `f64` values
//! kept exactly, NaN and infinities included); plus a [`CheckpointInfo`]:
//! its number, its kind and when it was taken. Only the states are saved:
//! not the packets in flight, not the queues, not what an actor keeps in
//! its own fields. A component that should resume keeps its progress in
//! its state (as `group/Aggregate` and `live/RunningMax` do).
//!
//! ## When a checkpoint is taken
//!
//! - every `interval` ([`DEFAULT_INTERVAL`], 5 s, unless told otherwise)
//!   while the network runs, measured from the end of the previous save;
//! - once more when every process has ended, however the run ended
//!   (completed, stopped by Ctrl-C, failed).
//!
//! The processes are not paused: each state is read as it is at that
//! moment (the map under its lock, in one piece). So after `kill -9`,
//! `--resume` restores the states of the last checkpoint: at most one
//! interval (plus the time of one save) older than the moment of the kill,
//! and never a partial checkpoint.
//!
//! ## Restoring
//!
//! With [`Start::Resume`], each saved snapshot is written into the state of
//! the process of the same name when the network is built, before the
//! first packet: the hot fields are declared (so an actor declaring the
//! same list finds them, values included), then the map is set. Resuming a
//! graph whose processes differ from the saved ones (a saved process
//! missing, or of another component) is an error. With [`Start::Fresh`],
//! the directory's saved states are forgotten when it is opened.
//!
//! ## Example
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use std::sync::Arc;
//! use actor_core::{Graph, Network, NetworkOptions, PortRef};
//! use actor_store::{RedbStore, Start, DEFAULT_INTERVAL};
//! let dir = tempfile::tempdir()?;
//! let mut graph = Graph::new();
//! graph.add_process("agg", "group/Aggregate");
//! graph.add_iip(serde_json::json!({"x": 2}), PortRef::new("agg", "in"));
//! graph.add_iip(serde_json::json!("x"), PortRef::new("agg", "fields"));
//!
//! let store = RedbStore::open(dir.path(), Start::Fresh, DEFAULT_INTERVAL)?;
//! let options = NetworkOptions { state_store: Some(Arc::new(store)), ..NetworkOptions::default() };
//! Network::new(&graph, &actor_components::standard(), options)?.run().await?;
//!
//! // The next run continues from the saved aggregates.
//! let store = RedbStore::open(dir.path(), Start::Resume, DEFAULT_INTERVAL)?;
//! let options = NetworkOptions { state_store: Some(Arc::new(store)), ..NetworkOptions::default() };
//! let network = Network::new(&graph, &actor_components::standard(), options)?;
//! assert_eq!(network.state("agg").unwrap().get("null").unwrap()["count"], 1);
//! # Ok(()) }
//! ```
//!
//! Periodic checkpoints sleep with `tokio::time`, and saves run on tokio's
//! blocking threads: run the network on a tokio runtime with timers enabled.

mod error;
mod snapshot;
mod store;

pub use error::StoreError;
pub use snapshot::{FORMAT, StateSnapshot};
pub use store::{DATABASE_FILE, DEFAULT_INTERVAL, RedbStore, Start};

pub use actor_core::network::StateStore;

/// The description of a saved checkpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckpointInfo {
    /// Its number: 0 for the empty record a fresh run starts with, then 1,
    /// 2, ... for each checkpoint of the run.
    pub seq: u64,
    /// `started`, `periodic` or `final`.
    pub kind: String,
    /// When it was taken, in milliseconds since the Unix epoch.
    pub unix_ms: u64,
    /// How many process states it holds.
    pub processes: usize,
}

#[cfg(test)]
mod tests;
