//! Who is in a run: liveliness tokens, graph hashes and outcomes.
//!
//! Each node declares a Zenoh liveliness token
//! `actorflow/<run>/alive/<node>/<hash>/<zid>` and watches every token of
//! the run (two tokens of one node from two sessions: it was started twice). Zenoh withdraws a token when its session ends, including when the
//! process is killed (the TCP link closes) or cut off (the session's lease
//! expires). Each node also publishes its [`Outcome`] once, on
//! `actorflow/<run>/status/<node>`. A node whose token goes away before it
//! published an outcome is lost ([`DistributedError::NodeLost`]), after a
//! short grace period in which its outcome may still arrive.

mod status;

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use tokio::time::Instant;
use zenoh::Session;
use zenoh::liveliness::LivelinessToken;
use zenoh::pubsub::{Publisher, Subscriber};
use zenoh::qos::CongestionControl;
use zenoh::sample::SampleKind;

pub(crate) use status::Outcome;

use crate::error::DistributedError;
use crate::keys;
use crate::names::{NodeName, RunId};

/// How long a node whose token went away may still have its outcome arrive.
const GRACE: Duration = Duration::from_millis(1000);

enum Event {
    Alive { key: String, present: bool },
    Status { key: String, payload: Vec<u8> },
}

/// One node's view of the run's members.
pub(crate) struct Membership {
    run: RunId,
    me: NodeName,
    hash: String,
    nodes: BTreeSet<NodeName>,
    events: flume::Receiver<Event>,
    _alive_subscriber: Subscriber<()>,
    _status_subscriber: Subscriber<()>,
    _token: LivelinessToken,
    status_publisher: Publisher<'static>,
    /// The Zenoh session ids of each node's live tokens (more than one:
    /// the node was started twice).
    alive: BTreeMap<NodeName, BTreeSet<String>>,
    outcomes: BTreeMap<NodeName, Outcome>,
    /// Nodes whose token went away with no outcome yet, and until when
    /// their outcome may still arrive.
    leaving: BTreeMap<NodeName, Instant>,
    /// A problem found while applying an event (another graph, a stranger).
    fatal: Option<DistributedError>,
}

impl std::fmt::Debug for Membership {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Membership").field("me", &self.me).field("alive", &self.alive.keys()).finish_non_exhaustive()
    }
}

impl Membership {
    /// Subscribes to the run's tokens and outcomes, then declares this
    /// node's token (so whoever sees the token can reach the subscribers).
    pub(crate) async fn declare(
        session: &Session,
        run: &RunId,
        me: &NodeName,
        nodes: BTreeSet<NodeName>,
        hash: &str,
    ) -> Result<Self, DistributedError> {
        let (tx, events) = flume::unbounded();
        let status_tx = tx.clone();
        let status_subscriber = session
            .declare_subscriber(keys::status_all(run))
            .callback(move |sample| {
                let _ = status_tx.send(Event::Status {
                    key: sample.key_expr().as_str().to_string(),
                    payload: sample.payload().to_bytes().into_owned(),
                });
            })
            .await?;
        let status_publisher =
            session.declare_publisher(keys::status(run, me)).congestion_control(CongestionControl::Block).await?;
        let alive_subscriber = session
            .liveliness()
            .declare_subscriber(keys::alive_all(run))
            .history(true)
            .callback(move |sample| {
                let _ = tx.send(Event::Alive {
                    key: sample.key_expr().as_str().to_string(),
                    present: sample.kind() == SampleKind::Put,
                });
            })
            .await?;
        let zid = session.zid().to_string();
        let token = session.liveliness().declare_token(keys::alive(run, me, hash, &zid)).await?;
        Ok(Self {
            run: run.clone(),
            me: me.clone(),
            hash: hash.to_string(),
            nodes,
            events,
            _alive_subscriber: alive_subscriber,
            _status_subscriber: status_subscriber,
            _token: token,
            status_publisher,
            alive: BTreeMap::new(),
            outcomes: BTreeMap::new(),
            leaving: BTreeMap::new(),
            fatal: None,
        })
    }

