//! The runtime driven directly, without a socket.

use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::{Value as Json, json};

use super::{ClientId, Runtime, RuntimeOptions};
use crate::{FLUSH_INTERVAL, SAMPLES_PER_FLUSH};

struct Client {
    id: ClientId,
    rx: flume::Receiver<Arc<str>>,
}

fn runtime(secret: Option<&str>) -> Runtime {
    Runtime::new(actor_components::standard(), RuntimeOptions { secret: secret.map(Into::into), label: None })
}

fn connect(rt: &Runtime) -> Client {
    let (id, rx) = rt.connect();
    Client { id, rx }
}

fn send(rt: &Runtime, c: &Client, msg: Json) {
    rt.handle_text(c.id, &msg.to_string());
}

/// Every message waiting for `c`, parsed.
fn drain(c: &Client) -> Vec<Json> {
    c.rx.try_iter().map(|t| serde_json::from_str(&t).expect("the runtime sends JSON")).collect()
}

fn cmd(m: &Json) -> String {
    format!("{}:{}", m["protocol"].as_str().unwrap_or("?"), m["command"].as_str().unwrap_or("?"))
}

fn graph_msg(command: &str, payload: Json) -> Json {
    json!({ "protocol": "graph", "command": command, "payload": payload })
}

/// Waits for the first message for `c` that `pred` accepts.
async fn wait_for(c: &Client, pred: impl Fn(&Json) -> bool) -> Json {
    let deadline = Duration::from_secs(20);
    tokio::time::timeout(deadline, async {
        loop {
            let text = c.rx.recv_async().await.expect("client still connected");
            let m: Json = serde_json::from_str(&text).unwrap();
            if pred(&m) {
                return m;
            }
        }
    })
    .await
    .expect("message within 20 s")
}

/// Applies graph `edits` (command, payload) and drops the echoes.
fn edit(rt: &Runtime, c: &Client, edits: &[(&str, Json)]) {
    for (command, payload) in edits {
        send(rt, c, graph_msg(command, payload.clone()));
    }
    drain(c);
}

/// Every message for `c` up to and including `network:stopped`.
async fn until_stopped(c: &Client) -> Vec<Json> {
    let mut seen = Vec::new();
    loop {
        let m = wait_for(c, |_| true).await;
        let done = cmd(&m) == "network:stopped";
        seen.push(m);
        if done {
            return seen;
        }
    }
}

