use actor_core::{ComponentSpec, Graph, Registry};
use actor_core::network::DynActor;
use js_sys::Function;
use wasm_bindgen::prelude::*;

use super::convert::{error_message, js_to_json, json_to_js};
use super::{BindingError, ExternActor, WasmActor};
use crate::graph_text;

/// Components by name (the JS class `Registry`): the standard components of
/// `actor_core`, the Rust components of [`crate::components`], JS
/// components added with `register`, and graphs (subgraphs) added with
/// `registerFbp`, `registerJson` or `registerGraph`.
#[wasm_bindgen(js_name = Registry)]
#[derive(Debug, Clone)]
pub struct JsRegistry {
    pub(crate) inner: Registry,
}

#[wasm_bindgen(js_class = Registry)]
impl JsRegistry {
    /// A registry with every standard and `rust/*` component.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Self {
        let mut inner = actor_components::standard();
        crate::components::register_all(&mut inner);
        Self { inner }
    }

    /// Registers a JS component: `factory(config)` returns a fresh JS actor
    /// object (see `ExternActor`) for each process, `config` being the
    /// process's metadata or `null`. The ports are read from one actor made
    /// now with `config` = `null`.
    ///
    /// # Errors
    /// Throws when `factory(null)` throws or returns something that is not
    /// an actor object.
    pub fn register(&mut self, name: &str, factory: Function, description: Option<String>) -> Result<(), JsValue> {
        let probe = factory.call1(&JsValue::UNDEFINED, &JsValue::NULL)?;
        let ports = ExternActor::wrap(probe)?.ports();
        let spec = ComponentSpec { name: name.to_string(), description: description.unwrap_or_default(), ports };
        self.inner.register_spec(spec, move |config| {
            let config = json_to_js(config).map_err(|e| e.to_string())?;
            let object = factory
                .call1(&JsValue::UNDEFINED, &config)
                .map_err(|e| format!("the JS factory threw: {}", error_message(&e)))?;
            let actor = ExternActor::wrap(object).map_err(|e| e.to_string())?;
            Ok(Box::new(WasmActor::new(actor)) as Box<dyn DynActor>)
        });
        Ok(())
    }

    /// Registers a graph given as `.fbp` text as component `name` (a
    /// subgraph): its exported ports are the component's ports, and a
    /// process of this component runs as the graph's processes, named
    /// `process/inner`. `file` (optional) names the source in error
    /// messages. The graph is registered even when it does not validate
    /// yet (it may use components registered later); `problems(name)`
    /// says what is wrong with it now, and building a network that uses it
    /// reports the same, with positions in its text.
    ///
    /// # Errors
    /// Throws when the text does not parse (`file:line:column: ...`).
    #[wasm_bindgen(js_name = registerFbp)]
    pub fn register_fbp(&mut self, name: &str, text: &str, file: Option<String>) -> Result<(), JsValue> {
        let graph = graph_text::graph_from_fbp(text, file.as_deref()).map_err(BindingError::from)?;
        self.inner.register_graph(name, graph);
        Ok(())
    }

    /// Registers a graph given as NoFlo graph JSON text as component
    /// `name`, as `registerFbp` does.
    ///
    /// # Errors
    /// Throws on malformed JSON (`file:line:column: ...`).
    #[wasm_bindgen(js_name = registerJson)]
    pub fn register_json(&mut self, name: &str, text: &str, file: Option<String>) -> Result<(), JsValue> {
        let graph = graph_text::graph_from_json(text, file.as_deref()).map_err(BindingError::from)?;
        self.inner.register_graph(name, graph);
        Ok(())
    }

    /// Registers a graph given as a JS object shaped like NoFlo graph JSON
    /// as component `name`, as `registerFbp` does.
    ///
    /// # Errors
    /// Throws when the object is not shaped like a graph.
    #[wasm_bindgen(js_name = registerGraph)]
    pub fn register_graph(&mut self, name: &str, graph: JsValue) -> Result<(), JsValue> {
        let json = js_to_json(graph, || "the graph".to_string())?;
        let graph: Graph = serde_json::from_value(json)
            .map_err(|e| BindingError::Convert { what: "the graph".to_string(), reason: e.to_string() })?;
        self.inner.register_graph(name, graph);
        Ok(())
    }

    /// Whether component `name` is a graph.
    #[wasm_bindgen(js_name = isGraph)]
    pub fn is_graph(&self, name: &str) -> bool {
        self.inner.get(name).is_some_and(|e| e.graph().is_some())
    }

    /// What is wrong with graph component `name` against the registry as
    /// it is now, one message per problem (`file:line:column: ...` when the
    /// graph came from text with a file name); empty when it validates, or
    /// when `name` is not a graph.
    pub fn problems(&self, name: &str) -> Vec<String> {
        self.inner.get(name).map(|e| e.problems().iter().map(ToString::to_string).collect()).unwrap_or_default()
    }

    /// Whether a component called `name` is registered.
    pub fn has(&self, name: &str) -> bool {
        self.inner.get(name).is_some()
    }

    /// Every component name, sorted.
    pub fn names(&self) -> Vec<String> {
        self.inner.names().map(str::to_string).collect()
    }
}

impl Default for JsRegistry {
    fn default() -> Self {
        Self::new()
    }
}
