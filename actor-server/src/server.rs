//! The WebSocket and HTTP server: fbp-protocol on `ws://HOST:PORT/`, the
//! live graph page on `http://HOST:PORT/`, both on one port.
//!
//! # Security
//!
//! - [`Server::bind`] binds where it is told, but refuses any address that
//!   is not loopback unless a secret is set ([`ServeError::NeedsSecret`]).
//! - With a secret, every message must carry it (see
//!   [`RuntimeOptions::secret`](crate::RuntimeOptions::secret)); no reply
//!   carries it.
//! - On loopback, a WebSocket handshake must name the server by a loopback
//!   `Host` (`127.0.0.1`, `localhost` or `[::1]`), which defeats DNS
//!   rebinding, and a browser's `Origin`, when sent, must be the server's
//!   own page, so another web site open in the same browser cannot drive
//!   the runtime. A client on another site (a hosted noflo-ui) needs the
//!   server to have a secret, and that secret.
//! - A message longer than [`MAX_MESSAGE_BYTES`](crate::protocol::MAX_MESSAGE_BYTES)
//!   closes the connection with close code 1009 (message too big).
//!   Malformed JSON or an unknown protocol or command gets an error
//!   message and the connection stays up.

mod assets;
mod ws;

use std::future::Future;
use std::net::{IpAddr, SocketAddr};

use axum::Router;
use axum::routing::get;
use tokio::net::TcpListener;

use crate::Runtime;

/// The default port of `actorflow serve` (NoFlo's runtimes use 3569).
pub const DEFAULT_PORT: u16 = 3569;

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// A non-loopback address without a secret.
    #[error("refusing to listen on {0} without a secret: anyone who can reach it could run graphs (set --secret or ACTORFLOW_SECRET, or listen on 127.0.0.1)")]
    NeedsSecret(IpAddr),
    /// The address could not be bound (in use, not local, no permission).
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// The address.
        addr: SocketAddr,
        /// Why.
        source: std::io::Error,
    },
    /// The server failed while it ran.
    #[error("server failed: {0}")]
    Io(#[from] std::io::Error),
}

/// A bound server, ready to [`serve`](Server::serve).
#[derive(Debug)]
pub struct Server {
    listener: TcpListener,
    addr: SocketAddr,
    runtime: Runtime,
    secret: bool,
}

impl Server {
    /// Binds `host:port` (port 0 picks a free one) for `runtime`.
    ///
    /// # Errors
    /// [`ServeError::NeedsSecret`] for a non-loopback `host` when
    /// `has_secret` is false; [`ServeError::Bind`] when binding fails.
    pub async fn bind(host: IpAddr, port: u16, runtime: Runtime, has_secret: bool) -> Result<Self, ServeError> {
        if !host.is_loopback() && !has_secret {
            return Err(ServeError::NeedsSecret(host));
        }
        let addr = SocketAddr::new(host, port);
        let listener = TcpListener::bind(addr).await.map_err(|source| ServeError::Bind { addr, source })?;
        let addr = listener.local_addr().map_err(|source| ServeError::Bind { addr, source })?;
        Ok(Self { listener, addr, runtime, secret: has_secret })
    }

    /// The address bound.
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// `ws://HOST:PORT/`, the fbp-protocol address.
    pub fn ws_url(&self) -> String {
        format!("ws://{}/", self.addr)
    }

    /// `http://HOST:PORT/`, the live graph page.
    pub fn page_url(&self) -> String {
        format!("http://{}/", self.addr)
    }

    /// Serves until `shutdown` completes; then stops accepting and returns
    /// (networks still running are stopped when the runtime is dropped).
    ///
    /// # Errors
    /// [`ServeError::Io`] when accepting connections fails.
    pub async fn serve(self, shutdown: impl Future<Output = ()> + Send + 'static) -> Result<(), ServeError> {
        let guard = ws::Guard { loopback: self.addr.ip().is_loopback() && !self.secret, port: self.addr.port() };
        let app = Router::new()
            .route("/", get(ws::root))
            .route("/app.js", get(assets::app_js))
            .with_state(ws::AppState { runtime: self.runtime, guard });
        axum::serve(self.listener, app).with_graceful_shutdown(shutdown).await?;
        Ok(())
    }
}