#[test]
fn malformed_json_and_unknown_commands_get_errors_and_the_client_goes_on() {
    let rt = runtime(None);
    let c = connect(&rt);
    rt.handle_text(c.id, "{not json");
    rt.handle_text(c.id, r#"{"protocol": "graph"}"#);
    rt.handle_text(c.id, r#"{"protocol": "graph", "command": "clear", "payload": 7}"#);
    send(&rt, &c, json!({ "protocol": "nope", "command": "x", "payload": {} }));
    send(&rt, &c, json!({ "protocol": "graph", "command": "explode", "payload": {} }));
    send(&rt, &c, json!({ "protocol": "runtime", "command": "getruntime" }));
    let got = drain(&c);
    let commands: Vec<String> = got.iter().map(cmd).collect();
    assert_eq!(commands, ["runtime:error", "runtime:error", "runtime:error", "runtime:error", "graph:error", "runtime:runtime"]);
    assert!(got[0]["payload"]["message"].as_str().unwrap().contains("line 1 column 2"), "{}", got[0]);
    assert!(got[1]["payload"]["message"].as_str().unwrap().contains("missing field `command`"), "{}", got[1]);
    assert!(got[2]["payload"]["message"].as_str().unwrap().contains("\"payload\" must be an object"));
    assert!(got[3]["payload"]["message"].as_str().unwrap().contains("unknown protocol \"nope\""));
    assert!(got[4]["payload"]["message"].as_str().unwrap().contains("unknown command graph:explode"));
}

#[test]
fn every_message_must_carry_the_secret_and_no_reply_carries_it() {
    let rt = runtime(Some("sesame"));
    let c = connect(&rt);
    let clear = |secret: Json, legacy: Json| {
        let mut m = graph_msg("clear", json!({ "id": "g", "main": true }));
        if !secret.is_null() {
            m["secret"] = secret;
        }
        if !legacy.is_null() {
            m["payload"]["secret"] = legacy;
        }
        m
    };
    send(&rt, &c, clear(Json::Null, Json::Null));
    send(&rt, &c, clear(json!("wrong"), Json::Null));
    send(&rt, &c, clear(Json::Null, json!("wrong")));
    send(&rt, &c, clear(json!("sesame"), json!("wrong")));
    send(&rt, &c, clear(json!(42), Json::Null));
    let refused = drain(&c);
    assert_eq!(refused.len(), 5);
    for m in &refused {
        assert_eq!(cmd(m), "graph:error");
        assert_eq!(m["payload"]["message"], "invalid secret");
    }
    assert!(rt.graph("g").is_none(), "a refused message has no effect");

    send(&rt, &c, clear(json!("sesame"), Json::Null));
    send(&rt, &c, clear(Json::Null, json!("sesame")));
    send(&rt, &c, clear(json!("sesame"), json!("sesame")));
    let accepted = drain(&c);
    assert_eq!(accepted.iter().filter(|m| cmd(m) == "graph:clear").count(), 3);
    assert!(rt.graph("g").is_some());
    for m in refused.iter().chain(&accepted) {
        assert!(!m.to_string().contains("sesame"), "a reply carries the secret: {m}");
    }
}

#[test]
fn edits_apply_to_the_graph_and_are_checked_against_the_registry() {
    let rt = runtime(None);
    let c = connect(&rt);
    let other = connect(&rt);
    for (command, payload) in [
        ("clear", json!({ "id": "g", "main": true })),
        ("addnode", json!({ "id": "a", "component": "core/Repeat", "graph": "g" })),
        ("addnode", json!({ "id": "b", "component": "stream/Take", "graph": "g" })),
        ("addedge", json!({ "src": { "node": "a", "port": "out" }, "tgt": { "node": "b", "port": "in" }, "graph": "g" })),
        ("addinitial", json!({ "src": { "data": 3 }, "tgt": { "node": "b", "port": "count" }, "graph": "g" })),
        ("addinport", json!({ "public": "IN", "node": "a", "port": "in", "graph": "g" })),
        ("addgroup", json!({ "name": "grp", "nodes": ["a", "b"], "graph": "g" })),
        ("changeedge", json!({ "src": { "node": "a", "port": "out" }, "tgt": { "node": "b", "port": "in" }, "metadata": { "route": 2 }, "graph": "g" })),
        ("renamenode", json!({ "from": "a", "to": "first", "graph": "g" })),
        ("renamegroup", json!({ "from": "grp", "to": "all", "graph": "g" })),
        ("changegroup", json!({ "name": "all", "metadata": { "description": "both" }, "graph": "g" })),
    ] {
        send(&rt, &c, graph_msg(command, payload));
    }
    let echoes: Vec<String> = drain(&c).iter().map(cmd).collect();
    assert!(!echoes.iter().any(|e| e.ends_with(":error")), "{echoes:?}");
    // The other client saw every edit too.
    let seen: Vec<String> = drain(&other).iter().map(cmd).collect();
    assert_eq!(seen, echoes);

    let g = rt.graph("g").unwrap();
    assert_eq!(g.processes.keys().collect::<Vec<_>>(), ["first", "b"], "rename keeps the order");
    assert_eq!(g.connections[0].src.as_ref().unwrap().process, "first");
    assert_eq!(g.connections[0].metadata.as_ref().unwrap()["route"], 2);
    assert_eq!(g.inports["IN"].process, "first");
    assert_eq!(g.groups[0].name, "all");
    assert_eq!(g.groups[0].nodes, ["first", "b"]);
    assert_eq!(g.groups[0].metadata.as_ref().unwrap()["description"], "both");

    // Refused edits, each with its reason; the graph is unchanged.
    for (command, payload, reason) in [
        ("addnode", json!({ "id": "x", "component": "core/Nope", "graph": "g" }), "unknown component \"core/Nope\""),
        ("addnode", json!({ "id": "b", "component": "core/Repeat", "graph": "g" }), "node \"b\" already exists"),
        ("addedge", json!({ "src": { "node": "b", "port": "in" }, "tgt": { "node": "first", "port": "in" }, "graph": "g" }), "has no outport \"in\" (outports: out)"),
        ("addedge", json!({ "src": { "node": "zz", "port": "out" }, "tgt": { "node": "b", "port": "in" }, "graph": "g" }), "no node \"zz\" in graph \"g\" (nodes: first, b)"),
        ("addedge", json!({ "src": { "node": "first", "port": "out", "index": 1 }, "tgt": { "node": "b", "port": "in" }, "graph": "g" }), "not an array port"),
        ("addinitial", json!({ "src": { "data": "ten" }, "tgt": { "node": "b", "port": "count" }, "graph": "g" }), "does not fit port \"count\" of node \"b\", of type int"),
        ("removeedge", json!({ "src": { "node": "b", "port": "out" }, "tgt": { "node": "first", "port": "in" }, "graph": "g" }), "no edge b.out -> first.in"),
        ("addinport", json!({ "public": "X", "node": "b", "port": "nope", "graph": "g" }), "has no inport \"nope\""),
        ("addgroup", json!({ "name": "g2", "nodes": ["ghost"], "graph": "g" }), "no node \"ghost\""),
        ("renamenode", json!({ "from": "first", "to": "b", "graph": "g" }), "node \"b\" already exists"),
        ("addnode", json!({ "id": "x", "graph": "g" }), "missing field `component`"),
        ("addnode", json!({ "id": "x", "component": "core/Repeat" }), "No graph specified"),
        ("addnode", json!({ "id": "x", "component": "core/Repeat", "graph": "other" }), "Requested graph not found"),
    ] {
        send(&rt, &c, graph_msg(command, payload));
        let got = drain(&c);
        assert_eq!(got.len(), 1, "{command}: {got:?}");
        assert_eq!(cmd(&got[0]), "graph:error");
        let message = got[0]["payload"]["message"].as_str().unwrap();
        assert!(message.contains(reason), "{command}: {message:?} should say {reason:?}");
        assert!(drain(&other).is_empty(), "an error goes to the requester only");
    }
    assert_eq!(rt.graph("g").unwrap(), g);
}

#[test]
fn removing_a_node_removes_its_edges_iips_and_exports_first() {
    let rt = runtime(None);
    let c = connect(&rt);
    edit(
        &rt,
        &c,
        &[
            ("clear", json!({ "id": "g", "main": true })),
            ("addnode", json!({ "id": "a", "component": "core/Repeat", "graph": "g" })),
            ("addnode", json!({ "id": "b", "component": "core/Repeat", "graph": "g" })),
            ("addedge", json!({ "src": { "node": "a", "port": "out" }, "tgt": { "node": "b", "port": "in" }, "graph": "g" })),
            ("addinitial", json!({ "src": { "data": "x" }, "tgt": { "node": "a", "port": "in" }, "graph": "g" })),
            ("addoutport", json!({ "public": "OUT", "node": "a", "port": "out", "graph": "g" })),
        ],
    );
    send(&rt, &c, graph_msg("removenode", json!({ "id": "a", "graph": "g" })));
    let got: Vec<String> = drain(&c).iter().map(cmd).collect();
    assert_eq!(got, ["graph:removeedge", "graph:removeinitial", "graph:removeoutport", "graph:removenode", "runtime:ports"]);
    let g = rt.graph("g").unwrap();
    assert!(g.connections.is_empty() && g.outports.is_empty());
    assert_eq!(g.processes.keys().collect::<Vec<_>>(), ["b"]);
}

/// Builds graph `g`: `'hi' -> IN a(core/Repeat) OUT -> IN b(core/Drop)`.
fn repeat_into_drop(rt: &Runtime, c: &Client) {
    edit(
        rt,
        c,
        &[
            ("clear", json!({ "id": "g" })),
            ("addnode", json!({ "id": "a", "component": "core/Repeat", "graph": "g" })),
            ("addnode", json!({ "id": "b", "component": "core/Drop", "graph": "g" })),
            ("addedge", json!({ "src": { "node": "a", "port": "out" }, "tgt": { "node": "b", "port": "in" }, "graph": "g" })),
            ("addinitial", json!({ "src": { "data": "hi" }, "tgt": { "node": "a", "port": "in" }, "graph": "g" })),
        ],
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_network_that_ended_stays_started_until_stopped() {
    let rt = runtime(None);
    let c = connect(&rt);
    repeat_into_drop(&rt, &c);
    send(&rt, &c, json!({ "protocol": "network", "command": "start", "payload": { "graph": "g" } }));
    wait_for(&c, |m| cmd(m) == "network:stopped").await;
    drain(&c);
    send(&rt, &c, json!({ "protocol": "network", "command": "getstatus", "payload": { "graph": "g" } }));
    let status = drain(&c);
    assert_eq!(status[0]["payload"], json!({ "graph": "g", "running": false, "started": true }));
    send(&rt, &c, json!({ "protocol": "network", "command": "stop", "payload": { "graph": "g" } }));
    let stopped = drain(&c);
    assert_eq!(stopped[0]["payload"]["started"], false);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn events_arrive_in_order_started_iip_edge_stopped() {
    let rt = runtime(None);
    let c = connect(&rt);
    repeat_into_drop(&rt, &c);
    send(&rt, &c, json!({ "protocol": "network", "command": "start", "payload": { "graph": "g" } }));
    let seen = until_stopped(&c).await;
    let order: Vec<String> = seen.iter().map(|m| format!("{} {}", cmd(m), m["payload"]["id"].as_str().unwrap_or(""))).collect();
    assert_eq!(order, ["network:started ", "network:data DATA -> IN a()", "network:data a() OUT -> IN b()", "network:stopped "]);
    assert_eq!(seen[2]["payload"]["data"], "hi");
    assert_eq!(seen[3]["payload"]["started"], true, "finished by itself: still started");
}

/// A 1,000,000-packet run with a client watching every edge: the client
/// gets at most SAMPLES_PER_FLUSH events per edge per flush, and exact
/// counts through actorflow:stats.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_million_packet_run_sends_samples_and_counts_not_every_packet() {
    const LINES: usize = 1_000_000;
    let dir = std::env::temp_dir().join(format!("actor-server-flood-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("lines.txt");
    std::fs::write(&file, "x\n".repeat(LINES)).unwrap();

    let rt = runtime(None);
    let c = connect(&rt);
    for (command, payload) in [
        ("clear", json!({ "id": "g" })),
        ("addnode", json!({ "id": "read", "component": "fs/ReadLines", "graph": "g" })),
        ("addnode", json!({ "id": "r", "component": "core/Repeat", "graph": "g" })),
        ("addnode", json!({ "id": "drop", "component": "core/Drop", "graph": "g" })),
        ("addedge", json!({ "src": { "node": "read", "port": "out" }, "tgt": { "node": "r", "port": "in" }, "graph": "g" })),
        ("addedge", json!({ "src": { "node": "r", "port": "out" }, "tgt": { "node": "drop", "port": "in" }, "graph": "g" })),
        ("addinitial", json!({ "src": { "data": file.to_str().unwrap() }, "tgt": { "node": "read", "port": "in" }, "graph": "g" })),
    ] {
        send(&rt, &c, graph_msg(command, payload));
    }
    send(&rt, &c, json!({ "protocol": "actorflow", "command": "stats", "payload": { "graph": "g" } }));
    drain(&c);
    let t0 = Instant::now();
    send(&rt, &c, json!({ "protocol": "network", "command": "start", "payload": { "graph": "g" } }));
    let mut events = 0usize;
    let mut last_stats = Json::Null;
    loop {
        let m = wait_for(&c, |_| true).await;
        match cmd(&m).as_str() {
            "network:data" | "network:begingroup" | "network:endgroup" => events += 1,
            "actorflow:stats" => last_stats = m,
            "network:stopped" => break,
            _ => {}
        }
    }
    let elapsed = t0.elapsed();
    // Every packet is counted: the lines, and the bracket around them.
    let stats = wait_for(&c, |m| cmd(m) == "actorflow:stats").await;
    let counts: Vec<u64> = stats["payload"]["edges"].as_array().unwrap().iter().map(|e| e["packets"].as_u64().unwrap()).collect();
    assert_eq!(counts, [LINES as u64 + 2, LINES as u64 + 2]);
    assert_eq!(stats["payload"]["running"], false);
    assert!(last_stats.is_object(), "counts were sent while it ran");
    // At most SAMPLES_PER_FLUSH per edge per window, windows of FLUSH_INTERVAL.
    let windows = (elapsed.as_millis() / FLUSH_INTERVAL.as_millis()) as usize + 2;
    let bound = 2 * windows * SAMPLES_PER_FLUSH as usize + 1;
    assert!(events <= bound, "{events} events in {elapsed:?} (at most {bound})");
    assert!(events < LINES / 100, "{events} events for {LINES} packets");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// While no client is connected, a running network's edges are not
/// watched: packets flow with no sampling.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_no_client_connected_no_edge_is_watched() {
    let rt = runtime(None);
    let c = connect(&rt);
    for (command, payload) in [
        ("clear", json!({ "id": "g" })),
        ("addnode", json!({ "id": "a", "component": "core/Repeat", "graph": "g" })),
        ("addnode", json!({ "id": "b", "component": "core/Repeat", "graph": "g" })),
        ("addedge", json!({ "src": { "node": "a", "port": "out" }, "tgt": { "node": "b", "port": "in" }, "graph": "g" })),
        ("addinport", json!({ "public": "in", "node": "a", "port": "in", "graph": "g" })),
        ("addoutport", json!({ "public": "out", "node": "b", "port": "out", "graph": "g" })),
    ] {
        send(&rt, &c, graph_msg(command, payload));
    }
    send(&rt, &c, json!({ "protocol": "network", "command": "start", "payload": { "graph": "g" } }));
    let packet = |data: &str| json!({ "protocol": "runtime", "command": "packet", "payload": { "graph": "g", "port": "in", "event": "data", "payload": data } });
    let sampled = |rt: &Runtime| rt.state().graphs["g"].run.as_ref().unwrap().sampled();
    let edge_count = |rt: &Runtime| rt.state().graphs["g"].run.as_ref().unwrap().packets(0);

    send(&rt, &c, packet("one"));
    let out = wait_for(&c, |m| cmd(m) == "runtime:packet").await;
    assert_eq!(out["payload"]["payload"], "one");
    let data = wait_for(&c, |m| cmd(m) == "network:data").await;
    assert_eq!(data["payload"]["data"], "one");
    assert_eq!(sampled(&rt), 1);

    // The last client leaves; a packet queued for the inport still flows.
    let queue = rt.state().graphs["g"].run.as_ref().unwrap().inport_queue("in");
    rt.disconnect(c.id);
    let payload: crate::protocol::runtime::PacketPayload = serde_json::from_value(packet("two")["payload"].clone()).unwrap();
    queue.send_async(super::network::InportCmd { client: c.id, request_id: None, packet: payload }).await.unwrap();
    tokio::time::timeout(Duration::from_secs(20), async {
        while edge_count(&rt) < 2 {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    })
    .await
    .expect("the packet flows with no client");
    assert_eq!(sampled(&rt), 1, "no sample taken while nobody watches");

    // A client connects again: watching resumes.
    let c2 = connect(&rt);
    send(&rt, &c2, packet("three"));
    let data = wait_for(&c2, |m| cmd(m) == "network:data").await;
    assert_eq!(data["payload"]["data"], "three");
    assert_eq!(sampled(&rt), 2);
    send(&rt, &c2, json!({ "protocol": "network", "command": "stop", "payload": { "graph": "g" } }));
    let stopped = wait_for(&c2, |m| cmd(m) == "network:stopped").await;
    assert_eq!(stopped["payload"]["started"], false);
}

/// `disconnect` on an exported inport closes it, so an aggregator behind
/// it finishes and emits; later packets to it are refused.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_disconnect_closes_an_exported_inport() {
    let rt = runtime(None);
    let c = connect(&rt);
    for (command, payload) in [
        ("clear", json!({ "id": "g" })),
        ("addnode", json!({ "id": "count", "component": "group/Count", "graph": "g" })),
        ("addinport", json!({ "public": "in", "node": "count", "port": "in", "graph": "g" })),
        ("addoutport", json!({ "public": "out", "node": "count", "port": "out", "graph": "g" })),
    ] {
        send(&rt, &c, graph_msg(command, payload));
    }
    send(&rt, &c, json!({ "protocol": "network", "command": "start", "payload": { "graph": "g" } }));
    let packet = |event: &str, data: Json| json!({ "protocol": "runtime", "command": "packet", "requestId": event, "payload": { "graph": "g", "port": "in", "event": event, "payload": data } });
    send(&rt, &c, packet("data", json!("a")));
    send(&rt, &c, packet("data", json!("a")));
    send(&rt, &c, packet("disconnect", Json::Null));
    let out = wait_for(&c, |m| cmd(m) == "runtime:packet").await;
    assert_eq!(out["payload"]["payload"], json!({ "value": "a", "count": 2 }));
    let stopped = wait_for(&c, |m| cmd(m) == "network:stopped").await;
    assert_eq!(stopped["payload"]["started"], true);
    send(&rt, &c, packet("data", json!("late")));
    let refused = wait_for(&c, |m| cmd(m) == "runtime:error").await;
    assert!(refused["payload"]["message"].as_str().unwrap().contains("is not running"), "{refused}");
}

/// Fails on its first activation (across instances: the count is shared
/// by the factory), then forwards what it takes.
struct FailOnce(Arc<std::sync::atomic::AtomicU32>);

impl actor_core::Actor for FailOnce {
    fn ports(&self) -> actor_core::Ports {
        actor_core::Ports::new().inport(actor_core::PortSpec::new("in")).outport(actor_core::PortSpec::new("out"))
    }
    async fn run(&mut self, ctx: &mut actor_core::ActorRunContext) -> actor_core::ActorResult {
        if self.0.fetch_add(1, std::sync::atomic::Ordering::SeqCst) == 0 {
            return Err("the first activation fails".into());
        }
        while let Some(p) = ctx.take("in") {
            ctx.send("out", p).await?;
        }
        Ok(())
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_restart_is_reported_as_a_processerror_and_the_run_goes_on() {
    let mut registry = actor_components::standard();
    let calls = Arc::new(std::sync::atomic::AtomicU32::new(0));
    let shared = calls.clone();
    registry.register("test/FailOnce", "fails once", move |_| Ok(FailOnce(shared.clone())));
    let rt = Runtime::new(registry, RuntimeOptions { secret: None, label: None });
    let c = connect(&rt);
    edit(
        &rt,
        &c,
        &[
            ("clear", json!({ "id": "g" })),
            ("addnode", json!({ "id": "a", "component": "test/FailOnce", "graph": "g", "metadata": { "restart": "on_failure", "restart_backoff_ms": 1 } })),
            ("addnode", json!({ "id": "b", "component": "core/Drop", "graph": "g" })),
            ("addedge", json!({ "src": { "node": "a", "port": "out" }, "tgt": { "node": "b", "port": "in" }, "graph": "g" })),
            ("addinitial", json!({ "src": { "data": "hi" }, "tgt": { "node": "a", "port": "in" }, "graph": "g" })),
        ],
    );
    send(&rt, &c, json!({ "protocol": "network", "command": "start", "payload": { "graph": "g" } }));
    let seen = until_stopped(&c).await;
    let errors: Vec<&Json> = seen.iter().filter(|m| cmd(m) == "network:processerror").collect();
    assert_eq!(errors.len(), 1, "{seen:?}");
    assert_eq!(errors[0]["payload"]["id"], "a");
    assert_eq!(errors[0]["payload"]["graph"], "g");
    let error = errors[0]["payload"]["error"].as_str().unwrap();
    assert!(error.starts_with("the first activation fails (restarted: restart 1 of process \"a\" (test/FailOnce)"), "{error}");
    // The restarted instance took the packet in hand again and the run ended well.
    assert!(!seen.iter().any(|m| cmd(m) == "network:error"), "{seen:?}");
    assert!(seen.iter().any(|m| cmd(m) == "network:data" && m["payload"]["id"] == "a() OUT -> IN b()" && m["payload"]["data"] == "hi"), "{seen:?}");
    assert_eq!(calls.load(std::sync::atomic::Ordering::SeqCst), 2);
}
