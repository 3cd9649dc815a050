//! Issue 11's small errors, through the `actorflow` binary: option ports
//! take the string spelling of their type, a malformed sort key fails at
//! `validate`, `group/Count` keeps its count field, and a graph file that
//! is not UTF-8 is reported with a position.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn actorflow(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_actorflow"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

fn file(name: &str, bytes: &[u8]) -> String {
    let path: PathBuf = [env!("CARGO_TARGET_TMPDIR"), name].iter().collect();
    std::fs::write(&path, bytes).unwrap();
    path.display().to_string()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn a_quoted_count_runs_as_documented() {
    let g = file(
        "small-take.fbp",
        b"'c' -> IN r(core/Repeat)\n'a' -> IN r\n'b' -> IN r\nr OUT -> IN sort(stream/Sort)\n\
          sort OUT -> IN take(stream/Take)\n'2' -> COUNT take\ntake OUT -> IN out(fs/WriteLines)\n",
    );
    let o = actorflow(&["run", "--quiet", &g], b"");
    assert_eq!((o.status.code(), text(&o.stdout)), (Some(0), "a\nb\n".to_string()), "{}", text(&o.stderr));
}

#[test]
fn validate_rejects_a_malformed_sort_key_with_its_position() {
    let g = file("small-sort.fbp", b"'x' -> IN sort(stream/Sort)\n'count:down' -> BY sort\n");
    let o = actorflow(&["validate", &g], b"");
    assert_eq!(o.status.code(), Some(2));
    let err = text(&o.stderr);
    assert!(err.contains(&format!("{g}:2:1: IIP into sort.by: \"count:down\": port by: expected keys like")), "{err}");
}

#[test]
fn validate_rejects_count_as_the_key_of_group_count() {
    let g = file("small-count.fbp", b"'x' -> IN c(group/Count)\n'count' -> KEY c\n");
    let o = actorflow(&["validate", &g], b"");
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("port key: expected a field name other than count"), "{}", text(&o.stderr));
}

#[test]
fn a_graph_file_that_is_not_utf8_is_reported_with_line_column_and_byte_offset() {
    let g = file("small-latin1.fbp", b"'a' -> IN x(core/Repeat)\n'caf\xe9' -> IN x\n");
    for args in [vec!["validate", g.as_str()], vec!["run", g.as_str()], vec!["graph", "convert", g.as_str(), "--to", "json"]] {
        let o = actorflow(&args, b"");
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert_eq!(
            text(&o.stderr).lines().last(),
            Some(format!("{}{g}:2:5: not UTF-8 text: byte 0xe9 at byte offset 29 (graph files must be UTF-8)", if args[0] == "graph" { "" } else { "error: " }).as_str()),
            "{args:?}"
        );
    }
    let o = actorflow(&["graph", "convert", "-", "--to", "json"], b"'\xff' -> IN x(core/Repeat)\n");
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(text(&o.stderr), "<stdin>:1:2: not UTF-8 text: byte 0xff at byte offset 1 (graph files must be UTF-8)\n");
}
