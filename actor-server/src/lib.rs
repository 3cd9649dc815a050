//! # actor-server
//!
//! An [fbp-protocol](https://flowbased.github.io/fbp-protocol/) 0.8
//! runtime for actorflow: clients such as noflo-ui, fbp-spec and the
//! protocol's own test suite can edit graphs, start and stop their
//! networks, send packets into exported inports and watch packets flow on
//! edges. The spec is npm `fbp-protocol` 0.9.8 (`schema/yaml/*.yml`).
//! `actorflow serve` runs it, with a live graph page on the same port.
//!
//! ## Model
//!
//! - [`protocol`]: the messages, one module per protocol (runtime, graph,
//!   component, network), as serde types.
//! - [`Runtime`]: graphs (actor-core [`Graph`](actor_core::Graph)s,
//!   checked against a [`Registry`](actor_core::Registry)), their running
//!   networks, and the connected clients. It knows no transport.
//! - [`Server`]: WebSocket (subprotocol `noflo`) and HTTP on one port, with
//!   axum. The page talks to the runtime only through the same
//!   fbp-protocol socket.
//!
//! ## Per-edge data
//!
//! A network reports packets through actor-core's
//! [`EdgeObserver`](actor_core::network::EdgeObserver), and only while a
//! client is connected. A 1,000,000-packet run sends at most
//! [`SAMPLES_PER_FLUSH`] events per edge every [`FLUSH_INTERVAL`], plus
//! counts; the [`runtime`] module docs describe the policy in full.
//!
//! ## Example
//!
//! ```no_run
//! # #[tokio::main]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use actor_server::{Runtime, RuntimeOptions, Server};
//!
//! let runtime = Runtime::new(actor_components::standard(), RuntimeOptions::default());
//! let server = Server::bind("127.0.0.1".parse()?, 3569, runtime, false).await?;
//! println!("fbp-protocol on {}, page on {}", server.ws_url(), server.page_url());
//! server.serve(std::future::pending()).await?;
//! # Ok(()) }
//! ```
//!
//! ## Platforms
//!
//! Native only: the server runs on tokio. The networks it starts are
//! spawned on the current tokio runtime.

pub mod protocol;
pub mod runtime;
pub mod server;

pub use runtime::{CLIENT_QUEUE, ClientId, EXTENSION_PROTOCOL, FLUSH_INTERVAL, Runtime, RuntimeOptions, SAMPLES_PER_FLUSH};
pub use server::{DEFAULT_PORT, ServeError, Server};
