//! Graphs as components through the binary: `--graphs DIR`, the main
//! graph's folder, names from the `library` property or the folder,
//! errors inside a subgraph with its file and position, recursion, notes
//! on skipped files, and `components` marking graphs.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A fresh folder for one test, under the target's temporary folder.
fn folder(tag: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("cli-subgraphs-{tag}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(path: &Path, text: &str) -> String {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
    path.display().to_string()
}

fn actorflow(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_actorflow")).args(args).output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

const TWICE: &str = "# @library shout\nINPORT=a.IN:IN\nOUTPORT=b.OUT:OUT\na(core/Repeat) OUT -> IN b(core/Repeat)\n";

#[test]
fn run_finds_graphs_in_graphs_folders_named_by_their_library_property() {
    let dir = folder("run");
    write(&dir.join("library/relays/Twice.fbp"), TWICE);
    let main = write(&dir.join("app/main.fbp"), "'hello' -> IN r(shout/Twice) OUT -> IN out(core/Output)\n");
    let o = actorflow(&["run", "--quiet", &main]);
    assert_eq!(o.status.code(), Some(2), "the library folder is not searched unless named");
    assert!(stderr(&o).contains("unknown component \"shout/Twice\""), "{}", stderr(&o));
    let library = dir.join("library");
    let o = actorflow(&["run", "--quiet", &main, "--graphs", library.to_str().unwrap()]);
    assert_eq!((o.status.code(), stdout(&o).as_str()), (Some(0), "hello\n"), "{}", stderr(&o));
    let o = actorflow(&["validate", &main, "--graphs", library.to_str().unwrap()]);
    assert_eq!((o.status.code(), stdout(&o).as_str()), (Some(0), "ok\n"), "{}", stderr(&o));
}

#[test]
fn the_main_graphs_folder_is_searched_and_failures_inside_name_the_path() {
    let dir = folder("main-folder");
    write(&dir.join("lib/Read.fbp"), "INPORT=read.IN:FILE\nOUTPORT=read.OUT:OUT\nread(fs/ReadLines)\n");
    let missing = dir.join("nope.txt");
    let main = write(&dir.join("main.fbp"), &format!("'{}' -> FILE top(lib/Read) OUT -> IN out(core/Output)\n", missing.display()));
    let o = actorflow(&["run", "--quiet", &main]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("process \"top/read\" (fs/ReadLines) failed"), "{}", stderr(&o));
    assert!(stderr(&o).contains("nope.txt"), "{}", stderr(&o));
}

#[test]
fn validation_reaches_into_subgraphs_and_names_their_file_and_position() {
    let dir = folder("invalid");
    let bad = write(&dir.join("lib/Bad.fbp"), "INPORT=a.IN:IN\na(core/Repeat) NOPE -> IN b(core/Repeat)\n");
    let main = write(&dir.join("main.fbp"), "'x' -> IN top(lib/Bad)\n");
    let o = actorflow(&["validate", &main]);
    assert_eq!(o.status.code(), Some(2));
    let expected = format!(
        "{bad}:2:16: connection top/a.nope -> top/b.in: process \"top/a\" (core/Repeat) has no outport \"nope\" (outports: out)"
    );
    assert!(stderr(&o).contains(&expected), "{}", stderr(&o));
}

#[test]
fn a_graph_that_contains_itself_is_refused_with_the_chain() {
    let dir = folder("recursion");
    let a = write(&dir.join("lib/A.fbp"), "INPORT=b.IN:IN\nb(lib/B)\n");
    let b = write(&dir.join("lib/B.fbp"), "INPORT=a.IN:IN\na(lib/A)\n");
    let main = write(&dir.join("main.fbp"), "'x' -> IN top(lib/A)\n");
    let o = actorflow(&["run", "--quiet", &main]);
    assert_eq!(o.status.code(), Some(2));
    let expected = format!("{b}:2:1: process \"top/b/a\" (lib/A): a graph cannot contain itself: lib/A ({a}) -> lib/B ({b}) -> lib/A");
    assert!(stderr(&o).contains(&expected), "{}", stderr(&o));
}

#[test]
fn a_file_of_the_main_folder_that_does_not_parse_is_named_when_asked_for() {
    let dir = folder("note");
    let broken = write(&dir.join("lib/Broken.fbp"), "a OUT => IN b\n");
    let main = write(&dir.join("main.fbp"), "'x' -> IN top(lib/Broken)\n");
    let o = actorflow(&["validate", &main]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("unknown component \"lib/Broken\""), "{}", stderr(&o));
    assert!(stderr(&o).contains(&format!("note: {broken} was not loaded as lib/Broken: {broken}:1:7: ")), "{}", stderr(&o));
    // Named with --graphs, the same folder must hold graphs only.
    let lib = dir.join("lib");
    let o = actorflow(&["validate", &main, "--graphs", lib.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).starts_with(&format!("error: {broken}:1:7: ")), "{}", stderr(&o));
    let o = actorflow(&["run", &main, "--graphs", dir.join("absent").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("cannot read the folder"), "{}", stderr(&o));
}

#[test]
fn components_lists_graphs_marked_as_graphs() {
    let graphs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../graphs");
    let o = actorflow(&["components", "--graphs", graphs.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    let file = graphs.join("lib/TopWords.fbp");
    let header = format!("lib/TopWords  [graph {}]  The N most frequent words of text\n", file.display());
    let at = text.find(&header).unwrap_or_else(|| panic!("{header} in {text}"));
    let ports = "  in  in (string, required): text to split, for example lines\n  in  count (int): option: how many data packets to forward\n  out out (all): the first count data packets, and every bracket\n";
    assert!(text[at + header.len()..].starts_with(ports), "{text}");
    assert!(text.contains("core/Repeat  Forwards packets from in to out\n"), "the standard components are listed too");

    let dir = folder("components");
    write(&dir.join("lib/Bad.fbp"), "INPORT=a.IN:IN\na(core/Nope)\n");
    let o = actorflow(&["components", "--graphs", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("lib/Bad  [graph "), "{}", stdout(&o));
    assert!(stdout(&o).contains("\n  invalid: ") && stdout(&o).contains("unknown component \"core/Nope\""), "{}", stdout(&o));
}

#[test]
fn relative_file_paths_in_a_subgraph_are_relative_to_its_own_file() {
    let dir = folder("paths");
    write(&dir.join("library/lib/data.txt"), "from the library\n");
    write(&dir.join("app/mine.txt"), "from the app\n");
    // The subgraph reads its own data file, and exports a second reader's input.
    write(
        &dir.join("library/lib/Both.fbp"),
        "INPORT=theirs.IN:FILE\nOUTPORT=join.OUT:OUT\n'data.txt' -> IN own(fs/ReadLines) OUT -> IN join(core/Repeat)\ntheirs(fs/ReadLines) OUT -> IN join\n",
    );
    let main = write(&dir.join("app/main.fbp"), "'mine.txt' -> FILE top(lib/Both) OUT -> IN out(core/Output)\n");
    let library = dir.join("library");
    // Run from elsewhere: both paths resolve against the file that wrote them.
    let o = Command::new(env!("CARGO_BIN_EXE_actorflow"))
        .current_dir(std::env::temp_dir())
        .args(["run", "--quiet", &main, "--graphs", library.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let mut lines: Vec<String> = stdout(&o).lines().map(str::to_string).collect();
    lines.sort();
    assert_eq!(lines, ["from the app", "from the library"]);
}

#[test]
fn tracing_spans_name_inner_processes_by_path() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let o = Command::new(env!("CARGO_BIN_EXE_actorflow"))
        .current_dir(&root)
        .env("ACTORFLOW_LOG", "debug")
        .args(["run", "--quiet", "graphs/wordcount.fbp", "--set", "top.count=3"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o).lines().count(), 3);
    for inner in ["words", "count", "sort", "take"] {
        assert!(stderr(&o).contains(&format!("process{{name=top/{inner} ")), "top/{inner} in\n{}", stderr(&o));
    }
}
