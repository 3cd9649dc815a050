use super::*;

fn graph() -> Graph {
    Graph::from_fbp_str("'a.txt' -> IN read(core/Repeat)\n'x' -> IN read\n", None).unwrap()
}

#[test]
fn replaces_every_iip_into_the_port_with_one() {
    let mut g = graph();
    apply(&mut g, "read.IN=b.txt").unwrap();
    let iips: Vec<_> = g.connections.iter().filter_map(|c| c.data.clone()).collect();
    assert_eq!(iips, vec![Json::from("b.txt")]);
}

#[test]
fn parses_json_values_and_adds_missing_iips() {
    let mut g = graph();
    apply(&mut g, "read.count=[1,2]").unwrap();
    let last = g.connections.last().unwrap();
    assert_eq!((last.tgt.port.as_str(), last.data.clone()), ("count", Some(serde_json::json!([1, 2]))));
}

#[test]
fn rejects_unknown_processes_and_malformed_arguments() {
    let mut g = graph();
    assert!(apply(&mut g, "nope.in=1").unwrap_err().contains("has no process \"nope\" (it has: read)"));
    assert!(apply(&mut g, "read.in").unwrap_err().contains("PROCESS.PORT=VALUE"));
    assert!(apply(&mut g, "readin=1").unwrap_err().contains("no '.'"));
}
