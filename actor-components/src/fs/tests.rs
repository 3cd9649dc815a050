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

/// `read_graph` with `maxline` set to `max`.
fn read_graph_max(path: &str, max: serde_json::Value) -> Graph {
    let mut g = read_graph(path);
    g.add_iip(max, PortRef::new("read", "maxline"));
    g
}

#[tokio::test]
async fn read_lines_accepts_a_line_of_exactly_maxline_bytes_with_either_line_ending() {
    let dir = TempDir::new("readlines-max-ok");
    let (a, b) = ("a".repeat(100), "b".repeat(100));
    let path = dir.file("exact.txt", &format!("{a}\r\n{b}\n{a}"));
    let got = run(&read_graph_max(&path, json!(100))).await.ok().data();
    assert_eq!(got, vec![Value::string(&a), Value::string(&b), Value::string(&a)]);
}

#[tokio::test]
async fn read_lines_refuses_a_line_longer_than_maxline_naming_file_and_line() {
    let dir = TempDir::new("readlines-max");
    let path = dir.file("long.txt", &format!("short\n{}\nafter\n", "x".repeat(101)));
    let run = run(&read_graph_max(&path, json!(100))).await;
    let err = run.error();
    assert!(err.contains("long.txt:2: the line is longer than 100 bytes"), "{err}");
    assert!(err.contains("maxline"), "the error names the option: {err}");
    assert_eq!(run.data(), vec![Value::string("short")], "lines before the long one are sent");
}

#[tokio::test]
async fn read_lines_refuses_a_last_line_without_newline_past_maxline() {
    let dir = TempDir::new("readlines-max-last");
    let path = dir.file("last.txt", &format!("ok\n{}", "y".repeat(103)));
    let err = run(&read_graph_max(&path, json!(100))).await.error();
    assert!(err.contains("last.txt:2: the line is longer than 100 bytes"), "{err}");
}

#[tokio::test]
async fn read_lines_refuses_a_line_past_the_default_cap() {
    // One line of 8 MiB + 1 byte, generated: the default cap is 8 MiB.
    let dir = TempDir::new("readlines-cap");
    let path = dir.0.join("one-line.txt");
    std::fs::write(&path, vec![b'z'; super::DEFAULT_MAX_LINE + 1]).unwrap();
    let err = run(&read_graph(&path.to_string_lossy())).await.error();
    assert!(err.contains("one-line.txt:1: the line is longer than 8388608 bytes"), "{err}");
}

#[tokio::test]
async fn read_lines_rejects_a_maxline_that_is_not_a_positive_integer() {
    let dir = TempDir::new("readlines-max-bad");
    let path = dir.file("a.txt", "a\n");
    for bad in [json!(0), json!(-5)] {
        let err = run(&read_graph_max(&path, bad.clone())).await.error();
        assert!(err.contains("port maxline: expected"), "{bad}: {err}");
    }
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

/// The names in `dir` other than `keep`: a temporary file left behind shows here.
fn others(dir: &TempDir, keep: &[&str]) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(&dir.0)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !keep.contains(&n.as_str()))
        .collect();
    names.sort();
    names
}

#[tokio::test]
async fn write_replaces_the_previous_file_and_leaves_no_temporary_file() {
    let dir = TempDir::new("atomicok");
    let out = dir.file("out.txt", "old 1\nold 2\n");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o640)).unwrap();
    }
    run(&write_graph("fs/WriteLines", &[json!("new")], Some(&out))).await.ok();
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "new\n");
    assert_eq!(others(&dir, &["out.txt"]), Vec::<String>::new());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640, "the replacement keeps the old file's mode");
    }
}

/// A graph whose writer is fed by exported inport `IN`, and a `test/Fail`
/// process fed by `FAIL` that returns an error on its first packet.
fn interruptible(out: &str) -> (Graph, actor_core::Registry) {
    let mut registry = crate::standard();
    registry.register_fn(
        "test/Fail",
        "fails on its first packet",
        actor_core::Ports::new().inport(actor_core::PortSpec::new("in")),
        |_ctx| Err("boom".into()),
    );
    let mut g = Graph::new();
    g.add_process("write", "fs/WriteLines").add_process("fail", "test/Fail");
    g.add_iip(json!(out), PortRef::new("write", "file"));
    g.export_inport("IN", "write", "in").export_inport("FAIL", "fail", "in");
    (g, registry)
}

