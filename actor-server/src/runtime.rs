//! The runtime: graphs, their networks and the connected clients, driven
//! by fbp-protocol messages.
//!
//! A [`Runtime`] is transport-free: the WebSocket server
//! ([`crate::server`]) feeds it each text frame with
//! [`Runtime::handle_text`] and writes out what arrives on the client's
//! receiver. Tests can drive it the same way without a socket.
//!
//! - Graphs are actor-core [`Graph`]s, one per graph id, edited by the
//!   graph protocol and checked against the [`Registry`].
//! - `network:start` validates and builds a graph into an
//!   [`actor_core::Network`] and runs it; edits made while it runs apply at
//!   the next start.
//! - Every client sees the graph edits and the network events; replies
//!   that answer a request go to the requester only.
//!
//! # Per-edge data: what reaches a client (the rate policy)
//!
//! A network reports packets to the runtime through actor-core's
//! [`EdgeObserver`](actor_core::network::EdgeObserver), on the watched
//! connections only: every connection while a client is connected and no
//! `network:edges` selection is set, the selected ones otherwise, and none
//! while no client is connected (then per-edge data costs one relaxed
//! atomic load per packet in the core).
//!
//! On a watched connection the observer does one relaxed load per packet;
//! for at most [`SAMPLES_PER_FLUSH`] packets per connection in each
//! [`FLUSH_INTERVAL`] it also clones the packet (an `Arc` clone) into a
//! bounded queue, never waiting: a full queue drops the sample. A task
//! per run flushes every [`FLUSH_INTERVAL`]: it sends the samples as
//! `network:data`, `network:begingroup` and `network:endgroup` to every
//! client, in the order they were sent, and opens the next window. So a
//! 1,000,000-packet run sends a client at most 8 events per edge per 100
//! ms (80 per second per edge), whatever its speed; the packets between
//! samples are counted, not sent. The exact per-connection counts, the
//! busy processes and the run's state go, once per flush, to the clients
//! that asked for them with the actorflow extension `actorflow:stats`
//! (see [`EXTENSION_PROTOCOL`] and below); the live graph page uses them.
//!
//! IIPs are not connections of the running network: their data goes out
//! as `network:data` (`DATA -> IN b()`) once, right after `started`.
//!
//! # The actorflow extension: `actorflow:stats`
//!
//! A client sends `{"protocol": "actorflow", "command": "stats", "payload":
//! {"graph": ID, "enable": true}}` to receive, once per flush while the
//! network of `ID` runs, and once when it ends,
//! `{"protocol": "actorflow", "command": "stats", "payload": {"graph", "running",
//! "started", "uptime", "busy": [process], "sampled", "edges": [{"id", "src", "tgt", "packets"}]}}`:
//! `uptime` in seconds, `busy` the processes in an activation, `sampled`
//! how many packets were sampled (sent as events) so far, `packets` the exact count
//! per connection.
//! Clients that never ask never see an `actorflow` message, so clients that
//! validate every message against the fbp-protocol schemas are unaffected.
//!
//! # Locks
//!
//! `state` (graphs and networks) is always taken before `clients`,
//! never the other way round.

mod clients;
mod component;
mod graph;
mod network;
mod packet;

use std::sync::Arc;

use actor_core::{Graph, Registry};
use indexmap::IndexMap;
use parking_lot::Mutex;

pub use clients::{CLIENT_QUEUE, ClientId};
pub use network::{EXTENSION_PROTOCOL, FLUSH_INTERVAL, SAMPLES_PER_FLUSH};

use crate::protocol::{Incoming, Outgoing};
use clients::Clients;
use graph::GraphEntry;

/// How a [`Runtime`] behaves.
#[derive(Debug, Clone, Default)]
pub struct RuntimeOptions {
    /// The secret every message must carry, when set (compared with both
    /// the top-level `secret` and the legacy `payload.secret`).
    pub secret: Option<String>,
    /// A human label for `getruntime`.
    pub label: Option<String>,
}

/// The fbp-protocol runtime. Cloning is cheap (an `Arc`); every clone is
/// the same runtime.
#[derive(Clone)]
pub struct Runtime {
    shared: Arc<Shared>,
}

pub(crate) struct Shared {
    registry: Registry,
    options: RuntimeOptions,
    state: Mutex<State>,
    clients: Mutex<Clients>,
}

