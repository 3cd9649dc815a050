//! Checks a graph against component specs before it runs, and resolves it
//! into a [`Plan`].
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
//! - IIP data of the wrong type for its inport ([`PortType::coerce`]: a
//!   string that spells a value of a scalar type counts as that value, and
//!   is delivered as it);
//! - IIP data the inport's component cannot use (the port's
//!   [`IipCheck`](crate::port::IipCheck), for example a malformed sort key).
//! - a process whose metadata gives an invalid failure policy
//!   ([`FailurePolicy::from_metadata`]).
//!
//! A graph that validates is resolved into a [`Plan`], which names every
//! process and port by index, so building a network from it cannot meet a
//! missing process, component or port.

mod suggest;

#[cfg(test)]
mod tests;

use std::fmt;

use serde_json::Value as Json;

use super::plan::{self, PlanPort, PlannedProcess, Wire};
use super::{ComponentSpecs, FailurePolicy, Graph, Location, Plan, PortRef, Topology};
use crate::Value;
use crate::port::{ComponentSpec, PortCase, PortSpec, PortType};

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

/// Checks `graph` against the component specs in `specs` (see the module
/// docs for the rules) and resolves it into a [`Plan`].
///
/// # Errors
/// Every problem found: unknown components first (in process order), then
/// exported inports and outports, then connections in graph order, then
/// missing required inports, then invalid failure policies.
///
/// # Examples
/// ```
/// use actor_core::{Graph, graph::validate};
/// let g = Graph::from_fbp_str("'x' -> IN a(core/Repaet)", Some("g.fbp")).unwrap();
/// let errors = validate(&g, &actor_components::standard()).unwrap_err();
/// assert_eq!(errors[0].to_string(),
///     "g.fbp:1:11: process \"a\": unknown component \"core/Repaet\" (did you mean core/Repeat?)");
/// ```
pub fn validate<S: ComponentSpecs + ?Sized>(graph: &Graph, specs: &S) -> Result<Plan, Vec<ValidationError>> {
    let components = graph.processes.values().map(|p| specs.spec(&p.component)).collect();
    let mut v = Validator { graph, specs, case: graph.port_case(), components, errors: Vec::new() };
    v.unknown_components();
    let (exported_inports, exported_outports) = v.exports();
    let wires = v.connections();
    v.required();
    let policies = v.policies();
    if !v.errors.is_empty() {
        return Err(v.errors);
    }
    let processes = graph
        .processes
        .iter()
        .zip(&v.components)
        .zip(policies)
        .map(|(((name, p), spec), policy)| PlannedProcess {
            name: name.clone(),
            component: p.component.clone(),
            config: p.metadata.clone().map_or(Json::Null, Json::Object),
            ports: spec.map(|s| s.ports.clone()).unwrap_or_default(),
            policy,
        })
        .collect::<Vec<_>>();
    // No error means every end resolved.
    let wires: Vec<Wire> = wires.into_iter().flatten().collect();
    let exported_inports = exported_inports.into_iter().filter_map(|(n, p)| Some((n, p?))).collect();
    let exported_outports = exported_outports.into_iter().filter_map(|(n, p)| Some((n, p?))).collect();
    let topology = Topology::of(&plan::successors(processes.len(), &wires));
    Ok(Plan { processes, wires, exported_inports, exported_outports, topology })
}

struct Validator<'a, S: ?Sized> {
    graph: &'a Graph,
    specs: &'a S,
    case: PortCase,
    /// Per process, in graph order: its component's spec, if registered.
    components: Vec<Option<&'a ComponentSpec>>,
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

type Exports = Vec<(String, Option<PlanPort>)>;

impl<'a, S: ComponentSpecs + ?Sized> Validator<'a, S> {
    fn push(&mut self, location: Option<Location>, message: String) {
        self.errors.push(ValidationError { location, message });
    }

    fn unknown_components(&mut self) {
        for ((name, p), spec) in self.graph.processes.iter().zip(&self.components) {
            if spec.is_none() {
                let hint = suggest::components(&p.component, &self.specs.component_names());
                let message = format!("process {name:?}: unknown component {:?} ({hint})", p.component);
                self.errors.push(ValidationError { location: self.graph.source.process(name), message });
            }
        }
    }

