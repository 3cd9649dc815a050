use serde_json::json;

use crate::testing::{TempDir, run};
use actor_core::{Graph, Packet, PortRef};

fn parse_graph(lines: &[&str], missing: Option<serde_json::Value>) -> Graph {
    let mut g = Graph::new();
    g.add_process("parse", "csv/ParseCsv");
    for l in lines {
        g.add_iip(json!(l), PortRef::new("parse", "in"));
    }
    if let Some(m) = missing {
        g.add_iip(m, PortRef::new("parse", "missing"));
    }
    g.export_outport("OUT", "parse", "out");
    g
}

#[tokio::test]
async fn records_become_objects_with_numbers_parsed_and_na_null() {
    let lines = ["species,island,mass,ratio,sex", "Adelie,Torgersen,3750,1.5,male", "Gentoo,Biscoe,NA,NA,", "", "x,y,-2,1e3,07a"];
    let got = run(&parse_graph(&lines, None)).await.ok().json();
    assert_eq!(
        got,
        vec![
            json!({"species": "Adelie", "island": "Torgersen", "mass": 3750, "ratio": 1.5, "sex": "male"}),
            json!({"species": "Gentoo", "island": "Biscoe", "mass": null, "ratio": null, "sex": null}),
            json!({"species": "x", "island": "y", "mass": -2, "ratio": 1000.0, "sex": "07a"}),
        ]
    );
}

#[tokio::test]
async fn missing_tokens_are_configurable_as_a_string_or_a_list() {
    let lines = ["a,b", "NA,-", ",x"];
    let got = run(&parse_graph(&lines, Some(json!("-")))).await.ok().json();
    assert_eq!(got, vec![json!({"a": "NA", "b": null}), json!({"a": "", "b": "x"})]);
    let got = run(&parse_graph(&lines, Some(json!(["NA", ""])))).await.ok().json();
    assert_eq!(got, vec![json!({"a": null, "b": "-"}), json!({"a": null, "b": "x"})]);
    let got = run(&parse_graph(&lines, Some(json!("[\"-\",\"x\"]")))).await.ok().json();
    assert_eq!(got, vec![json!({"a": "NA", "b": null}), json!({"a": "", "b": null})]);
}

#[tokio::test]
async fn quoted_fields_may_hold_delimiters_quotes_and_newlines() {
    let lines = ["name,note", "\"Smith, J\",\"said \"\"hi\"\"", "and left\"", "b,2"];
    let got = run(&parse_graph(&lines, None)).await.ok().json();
    assert_eq!(got, vec![json!({"name": "Smith, J", "note": "said \"hi\"\nand left"}), json!({"name": "b", "note": 2})]);
}

#[tokio::test]
async fn a_wrong_field_count_names_the_file_and_line() {
    let dir = TempDir::new("csvbad");
    let path = dir.file("bad.csv", "a,b\n1,2\n3\n");
    let mut g = Graph::new();
    g.add_process("read", "fs/ReadLines").add_process("parse", "csv/ParseCsv");
    g.connect(PortRef::new("read", "out"), PortRef::new("parse", "in"));
    g.add_iip(json!(path), PortRef::new("read", "in"));
    let err = run(&g).await.error();
    assert!(err.contains("bad.csv:3: the record has 1 fields, the header has 2"), "{err}");
    assert!(err.contains("\"parse\""), "{err}");
}

#[tokio::test]
async fn an_unclosed_quote_is_an_error_at_its_line() {
    let err = run(&parse_graph(&["a", "ok", "\"open", "more"], None)).await.error();
    assert!(err.contains("<input>:3: a quoted field is never closed"), "{err}");
}

#[tokio::test]
async fn each_bracketed_file_has_its_own_header() {
    let dir = TempDir::new("csvtwo");
    let (a, b) = (dir.file("a.csv", "x\n1\n"), dir.file("b.csv", "y,z\nq,2.5\n"));
    let mut g = Graph::new();
    g.add_process("read", "fs/ReadLines").add_process("parse", "csv/ParseCsv");
    g.connect(PortRef::new("read", "out"), PortRef::new("parse", "in"));
    g.add_iip(json!(a), PortRef::new("read", "in"));
    g.add_iip(json!(b), PortRef::new("read", "in"));
    g.export_outport("OUT", "parse", "out");
    let run = run(&g).await.ok();
    assert_eq!(run.json(), vec![json!({"x": 1}), json!({"y": "q", "z": 2.5})]);
    assert_eq!(run.packets.iter().filter(|p| matches!(p, Packet::OpenBracket(_))).count(), 2);
}

