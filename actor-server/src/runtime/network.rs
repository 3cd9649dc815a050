//! The network protocol: start, stop and watch the network of a graph.
//!
//! The rate policy for per-edge data and the `actorflow:stats` extension
//! are described in the [`runtime`](super) module docs.

mod events;
mod ports;
mod run;
mod tap;

use std::time::Duration;

use actor_core::network::{ConnectionInfo, EdgeWatch};
use actor_core::{Registry, graph::validate};
use serde_json::Value as Json;

pub(crate) use run::Run;
#[cfg(test)]
pub(crate) use ports::InportCmd;

use super::{Request, State, read, unknown_command};
use crate::protocol::Outgoing;
use crate::protocol::network::{Debug, Edges, GraphRef, NetworkErrorPayload, Status};

/// How often a running network's samples and counts are sent: 100 ms.
pub const FLUSH_INTERVAL: Duration = Duration::from_millis(100);

/// The most packets per connection sent as events in each [`FLUSH_INTERVAL`]: 8.
pub const SAMPLES_PER_FLUSH: u32 = 8;

/// The protocol name of actorflow's extension messages.
pub const EXTENSION_PROTOCOL: &str = "actorflow";

/// Handles one network-protocol command.
pub(crate) fn handle(state: &mut State, registry: &Registry, req: &Request<'_>, command: &str, payload: Json) -> Result<(), String> {
    match command {
        "start" => {
            let p: GraphRef = read(command, payload)?;
            if let Err(message) = start(state, registry, req, &p.graph) {
                let payload = NetworkErrorPayload { message, graph: Some(p.graph) };
                req.reply(Outgoing::new("network", "error", payload));
            }
            Ok(())
        }
        "stop" => {
            let p: GraphRef = read(command, payload)?;
            let entry = state.graphs.get_mut(&p.graph).ok_or_else(|| format!("no graph {:?}", p.graph))?;
            let run = entry.run.as_mut().ok_or_else(|| format!("the network of graph {:?} was never started", p.graph))?;
            if let Some(stopped) = run.request_stop() {
                // It had ended already: answer now (a running one answers once it ended).
                req.broadcast(stopped);
            }
            Ok(())
        }
        "getstatus" => {
            let p: GraphRef = read(command, payload)?;
            let entry = state.graphs.get(&p.graph).ok_or_else(|| format!("no graph {:?}", p.graph))?;
            let (running, started) = entry.run.as_ref().map_or((false, false), |r| (r.is_running(), r.is_started()));
            req.reply(Outgoing::new("network", "status", Status { graph: p.graph, running, started }));
            Ok(())
        }
        "debug" => {
            // The spec defines no answer. actorflow always reports edges
            // and process errors, so debug mode is only remembered.
            let p: Debug = read(command, payload)?;
            let entry = state.graphs.get_mut(&p.graph).ok_or_else(|| format!("no graph {:?}", p.graph))?;
            entry.debug = p.enable;
            Ok(())
        }
        "edges" => {
            let p: Edges = read(command, payload)?;
            let entry = state.graphs.get_mut(&p.graph).ok_or_else(|| format!("no graph {:?}", p.graph))?;
            entry.selected = p.edges.clone();
            if let Some(run) = &entry.run {
                run.watch(watch_for(entry, true));
            }
            req.reply(Outgoing::new("network", "edges", p));
            Ok(())
        }
        "persist" => Err("this runtime cannot persist networks".into()),
        other => Err(unknown_command("network", other, "start, stop, getstatus, debug, edges")),
    }
}

/// Handles an `actorflow` extension command (see the module docs).
pub(crate) fn handle_extension(state: &State, req: &Request<'_>, command: &str, payload: Json) -> Result<(), String> {
    #[derive(serde::Deserialize)]
    struct StatsRequest {
        graph: String,
        #[serde(default = "yes")]
        enable: bool,
    }
    fn yes() -> bool {
        true
    }
    match command {
        "stats" => {
            let p: StatsRequest = read(command, payload)?;
            let entry = state.graphs.get(&p.graph).ok_or_else(|| format!("no graph {:?}", p.graph))?;
            req.runtime.clients().set_stats(req.client, &p.graph, p.enable);
            if let (true, Some(run)) = (p.enable, &entry.run) {
                req.reply(run.stats());
            }
            Ok(())
        }
        other => Err(unknown_command(EXTENSION_PROTOCOL, other, "stats")),
    }
}

fn start(state: &mut State, registry: &Registry, req: &Request<'_>, id: &str) -> Result<(), String> {
    let run_id = state.next_run;
    let entry = state.graphs.get_mut(id).ok_or_else(|| format!("no graph {id:?}"))?;
    if entry.run.as_ref().is_some_and(|r| r.is_running()) {
        return Err(format!("the network of graph {id:?} is already running (stop it first)"));
    }
    if let Err(errors) = validate(&entry.graph, registry) {
        let lines: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
        return Err(format!("graph {id:?} is not valid: {}", lines.join("; ")));
    }
    let any_client = req.runtime.clients().len() > 0;
    let run = run::start(req.runtime, entry, registry, run_id, req, any_client)?;
    entry.run = Some(run);
    state.next_run += 1;
    Ok(())
}

/// Which connections of `entry`'s run to watch.
fn watch_for(entry: &super::graph::GraphEntry, any_client: bool) -> EdgeWatch {
    match &entry.run {
        Some(run) => choose(entry, run.connections(), any_client),
        None => EdgeWatch::None,
    }
}

/// Which of `connections` to watch for `entry`'s clients and selection.
pub(crate) fn choose(entry: &super::graph::GraphEntry, connections: &[ConnectionInfo], any_client: bool) -> EdgeWatch {
    if !any_client {
        return EdgeWatch::None;
    }
    if entry.selected.is_empty() {
        return EdgeWatch::All;
    }
    let chosen = connections
        .iter()
        .enumerate()
        .filter(|(_, c)| entry.selected.iter().any(|s| entry.matches(&c.src, &s.src) && entry.matches(&c.tgt, &s.tgt)))
        .map(|(i, _)| i)
        .collect();
    EdgeWatch::Only(chosen)
}

/// Re-chooses the watched connections of every run, after the first
/// client connected or the last one left.
pub(crate) fn watch_all(state: &State, any_client: bool) {
    for entry in state.graphs.values() {
        if let Some(run) = &entry.run {
            run.watch(watch_for(entry, any_client));
        }
    }
}
