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
/// - `input`: for each inport that received a data packet in this
///   activation, its data (`context.input.in`). The network activates a
///   process once per packet, so normally one port is present.
/// - `packets`: every packet of this activation, brackets included, as
///   `{port, index, type, data}` (`type` is `data`, `openBracket` or
///   `closeBracket`; `index` is set for array ports only).
/// - `state`: the process's `LiveMemoryStateHandle`: the same JS object in
///   every run of the process, holding the same state Rust holders see.
/// - `config`: the process's metadata from the graph, or `null`.
/// - `process`: the process's name; `trigger`: the inport that activated it.
/// - `send({port: value, ...})`: queues one packet per named outport; they
///   are delivered, in order, when `run` returns (or its Promise resolves).
/// - `error(e)`: fails the process with `e`'s message when `run` returns,
///   like throwing would.
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
    /// Cleared when the run has returned; later calls throw.
    pub(crate) open: Cell<bool>,
}

#[wasm_bindgen(js_class = ActorRunContext)]
impl JsRunContext {
    /// Data received in this activation, by inport name.
    #[wasm_bindgen(getter)]
    pub fn input(&self) -> JsValue {
        self.input.clone()
    }

    /// Every packet of this activation, as `{port, index, type, data}`.
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
        self.shared.error.borrow_mut().get_or_insert_with(|| error_message(&error));
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
