use super::{GraphTextError, graph_from_json};

#[test]
fn noflo_json_loads() {
    let graph = graph_from_json(
        r#"{"processes": {"a": {"component": "core/Repeat"}},
            "connections": [{"data": 1, "tgt": {"process": "a", "port": "in"}}],
            "outports": {"OUT": {"process": "a", "port": "out"}}}"#,
    )
    .unwrap();
    assert_eq!(graph.processes["a"].component, "core/Repeat");
    assert_eq!(graph.connections.len(), 1);
    assert!(graph.outports.contains_key("OUT"));
}

#[test]
fn malformed_json_reports_line_and_column() {
    let err = graph_from_json("{\n  \"processes\": {,}\n}").unwrap_err();
    let GraphTextError::Json { line, column, .. } = &err else { panic!("{err}") };
    assert_eq!((*line, *column), (2, 17));
    assert!(err.to_string().starts_with("graph JSON, line 2, column 17"), "{err}");
}
