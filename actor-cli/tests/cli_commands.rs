//! The `actorflow` binary, driven as a user would: exit codes, messages,
//! `graph convert` both ways, `components`.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn actorflow(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_actorflow"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

fn file(name: &str, text: &str) -> String {
    let path: PathBuf = [env!("CARGO_TARGET_TMPDIR"), name].iter().collect();
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

const GOOD: &str = "# @name demo\nINPORT=a.IN:START\n'hello' -> IN a(core/Repeat) OUT -> IN b(core/Repeat)\n";

#[test]
fn validate_prints_ok_for_a_valid_graph() {
    let o = actorflow(&["validate", &file("good.fbp", GOOD)], "");
    assert_eq!((o.status.code(), stdout(&o).as_str()), (Some(0), "ok\n"), "{}", stderr(&o));
}

#[test]
fn validate_names_file_line_and_column_and_exits_2() {
    let path = file("unknown.fbp", "'x' -> IN a(core/Repeat)\na OUT -> IN b(core/Repaet)\n");
    let o = actorflow(&["validate", &path], "");
    assert_eq!(o.status.code(), Some(2));
    let expected = format!("{path}:2:13: process \"b\": unknown component \"core/Repaet\" (did you mean core/Repeat?)");
    assert!(stderr(&o).contains(&expected), "{}", stderr(&o));

    let path = file("syntax.fbp", "'x' -> IN a(core/Repeat)\na OUT => IN b\n");
    let o = actorflow(&["validate", &path], "");
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains(&format!("{path}:2:7: Expected \" \", \"#\"")), "{}", stderr(&o));
    assert!(stderr(&o).contains("but \"=\" found."), "{}", stderr(&o));

    let path = file("ports.fbp", "'x' -> IN a(core/Repeat)\na DATA -> IN b(core/Repeat)\n");
    let o = actorflow(&["validate", &path], "");
    assert!(stderr(&o).contains(&format!("{path}:2:3: connection a.data -> b.in: process \"a\" (core/Repeat) has no outport \"data\" (outports: out)")), "{}", stderr(&o));
}

#[test]
fn run_exits_0_on_success_and_2_on_an_invalid_graph_or_bad_set() {
    let o = actorflow(&["run", "--quiet", &file("run.fbp", GOOD)], "");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = actorflow(&["run", "--runtime", "current-thread", &file("run2.fbp", GOOD), "--set", "a.in=[1,2]"], "");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = actorflow(&["run", &file("run3.fbp", GOOD), "--set", "zz.in=1"], "");
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--set zz.in=1: the graph has no process \"zz\" (it has: a, b)"), "{}", stderr(&o));
    let o = actorflow(&["run", &file("run4.fbp", "'x' -> IN a(nope/Nope)\n")], "");
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("unknown component \"nope/Nope\""), "{}", stderr(&o));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(actorflow(&["run"], "").status.code(), Some(2));
    assert_eq!(actorflow(&["frobnicate"], "").status.code(), Some(2));
    assert_eq!(actorflow(&["graph", "convert", "-", "--to", "xml"], "").status.code(), Some(2));
    assert_eq!(actorflow(&["run", "--runtime", "fast", "x.fbp"], "").status.code(), Some(2));
    assert_eq!(actorflow(&["validate", "graph.txt"], "").status.code(), Some(2));
    assert_eq!(actorflow(&["--help"], "").status.code(), Some(0));
}

#[test]
fn convert_fbp_to_json_and_back() {
    let o = actorflow(&["graph", "convert", "-", "--to", "json"], GOOD);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(json["properties"]["name"], "demo");
    assert_eq!(json["inports"]["start"], serde_json::json!({"process": "a", "port": "in"}));
    assert_eq!(json["connections"][0], serde_json::json!({"data": "hello", "tgt": {"process": "a", "port": "in"}}));
    assert_eq!(json["connections"][1]["src"], serde_json::json!({"process": "a", "port": "out"}));

    // JSON (from a file) to .fbp, and that .fbp (from stdin) to JSON again.
    let o2 = actorflow(&["graph", "convert", &file("g.json", &stdout(&o)), "--to", "fbp"], "");
    assert_eq!(o2.status.code(), Some(0), "{}", stderr(&o2));
    assert!(stdout(&o2).contains("a(core/Repeat)\n"), "{}", stdout(&o2));
    let o3 = actorflow(&["graph", "convert", "-", "--to", "json"], &stdout(&o2));
    let again: serde_json::Value = serde_json::from_str(&stdout(&o3)).unwrap();
    assert_eq!(again, json);

    // Stdin that is one JSON object is graph JSON.
    let o4 = actorflow(&["graph", "convert", "-", "--to", "fbp"], &stdout(&o));
    assert_eq!(stdout(&o4), stdout(&o2));
}

#[test]
fn convert_keeps_case_when_asked() {
    let o = actorflow(&["graph", "convert", "-", "--to", "json", "--case-sensitive"], "a(A) Out -> In b(B)");
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(json["connections"][0]["src"]["port"], "Out");
    assert_eq!(json["caseSensitive"], true);
}

#[test]
fn convert_errors_use_the_reference_wording_on_stdin_and_positions_for_files() {
    let o = actorflow(&["graph", "convert", "-", "--to", "json"], "'foo' --> Display(Output)");
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stderr(&o), "Expected \" \" or \"->\" but \"-\" found.\n");
    let path = file("bad.fbp", "\n'foo' --> Display(Output)");
    let o = actorflow(&["graph", "convert", &path, "--to", "json"], "");
    assert_eq!(stderr(&o), format!("{path}:2:7: Expected \" \" or \"->\" but \"-\" found.\n"));
    let path = file("bad.json", "{\"processes\": {]}");
    let o = actorflow(&["graph", "convert", &path, "--to", "fbp"], "");
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).starts_with(&format!("{path}:1:16: invalid graph JSON:")), "{}", stderr(&o));
}

#[test]
fn components_lists_ports_with_types() {
    let o = actorflow(&["components"], "");
    assert_eq!(o.status.code(), Some(0));
    let text = stdout(&o);
    let at = text.find("core/Repeat  Forwards packets from in to out\n").expect("core/Repeat is listed");
    assert!(text[at..].contains("\n  in  in (all): packets to forward\n  out out (all): the same packets\n"), "{text}");
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_a_network_that_would_run_forever_and_exits_130() {
    // A packet circulating in a cycle never lets the network go quiescent.
    let path = file("cycle.fbp", "'x' -> IN a(core/Repeat) OUT -> IN b(core/Repeat) OUT -> IN a\n");
    let child = Command::new(env!("CARGO_BIN_EXE_actorflow"))
        .args(["run", "--quiet", &path])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Time for the binary to start and install its Ctrl-C handler.
    std::thread::sleep(std::time::Duration::from_millis(1000));
    let status = Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap();
    assert!(status.success());
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(130), "{}", stderr(&o));
    assert!(stderr(&o).contains("interrupted by SIGINT; the network was stopped"), "{}", stderr(&o));
}
