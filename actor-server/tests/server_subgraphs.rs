//! A graph component in the fbp-protocol runtime: listed with
//! `subgraph: true` and its exported ports, its source is its graph, and a
//! network that uses it reports each edge under the id its own graph writes,
//! with path names inside (`top/a() OUT -> IN top/b()`).

use std::time::Duration;

use actor_core::Graph;
use actor_server::{Runtime, RuntimeOptions};
use serde_json::{Value as Json, json};

fn messages(rx: &flume::Receiver<std::sync::Arc<str>>) -> Vec<Json> {
    rx.try_iter().map(|t| serde_json::from_str(&t).expect("JSON")).collect()
}

fn command(m: &Json) -> String {
    format!("{}:{}", m["protocol"].as_str().unwrap_or("?"), m["command"].as_str().unwrap_or("?"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_graph_component_is_listed_has_a_source_and_reports_its_edges_by_path() {
    let mut registry = actor_components::standard();
    let relay = "# @description Two relays\nINPORT=a.IN:IN\nOUTPORT=b.OUT:OUT\na(core/Repeat) OUT -> IN b(core/Repeat)\n";
    registry.register_graph("lib/Relay", Graph::from_fbp_str(relay, Some("Relay.fbp")).unwrap());
    let rt = Runtime::new(registry, RuntimeOptions { secret: None, label: None });
    let main = Graph::from_fbp_str("'hi' -> IN top(lib/Relay) OUT -> IN sink(core/Drop)\n", Some("main.fbp")).unwrap();
    rt.set_main_graph("main", main);
    let (client, rx) = rt.connect();

    rt.handle_text(client, &json!({ "protocol": "component", "command": "list", "payload": {} }).to_string());
    let listed = messages(&rx);
    let relay = listed.iter().find(|m| m["payload"]["name"] == "lib/Relay").expect("lib/Relay is listed");
    assert_eq!(relay["payload"]["subgraph"], true);
    assert_eq!(relay["payload"]["description"], "Two relays");
    assert_eq!(relay["payload"]["inPorts"][0]["id"], "in");
    assert_eq!(relay["payload"]["outPorts"][0]["id"], "out");
    let repeat = listed.iter().find(|m| m["payload"]["name"] == "core/Repeat").expect("core/Repeat is listed");
    assert_eq!(repeat["payload"]["subgraph"], false);

    rt.handle_text(client, &json!({ "protocol": "component", "command": "getsource", "payload": { "name": "lib/Relay" } }).to_string());
    let source = messages(&rx).into_iter().find(|m| command(m) == "component:source").expect("a source");
    let code: Json = serde_json::from_str(source["payload"]["code"].as_str().unwrap()).unwrap();
    assert_eq!(code["processes"]["a"]["component"], "core/Repeat");

    rt.handle_text(client, &json!({ "protocol": "network", "command": "start", "payload": { "graph": "main" } }).to_string());
    let mut ids = Vec::new();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    loop {
        let text = tokio::time::timeout_at(deadline, rx.recv_async()).await.expect("events within 20 s").expect("connected");
        let m: Json = serde_json::from_str(&text).unwrap();
        match command(&m).as_str() {
            "network:data" => ids.push(m["payload"]["id"].as_str().unwrap().to_string()),
            "network:stopped" => break,
            _ => {}
        }
    }
    ids.sort();
    assert_eq!(ids, ["DATA -> IN top()", "top() OUT -> IN sink()", "top/a() OUT -> IN top/b()"]);
}
