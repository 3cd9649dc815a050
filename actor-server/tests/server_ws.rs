//! The server over real loopback sockets: the `noflo` subprotocol, the
//! handshake guards, the message size limit, errors that keep the
//! connection up, several clients, and the page.

use std::time::Duration;

use actor_server::protocol::MAX_MESSAGE_BYTES;
use actor_server::{Runtime, RuntimeOptions, ServeError, Server};
use futures::{SinkExt, StreamExt};
use serde_json::{Value as Json, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;

type Socket = tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// Starts a server on a free loopback port; returns its `host:port`.
async fn start(secret: Option<&str>) -> String {
    let runtime = Runtime::new(actor_components::standard(), RuntimeOptions { secret: secret.map(Into::into), label: None });
    let server = Server::bind("127.0.0.1".parse().unwrap(), 0, runtime, secret.is_some()).await.unwrap();
    let addr = server.local_addr().to_string();
    tokio::spawn(server.serve(std::future::pending()));
    addr
}

async fn connect(addr: &str, headers: &[(&str, &str)]) -> Result<(Socket, Option<String>), String> {
    let mut request = format!("ws://{addr}/").into_client_request().unwrap();
    request.headers_mut().insert("Sec-WebSocket-Protocol", "noflo".parse().unwrap());
    for (k, v) in headers {
        let name = tokio_tungstenite::tungstenite::http::HeaderName::from_bytes(k.as_bytes()).unwrap();
        request.headers_mut().insert(name, v.parse().unwrap());
    }
    match tokio_tungstenite::connect_async(request).await {
        Ok((socket, response)) => {
            let protocol = response.headers().get("Sec-WebSocket-Protocol").map(|v| v.to_str().unwrap().to_string());
            Ok((socket, protocol))
        }
        Err(e) => Err(e.to_string()),
    }
}

async fn send(socket: &mut Socket, msg: Json) {
    socket.send(Message::Text(msg.to_string().into())).await.unwrap();
}

/// The next text message, parsed.
async fn recv(socket: &mut Socket) -> Json {
    loop {
        let msg = tokio::time::timeout(Duration::from_secs(10), socket.next()).await.expect("a message within 10 s");
        match msg.expect("connection open").expect("valid frame") {
            Message::Text(t) => return serde_json::from_str(&t).unwrap(),
            Message::Close(c) => panic!("closed: {c:?}"),
            _ => {}
        }
    }
}

fn cmd(m: &Json) -> String {
    format!("{}:{}", m["protocol"].as_str().unwrap(), m["command"].as_str().unwrap())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn negotiates_noflo_and_answers_getruntime() {
    let addr = start(None).await;
    let (mut ws, protocol) = connect(&addr, &[]).await.unwrap();
    assert_eq!(protocol.as_deref(), Some("noflo"));
    send(&mut ws, json!({ "protocol": "runtime", "command": "getruntime", "payload": {}, "requestId": "r1" })).await;
    let m = recv(&mut ws).await;
    assert_eq!(cmd(&m), "runtime:runtime");
    assert_eq!(m["responseTo"], "r1");
    assert_eq!(m["payload"]["version"], "0.8");
    let caps: Vec<&str> = m["payload"]["capabilities"].as_array().unwrap().iter().map(|c| c.as_str().unwrap()).collect();
    for cap in ["protocol:runtime", "protocol:graph", "protocol:component", "protocol:network", "network:data", "network:control", "network:status"] {
        assert!(caps.contains(&cap), "{cap}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_and_unknown_messages_get_errors_and_the_connection_stays_up() {
    let addr = start(None).await;
    let (mut ws, _) = connect(&addr, &[]).await.unwrap();
    ws.send(Message::Text("{\"protocol\": ".into())).await.unwrap();
    let m = recv(&mut ws).await;
    assert_eq!(cmd(&m), "runtime:error");
    assert!(m["payload"]["message"].as_str().unwrap().contains("EOF while parsing"), "{m}");
    ws.send(Message::Binary(vec![1, 2, 3].into())).await.unwrap();
    assert!(recv(&mut ws).await["payload"]["message"].as_str().unwrap().contains("binary frames"));
    send(&mut ws, json!({ "protocol": "network", "command": "fly", "payload": {} })).await;
    assert_eq!(cmd(&recv(&mut ws).await), "network:error");
    send(&mut ws, json!({ "protocol": "component", "command": "list", "payload": {} })).await;
    let first = recv(&mut ws).await;
    assert_eq!(cmd(&first), "component:component", "still connected and served");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_message_over_the_limit_closes_the_connection_with_1009() {
    let addr = start(None).await;
    let (mut ws, _) = connect(&addr, &[]).await.unwrap();
    let big = format!(r#"{{"protocol":"graph","command":"clear","payload":{{"id":"{}"}}}}"#, "x".repeat(MAX_MESSAGE_BYTES));
    // The server closes as soon as it reads the frame's length, so this
    // write may fail (broken pipe) while its tail is still going out; the
    // close frame the server sent first is still there to read.
    if let Err(e) = ws.send(Message::Text(big.into())).await {
        assert!(matches!(&e, tokio_tungstenite::tungstenite::Error::Io(io) if matches!(io.kind(), std::io::ErrorKind::BrokenPipe | std::io::ErrorKind::ConnectionReset)), "{e}");
    }
    let close = loop {
        match tokio::time::timeout(Duration::from_secs(10), ws.next()).await.expect("an answer within 10 s") {
            Some(Ok(Message::Close(frame))) => break frame,
            Some(Ok(Message::Text(t))) => panic!("answered instead of closing: {t}"),
            Some(Ok(_)) => {}
            other => panic!("no close frame: {other:?}"),
        }
    };
    let frame = close.expect("a close frame with a code");
    assert_eq!(frame.code, CloseCode::Size);
    assert!(frame.reason.contains(&MAX_MESSAGE_BYTES.to_string()), "{}", frame.reason);

    // A message just under the limit is fine.
    let (mut ws, _) = connect(&addr, &[]).await.unwrap();
    let id = "y".repeat(MAX_MESSAGE_BYTES - 100);
    send(&mut ws, json!({ "protocol": "graph", "command": "clear", "payload": { "id": id } })).await;
    assert_eq!(cmd(&recv(&mut ws).await), "graph:clear");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn other_web_sites_and_non_loopback_hosts_are_refused_on_loopback() {
    let addr = start(None).await;
    let port = addr.rsplit(':').next().unwrap();
    let err = connect(&addr, &[("Origin", "http://evil.example")]).await.unwrap_err();
    assert!(err.contains("403"), "{err}");
    // DNS rebinding: the name resolves to 127.0.0.1, but it is not a loopback name.
    let err = connect(&addr, &[("Host", &format!("evil.example:{port}")), ("Origin", &format!("http://evil.example:{port}"))]).await.unwrap_err();
    assert!(err.contains("403"), "{err}");
    // The server's own page, and clients that send no Origin, are welcome.
    connect(&addr, &[("Origin", &format!("http://{addr}"))]).await.unwrap();
    connect(&addr, &[("Host", &format!("localhost:{port}")), ("Origin", &format!("http://localhost:{port}"))]).await.unwrap();
    connect(&addr, &[]).await.unwrap();
}

#[tokio::test]
async fn a_non_loopback_address_needs_a_secret() {
    let runtime = Runtime::new(actor_components::standard(), RuntimeOptions::default());
    let err = Server::bind("0.0.0.0".parse().unwrap(), 0, runtime, false).await.unwrap_err();
    assert!(matches!(err, ServeError::NeedsSecret(_)));
    assert!(err.to_string().contains("without a secret"), "{err}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_client_sees_edits_and_network_events() {
    let addr = start(Some("s")).await;
    let (mut a, _) = connect(&addr, &[]).await.unwrap();
    let (mut b, _) = connect(&addr, &[]).await.unwrap();
    let msg = |protocol: &str, command: &str, payload: Json| json!({ "protocol": protocol, "command": command, "payload": payload, "secret": "s" });
    for m in [
        msg("graph", "clear", json!({ "id": "g" })),
        msg("graph", "addnode", json!({ "id": "r", "component": "core/Repeat", "graph": "g" })),
        msg("graph", "addnode", json!({ "id": "d", "component": "core/Drop", "graph": "g" })),
        msg("graph", "addedge", json!({ "src": { "node": "r", "port": "out" }, "tgt": { "node": "d", "port": "in" }, "graph": "g" })),
        msg("graph", "addinitial", json!({ "src": { "data": 5 }, "tgt": { "node": "r", "port": "in" }, "graph": "g" })),
        msg("network", "start", json!({ "graph": "g" })),
    ] {
        send(&mut a, m).await;
    }
    for socket in [&mut a, &mut b] {
        let mut seen = Vec::new();
        loop {
            let m = recv(socket).await;
            seen.push(cmd(&m));
            if cmd(&m) == "network:data" && m["payload"]["id"] == "r() OUT -> IN d()" {
                assert_eq!(m["payload"]["data"], 5);
                break;
            }
        }
        assert_eq!(&seen[..5], ["graph:clear", "graph:addnode", "graph:addnode", "graph:addedge", "graph:addinitial"]);
        assert!(seen.contains(&"network:started".to_string()));
    }
    // b's wrong secret: refused, and a is not told anything.
    send(&mut b, json!({ "protocol": "network", "command": "stop", "payload": { "graph": "g" }, "secret": "nope" })).await;
    loop {
        let m = recv(&mut b).await;
        if cmd(&m) == "network:error" {
            assert_eq!(m["payload"]["message"], "invalid secret");
            break;
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serves_the_page_and_its_script() {
    let addr = start(None).await;
    let get = |path: &'static str| {
        let addr = addr.clone();
        async move {
            let mut tcp = tokio::net::TcpStream::connect(&addr).await.unwrap();
            tcp.write_all(format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").as_bytes()).await.unwrap();
            let mut body = Vec::new();
            tcp.read_to_end(&mut body).await.unwrap();
            String::from_utf8_lossy(&body).into_owned()
        }
    };
    let page = get("/").await;
    assert!(page.starts_with("HTTP/1.1 200"), "{}", &page[..40]);
    assert!(page.contains("<script type=\"module\" src=\"/app.js\">"));
    let script = get("/app.js").await;
    assert!(script.starts_with("HTTP/1.1 200"));
    assert!(script.contains("text/javascript"));
    assert!(script.contains("actorflow"), "the bundle is the page's");
}
