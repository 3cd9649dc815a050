//! `GET /`: the WebSocket handshake (subprotocol `noflo`), or the page.

use axum::extract::State;
use axum::extract::ws::rejection::WebSocketUpgradeRejection;
use axum::extract::ws::{CloseFrame, Message, WebSocket, WebSocketUpgrade, close_code};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use futures::{SinkExt, StreamExt};

use crate::Runtime;
use crate::protocol::MAX_MESSAGE_BYTES;

/// What the router's handlers share.
#[derive(Debug, Clone)]
pub(super) struct AppState {
    pub(super) runtime: Runtime,
    pub(super) guard: Guard,
}

/// Which handshakes are accepted (see the [module docs](super)).
#[derive(Debug, Clone, Copy)]
pub(super) struct Guard {
    /// Bound to loopback without a secret: check `Host` and `Origin`.
    pub(super) loopback: bool,
    pub(super) port: u16,
}

impl Guard {
    /// `Err` with the reason when the handshake must be refused.
    fn check(&self, headers: &HeaderMap) -> Result<(), &'static str> {
        if !self.loopback {
            return Ok(());
        }
        let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("");
        let local = ["127.0.0.1", "localhost", "[::1]"].iter().any(|name| host == format!("{name}:{}", self.port));
        if !local {
            return Err("the Host of a WebSocket handshake must be a loopback address");
        }
        if let Some(origin) = headers.get(header::ORIGIN) {
            if origin.to_str().ok() != Some(format!("http://{host}").as_str()) {
                return Err("WebSocket connections from other web sites are refused");
            }
        }
        Ok(())
    }
}

/// A WebSocket handshake gets the protocol; a plain `GET` gets the page.
pub(super) async fn root(
    State(app): State<AppState>,
    headers: HeaderMap,
    ws: Result<WebSocketUpgrade, WebSocketUpgradeRejection>,
) -> Response {
    let Ok(ws) = ws else { return super::assets::index().into_response() };
    if let Err(why) = app.guard.check(&headers) {
        return (StatusCode::FORBIDDEN, why).into_response();
    }
    ws.protocols(["noflo"])
        .max_message_size(MAX_MESSAGE_BYTES)
        .max_frame_size(MAX_MESSAGE_BYTES)
        .on_upgrade(move |socket| session(app.runtime, socket))
}

/// One client: its frames go to the runtime, the runtime's messages for it
/// go out, until either side closes.
async fn session(runtime: Runtime, socket: WebSocket) {
    let (mut sink, mut stream) = socket.split();
    let (client, outbox) = runtime.connect();
    // The reader's last word to the writer: a close frame to send, or
    // `None` when the client closed (or the socket failed) by itself.
    let (close_tx, close_rx) = flume::bounded::<Option<CloseFrame>>(1);
    let writer = tokio::spawn(async move {
        let mut outbox = outbox.into_stream();
        let mut close_rx = close_rx.into_stream();
        loop {
            tokio::select! {
                // The reader's word first: once it has ended, the outbox
                // also ends (the client is disconnected).
                biased;
                frame = close_rx.next() => {
                    if let Some(Some(frame)) = frame {
                        let _ = sink.send(Message::Close(Some(frame))).await;
                    }
                    break;
                }
                msg = outbox.next() => match msg {
                    Some(text) => {
                        if sink.send(Message::Text((&*text).into())).await.is_err() {
                            break;
                        }
                    }
                    // Dropped by the runtime: it fell too far behind.
                    None => {
                        let frame = CloseFrame { code: close_code::POLICY, reason: "too many messages waiting".into() };
                        let _ = sink.send(Message::Close(Some(frame))).await;
                        break;
                    }
                },
            }
        }
    });
    let mut last_word = None;
    while let Some(msg) = stream.next().await {
        match msg {
            Ok(Message::Text(text)) => runtime.handle_text(client, text.as_str()),
            Ok(Message::Binary(_)) => runtime.reject(client, "binary frames are not fbp-protocol messages: send JSON text frames"),
            Ok(Message::Close(_)) => break,
            Ok(_) => {}
            Err(e) => {
                let text = e.to_string();
                let code = if text.contains("too long") || text.contains("Space limit") { close_code::SIZE } else { close_code::PROTOCOL };
                let reason = if code == close_code::SIZE {
                    format!("message over the limit of {MAX_MESSAGE_BYTES} bytes")
                } else {
                    "invalid WebSocket frame".to_string()
                };
                last_word = Some(CloseFrame { code, reason: reason.into() });
                break;
            }
        }
    }
    let _ = close_tx.try_send(last_word);
    runtime.disconnect(client);
    let _ = writer.await;
}
