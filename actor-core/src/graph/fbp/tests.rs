use serde_json::json;

use super::*;
use crate::graph::{Connection, ExportedPort, Graph, Group, Location, PortRef, Process, SourceFormat};

fn parse_ci(text: &str) -> Graph {
    parse(text, FbpOptions { case_sensitive: false, file: Some("t.fbp") }).unwrap()
}

fn parse_err(text: &str) -> FbpError {
    parse(text, FbpOptions { case_sensitive: true, file: Some("t.fbp") }).unwrap_err()
}

fn at(line: usize, column: usize) -> Option<Location> {
    Some(Location::Text { file: Some("t.fbp".into()), line, column })
}

#[test]
fn chains_iips_array_ports_and_lowercases_ports() {
    let g = parse_ci("'a.txt' -> IN Read(ReadFile) OUT[2] -> IN[0] Split(SplitStr)\nSplit OUT -> IN Show(core/Output)\n");
    assert_eq!(g.processes.keys().collect::<Vec<_>>(), ["Read", "Split", "Show"]);
    assert_eq!(g.processes["Read"].component, "ReadFile");
    assert_eq!(g.connections.len(), 3);
    assert_eq!(g.connections[0].data, Some(json!("a.txt")));
    assert_eq!(g.connections[0].tgt, PortRef::new("Read", "in"));
    let src = g.connections[1].src.clone().unwrap();
    assert_eq!((src.port.as_str(), src.index), ("out", Some(2)));
    assert_eq!((g.connections[1].tgt.port.as_str(), g.connections[1].tgt.index), ("in", Some(0)));
    assert!(!g.case_sensitive);
}

#[test]
fn records_lines_and_columns_of_processes_endpoints_iips_and_exports() {
    let text = "INPORT=Read.IN:FILE\n\n  'x' -> IN Read(ReadFile)\nRead OUT -> IN Show(core/Output)\n";
    let g = parse_ci(text);
    let s = &g.source;
    assert_eq!(s.format, SourceFormat::Fbp);
    assert_eq!(s.process("Read"), at(3, 13));
    assert_eq!(s.process("Show"), at(4, 16));
    assert_eq!(s.connection_data(0), at(3, 3));
    assert_eq!(s.connection_tgt(0), at(3, 10));
    assert_eq!(s.connection_src(1), at(4, 6));
    assert_eq!(s.connection_tgt(1), at(4, 13));
    assert_eq!(s.inport("file"), at(1, 8));
    assert_eq!(s.connection_tgt(1).unwrap().to_string(), "t.fbp:4:13");
}

#[test]
fn metadata_annotations_and_anonymous_processes() {
    let g = parse_ci("# @runtime noflo-nodejs\n# @name Hello\na(A:k=v,x=10,flag) OUT -> IN (core/Output)\n(core/Output) OUT -> IN b(B)\n");
    assert_eq!(g.properties["environment"], json!({"type": "noflo-nodejs"}));
    assert_eq!(g.properties["name"], json!("Hello"));
    assert_eq!(g.processes["a"].metadata, Some(json!({"k": "v", "x": 10, "routes": "flag"}).as_object().unwrap().clone()));
    assert!(g.processes.contains_key("_core_Output_1"));
    assert!(g.processes.contains_key("_core_Output_2"));
    assert_eq!(g.connections[0].tgt.process, "_core_Output_1");
}

#[test]
fn default_ports_exports_and_case_sensitivity() {
    let text = "DEFAULT_INPORT=Data\nINPORT=a.In:Start\nOUTPORT=b.Out:End\n'x' -> a(A) -> b(B)\n";
    let ci = parse_ci(text);
    assert_eq!(ci.inports["start"], ExportedPort { process: "a".into(), port: "in".into(), metadata: None });
    assert_eq!(ci.connections[0].tgt.port, "data");
    let cs = parse(text, FbpOptions { case_sensitive: true, file: None }).unwrap();
    assert!(cs.case_sensitive);
    assert_eq!(cs.outports["End"].port, "Out");
    assert_eq!(cs.connections[1].src.as_ref().unwrap().port, "OUT");
    assert_eq!(cs.connections[1].tgt.port, "Data");
}

