//! The periodic checkpoints of one run, and its final checkpoint.

use std::future::poll_fn;
use std::pin::pin;
use std::sync::Arc;
use std::task::Poll;

use super::{Checkpoint, ProcessState, StateStore, StoreError};
use crate::network::NetworkHandle;
use crate::rt::Executor;

/// Runs a network's periodic checkpoints in a task of their own, and takes
/// the final one when asked.
pub(crate) struct Checkpointer {
    store: Arc<dyn StateStore>,
    states: Arc<[ProcessState]>,
    /// Dropped to end the periodic task.
    end: flume::Sender<()>,
    /// What the periodic task reports when it ends: the error that stopped it, if any.
    ended: flume::Receiver<Option<StoreError>>,
}

impl std::fmt::Debug for Checkpointer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Checkpointer").field("store", &self.store).field("states", &self.states.len()).finish()
    }
}

impl Checkpointer {
    /// Spawns the periodic checkpoints of a network on `executor`. A save
    /// that fails stops the network through `handle`.
    pub(crate) fn start(
        store: Arc<dyn StateStore>,
        states: Arc<[ProcessState]>,
        handle: NetworkHandle,
        executor: &dyn Executor,
    ) -> Self {
        let (end, end_rx) = flume::bounded::<()>(1);
        let (ended_tx, ended) = flume::bounded(1);
        let (task_store, task_states) = (store.clone(), states.clone());
        executor.spawn(Box::pin(async move {
            let error = periodic(&*task_store, &task_states, end_rx).await;
            if error.is_some() {
                handle.stop();
            }
            let _ = ended_tx.send(error);
        }));
        Self { store, states, end, ended }
    }

    /// Ends the periodic checkpoints, waits for a save in progress, and
    /// takes the final checkpoint.
    ///
    /// # Errors
    /// The error of a periodic save that failed (it stopped the network),
    /// else the final save's.
    pub(crate) async fn finish(self) -> Result<(), StoreError> {
        drop(self.end);
        let periodic = self.ended.recv_async().await.ok().flatten();
        let last = self.store.save(&self.states, Checkpoint::Final).await;
        match periodic {
            Some(e) => Err(e),
            None => last,
        }
    }
}

/// Saves a checkpoint each time the store says one is due, until `end`
/// closes (checked between saves, never during one). Returns the first
/// save error.
async fn periodic(store: &dyn StateStore, states: &[ProcessState], end: flume::Receiver<()>) -> Option<StoreError> {
    loop {
        let due = {
            let mut tick = pin!(store.next_checkpoint());
            let mut closed = pin!(end.recv_async());
            poll_fn(|cx| {
                if closed.as_mut().poll(cx).is_ready() {
                    return Poll::Ready(false);
                }
                tick.as_mut().poll(cx).map(|()| true)
            })
            .await
        };
        if !due {
            return None;
        }
        if let Err(e) = store.save(states, Checkpoint::Periodic).await {
            tracing::error!(error = %e, "periodic checkpoint failed; stopping the network");
            return Some(e);
        }
        tracing::debug!(target: "actorflow::checkpoint", processes = states.len(), "periodic checkpoint saved");
    }
}
