//! The rule for file paths: a relative path in an IIP of a graph file is
//! relative to the graph file's folder; a path given with `--set` is
//! relative to the working directory. The example graphs run from anywhere.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

/// A fresh folder under the test's temporary directory.
fn folder(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn run_in(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_actorflow")).current_dir(dir).args(args).output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

fn golden(name: &str) -> String {
    std::fs::read_to_string(root().join("tests/golden").join(name)).unwrap()
}

#[test]
fn the_penguins_graphs_run_from_any_working_directory() {
    let elsewhere = folder("paths-elsewhere");
    let graphs = root().join("graphs");
    let cases: [(&Path, String, &str); 4] = [
        (&root(), "graphs/penguins.fbp".into(), "penguins.jsonl"),
        (&graphs, "penguins.fbp".into(), "penguins.jsonl"),
        (&elsewhere, graphs.join("penguins.fbp").display().to_string(), "penguins.jsonl"),
        (&root().join("actor-cli"), "../graphs/penguins-live.fbp".into(), "penguins-live.jsonl"),
    ];
    for (dir, graph, expected) in cases {
        let (code, stdout, stderr) = run_in(dir, &["run", &graph]);
        assert_eq!(code, 0, "from {}: {stderr}", dir.display());
        assert_eq!(stdout, golden(expected), "from {}", dir.display());
    }
}

#[test]
fn iip_paths_follow_the_graph_file_and_set_paths_the_working_directory() {
    let project = folder("paths-project");
    std::fs::create_dir_all(project.join("data")).unwrap();
    std::fs::create_dir_all(project.join("graphs")).unwrap();
    std::fs::write(project.join("data/in.txt"), "from the graph's data\n").unwrap();
    std::fs::write(
        project.join("graphs/copy.fbp"),
        "'../data/in.txt' -> IN read(fs/ReadLines) OUT -> IN write(fs/WriteLines)\n'../data/out.txt' -> FILE write\n",
    )
    .unwrap();
    let cwd = folder("paths-cwd");
    std::fs::create_dir_all(cwd.join("data")).unwrap();
    std::fs::write(cwd.join("data/in.txt"), "from the working directory\n").unwrap();
    let graph = project.join("graphs/copy.fbp").display().to_string();

    // Both IIPs resolve against graphs/: the input is read and the output
    // written in the project's data/, not in the working directory's.
    let (code, _, stderr) = run_in(&cwd, &["run", &graph]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(std::fs::read_to_string(project.join("data/out.txt")).unwrap(), "from the graph's data\n");
    assert!(!cwd.join("data/out.txt").exists());

    // --set paths are the user's: relative to the working directory.
    let (code, stdout, stderr) = run_in(&cwd, &["run", &graph, "--set", "read.in=data/in.txt", "--set", "write.file=-"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout, "from the working directory\n");
    let (code, _, stderr) = run_in(&cwd, &["run", &graph, "--set", "write.file=mine.txt"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(std::fs::read_to_string(cwd.join("mine.txt")).unwrap(), "from the graph's data\n");
    assert!(!cwd.join("-").exists() && !project.join("graphs/-").exists(), "`-` is stdout, not a file");
}

#[test]
fn a_missing_file_is_reported_with_the_resolved_path() {
    let project = folder("paths-missing");
    std::fs::write(project.join("g.fbp"), "'nope.txt' -> IN read(fs/ReadLines) OUT -> IN write(fs/WriteLines)\n").unwrap();
    let (code, _, stderr) = run_in(&root(), &["run", &project.join("g.fbp").display().to_string()]);
    assert_eq!(code, 1);
    assert!(stderr.contains(&format!("{}: cannot open", project.join("nope.txt").display())), "{stderr}");
}
