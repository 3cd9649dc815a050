//! Two or three nodes of one graph in one test process, each with its own
//! Zenoh session on loopback TCP (no multicast scouting).

use std::sync::{Arc, Mutex};

use actor_core::{Graph, Packet, PortSpec, Ports, Registry, Value};
use actor_zenoh::{DistributedError, NodeOptions, NodeRun, RunId, SessionSettings, zenoh};

/// A free loopback TCP port (the OS picks it; it is free again once dropped).
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

async fn session(listen: Option<u16>, connect: Option<u16>) -> zenoh::Session {
    let settings = SessionSettings {
        listen: listen.map(|p| format!("tcp/127.0.0.1:{p}")).into_iter().collect(),
        connect: connect.map(|p| format!("tcp/127.0.0.1:{p}")).into_iter().collect(),
        ..Default::default()
    };
    zenoh::open(settings.to_config().unwrap()).await.unwrap()
}

/// `test/Collect` records every packet it receives on `in`.
fn registry(seen: Arc<Mutex<Vec<Packet>>>) -> Registry {
    let mut r = actor_components::standard();
    r.register_fn("test/Collect", "records packets", Ports::new().inport(PortSpec::new("in")), move |ctx| {
        while let Some(p) = ctx.take("in") {
            seen.lock().unwrap().push(p);
        }
        Ok(())
    });
    r.register_fn("test/Fail", "fails on any packet", Ports::new().inport(PortSpec::new("in")), |ctx| {
        match ctx.take("in") {
            Some(_) => Err("the disk is on fire".into()),
            None => Ok(()),
        }
    });
    r
}

