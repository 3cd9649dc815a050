//! Graph validation against fixture files (`tests/fixtures/valid-*`,
//! `invalid-*`): valid graphs pass, and each invalid one gives the exact
//! error text, with its file:line:column (`.fbp`) or JSON path.

use actor_core::graph::{GraphError, validate};
use actor_core::{Graph, Network, NetworkError, NetworkOptions, PortSpec, PortType, Ports, Registry};

/// `test/Read` (inports `in`: string, required; `count`: int; outports
/// `out`, `error`) and `test/Sink` (inport `in`).
fn registry() -> Registry {
    let mut r = Registry::new();
    let read = Ports::new()
        .inport(PortSpec::new("in").ty(PortType::String).required())
        .inport(PortSpec::new("count").ty(PortType::Int))
        .outport(PortSpec::new("out"))
        .outport(PortSpec::new("error"));
    r.register_fn("test/Read", "reads", read, |_| Ok(()));
    r.register_fn("test/Sink", "drops", Ports::new().inport(PortSpec::new("in")), |_| Ok(()));
    r
}

fn path(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// The validation errors of fixture `name`, one per line, with the
/// fixture directory shortened to `fixtures/`.
fn errors(name: &str) -> String {
    let graph = Graph::load(path(name)).unwrap();
    let errors = validate(&graph, &registry()).expect_err("the fixture is invalid");
    let dir = format!("{}/tests/", env!("CARGO_MANIFEST_DIR"));
    errors.iter().map(|e| e.to_string().replace(&dir, "")).collect::<Vec<_>>().join("\n")
}

#[test]
fn valid_fixtures_validate_and_build() {
    for name in ["valid-pipeline.fbp", "valid-pipeline.json"] {
        let graph = Graph::load(path(name)).unwrap();
        assert_eq!(validate(&graph, &registry()).map(|_| ()), Ok(()), "{name}");
        Network::new(&graph, &registry(), NetworkOptions::default()).unwrap();
    }
}

#[test]
fn unknown_components_suggest_close_names_or_list_all() {
    assert_eq!(
        errors("invalid-unknown-component.fbp"),
        "fixtures/invalid-unknown-component.fbp:1:19: process \"read\": unknown component \"test/Raed\" (did you mean test/Read?)\n\
         fixtures/invalid-unknown-component.fbp:2:1: process \"sink2\": unknown component \"zzz/Nothing\" (known components: test/Read, test/Sink)"
    );
}

#[test]
fn unknown_ports_list_the_valid_ones() {
    assert_eq!(
        errors("invalid-unknown-port.fbp"),
        "fixtures/invalid-unknown-port.fbp:2:6: connection read.lines -> sink.in: process \"read\" (test/Read) has no outport \"lines\" (outports: out, error)\n\
         fixtures/invalid-unknown-port.fbp:3:13: connection read.out -> sink.data: process \"sink\" (test/Sink) has no inport \"data\" (inports: in)"
    );
}

#[test]
fn missing_required_inports_are_reported_at_the_process() {
    assert_eq!(
        errors("invalid-missing-required.fbp"),
        "fixtures/invalid-missing-required.fbp:2:12: process \"read\" (test/Read): required inport \"in\" has no connection, IIP or exported inport (give it an IIP, e.g. --set read.in=VALUE)"
    );
}

#[test]
fn iip_data_of_the_wrong_type_names_the_expected_type() {
    assert_eq!(
        errors("invalid-iip-type.fbp"),
        "fixtures/invalid-iip-type.fbp:2:1: IIP into read.count: \"ten\" does not fit the port's type int (expected an integer)"
    );
    assert_eq!(
        errors("invalid-iip-type.json"),
        "fixtures/invalid-iip-type.json at $.connections[0].data: IIP into read.in: [\"input.txt\"] does not fit the port's type string (expected a string)\n\
         fixtures/invalid-iip-type.json at $.connections[1].data: IIP into read.count: 2.5 does not fit the port's type int (expected an integer)"
    );
}

#[test]
fn exported_ports_must_name_existing_ports() {
    assert_eq!(
        errors("invalid-export.fbp"),
        "fixtures/invalid-export.fbp:1:8: exported inport \"file\": process \"read\" (test/Read) has no inport \"file\" (inports: in, count)\n\
         fixtures/invalid-export.fbp:3:9: exported outport \"nothing\": process \"sink\" (test/Sink) has no outport \"out\" (it has no outports)"
    );
}

#[test]
fn json_connections_to_unknown_processes_give_json_paths() {
    assert_eq!(
        errors("invalid-unknown-process.json"),
        "fixtures/invalid-unknown-process.json at $.outports[\"out\"]: exported outport \"out\": no process \"nobody\" in the graph (processes: read)\n\
         fixtures/invalid-unknown-process.json at $.connections[1].tgt: connection read.out -> sinq.in: no process \"sinq\" in the graph (processes: read)"
    );
}

#[test]
fn syntax_errors_give_file_line_and_column() {
    let e = Graph::load(path("invalid-syntax.fbp")).unwrap_err();
    let GraphError::Fbp(fbp) = &e else { panic!("expected an .fbp error, got {e}") };
    assert_eq!((fbp.line, fbp.column, fbp.text.as_str()), (2, 10, "="));
    let text = e.to_string();
    assert!(text.contains("invalid-syntax.fbp:2:10: Expected \" \", \"#\", \"'\", \"(\", \",\", \"->\", "), "{text}");
    assert!(text.ends_with("number or string but \"=\" found."), "{text}");

    let e = Graph::load(path("invalid-syntax.json")).unwrap_err();
    let GraphError::Json(json) = &e else { panic!("expected a JSON error, got {e}") };
    assert_eq!((json.line, json.column, json.text.trim()), (5, 5, "\"connections\": []"));
    assert!(e.to_string().contains("invalid-syntax.json:5:5: invalid graph JSON: expected `,` or `}`"), "{e}");
}

#[test]
fn the_network_builder_refuses_invalid_exports_instead_of_panicking() {
    let graph = Graph::load(path("invalid-export.fbp")).unwrap();
    match Network::new(&graph, &registry(), NetworkOptions::default()) {
        Err(NetworkError::Invalid(errors)) => assert_eq!(errors.len(), 2),
        other => panic!("expected NetworkError::Invalid, got {other:?}"),
    }
}

#[test]
fn set_iip_keeps_later_error_positions_and_drops_the_replaced_one() {
    let text = "'a' -> IN r(core/Repeat)\n'b' -> IN r\n'c' -> IN r\nr OUT -> NOPE s(core/Repeat)\n";
    let mut g = actor_core::Graph::from_fbp_str(text, Some("g.fbp")).unwrap();
    assert_eq!(g.set_iip("r", "in", serde_json::json!("z")), 3);
    assert_eq!(g.connections.len(), 2);
    let errors = actor_core::graph::validate(&g, &actor_components::standard()).unwrap_err();
    let text: Vec<String> = errors.iter().map(ToString::to_string).collect();
    // The bad connection moved from index 3 to 1 and still points at line 4.
    assert_eq!(errors.len(), 1, "{text:?}");
    assert!(text[0].starts_with("g.fbp:4:"), "{text:?}");
    // The replaced IIP's data came from the caller, not from line 1.
    assert_eq!(g.source.connection_data(0), None);
}