#[test]
fn json_iips_keep_integers_and_floats_apart() {
    let g = parse_ci("{\"a\": [1, 2.5, -0, 1e2, true, null]} -> IN x(X)\n\tnull -> IN x\n");
    assert_eq!(g.connections[0].data, Some(json!({"a": [1, 2.5, 0, 100.0, true, null]})));
    assert_eq!(g.connections[1].data, Some(json!(null)));
    // Without whitespace before it, `null` is a process name, as in the reference parser.
    let e = parse("null -> IN x(X)", FbpOptions::default()).unwrap_err();
    assert!(e.reference_message().contains("undefined source node \"null\""), "{e}");
}

#[test]
fn syntax_errors_give_position_expected_and_found() {
    let e = parse_err("a(A) OUT -> IN b(B)\n'foo' --> b");
    assert_eq!((e.line, e.column, e.text.as_str()), (2, 7, "-"));
    assert_eq!(e.reference_message(), "Expected \" \" or \"->\" but \"-\" found.");
    assert_eq!(e.to_string(), "t.fbp:2:7: Expected \" \" or \"->\" but \"-\" found.");
    let end = parse_err("b(B)\na(A) OUT -> IN b(B");
    assert_eq!(end.reference_message(), "Expected \")\", \":\" or [a-zA-Z/\\-0-9_] but end of input found.");
    assert_eq!((end.line, end.column, end.text.as_str()), (2, 19, ""));
    // The reference checks undefined processes before reporting leftover text.
    let first = parse_err("a(A) OUT -> IN b(B");
    assert!(first.reference_message().starts_with("Edge from \"a\" port \"OUT\""), "{first}");
}

#[test]
fn undefined_processes_are_errors_at_their_mention() {
    let e = parse_err("a(A) OUT -> IN b(B)\nb OUT -> IN c");
    assert_eq!(e.reference_message(), "Edge from \"b\" port \"OUT\" is connected to an undefined target node \"c\"");
    assert_eq!((e.line, e.column, e.text.as_str()), (2, 10, "c"));
    let e = parse_err("OUTPORT=nope.OUT:x\na(A)");
    assert_eq!(e.reference_message(), "Outport \"x\" is connected to an undefined source node \"nope\"");
    let e = parse_err("a() OUT -> IN b(B)");
    assert_eq!(e.reference_message(), "Node \"a\" does not have a component defined");
    let e = parse_err("0 -> IN nope");
    assert_eq!(e.reference_message(), "Cannot read properties of undefined (reading 'process')");
}

fn full_graph(case_sensitive: bool) -> Graph {
    let mut g = Graph::new();
    g.case_sensitive = case_sensitive;
    g.properties.insert("name".into(), json!("round trip"));
    g.properties.insert("environment".into(), json!({"type": "noflo-nodejs"}));
    let meta = json!({"label": "reader", "x": 10, "y": 20, "routes": "main"}).as_object().unwrap().clone();
    g.processes.insert("read".into(), Process { component: "fs/ReadFile".into(), metadata: Some(meta) });
    g.add_process("_show_1", "core/Output");
    g.add_iip(json!({"path": "a b.txt", "n": [1, 2.5, "it's \"quoted\"\n"]}), PortRef::new("read", "in"));
    g.add_iip(json!(null), PortRef::new("read", "opts"));
    g.connections.push(Connection {
        src: Some(PortRef { process: "read".into(), port: if case_sensitive { "Out".into() } else { "out".into() }, index: Some(3) }),
        data: None,
        tgt: PortRef { process: "_show_1".into(), port: "in".into(), index: Some(0) },
        metadata: None,
    });
    g.export_inport("file", "read", "in").export_outport("done", "_show_1", "out");
    g
}

#[test]
fn writer_output_reads_back_as_the_same_graph() {
    for cs in [false, true] {
        let g = full_graph(cs);
        let text = write(&g).unwrap();
        let back = parse(&text, FbpOptions { case_sensitive: cs, file: None }).unwrap();
        let mut expected = g.clone();
        expected.source = back.source.clone();
        assert_eq!(back, expected, "{text}");
    }
}