fn options(node: &str, run: &str) -> NodeOptions {
    let mut o = NodeOptions::new(node.parse().unwrap());
    o.run_id = run.parse::<RunId>().unwrap();
    o.join_timeout = std::time::Duration::from_secs(20);
    o
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn packets_of_every_kind_cross_in_order_through_an_exported_inport() {
    let graph = Graph::from_fbp_str(
        "INPORT=a.IN:IN\na(core/Repeat) OUT -> IN b(test/Collect:node=b)",
        None,
    )
    .unwrap();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let registry = registry(seen.clone());
    let port = free_port();
    let (sa, sb) = (session(Some(port), None).await, session(None, Some(port)).await);
    let (mut a, b) = tokio::try_join!(
        NodeRun::join(&sa, &graph, &registry, options("main", "kinds"), |_| {}),
        NodeRun::join(&sb, &graph, &registry, options("b", "kinds"), |_| {}),
    )
    .unwrap();
    assert_eq!(a.share().sends.len(), 1);
    assert_eq!(b.share().receives.len(), 1);
    let input = a.network_mut().inport("in").unwrap();
    let sent = vec![
        Packet::OpenBracket(Some(Value::from("group"))),
        Packet::Data(Value::Null),
        Packet::Data(Value::Bool(true)),
        Packet::Data(Value::Int(-3)),
        Packet::Data(Value::Float(2.5)),
        Packet::Data(Value::from("text")),
        Packet::Data(Value::from(vec![0u8, 255])),
        Packet::Data(Value::error("bad")),
        Packet::Data(Value::array([Value::Int(1), Value::object([("k", Value::from("v"))])])),
        Packet::CloseBracket(None),
    ];
    let feed = {
        let sent = sent.clone();
        async move {
            for p in sent {
                input.send(p).await.unwrap();
            }
            drop(input);
        }
    };
    let (ra, rb, ()) = tokio::join!(a.run(), b.run(), feed);
    ra.unwrap();
    rb.unwrap();
    assert_eq!(*seen.lock().unwrap(), sent);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failure_on_one_node_fails_every_node_naming_it() {
    let graph = Graph::from_fbp_str(
        "'x' -> IN a(core/Repeat)\na OUT -> IN f(test/Fail:node=b)",
        None,
    )
    .unwrap();
    let registry = registry(Arc::default());
    let port = free_port();
    let (sa, sb) = (session(Some(port), None).await, session(None, Some(port)).await);
    let (a, b) = tokio::try_join!(
        NodeRun::join(&sa, &graph, &registry, options("main", "fail"), |_| {}),
        NodeRun::join(&sb, &graph, &registry, options("b", "fail"), |_| {}),
    )
    .unwrap();
    let (ra, rb) = tokio::join!(a.run(), b.run());
    let (ea, eb) = (ra.unwrap_err(), rb.unwrap_err());
    assert!(matches!(eb, DistributedError::LocalFailed { .. }), "{eb}");
    assert!(matches!(ea, DistributedError::RemoteFailed { .. }), "{ea}");
    let expected = "node \"b\": process \"f\" (test/Fail) failed: the disk is on fire";
    assert_eq!(ea.to_string(), expected);
    assert_eq!(eb.to_string(), expected);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_node_with_another_graph_is_refused() {
    let one = Graph::from_fbp_str("'x' -> IN a(core/Repeat)\na OUT -> IN b(core/Drop:node=b)", None).unwrap();
    let mut other = one.clone();
    other.set_iip("a", "in", serde_json::json!("y"));
    let registry = actor_components::standard();
    let port = free_port();
    let (sa, sb) = (session(Some(port), None).await, session(None, Some(port)).await);
    let (ra, rb) = tokio::join!(
        NodeRun::join(&sa, &one, &registry, options("main", "mismatch"), |_| {}),
        NodeRun::join(&sb, &other, &registry, options("b", "mismatch"), |_| {}),
    );
    for r in [ra, rb] {
        let e = r.unwrap_err();
        assert!(matches!(e, DistributedError::GraphMismatch { .. }), "{e}");
        assert!(e.to_string().contains("runs a different graph"), "{e}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failure_reaches_every_node_of_three_as_the_same_error() {
    // a (main) -> b (node b) -> f (node c), which fails on its first packet.
    let graph = Graph::from_fbp_str(
        "'x' -> IN a(core/Repeat)\na OUT -> IN b(core/Repeat:node=b)\nb OUT -> IN f(test/Fail:node=c)",
        None,
    )
    .unwrap();
    let registry = registry(Arc::default());
    let port = free_port();
    let (sa, sb, sc) =
        (session(Some(port), None).await, session(None, Some(port)).await, session(None, Some(port)).await);
    let (a, b, c) = tokio::try_join!(
        NodeRun::join(&sa, &graph, &registry, options("main", "fail3"), |_| {}),
        NodeRun::join(&sb, &graph, &registry, options("b", "fail3"), |_| {}),
        NodeRun::join(&sc, &graph, &registry, options("c", "fail3"), |_| {}),
    )
    .unwrap();
    let limit = std::time::Duration::from_secs(30);
    let (ra, rb, rc) = tokio::time::timeout(limit, async { tokio::join!(a.run(), b.run(), c.run()) }).await.unwrap();
    let expected = "node \"c\": process \"f\" (test/Fail) failed: the disk is on fire";
    for r in [ra, rb, rc] {
        assert_eq!(r.unwrap_err().to_string(), expected);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nodes_with_different_windows_still_complete() {
    let graph = Graph::from_fbp_str("INPORT=a.IN:IN\na(core/Repeat) OUT -> IN b(test/Collect:node=b)", None).unwrap();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let registry = registry(seen.clone());
    let port = free_port();
    let (sa, sb) = (session(Some(port), None).await, session(None, Some(port)).await);
    // The sender's window (3) is below the receiver's acknowledgement threshold (256).
    let mut small = options("main", "windows");
    small.window = 3;
    let (mut a, b) = tokio::try_join!(
        NodeRun::join(&sa, &graph, &registry, small, |_| {}),
        NodeRun::join(&sb, &graph, &registry, options("b", "windows"), |_| {}),
    )
    .unwrap();
    let input = a.network_mut().inport("in").unwrap();
    let feed = async move {
        for i in 0..1000 {
            input.send(Value::Int(i)).await.unwrap();
        }
    };
    let limit = std::time::Duration::from_secs(30);
    let (ra, rb, ()) = tokio::time::timeout(limit, async { tokio::join!(a.run(), b.run(), feed) }).await.unwrap();
    ra.unwrap();
    rb.unwrap();
    let seen = seen.lock().unwrap();
    assert_eq!(*seen, (0..1000).map(|i| Packet::Data(Value::Int(i))).collect::<Vec<_>>());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_node_started_twice_is_refused() {
    let graph = Graph::from_fbp_str("'x' -> IN a(core/Repeat)\na OUT -> IN b(core/Drop:node=b)", None).unwrap();
    let registry = actor_components::standard();
    let port = free_port();
    // main listens but does not join; two sessions run node b and see each other.
    let _main = session(Some(port), None).await;
    let (sb, sb2) = (session(None, Some(port)).await, session(None, Some(port)).await);
    let limit = std::time::Duration::from_secs(30);
    let (rb, rb2) = tokio::time::timeout(limit, async {
        tokio::join!(
            NodeRun::join(&sb, &graph, &registry, options("b", "twice"), |_| {}),
            NodeRun::join(&sb2, &graph, &registry, options("b", "twice"), |_| {}),
        )
    })
    .await
    .unwrap();
    for r in [rb, rb2] {
        let e = r.unwrap_err();
        assert_eq!(
            e.to_string(),
            "node \"b\" is running twice in run \"twice\": stop one, or give the other run another --run-id"
        );
    }
}
