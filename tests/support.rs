//! Shared helpers for the integration tests in this folder.

use std::path::{Path, PathBuf};

use actor_core::network::RunReport;
use actor_core::{Graph, Network, NetworkError, NetworkOptions, Registry};

/// The workspace root.
pub fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().expect("tests/ has a parent").to_path_buf()
}

/// Loads the example graph `graphs/<name>.fbp` with the `.fbp` parser.
///
/// # Panics
/// When the file is missing or does not parse.
pub fn load_example_graph(name: &str) -> Graph {
    let path = workspace_root().join("graphs").join(format!("{name}.fbp"));
    Graph::load(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The standard components plus the example subgraphs, `graphs/lib/*.fbp`,
/// each registered as `lib/<file stem>` (as `actorflow run` names them).
///
/// # Panics
/// When a file does not parse or a subgraph does not validate.
pub fn example_registry() -> Registry {
    let mut registry = actor_components::standard();
    let dir = workspace_root().join("graphs/lib");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir).expect("graphs/lib").map(|e| e.expect("entry").path()).collect();
    paths.sort();
    for path in paths.into_iter().filter(|p| p.extension().is_some_and(|e| e == "fbp")) {
        let stem = path.file_stem().and_then(|s| s.to_str()).expect("a UTF-8 file name");
        let graph = Graph::load(&path).unwrap_or_else(|e| panic!("{e}"));
        registry.register_graph(&format!("lib/{stem}"), graph);
    }
    for entry in registry.iter() {
        assert!(entry.problems().is_empty(), "{}: {:?}", entry.spec.name, entry.problems());
    }
    registry
}

/// Runs `graph` with [`example_registry`] on the current tokio runtime.
///
/// # Errors
/// When the graph does not build or the run fails.
pub async fn run_graph(graph: &Graph) -> Result<RunReport, NetworkError> {
    Network::new(graph, &example_registry(), NetworkOptions::default())?.run().await
}

/// The contents of `tests/golden/<name>`.
///
/// # Panics
/// When the file is missing.
pub fn golden(name: &str) -> String {
    let path = workspace_root().join("tests/golden").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A temporary directory, removed on drop.
#[derive(Debug)]
pub struct TempDir(PathBuf);

impl TempDir {
    /// A fresh directory under the system temp dir, named after `tag`.
    pub fn new(tag: &str) -> Self {
        use std::sync::atomic::{AtomicU32, Ordering};
        static N: AtomicU32 = AtomicU32::new(0);
        let n = N.fetch_add(1, Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("actorflow-tests-{tag}-{}-{n}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("create temp dir");
        Self(dir)
    }

    /// The directory.
    pub fn path(&self) -> &Path {
        &self.0
    }

    /// The path of `name` in the directory, as a string.
    pub fn file(&self, name: &str) -> String {
        self.0.join(name).to_string_lossy().into_owned()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
