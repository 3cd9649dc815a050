use actor_core::Packet;
use actor_core::network::OutportHandle;
use js_sys::{Function, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

use super::convert::{console_error, error_message, packet_to_js, value_to_js};

/// Packets leaving the network on an exported outport (the JS class `Outport`).
///
/// Read them one at a time with `recv()`, as an async iterator
/// (`for await (const v of outport)`; the `@actorflow/js` wrapper adds
/// `Symbol.asyncIterator`), or push-style with `onPacket(callback)`. Each
/// packet goes to one reader. Packets wait in a bounded queue, so a reader
/// that falls behind slows the process feeding it.
#[wasm_bindgen]
#[derive(Debug, Clone)]
pub struct Outport {
    rx: OutportHandle,
}

impl Outport {
    pub(crate) fn new(rx: OutportHandle) -> Self {
        Self { rx }
    }
}

#[wasm_bindgen]
impl Outport {
    /// The exported port's name.
    #[wasm_bindgen(getter)]
    pub fn name(&self) -> String {
        self.rx.name().to_string()
    }

    /// Resolves to the data of the next data packet (brackets are skipped),
    /// or `undefined` once the process behind the port has ended and
    /// everything it sent was read.
    pub fn recv(&self) -> Promise {
        let rx = self.rx.clone();
        future_to_promise(async move { Ok(next_data(&rx).await.unwrap_or(JsValue::UNDEFINED)) })
    }

    /// Resolves to the next packet, brackets included, as `{type, data}`, or
    /// `undefined` at the end.
    #[wasm_bindgen(js_name = recvPacket)]
    pub fn recv_packet(&self) -> Promise {
        let rx = self.rx.clone();
        future_to_promise(async move { Ok(rx.recv().await.map_or(JsValue::UNDEFINED, |p| packet_to_js(&p))) })
    }

    /// The async-iterator step: resolves to `{value, done}` over the data of
    /// the data packets.
    pub fn next(&self) -> Promise {
        let rx = self.rx.clone();
        future_to_promise(async move {
            let step = Object::new();
            let value = next_data(&rx).await;
            let _ = Reflect::set(&step, &"done".into(), &JsValue::from_bool(value.is_none()));
            let _ = Reflect::set(&step, &"value".into(), &value.unwrap_or(JsValue::UNDEFINED));
            Ok(step.into())
        })
    }

    /// The data of a data packet that is already waiting, else `undefined`
    /// (brackets at the front are skipped).
    #[wasm_bindgen(js_name = tryRecv)]
    pub fn try_recv(&self) -> JsValue {
        while let Some(p) = self.rx.try_recv() {
            if let Packet::Data(v) = p {
                return value_to_js(&v);
            }
        }
        JsValue::UNDEFINED
    }

    /// Calls `callback(data)` for the data of every data packet from now on,
    /// until the port ends. An exception it throws is reported on
    /// `console.error` and the delivery goes on.
    #[wasm_bindgen(js_name = onPacket)]
    pub fn on_packet(&self, callback: Function) {
        let rx = self.rx.clone();
        wasm_bindgen_futures::spawn_local(async move {
            while let Some(value) = next_data(&rx).await {
                if let Err(e) = callback.call1(&JsValue::UNDEFINED, &value) {
                    console_error(&format!("an outport callback threw: {}", error_message(&e)));
                }
            }
        });
    }
}

async fn next_data(rx: &OutportHandle) -> Option<JsValue> {
    loop {
        match rx.recv().await? {
            Packet::Data(v) => return Some(value_to_js(&v)),
            _ => continue,
        }
    }
}
