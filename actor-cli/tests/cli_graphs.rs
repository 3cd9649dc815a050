//! The example graphs through the real binary, from the repository root, as
//! the README tells a newcomer to run them: stdout must equal the golden files.

use std::path::PathBuf;
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_actorflow")).current_dir(root()).args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn golden(name: &str) -> String {
    std::fs::read_to_string(root().join("tests/golden").join(name)).unwrap()
}

#[test]
fn wordcount_prints_the_golden_top_ten_on_both_runtimes() {
    for runtime in ["current-thread", "multi-thread"] {
        let (code, stdout, stderr) = run(&[
            "run",
            "graphs/wordcount.fbp",
            "--set",
            "read.in=/usr/share/common-licenses/GPL-3",
            "--runtime",
            runtime,
        ]);
        assert_eq!(code, 0, "{stderr}");
        assert_eq!(stdout, golden("wordcount_gpl3_top10.txt"), "runtime {runtime}");
    }
}

#[test]
fn wordcount_top_count_can_be_overridden() {
    let (code, stdout, stderr) =
        run(&["run", "graphs/wordcount.fbp", "--set", "read.in=/usr/share/common-licenses/GPL-3", "--set", "top.count=3"]);
    assert_eq!(code, 0, "{stderr}");
    let expected: String = golden("wordcount_gpl3_top10.txt").lines().take(3).map(|l| format!("{l}\n")).collect();
    assert_eq!(stdout, expected);
}

#[test]
fn penguins_prints_the_golden_summary() {
    let (code, stdout, stderr) = run(&["run", "graphs/penguins.fbp"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout, golden("penguins.jsonl"));
}

#[test]
fn penguins_live_prints_each_new_maximum() {
    let (code, stdout, stderr) = run(&["run", "graphs/penguins-live.fbp"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout, golden("penguins-live.jsonl"));
}

#[test]
fn a_missing_input_file_fails_the_run_with_exit_1_and_the_process_name() {
    let (code, _, stderr) = run(&["run", "graphs/wordcount.fbp", "--set", "read.in=/nonexistent/words.txt"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("\"read\" (fs/ReadText)") && stderr.contains("/nonexistent/words.txt"), "{stderr}");
}

/// A file in a fresh folder under the system's temporary folder.
fn temp_file(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("actorflow-cli-graphs-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn wordcount_counts_words_on_long_lines_as_on_short_ones() {
    // The same words, one per line and all on one line of 1 MB: the text is
    // read in pieces cut at white space, so no word is split.
    let words: Vec<String> = (0..100_000).map(|i| format!("w{}", i % 7)).collect();
    let short = temp_file("short.txt", words.join("\n").as_bytes());
    let long = temp_file("long.txt", words.join(" ").as_bytes());
    let count = |path: &PathBuf| run(&["run", "graphs/wordcount.fbp", "--set", &format!("read.in={}", path.display())]);
    let (code, from_short, stderr) = count(&short);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(from_short.lines().next(), Some("14286 w0"), "{from_short}");
    let (code, from_long, stderr) = count(&long);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(from_long, from_short);
    let _ = std::fs::remove_dir_all(short.parent().unwrap());
    let _ = std::fs::remove_dir_all(long.parent().unwrap());
}

#[test]
fn wordcount_refuses_a_run_without_white_space_past_maxrun_naming_file_line_and_column() {
    let path = temp_file("run.txt", format!("one two\nthree {} four\n", "x".repeat(50)).as_bytes());
    let (code, stdout, stderr) =
        run(&["run", "graphs/wordcount.fbp", "--set", &format!("read.in={}", path.display()), "--set", "read.maxrun=40"]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(stdout, "", "nothing is counted");
    let want = format!("process \"read\" (fs/ReadText) failed: {}:2:7: a run without white space", path.display());
    assert!(stderr.contains(&want), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    let _ = std::fs::remove_dir_all(path.parent().unwrap());
}
