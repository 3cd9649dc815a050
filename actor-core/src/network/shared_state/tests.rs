use serde_json::json;

use crate::{Graph, LiveMemoryState, Network, NetworkError, NetworkOptions, Registry};

/// A registry with one component that has an inport and does nothing.
fn registry() -> Registry {
    let mut r = Registry::new();
    r.register_fn("t/Idle", "does nothing", crate::Ports::new().inport(crate::PortSpec::new("in")), |_| Ok(()));
    r
}

fn graph_with(meta: &[(&str, serde_json::Value)]) -> Graph {
    let mut graph = Graph::new();
    for name in ["a", "b", "c"] {
        graph.add_process(name, "t/Idle");
    }
    for (name, value) in meta {
        let mut m = serde_json::Map::new();
        m.insert("state".into(), value.clone());
        graph.processes.get_mut(*name).unwrap().metadata = Some(m);
    }
    graph
}

#[test]
fn processes_share_the_named_state_even_through_a_chain() {
    let graph = graph_with(&[("a", json!("b")), ("b", json!("c"))]);
    let network = Network::new(&graph, &registry(), NetworkOptions::default()).unwrap();
    let (a, b, c) = (network.state("a").unwrap(), network.state("b").unwrap(), network.state("c").unwrap());
    assert!(LiveMemoryState::ptr_eq(&a, &c));
    assert!(LiveMemoryState::ptr_eq(&b, &c));
    a.set("x", json!(1));
    assert_eq!(c.get("x"), Some(json!(1)));
}

#[test]
fn processes_without_the_key_keep_their_own_state() {
    let graph = graph_with(&[("a", json!("b"))]);
    let network = Network::new(&graph, &registry(), NetworkOptions::default()).unwrap();
    assert!(LiveMemoryState::ptr_eq(&network.state("a").unwrap(), &network.state("b").unwrap()));
    assert!(!LiveMemoryState::ptr_eq(&network.state("a").unwrap(), &network.state("c").unwrap()));
}

#[test]
fn bad_references_are_errors_naming_the_process() {
    for (meta, needle) in [
        (vec![("a", json!("nope"))], "names no process: \"nope\""),
        (vec![("a", json!(3))], "must be a process name"),
        (vec![("a", json!("b")), ("b", json!("a"))], "form a cycle"),
    ] {
        let err = Network::new(&graph_with(&meta), &registry(), NetworkOptions::default()).unwrap_err();
        let NetworkError::Instantiate { process, cause, .. } = &err else { panic!("unexpected error {err}") };
        assert_eq!(process, "a");
        assert!(cause.contains(needle), "{cause}");
    }
}
