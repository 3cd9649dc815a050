//! Subgraphs in validation: a graph registered as a component is checked
//! and inlined. Its plan equals the hand-inlined graph's; its spec comes
//! from its exported ports; errors inside it name its file and position and
//! the inner process's path; a graph that contains itself is an error that
//! shows the chain. Fixtures are in `tests/fixtures/subgraphs/`.

use actor_core::graph::{MAX_PROCESSES, Wire, component_spec, validate};
use actor_core::{Graph, Network, NetworkError, NetworkOptions, PortSpec, PortType, Ports, Registry};

/// `test/Read` (inports `in`: string, required; `count`: int; outports
/// `out`, `error`), `test/Sink` (inport `in`) and `test/Pass` (array
/// inport `in`, array outport `out`).
fn components() -> Registry {
    let mut r = Registry::new();
    let read = Ports::new()
        .inport(PortSpec::new("in").ty(PortType::String).required().describe("a file name"))
        .inport(PortSpec::new("count").ty(PortType::Int).describe("how many lines"))
        .outport(PortSpec::new("out").ty(PortType::String).describe("the lines"))
        .outport(PortSpec::new("error"));
    r.register_fn("test/Read", "reads", read, |_| Ok(()));
    r.register_fn("test/Sink", "drops", Ports::new().inport(PortSpec::new("in")), |_| Ok(()));
    let pass = Ports::new().inport(PortSpec::new("in").addressable()).outport(PortSpec::new("out").addressable());
    r.register_fn("test/Pass", "forwards", pass, |_| Ok(()));
    r
}

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/subgraphs/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn load(name: &str) -> Graph {
    Graph::load(fixture(name)).unwrap_or_else(|e| panic!("{e}"))
}

/// The components, plus the fixture graphs `names` (`lib/Relay` is
/// `lib/Relay.fbp`), registered under their names.
fn registry(names: &[&str]) -> Registry {
    let mut r = components();
    r.register_graphs(names.iter().map(|n| (n.to_string(), load(&format!("{n}.fbp")))));
    r
}

/// The errors of validating the `.fbp` text `main`, one per line, with the
/// fixture folder shortened to `subgraphs/`.
fn errors(main: &str, registry: &Registry) -> Vec<String> {
    let graph = Graph::from_fbp_str(main, Some("main.fbp")).unwrap();
    let errors = validate(&graph, registry).expect_err("the graph is invalid");
    let dir = format!("{}/tests/fixtures/", env!("CARGO_MANIFEST_DIR"));
    errors.iter().map(|e| e.to_string().replace(&dir, "")).collect()
}

fn idx(i: Option<usize>) -> String {
    i.map(|i| format!("[{i}]")).unwrap_or_default()
}

const CHAIN_MAIN: &str = "INPORT=top.IN:START\nOUTPORT=top.OUT:END\n'hello' -> IN top(lib/Chain)\n\
                          'input.txt' -> IN src(test/Read) OUT -> IN[1] top\n\
                          top OUT[0] -> IN sink(test/Sink)\ntop OUT -> IN sink2(test/Sink)\n";

