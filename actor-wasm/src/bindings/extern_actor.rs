use actor_core::{PortSpec, Ports};
use js_sys::{Array, Function, Reflect};
use wasm_bindgen::prelude::*;

use super::BindingError;
use super::convert::error_message;

/// A JS actor object, checked and ready to run as a process.
///
/// The object (a plain object or a class instance) has:
/// - `inports`, `outports`: arrays of port names (each may be missing: no ports);
/// - `run(context)`: called once per packet with an `ActorRunContext`; it
///   may return a Promise, which the process awaits before the next packet;
/// - optionally a `state` setter (or plain property): the process assigns
///   its `LiveMemoryStateHandle` to it once, before the first run;
/// - optionally `finish(context)`: called once when every inport has
///   closed, after the last run (outports still deliver, so aggregators
///   send their result here); it may return a Promise.
///
/// ```typescript
/// interface Actor {
///   inports: Array<string>; outports: Array<string>;
///   run(context: ActorRunContext): void | Promise<void>;
///   get state(): LiveMemoryStateHandle; set state(value: LiveMemoryStateHandle);
/// }
/// ```
#[wasm_bindgen]
#[derive(Debug, Clone)]
pub struct ExternActor {
    object: JsValue,
    run: Function,
    finish: Option<Function>,
    inports: Vec<String>,
    outports: Vec<String>,
}

#[wasm_bindgen]
impl ExternActor {
    /// Checks `object`'s shape and wraps it (the object itself, not a copy).
    ///
    /// # Errors
    /// Throws when `run` is not a function or a port list is not an array
    /// of unique strings.
    #[wasm_bindgen(constructor)]
    pub fn new(object: JsValue) -> Result<ExternActor, JsValue> {
        Ok(Self::wrap(object)?)
    }

    /// The declared inport names.
    #[wasm_bindgen(getter)]
    pub fn inports(&self) -> Vec<String> {
        self.inports.clone()
    }

    /// The declared outport names.
    #[wasm_bindgen(getter)]
    pub fn outports(&self) -> Vec<String> {
        self.outports.clone()
    }

    /// The wrapped JS object.
    #[wasm_bindgen(getter)]
    pub fn object(&self) -> JsValue {
        self.object.clone()
    }
}

impl ExternActor {
    /// Checks and wraps `object` (see [`ExternActor::new`]).
    ///
    /// # Errors
    /// [`BindingError::InvalidActor`] saying what is wrong.
    pub fn wrap(object: JsValue) -> Result<Self, BindingError> {
        if !object.is_object() {
            return Err(BindingError::InvalidActor(format!("expected an object, got {object:?}")));
        }
        let run = get(&object, "run")?
            .dyn_into::<Function>()
            .map_err(|_| BindingError::InvalidActor("`run` must be a function".into()))?;
        let finish = match get(&object, "finish")? {
            f if f.is_undefined() || f.is_null() => None,
            f => Some(f.dyn_into::<Function>().map_err(|_| BindingError::InvalidActor("`finish` must be a function".into()))?),
        };
        let inports = port_list(&object, "inports")?;
        let outports = port_list(&object, "outports")?;
        Ok(Self { object, run, finish, inports, outports })
    }

    /// The ports as `actor_core` declares them (type `all`, optional).
    pub fn ports(&self) -> Ports {
        let ports = self.inports.iter().fold(Ports::new(), |p, n| p.inport(PortSpec::new(n)));
        self.outports.iter().fold(ports, |p, n| p.outport(PortSpec::new(n)))
    }

    /// Assigns `handle` to the object's `state` (calling its setter, if any).
    ///
    /// # Errors
    /// When the setter throws or the property is read-only.
    pub fn set_state(&self, handle: &JsValue) -> Result<(), String> {
        match Reflect::set(&self.object, &"state".into(), handle) {
            Ok(true) => Ok(()),
            Ok(false) => Err("its `state` property is read-only".to_string()),
            Err(e) => Err(format!("its `state` setter threw: {}", error_message(&e))),
        }
    }

    /// Calls `run(context)` with `this` = the object; returns what it returned.
    ///
    /// # Errors
    /// The message of what `run` threw.
    pub fn call_run(&self, context: &JsValue) -> Result<JsValue, String> {
        self.run.call1(&self.object, context).map_err(|e| error_message(&e))
    }

    /// Calls `finish(context)` if the object has one; returns what it
    /// returned (`undefined` when there is none).
    ///
    /// # Errors
    /// The message of what `finish` threw.
    pub fn call_finish(&self, context: &JsValue) -> Result<JsValue, String> {
        match &self.finish {
            Some(finish) => finish.call1(&self.object, context).map_err(|e| error_message(&e)),
            None => Ok(JsValue::UNDEFINED),
        }
    }

    /// Whether the object has a `finish` method.
    pub fn has_finish(&self) -> bool {
        self.finish.is_some()
    }
}

fn get(object: &JsValue, key: &str) -> Result<JsValue, BindingError> {
    Reflect::get(object, &key.into())
        .map_err(|e| BindingError::InvalidActor(format!("reading `{key}` threw: {}", error_message(&e))))
}

fn port_list(object: &JsValue, key: &str) -> Result<Vec<String>, BindingError> {
    let list = get(object, key)?;
    if list.is_undefined() || list.is_null() {
        return Ok(Vec::new());
    }
    if !Array::is_array(&list) {
        return Err(BindingError::InvalidActor(format!("`{key}` must be an array of port names")));
    }
    let mut names: Vec<String> = Vec::new();
    for item in Array::from(&list).iter() {
        let name = item
            .as_string()
            .ok_or_else(|| BindingError::InvalidActor(format!("`{key}` must hold strings, got {item:?}")))?;
        if names.contains(&name) {
            return Err(BindingError::InvalidActor(format!("`{key}` names {name:?} twice")));
        }
        names.push(name);
    }
    Ok(names)
}