/// Graphs by id, and which one is the main graph.
#[derive(Default)]
pub(crate) struct State {
    graphs: IndexMap<String, GraphEntry>,
    main: Option<String>,
    /// Identifies network runs, so a run's task never touches a later run.
    next_run: u64,
}

impl std::fmt::Debug for Runtime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let state = self.shared.state.lock();
        f.debug_struct("Runtime")
            .field("graphs", &state.graphs.keys().collect::<Vec<_>>())
            .field("main", &state.main)
            .finish_non_exhaustive()
    }
}

/// Who sent the message being handled, and how to answer them.
pub(crate) struct Request<'a> {
    pub(crate) runtime: &'a Runtime,
    pub(crate) client: ClientId,
    pub(crate) request_id: Option<String>,
}

impl Request<'_> {
    /// Sends `msg` to the requester only, as the answer to its request.
    pub(crate) fn reply(&self, mut msg: Outgoing) {
        msg.response_to = self.request_id.clone();
        self.runtime.shared.clients.lock().send(self.client, &msg);
    }

    /// Sends `msg` to every client; the requester's copy answers its request.
    pub(crate) fn broadcast(&self, msg: Outgoing) {
        self.runtime.shared.clients.lock().broadcast(&msg, Some((self.client, self.request_id.clone())));
    }
}

impl Runtime {
    /// A runtime with the components of `registry` and no graphs.
    pub fn new(registry: Registry, options: RuntimeOptions) -> Self {
        Self {
            shared: Arc::new(Shared {
                registry,
                options,
                state: Mutex::new(State::default()),
                clients: Mutex::new(Clients::default()),
            }),
        }
    }

    /// Adds `graph` as graph `id` and makes it the main graph (what
    /// `getruntime` reports and the page shows).
    pub fn set_main_graph(&self, id: &str, graph: Graph) {
        let mut state = self.shared.state.lock();
        state.graphs.insert(id.to_string(), GraphEntry::new(id, graph, true));
        state.main = Some(id.to_string());
    }

    /// The id of the main graph, if there is one.
    pub fn main_graph(&self) -> Option<String> {
        self.shared.state.lock().main.clone()
    }

    /// A copy of graph `id` as it is now.
    pub fn graph(&self, id: &str) -> Option<Graph> {
        self.shared.state.lock().graphs.get(id).map(|e| e.graph.clone())
    }

    /// Whether the network of graph `id` is running.
    pub fn is_running(&self, id: &str) -> bool {
        self.shared.state.lock().graphs.get(id).and_then(|e| e.run.as_ref()).is_some_and(|r| r.is_running())
    }

    /// Registers a client. Messages for it arrive on the receiver, as JSON
    /// text, at most [`CLIENT_QUEUE`] waiting; a client that falls further
    /// behind is dropped (its receiver disconnects).
    pub fn connect(&self) -> (ClientId, flume::Receiver<Arc<str>>) {
        let state = self.shared.state.lock();
        let (id, rx, first) = self.shared.clients.lock().add();
        if first {
            network::watch_all(&state, true);
        }
        (id, rx)
    }

    /// Forgets a client. When the last one leaves, running networks stop
    /// reporting packets on their edges (so they run at full speed).
    pub fn disconnect(&self, client: ClientId) {
        let state = self.shared.state.lock();
        let mut clients = self.shared.clients.lock();
        clients.remove(client);
        if clients.len() == 0 {
            drop(clients);
            network::watch_all(&state, false);
        }
    }

