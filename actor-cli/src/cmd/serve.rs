//! `actorflow serve [GRAPH] [--host 127.0.0.1] [--port 3569] [--secret SECRET]`

use std::io::Write as _;
use std::net::IpAddr;
use std::path::Path;

use actor_core::graph::validate;
use actor_server::{DEFAULT_PORT, Runtime, RuntimeOptions, ServeError, Server};
use clap::Args;

/// Arguments of `serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// A graph file (`.fbp` or `.json`) to open as the main graph; its id is
    /// the file name without its extension. Without it, the runtime starts
    /// with no graph.
    pub graph: Option<String>,
    /// The address to listen on. Anything but a loopback address needs a secret.
    #[arg(long, default_value = "127.0.0.1")]
    pub host: IpAddr,
    /// The port for both the fbp-protocol WebSocket and the page (0 picks a free one).
    #[arg(long, default_value_t = DEFAULT_PORT)]
    pub port: u16,
    /// The secret every fbp-protocol message must carry.
    #[arg(long, env = "ACTORFLOW_SECRET", hide_env_values = true)]
    pub secret: Option<String>,
}

/// Runs the server until Ctrl-C (or SIGTERM). Returns the exit code: 0
/// after an interrupt, 1 when the server cannot listen or fails, 2 for an
/// invalid graph or a non-loopback address without a secret.
pub(crate) fn run(args: &ServeArgs) -> u8 {
    let registry = actor_components::standard();
    let main = match &args.graph {
        Some(path) => match super::load(path) {
            Ok(graph) => {
                if let Err(errors) = validate(&graph, &registry) {
                    super::print_invalid(&errors);
                    return crate::EXIT_INVALID;
                }
                let id = Path::new(path).file_stem().map_or_else(|| "main".to_string(), |s| s.to_string_lossy().into_owned());
                Some((id, graph))
            }
            Err(code) => return code,
        },
        None => None,
    };
    let tokio = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: cannot start the tokio runtime: {e}");
            return crate::EXIT_RUN_FAILED;
        }
    };
    let secret = args.secret.clone().filter(|s| !s.is_empty());
    let has_secret = secret.is_some();
    let runtime = Runtime::new(registry, RuntimeOptions { secret, label: None });
    if let Some((id, graph)) = main {
        runtime.set_main_graph(&id, graph);
    }
    let result = tokio.block_on(async {
        let server = Server::bind(args.host, args.port, runtime, has_secret).await?;
        println!("actorflow serve: fbp-protocol on {} and the live graph page on {}", server.ws_url(), server.page_url());
        let _ = std::io::stdout().flush();
        server.serve(shutdown()).await
    });
    match result {
        Ok(()) => crate::EXIT_OK,
        Err(e @ ServeError::NeedsSecret(_)) => {
            eprintln!("error: {e}");
            crate::EXIT_INVALID
        }
        Err(e) => {
            eprintln!("error: {e}");
            crate::EXIT_RUN_FAILED
        }
    }
}

/// Completes on Ctrl-C, or on SIGTERM on Unix.
async fn shutdown() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

#[cfg(test)]
mod tests;