/// Starts `graph`, sends `lines` into `IN`, and waits until the writer has
/// created its temporary file in `dir` (its data is written to it).
async fn start_writing(
    graph: &Graph,
    registry: &actor_core::Registry,
    dir: &TempDir,
    lines: usize,
) -> (actor_core::network::RunningNetwork, actor_core::network::InportHandle, actor_core::network::InportHandle) {
    let network = actor_core::Network::new(graph, registry, actor_core::NetworkOptions::default()).unwrap();
    let (input, fail) = (network.inport("IN").unwrap(), network.inport("FAIL").unwrap());
    let running = network.start().unwrap();
    for i in 0..lines {
        input.send(format!("line {i}")).await.unwrap();
    }
    // Bounded wait (10 s) for the temporary file to appear.
    for _ in 0..1000 {
        if !others(dir, &["out.txt"]).is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    assert_eq!(others(dir, &["out.txt"]).len(), 1, "the writer writes into one temporary file");
    (running, input, fail)
}

#[tokio::test]
async fn a_stopped_writer_leaves_the_previous_file_untouched() {
    let dir = TempDir::new("atomicstop");
    let out = dir.file("out.txt", "previous result\n");
    let (g, registry) = interruptible(&out);
    let (running, _input, _fail) = start_writing(&g, &registry, &dir, 10_000).await;
    running.handle().stop();
    let report = running.wait().await.unwrap();
    assert_eq!(report.reason, actor_core::network::EndReason::Stopped);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "previous result\n");
    assert_eq!(others(&dir, &["out.txt"]), Vec::<String>::new(), "the temporary file is deleted");
}

#[tokio::test]
async fn a_failed_run_leaves_the_previous_file_untouched() {
    let dir = TempDir::new("atomicfail");
    let out = dir.file("out.txt", "previous result\n");
    let (g, registry) = interruptible(&out);
    let (running, _input, fail) = start_writing(&g, &registry, &dir, 10_000).await;
    fail.send("go").await.unwrap();
    let err = running.wait().await.unwrap_err().to_string();
    assert!(err.contains("boom"), "{err}");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "previous result\n");
    assert_eq!(others(&dir, &["out.txt"]), Vec::<String>::new(), "the temporary file is deleted");
}

#[tokio::test]
async fn a_writer_that_fails_discards_every_file_it_started() {
    // The second path is not a string: the writer fails after finishing the
    // first file's lines; neither file may appear.
    let dir = TempDir::new("atomicfail2");
    let first = dir.path("first.txt");
    let mut g = Graph::new();
    g.add_process("paths", "core/Repeat").add_process("write", "fs/WriteLines");
    g.connect(PortRef::new("paths", "out"), PortRef::new("write", "file"));
    g.add_iip(json!(first), PortRef::new("paths", "in"));
    g.add_iip(json!(42), PortRef::new("paths", "in"));
    g.export_inport("IN", "write", "in");
    let registry = crate::standard();
    let network = actor_core::Network::new(&g, &registry, actor_core::NetworkOptions::default()).unwrap();
    let input = network.inport("IN").unwrap();
    let running = network.start().unwrap();
    let _ = input.send("a line").await; // the writer may have failed already
    drop(input);
    let err = running.wait().await.unwrap_err().to_string();
    assert!(err.contains("port file: expected a string, got 42"), "{err}");
    assert_eq!(others(&dir, &[]), Vec::<String>::new(), "no file and no temporary file");
}

#[tokio::test]
async fn write_follows_a_symbolic_link_and_replaces_the_file_it_points_to() {
    #[cfg(unix)]
    {
        let dir = TempDir::new("atomiclink");
        let real = dir.file("real.txt", "old\n");
        let link = dir.path("link.txt");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        run(&write_graph("fs/WriteLines", &[json!("new")], Some(&link))).await.ok();
        assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "the link stays a link");
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "new\n");
        assert_eq!(others(&dir, &["real.txt", "link.txt"]), Vec::<String>::new());
    }
}

#[tokio::test]
async fn write_to_a_named_pipe_writes_in_place() {
    #[cfg(unix)]
    {
        let dir = TempDir::new("atomicfifo");
        let fifo = dir.path("pipe");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status().expect("mkfifo runs");
        assert!(made.success());
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
        };
        run(&write_graph("fs/WriteLines", &[json!("through the pipe")], Some(&fifo))).await.ok();
        assert_eq!(reader.join().unwrap(), "through the pipe\n");
        use std::os::unix::fs::FileTypeExt as _;
        assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo(), "the pipe was not replaced");
        assert_eq!(others(&dir, &["pipe"]), Vec::<String>::new());
    }
}

// fs/ReadText

/// A graph reading `path` with `fs/ReadText`, with options `size` and
/// `maxrun` when given.
fn read_text_graph(path: &str, size: Option<serde_json::Value>, max_run: Option<serde_json::Value>) -> Graph {
    let mut g = Graph::new();
    g.add_process("read", "fs/ReadText");
    g.add_iip(json!(path), PortRef::new("read", "in"));
    if let Some(size) = size {
        g.add_iip(size, PortRef::new("read", "size"));
    }
    if let Some(max_run) = max_run {
        g.add_iip(max_run, PortRef::new("read", "maxrun"));
    }
    g.export_outport("OUT", "read", "out");
    g
}

