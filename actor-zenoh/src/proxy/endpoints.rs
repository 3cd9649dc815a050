//! The Zenoh publishers and subscribers of a node's remote connections,
//! declared before the network is built, and the registry entries that
//! hand them to the proxy processes.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use actor_core::network::DynActor;
use actor_core::{ActorError, ComponentSpec, PortSpec, Ports, Registry};
use serde_json::Value as Json;
use zenoh::Session;
use zenoh::qos::CongestionControl;

use super::receive::ReceiveProxy;
use super::send::SendProxy;
use super::{RECEIVE_COMPONENT, SEND_COMPONENT};
use crate::keys;
use crate::names::RunId;
use crate::placement::Share;
use crate::wire::Frame;

/// Every proxy of one node, by connection index, until the network takes it.
#[derive(Debug, Default)]
pub(crate) struct Endpoints {
    sends: Mutex<HashMap<usize, SendProxy>>,
    receives: Mutex<HashMap<usize, ReceiveProxy>>,
}

impl Endpoints {
    /// Declares, for each remote connection of `share`, the data publisher
    /// and ack subscriber (sending side) or the data subscriber and ack
    /// publisher (receiving side).
    ///
    /// # Errors
    /// A Zenoh declaration failed.
    pub(crate) async fn declare(
        session: &Session,
        run: &RunId,
        hash: &str,
        share: &Share,
        window: u64,
    ) -> Result<Arc<Self>, zenoh::Error> {
        let endpoints = Self::default();
        for r in &share.sends {
            let publisher =
                session.declare_publisher(keys::data(run, hash, r.index)).congestion_control(CongestionControl::Block).await?;
            let (tx, acks) = flume::unbounded();
            let subscriber = session
                .declare_subscriber(keys::ack(run, hash, r.index))
                .callback(move |sample| {
                    let _ = tx.send(sample.payload().to_bytes().into_owned());
                })
                .await?;
            let proxy = SendProxy::new(r, publisher, subscriber, acks, window);
            endpoints.sends.lock().unwrap_or_else(PoisonError::into_inner).insert(r.index, proxy);
        }
        for r in &share.receives {
            let publisher =
                session.declare_publisher(keys::ack(run, hash, r.index)).congestion_control(CongestionControl::Block).await?;
            let (tx, frames) = flume::unbounded();
            let subscriber = session
                .declare_subscriber(keys::data(run, hash, r.index))
                .callback(move |sample| {
                    // Decoded here, on Zenoh's receiving thread: holding
                    // the payload instead would keep Zenoh's whole receive
                    // buffer alive, and make it allocate a new one.
                    let _ = tx.send(Frame::decode(&sample.payload().to_bytes()));
                })
                .await?;
            let proxy = ReceiveProxy::new(r, publisher, subscriber, frames, window);
            endpoints.receives.lock().unwrap_or_else(PoisonError::into_inner).insert(r.index, proxy);
        }
        Ok(Arc::new(endpoints))
    }
}

/// Registers [`SEND_COMPONENT`] and [`RECEIVE_COMPONENT`] in `registry`;
/// each process takes the endpoints of the connection its config names
/// (`{"connection": <index>}`).
pub(crate) fn register(registry: &mut Registry, endpoints: Arc<Endpoints>) {
    let send = ComponentSpec {
        name: SEND_COMPONENT.to_string(),
        description: "Sends packets to a process on another node (a remote connection over Zenoh)".to_string(),
        ports: Ports::new().inport(PortSpec::new("in").describe("packets for the remote process")),
    };
    let ends = endpoints.clone();
    registry.register_spec(send, move |config| {
        let index = connection(config)?;
        let proxy = ends.sends.lock().unwrap_or_else(PoisonError::into_inner).remove(&index);
        proxy.map(|p| Box::new(p) as Box<dyn DynActor>).ok_or_else(|| missing(index))
    });
    let receive = ComponentSpec {
        name: RECEIVE_COMPONENT.to_string(),
        description: "Receives packets from a process on another node (a remote connection over Zenoh)".to_string(),
        ports: Ports::new().outport(PortSpec::new("out").describe("the packets the remote process sent")),
    };
    registry.register_spec(receive, move |config| {
        let index = connection(config)?;
        let proxy = endpoints.receives.lock().unwrap_or_else(PoisonError::into_inner).remove(&index);
        proxy.map(|p| Box::new(p) as Box<dyn DynActor>).ok_or_else(|| missing(index))
    });
}

fn connection(config: &Json) -> Result<usize, ActorError> {
    config
        .get("connection")
        .and_then(Json::as_u64)
        .map(|i| i as usize)
        .ok_or_else(|| "expected config {\"connection\": <index>}".into())
}

fn missing(index: usize) -> ActorError {
    format!("no remote connection {index} was declared on this node (or a process already took it)").into()
}
