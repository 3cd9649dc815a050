use actor_core::Graph;

use super::{Placement, PlacementError};
use crate::names::NodeName;

fn fbp(text: &str) -> Graph {
    Graph::from_fbp_str(text, Some("g.fbp")).unwrap()
}

fn node(name: &str) -> NodeName {
    name.parse().unwrap()
}

const SPLIT: &str = "\
INPORT=read.IN:FILE
OUTPORT=write.OUT:DONE
'word' -> KEY count
read(core/Repeat) OUT -> IN words(core/Repeat)
words OUT -> IN count(group/Count:node=b)
words OUT -> IN local(core/Drop)
count OUT -> IN write(core/Repeat:node=b)
";

#[test]
fn a_process_without_node_is_on_main() {
    let p = Placement::of(&fbp(SPLIT)).unwrap();
    assert_eq!(p.nodes().iter().map(NodeName::as_str).collect::<Vec<_>>(), ["b", "main"]);
    assert_eq!(p.node_of("read"), Some(&node("main")));
    assert_eq!(p.node_of("count"), Some(&node("b")));
}

#[test]
fn each_share_keeps_its_processes_iips_and_exported_ports_and_proxies_remote_connections() {
    let g = fbp(SPLIT);
    let p = Placement::of(&g).unwrap();

    let main = p.share(&g, &node("main"));
    assert_eq!(main.graph.processes.keys().collect::<Vec<_>>(), ["read", "words", "local", "send:2"]);
    assert_eq!(main.graph.inports.keys().collect::<Vec<_>>(), ["file"]);
    assert!(main.graph.outports.is_empty());
    assert_eq!(main.sends.len(), 1);
    assert!(main.receives.is_empty());
    assert_eq!(main.sends[0].label(), "words.out -> count.in");
    assert_eq!((main.sends[0].from.as_str(), main.sends[0].to.as_str()), ("main", "b"));
    // The IIP into count stays with count; words.OUT fans out to the proxy and to local.
    let edges: Vec<String> = main
        .graph
        .connections
        .iter()
        .map(|c| format!("{:?} -> {}.{}", c.src.as_ref().map(|s| format!("{}.{}", s.process, s.port)), c.tgt.process, c.tgt.port))
        .collect();
    assert_eq!(
        edges,
        [
            "Some(\"read.out\") -> words.in",
            "Some(\"words.out\") -> send:2.in",
            "Some(\"words.out\") -> local.in",
        ]
    );

    let b = p.share(&g, &node("b"));
    assert_eq!(b.graph.processes.keys().collect::<Vec<_>>(), ["count", "write", "receive:2"]);
    assert_eq!(b.graph.outports.keys().collect::<Vec<_>>(), ["done"]);
    assert_eq!(b.receives[0].index, 2);
    assert_eq!(b.graph.connections.iter().filter(|c| c.src.is_none()).count(), 1, "the KEY IIP");
    assert!(
        b.graph.connections.iter().any(|c| c.src.as_ref().is_some_and(|s| s.process == "receive:2") && c.tgt.process == "count")
    );
}

#[test]
fn a_cycle_across_nodes_is_refused_and_one_on_a_node_is_not() {
    let across = fbp("'x' -> IN a(core/Repeat)\na OUT -> IN b(core/Repeat:node=b)\nb OUT -> IN a");
    let e = Placement::of(&across).unwrap_err();
    assert!(matches!(&e, PlacementError::CycleAcrossNodes { nodes, .. } if nodes == &["b", "main"]), "{e}");
    assert!(e.to_string().starts_with("the cycle through processes "), "{e}");

    let local = fbp("'x' -> IN a(core/Repeat)\na OUT -> IN b(core/Repeat)\nb OUT -> IN a\nb OUT -> IN c(core/Drop:node=z)");
    assert!(Placement::of(&local).is_ok());
}

#[test]
fn a_bad_node_name_is_reported_with_its_position() {
    let e = Placement::of(&fbp("'x' -> IN a(core/Repeat:node=no/slash)")).unwrap_err();
    assert!(matches!(e, PlacementError::BadNode { .. }));
    assert!(e.to_string().starts_with("g.fbp:1:"), "{e}");
    assert!(e.to_string().contains("node name \"no/slash\" is not valid"), "{e}");

    let json = Graph::from_json_str(r#"{"processes": {"a": {"component": "core/Repeat", "metadata": {"node": 3}}}}"#, None).unwrap();
    let e = Placement::of(&json).unwrap_err();
    assert!(e.to_string().contains("expected a string, found 3"), "{e}");
}

#[test]
fn an_unknown_node_lists_the_graphs_nodes() {
    let p = Placement::of(&fbp(SPLIT)).unwrap();
    assert!(p.check_node(&node("b")).is_ok());
    assert_eq!(
        p.check_node(&node("c")).unwrap_err().to_string(),
        "no process is placed on node \"c\" (the graph's nodes: b, main)"
    );
}

#[test]
fn the_hash_follows_content_not_format() {
    let g = fbp(SPLIT);
    let json = Graph::from_json_str(&g.to_json_string(), Some("g.json")).unwrap();
    assert_eq!(crate::graph_hash(&g), crate::graph_hash(&json));
    let mut changed = g.clone();
    changed.set_iip("count", "key", serde_json::json!("other"));
    assert_ne!(crate::graph_hash(&g), crate::graph_hash(&changed));
    assert_eq!(crate::graph_hash(&g).len(), 16);
}
