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
    assert!(stderr.contains("\"read\" (fs/ReadLines)") && stderr.contains("/nonexistent/words.txt"), "{stderr}");
}
