//! Checks one graph, with the components of its processes already looked
//! up, and resolves it into a [`Plan`] whose process names carry the
//! graph's path prefix. Subgraphs are inlined afterwards (`inline.rs`).

use serde_json::Value as Json;

use super::suggest;
use super::ValidationError;
use crate::graph::SHARED_STATE_KEY;
use crate::graph::plan::{PlanPort, PlannedProcess, Wire};
use crate::graph::{ComponentSpecs, FailurePolicy, Graph, Location, Plan, PortRef, Topology};
use crate::Value;
use crate::port::{ComponentSpec, PortCase, PortSpec, PortType};

/// What one process of the graph is an instance of, as looked up before
/// the graph is checked.
#[derive(Debug, Clone, Copy)]
pub(super) enum Component<'a> {
    /// A component with this spec (a subgraph's is derived from its
    /// exported ports).
    Spec(&'a ComponentSpec),
    /// No component of that name: reported here.
    Unknown,
    /// A subgraph with problems of its own, already reported: nothing more
    /// is said about this process.
    Failed,
}

impl<'a> Component<'a> {
    fn spec(self) -> Option<&'a ComponentSpec> {
        match self {
            Component::Spec(s) => Some(s),
            Component::Unknown | Component::Failed => None,
        }
    }
}

/// Checks `graph` (see the rules in the module docs of `validate`) and
/// resolves it into a plan, pushing every problem onto `errors`.
///
/// `components` holds, per process in graph order, what it is an instance
/// of. `prefix` is the path of the subgraph instance the graph is (empty
/// for the top graph, `outer/` for the graph of process `outer`): every
/// process name in the plan and in the messages starts with it.
///
/// Returns `None` when a problem was found.
pub(super) fn check<S: ComponentSpecs + ?Sized>(
    graph: &Graph,
    specs: &S,
    components: Vec<Component<'_>>,
    prefix: &str,
    errors: &mut Vec<ValidationError>,
) -> Option<Plan> {
    let before = errors.len();
    let mut v = Validator { graph, case: graph.port_case(), components, prefix, errors };
    v.unknown_components(specs);
    let (exported_inports, exported_outports) = v.exports();
    let wires = v.connections();
    v.required();
    let policies = v.policies();
    if v.errors.len() > before {
        return None;
    }
    let processes = graph
        .processes
        .iter()
        .zip(&v.components)
        .zip(policies)
        .map(|(((name, p), c), policy)| PlannedProcess {
            name: joined(prefix, name),
            component: p.component.clone(),
            config: config(p.metadata.as_ref(), prefix),
            ports: c.spec().map(|s| s.ports.clone()).unwrap_or_default(),
            policy,
        })
        .collect::<Vec<_>>();
    // No problem means every end resolved.
    let wires: Vec<Wire> = wires.into_iter().flatten().collect();
    let exported_inports = exported_inports.into_iter().filter_map(|(n, p)| Some((n, p?))).collect();
    let exported_outports = exported_outports.into_iter().filter_map(|(n, p)| Some((n, p?))).collect();
    // The topology is computed once, on the whole network (`Expander::run`).
    Some(Plan { processes, wires, exported_inports, exported_outports, topology: Topology::default() })
}

/// A process's config: its metadata object, or `null`. Inside a subgraph,
/// a `state` reference names a process of the same graph, so it gets the
/// same path prefix as that process's name.
fn config(metadata: Option<&serde_json::Map<String, Json>>, prefix: &str) -> Json {
    let Some(metadata) = metadata else { return Json::Null };
    let mut metadata = metadata.clone();
    if !prefix.is_empty() {
        if let Some(Json::String(other)) = metadata.get_mut(SHARED_STATE_KEY) {
            *other = format!("{prefix}{other}");
        }
    }
    Json::Object(metadata)
}

struct Validator<'a, 'e> {
    graph: &'a Graph,
    case: PortCase,
    /// Per process, in graph order: what it is an instance of.
    components: Vec<Component<'a>>,
    prefix: &'a str,
    errors: &'e mut Vec<ValidationError>,
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

impl<'a> Validator<'a, '_> {
    fn push(&mut self, location: Option<Location>, message: String) {
        self.errors.push(ValidationError { location, message });
    }

    /// `name` with the graph's path prefix.
    fn path(&self, name: &str) -> String {
        joined(self.prefix, name)
    }

    fn unknown_components<S: ComponentSpecs + ?Sized>(&mut self, specs: &S) {
        for (i, (name, p)) in self.graph.processes.iter().enumerate() {
            if matches!(self.components[i], Component::Unknown) {
                let hint = suggest::components(&p.component, &specs.component_names());
                let message = format!("process {:?}: unknown component {:?} ({hint})", self.path(name), p.component);
                self.push(self.graph.source.process(name), message);
            }
        }
    }

