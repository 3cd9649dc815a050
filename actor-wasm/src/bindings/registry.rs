use actor_core::{ComponentSpec, Registry};
use actor_core::network::DynActor;
use js_sys::Function;
use wasm_bindgen::prelude::*;

use super::convert::{error_message, json_to_js};
use super::{ExternActor, WasmActor};

/// Components by name (the JS class `Registry`): the standard components of
/// `actor_core`, the Rust components of [`crate::components`], and JS
/// components added with `register`.
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
