//! The component registry: component names to specs and factories.
//!
//! A graph names components (`core/Repeat`); the registry turns each name
//! into a [`ComponentSpec`] (for validation and listing) and a factory that
//! makes one actor per process. The standard components are in the
//! `actor-components` crate (`actor_components::standard()`).

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

use serde_json::Value as Json;

use crate::actor::{Actor, ActorError, ActorResult, ActorRunContext, FnActor};
use crate::process::DynActor;
use crate::graph::ComponentSpecs;
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
    /// Its name, description and ports.
    pub spec: ComponentSpec,
    pub(crate) factory: Factory,
}

impl fmt::Debug for ComponentEntry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ComponentEntry").field("spec", &self.spec).finish_non_exhaustive()
    }
}

impl ComponentEntry {
    /// Makes an actor for a process with `config`.
    ///
    /// # Errors
    /// Whatever the factory returns, for example for an invalid config.
    pub fn instantiate(&self, config: &Json) -> Result<Box<dyn DynActor>, ActorError> {
        (self.factory)(config)
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
        self.components.insert(spec.name.clone(), ComponentEntry { spec, factory: Arc::new(factory) });
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
}