    /// Resolves `r` on `side`, or reports why it does not resolve. `what`
    /// starts the message (`connection into ...`).
    fn resolve(&mut self, location: Option<Location>, what: &str, r: &PortRef, side: Side) -> Option<(PlanPort, &'a PortSpec)> {
        let Some((process, _, p)) = self.graph.processes.get_full(&r.process) else {
            let known: Vec<&str> = self.graph.processes.keys().map(String::as_str).collect();
            let known = if known.is_empty() { "none".to_string() } else { known.join(", ") };
            self.push(location, format!("{what}: no process {:?} in the graph (processes: {known})", r.process));
            return None;
        };
        let spec = self.components[process]?; // unknown component: already reported
        let list = match side {
            Side::In => &spec.ports.inports,
            Side::Out => &spec.ports.outports,
        };
        if let Some(port) = self.case.position(list, &r.port) {
            return Some((PlanPort { process, port, index: r.index }, &list[port]));
        }
        let valid: Vec<&str> = list.iter().map(|s| s.name.as_str()).collect();
        let valid = if valid.is_empty() { format!("it has no {}s", side.word()) } else { format!("{}s: {}", side.word(), valid.join(", ")) };
        let message = format!("{what}: process {:?} ({}) has no {} {:?} ({valid})", r.process, p.component, side.word(), r.port);
        self.push(location, message);
        None
    }

    fn exports(&mut self) -> (Exports, Exports) {
        let g = self.graph;
        let mut inports = Vec::new();
        for (name, e) in &g.inports {
            let r = PortRef::new(&e.process, &e.port);
            let end = self.resolve(g.source.inport(name), &format!("exported inport {name:?}"), &r, Side::In);
            inports.push((name.clone(), end.map(|(p, _)| p)));
        }
        let mut outports = Vec::new();
        for (name, e) in &g.outports {
            let r = PortRef::new(&e.process, &e.port);
            let end = self.resolve(g.source.outport(name), &format!("exported outport {name:?}"), &r, Side::Out);
            outports.push((name.clone(), end.map(|(p, _)| p)));
        }
        (inports, outports)
    }

    fn connections(&mut self) -> Vec<Option<Wire>> {
        let g = self.graph;
        let mut wires = Vec::with_capacity(g.connections.len());
        for (i, c) in g.connections.iter().enumerate() {
            let what = match &c.src {
                Some(src) => format!("connection {} -> {}", end(src), end(&c.tgt)),
                None => format!("IIP into {}", end(&c.tgt)),
            };
            let src = c.src.as_ref().map(|src| self.resolve(g.source.connection_src(i), &what, src, Side::Out));
            let tgt = self.resolve(g.source.connection_tgt(i), &what, &c.tgt, Side::In);
            let wire = match (src, tgt, &c.src) {
                (Some(Some((src, _))), Some((tgt, _)), Some(written)) => {
                    Some(Wire::Edge { src, tgt, written: (written.clone(), c.tgt.clone()) })
                }
                (None, Some((tgt, spec)), _) => {
                    let written = c.data.clone().unwrap_or(Json::Null);
                    let data = match spec.ty.coerce(&written) {
                        Some(data) => {
                            if let Some(Err(problem)) = spec.check.map(|check| check.run(&Value::from(data.clone()))) {
                                self.push(g.source.connection_data(i), format!("{what}: {}: {problem}", short(&data)));
                            }
                            data
                        }
                        None => {
                            let message = format!(
                                "{what}: {} does not fit the port's type {} ({})",
                                short(&written),
                                spec.ty,
                                type_hint(spec.ty)
                            );
                            self.push(g.source.connection_data(i), message);
                            written
                        }
                    };
                    Some(Wire::Iip { tgt, data })
                }
                _ => None,
            };
            wires.push(wire);
        }
        wires
    }

    /// Each process's failure policy; an invalid one is reported (and
    /// replaced by the default, as the plan is not made then).
    fn policies(&mut self) -> Vec<FailurePolicy> {
        let g = self.graph;
        let mut policies = Vec::with_capacity(g.processes.len());
        for (name, p) in &g.processes {
            let metadata = p.metadata.clone().map_or(Json::Null, Json::Object);
            match FailurePolicy::from_metadata(&metadata) {
                Ok(policy) => policies.push(policy),
                Err(e) => {
                    self.push(g.source.process(name), format!("process {name:?} ({}): {e}", p.component));
                    policies.push(FailurePolicy::default());
                }
            }
        }
        policies
    }

    fn required(&mut self) {
        let g = self.graph;
        let components = self.components.clone();
        for ((name, p), spec) in g.processes.iter().zip(components) {
            let Some(spec) = spec else { continue };
            for port in spec.ports.inports.iter().filter(|s| s.required) {
                let fed = g.connections.iter().any(|c| c.tgt.process == *name && self.case.matches(&port.name, &c.tgt.port))
                    || g.inports.values().any(|e| e.process == *name && self.case.matches(&port.name, &e.port));
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
fn short(data: &Json) -> String {
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
