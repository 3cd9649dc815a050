use std::cell::RefCell;
use std::collections::BTreeMap;
use std::sync::Arc;

use actor_core::network::{EndReason, InportHandle, NetworkHandle, RunReport};
use actor_core::{Graph, Network, NetworkError, NetworkOptions};
use js_sys::{Array, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

use super::convert::{js_to_json, js_to_value};
use super::{BindingError, JsRegistry, LiveMemoryStateHandle, Outport, WasmExecutor};
use crate::graph_text;

/// A network built from a graph (the JS class `Network`).
///
/// Lifecycle: build it (`Network.fromJson`, `fromFbp` or `fromGraph`), take
/// what you need before `start()` (`outport(name)` must be called before;
/// `state(name)` and `send` work any time), `start()`, feed it with
/// `send(port, value)`, then `close()` the exported inports (or `stop()`)
/// and `await wait()`.
///
/// Every exported inport is open from construction until `closeInport`,
/// `close` or `stop`: a network with exported inports does not finish on
/// its own while they are open.
#[wasm_bindgen(js_name = Network)]
#[derive(Debug)]
pub struct JsNetwork {
    built: RefCell<Option<Network>>,
    handle: NetworkHandle,
    inports: RefCell<BTreeMap<String, InportHandle>>,
    done: RefCell<Option<Promise>>,
}

#[wasm_bindgen(js_class = Network)]
impl JsNetwork {
    /// Builds a network from NoFlo graph JSON text; `file` (optional) names
    /// the source in error messages.
    ///
    /// # Errors
    /// Throws on malformed JSON (`file:line:column: ...`), an invalid graph
    /// (every problem, one per line) or a component that cannot be made.
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(text: &str, registry: &JsRegistry, file: Option<String>) -> Result<JsNetwork, JsValue> {
        let graph = graph_text::graph_from_json(text, file.as_deref()).map_err(BindingError::from)?;
        Ok(Self::build(&graph, registry)?)
    }

    /// Builds a network from `.fbp` DSL text (port names and exported port
    /// names are lowercased, as NoFlo does); `file` (optional) names the
    /// source in error messages.
    ///
    /// # Errors
    /// As `fromJson`, with `.fbp` parse errors.
    #[wasm_bindgen(js_name = fromFbp)]
    pub fn from_fbp(text: &str, registry: &JsRegistry, file: Option<String>) -> Result<JsNetwork, JsValue> {
        let graph = graph_text::graph_from_fbp(text, file.as_deref()).map_err(BindingError::from)?;
        Ok(Self::build(&graph, registry)?)
    }

    /// Builds a network from a graph given as a JS object shaped like NoFlo graph JSON.
    ///
    /// # Errors
    /// As `fromJson`.
    #[wasm_bindgen(js_name = fromGraph)]
    pub fn from_graph(graph: JsValue, registry: &JsRegistry) -> Result<JsNetwork, JsValue> {
        let json = js_to_json(graph, || "the graph".to_string())?;
        let graph: Graph = serde_json::from_value(json).map_err(|e| BindingError::Convert {
            what: "the graph".to_string(),
            reason: e.to_string(),
        })?;
        Ok(Self::build(&graph, registry)?)
    }

    /// The state of process `name`: the very instance the process holds.
    ///
    /// # Errors
    /// Throws when the graph has no such process.
    pub fn state(&self, name: &str) -> Result<LiveMemoryStateHandle, JsValue> {
        let state = self.handle.state(name).ok_or_else(|| BindingError::from(NetworkError::NoProcess(name.into())))?;
        Ok(LiveMemoryStateHandle::from_state(state))
    }

    /// A reader of exported outport `name`. Each call adds one more reader,
    /// and each reader gets every packet.
    ///
    /// # Errors
    /// Throws for an unknown name, or after `start()`.
    pub fn outport(&self, name: &str) -> Result<Outport, JsValue> {
        let mut built = self.built.borrow_mut();
        let network = built
            .as_mut()
            .ok_or_else(|| BindingError::Phase(format!("outport({name:?}) must be called before start()")))?;
        Ok(Outport::new(network.outport(name).map_err(BindingError::from)?))
    }

    /// The names of the exported inports still open.
    #[wasm_bindgen(js_name = openInports)]
    pub fn open_inports(&self) -> Vec<String> {
        self.inports.borrow().keys().cloned().collect()
    }

    /// Starts every process. Returns at once; the processes run on the JS
    /// event loop. `wait()` gives the outcome.
    ///
    /// # Errors
    /// Throws when already started.
    pub fn start(&self) -> Result<(), JsValue> {
        let network = self.built.borrow_mut().take().ok_or_else(|| BindingError::Phase("already started".into()))?;
        let running = network.start().map_err(BindingError::from)?;
        let done = future_to_promise(async move {
            match running.wait().await {
                Ok(report) => Ok(report_to_js(&report)),
                Err(e) => Err(BindingError::from(e).into()),
            }
        });
        // Mark the promise handled, so a failed run nobody awaits is not an
        // unhandled rejection (which ends a Node process); `wait()` still
        // rejects for whoever awaits it.
        let ignore = Closure::<dyn FnMut(JsValue)>::new(|_| {});
        let _ = done.catch(&ignore);
        ignore.forget();
        *self.done.borrow_mut() = Some(done);
        Ok(())
    }

    /// Sends `value` into exported inport `port`; resolves once it is in the
    /// connection's queue (waiting while the queue is full).
    ///
    /// # Errors
    /// Throws at once for an unknown or closed inport or a value that is not
    /// data; the Promise rejects when the process behind the port has ended.
    pub fn send(&self, port: &str, value: JsValue) -> Result<Promise, JsValue> {
        let handle = self.inports.borrow().get(port).cloned().ok_or_else(|| {
            BindingError::Phase(format!(
                "exported inport {port:?} is not open (open: {})",
                self.inports.borrow().keys().cloned().collect::<Vec<_>>().join(", ")
            ))
        })?;
        let value = js_to_value(&value, &|| format!("the packet for inport {port:?}"))?;
        Ok(future_to_promise(async move {
            handle.send(value).await.map(|()| JsValue::UNDEFINED).map_err(|e| js_sys::Error::new(&e.to_string()).into())
        }))
    }

    /// Closes exported inport `port`; returns whether it was open.
    #[wasm_bindgen(js_name = closeInport)]
    pub fn close_inport(&self, port: &str) -> bool {
        self.inports.borrow_mut().remove(port).is_some()
    }

    /// Closes every exported inport, so the network can finish once the
    /// packets already sent are processed.
    pub fn close(&self) {
        self.inports.borrow_mut().clear();
    }

    /// Asks every process to stop (and closes the exported inports).
    pub fn stop(&self) {
        self.inports.borrow_mut().clear();
        self.handle.stop();
    }

    /// Resolves to `{reason, connections}` when the run ends (`reason` is
    /// `"completed"`, `"quiescent"` or `"stopped"`; `connections` lists
    /// `{label, packets}`), or rejects with an `Error` naming each failed process.
    ///
    /// # Errors
    /// Throws when the network has not been started.
    pub fn wait(&self) -> Result<Promise, JsValue> {
        self.done.borrow().clone().ok_or_else(|| BindingError::Phase("wait() before start()".into()).into())
    }

    /// Names of the processes that have not ended yet.
    #[wasm_bindgen(js_name = liveProcesses)]
    pub fn live_processes(&self) -> Vec<String> {
        self.handle.live_processes()
    }
}

impl JsNetwork {
    /// Builds `graph` with the components of `registry`, on the
    /// [`WasmExecutor`], and opens every exported inport.
    ///
    /// # Errors
    /// [`BindingError::Network`] when the graph does not validate or a
    /// component cannot be made.
    pub fn build(graph: &Graph, registry: &JsRegistry) -> Result<Self, BindingError> {
        let options = NetworkOptions { executor: Some(Arc::new(WasmExecutor)), ..NetworkOptions::default() };
        let network = Network::new(graph, &registry.inner, options)?;
        let mut inports = BTreeMap::new();
        for name in graph.inports.keys() {
            inports.insert(name.clone(), network.inport(name)?);
        }
        Ok(Self {
            handle: network.handle(),
            built: RefCell::new(Some(network)),
            inports: RefCell::new(inports),
            done: RefCell::new(None),
        })
    }
}

fn report_to_js(report: &RunReport) -> JsValue {
    let object = Object::new();
    let reason = match report.reason {
        EndReason::Completed => "completed",
        EndReason::Quiescent => "quiescent",
        EndReason::Stopped => "stopped",
    };
    let connections = Array::new();
    for c in &report.connections {
        let entry = Object::new();
        let _ = Reflect::set(&entry, &"label".into(), &c.label.as_str().into());
        let _ = Reflect::set(&entry, &"packets".into(), &JsValue::from_f64(c.packets as f64));
        connections.push(&entry);
    }
    let _ = Reflect::set(&object, &"reason".into(), &reason.into());
    let _ = Reflect::set(&object, &"connections".into(), &connections);
    object.into()
}