    /// Resolves `r` on `side`, or reports why it does not resolve, at
    /// `location` (asked for only then). `what` starts the message
    /// (`connection into ...`).
    fn resolve(
        &mut self,
        location: impl FnOnce() -> Option<Location>,
        what: impl FnOnce() -> String,
        r: &PortRef,
        side: Side,
    ) -> Option<(PlanPort, &'a PortSpec)> {
        let Some((process, _, p)) = self.graph.processes.get_full(&r.process) else {
            let known: Vec<String> = self.graph.processes.keys().map(|k| self.path(k)).collect();
            let known = if known.is_empty() { "none".to_string() } else { known.join(", ") };
            let message = format!("{}: no process {:?} in the graph (processes: {known})", what(), self.path(&r.process));
            self.push(location(), message);
            return None;
        };
        let spec = self.components[process].spec()?; // unknown or failed: already reported
        let list = match side {
            Side::In => &spec.ports.inports,
            Side::Out => &spec.ports.outports,
        };
        if let Some(port) = self.case.position(list, &r.port) {
            return Some((PlanPort { process, port, index: r.index }, &list[port]));
        }
        let valid: Vec<&str> = list.iter().map(|s| s.name.as_str()).collect();
        let valid = if valid.is_empty() { format!("it has no {}s", side.word()) } else { format!("{}s: {}", side.word(), valid.join(", ")) };
        let message =
            format!("{}: process {:?} ({}) has no {} {:?} ({valid})", what(), self.path(&r.process), p.component, side.word(), r.port);
        self.push(location(), message);
        None
    }

    fn exports(&mut self) -> (Exports, Exports) {
        let g = self.graph;
        let mut inports = Vec::new();
        for (name, e) in &g.inports {
            let r = PortRef::new(&e.process, &e.port);
            let end = self.resolve(|| g.source.inport(name), || format!("exported inport {name:?}"), &r, Side::In);
            inports.push((name.clone(), end.map(|(p, _)| p)));
        }
        let mut outports = Vec::new();
        for (name, e) in &g.outports {
            let r = PortRef::new(&e.process, &e.port);
            let end = self.resolve(|| g.source.outport(name), || format!("exported outport {name:?}"), &r, Side::Out);
            outports.push((name.clone(), end.map(|(p, _)| p)));
        }
        (inports, outports)
    }

    fn connections(&mut self) -> Vec<Option<Wire>> {
        let g = self.graph;
        let mut wires = Vec::with_capacity(g.connections.len());
        for (i, c) in g.connections.iter().enumerate() {
            let prefix = self.prefix;
            let what = || match &c.src {
                Some(src) => format!("connection {} -> {}", end(prefix, src), end(prefix, &c.tgt)),
                None => format!("IIP into {}", end(prefix, &c.tgt)),
            };
            let src = c.src.as_ref().map(|src| self.resolve(|| g.source.connection_src(i), what, src, Side::Out));
            let tgt = self.resolve(|| g.source.connection_tgt(i), what, &c.tgt, Side::In);
            let wire = match (src, tgt, &c.src) {
                (Some(Some((src, _))), Some((tgt, _)), Some(written)) => {
                    let written = (self.prefixed(written), self.prefixed(&c.tgt));
                    Some(Wire::Edge { src, tgt, written })
                }
                (None, Some((tgt, spec)), _) => {
                    let written = c.data.clone().unwrap_or(Json::Null);
                    let data = match spec.ty.coerce(&written) {
                        Some(data) => {
                            if let Some(Err(problem)) = spec.check.map(|check| check.run(&Value::from(data.clone()))) {
                                self.push(g.source.connection_data(i), format!("{}: {}: {problem}", what(), short(&data)));
                            }
                            data
                        }
                        None => {
                            let message = format!(
                                "{}: {} does not fit the port's type {} ({})",
                                what(),
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
                    let message = format!("process {:?} ({}): {e}", self.path(name), p.component);
                    self.push(g.source.process(name), message);
                    policies.push(FailurePolicy::default());
                }
            }
        }
        policies
    }

    fn required(&mut self) {
        let g = self.graph;
        for (i, (name, p)) in g.processes.iter().enumerate() {
            let Some(spec) = self.components[i].spec() else { continue };
            for port in spec.ports.inports.iter().filter(|s| s.required) {
                let fed = g.connections.iter().any(|c| c.tgt.process == *name && self.case.matches(&port.name, &c.tgt.port))
                    || g.inports.values().any(|e| e.process == *name && self.case.matches(&port.name, &e.port));
                if !fed {
                    // `--set` reaches the top graph's processes only.
                    let hint = if self.prefix.is_empty() {
                        format!("give it an IIP, e.g. --set {name}.{}=VALUE", port.name)
                    } else {
                        "give it an IIP or a connection, or export it".to_string()
                    };
                    let message = format!(
                        "process {:?} ({}): required inport {:?} has no connection, IIP or exported inport ({hint})",
                        self.path(name),
                        p.component,
                        port.name
                    );
                    self.push(g.source.process(name), message);
                }
            }
        }
    }

    /// `r` as written, its process with the path prefix.
    fn prefixed(&self, r: &PortRef) -> PortRef {
        PortRef { process: self.path(&r.process), port: r.port.clone(), index: r.index }
    }

}

/// `process.port` or `process.port[index]`, with the path prefix.
fn end(prefix: &str, r: &PortRef) -> String {
    match r.index {
        Some(i) => format!("{prefix}{}.{}[{i}]", r.process, r.port),
        None => format!("{prefix}{}.{}", r.process, r.port),
    }
}

/// `prefix` followed by `name` (without `format!`, which costs several
/// times more on this path, taken once per process and connection end).
fn joined(prefix: &str, name: &str) -> String {
    let mut s = String::with_capacity(prefix.len() + name.len());
    s.push_str(prefix);
    s.push_str(name);
    s
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