#[tokio::test]
async fn delimiter_and_numbers_options() {
    let mut g = parse_graph(&["a;b", "1;x"], None);
    g.add_iip(json!(";"), PortRef::new("parse", "delimiter"));
    g.add_iip(json!(false), PortRef::new("parse", "numbers"));
    assert_eq!(run(&g).await.ok().json(), vec![json!({"a": "1", "b": "x"})]);
}

#[tokio::test]
async fn a_line_packet_holding_several_records_loses_none() {
    // A packet need not be one line: text with several records (from a
    // source other than fs/ReadLines) gives every record, in order.
    let got = run(&parse_graph(&["a,b\n1,2\n3,4", "5,6"], None)).await.ok().json();
    assert_eq!(got, vec![json!({"a": 1, "b": 2}), json!({"a": 3, "b": 4}), json!({"a": 5, "b": 6})]);
    // A bad record inside such a packet is reported at its own line.
    let err = run(&parse_graph(&["a,b\n1,2\n3", "5,6"], None)).await.error();
    assert!(err.contains("<input>:3"), "{err}");
}

#[tokio::test]
async fn a_quoted_field_spanning_many_lines_is_one_value_and_later_lines_count_right() {
    // 2,000 lines inside one quoted field, with escaped quotes on some, then
    // a bad record whose line number must count every one of them.
    let mut lines = vec!["id,text".to_string(), "1,\"start".to_string()];
    lines.extend((0..2_000).map(|i| if i % 7 == 0 { format!("line {i} \"\"q\"\"") } else { format!("line {i}") }));
    lines.push("end\"".to_string());
    lines.push("2,short".to_string());
    lines.push("3".to_string());
    let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    let run = run(&parse_graph(&refs, None)).await;
    let expected: String = std::iter::once("start".to_string())
        .chain((0..2_000).map(|i| if i % 7 == 0 { format!("line {i} \"q\"") } else { format!("line {i}") }))
        .chain(std::iter::once("end".to_string()))
        .collect::<Vec<_>>()
        .join("\n");
    assert_eq!(run.json()[..2], [json!({"id": 1, "text": expected}), json!({"id": 2, "text": "short"})]);
    // Header (1), the record's 2,002 lines (2..=2003), "2,short" (2004), "3" (2005).
    let err = run.error();
    assert!(err.contains("<input>:2005: the record has 1 fields, the header has 2"), "{err}");
}

#[tokio::test]
async fn an_unclosed_quote_in_a_second_file_names_that_file_and_line() {
    let dir = TempDir::new("csvopen");
    let (a, b) = (dir.file("a.csv", "x\n1\n"), dir.file("b.csv", "y\n2\n\"open\nmore\nstill\n"));
    let mut g = Graph::new();
    g.add_process("read", "fs/ReadLines").add_process("parse", "csv/ParseCsv");
    g.connect(PortRef::new("read", "out"), PortRef::new("parse", "in"));
    g.add_iip(json!(a), PortRef::new("read", "in"));
    g.add_iip(json!(b), PortRef::new("read", "in"));
    let err = run(&g).await.error();
    assert!(err.contains("b.csv:3: a quoted field is never closed"), "{err}");
}

#[tokio::test]
async fn blank_lines_and_carriage_returns_anywhere_lose_no_record_and_keep_line_numbers() {
    // Blank lines alone, and at the end of a packet of several lines; a
    // `\r` left at the end of a line (from a source other than fs/ReadLines).
    let lines = ["a,b\r", "", "1,2\r", "3,4\n\n", "5,6", "\"7\r\",8\r", "9"];
    let run = run(&parse_graph(&lines, None)).await;
    assert_eq!(
        run.json(),
        vec![json!({"a": 1, "b": 2}), json!({"a": 3, "b": 4}), json!({"a": 5, "b": 6}), json!({"a": "7\r", "b": 8})]
    );
    // "3,4\n\n" holds lines 4 to 6, so "9" is line 9.
    let err = run.error();
    assert!(err.contains("<input>:9: the record has 1 fields, the header has 2"), "{err}");
}