    /// Handles one text message from `client`. Every answer, including
    /// errors for malformed messages, goes out through the clients' queues.
    pub fn handle_text(&self, client: ClientId, text: &str) {
        let msg = match Incoming::parse(text) {
            Ok(m) => m,
            Err(e) => {
                self.shared.clients.lock().send(client, &Outgoing::error("runtime", e.to_string()));
                return;
            }
        };
        let req = Request { runtime: self, client, request_id: msg.request_id.clone() };
        let protocol = known_protocol(&msg.protocol);
        if !self.secret_ok(&msg) {
            if protocol == Some("runtime") && msg.command == "getruntime" {
                // As noflo-runtime-base does: the runtime says what it is,
                // and that this client may do nothing.
                let mut info = self.runtime_info(&self.shared.state.lock());
                info.payload["capabilities"] = serde_json::json!([]);
                if let Some(p) = info.payload.as_object_mut() {
                    p.remove("graph");
                }
                req.reply(info);
            } else {
                req.reply(Outgoing::error(protocol.unwrap_or("runtime"), "invalid secret"));
            }
            return;
        }
        let Some(protocol) = protocol else {
            let text = format!(
                "unknown protocol {:?} (expected runtime, graph, component or network)",
                msg.protocol
            );
            req.reply(Outgoing::error("runtime", text));
            return;
        };
        let payload = msg.payload_without_secret();
        let mut state = self.shared.state.lock();
        let result = match protocol {
            "runtime" => self.runtime_command(&mut state, &req, &msg.command, payload),
            "graph" => graph::handle(&mut state, &self.shared.registry, &req, &msg.command, payload),
            "component" => component::handle(&state, &self.shared.registry, &req, &msg.command, payload),
            "network" => network::handle(&mut state, &self.shared.registry, &req, &msg.command, payload),
            _ => network::handle_extension(&state, &req, &msg.command, payload),
        };
        if let Err(message) = result {
            req.reply(Outgoing::error(protocol, message));
        }
    }

    /// Answers `client` with `runtime:error` carrying `message`, for a
    /// frame that is no message at all (a binary frame).
    pub fn reject(&self, client: ClientId, message: &str) {
        self.shared.clients.lock().send(client, &Outgoing::error("runtime", message));
    }

    fn runtime_command(&self, state: &mut State, req: &Request<'_>, command: &str, payload: serde_json::Value) -> Result<(), String> {
        match command {
            "getruntime" => {
                req.reply(self.runtime_info(state));
                if let Some(main) = state.main.as_ref().and_then(|m| state.graphs.get(m)) {
                    req.reply(main.ports_message(&self.shared.registry));
                }
                Ok(())
            }
            "packet" => packet::handle(state, req, payload),
            other => Err(unknown_command("runtime", other, "getruntime, packet")),
        }
    }

    fn runtime_info(&self, state: &State) -> Outgoing {
        use crate::protocol::runtime::{CAPABILITIES, PROTOCOL_VERSION, RUNTIME_TYPE, RuntimeInfo};
        let label = self.shared.options.label.clone().unwrap_or_else(|| format!("actorflow {}", env!("CARGO_PKG_VERSION")));
        Outgoing::new(
            "runtime",
            "runtime",
            RuntimeInfo {
                kind: RUNTIME_TYPE,
                version: PROTOCOL_VERSION,
                capabilities: CAPABILITIES.to_vec(),
                all_capabilities: CAPABILITIES.to_vec(),
                graph: state.main.clone(),
                label,
            },
        )
    }

    /// Whether `msg` carries the configured secret in every place it
    /// carries one, and in at least one (always true without a secret).
    fn secret_ok(&self, msg: &Incoming) -> bool {
        let Some(expected) = &self.shared.options.secret else { return true };
        let given = msg.secrets();
        !given.is_empty() && given.iter().all(|s| s.is_some_and(|s| constant_time_eq(s.as_bytes(), expected.as_bytes())))
    }

    pub(crate) fn clients(&self) -> parking_lot::MutexGuard<'_, Clients> {
        self.shared.clients.lock()
    }

    pub(crate) fn state(&self) -> parking_lot::MutexGuard<'_, State> {
        self.shared.state.lock()
    }
}

fn known_protocol(name: &str) -> Option<&'static str> {
    ["runtime", "graph", "component", "network", network::EXTENSION_PROTOCOL].into_iter().find(|p| *p == name)
}

/// The error text for an unknown command.
pub(crate) fn unknown_command(protocol: &str, command: &str, known: &str) -> String {
    format!("unknown command {protocol}:{command} (expected one of: {known})")
}

/// Compares secrets in time that depends on their lengths only.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Reads a payload into `T`, with serde's message naming the missing or
/// mistyped field.
pub(crate) fn read<T: serde::de::DeserializeOwned>(command: &str, payload: serde_json::Value) -> Result<T, String> {
    serde_json::from_value(payload).map_err(|e| format!("invalid {command} payload: {e}"))
}

#[cfg(test)]
mod tests;
