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
mod tests {
    use super::*;

    fn graph() -> Graph {
        Graph::from_fbp_str("'a.txt' -> IN read(core/Repeat)\n'x' -> IN read\n", None).unwrap()
    }

    #[test]
    fn replaces_every_iip_into_the_port_with_one() {
        let mut g = graph();
        apply(&mut g, "read.IN=b.txt").unwrap();
        let iips: Vec<_> = g.connections.iter().filter_map(|c| c.data.clone()).collect();
        assert_eq!(iips, vec![Json::from("b.txt")]);
    }

    #[test]
    fn parses_json_values_and_adds_missing_iips() {
        let mut g = graph();
        apply(&mut g, "read.count=[1,2]").unwrap();
        let last = g.connections.last().unwrap();
        assert_eq!((last.tgt.port.as_str(), last.data.clone()), ("count", Some(serde_json::json!([1, 2]))));
    }

    #[test]
    fn rejects_unknown_processes_and_malformed_arguments() {
        let mut g = graph();
        assert!(apply(&mut g, "nope.in=1").unwrap_err().contains("has no process \"nope\" (it has: read)"));
        assert!(apply(&mut g, "read.in").unwrap_err().contains("PROCESS.PORT=VALUE"));
        assert!(apply(&mut g, "readin=1").unwrap_err().contains("no '.'"));
    }
}
