//! Durable state: saving the process states of a network to a store, and
//! restoring them before a run.
//!
//! See [`StateStore`] for when the core calls the store.

mod checkpointer;

use std::fmt;
use std::sync::Arc;

pub(super) use checkpointer::Checkpointer;

use crate::LiveMemoryState;
use crate::rt::{BoxFuture, MaybeSend, MaybeSync};

/// The error a [`StateStore`] returns: any error, boxed.
pub type StoreError = Box<dyn std::error::Error + Send + Sync + 'static>;

/// One process's state, as a [`StateStore`] sees it.
#[derive(Debug, Clone)]
pub struct ProcessState {
    /// The process name (unique in the graph).
    pub process: Arc<str>,
    /// Its component, such as `group/Aggregate`.
    pub component: String,
    /// The state itself: the same instance the process holds.
    pub state: LiveMemoryState,
}

/// Which checkpoint [`StateStore::save`] is asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Checkpoint {
    /// A periodic checkpoint, taken while the network runs.
    Periodic,
    /// The last checkpoint, taken once every process has ended.
    Final,
}

/// A durable store of process states. The implementation lives outside the
/// core (`actor-store` keeps states in a redb database).
///
/// A [`StateStore`] given in
/// [`NetworkOptions::state_store`](super::NetworkOptions::state_store) is
/// used at three moments:
///
/// 1. **Restore**, once, when the network is built
///    ([`Network::new`](super::Network::new) or
///    [`Network::from_plan`](super::Network::from_plan)), before any process
///    runs and so before the first packet: [`StateStore::restore`] may fill
///    each process's [`LiveMemoryState`]. A store opened to start afresh
///    restores nothing.
/// 2. **Periodic checkpoints**, while the network runs: whenever
///    [`StateStore::next_checkpoint`] resolves, [`StateStore::save`] saves
///    every state. The core has no clock, so the store decides when (a
///    timer of its own executor). Checkpoints never overlap: the next wait
///    begins when the previous save has returned.
/// 3. **The final checkpoint**, when every process has ended, however the
///    run ended (completed, stopped, failed), inside
///    [`RunningNetwork::wait`](super::RunningNetwork::wait), after any
///    periodic save in progress has returned.
///
/// A process that shares another's state (see
/// [`SHARED_STATE_KEY`](super::SHARED_STATE_KEY)) is saved and restored
/// once, under the name of the process owning the state.
///
/// What a checkpoint holds is the store's choice, through the state's public
/// API: `actor-store` saves each state's JSON map and its hot fields. The
/// processes are not paused: each state is read as it is at that moment,
/// packets in flight are not saved, and the states of different processes
/// are read one after another, not at one instant.
///
/// A periodic save that fails stops the network, and the run ends with
/// [`NetworkError::StateStore`](super::NetworkError::StateStore): a run that
/// promised durable state does not go on without it.
pub trait StateStore: MaybeSend + MaybeSync + fmt::Debug + 'static {
    /// Fills the states of a network being built, before any process runs,
    /// from what the store saved earlier. Called once; `states` lists every
    /// state once, in graph order.
    ///
    /// # Errors
    /// When the saved states cannot be read or do not fit the graph; the
    /// network is not built then
    /// ([`NetworkError::StateStore`](super::NetworkError::StateStore)).
    fn restore(&self, states: &[ProcessState]) -> Result<(), StoreError>;

    /// Saves every state in `states` as one checkpoint that replaces the
    /// previous one: all of it, or (when it fails) none of it.
    ///
    /// The store should read the states before it returns the future, so
    /// that the checkpoint holds the states as they were at the call; the
    /// future does the writing (on native targets, typically on a blocking
    /// thread).
    ///
    /// # Errors
    /// When the checkpoint could not be written; the previous one is kept.
    fn save(&self, states: &[ProcessState], checkpoint: Checkpoint) -> BoxFuture<'static, Result<(), StoreError>>;

    /// Resolves when the next periodic checkpoint is due, for example after
    /// a fixed interval. A store that wants only the final checkpoint
    /// returns a future that never resolves.
    fn next_checkpoint(&self) -> BoxFuture<'static, ()>;
}
