//! How to build and run a network.

use std::fmt;
use std::sync::Arc;

use super::StateStore;
use crate::port::DEFAULT_CAPACITY;
use crate::rt::Executor;
use crate::wire::EdgeObserver;

/// How to build and run a network.
#[derive(Clone)]
pub struct NetworkOptions {
    /// The capacity of each connection, in packets (see [`DEFAULT_CAPACITY`]).
    /// Must be at least 1.
    pub capacity: usize,
    /// Where to spawn process tasks; `None` means the current tokio runtime
    /// (native targets). Required on `wasm32`.
    pub executor: Option<Arc<dyn Executor>>,
    /// Receives the packets sent on watched connections (see
    /// [`EdgeObserver`] and
    /// [`NetworkHandle::watch_edges`](super::NetworkHandle::watch_edges));
    /// `None` by default.
    pub observer: Option<Arc<dyn EdgeObserver>>,
    /// Where the process states are restored from before the run and saved
    /// at checkpoints during it and at its end (see [`StateStore`] and
    /// `actor-store`); `None` (the default) keeps states in memory only.
    pub state_store: Option<Arc<dyn StateStore>>,
}

impl Default for NetworkOptions {
    fn default() -> Self {
        Self { capacity: DEFAULT_CAPACITY, executor: None, observer: None, state_store: None }
    }
}

impl fmt::Debug for NetworkOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NetworkOptions")
            .field("capacity", &self.capacity)
            .field("executor", &self.executor)
            .field("observer", &self.observer.is_some())
            .field("state_store", &self.state_store)
            .finish()
    }
}