#[test]
fn writer_refuses_what_fbp_cannot_express() {
    let mut g = full_graph(false);
    g.groups.push(Group { name: "g".into(), nodes: vec!["read".into()], metadata: None });
    assert!(write(&g).unwrap_err().to_string().contains("group \"g\": .fbp has no groups"));
    let mut g = full_graph(false);
    g.add_process("bad name", "X");
    assert!(write(&g).unwrap_err().to_string().contains("process \"bad name\""));
    let mut g = full_graph(false);
    g.connections[0].tgt.port = "IN".into();
    assert!(write(&g).unwrap_err().to_string().contains("would be lowercased"));
    let mut g = full_graph(false);
    g.processes["read"].metadata.as_mut().unwrap().insert("x".into(), json!(-1.5));
    assert!(write(&g).unwrap_err().reason.contains("non-negative integer"));
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let ok = format!("{}{} -> IN a(A)", "[".repeat(250), "]".repeat(250));
    assert!(parse(&ok, FbpOptions::default()).is_ok());
    let deep = format!("{}{} -> IN a(A)", "[".repeat(100_000), "]".repeat(100_000));
    let e = parse(&deep, FbpOptions::default()).unwrap_err();
    assert!(matches!(*e.kind, FbpErrorKind::TooDeep { limit: 256 }), "{e}");
    assert_eq!((e.line, e.column), (1, 256));
    let chain: Vec<String> = (0..300).map(|i| format!("p{i}(A)")).collect();
    let e = parse(&chain.join(" -> "), FbpOptions::default()).unwrap_err();
    assert!(matches!(*e.kind, FbpErrorKind::TooDeep { .. }), "{e}");
}

#[test]
fn javascript_conversions_match_ecmascript() {
    use super::js::{js_parse_float, js_string};
    assert_eq!(js_parse_float("12abc"), json!(12));
    assert_eq!(js_parse_float("1e5"), json!(100000.0));
    assert_eq!(js_parse_float("abc"), json!(null));
    assert_eq!(js_parse_float("Infinity"), json!(null));
    assert_eq!(js_string(&json!([1, null, "a", [2, 3]])), "1,,a,2,3");
    assert_eq!(js_string(&json!({"a": 1})), "[object Object]");
    assert_eq!(js_string(&json!(1e21)), "1e+21");
    assert_eq!(js_string(&json!(2.5)), "2.5");
    assert_eq!(js_string(&json!(-0.0)), "0");
}

#[test]
fn columns_count_characters_and_every_line_break_kind() {
    // Multi-byte characters before a position count as one column each;
    // `\r\n`, `\r`, U+2028 and U+2029 each end one line.
    let text = "# é ü ☃ 𝄞\r\n'ça' -> IN a(A)\r'x' -> IN b(B)\u{2028}'y' -> IN c(C)\u{2029}# 日本\n  'z' -> IN d(D)\n";
    let g = parse_ci(text);
    let s = &g.source;
    assert_eq!(s.process("a"), at(2, 12));
    assert_eq!(s.process("b"), at(3, 11));
    assert_eq!(s.process("c"), at(4, 11));
    assert_eq!(s.connection_data(3), at(6, 3));
    assert_eq!(s.process("d"), at(6, 13));
    let e = parse_err("'日本語' -> IN a(A) OUT -> b(B) ☃");
    assert_eq!((e.line, e.column, e.text.as_str()), (1, 30, "☃"));
}

#[test]
fn json_string_escapes_combine_surrogate_pairs_and_replace_unpaired_ones() {
    let g = parse_ci(r#"["\ud834\udd1e", "a\ud800b", "\udc00", "\ud800", "\u00e9\n\"\\\/", "plain é"] -> IN x(X)"#);
    assert_eq!(g.connections[0].data, Some(json!(["𝄞", "a\u{fffd}b", "\u{fffd}", "\u{fffd}", "é\n\"\\/", "plain é"])));
}
