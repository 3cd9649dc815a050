//! Shared helpers for the integration tests in this folder.

use std::path::{Path, PathBuf};

use actor_core::network::RunReport;
use actor_core::{Graph, Network, NetworkError, NetworkOptions};

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

/// Runs `graph` with the standard components on the current tokio runtime.
///
/// # Errors
/// When the graph does not build or the run fails.
pub async fn run_graph(graph: &Graph) -> Result<RunReport, NetworkError> {
    Network::new(graph, &actor_components::standard(), NetworkOptions::default())?.run().await
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
