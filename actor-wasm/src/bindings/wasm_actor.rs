use std::cell::{Cell, RefCell};
use std::rc::Rc;

use actor_core::{Actor, ActorResult, ActorRunContext, Packet, Ports};
use js_sys::{Array, Function, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use super::context::{JsRunContext, RunShared};
use super::convert::{error_message, json_to_js, packet_to_js, value_to_js};
use super::{ExternActor, LiveMemoryStateHandle};

/// Runs an [`ExternActor`] (a JS actor) as a process of a network.
///
/// Before the first run, it makes one `LiveMemoryStateHandle` JS object for
/// the process's state and assigns it to the JS object's `state`. The actor
/// keeps that object, and with it a strong handle to the state, for the
/// process's whole life, and passes the very same object as `context.state`
/// to every run, so every run sees the same state and a subscription made in
/// one run stays live.
///
/// The JS `run` is called once per packet, in arrival order, even when the
/// network delivers several packets in one activation (a burst), and once
/// for the single activation of an actor without inports. Each call gets
/// an `ActorRunContext` with that packet; the actor awaits the Promise `run`
/// returns (if any),
/// attaches the repeaters `context.repeat` asked for (kept for the
/// process's life), then delivers what `context.send` queued, in order,
/// with back-pressure.
///
/// When every inport has closed, the JS `finish(context)` (if the object
/// has one) is called the same way, with no input.
///
/// # Errors
/// A run fails the process, with the message, when `run` throws, its
/// Promise rejects, it called `context.error(e)`, or the `state` setter throws.
#[derive(Debug)]
pub struct WasmActor {
    actor: ExternActor,
    state: Option<JsValue>,
    config: Option<JsValue>,
}

impl WasmActor {
    /// A process for `actor`.
    pub fn new(actor: ExternActor) -> Self {
        Self { actor, state: None, config: None }
    }

    /// The JS state handle of this process, made and assigned on first use.
    fn state_handle(&mut self, ctx: &ActorRunContext) -> Result<JsValue, String> {
        if let Some(h) = &self.state {
            return Ok(h.clone());
        }
        let handle = JsValue::from(LiveMemoryStateHandle::from_state(ctx.state().clone()));
        self.actor.set_state(&handle)?;
        self.state = Some(handle.clone());
        Ok(handle)
    }

    fn config(&mut self, ctx: &ActorRunContext) -> Result<JsValue, String> {
        if self.config.is_none() {
            self.config = Some(json_to_js(ctx.config()).map_err(|e| e.to_string())?);
        }
        Ok(self.config.clone().unwrap_or(JsValue::NULL))
    }
}

impl Actor for WasmActor {
    fn ports(&self) -> Ports {
        self.actor.ports()
    }

    async fn run(&mut self, ctx: &mut ActorRunContext) -> ActorResult {
        let waiting = take_waiting(ctx);
        if waiting.is_empty() {
            // The single activation of an actor without inports.
            return self.run_js(ctx, None).await;
        }
        for packet in waiting {
            self.run_js(ctx, Some(packet)).await?;
        }
        Ok(())
    }

    async fn finish(&mut self, ctx: &mut ActorRunContext) -> ActorResult {
        if self.actor.has_finish() {
            self.call_js(ctx, None, Hook::Finish).await?;
        }
        Ok(())
    }
}

/// Which JS method a call is for.
#[derive(Debug, Clone, Copy)]
enum Hook {
    Run,
    Finish,
}

/// One packet taken from an inport: (port, array index, packet).
type Waiting = (String, Option<usize>, Packet);

impl WasmActor {
    /// Calls the JS `run` once, for `packet` (or with no input).
    async fn run_js(&mut self, ctx: &mut ActorRunContext, packet: Option<Waiting>) -> ActorResult {
        self.call_js(ctx, packet, Hook::Run).await
    }

    /// Calls `run` or `finish` with a fresh context, awaits it, then
    /// attaches the repeaters asked for and delivers what it sent.
    async fn call_js(&mut self, ctx: &mut ActorRunContext, packet: Option<Waiting>, hook: Hook) -> ActorResult {
        let state = self.state_handle(ctx)?;
        let config = self.config(ctx)?;
        let trigger = packet.as_ref().map(|(port, _, _)| port.clone());
        let (input, packets) = packet_to_context(packet);
        let shared = Rc::new(RunShared {
            outports: self.actor.outports(),
            outbox: RefCell::default(),
            error: RefCell::default(),
            repeats: RefCell::default(),
            state: ctx.state().clone(),
            open: Cell::new(true),
        });
        let context = JsValue::from(JsRunContext {
            shared: shared.clone(),
            input,
            packets,
            state,
            config,
            process: ctx.process().to_string(),
            trigger,
        });
        let returned = match hook {
            Hook::Run => self.actor.call_run(&context),
            Hook::Finish => self.actor.call_finish(&context),
        };
        let outcome = match returned {
            Ok(value) if is_thenable(&value) => {
                JsFuture::from(Promise::resolve(&value)).await.map(drop).map_err(|e| error_message(&e))
            }
            Ok(_) => Ok(()),
            Err(message) => Err(message),
        };
        shared.open.set(false);
        outcome?;
        if let Some(message) = shared.error.borrow_mut().take() {
            return Err(message.into());
        }
        let repeats = std::mem::take(&mut *shared.repeats.borrow_mut());
        for (field, port) in repeats {
            ctx.repeat_to_outport(&field, &port)?;
        }
        let queued = std::mem::take(&mut *shared.outbox.borrow_mut());
        for (port, index, packet) in queued {
            match index {
                None => ctx.send(&port, packet).await?,
                Some(index) => ctx.send_to(&port, index, packet).await?,
            }
        }
        Ok(())
    }
}

/// Takes every waiting packet, port by port in declaration order, each
/// port's in arrival order.
fn take_waiting(ctx: &mut ActorRunContext) -> Vec<Waiting> {
    let ports: Vec<String> = ctx.inport_names().map(str::to_string).collect();
    let mut waiting = Vec::new();
    for port in ports {
        while let Some((index, packet)) = ctx.take_indexed(&port) {
            waiting.push((port.clone(), index, packet));
        }
    }
    waiting
}

/// `(input, packets)` for one run, as described on [`JsRunContext`].
fn packet_to_context(packet: Option<Waiting>) -> (JsValue, JsValue) {
    let input = Object::new();
    let packets = Array::new();
    if let Some((port, index, packet)) = packet {
        let port_js = JsValue::from_str(&port);
        if let Some(data) = packet.data() {
            let _ = Reflect::set(&input, &port_js, &value_to_js(data));
        }
        let entry = packet_to_js(&packet);
        let _ = Reflect::set(&entry, &"port".into(), &port_js);
        let index = index.map_or(JsValue::UNDEFINED, |i| JsValue::from_f64(i as f64));
        let _ = Reflect::set(&entry, &"index".into(), &index);
        packets.push(&entry);
    }
    (input.into(), packets.into())
}

/// Whether `value` has a callable `then` (a Promise or any thenable).
fn is_thenable(value: &JsValue) -> bool {
    value.is_object() && Reflect::get(value, &"then".into()).is_ok_and(|then| then.is_instance_of::<Function>())
}