/// The pieces `fs/ReadText` sends for `text` with piece size `size`.
async fn pieces(text: &str, size: usize) -> Vec<String> {
    let dir = TempDir::new("readtext-pieces");
    let path = dir.file("t.txt", text);
    let run = run(&read_text_graph(&path, Some(json!(size)), None)).await.ok();
    run.data().iter().map(|v| v.as_str().expect("a string piece").to_string()).collect()
}

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\x0B' | '\x0C' | '\r')
}

/// Checks what `fs/ReadText` promises of `pieces` cut from `text` with
/// piece size `size` (no run of non-white-space longer than `size` in `text`).
fn check_pieces(text: &str, pieces: &[String], size: usize) {
    assert_eq!(pieces.concat(), text, "the pieces are the text");
    let mut at = 0;
    for (i, p) in pieces.iter().enumerate() {
        assert!(!p.is_empty(), "piece {i} is empty");
        assert!(p.len() <= size, "piece {i} has {} bytes, more than {size}", p.len());
        at += p.len();
        if i + 1 < pieces.len() {
            assert!(p.ends_with(is_space), "piece {i} does not end with white space: {p:?}");
            // The longest such piece: the next run and its white space do not fit.
            let next = &text[at..];
            let next_cut = next.find(is_space).map_or(next.len(), |k| k + 1);
            assert!(p.len() + next_cut > size, "piece {i} ({} bytes) could have taken {next_cut} more", p.len());
        }
    }
}

#[tokio::test]
async fn read_text_sends_the_text_in_bounded_pieces_cut_after_white_space() {
    // Words of 1 to 12 letters, separated by spaces, tabs, CRLF and LF.
    let mut text = String::new();
    for i in 0..3000u32 {
        let len = 1 + (i * 7 + i / 13) as usize % 12;
        text.extend(std::iter::repeat_n(char::from(b'a' + (i % 26) as u8), len));
        text.push_str(["  ", " ", "\t", "\r\n", "\n", " \n\n"][i as usize % 6]);
    }
    for size in [13, 16, 100, 4096] {
        check_pieces(&text, &pieces(&text, size).await, size);
    }
}

#[tokio::test]
async fn read_text_pieces_are_at_most_64_kib_by_default_across_chunks() {
    // One line of 1 MB of words: 16 and more chunks of the reader.
    let dir = TempDir::new("readtext-default");
    let text: String = (0..150_000).map(|i| format!("w{} ", i % 997)).collect();
    let path = dir.file("line.txt", &text);
    let run = run(&read_text_graph(&path, None, None)).await.ok();
    let got: Vec<String> = run.data().iter().map(|v| v.as_str().unwrap().to_string()).collect();
    assert!(got.len() > text.len() / super::DEFAULT_PIECE_SIZE, "{} pieces", got.len());
    check_pieces(&text, &got, super::DEFAULT_PIECE_SIZE);
}

#[tokio::test]
async fn read_text_never_cuts_a_multi_byte_character() {
    // Two- to four-byte characters; a cut at a byte count would fall inside them.
    let text = "é à ü\nnaïve café 日本語 テキスト 😀😀 ∑x² ß\nünïcödé ending without a newline 🎉";
    for size in 4..=20 {
        let got = pieces(text, size).await;
        assert_eq!(got.concat(), text, "size {size}");
        for (i, p) in got.iter().enumerate() {
            let run = p.trim_end_matches(is_space);
            assert!(p.len() <= size || !run.contains(is_space), "size {size}: piece {i} {p:?} is long and not one run");
            if i + 1 < got.len() {
                assert!(p.ends_with(is_space), "size {size}: piece {i} {p:?}");
            }
        }
    }
}

#[tokio::test]
async fn read_text_sends_a_run_longer_than_the_size_whole_up_to_maxrun() {
    let dir = TempDir::new("readtext-run");
    let run_text = "日".repeat(10); // 30 bytes without white space
    let path = dir.file("run.txt", &format!("ab {run_text} cd\n"));
    let got = run(&read_text_graph(&path, Some(json!(8)), Some(json!(30)))).await.ok().json();
    assert_eq!(got, vec![json!("ab "), json!(format!("{run_text} ")), json!("cd\n")]);
}

#[tokio::test]
async fn read_text_of_an_empty_file_sends_only_the_brackets() {
    let dir = TempDir::new("readtext-empty");
    let path = dir.file("empty.txt", "");
    let bracket = Some(Value::string(&path));
    let run = run(&read_text_graph(&path, None, None)).await.ok();
    assert_eq!(run.packets, vec![Packet::OpenBracket(bracket.clone()), Packet::CloseBracket(bracket)]);
}

