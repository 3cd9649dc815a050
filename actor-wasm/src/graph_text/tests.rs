use super::{GraphTextError, graph_from_fbp, graph_from_json};

#[test]
fn noflo_json_loads() {
    let graph = graph_from_json(
        r#"{"processes": {"a": {"component": "core/Repeat"}},
            "connections": [{"data": 1, "tgt": {"process": "a", "port": "in"}}],
            "outports": {"OUT": {"process": "a", "port": "out"}}}"#,
        None,
    )
    .unwrap();
    assert_eq!(graph.processes["a"].component, "core/Repeat");
    assert_eq!(graph.connections.len(), 1);
    assert!(graph.outports.contains_key("OUT"));
}

#[test]
fn fbp_loads_with_metadata_for_shared_state() {
    let graph = graph_from_fbp(
        "INPORT=js.IN:JS_INC\njs(js/Counter) OUT -> IN rust(rust/ReadState:state=js,key=count)\n",
        None,
    )
    .unwrap();
    let meta = graph.processes["rust"].metadata.as_ref().unwrap();
    assert_eq!(meta["state"], "js");
    assert_eq!(meta["key"], "count");
    assert_eq!(graph.connections.len(), 1);
}

#[test]
fn errors_carry_file_line_and_column() {
    let err = graph_from_json("{\n  \"processes\": {,}\n}", Some("g.json")).unwrap_err();
    assert!(matches!(err, GraphTextError::Json(_)));
    assert!(err.to_string().starts_with("g.json:2:"), "{err}");
    let err = graph_from_fbp("a(core/Repeat) OUT -> \n", Some("g.fbp")).unwrap_err();
    assert!(matches!(err, GraphTextError::Fbp(_)));
    assert!(err.to_string().starts_with("g.fbp:"), "{err}");
}
