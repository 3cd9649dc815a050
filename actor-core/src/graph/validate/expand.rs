//! Subgraphs: each process whose component is a graph is checked as that
//! graph, under its path, and then inlined.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use serde_json::Value as Json;

use super::inline::inline;
use super::level::{self, Component};
use super::ValidationError;
use crate::graph::plan::Wire;
use crate::graph::{ComponentSpecs, Graph, Plan, Topology};
use crate::port::{ComponentSpec, PortSpec, Ports};

/// The most processes a network may have once every subgraph is inlined.
/// A few nested subgraphs used several times each multiply quickly; past
/// this, validation refuses the graph (counting first, building nothing)
/// instead of building a plan that would not fit in memory.
pub const MAX_PROCESSES: usize = 100_000;

/// Checks a graph and the graphs of its subgraph processes, recursively.
pub(super) struct Expander<'s, S: ?Sized> {
    specs: &'s S,
    /// The graph components being expanded, outermost first, each with the
    /// file it was read from: the chain a recursion error shows.
    stack: Vec<(String, Option<Arc<str>>)>,
    errors: Vec<ValidationError>,
}

impl<'s, S: ComponentSpecs + ?Sized> Expander<'s, S> {
    pub(super) fn new(specs: &'s S) -> Self {
        Self { specs, stack: Vec::new(), errors: Vec::new() }
    }

    /// The plan of `graph`, every subgraph inlined. `name` is the component
    /// the graph is registered as, if it is one, so that a graph that
    /// contains itself is reported as such.
    /// Returns the plan and the ports the graph has as a component (see
    /// [`exported_ports`]).
    pub(super) fn run(mut self, graph: &Graph, name: Option<&str>) -> Result<(Plan, Ports), Vec<ValidationError>> {
        if let Some(name) = name {
            self.stack.push((name.to_string(), graph.source.file.clone()));
        }
        if let Some(error) = self.too_many(graph) {
            return Err(vec![error]);
        }
        match self.plan(graph, "") {
            Some((mut plan, ports)) if self.errors.is_empty() => {
                plan.topology = Topology::of(&plan.successors());
                Ok((plan, ports))
            }
            _ => Err(self.errors),
        }
    }

    /// An error when `graph`, every subgraph inlined, would have more than
    /// [`MAX_PROCESSES`] processes, at the process of `graph` that passes
    /// the limit. Counted per graph component once, before anything is
    /// built, so a hostile nesting costs little to refuse.
    fn too_many(&self, graph: &Graph) -> Option<ValidationError> {
        let mut sizes = HashMap::new();
        let mut inside: Vec<&str> = self.stack.iter().map(|(c, _)| c.as_str()).collect();
        let mut total = 0usize;
        for (name, p) in &graph.processes {
            total = total.saturating_add(self.size_of(&p.component, &mut sizes, &mut inside));
            if total > MAX_PROCESSES {
                let message = format!(
                    "process {name:?} ({}): with its subgraphs inlined, the network would have more than {MAX_PROCESSES} processes",
                    p.component
                );
                return Some(ValidationError { location: graph.source.process(name), message });
            }
        }
        None
    }

