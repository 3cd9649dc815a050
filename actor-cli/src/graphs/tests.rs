use std::path::Path;

use super::*;

/// A fresh folder under the target's temporary folder.
fn folder(tag: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/tmp").join(format!("graphs-unit-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// The graphs of `dir`, as `--graphs dir` gives them.
fn load(dir: &Path) -> Result<GraphLibrary, LibraryError> {
    GraphLibrary::load(&actor_components::standard(), &[dir.to_path_buf()], None)
}

const RELAY: &str = "INPORT=r.IN:IN\nOUTPORT=r.OUT:OUT\nr(core/Repeat)\n";

#[test]
fn names_come_from_the_library_property_or_the_folder() {
    let dir = folder("names");
    write(&dir.join("lib/Relay.fbp"), RELAY);
    write(&dir.join("lib/Named.fbp"), &format!("# @library text\n{RELAY}"));
    write(&dir.join("Top.json"), r#"{"processes": {"r": {"component": "core/Repeat"}}}"#);
    write(&dir.join(".hidden/Secret.fbp"), RELAY);
    write(&dir.join("lib/deeper/Deep.fbp"), RELAY);
    write(&dir.join("lib/notes.txt"), "not a graph");
    let library = load(&dir).unwrap();
    let top = format!("{}/Top", dir.file_name().unwrap().to_str().unwrap());
    let mut names: Vec<&str> = library.graphs.iter().map(|g| g.name.as_str()).collect();
    names.sort();
    let mut expected = vec!["lib/Relay", "text/Named", top.as_str()];
    expected.sort();
    assert_eq!(names, expected, "one level of subfolders, hidden ones and other files left out");
    assert!(library.skipped.is_empty());
}

#[test]
fn a_graphs_folder_must_hold_graphs_only() {
    let dir = folder("strict");
    write(&dir.join("lib/Relay.fbp"), RELAY);
    write(&dir.join("lib/Bad.fbp"), "a OUT => IN b\n");
    let e = load(&dir).unwrap_err().to_string();
    assert!(e.starts_with(&format!("{}:1:7: ", dir.join("lib/Bad.fbp").display())), "{e}");

    let dir = folder("twice");
    write(&dir.join("lib/Relay.fbp"), RELAY);
    write(&dir.join("lib/Relay.json"), r#"{"processes": {}}"#);
    let e = load(&dir).unwrap_err().to_string();
    assert_eq!(e, format!("{}: lib/Relay is already the graph {}", dir.join("lib/Relay.json").display(), dir.join("lib/Relay.fbp").display()));

    let dir = folder("taken");
    write(&dir.join("core/Repeat.fbp"), RELAY);
    let e = load(&dir).unwrap_err().to_string();
    assert_eq!(e, format!("{}: core/Repeat is already a component", dir.join("core/Repeat.fbp").display()));

    let missing = dir.join("nowhere");
    let e = load(&missing).unwrap_err().to_string();
    assert!(e.starts_with(&format!("--graphs {}: cannot read the folder: ", missing.display())), "{e}");
}

#[test]
fn the_main_graphs_folder_skips_what_is_not_a_graph_and_says_why_when_asked() {
    let dir = folder("lenient");
    write(&dir.join("lib/Relay.fbp"), RELAY);
    write(&dir.join("lib/Bad.fbp"), "a OUT => IN b\n");
    write(&dir.join("package.json"), "[1, 2]");
    let main = dir.join("main.fbp");
    write(&main, "'x' -> IN a(lib/Bad)\n");
    let library = GraphLibrary::load(&actor_components::standard(), &[], Some(&main)).unwrap();
    let names: Vec<&str> = library.graphs.iter().map(|g| g.name.as_str()).collect();
    let folder_name = dir.file_name().unwrap().to_str().unwrap();
    assert_eq!(names, ["lib/Relay", &format!("{folder_name}/main")]);
    let skipped: Vec<Option<&str>> = library.skipped.iter().map(|s| s.name.as_deref()).collect();
    assert_eq!(skipped, [Some("lib/Bad"), Some(format!("{folder_name}/package").as_str())]);
    let graph = Graph::load(&main).unwrap();
    let notes = library.notes(&graph);
    assert_eq!(notes.len(), 1, "only the file the graph asks for: {notes:?}");
    assert!(notes[0].starts_with(&format!("note: {} was not loaded as lib/Bad: {}:1:7: ", dir.join("lib/Bad.fbp").display(), dir.join("lib/Bad.fbp").display())), "{}", notes[0]);
}

#[test]
fn a_file_in_a_graphs_folder_and_the_main_folder_counts_once() {
    let dir = folder("once");
    write(&dir.join("lib/Relay.fbp"), RELAY);
    let main = dir.join("lib/main.fbp");
    write(&main, "'x' -> IN r(lib/Relay)\n");
    let library = GraphLibrary::load(&actor_components::standard(), &[dir.join("lib")], Some(&main)).unwrap();
    let names: Vec<&str> = library.graphs.iter().map(|g| g.name.as_str()).collect();
    assert_eq!(names, ["lib/Relay", "lib/main"]);
    assert!(library.skipped.is_empty(), "{:?}", library.skipped);
}

#[test]
fn a_library_property_must_be_a_plain_name() {
    let mut g = Graph::new();
    g.properties.insert("library".into(), serde_json::json!("a/b"));
    let e = component_name(&g, Path::new("/x/lib/G.fbp")).unwrap_err();
    assert_eq!(e, "property \"library\" must be a name without '/', got \"a/b\"");
    g.properties.insert("library".into(), serde_json::json!(7));
    assert!(component_name(&g, Path::new("/x/lib/G.fbp")).is_err());
    g.properties.remove("library");
    assert_eq!(component_name(&g, Path::new("/x/lib/G.fbp")).unwrap(), "lib/G");
}
