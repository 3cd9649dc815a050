//! Checks a graph against a registry before it runs.
//!
//! [`validate`] reports every problem it finds, each with where it was
//! written ([`Location`]: `file:line:column` for `.fbp`, a JSON path for
//! graph JSON) and what is valid there:
//!
//! - a process whose component is not registered (with close matches, or
//!   the registered names);
//! - a connection or exported port naming an unknown process (with the
//!   graph's processes) or a port its component does not declare (with the
//!   component's ports);
//! - a required inport with no connection, no IIP and no exported inport;
//! - IIP data of the wrong type for its inport ([`PortType::accepts`]).
//!
//! A graph that validates can be built by [`Network::new`](crate::Network::new)
//! without a missing process, component or port.

mod suggest;

#[cfg(test)]
mod tests;

use std::fmt;

use super::{Graph, Location, PortRef};
use crate::port::{PortSpec, PortType, Ports};
use crate::{Registry, Value};

/// One problem found in a graph, with where it is and what was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationError {
    /// Where the problem was written, when known.
    pub location: Option<Location>,
    /// What is wrong and what is valid there.
    pub message: String,
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.location {
            Some(loc) => write!(f, "{loc}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for ValidationError {}

/// Checks `graph` against `registry` (see the module docs for the rules).
///
/// # Errors
/// Every problem found: unknown components first (in process order), then
/// exported inports and outports, then connections in graph order, then
/// missing required inports.
///
/// # Examples
/// ```
/// use actor_core::{Graph, Registry, graph::validate};
/// let g = Graph::from_fbp_str("'x' -> IN a(core/Repaet)", Some("g.fbp")).unwrap();
/// let errors = validate(&g, &actor_components::standard()).unwrap_err();
/// assert_eq!(errors[0].to_string(),
///     "g.fbp:1:11: process \"a\": unknown component \"core/Repaet\" (did you mean core/Repeat?)");
/// ```
pub fn validate(graph: &Graph, registry: &Registry) -> Result<(), Vec<ValidationError>> {
    let mut v = Validator { graph, registry, errors: Vec::new() };
    v.components();
    v.exports();
    v.connections();
    v.required();
    if v.errors.is_empty() { Ok(()) } else { Err(v.errors) }
}

struct Validator<'a> {
    graph: &'a Graph,
    registry: &'a Registry,
    errors: Vec<ValidationError>,
}

/// Which side of a process a port is on.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    In,
    Out,
}

impl Side {
    fn word(self) -> &'static str {
        match self {
            Side::In => "inport",
            Side::Out => "outport",
        }
    }
}

impl<'a> Validator<'a> {
    fn push(&mut self, location: Option<Location>, message: String) {
        self.errors.push(ValidationError { location, message });
    }