#[test]
fn the_plan_of_nested_subgraphs_equals_the_plan_of_the_graph_inlined_by_hand() {
    let r = registry(&["lib/Relay", "lib/Chain"]);
    let main = Graph::from_fbp_str(CHAIN_MAIN, Some("main.fbp")).unwrap();
    let plan = validate(&main, &r).unwrap_or_else(|e| panic!("{e:?}"));
    let by_hand = validate(&load("chain-inlined.json"), &components()).unwrap();
    // Each edge keeps the ends its own graph file wrote, with the path of
    // that graph's instance.
    let labels: Vec<String> = plan
        .wires
        .iter()
        .filter_map(|w| match w {
            Wire::Edge { written: (s, t), .. } => Some(format!("{}.{}{} -> {}.{}{}", s.process, s.port, idx(s.index), t.process, t.port, idx(t.index))),
            Wire::Iip { .. } => None,
        })
        .collect();
    assert_eq!(labels, [
        "top/first/a.out -> top/first/b.in",
        "top/second/a.out -> top/second/b.in",
        "top/first.out -> top/second.in",
        "src.out -> top.in[1]",
        "top.out[0] -> sink.in",
        "top.out -> sink2.in",
    ]);
    assert_ne!(plan, by_hand, "the labels of the edges that cross a boundary differ");
    assert_eq!(plan.clone().labelled_by_ports(), by_hand.labelled_by_ports(), "and nothing else does");
    // The boundary left nothing behind: no process of a graph component,
    // and as many connections as the graph written out by hand has.
    assert!(plan.processes.iter().all(|p| p.component.starts_with("test/")));
    let names: Vec<&str> = plan.processes.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["top/first/a", "top/first/b", "top/second/a", "top/second/b", "src", "sink", "sink2"]);
}

#[test]
fn a_graph_components_ports_come_from_its_exported_ports() {
    let r = registry(&["lib/Reader", "lib/DefaultReader"]);
    let spec = &r.get("lib/Reader").unwrap().spec;
    assert_eq!(spec.description, "Reads a file");
    let components = components();
    let read = &components.get("test/Read").unwrap().spec.ports;
    let renamed = |p: &PortSpec, name: &str| PortSpec { name: name.into(), ..p.clone() };
    assert_eq!(spec.ports.inports, [renamed(&read.inports[0], "file"), renamed(&read.inports[1], "limit")]);
    assert_eq!(spec.ports.outports, [renamed(&read.outports[0], "lines"), renamed(&read.outports[1], "errors")]);
    assert!(spec.ports.inports[0].required, "FILE maps to a required inport nothing inside feeds");
    // Fed by an IIP inside, the same inport is optional from outside.
    let spec = &r.get("lib/DefaultReader").unwrap().spec;
    assert!(!spec.ports.inports[0].required);
    assert_eq!(spec.ports.inports[0].ty, PortType::String);
    // `component_spec` is the same computation, for any ComponentSpecs.
    assert_eq!(component_spec("lib/Reader", &load("lib/Reader.fbp"), &r).unwrap(), r.get("lib/Reader").unwrap().spec);
}

#[test]
fn the_outer_graph_is_checked_against_the_subgraphs_ports() {
    let r = registry(&["lib/Reader"]);
    let e = errors("2.5 -> LIMIT top(lib/Reader)\ntop LINEZ -> IN s(test/Sink)\n", &r);
    assert_eq!(e, [
        "main.fbp:1:1: IIP into top.limit: 2.5 does not fit the port's type int (expected an integer)",
        "main.fbp:2:5: connection top.linez -> s.in: process \"top\" (lib/Reader) has no outport \"linez\" (outports: lines, errors)",
        "main.fbp:1:14: process \"top\" (lib/Reader): required inport \"file\" has no connection, IIP or exported inport (give it an IIP, e.g. --set top.file=VALUE)",
    ]);
}

#[test]
fn errors_inside_a_subgraph_name_its_file_position_and_the_inner_path() {
    let r = registry(&["lib/Broken"]);
    let e = errors("'in.txt' -> IN top(lib/Broken)\n'x' -> IN other(lib/Broken)\n", &r);
    let for_instance = |path: &str| {
        vec![
            format!("subgraphs/lib/Broken.fbp:4:1: process \"{path}/c\": unknown component \"test/Nope\" (known components: lib/Broken, test/Pass, test/Read, test/Sink)"),
            format!("subgraphs/lib/Broken.fbp:2:14: connection {path}/a.lines -> {path}/b.in: process \"{path}/a\" (test/Read) has no outport \"lines\" (outports: out, error)"),
            format!("subgraphs/lib/Broken.fbp:3:1: IIP into {path}/a.count: \"ten\" does not fit the port's type int (expected an integer)"),
        ]
    };
    let expected: Vec<String> = for_instance("top").into_iter().chain(for_instance("other")).collect();
    assert_eq!(e, expected);
    // The registry knows the same problems, with the graph's own names.
    let problems: Vec<String> = r.get("lib/Broken").unwrap().problems().iter().map(|p| p.message.clone()).collect();
    assert_eq!(problems[0], "process \"c\": unknown component \"test/Nope\" (known components: lib/Broken, test/Pass, test/Read, test/Sink)");
    assert_eq!(problems.len(), 3);
}