    fn apply(&mut self, event: Event) {
        match event {
            Event::Alive { key, present } => {
                let Some((node, hash, zid)) = keys::parse_alive(&self.run, &key) else { return };
                let Ok(node) = node.parse::<NodeName>() else { return };
                if !self.nodes.contains(&node) {
                    self.fatal.get_or_insert(DistributedError::StrangerNode {
                        node: node.to_string(),
                        run: self.run.to_string(),
                        known: self.nodes.iter().map(NodeName::as_str).collect::<Vec<_>>().join(", "),
                    });
                } else if hash != self.hash {
                    if present {
                        self.fatal.get_or_insert(DistributedError::GraphMismatch {
                            node: node.to_string(),
                            theirs: hash.to_string(),
                            ours: self.hash.clone(),
                        });
                    }
                } else if present {
                    self.leaving.remove(&node);
                    let sessions = self.alive.entry(node.clone()).or_default();
                    sessions.insert(zid.to_string());
                    if sessions.len() > 1 {
                        self.fatal.get_or_insert(DistributedError::DuplicateNode { node, run: self.run.to_string() });
                    }
                } else {
                    let sessions = self.alive.entry(node.clone()).or_default();
                    sessions.remove(zid);
                    if sessions.is_empty() {
                        self.alive.remove(&node);
                    }
                    if !self.alive.contains_key(&node) && node != self.me && !self.outcomes.contains_key(&node) {
                        self.leaving.insert(node, Instant::now() + GRACE);
                    }
                }
            }
            Event::Status { key, payload } => {
                let Some(node) = keys::parse_status(&self.run, &key).and_then(|n| n.parse::<NodeName>().ok()) else {
                    return;
                };
                if node == self.me || !self.nodes.contains(&node) {
                    return;
                }
                match Outcome::decode(&payload) {
                    Ok(outcome) => {
                        self.leaving.remove(&node);
                        self.outcomes.insert(node, outcome);
                    }
                    Err(e) => tracing::warn!(%node, error = %e, "unreadable outcome"),
                }
            }
        }
    }

    /// Waits for the next event until `deadline`, and applies it.
    /// Returns `false` on timeout.
    async fn step(&mut self, deadline: Option<Instant>) -> bool {
        let next = self.events.recv_async();
        let event = match deadline {
            Some(d) => match tokio::time::timeout_at(d, next).await {
                Ok(e) => e,
                Err(_) => return false,
            },
            None => next.await,
        };
        match event {
            Ok(e) => self.apply(e),
            // The subscribers live as long as `self`; the channel cannot close.
            Err(_) => std::future::pending::<()>().await,
        }
        // Apply whatever else has arrived, so that a decision sees every
        // token already known (a node's second session, say).
        while let Ok(e) = self.events.try_recv() {
            self.apply(e);
        }
        true
    }

    /// The first problem known, most telling first: another graph or a
    /// stranger; a process failure (reported or relayed); a lost node
    /// (past its grace period, or relayed); another node's early stop.
    fn problem(&mut self) -> Option<DistributedError> {
        if let Some(e) = self.fatal.take() {
            return Some(e);
        }
        let failure = self.outcomes.iter().find_map(|(node, outcome)| match outcome {
            Outcome::Failed(list) => Some((node.clone(), list)),
            Outcome::RelayedFailure(origin, list) => origin.parse().ok().map(|origin| (origin, list)),
            _ => None,
        });
        if let Some((node, list)) = failure {
            return Some(DistributedError::RemoteFailed { node, failures: Outcome::failures(list) });
        }
        let now = Instant::now();
        let lost = self.leaving.iter().find(|(_, until)| **until <= now).map(|(n, _)| n.clone());
        let relayed = || {
            self.outcomes.values().find_map(|o| match o {
                Outcome::RelayedLoss(node) => node.parse().ok(),
                _ => None,
            })
        };
        if let Some(node) = lost.or_else(relayed) {
            return Some(DistributedError::NodeLost { node });
        }
        self.outcomes.iter().find_map(|(node, outcome)| match outcome {
            Outcome::Stopped(cause) => Some(DistributedError::RemoteStopped { node: node.clone(), cause: cause.clone() }),
            _ => None,
        })
    }

