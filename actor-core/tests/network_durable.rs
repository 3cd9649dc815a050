//! The durable-state hook: a `StateStore` restores states before the first
//! packet, saves them when the store says a checkpoint is due, and once more
//! after every process has ended.

use std::sync::Arc;

use actor_core::network::{Checkpoint, ProcessState, StateStore, StoreError};
use actor_core::rt::BoxFuture;
use actor_core::{Graph, Network, NetworkError, NetworkOptions, PortRef, PortSpec, Ports, Registry};
use parking_lot::Mutex;
use serde_json::{Value as Json, json};

/// One recorded save: its kind, and each state's process name and snapshot.
type Save = (Checkpoint, Vec<(String, Json)>);

/// A store in memory. `restore` writes `restored` into every state; each
/// save records `(kind, process name and state snapshot per state)`. The
/// test releases periodic checkpoints through `ticks`; `fail` makes saves fail.
#[derive(Debug)]
struct MemoryStore {
    restored: Json,
    saves: Mutex<Vec<Save>>,
    ticks: flume::Receiver<()>,
    fail: bool,
}

impl MemoryStore {
    fn new(restored: Json, fail: bool) -> (Arc<Self>, flume::Sender<()>) {
        let (tx, ticks) = flume::unbounded();
        (Arc::new(Self { restored, saves: Mutex::new(Vec::new()), ticks, fail }), tx)
    }

    fn saves(&self) -> Vec<Save> {
        self.saves.lock().clone()
    }
}

impl StateStore for MemoryStore {
    fn restore(&self, states: &[ProcessState]) -> Result<(), StoreError> {
        for s in states {
            s.state.restore(self.restored.clone()).map_err(|j| format!("not an object: {j}"))?;
        }
        Ok(())
    }

    fn save(&self, states: &[ProcessState], checkpoint: Checkpoint) -> BoxFuture<'static, Result<(), StoreError>> {
        let snapshot: Vec<(String, Json)> = states.iter().map(|s| (s.process.to_string(), s.state.snapshot())).collect();
        let result = if self.fail && checkpoint == Checkpoint::Periodic {
            Err("the disk is full".into())
        } else {
            self.saves.lock().push((checkpoint, snapshot));
            Ok(())
        };
        Box::pin(async move { result })
    }

    fn next_checkpoint(&self) -> BoxFuture<'static, ()> {
        let ticks = self.ticks.clone();
        Box::pin(async move {
            if ticks.recv_async().await.is_err() {
                std::future::pending::<()>().await;
            }
        })
    }
}

/// `t/Count`: adds each number on `in` to its state key `sum` and counts
/// the packets in `n`; in `finish`, sets `done` to true.
fn registry() -> Registry {
    let mut r = Registry::new();
    let ports = Ports::new().inport(PortSpec::new("in"));
    r.register_fn("t/Count", "sums into its state", ports, |ctx| {
        while let Some(v) = ctx.take_data("in") {
            let state = ctx.state();
            let x = v.as_i64().unwrap_or(0);
            state.update("sum", |s| json!(s.and_then(Json::as_i64).unwrap_or(0) + x));
            state.update("n", |s| json!(s.and_then(Json::as_i64).unwrap_or(0) + 1));
        }
        Ok(())
    });
    r
}

/// One `t/Count` process `c` fed by exported inport `IN`.
fn graph() -> Graph {
    let mut g = Graph::new();
    g.add_process("c", "t/Count");
    g.export_inport("IN", "c", "in");
    g
}

fn options(store: Arc<MemoryStore>) -> NetworkOptions {
    NetworkOptions { state_store: Some(store), ..NetworkOptions::default() }
}

#[tokio::test]
async fn states_are_restored_before_the_first_packet_and_continued() {
    let (store, _ticks) = MemoryStore::new(json!({"sum": 100, "n": 4}), false);
    let network = Network::new(&graph(), &registry(), options(store.clone())).unwrap();
    let state = network.state("c").unwrap();
    assert_eq!(state.get("sum"), Some(json!(100)), "restored when the network is built");
    let input = network.inport("IN").unwrap();
    let running = network.start().unwrap();
    input.send(5).await.unwrap();
    drop(input);
    running.wait().await.unwrap();
    assert_eq!((state.get("sum"), state.get("n")), (Some(json!(105)), Some(json!(5))));
    assert_eq!(store.saves(), vec![(Checkpoint::Final, vec![("c".to_string(), json!({"sum": 105, "n": 5}))])]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_periodic_checkpoint_holds_the_state_at_the_time_it_was_due() {
    let (store, ticks) = MemoryStore::new(json!({}), false);
    let network = Network::new(&graph(), &registry(), options(store.clone())).unwrap();
    let input = network.inport("IN").unwrap();
    let running = network.start().unwrap();
    for x in 1..=10 {
        input.send(x).await.unwrap();
    }
    let state = running.handle().state("c").unwrap();
    // Bounded wait for the ten packets to be handled.
    for _ in 0..1000 {
        if state.get("n") == Some(json!(10)) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    ticks.send(()).unwrap();
    for _ in 0..1000 {
        if !store.saves().is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    input.send(1000).await.unwrap();
    drop(input);
    running.wait().await.unwrap();
    let saves = store.saves();
    assert_eq!(saves.len(), 2, "{saves:?}");
    assert_eq!(saves[0], (Checkpoint::Periodic, vec![("c".to_string(), json!({"sum": 55, "n": 10}))]));
    assert_eq!(saves[1], (Checkpoint::Final, vec![("c".to_string(), json!({"sum": 1055, "n": 11}))]));
}

#[tokio::test]
async fn a_failing_periodic_checkpoint_stops_the_network_with_an_error() {
    let (store, ticks) = MemoryStore::new(json!({}), true);
    let network = Network::new(&graph(), &registry(), options(store.clone())).unwrap();
    let input = network.inport("IN").unwrap(); // kept open: only the failure can end the run
    let running = network.start().unwrap();
    ticks.send(()).unwrap();
    let err = running.wait().await.unwrap_err();
    assert!(matches!(err, NetworkError::StateStore(_)), "{err:?}");
    assert_eq!(err.to_string(), "durable state: the disk is full");
    drop(input);
}

#[tokio::test]
async fn a_shared_state_is_saved_once_under_its_owner() {
    let mut g = graph();
    g.add_process("reader", "t/Count");
    g.processes.get_mut("reader").unwrap().metadata =
        Some([("state".to_string(), json!("c"))].into_iter().collect());
    g.add_iip(json!(7), PortRef::new("reader", "in"));
    let (store, _ticks) = MemoryStore::new(json!({}), false);
    let network = Network::new(&g, &registry(), options(store.clone())).unwrap();
    drop(network.inport("IN").unwrap());
    network.run().await.unwrap();
    let saves = store.saves();
    assert_eq!(saves, vec![(Checkpoint::Final, vec![("c".to_string(), json!({"sum": 7, "n": 1}))])]);
}

#[tokio::test]
async fn a_store_that_cannot_restore_fails_the_build() {
    let (store, _ticks) = MemoryStore::new(json!("not an object"), false);
    let err = Network::new(&graph(), &registry(), options(store)).unwrap_err();
    assert_eq!(err.to_string(), "durable state: not an object: \"not an object\"");
}