#[test]
fn a_graph_that_contains_itself_is_an_error_showing_the_chain() {
    let r = registry(&["lib/Self", "loop/A", "loop/B"]);
    let e = errors("'x' -> IN me(lib/Self)\n", &r);
    assert_eq!(e, [
        "subgraphs/lib/Self.fbp:2:1: process \"me/inner\" (lib/Self): a graph cannot contain itself: lib/Self (subgraphs/lib/Self.fbp) -> lib/Self"
    ]);
    let e = errors("'x' -> IN top(loop/A)\n", &r);
    assert_eq!(e, [
        "subgraphs/loop/B.fbp:3:1: process \"top/b/s2\" (loop/A): a graph cannot contain itself: loop/A (subgraphs/loop/A.fbp) -> loop/B (subgraphs/loop/B.fbp) -> loop/A"
    ]);
    // Each graph of the loop is invalid as a component too.
    for name in ["lib/Self", "loop/A", "loop/B"] {
        let problems = r.get(name).unwrap().problems();
        assert_eq!(problems.len(), 1, "{name}: {problems:?}");
        assert!(problems[0].message.contains("a graph cannot contain itself"), "{name}: {problems:?}");
    }
}

#[test]
fn graphs_register_in_any_order_and_are_checked_again_on_every_registration() {
    // lib/Chain uses lib/Relay, which uses test/Pass: register them backwards.
    let mut r = Registry::new();
    r.register_graph("lib/Chain", load("lib/Chain.fbp"));
    assert!(r.get("lib/Chain").unwrap().problems()[0].message.contains("unknown component \"lib/Relay\""));
    r.register_graph("lib/Relay", load("lib/Relay.fbp"));
    assert!(r.get("lib/Relay").unwrap().problems()[0].message.contains("unknown component \"test/Pass\""));
    assert!(!r.get("lib/Chain").unwrap().problems().is_empty());
    let pass = components().get("test/Pass").unwrap().spec.clone();
    r.register_spec(pass, |_| Err("not made in this test".into()));
    assert!(r.get("lib/Relay").unwrap().problems().is_empty());
    assert!(r.get("lib/Chain").unwrap().problems().is_empty());
    assert_eq!(r.get("lib/Chain").unwrap().spec.ports.inports[0].name, "in");
    assert!(r.get("lib/Chain").unwrap().graph().is_some() && r.get("test/Pass").unwrap().graph().is_none());
}

#[test]
fn a_graph_component_has_no_actor_of_its_own() {
    let r = registry(&["lib/Relay"]);
    let err = r.get("lib/Relay").unwrap().instantiate(&serde_json::Value::Null).err().expect("a graph makes no actor");
    assert!(err.to_string().contains("lib/Relay is a graph"), "{err}");
    // A plan validated against specs that know nothing of subgraphs keeps
    // the process; building it with the registry fails cleanly.
    let specs: Vec<_> = r.iter().map(|e| e.spec.clone()).collect();
    let graph = Graph::from_fbp_str("'x' -> IN top(lib/Relay)\n", None).unwrap();
    let plan = validate(&graph, &specs).unwrap();
    match Network::from_plan(&plan, &r, NetworkOptions::default()) {
        Err(NetworkError::Instantiate { process, cause, .. }) => {
            assert_eq!(process, "top");
            assert!(cause.contains("is a graph"), "{cause}");
        }
        other => panic!("expected an Instantiate error, got {other:?}"),
    }
}

