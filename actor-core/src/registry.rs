//! The component registry: component names to specs and factories, or to
//! graphs.
//!
//! A graph names components (`core/Repeat`); the registry turns each name
//! into a [`ComponentSpec`] (for validation and listing) and either a
//! factory that makes one actor per process, or a graph: a subgraph,
//! which validation inlines (see [`graph::validate`](crate::graph::validate)).
//! The standard components are in the `actor-components` crate
//! (`actor_components::standard()`).

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

use serde_json::Value as Json;

use crate::actor::{Actor, ActorError, ActorResult, ActorRunContext, FnActor};
use crate::process::DynActor;
use crate::graph::{ComponentSpecs, Graph, ValidationError, component_spec};
use crate::port::{ComponentSpec, Ports};
use crate::rt::{MaybeSend, MaybeSync};

/// Makes the actor of one process from its config (the process metadata, or `null`).
///
/// `Send + Sync` on native targets, so a [`Registry`] can be shared between
/// threads. On `wasm32` the bound is dropped (as [`MaybeSend`]/[`MaybeSync`]
/// are): everything runs on one thread there, and a factory that captures a
/// JavaScript function (which is `!Send`) must be registrable.
#[cfg(not(target_arch = "wasm32"))]
pub type Factory = Arc<dyn Fn(&Json) -> Result<Box<dyn DynActor>, ActorError> + Send + Sync>;
/// Makes the actor of one process from its config (the process metadata, or `null`).
///
/// `Send + Sync` on native targets, so a [`Registry`] can be shared between
/// threads. On `wasm32` the bound is dropped (as [`MaybeSend`]/[`MaybeSync`]
/// are): everything runs on one thread there, and a factory that captures a
/// JavaScript function (which is `!Send`) must be registrable.
#[cfg(target_arch = "wasm32")]
pub type Factory = Arc<dyn Fn(&Json) -> Result<Box<dyn DynActor>, ActorError>>;

/// One registered component.
#[derive(Clone)]
pub struct ComponentEntry {
    /// Its name, description and ports. For a graph, the ports come from
    /// its exported ports (see [`component_spec`]); a graph with problems
    /// has none (see [`ComponentEntry::problems`]).
    pub spec: ComponentSpec,
    kind: Kind,
}

/// What makes a component's processes.
#[derive(Clone)]
enum Kind {
    /// An actor per process, made by the factory.
    Actor(Factory),
    /// A graph, inlined by validation; with its problems against the
    /// registry as it last changed (empty when it validates).
    Graph { graph: Arc<Graph>, problems: Vec<ValidationError> },
}

impl fmt::Debug for ComponentEntry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("ComponentEntry");
        d.field("spec", &self.spec);
        if let Kind::Graph { problems, .. } = &self.kind {
            d.field("graph", &true).field("problems", problems);
        }
        d.finish_non_exhaustive()
    }
}

impl ComponentEntry {
    /// Makes an actor for a process with `config`.
    ///
    /// # Errors
    /// Whatever the factory returns, for example for an invalid config. A
    /// graph has no actor of its own: its processes are inlined when a graph
    /// that uses it is validated against the registry, so asking a graph
    /// component for an actor is an error.
    pub fn instantiate(&self, config: &Json) -> Result<Box<dyn DynActor>, ActorError> {
        self.factory()?(config)
    }

    /// The factory that makes this component's actors (a supervisor keeps
    /// it to make a fresh actor for a restart).
    ///
    /// # Errors
    /// For a graph, which has no actor of its own (see [`instantiate`](Self::instantiate)).
    pub fn factory(&self) -> Result<&Factory, ActorError> {
        match &self.kind {
            Kind::Actor(factory) => Ok(factory),
            Kind::Graph { .. } => Err(format!(
                "{} is a graph, which has no actor of its own: validate the graph that uses it against this registry, which inlines it",
                self.spec.name
            )
            .into()),
        }
    }

    /// The graph, when this component is a graph (a subgraph).
    pub fn graph(&self) -> Option<&Graph> {
        match &self.kind {
            Kind::Actor(_) => None,
            Kind::Graph { graph, .. } => Some(graph),
        }
    }

    /// For a graph, its problems against the registry as it last changed
    /// (every registration checks the registered graphs again): empty when
    /// it validates, and always empty for an actor component.
    pub fn problems(&self) -> &[ValidationError] {
        match &self.kind {
            Kind::Actor(_) => &[],
            Kind::Graph { problems, .. } => problems,
        }
    }
}

/// Component names to components, sorted by name.
#[derive(Clone, Default, Debug)]
pub struct Registry {
    components: BTreeMap<String, ComponentEntry>,
}

impl Registry {
    /// An empty registry.
    pub fn new() -> Self {
        Self::default()
    }

    /// Registers `name`, made by `factory` from each process's config. The
    /// ports are read from one actor made with a `null` config, so the
    /// factory must accept `null`.
    ///
    /// # Panics
    /// If the factory fails on a `null` config.
    pub fn register<A, F>(&mut self, name: &str, description: &str, factory: F)
    where
        A: Actor,
        F: Fn(&Json) -> Result<A, ActorError> + MaybeSend + MaybeSync + 'static,
    {
        let ports = factory(&Json::Null)
            .unwrap_or_else(|e| panic!("component {name}: factory rejects a null config: {e}"))
            .ports();
        let spec = ComponentSpec { name: name.to_string(), description: description.to_string(), ports };
        self.register_spec(spec, move |config| factory(config).map(|a| Box::new(a) as Box<dyn DynActor>));
    }

