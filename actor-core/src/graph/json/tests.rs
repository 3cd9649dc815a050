use serde_json::json;

use super::*;
use crate::graph::{Connection, Graph, Group, Location, PortRef, Process};

const FULL: &str = r#"{
    "caseSensitive": true,
    "properties": {"name": "demo", "environment": {"type": "noflo-nodejs"}},
    "inports": {"FILE": {"process": "read", "port": "In", "metadata": {"x": 1}}},
    "outports": {"out": {"process": "show", "port": "out"}},
    "groups": [{"name": "io", "nodes": ["read", "show"], "metadata": {"description": "I/O"}}],
    "processes": {
        "read": {"component": "fs/ReadFile", "metadata": {"label": "Read", "x": 10.5}},
        "show": {"component": "core/Output"}
    },
    "connections": [
        {"src": {"process": "read", "port": "out", "index": 2}, "tgt": {"process": "show", "port": "in", "index": 0},
         "metadata": {"route": 3}},
        {"data": {"a": [1, 2.5]}, "tgt": {"process": "read", "port": "In"}},
        {"data": null, "tgt": {"process": "read", "port": "opts"}}
    ]
}"#;

#[test]
fn reads_every_part_of_noflo_graph_json() {
    let g = parse(FULL, Some("full.json")).unwrap();
    assert!(g.case_sensitive);
    assert_eq!(g.properties["environment"], json!({"type": "noflo-nodejs"}));
    assert_eq!(g.inports["FILE"].port, "In");
    assert_eq!(g.inports["FILE"].metadata.as_ref().unwrap()["x"], json!(1));
    assert_eq!(g.groups, vec![Group {
        name: "io".into(),
        nodes: vec!["read".into(), "show".into()],
        metadata: Some(json!({"description": "I/O"}).as_object().unwrap().clone()),
    }]);
    assert_eq!(g.processes["read"].metadata.as_ref().unwrap()["x"], json!(10.5));
    assert_eq!(g.connections[0], Connection {
        src: Some(PortRef { process: "read".into(), port: "out".into(), index: Some(2) }),
        data: None,
        tgt: PortRef { process: "show".into(), port: "in".into(), index: Some(0) },
        metadata: Some(json!({"route": 3}).as_object().unwrap().clone()),
    });
    assert_eq!(g.connections[1].data, Some(json!({"a": [1, 2.5]})));
    assert_eq!(g.connections[2].data, Some(json!(null)), "a null IIP is an IIP, not an edge");
    assert_eq!(g.source.connection_tgt(1), Some(Location::Json { file: Some("full.json".into()), path: "$.connections[1].tgt".into() }));
}

#[test]
fn save_then_load_gives_the_same_graph() {
    let g = parse(FULL, None).unwrap();
    let text = write(&g);
    let back = parse(&text, None).unwrap();
    assert_eq!(back, g);
    // And the saved text has fbp-graph's shape.
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(value["connections"][2], json!({"data": null, "tgt": {"process": "read", "port": "opts"}}));
    assert_eq!(value["caseSensitive"], json!(true));
}

#[test]
fn code_built_graphs_round_trip_too() {
    let mut g = Graph::new();
    g.processes.insert("a".into(), Process { component: "core/Repeat".into(), metadata: None });
    g.add_iip(json!("x"), PortRef::new("a", "in"));
    let back = parse(&write(&g), None).unwrap();
    assert_eq!(back.connections, g.connections);
    assert_eq!(back.processes, g.processes);
}

#[test]
fn syntax_errors_name_file_line_column_and_expectation() {
    let e = parse("{\n  \"processes\": {\n    \"a\": {\"component\": \"X\"},\n  }\n}", Some("bad.json")).unwrap_err();
    assert_eq!((e.line, e.column), (4, 3));
    assert_eq!(e.text, "  }");
    assert!(e.to_string().starts_with("bad.json:4:3: invalid graph JSON: trailing comma"), "{e}");
}

#[test]
fn shape_errors_say_what_is_missing() {
    let e = parse(r#"{"processes": {"a": {"metadata": {}}}}"#, Some("s.json")).unwrap_err();
    assert!(e.message.contains("missing field `component`"), "{e}");
    assert_eq!(e.line, 1);
}

#[test]
fn a_truncated_file_points_just_past_its_last_character() {
    let e = parse("{\"processes\": {\"a\": {\"component\": \"x\"}}\n", Some("cut.json")).unwrap_err();
    assert_eq!((e.line, e.column), (1, 40), "{e}"); // the line is 39 characters long
    assert!(e.to_string().starts_with("cut.json:1:40: invalid graph JSON: EOF while parsing an object"), "{e}");
}