#[test]
fn an_exponential_nesting_is_refused_at_the_process_limit_before_anything_is_built() {
    // Level k holds 20 instances of level k-1: x/L3 has 20^3 = 8,000
    // processes, x/L4 160,000, more than MAX_PROCESSES.
    let mut r = components();
    let mut levels = vec![("x/L0".to_string(), Graph::from_fbp_str("INPORT=p.IN:IN\nOUTPORT=p.OUT:OUT\np(test/Pass)\n", None).unwrap())];
    for k in 1..=4 {
        let mut text = format!("INPORT=p0.IN:IN\nOUTPORT=p19.OUT:OUT\np0(x/L{})\n", k - 1);
        for i in 1..20 {
            text.push_str(&format!("p{} OUT -> IN p{i}(x/L{})\n", i - 1, k - 1));
        }
        levels.push((format!("x/L{k}"), Graph::from_fbp_str(&text, None).unwrap()));
    }
    r.register_graphs(levels);
    assert!(r.get("x/L3").unwrap().problems().is_empty(), "8,000 processes are allowed");
    let graph = Graph::from_fbp_str("'x' -> IN small(x/L1)\n'y' -> IN top(x/L4)\n", Some("main.fbp")).unwrap();
    let e = validate(&graph, &r).unwrap_err();
    assert_eq!(e.len(), 1, "{e:?}");
    let expected = format!("main.fbp:2:11: process \"top\" (x/L4): with its subgraphs inlined, the network would have more than {MAX_PROCESSES} processes");
    assert_eq!(e[0].to_string(), expected);
    assert_eq!(r.get("x/L4").unwrap().problems().len(), 1);
}

#[test]
fn a_failure_policy_on_an_instance_reaches_the_inner_processes_that_set_none() {
    use actor_core::graph::{OnFailure, Restart};
    let mut r = components();
    let inner = "INPORT=a.IN:IN\nOUTPORT=c.OUT:OUT\na(test/Pass) OUT -> IN b(test/Pass:on_failure=finish_downstream)\nb OUT -> IN c(test/Pass:restart=never)\n";
    r.register_graphs([("lib/R".to_string(), Graph::from_fbp_str(inner, Some("lib/R.fbp")).unwrap())]);
    let main = Graph::from_fbp_str("'x' -> IN r(lib/R:restart=on_failure) OUT -> IN s(test/Sink)\n", Some("main.fbp")).unwrap();
    let plan = validate(&main, &r).unwrap_or_else(|e| panic!("{e:?}"));
    let policy = |name: &str| plan.processes.iter().find(|p| p.name == name).unwrap_or_else(|| panic!("no {name}")).policy;
    assert!(matches!(policy("r/a").restart, Restart::OnFailure { .. }), "{:?}", policy("r/a"));
    assert_eq!(policy("r/a").on_failure, OnFailure::Stop);
    // b sets a policy of its own, which is kept whole.
    assert_eq!(policy("r/b").restart, Restart::Never);
    assert_eq!(policy("r/b").on_failure, OnFailure::FinishDownstream);
    // c writes the default policy itself, which is kept too.
    assert_eq!(policy("r/c").restart, Restart::Never);
    assert_eq!(policy("s").restart, Restart::Never);

    // An invalid policy inside a subgraph names the subgraph's file and the inner path.
    let bad = "INPORT=a.IN:IN\na(test/Pass:restart=sometimes)\n";
    r.register_graphs([("lib/Bad".to_string(), Graph::from_fbp_str(bad, Some("lib/Bad.fbp")).unwrap())]);
    let main = Graph::from_fbp_str("'x' -> IN b(lib/Bad)\n", Some("main.fbp")).unwrap();
    let errors: Vec<String> = validate(&main, &r).unwrap_err().iter().map(ToString::to_string).collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].starts_with("lib/Bad.fbp:2:1: process \"b/a\" (test/Pass): "), "{errors:?}");
    assert!(errors[0].contains("restart"), "{errors:?}");
}
