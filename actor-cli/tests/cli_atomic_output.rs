//! The `actorflow` binary interrupted while `fs/WriteLines` writes a file:
//! the previous file stays as it was and no temporary file is left.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

/// A fresh folder under the test target dir.
fn folder(tag: &str) -> PathBuf {
    let dir: PathBuf = [env!("CARGO_TARGET_TMPDIR"), &format!("atomic-{tag}-{}", std::process::id())].iter().collect();
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The temporary files in `dir`: every name but `keep`.
fn temporaries(dir: &Path, keep: &[&str]) -> Vec<(String, u64)> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| !keep.contains(&e.file_name().to_string_lossy().as_ref()))
        .map(|e| (e.file_name().to_string_lossy().into_owned(), e.metadata().map(|m| m.len()).unwrap_or(0)))
        .collect()
}

/// Polls `f` every 10 ms for at most 20 s.
fn eventually(what: &str, mut f: impl FnMut() -> bool) {
    for _ in 0..2000 {
        if f() {
            return;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    panic!("timed out waiting until {what}");
}

#[test]
fn sigint_during_a_run_leaves_the_previous_output_file_untouched() {
    let dir = folder("sigint");
    let out = dir.join("out.txt");
    std::fs::write(&out, "the previous result\n").unwrap();
    let graph = dir.join("copy.fbp");
    std::fs::write(
        &graph,
        format!(
            "'/dev/stdin' -> IN read(fs/ReadLines)\nread OUT -> IN write(fs/WriteLines)\n'{}' -> FILE write\n",
            out.display()
        ),
    )
    .unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_actorflow"))
        .args(["run", "--quiet", "--runtime", "multi-thread"])
        .arg(&graph)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    // A feeder that keeps the run busy until it is interrupted: lines as
    // fast as the network takes them, at most 2,000,000 of them (the run is
    // stopped long before); it ends when the child closes its stdin.
    let mut stdin = child.stdin.take().unwrap();
    let feeder = std::thread::spawn(move || {
        let chunk: String = (0..1000).map(|i| format!("line {i:>4}\n")).collect();
        for _ in 0..2000 {
            if stdin.write_all(chunk.as_bytes()).is_err() {
                break;
            }
        }
    });
    eventually("the writer has written data to its temporary file", || {
        temporaries(&dir, &["out.txt", "copy.fbp"]).iter().any(|(_, len)| *len > 0)
    });

    let sent = Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap();
    assert!(sent.success());
    let output = child.wait_with_output().unwrap();
    feeder.join().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    // A run stopped by Ctrl-C fails: exit 1 (130, as a shell reports
    // SIGINT, once the CLI adopts that convention).
    assert!(matches!(output.status.code(), Some(1 | 130)), "{:?}: {stderr}", output.status);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "the previous result\n");
    assert_eq!(temporaries(&dir, &["out.txt", "copy.fbp"]), vec![]);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_completed_run_replaces_the_output_file() {
    let dir = folder("done");
    let out = dir.join("out.txt");
    std::fs::write(&out, "the previous result\n").unwrap();
    let graph = dir.join("copy.fbp");
    std::fs::write(
        &graph,
        format!(
            "'/dev/stdin' -> IN read(fs/ReadLines)\nread OUT -> IN write(fs/WriteLines)\n'{}' -> FILE write\n",
            out.display()
        ),
    )
    .unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_actorflow"))
        .args(["run", "--quiet"])
        .arg(&graph)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    child.stdin.take().unwrap().write_all(b"new 1\nnew 2\n").unwrap();
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "new 1\nnew 2\n");
    assert_eq!(temporaries(&dir, &["out.txt", "copy.fbp"]), vec![]);
    std::fs::remove_dir_all(&dir).unwrap();
}
