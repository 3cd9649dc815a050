use std::path::Path;

use super::*;

/// A fresh folder under the target's temporary folder, removed on drop.
struct Folder(PathBuf);

impl Folder {
    fn new(tag: &str) -> Self {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/tmp").join(format!("graphs-unit-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Self(dir)
    }

    /// Writes `text` to `name` in the folder; returns its path.
    fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.0.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        path
    }

    fn name(&self) -> &str {
        self.0.file_name().unwrap().to_str().unwrap()
    }
}

impl Drop for Folder {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Every graph of `dir`, as `components --graphs dir` reads them.
fn load_all(dir: &Path) -> Result<GraphLibrary, LibraryError> {
    GraphLibrary::load_all(&actor_components::standard(), &[dir.to_path_buf()], None)
}

/// The graphs the main graph at `main` uses, from its folder and `dirs`.
fn load_for(dirs: &[PathBuf], main: &Path) -> Result<GraphLibrary, LibraryError> {
    let graph = Graph::load(main).unwrap();
    GraphLibrary::load_for(&actor_components::standard(), dirs, main, &graph)
}

fn names(library: &GraphLibrary) -> Vec<&str> {
    library.graphs.iter().map(|g| g.name.as_str()).collect()
}

const RELAY: &str = "INPORT=r.IN:IN\nOUTPORT=r.OUT:OUT\nr(core/Repeat)\n";

#[test]
fn names_come_from_the_library_property_or_the_folder() {
    let dir = Folder::new("names");
    dir.write("lib/Relay.fbp", RELAY);
    dir.write("lib/Named.fbp", &format!("# @library text\n{RELAY}"));
    dir.write("Top.json", r#"{"processes": {"r": {"component": "core/Repeat"}}}"#);
    dir.write(".hidden/Secret.fbp", RELAY);
    dir.write("lib/deeper/Deep.fbp", RELAY);
    dir.write("lib/notes.txt", "not a graph");
    let library = load_all(&dir.0).unwrap();
    let top = format!("{}/Top", dir.name());
    assert_eq!(names(&library), [top.as_str(), "text/Named", "lib/Relay"], "the folder's files, then its subfolders', by path");
    assert!(library.skipped.is_empty());
}

#[test]
fn the_first_file_with_a_name_wins_and_components_win_over_graphs() {
    let dir = Folder::new("first");
    dir.write("lib/Relay.fbp", RELAY);
    dir.write("lib/Relay.json", r#"{"processes": {}}"#);
    dir.write("core/Repeat.fbp", RELAY);
    let library = load_all(&dir.0).unwrap();
    assert_eq!(names(&library), ["lib/Relay"]);
    assert_eq!(library.graphs[0].path, dir.0.join("lib/Relay.fbp"));
    assert_eq!(library.notes(), [
        format!("note: {} was not loaded as core/Repeat: core/Repeat is already a component", dir.0.join("core/Repeat.fbp").display()),
        format!("note: {} was not loaded as lib/Relay: lib/Relay is already the graph {}", dir.0.join("lib/Relay.json").display(), dir.0.join("lib/Relay.fbp").display()),
    ]);
}

#[test]
fn a_graphs_folder_must_hold_graphs_and_be_readable() {
    let dir = Folder::new("strict");
    dir.write("lib/Relay.fbp", RELAY);
    let bad = dir.write("lib/Bad.fbp", "a OUT => IN b\n");
    let e = load_all(&dir.0).unwrap_err().to_string();
    assert!(e.starts_with(&format!("{}:1:7: ", bad.display())), "{e}");
    let missing = dir.0.join("nowhere");
    let e = load_all(&missing).unwrap_err().to_string();
    assert!(e.starts_with(&format!("--graphs {}: cannot read the folder: ", missing.display())), "{e}");
}

#[test]
fn only_the_files_a_graph_asks_for_are_read() {
    let dir = Folder::new("lazy");
    dir.write("lib/Relay.fbp", "INPORT=r.IN:IN\nOUTPORT=r.OUT:OUT\nr(lib/Inner)\n");
    dir.write("lib/Inner.fbp", RELAY);
    dir.write("lib/Unused.fbp", "this is not a graph\n");
    dir.write("package.json", "[1, 2]");
    let main = dir.write("main.fbp", "'x' -> IN a(lib/Relay)\n");
    let library = load_for(&[], &main).unwrap();
    assert_eq!(names(&library), ["lib/Relay", "lib/Inner"], "asked for by main, then by lib/Relay");
    assert!(library.skipped.is_empty(), "the files nothing asks for are not read: {:?}", library.skipped);
    // Named with --graphs, the broken file is still not read unless asked for.
    let library = load_for(&[dir.0.join("lib")], &main).unwrap();
    assert_eq!(names(&library), ["lib/Relay", "lib/Inner"]);
}

#[test]
fn the_main_graphs_folder_skips_what_is_not_a_graph_and_says_why() {
    let dir = Folder::new("lenient");
    let bad = dir.write("lib/Bad.fbp", "a OUT => IN b\n");
    let main = dir.write("main.fbp", "'x' -> IN a(lib/Bad)\n");
    let library = load_for(&[], &main).unwrap();
    assert!(library.graphs.is_empty());
    let notes = library.notes();
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert!(notes[0].starts_with(&format!("note: {} was not loaded as lib/Bad: {}:1:7: ", bad.display(), bad.display())), "{}", notes[0]);
    // In a --graphs folder, the same file is an error.
    let e = load_for(&[dir.0.join("lib")], &main).unwrap_err().to_string();
    assert!(e.starts_with(&format!("{}:1:7: ", bad.display())), "{e}");
}

#[test]
fn a_file_in_a_graphs_folder_and_the_main_folder_counts_once() {
    let dir = Folder::new("once");
    dir.write("lib/Relay.fbp", RELAY);
    let main = dir.write("lib/main.fbp", "'x' -> IN r(lib/Relay)\n");
    let library = load_for(&[dir.0.join("lib")], &main).unwrap();
    assert_eq!(names(&library), ["lib/Relay"]);
    assert!(library.skipped.is_empty(), "{:?}", library.skipped);
}

#[test]
fn relative_file_paths_in_a_graph_resolve_against_its_own_file() {
    let dir = Folder::new("paths");
    dir.write("lib/Reader.fbp", "OUTPORT=read.OUT:OUT\n'data.txt' -> IN read(fs/ReadLines)\n");
    let main = dir.write("app/main.fbp", "r(lib/Reader)\n");
    let library = load_for(std::slice::from_ref(&dir.0), &main).unwrap();
    let iip = library.graphs[0].graph.connections[0].data.clone();
    assert_eq!(iip, Some(serde_json::json!(dir.0.join("lib/data.txt").display().to_string())));
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
