use std::cell::{Cell, RefCell};
use std::rc::Rc;

use actor_core::Value;
use actor_core::actor::PortError;
use js_sys::{Array, Object};
use wasm_bindgen::prelude::*;

use super::BindingError;
use super::convert::{error_message, js_to_value};

/// What a JS actor's `run(context)` receives (the JS class `ActorRunContext`).
///
/// - `input`: the packet's data by inport name (`context.input.in`); `run`
///   is called once per packet, so at most one port is present, and none
///   for a bracket or for the single run of an actor without inports.
/// - `packets`: the packet of this run, brackets included, as a one-element
///   array of `{port, index, type, data}` (`type` is `data`, `openBracket`
///   or `closeBracket`; `index` is set for array ports only); empty when
///   there is none.
/// - `state`: the process's `LiveMemoryStateHandle`: the same JS object in
///   every run of the process, holding the same state Rust holders see.
/// - `config`: the process's metadata from the graph, or `null`.
/// - `process`: the process's name; `trigger`: the inport that activated it.
/// - `send({port: value, ...})`: queues one packet per named outport; they
///   are delivered, in order, when `run` returns (or its Promise resolves).
/// - `error(e)`: fails the process with `e`'s message when `run` returns,
///   like throwing would.
/// - `repeat(field, port)`: from the end of this run on, forwards every
///   change of hot field `field` of the state to outport `port` through a
///   repeater, for the rest of the process's life.
#[wasm_bindgen(js_name = ActorRunContext)]
#[derive(Debug)]
pub struct JsRunContext {
    pub(crate) shared: Rc<RunShared>,
    pub(crate) input: JsValue,
    pub(crate) packets: JsValue,
    pub(crate) state: JsValue,
    pub(crate) config: JsValue,
    pub(crate) process: String,
    pub(crate) trigger: Option<String>,
}

/// What a run context shares with the process that made it.
#[derive(Debug, Default)]
pub(crate) struct RunShared {
    pub(crate) outports: Vec<String>,
    pub(crate) outbox: RefCell<Vec<(String, Value)>>,
    pub(crate) error: RefCell<Option<String>>,
    /// Repeaters asked for: (hot field, outport).
    pub(crate) repeats: RefCell<Vec<(String, String)>>,
    /// The process's state, to check hot-field names.
    pub(crate) state: actor_core::LiveMemoryState,
    /// Cleared when the run has returned; later calls throw.
    pub(crate) open: Cell<bool>,
}

#[wasm_bindgen(js_class = ActorRunContext)]
impl JsRunContext {
    /// The data of this run's packet, by inport name (`{}` for a bracket or no packet).
    #[wasm_bindgen(getter)]
    pub fn input(&self) -> JsValue {
        self.input.clone()
    }

    /// This run's packet as `[{port, index, type, data}]` (empty when there is none).
    #[wasm_bindgen(getter)]
    pub fn packets(&self) -> JsValue {
        self.packets.clone()
    }

    /// The process's `LiveMemoryStateHandle`.
    #[wasm_bindgen(getter)]
    pub fn state(&self) -> JsValue {
        self.state.clone()
    }

    /// The process's config (its graph metadata), or `null`.
    #[wasm_bindgen(getter)]
    pub fn config(&self) -> JsValue {
        self.config.clone()
    }

    /// The process's name in the graph.
    #[wasm_bindgen(getter)]
    pub fn process(&self) -> String {
        self.process.clone()
    }

    /// The inport whose packet started this activation (`undefined` for the
    /// single activation of an actor without inports).
    #[wasm_bindgen(getter)]
    pub fn trigger(&self) -> Option<String> {
        self.trigger.clone()
    }

    /// Queues `messages[port]` for each outport named in `messages`.
    ///
    /// # Errors
    /// Throws, queueing nothing, when `messages` is not an object, names an
    /// undeclared outport, holds a value that is not data (a function, ...),
    /// or the run has already returned.
    pub fn send(&self, messages: JsValue) -> Result<(), JsValue> {
        self.check_open("send")?;
        if !messages.is_object() || Array::is_array(&messages) {
            return Err(BindingError::Phase("send expects an object of messages by outport name".into()).into());
        }
        let mut queued = Vec::new();
        for entry in Object::entries(messages.unchecked_ref()).iter() {
            let pair: Array = entry.unchecked_into();
            let port = pair.get(0).as_string().unwrap_or_default();
            if !self.shared.outports.contains(&port) {
                return Err(BindingError::Port(PortError::NoOutport {
                    process: self.process.clone(),
                    port,
                    known: self.shared.outports.join(", "),
                })
                .into());
            }
            let value = js_to_value(&pair.get(1), &|| format!("the message for outport {port:?}"))?;
            queued.push((port, value));
        }
        self.shared.outbox.borrow_mut().extend(queued);
        Ok(())
    }

    /// Fails this process with `error`'s message once `run` returns.
    ///
    /// # Errors
    /// Throws when the run has already returned.
    pub fn error(&self, error: JsValue) -> Result<(), JsValue> {
        self.check_open("error")?;
        // The message may run user code (an object's toJSON), so it is made
        // before the cell is borrowed.
        let message = error_message(&error);
        self.shared.error.borrow_mut().get_or_insert(message);
        Ok(())
    }
}

#[wasm_bindgen(js_class = ActorRunContext)]
impl JsRunContext {
    /// Forwards every change of hot field `field` to outport `port`, from
    /// the end of this run for the rest of the process's life (a
    /// `Repeater`: synchronous, never a glitched value, one forward per change).
    ///
    /// # Errors
    /// Throws when `field` is not a declared hot field, `port` is not a
    /// declared outport, or the run has already returned.
    pub fn repeat(&self, field: &str, port: &str) -> Result<(), JsValue> {
        self.check_open("repeat")?;
        self.shared.state.hot_slot(field).map_err(|e| BindingError::HotField(e.to_string()))?;
        if !self.shared.outports.iter().any(|p| p == port) {
            return Err(BindingError::Port(PortError::NoOutport {
                process: self.process.clone(),
                port: port.to_string(),
                known: self.shared.outports.join(", "),
            })
            .into());
        }
        self.shared.repeats.borrow_mut().push((field.to_string(), port.to_string()));
        Ok(())
    }
}

impl JsRunContext {
    fn check_open(&self, what: &str) -> Result<(), BindingError> {
        if self.shared.open.get() {
            Ok(())
        } else {
            Err(BindingError::Phase(format!(
                "process {:?}: {what}() called on a context whose run has already returned",
                self.process
            )))
        }
    }
}
