//! `actorflow serve [GRAPH] [--graphs DIR]... [--host 127.0.0.1] [--port 3569] [--secret SECRET]`

use std::net::IpAddr;
use std::path::Path;

use actor_core::graph::validate;
use actor_server::{DEFAULT_PORT, Runtime, RuntimeOptions, ServeError, Server};
use clap::Args;

use crate::graphs::{GraphDirs, GraphLibrary};
use crate::stdio::{self, Outcome};

/// Arguments of `serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// A graph file (`.fbp` or `.json`) to open as the main graph; its id is
    /// the file name without its extension. Without it, the runtime starts
    /// with no graph.
    pub graph: Option<String>,
    /// Folders of graphs used as components (every graph in them, since the
    /// graphs a client edits may use any).
    #[command(flatten)]
    pub graphs: GraphDirs,
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

/// Runs the server until Ctrl-C (or SIGTERM). Ends with exit 0 after an
/// interrupt, 1 when the server cannot listen or fails, 2 for an invalid
/// graph or a non-loopback address without a secret.
pub(crate) fn run(args: &ServeArgs) -> Outcome {
    let mut registry = actor_components::standard();
    let library = match GraphLibrary::load_all(&registry, &args.graphs.dirs, args.graph.as_deref().map(Path::new)) {
        Ok(library) => library,
        Err(e) => return stdio::fail(crate::EXIT_INVALID, &format!("error: {e}")),
    };
    library.register(&mut registry);
    let main = match &args.graph {
        Some(path) => match super::load(path) {
            Ok(graph) => {
                if let Err(errors) = validate(&graph, &registry) {
                    return super::print_invalid(&errors, &library.notes());
                }
                let id = Path::new(path).file_stem().map_or_else(|| "main".to_string(), |s| s.to_string_lossy().into_owned());
                Some((id, graph))
            }
            Err(outcome) => return outcome,
        },
        None => None,
    };
    let tokio = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(r) => r,
        Err(e) => return stdio::fail(crate::EXIT_RUN_FAILED, &format!("error: cannot start the tokio runtime: {e}")),
    };
    let secret = args.secret.clone().filter(|s| !s.is_empty());
    let has_secret = secret.is_some();
    let runtime = Runtime::new(registry, RuntimeOptions { secret, label: None });
    if let Some((id, graph)) = main {
        runtime.set_main_graph(&id, graph);
    }
    let result = tokio.block_on(async {
        let server = match Server::bind(args.host, args.port, runtime, has_secret).await {
            Ok(s) => s,
            Err(e) => return Ok(Err(e)),
        };
        let ready = format!("actorflow serve: fbp-protocol on {} and the live graph page on {}\n", server.ws_url(), server.page_url());
        stdio::out(&ready)?;
        Ok(server.serve(shutdown()).await)
    });
    match result? {
        Ok(()) => Ok(crate::EXIT_OK),
        Err(e @ ServeError::NeedsSecret(_)) => stdio::fail(crate::EXIT_INVALID, &format!("error: {e}")),
        Err(e) => stdio::fail(crate::EXIT_RUN_FAILED, &format!("error: {e}")),
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
