use serde_json::{Value as Json, json};

use super::*;
use crate::Value;
use crate::graph::{Graph, PlanPort, PortRef, Wire};
use crate::port::{ComponentSpec, PortSpec, PortType, Ports};

fn registry() -> Vec<ComponentSpec> {
    let ports = Ports::new().inport(PortSpec::new("in").ty(PortType::Number).required()).outport(PortSpec::new("out"));
    vec![ComponentSpec { name: "t/Num".into(), description: "numbers".into(), ports }]
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
    assert!(validate(&g, &registry()).is_ok());
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
    assert!(validate(&g, &registry()).is_ok());
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

#[test]
fn the_plan_names_every_process_and_port_by_index() {
    let mut g = Graph::new();
    g.add_process("a", "t/Num").add_process("b", "t/Num");
    g.add_iip(json!(1), PortRef::new("a", "IN"));
    g.connect(PortRef::new("a", "OUT"), PortRef::new("b", "in"));
    g.connect(PortRef::new("b", "out"), PortRef::new("a", "in"));
    g.export_outport("RESULT", "b", "Out");
    let plan = validate(&g, &registry()).unwrap();
    assert_eq!(plan.processes.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), ["a", "b"]);
    let port = |process, port| PlanPort { process, port, index: None };
    assert_eq!(plan.wires[0], Wire::Iip { tgt: port(0, 0), data: json!(1) });
    assert!(matches!(&plan.wires[1], Wire::Edge { src, tgt, .. } if *src == port(0, 0) && *tgt == port(1, 0)));
    assert!(matches!(&plan.wires[2], Wire::Edge { src, tgt, .. } if *src == port(1, 0) && *tgt == port(0, 0)));
    assert_eq!(plan.exported_outports, [("RESULT".to_string(), port(1, 0))]);
    assert!(plan.topology.has_cycle);
    assert_eq!(plan.topology.on_cycle, [true, true]);
}

/// `t/Take`: an int port `count` whose check wants at most 100.
fn with_checked_port() -> Vec<ComponentSpec> {
    fn at_most_100(v: &Value) -> Result<(), String> {
        match v.as_i64() {
            Some(n) if n <= 100 => Ok(()),
            _ => Err("expected at most 100".into()),
        }
    }
    let ports = Ports::new().inport(PortSpec::new("count").ty(PortType::Int).check(at_most_100));
    vec![ComponentSpec { name: "t/Take".into(), description: "takes".into(), ports }]
}

#[test]
fn a_string_iip_spelling_a_number_is_delivered_as_the_number() {
    let g = Graph::from_fbp_str("'10' -> COUNT take(t/Take)\n", Some("g.fbp")).unwrap();
    let plan = validate(&g, &with_checked_port()).unwrap();
    let data: Vec<&Json> = plan.wires.iter().filter_map(|w| match w { Wire::Iip { data, .. } => Some(data), _ => None }).collect();
    assert_eq!(data, [&json!(10)]);
    let g = Graph::from_fbp_str("'ten' -> COUNT take(t/Take)\n", Some("g.fbp")).unwrap();
    let errors = validate(&g, &with_checked_port()).unwrap_err();
    assert_eq!(errors[0].to_string(), "g.fbp:1:1: IIP into take.count: \"ten\" does not fit the port's type int (expected an integer)");
}

#[test]
fn a_port_check_rejects_an_iip_with_its_position_and_the_components_words() {
    let g = Graph::from_fbp_str("take(t/Take)\n'1000' -> COUNT take\n", Some("g.fbp")).unwrap();
    let errors = validate(&g, &with_checked_port()).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].to_string(), "g.fbp:2:1: IIP into take.count: 1000: expected at most 100");
    // A value of the wrong type is reported once, by its type, not checked.
    let g = Graph::from_fbp_str("'many' -> COUNT take(t/Take)\n", None).unwrap();
    assert_eq!(validate(&g, &with_checked_port()).unwrap_err().len(), 1);
}

#[test]
fn string_spellings_of_scalars_coerce_and_others_do_not() {
    assert_eq!(PortType::Number.coerce(&json!(" 2.5 ")), Some(json!(2.5)));
    assert_eq!(PortType::Number.coerce(&json!("7")), Some(json!(7)));
    assert_eq!(PortType::Number.coerce(&json!("NaN")), None, "JSON has no NaN");
    assert_eq!(PortType::Boolean.coerce(&json!("false")), Some(json!(false)));
    assert_eq!(PortType::Boolean.coerce(&json!("yes")), None);
    assert_eq!(PortType::Int.coerce(&json!("2.5")), None);
    assert_eq!(PortType::Object.coerce(&json!("{}")), None, "only scalar types read a spelling");
    assert_eq!(PortType::All.coerce(&json!("10")), Some(json!("10")));
}
