//! Writes a graph as `.fbp` text that reads back as the same graph.

use std::fmt::Write as _;

use serde_json::Value as Json;

use super::{FbpOptions, parse};
use crate::graph::{Graph, PortRef};

/// A graph that `.fbp` cannot express without loss, such as one with
/// groups, connection metadata, or names outside the DSL's character sets.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot write the graph as .fbp: {element}: {reason}")]
pub struct FbpWriteError {
    /// The element at fault, such as `process "my node"`.
    pub element: String,
    /// Why, and what `.fbp` allows there.
    pub reason: String,
}

fn fail<T>(element: impl Into<String>, reason: impl Into<String>) -> Result<T, FbpWriteError> {
    Err(FbpWriteError { element: element.into(), reason: reason.into() })
}

fn is_node_name(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

fn is_port_name(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
}

fn is_meta_word(s: &str) -> bool {
    s.chars().all(|c| c.is_ascii_alphanumeric() || c == '/' || c == '_')
}

fn is_annotation_value(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with(' ')
        && s.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ' ' | '.'))
}

/// Writes `graph` as `.fbp` text: annotations for string properties,
/// one declaration line per process (`name(Component:k=v)`), `INPORT=` and
/// `OUTPORT=` lines, then one line per connection in order, IIPs written as
/// JSON. Parsing the text with the graph's `case_sensitive` gives back the
/// same graph (this is checked before returning).
///
/// # Errors
/// [`FbpWriteError`] when the graph has something `.fbp` cannot express:
/// groups; metadata on connections or exported ports; non-string
/// properties; process metadata other than words and non-negative integer
/// `x`/`y`; process, port or component names outside the DSL's character
/// sets; upper-case port names in a graph that is not case-sensitive.
///
/// # Examples
/// ```
/// use actor_core::{Graph, PortRef};
/// let mut g = Graph::new();
/// g.add_process("a", "core/Repeat").add_process("b", "core/Repeat");
/// g.connect(PortRef::new("a", "out"), PortRef::new("b", "in"));
/// let text = actor_core::graph::fbp::write(&g).unwrap();
/// assert!(text.contains("a out -> in b"));
/// ```
pub fn write(graph: &Graph) -> Result<String, FbpWriteError> {
    let mut out = String::new();
    let cs = graph.case_sensitive;
    let port_ok = |element: String, port: &str| -> Result<(), FbpWriteError> {
        if !is_port_name(port) {
            return fail(element, format!("port name {port:?} must match [a-zA-Z_][a-zA-Z.0-9_]*"));
        }
        if !cs && port.chars().any(|c| c.is_ascii_uppercase()) {
            return fail(element, format!("port name {port:?} would be lowercased (the graph is not case-sensitive)"));
        }
        Ok(())
    };

    if let Some(Json::Object(env)) = graph.properties.get("environment") {
        match env.get("type") {
            Some(Json::String(t)) if env.len() == 1 && is_annotation_value(t) => {
                writeln!(out, "# @runtime {t}").expect("write to String");
            }
            _ => return fail("property \"environment\"", "only {\"type\": WORDS} can be written (as # @runtime)"),
        }
    }
    for (key, value) in &graph.properties {
        if key == "environment" {
            continue;
        }
        let key_ok = !key.is_empty()
            && key != "runtime"
            && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        match value {
            Json::String(v) if key_ok && is_annotation_value(v) => {
                writeln!(out, "# @{key} {v}").expect("write to String");
            }
            _ => {
                return fail(
                    format!("property {key:?}"),
                    "annotations take a key of [a-zA-Z0-9-_] and a string value of [a-zA-Z0-9-_ .]",
                );
            }
        }
    }
    if let Some(g) = graph.groups.first() {
        return fail(format!("group {:?}", g.name), ".fbp has no groups");
    }

    for (name, p) in &graph.processes {
        let element = format!("process {name:?}");
        if !is_node_name(name) {
            return fail(element, "process names must match [a-zA-Z_][a-zA-Z0-9_-]*");
        }
        if p.component.is_empty()
            || !p.component.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '-' | '_'))
        {
            return fail(element, format!("component {:?} must match [a-zA-Z/-0-9_]+", p.component));
        }
        write!(out, "{name}({}", p.component).expect("write to String");
        if let Some(meta) = &p.metadata {
            let mut entries = Vec::new();
            for (k, v) in meta {
                let text = match (k.as_str(), v) {
                    ("x" | "y", Json::Number(n)) if n.is_u64() => n.to_string(),
                    ("x" | "y", _) => return fail(element, format!("metadata {k:?} must be a non-negative integer")),
                    (_, Json::String(s)) if is_meta_word(s) => s.clone(),
                    _ => return fail(element, format!("metadata {k:?} must be a string of [a-zA-Z/_0-9]")),
                };
                if !is_meta_word(k) {
                    return fail(element, format!("metadata key {k:?} must be of [a-zA-Z/_0-9]"));
                }
                entries.push(format!("{k}={text}"));
            }
            if entries.is_empty() {
                return fail(element, "empty metadata cannot be written");
            }
            write!(out, ":{}", entries.join(",")).expect("write to String");
        }
        out.push_str(")\n");
    }

    for (keyword, ports) in [("INPORT", &graph.inports), ("OUTPORT", &graph.outports)] {
        for (public, e) in ports {
            let element = format!("exported port {public:?}");
            if e.metadata.is_some() {
                return fail(element, ".fbp has no metadata on exported ports");
            }
            port_ok(element.clone(), public)?;
            port_ok(element.clone(), &e.port)?;
            if !is_node_name(&e.process) {
                return fail(element, format!("process name {:?} must match [a-zA-Z_][a-zA-Z0-9_-]*", e.process));
            }
            writeln!(out, "{keyword}={}.{}:{public}", e.process, e.port).expect("write to String");
        }
    }

    let end = |r: &PortRef| match r.index {
        Some(i) => format!("{}[{i}]", r.port),
        None => r.port.clone(),
    };
    for (i, c) in graph.connections.iter().enumerate() {
        let element = format!("connection {i}");
        if c.metadata.is_some() {
            return fail(element, ".fbp has no connection metadata");
        }
        port_ok(element.clone(), &c.tgt.port)?;
        let src = match (&c.src, &c.data) {
            (Some(src), None) => {
                port_ok(element.clone(), &src.port)?;
                format!("{} {}", src.process, end(src))
            }
            // `null`, `true` and `false` alone would read as process names;
            // JSON whitespace (a tab) before them makes them IIPs.
            (None, Some(data @ (Json::Null | Json::Bool(_)))) => format!("\t{data}"),
            (None, Some(data)) => serde_json::to_string(data).expect("JSON values serialize"),
            _ => return fail(element, "a connection needs exactly one of src and data"),
        };
        writeln!(out, "{src} -> {} {}", end(&c.tgt), c.tgt.process).expect("write to String");
    }

    let back = parse(&out, FbpOptions { case_sensitive: cs, file: None })
        .map_err(|e| FbpWriteError { element: "graph".into(), reason: format!("the text would not read back: {e}") })?;
    let mut expected = graph.clone();
    expected.source = back.source.clone();
    if back != expected {
        return fail("graph", "the .fbp text would not read back as the same graph");
    }
    Ok(out)
}
