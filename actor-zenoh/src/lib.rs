//! # actor-zenoh
//!
//! One graph, several machines: remote connections for actorflow over
//! [Zenoh](https://zenoh.io).
//!
//! ## Model
//!
//! - **Placement** is process metadata `node` (`count(group/Count:node=b)`
//!   in `.fbp`, `"metadata": {"node": "b"}` in graph JSON); a process
//!   without it is on node `main` ([`placement`]).
//! - Each node runs its **share**: its processes, their IIPs and exported
//!   ports, and a proxy process for each remote connection ([`proxy`]).
//!   Connections between two processes of one node stay local and are never
//!   serialized.
//! - Every node validates the whole graph and publishes its
//!   [hash](graph_hash); a node with another graph is refused.
//! - Packets cross in a versioned binary encoding ([`wire`]), in order, with
//!   sequence numbers and a credit window per connection.
//! - A node's liveliness token and its published outcome let every node end
//!   the same way: done, or failed with the node and process named, also
//!   when a node is killed ([`DistributedError`]).
//! - Key expressions carry a [`RunId`] ([`keys`]).
//!
//! ## Example
//!
//! Two nodes in one program, over loopback TCP:
//!
//! ```no_run
//! # #[tokio::main]
//! # async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
//! use actor_core::Graph;
//! use actor_zenoh::{NodeOptions, NodeRun, SessionSettings};
//!
//! let graph = Graph::from_fbp_str(
//!     "'hello' -> IN a(core/Repeat)\na OUT -> IN b(core/Output:node=b)",
//!     None,
//! )?;
//! let registry = actor_components::standard();
//! let main = SessionSettings { listen: vec!["tcp/127.0.0.1:7447".into()], ..Default::default() };
//! let b = SessionSettings { connect: vec!["tcp/127.0.0.1:7447".into()], ..Default::default() };
//! let main = zenoh::open(main.to_config()?).await?;
//! let b = zenoh::open(b.to_config()?).await?;
//! let (main, b) = tokio::try_join!(
//!     NodeRun::join(&main, &graph, &registry, NodeOptions::new("main".parse()?), |_| {}),
//!     NodeRun::join(&b, &graph, &registry, NodeOptions::new("b".parse()?), |_| {}),
//! )?;
//! tokio::try_join!(main.run(), b.run())?; // b prints "hello"
//! # Ok(()) }
//! ```
//!
//! ## WASM
//!
//! This crate is native only (Zenoh needs tokio's multi-thread runtime and
//! sockets); `actor-core` stays free of it and still builds for `wasm32`.

mod config;
mod error;
mod hash;
pub mod keys;
mod membership;
mod names;
mod node;
pub mod placement;
pub mod proxy;
pub mod wire;

pub use config::{ConfigError, SessionSettings};
pub use error::DistributedError;
pub use hash::graph_hash;
pub use names::{NameError, NodeName, RunId};
pub use node::{DEFAULT_JOIN_TIMEOUT, NodeOptions, NodeRun};
pub use zenoh;
