//! `--set PROCESS.PORT=VALUE`

use actor_core::Graph;
use serde_json::Value as Json;

/// Applies one `--set`: replaces every IIP into `PROCESS.PORT` with VALUE
/// (JSON if it parses, else the text as a string), or adds one.
///
/// # Errors
/// A message when the argument is malformed or names no process of the graph.
pub(crate) fn apply(graph: &mut Graph, arg: &str) -> Result<(), String> {
    let (target, value) = arg.split_once('=').ok_or("expected PROCESS.PORT=VALUE")?;
    let (process, port) = target.split_once('.').ok_or("expected PROCESS.PORT=VALUE (no '.' before '=')")?;
    if process.is_empty() || port.is_empty() {
        return Err("expected PROCESS.PORT=VALUE (empty process or port)".into());
    }
    if !graph.processes.contains_key(process) {
        let known: Vec<&str> = graph.processes.keys().map(String::as_str).collect();
        return Err(format!("the graph has no process {process:?} (it has: {})", known.join(", ")));
    }
    let port = if graph.case_sensitive { port.to_string() } else { port.to_lowercase() };
    let data = serde_json::from_str::<Json>(value).unwrap_or_else(|_| Json::String(value.to_string()));
    graph.set_iip(process, &port, data);
    Ok(())
}

#[cfg(test)]
mod tests;
