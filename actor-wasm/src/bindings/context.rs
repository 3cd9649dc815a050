use std::cell::{Cell, RefCell};
use std::rc::Rc;

use actor_core::{Packet, Value};
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
/// - `sendPacket({port, type, data, index})`: queues one packet of any
///   type (`data`, the default, `openBracket` or `closeBracket`, with
///   optional `data`), to array index `index` of an array outport when
///   given; delivered in order with what `send` queued.
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
    /// Queued packets: (outport, array index, packet).
    pub(crate) outbox: RefCell<Vec<(String, Option<usize>, Packet)>>,
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
            self.check_outport(&port)?;
            let value = js_to_value(&pair.get(1), &|| format!("the message for outport {port:?}"))?;
            queued.push((port, None, Packet::Data(value)));
        }
        self.shared.outbox.borrow_mut().extend(queued);
        Ok(())
    }

    /// Queues one packet `{port, type, data, index}`: `type` is `"data"`
    /// (the default), `"openBracket"` or `"closeBracket"` (NoFlo's bracket
    /// IPs; their `data` is optional); `index` (a whole number, optional)
    /// sends to that index of an array outport only.
    ///
    /// # Errors
    /// Throws, queueing nothing, when `packet` is not an object, names an
    /// undeclared outport, has an unknown `type`, an `index` that is not a
    /// whole number from 0 to 2^32 - 1, data that cannot be carried, or the
    /// run has already returned.
    #[wasm_bindgen(js_name = sendPacket)]
    pub fn send_packet(&self, packet: JsValue) -> Result<(), JsValue> {
        self.check_open("sendPacket")?;
        if !packet.is_object() || Array::is_array(&packet) {
            return Err(BindingError::Phase("sendPacket expects an object {port, type, data, index}".into()).into());
        }
        let field = |name: &str| js_sys::Reflect::get(&packet, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED);
        let port = field("port")
            .as_string()
            .ok_or_else(|| BindingError::Phase("sendPacket: `port` must be a string".into()))?;
        self.check_outport(&port)?;
        let index = match field("index") {
            v if v.is_undefined() || v.is_null() => None,
            v => match v.as_f64() {
                Some(i) if i.fract() == 0.0 && (0.0..4_294_967_296.0).contains(&i) => Some(i as usize),
                _ => {
                    return Err(BindingError::Phase(format!(
                        "sendPacket: `index` must be a whole number from 0 to 2^32 - 1, got {}",
                        error_message(&v)
                    ))
                    .into());
                }
            },
        };
        let data = field("data");
        let data = if data.is_undefined() {
            None
        } else {
            Some(js_to_value(&data, &|| format!("the data of a packet for outport {port:?}"))?)
        };
        let kind = field("type");
        let packet = match kind.as_string().as_deref() {
            None if kind.is_undefined() => Packet::Data(data.unwrap_or(Value::Null)),
            Some("data") => Packet::Data(data.unwrap_or(Value::Null)),
            Some("openBracket") => Packet::OpenBracket(data),
            Some("closeBracket") => Packet::CloseBracket(data),
            _ => {
                return Err(BindingError::Phase(format!(
                    "sendPacket: `type` must be \"data\", \"openBracket\" or \"closeBracket\", got {}",
                    error_message(&kind)
                ))
                .into());
            }
        };
        self.shared.outbox.borrow_mut().push((port, index, packet));
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
    /// An error naming the declared outports unless `port` is one of them.
    fn check_outport(&self, port: &str) -> Result<(), BindingError> {
        if self.shared.outports.iter().any(|p| p == port) {
            return Ok(());
        }
        Err(BindingError::Port(PortError::NoOutport {
            process: self.process.clone(),
            port: port.to_string(),
            known: self.shared.outports.join(", "),
        }))
    }

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