    fn next_deadline(&self) -> Option<Instant> {
        self.leaving.values().min().copied()
    }

    /// Waits until every node of the graph has its token up with this
    /// node's graph hash. Calls `waiting` once with the missing nodes if
    /// they are not all there after a second.
    ///
    /// # Errors
    /// Another graph or a stranger node, a node lost, or `timeout` passed.
    pub(crate) async fn join(
        &mut self,
        timeout: Duration,
        mut waiting: impl FnMut(&[NodeName]),
    ) -> Result<(), DistributedError> {
        let start = Instant::now();
        let give_up = start + timeout;
        let mut told = false;
        loop {
            if let Some(p) = self.problem() {
                return Err(p);
            }
            let missing: Vec<NodeName> = self.nodes.iter().filter(|n| !self.alive.contains_key(*n)).cloned().collect();
            if missing.is_empty() {
                return Ok(());
            }
            let now = Instant::now();
            if now >= give_up {
                return Err(DistributedError::JoinTimeout {
                    missing,
                    run: self.run.to_string(),
                    seconds: timeout.as_secs(),
                });
            }
            let tell_at = start + Duration::from_secs(1);
            if !told && now >= tell_at {
                waiting(&missing);
                told = true;
            }
            let mut deadline = give_up;
            if !told {
                deadline = deadline.min(tell_at);
            }
            if let Some(d) = self.next_deadline() {
                deadline = deadline.min(d);
            }
            self.step(Some(deadline)).await;
        }
    }

    /// Waits for the first problem of the run (see [`Self::problem`]).
    ///
    /// # Cancel safety
    /// Cancel safe: events are applied as they are taken.
    pub(crate) async fn next_problem(&mut self) -> DistributedError {
        loop {
            if let Some(p) = self.problem() {
                return p;
            }
            let deadline = self.next_deadline();
            self.step(deadline).await;
        }
    }

    /// Waits until every other node has reported [`Outcome::Done`].
    ///
    /// # Errors
    /// The first problem of the run, as [`Self::next_problem`].
    pub(crate) async fn barrier(&mut self) -> Result<(), DistributedError> {
        loop {
            if let Some(p) = self.problem() {
                return Err(p);
            }
            let done = self.nodes.iter().filter(|n| **n != self.me).all(|n| self.outcomes.get(n) == Some(&Outcome::Done));
            if done {
                return Ok(());
            }
            let deadline = self.next_deadline();
            self.step(deadline).await;
        }
    }

    /// Waits, at most `timeout`, until every other node has reported an
    /// outcome or left, so that this node's outcome reached them before
    /// its session closes.
    pub(crate) async fn linger(&mut self, timeout: Duration) {
        let until = Instant::now() + timeout;
        loop {
            let settled = self
                .nodes
                .iter()
                .filter(|n| **n != self.me)
                .all(|n| self.outcomes.contains_key(n) || !self.alive.contains_key(n));
            if settled || !self.step(Some(until)).await {
                return;
            }
        }
    }

    /// Publishes that this node stopped because of `problem`, relaying a
    /// failure or a loss as it is.
    pub(crate) async fn publish_stop(&self, problem: &DistributedError) -> Result<(), DistributedError> {
        let outcome = match problem {
            DistributedError::RemoteFailed { node, failures } => {
                let Outcome::Failed(list) = Outcome::failed(failures) else { unreachable!() };
                Outcome::RelayedFailure(node.to_string(), list)
            }
            DistributedError::NodeLost { node } => Outcome::RelayedLoss(node.to_string()),
            other => Outcome::Stopped(other.to_string()),
        };
        self.publish(&outcome).await
    }

    /// Publishes this node's outcome.
    pub(crate) async fn publish(&self, outcome: &Outcome) -> Result<(), DistributedError> {
        self.status_publisher.put(outcome.encode()).await?;
        Ok(())
    }
}
