//! The connected clients and their outgoing queues.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use crate::protocol::Outgoing;

/// The most messages that may wait for one client. A client that lets
/// more pile up (it stopped reading) is dropped rather than let the
/// runtime's memory grow.
pub const CLIENT_QUEUE: usize = 4096;

/// Identifies a connected client.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ClientId(u64);

struct Client {
    tx: flume::Sender<Arc<str>>,
    /// Graphs whose `actorflow:stats` this client asked for.
    stats: BTreeSet<String>,
}

/// Every connected client.
#[derive(Default)]
pub(crate) struct Clients {
    next: u64,
    map: BTreeMap<ClientId, Client>,
}

impl Clients {
    /// Adds a client; returns its id, its queue, and whether it is the only one.
    pub(crate) fn add(&mut self) -> (ClientId, flume::Receiver<Arc<str>>, bool) {
        let id = ClientId(self.next);
        self.next += 1;
        let (tx, rx) = flume::bounded(CLIENT_QUEUE);
        self.map.insert(id, Client { tx, stats: BTreeSet::new() });
        (id, rx, self.map.len() == 1)
    }

    /// Removes a client (if it is still there).
    pub(crate) fn remove(&mut self, id: ClientId) {
        self.map.remove(&id);
    }

    /// How many clients are connected.
    pub(crate) fn len(&self) -> usize {
        self.map.len()
    }

    /// Sends `msg` to one client.
    pub(crate) fn send(&mut self, id: ClientId, msg: &Outgoing) {
        let text: Arc<str> = msg.to_text().into();
        self.push(id, text);
    }

    /// Sends `msg` to every client. `requester`, when given, gets its copy
    /// with `responseTo` set to its request id.
    pub(crate) fn broadcast(&mut self, msg: &Outgoing, requester: Option<(ClientId, Option<String>)>) {
        let text: Arc<str> = msg.to_text().into();
        let ids: Vec<ClientId> = self.map.keys().copied().collect();
        for id in ids {
            match &requester {
                Some((r, Some(request_id))) if *r == id => {
                    let mut own = msg.clone();
                    own.response_to = Some(request_id.clone());
                    self.send(id, &own);
                }
                _ => self.push(id, text.clone()),
            }
        }
    }

    /// Sends the message `make` builds to the clients that asked for the
    /// stats of `graph`; builds nothing when none did.
    pub(crate) fn send_stats(&mut self, graph: &str, make: impl FnOnce() -> Outgoing) {
        let ids: Vec<ClientId> = self.map.iter().filter(|(_, c)| c.stats.contains(graph)).map(|(id, _)| *id).collect();
        if ids.is_empty() {
            return;
        }
        let text: Arc<str> = make().to_text().into();
        for id in ids {
            self.push(id, text.clone());
        }
    }

    /// Starts or stops sending the stats of `graph` to `id`.
    pub(crate) fn set_stats(&mut self, id: ClientId, graph: &str, on: bool) {
        if let Some(c) = self.map.get_mut(&id) {
            if on {
                c.stats.insert(graph.to_string());
            } else {
                c.stats.remove(graph);
            }
        }
    }

    fn push(&mut self, id: ClientId, text: Arc<str>) {
        let Some(c) = self.map.get(&id) else { return };
        if let Err(flume::TrySendError::Full(_)) = c.tx.try_send(text) {
            tracing::warn!(?id, "client dropped: more than {CLIENT_QUEUE} messages waiting");
            self.map.remove(&id);
        }
    }
}
