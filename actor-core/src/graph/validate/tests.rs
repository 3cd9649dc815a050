use serde_json::json;

use super::*;
use crate::port::{PortSpec, PortType, Ports};

fn registry() -> Registry {
    let mut r = Registry::new();
    let ports = Ports::new().inport(PortSpec::new("in").ty(PortType::Number).required()).outport(PortSpec::new("out"));
    r.register_fn("t/Num", "numbers", ports, |_| Ok(()));
    r
}

#[test]
fn edit_distance_is_levenshtein() {
    assert_eq!(suggest::distance("kitten", "sitting"), 3);
    assert_eq!(suggest::distance("", "abc"), 3);
    assert_eq!(suggest::distance("core/repeat", "core/repeat"), 0);
}

#[test]
fn port_case_follows_the_graph() {
    let mut g = Graph::new();
    g.add_process("a", "t/Num");
    g.add_iip(json!(1), PortRef::new("a", "IN"));
    assert_eq!(validate(&g, &registry()), Ok(()));
    g.case_sensitive = true;
    let errors = validate(&g, &registry()).unwrap_err();
    assert_eq!(errors[0].to_string(), "IIP into a.IN: process \"a\" (t/Num) has no inport \"IN\" (inports: in)");
    assert_eq!(errors[0].location, None, "a graph built in code has no positions");
}

#[test]
fn an_exported_inport_satisfies_a_required_port_and_numbers_accept_ints_and_floats() {
    let mut g = Graph::new();
    g.add_process("a", "t/Num").add_process("b", "t/Num");
    g.export_inport("IN", "a", "in");
    g.add_iip(json!(2.5), PortRef::new("b", "in"));
    assert_eq!(validate(&g, &registry()), Ok(()));
    g.set_iip("b", "in", json!(true));
    let errors = validate(&g, &registry()).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert!(errors[0].message.ends_with("true does not fit the port's type number (expected a number)"), "{}", errors[0]);
}

#[test]
fn every_problem_is_reported_not_just_the_first() {
    let mut g = Graph::new();
    g.add_process("a", "t/Nmu").add_process("b", "t/Num");
    g.connect(PortRef::new("b", "nope"), PortRef::new("c", "in"));
    let errors = validate(&g, &registry()).unwrap_err();
    let text: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(text, [
        "process \"a\": unknown component \"t/Nmu\" (did you mean t/Num?)",
        "connection b.nope -> c.in: process \"b\" (t/Num) has no outport \"nope\" (outports: out)",
        "connection b.nope -> c.in: no process \"c\" in the graph (processes: a, b)",
        "process \"b\" (t/Num): required inport \"in\" has no connection, IIP or exported inport (give it an IIP, e.g. --set b.in=VALUE)",
    ]);
}
