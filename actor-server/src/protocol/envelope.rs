use serde::{Deserialize, Serialize};
use serde_json::Value as Json;

/// The largest message a client may send, in bytes of UTF-8 text: 1 MiB.
///
/// The WebSocket layer refuses a longer message and closes the connection
/// with close code 1009 (message too big, RFC 6455 §7.4.1), since reading
/// on would mean buffering it.
pub const MAX_MESSAGE_BYTES: usize = 1 << 20;

/// A message from a client.
///
/// `secret` is the top-level secret (protocol 0.8); [`Incoming::secrets`]
/// also returns the legacy `payload.secret`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Incoming {
    /// The protocol: `runtime`, `graph`, `component`, `network` (or `trace`).
    pub protocol: String,
    /// The command within the protocol, such as `addnode`.
    pub command: String,
    /// The command's payload (an object; `null` when absent).
    #[serde(default)]
    pub payload: Json,
    /// The access token (protocol 0.8 and later).
    #[serde(default)]
    pub secret: Option<Json>,
    /// An identifier the runtime copies into the `responseTo` of its replies.
    #[serde(default, rename = "requestId")]
    pub request_id: Option<String>,
}

/// A message that could not be read as an fbp-protocol message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    /// The text is not JSON, or not an object with string `protocol` and
    /// `command`. The message holds serde's text with line and column.
    #[error("invalid message: {0} (expected a JSON object with \"protocol\", \"command\" and \"payload\")")]
    Invalid(String),
    /// `payload` is present but not an object.
    #[error("invalid message: \"payload\" must be an object")]
    PayloadNotObject,
}

impl Incoming {
    /// Parses one text frame.
    ///
    /// # Errors
    /// [`ParseError`] for malformed JSON, a missing `protocol` or `command`,
    /// or a payload that is not an object.
    pub fn parse(text: &str) -> Result<Self, ParseError> {
        let mut msg: Incoming = serde_json::from_str(text).map_err(|e| ParseError::Invalid(e.to_string()))?;
        match &mut msg.payload {
            Json::Null => msg.payload = Json::Object(Default::default()),
            Json::Object(_) => {}
            _ => return Err(ParseError::PayloadNotObject),
        }
        Ok(msg)
    }

    /// The secrets the message carries: the top-level one and the legacy
    /// `payload.secret`, each when present. Non-string values are kept as
    /// `None` entries so that they never match.
    pub fn secrets(&self) -> Vec<Option<&str>> {
        let mut out = Vec::new();
        if let Some(s) = &self.secret {
            out.push(s.as_str());
        }
        if let Some(s) = self.payload.get("secret") {
            out.push(s.as_str());
        }
        out
    }

    /// The payload without its legacy `secret`, for reading and echoing.
    pub fn payload_without_secret(&self) -> Json {
        let mut p = self.payload.clone();
        if let Some(o) = p.as_object_mut() {
            o.remove("secret");
        }
        p
    }
}

/// A message from the runtime.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outgoing {
    /// The protocol.
    pub protocol: &'static str,
    /// The command.
    pub command: &'static str,
    /// The payload (an object, or an integer for `componentsready`).
    pub payload: Json,
    /// The `requestId` of the request this answers.
    #[serde(rename = "responseTo", skip_serializing_if = "Option::is_none")]
    pub response_to: Option<String>,
}

impl Outgoing {
    /// A message with no `responseTo`.
    pub fn new(protocol: &'static str, command: &'static str, payload: impl Serialize) -> Self {
        let payload = serde_json::to_value(payload).unwrap_or(Json::Null);
        Self { protocol, command, payload, response_to: None }
    }

    /// `{protocol}:error` with `message` (every protocol has an `error` command).
    pub fn error(protocol: &'static str, message: impl Into<String>) -> Self {
        Self::new(protocol, "error", serde_json::json!({ "message": message.into() }))
    }

    /// The message as JSON text.
    pub fn to_text(&self) -> String {
        serde_json::to_string(self).expect("JSON values always serialize")
    }
}