    /// How many processes an instance of `component` stands for: 1 for an
    /// actor component (or an unknown one), the sum over its graph for a
    /// graph. A graph already being counted (a recursion, which the
    /// expansion reports) counts 0. Saturates instead of overflowing.
    fn size_of<'g>(&self, component: &'g str, sizes: &mut HashMap<&'g str, usize>, inside: &mut Vec<&'g str>) -> usize
    where
        's: 'g,
    {
        let Some(sub) = self.specs.subgraph(component) else { return 1 };
        if let Some(&n) = sizes.get(component) {
            return n;
        }
        if inside.contains(&component) {
            return 0;
        }
        inside.push(component);
        let n = sub.processes.values().fold(0usize, |n, p| n.saturating_add(self.size_of(&p.component, sizes, inside)));
        inside.pop();
        sizes.insert(component, n);
        n
    }

    /// The plan of `graph` as the instance at `prefix` (see `level::check`)
    /// and its ports as a component, or `None` when it or a subgraph in it
    /// has a problem (pushed onto the errors).
    fn plan(&mut self, graph: &Graph, prefix: &str) -> Option<(Plan, Ports)> {
        let specs = self.specs;
        let mut subs: Vec<Option<Option<(ComponentSpec, Plan)>>> = Vec::with_capacity(graph.processes.len());
        for (name, p) in &graph.processes {
            subs.push(specs.subgraph(&p.component).map(|sub| self.instance(graph, name, &p.component, sub, prefix)));
        }
        let components = graph
            .processes
            .values()
            .zip(&subs)
            .map(|(p, sub)| match sub {
                Some(Some((spec, _))) => Component::Spec(spec),
                Some(None) => Component::Failed,
                None => specs.spec(&p.component).map_or(Component::Unknown, Component::Spec),
            })
            .collect();
        let outer = level::check(graph, specs, components, prefix, &mut self.errors);
        if subs.iter().any(|s| matches!(s, Some(None))) {
            return None;
        }
        let outer = outer?;
        let ports = exported_ports(&outer);
        let inner = subs.into_iter().map(|s| s.flatten().map(|(_, plan)| plan)).collect();
        Some((inline(outer, inner), ports))
    }

    /// Process `name` of `graph`, an instance of the graph component
    /// `component` whose graph is `sub`: its spec and its plan.
    fn instance(&mut self, graph: &Graph, name: &str, component: &str, sub: &Graph, prefix: &str) -> Option<(ComponentSpec, Plan)> {
        if let Some(start) = self.stack.iter().position(|(c, _)| c == component) {
            let chain: Vec<String> = self.stack[start..]
                .iter()
                .map(|(c, file)| match file {
                    Some(f) => format!("{c} ({f})"),
                    None => c.clone(),
                })
                .chain([component.to_string()])
                .collect();
            let message =
                format!("process {:?} ({component}): a graph cannot contain itself: {}", format!("{prefix}{name}"), chain.join(" -> "));
            self.errors.push(ValidationError { location: graph.source.process(name), message });
            return None;
        }
        self.stack.push((component.to_string(), sub.source.file.clone()));
        let plan = self.plan(sub, &format!("{prefix}{name}/"));
        self.stack.pop();
        let (plan, ports) = plan?;
        Some((ComponentSpec { name: component.to_string(), description: description(sub), ports }, plan))
    }
}

/// A graph's `description` property, or nothing.
pub(super) fn description(graph: &Graph) -> String {
    graph.properties.get("description").and_then(Json::as_str).unwrap_or_default().to_string()
}

/// The ports of a graph as a component, from `plan`, its plan before its
/// subgraphs are inlined: one per exported port, in the graph's order,
/// named as exported, with the type, description and array flag of the
/// port it maps to. An exported inport is required when that port is and
/// nothing in the graph (an IIP or a connection) feeds it; a port of a
/// subgraph instance is required only if nothing inside that subgraph
/// feeds it either, as its own spec already says.
fn exported_ports(plan: &Plan) -> Ports {
    let fed: HashSet<(usize, usize)> = plan
        .wires
        .iter()
        .map(|w| match w {
            Wire::Edge { tgt, .. } | Wire::Iip { tgt, .. } => (tgt.process, tgt.port),
        })
        .collect();
    let inports = plan.exported_inports.iter().map(|(public, to)| {
        let inner = &plan.processes[to.process].ports.inports[to.port];
        let required = inner.required && !fed.contains(&(to.process, to.port));
        PortSpec { name: public.clone(), required, ..inner.clone() }
    });
    let outports = plan.exported_outports.iter().map(|(public, to)| {
        let inner = &plan.processes[to.process].ports.outports[to.port];
        PortSpec { name: public.clone(), ..inner.clone() }
    });
    Ports { inports: inports.collect(), outports: outports.collect() }
}