    /// The ports of `process`'s component; `None` if either is unknown.
    fn ports(&self, process: &str) -> Option<&'a Ports> {
        let p = self.graph.processes.get(process)?;
        self.registry.get(&p.component).map(|e| &e.spec.ports)
    }

    fn find(&self, ports: &'a Ports, side: Side, name: &str) -> Option<&'a PortSpec> {
        match side {
            Side::In => ports.find_inport(name, self.graph.case_sensitive),
            Side::Out => ports.find_outport(name, self.graph.case_sensitive),
        }
    }

    fn components(&mut self) {
        for (name, p) in &self.graph.processes {
            if self.registry.get(&p.component).is_none() {
                let hint = suggest::components(&p.component, self.registry);
                let message = format!("process {name:?}: unknown component {:?} ({hint})", p.component);
                self.push(self.graph.source.process(name), message);
            }
        }
    }

    /// Checks that `process.port` exists on `side`. `what` starts the message
    /// (`connection into ...`); returns the port when it exists.
    fn check_port(&mut self, location: Option<Location>, what: &str, process: &str, port: &str, side: Side) -> Option<&'a PortSpec> {
        let Some(p) = self.graph.processes.get(process) else {
            let known: Vec<&str> = self.graph.processes.keys().map(String::as_str).collect();
            let known = if known.is_empty() { "none".to_string() } else { known.join(", ") };
            self.push(location, format!("{what}: no process {process:?} in the graph (processes: {known})"));
            return None;
        };
        let ports = self.ports(process)?; // unknown component: already reported
        if let Some(spec) = self.find(ports, side, port) {
            return Some(spec);
        }
        let list = match side {
            Side::In => &ports.inports,
            Side::Out => &ports.outports,
        };
        let valid: Vec<&str> = list.iter().map(|s| s.name.as_str()).collect();
        let valid = if valid.is_empty() { format!("it has no {}s", side.word()) } else { format!("{}s: {}", side.word(), valid.join(", ")) };
        let message = format!("{what}: process {process:?} ({}) has no {} {port:?} ({valid})", p.component, side.word());
        self.push(location, message);
        None
    }

    fn exports(&mut self) {
        let g = self.graph;
        for (name, e) in &g.inports {
            self.check_port(g.source.inport(name), &format!("exported inport {name:?}"), &e.process, &e.port, Side::In);
        }
        for (name, e) in &g.outports {
            self.check_port(g.source.outport(name), &format!("exported outport {name:?}"), &e.process, &e.port, Side::Out);
        }
    }

    fn connections(&mut self) {
        let g = self.graph;
        for (i, c) in g.connections.iter().enumerate() {
            let what = match &c.src {
                Some(src) => format!("connection {} -> {}", end(src), end(&c.tgt)),
                None => format!("IIP into {}", end(&c.tgt)),
            };
            if let Some(src) = &c.src {
                self.check_port(g.source.connection_src(i), &what, &src.process, &src.port, Side::Out);
            }
            let tgt = self.check_port(g.source.connection_tgt(i), &what, &c.tgt.process, &c.tgt.port, Side::In);
            if let (Some(spec), None, Some(data)) = (tgt, &c.src, &c.data) {
                if !spec.ty.accepts(&Value::from(data.clone())) {
                    let message = format!(
                        "{what}: {} does not fit the port's type {} ({})",
                        short(data),
                        spec.ty,
                        type_hint(spec.ty)
                    );
                    self.push(g.source.connection_data(i), message);
                }
            }
        }
    }

    fn required(&mut self) {
        let g = self.graph;
        let cs = g.case_sensitive;
        let same = |a: &str, b: &str| a == b || (!cs && a.eq_ignore_ascii_case(b));
        for (name, p) in &g.processes {
            let Some(entry) = self.registry.get(&p.component) else { continue };
            for port in entry.spec.ports.inports.iter().filter(|s| s.required) {
                let fed = g.connections.iter().any(|c| c.tgt.process == *name && same(&c.tgt.port, &port.name))
                    || g.inports.values().any(|e| e.process == *name && same(&e.port, &port.name));
                if !fed {
                    let message = format!(
                        "process {name:?} ({}): required inport {:?} has no connection, IIP or exported inport (give it an IIP, e.g. --set {name}.{}=VALUE)",
                        p.component, port.name, port.name
                    );
                    self.push(g.source.process(name), message);
                }
            }
        }
    }
}

fn end(r: &PortRef) -> String {
    match r.index {
        Some(i) => format!("{}.{}[{i}]", r.process, r.port),
        None => format!("{}.{}", r.process, r.port),
    }
}

/// The data, in JSON, cut to 40 characters.
fn short(data: &serde_json::Value) -> String {
    let text = data.to_string();
    if text.chars().count() > 40 { format!("{}...", text.chars().take(40).collect::<String>()) } else { text }
}

fn type_hint(ty: PortType) -> &'static str {
    match ty {
        PortType::Boolean => "expected true or false",
        PortType::Int => "expected an integer",
        PortType::Number => "expected a number",
        PortType::String => "expected a string",
        PortType::Object => "expected a JSON object",
        PortType::Array => "expected a JSON array",
        PortType::Buffer => "expected bytes",
        PortType::All | PortType::Bang => "anything is accepted",
    }
}