#[tokio::test]
async fn read_text_keeps_a_last_line_without_newline() {
    assert_eq!(pieces("one two\nthree fourfive", 10).await, ["one two\n", "three ", "fourfive"]);
    assert_eq!(pieces("no newline", 100).await, ["no newline"]);
    assert_eq!(pieces("x", 1).await, ["x"]);
}

#[tokio::test]
async fn read_text_refuses_a_run_longer_than_maxrun_naming_file_line_and_column() {
    let dir = TempDir::new("readtext-maxrun");
    // The run starts on line 3, after 5 characters (8 bytes): column 6.
    let path = dir.file("long.txt", &format!("first line\nsecond\nçà é {} tail\n", "x".repeat(31)));
    let run = run(&read_text_graph(&path, Some(json!(8)), Some(json!(30)))).await;
    let err = run.error();
    assert!(err.contains("long.txt:3:6: a run without white space starts here that is longer than 30 bytes"), "{err}");
    assert!(err.contains("maxrun") && err.contains("\"read\""), "the option and the process are named: {err}");
    let sent: String = run.data().iter().map(|v| v.as_str().unwrap().to_string()).collect();
    assert_eq!(sent, "first line\nsecond\nçà é ", "the text before the run is sent");
}

#[tokio::test]
async fn read_text_accepts_a_run_of_exactly_maxrun_bytes_even_at_the_end() {
    let dir = TempDir::new("readtext-maxrun-ok");
    let (a, b) = ("a".repeat(30), "b".repeat(30));
    let path = dir.file("exact.txt", &format!("{a}\n{b}"));
    let got = run(&read_text_graph(&path, Some(json!(8)), Some(json!(30)))).await.ok().json();
    assert_eq!(got, vec![json!(format!("{a}\n")), json!(b)]);
    let path = dir.file("over.txt", &format!("{a}\n{b}b"));
    let err = run(&read_text_graph(&path, Some(json!(8)), Some(json!(30)))).await.error();
    assert!(err.contains("over.txt:2:1: a run"), "a last run past the cap is refused: {err}");
}

#[tokio::test]
async fn read_text_refuses_a_run_past_the_default_cap() {
    let dir = TempDir::new("readtext-cap");
    let path = dir.0.join("one-run.txt");
    let mut bytes = b"a b\nc ".to_vec();
    bytes.resize(bytes.len() + super::DEFAULT_MAX_RUN + 1, b'z');
    std::fs::write(&path, bytes).unwrap();
    let err = run(&read_text_graph(&path.to_string_lossy(), None, None)).await.error();
    assert!(err.contains("one-run.txt:2:3: a run without white space starts here that is longer than 8388608 bytes"), "{err}");
}

#[tokio::test]
async fn read_text_invalid_utf8_names_file_line_and_byte() {
    let dir = TempDir::new("readtext-utf8");
    let path = dir.0.join("bad.txt");
    // Line 3 starts in one piece and its bad byte is in the next.
    std::fs::write(&path, b"ok\nstill ok\nsome words, bad \xff byte\n").unwrap();
    let err = run(&read_text_graph(&path.to_string_lossy(), Some(json!(8)), None)).await.error();
    assert!(err.contains("bad.txt:3: not valid UTF-8 (byte 16 of the line)"), "{err}");
}

#[tokio::test]
async fn read_text_rejects_options_that_are_not_positive_integers() {
    let dir = TempDir::new("readtext-options");
    let path = dir.file("a.txt", "a\n");
    for (size, max_run, port) in [(json!(0), json!(10), "size"), (json!(10), json!(-1), "maxrun"), (json!(10), json!(0), "maxrun")] {
        let err = run(&read_text_graph(&path, Some(size.clone()), Some(max_run.clone()))).await.error();
        assert!(err.contains(&format!("port {port}: expected")), "{size} {max_run}: {err}");
    }
}

#[tokio::test]
async fn read_text_then_words_gives_the_words_of_the_whole_text() {
    let dir = TempDir::new("readtext-words");
    let text: String = (0..2000).map(|i| format!("Wörd{} é-{}, x{}\n", i % 37, i % 11, i)).collect();
    let path = dir.file("w.txt", &text);
    let mut g = read_text_graph(&path, Some(json!(50)), None);
    g.add_process("words", "text/Words");
    g.connect(PortRef::new("read", "out"), PortRef::new("words", "in"));
    g.outports.clear();
    g.export_outport("OUT", "words", "out");
    let got = run(&g).await.ok().json();
    let want: Vec<serde_json::Value> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| json!(w.to_lowercase()))
        .collect();
    assert_eq!(got, want);
}