    /// Registers a component whose actors are made by `factory`, with an explicit spec.
    ///
    /// `factory` must be `Send + Sync` on native targets only (see [`Factory`]).
    pub fn register_spec(
        &mut self,
        spec: ComponentSpec,
        factory: impl Fn(&Json) -> Result<Box<dyn DynActor>, ActorError> + MaybeSend + MaybeSync + 'static,
    ) {
        self.components.insert(spec.name.clone(), ComponentEntry { spec, kind: Kind::Actor(Arc::new(factory)) });
        self.check_graphs();
    }

    /// Registers `graph` as component `name`: a subgraph, whose exported
    /// inports and outports are the component's ports (see
    /// [`component_spec`]). A process of this component is replaced, when
    /// the graph that holds it is validated, by the processes of `graph`,
    /// named `process/inner`.
    ///
    /// The graph is registered even when it does not validate yet, so that
    /// graphs can be registered in any order and refer to each other; every
    /// registration checks the registered graphs again, and a graph's
    /// problems are in [`ComponentEntry::problems`] (and are reported, with
    /// positions in its own file, when a graph that uses it is validated).
    /// To register many graphs, [`register_graphs`](Self::register_graphs)
    /// checks them once.
    ///
    /// # Examples
    /// ```
    /// use actor_core::{Graph, graph::validate};
    /// let mut registry = actor_components::standard();
    /// let relay = Graph::from_fbp_str("INPORT=r.IN:IN\nOUTPORT=r.OUT:OUT\nr(core/Repeat)", None).unwrap();
    /// registry.register_graph("my/Relay", relay);
    /// assert!(registry.get("my/Relay").unwrap().problems().is_empty());
    ///
    /// let main = Graph::from_fbp_str("'hi' -> IN a(my/Relay) OUT -> IN b(my/Relay)", None).unwrap();
    /// let plan = validate(&main, &registry).unwrap();
    /// let names: Vec<&str> = plan.processes.iter().map(|p| p.name.as_str()).collect();
    /// assert_eq!(names, ["a/r", "b/r"]);
    /// ```
    pub fn register_graph(&mut self, name: &str, graph: Graph) {
        self.insert_graph(name, graph);
        self.check_graphs();
    }

    /// Registers each `(name, graph)` as [`register_graph`](Self::register_graph)
    /// does, checking the registered graphs once at the end.
    pub fn register_graphs(&mut self, graphs: impl IntoIterator<Item = (String, Graph)>) {
        for (name, graph) in graphs {
            self.insert_graph(&name, graph);
        }
        self.check_graphs();
    }

    fn insert_graph(&mut self, name: &str, graph: Graph) {
        let spec = ComponentSpec { name: name.to_string(), description: String::new(), ports: Ports::new() };
        let kind = Kind::Graph { graph: Arc::new(graph), problems: Vec::new() };
        self.components.insert(name.to_string(), ComponentEntry { spec, kind });
    }

    /// Validates every registered graph against the registry as it is now,
    /// and stores its spec or its problems. A graph's validation inlines
    /// the graphs it uses (reading their graphs, not their stored specs), so
    /// the order of this loop does not matter.
    fn check_graphs(&mut self) {
        let checked: Vec<(String, Result<ComponentSpec, Vec<ValidationError>>)> = self
            .components
            .iter()
            .filter_map(|(name, e)| e.graph().map(|g| (name.clone(), component_spec(name, g, &*self))))
            .collect();
        for (name, result) in checked {
            let Some(entry) = self.components.get_mut(&name) else { continue };
            let Kind::Graph { graph, problems } = &mut entry.kind else { continue };
            let description = graph.properties.get("description").and_then(Json::as_str).unwrap_or_default().to_string();
            (entry.spec, *problems) = match result {
                Ok(spec) => (spec, Vec::new()),
                Err(errors) => (ComponentSpec { name: name.clone(), description, ports: Ports::new() }, errors),
            };
        }
    }

    /// Registers a closure as a component (see [`FnActor`]). Each process
    /// gets its own clone of `f`.
    pub fn register_fn<F>(&mut self, name: &str, description: &str, ports: Ports, f: F)
    where
        F: FnMut(&mut ActorRunContext) -> ActorResult + Clone + MaybeSend + MaybeSync + 'static,
    {
        let spec = ComponentSpec { name: name.to_string(), description: description.to_string(), ports: ports.clone() };
        self.register_spec(spec, move |_| Ok(Box::new(FnActor::new(ports.clone(), f.clone())) as Box<dyn DynActor>));
    }

    /// The component called `name`.
    pub fn get(&self, name: &str) -> Option<&ComponentEntry> {
        self.components.get(name)
    }

    /// Every component, sorted by name.
    pub fn iter(&self) -> impl Iterator<Item = &ComponentEntry> {
        self.components.values()
    }

    /// Every component name, sorted.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.components.keys().map(String::as_str)
    }
}

impl ComponentSpecs for Registry {
    fn spec(&self, name: &str) -> Option<&ComponentSpec> {
        self.get(name).map(|e| &e.spec)
    }
    fn component_names(&self) -> Vec<&str> {
        self.names().collect()
    }
    fn subgraph(&self, name: &str) -> Option<&Graph> {
        self.get(name).and_then(ComponentEntry::graph)
    }
}
