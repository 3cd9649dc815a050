use serde_json::json;

use crate::testing::{TempDir, run};
use actor_core::{Graph, Packet, PortRef, Value};

fn read_graph(path: &str) -> Graph {
    let mut g = Graph::new();
    g.add_process("read", "fs/ReadLines");
    g.add_iip(json!(path), PortRef::new("read", "in"));
    g.export_outport("OUT", "read", "out");
    g
}

#[tokio::test]
async fn read_lines_streams_each_line_between_brackets() {
    let dir = TempDir::new("readlines");
    let path = dir.file("a.txt", "first line\r\nsecond\n\nlast without newline");
    let run = run(&read_graph(&path)).await.ok();
    let bracket = Some(Value::string(&path));
    assert_eq!(
        run.packets,
        vec![
            Packet::OpenBracket(bracket.clone()),
            Packet::Data("first line".into()),
            Packet::Data("second".into()),
            Packet::Data("".into()),
            Packet::Data("last without newline".into()),
            Packet::CloseBracket(bracket),
        ]
    );
}

#[tokio::test]
async fn read_lines_reads_every_file_in_turn() {
    let dir = TempDir::new("readlines2");
    let (a, b) = (dir.file("a.txt", "a1\na2\n"), dir.file("b.txt", "b1\n"));
    let mut g = read_graph(&a);
    g.add_iip(json!(b), PortRef::new("read", "in"));
    assert_eq!(run(&g).await.ok().json(), vec![json!("a1"), json!("a2"), json!("b1")]);
}

#[tokio::test]
async fn read_lines_streams_a_file_larger_than_the_connection_capacity() {
    let dir = TempDir::new("readlines3");
    let text: String = (0..20_000).map(|i| format!("line {i}\n")).collect();
    let run = run(&read_graph(&dir.file("big.txt", &text))).await.ok();
    let data = run.data();
    assert_eq!(data.len(), 20_000);
    assert_eq!(data[19_999], Value::string("line 19999"));
}

#[tokio::test]
async fn read_lines_missing_file_is_an_error_naming_it() {
    let dir = TempDir::new("readlines4");
    let missing = dir.path("no-such-file.txt");
    let err = run(&read_graph(&missing)).await.error();
    assert!(err.contains("no-such-file.txt") && err.contains("cannot open"), "{err}");
    assert!(err.contains("\"read\""), "the process is named: {err}");
}

#[tokio::test]
async fn read_lines_invalid_utf8_names_file_and_line() {
    let dir = TempDir::new("readlines5");
    let path = dir.0.join("bad.txt");
    std::fs::write(&path, b"ok\nstill ok\nbad \xff byte\n").unwrap();
    let err = run(&read_graph(&path.to_string_lossy())).await.error();
    assert!(err.contains("bad.txt:3: not valid UTF-8 (byte 4"), "{err}");
}

#[tokio::test]
async fn read_lines_rejects_a_non_string_path() {
    let err = run(&read_graph_value(json!(42))).await.error();
    assert!(err.contains("port in: packet 1 is 42, expected a file path"), "{err}");
}

/// A graph that sends `v` to `read.in` through a `core/Repeat`, so that the
/// value reaches the component at run time (validation checks IIP types).
fn read_graph_value(v: serde_json::Value) -> Graph {
    let mut g = Graph::new();
    g.add_process("src", "core/Repeat").add_process("read", "fs/ReadLines");
    g.connect(PortRef::new("src", "out"), PortRef::new("read", "in"));
    g.add_iip(v, PortRef::new("src", "in"));
    g
}

fn write_graph(component: &str, values: &[serde_json::Value], file: Option<&str>) -> Graph {
    let mut g = Graph::new();
    g.add_process("src", "core/Repeat").add_process("write", component);
    g.connect(PortRef::new("src", "out"), PortRef::new("write", "in"));
    for v in values {
        g.add_iip(v.clone(), PortRef::new("src", "in"));
    }
    if let Some(f) = file {
        g.add_iip(json!(f), PortRef::new("write", "file"));
    }
    g
}

#[tokio::test]
async fn write_lines_writes_strings_raw_and_other_values_as_json() {
    let dir = TempDir::new("writelines");
    let out = dir.path("out.txt");
    let values = [json!("12 the"), json!({"a": 1}), json!(3.5), json!(null)];
    run(&write_graph("fs/WriteLines", &values, Some(&out))).await.ok();
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "12 the\n{\"a\":1}\n3.5\nnull\n");
}

#[tokio::test]
async fn write_json_writes_json_lines() {
    let dir = TempDir::new("writejson");
    let out = dir.path("out.jsonl");
    let values = [json!("quoted"), json!({"species": "Adelie", "count": 152})];
    run(&write_graph("fs/WriteJson", &values, Some(&out))).await.ok();
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "\"quoted\"\n{\"species\":\"Adelie\",\"count\":152}\n");
}

#[tokio::test]
async fn write_waits_for_the_file_iip_even_when_data_comes_first() {
    // The data IIPs are on a channel that is polled before the file IIP's.
    let dir = TempDir::new("writeorder");
    let out = dir.path("out.txt");
    let mut g = Graph::new();
    g.add_process("write", "fs/WriteLines");
    for i in 0..5 {
        g.add_iip(json!(i), PortRef::new("write", "in"));
    }
    g.add_iip(json!(out), PortRef::new("write", "file"));
    run(&g).await.ok();
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "0\n1\n2\n3\n4\n");
}

#[tokio::test]
async fn write_into_a_missing_directory_is_an_error_naming_the_file() {
    let dir = TempDir::new("writebad");
    let out = dir.path("no/such/dir/out.txt");
    let err = run(&write_graph("fs/WriteLines", &[json!(1)], Some(&out))).await.error();
    assert!(err.contains("no/such/dir/out.txt: cannot create"), "{err}");
}
