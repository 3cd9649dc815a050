//! `actorflow run --runtime multi-thread --workers N` and `--capacity N`:
//! the same output on any number of workers and at any connection capacity
//! as on one thread at the default capacity, and a clear refusal of 0.

use std::path::{Path, PathBuf};
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_actorflow");

fn wordcount() -> String {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    root.join("graphs/wordcount.fbp").display().to_string()
}

/// A text file `name` of `lines` lines whose words repeat with different counts, some
/// lines long enough to span several chunks of words.
fn text(name: &str, lines: usize) -> PathBuf {
    let path: PathBuf = [env!("CARGO_TARGET_TMPDIR"), &format!("{name}-{}.txt", std::process::id())].iter().collect();
    let mut s = String::new();
    for i in 0..lines {
        let n = if i % 50 == 0 { 300 } else { 8 };
        for j in 0..n {
            s.push_str(&format!("Word{} ", (i * 7 + j * 13) % 97));
        }
        s.push('\n');
    }
    std::fs::write(&path, s).unwrap();
    path
}

fn run(extra: &[&str], text: &Path) -> std::process::Output {
    Command::new(BIN)
        .args(["run", "--quiet", &wordcount(), "--set", &format!("read.in={}", text.display()), "--set", "top.count=1000"])
        .args(extra)
        .output()
        .expect("the binary runs")
}

#[test]
fn every_number_of_workers_gives_the_current_thread_output() {
    let text = text("workers", 5_000);
    let one = run(&["--runtime", "current-thread"], &text);
    assert_eq!(one.status.code(), Some(0), "{}", String::from_utf8_lossy(&one.stderr));
    assert_eq!(String::from_utf8_lossy(&one.stdout).lines().count(), 97, "every distinct word");
    for workers in ["1", "2", "3", "8"] {
        let many = run(&["--runtime", "multi-thread", "--workers", workers], &text);
        assert_eq!(many.status.code(), Some(0), "{workers} workers: {}", String::from_utf8_lossy(&many.stderr));
        assert_eq!(many.stdout, one.stdout, "{workers} workers");
    }
    std::fs::remove_file(text).unwrap();
}

#[test]
fn zero_workers_is_refused_with_a_clear_error() {
    let o = Command::new(BIN).args(["run", &wordcount(), "--workers", "0"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("--workers") && err.contains("0"), "{err}");
}

#[test]
fn every_capacity_gives_the_same_output() {
    let text = text("capacity", 2_000);
    let default = run(&["--runtime", "current-thread"], &text);
    assert_eq!(default.status.code(), Some(0), "{}", String::from_utf8_lossy(&default.stderr));
    // At 1 and 3 packets every piece of text is heavier than a connection
    // (it goes alone into an empty queue), and chunks of words move in parts.
    for capacity in ["1", "3", "100000"] {
        for runtime in ["current-thread", "multi-thread"] {
            let o = run(&["--runtime", runtime, "--capacity", capacity], &text);
            assert_eq!(o.status.code(), Some(0), "capacity {capacity}, {runtime}: {}", String::from_utf8_lossy(&o.stderr));
            assert_eq!(o.stdout, default.stdout, "capacity {capacity}, {runtime}");
        }
    }
    std::fs::remove_file(text).unwrap();
}

#[test]
fn a_capacity_of_zero_is_refused_with_a_clear_error() {
    let o = Command::new(BIN).args(["run", &wordcount(), "--capacity", "0"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("--capacity") && err.contains("0"), "{err}");
}
