//! Runs the 5-stage pipeline of `actor-core/benches/pipeline.rs` once, on a
//! current-thread runtime, so that what a server with no client costs can
//! be counted in instructions (which do not depend on machine load):
//!
//! ```sh
//! cargo build --release -p actor-server --example server_pipeline_once
//! valgrind --tool=callgrind target/release/examples/server_pipeline_once alone
//! valgrind --tool=callgrind target/release/examples/server_pipeline_once server
//! valgrind --tool=callgrind target/release/examples/server_pipeline_once client
//! ```
//!
//! `alone` runs the network with `Network::run`. `server` makes it the
//! main graph of an `actor-server` runtime listening on loopback, starts
//! it as `network:start` from a client that leaves before any packet is
//! sent (all of it happens before the runtime polls the network's tasks),
//! and waits, with no client connected, until it stopped: the network is
//! built with the runtime's edge observer and watches no edge, and the
//! runtime's supervisor task flushes every 100 ms.
//!
//! `client` does what the criterion benchmark's `server_client_all_edges`
//! does, in one process: a WebSocket client (tokio-tungstenite) on loopback
//! asks for `actorflow:stats`, starts the network with every edge watched,
//! and reads every message until `network:stopped`. Its count includes the
//! client's own work. Under callgrind the run lasts about 100 times longer
//! than natively, so the runtime flushes 100 times more sampling windows
//! (up to 8 events per edge each): the figure overstates what a client
//! costs a native run.
#![allow(dead_code)] // the shared module also serves the benchmark

#[path = "../../actor-core/benches/support/pipeline.rs"]
mod shapes;

use std::time::Duration;

use actor_server::{Runtime, RuntimeOptions, Server};

async fn through_server() {
    let (graph, registry) = shapes::pipeline_graph();
    let runtime = Runtime::new(registry, RuntimeOptions::default());
    runtime.set_main_graph("pipeline", graph);
    let server = Server::bind("127.0.0.1".parse().expect("an address"), 0, runtime.clone(), false).await.expect("a loopback port");
    tokio::spawn(server.serve(std::future::pending()));
    let (client, _messages) = runtime.connect();
    runtime.handle_text(client, r#"{"protocol":"network","command":"start","payload":{"graph":"pipeline"}}"#);
    runtime.disconnect(client);
    while runtime.is_running("pipeline") {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

async fn with_client() {
    use futures::{SinkExt, StreamExt};
    use tokio_tungstenite::tungstenite::Message;

    let (graph, registry) = shapes::pipeline_graph();
    let runtime = Runtime::new(registry, RuntimeOptions::default());
    runtime.set_main_graph("pipeline", graph);
    let server = Server::bind("127.0.0.1".parse().expect("an address"), 0, runtime, false).await.expect("a loopback port");
    let url = server.ws_url();
    tokio::spawn(server.serve(std::future::pending()));
    let (mut ws, _) = tokio_tungstenite::connect_async(url).await.expect("a connection");
    for msg in [
        r#"{"protocol":"actorflow","command":"stats","payload":{"graph":"pipeline"}}"#,
        r#"{"protocol":"network","command":"start","payload":{"graph":"pipeline"}}"#,
    ] {
        ws.send(Message::Text(msg.into())).await.expect("sent");
    }
    let mut events = 0usize;
    while let Some(msg) = ws.next().await {
        if let Message::Text(t) = msg.expect("a frame") {
            events += usize::from(t.contains(r#""command":"data""#));
            if t.contains(r#""command":"stopped""#) {
                eprintln!("{events} network:data events");
                return;
            }
        }
    }
    panic!("the server closed the connection");
}

fn main() {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a tokio runtime");
    match std::env::args().nth(1).as_deref() {
        Some("alone") => {
            let (graph, registry) = shapes::pipeline_graph();
            rt.block_on(shapes::run_actorflow(&graph, &registry));
        }
        Some("server") => rt.block_on(through_server()),
        Some("client") => rt.block_on(with_client()),
        _ => {
            eprintln!("usage: server_pipeline_once alone|server|client");
            std::process::exit(2);
        }
    }
}
