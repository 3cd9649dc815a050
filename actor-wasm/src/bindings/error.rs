use wasm_bindgen::JsValue;

/// What a binding call can fail with. Every variant becomes a JS `Error`
/// whose `message` is the [`Display`](std::fmt::Display) text.
#[derive(Debug, thiserror::Error)]
pub enum BindingError {
    /// Building, starting or running the network failed.
    #[error(transparent)]
    Network(#[from] actor_core::NetworkError),
    /// The graph text did not load.
    #[error(transparent)]
    Graph(#[from] crate::graph_text::GraphTextError),
    /// A JS value cannot be carried as a packet or state value.
    #[error("cannot convert {what}: {reason}")]
    Convert {
        /// What was being converted (`the value of state key "x"`).
        what: String,
        /// Why it cannot be.
        reason: String,
    },
    /// A JS actor object does not have the expected shape.
    #[error("invalid JS actor: {0}")]
    InvalidActor(String),
    /// The call does not fit the network's phase (for example `outport` after `start`).
    #[error("{0}")]
    Phase(String),
    /// An actor sent on a port it did not declare.
    #[error(transparent)]
    Port(#[from] actor_core::actor::PortError),
    /// A hot numeric field of the state failed.
    #[error("{0}")]
    HotField(String),
}

impl From<BindingError> for JsValue {
    fn from(e: BindingError) -> Self {
        js_sys::Error::new(&e.to_string()).into()
    }
}
