//! Graph files as components: the folders `--graphs DIR` names, and the
//! main graph's own folder.
//!
//! A graph (`.fbp` or NoFlo graph JSON) with exported ports can be used as
//! a component by other graphs (see `actor_core::graph::validate`). The
//! CLI finds such graphs in folders:
//!
//! - each `--graphs DIR`, in the order given, and then the folder of the
//!   main graph (`run`, `validate`);
//! - in each, the `.fbp` and `.json` files of the folder itself and of its
//!   direct subfolders (so `graphs/` holds the library `graphs/lib/`);
//!   hidden files and folders (`.name`) are skipped;
//! - each graph is the component `<collection>/<file stem>`. The
//!   collection is the graph's `library` property when it has one (as
//!   noflo-runtime-base names a graph `library/id` from `graph:clear`'s
//!   `library`; `# @library NAME` in `.fbp`), else the name of the folder
//!   the file is in: `graphs/lib/TopWords.fbp` is `lib/TopWords`.
//!
//! A folder named with `--graphs` must hold graphs only: a file that does
//! not parse, a name given twice or a name that is already a component is
//! an error. The main graph's folder is searched as a convenience and may
//! hold other files (fixtures, `package.json`): such a file is skipped,
//! and the reason is shown as a note when a graph asks for its name.
//!
//! Only the folders the user named (and the main graph's, which the user
//! named by naming the graph) are read: nothing in a graph makes the CLI
//! read a file. `serve` and other front ends call [`GraphLibrary::load`]
//! and [`GraphLibrary::register`] the same way.

use std::path::{Path, PathBuf};

use actor_core::{Graph, Registry};
use clap::Args;
use serde_json::Value as Json;

/// The `--graphs DIR` option of `run`, `validate`, `components` (and
/// `serve`): folders of graphs to use as components.
#[derive(Debug, Clone, Default, Args)]
pub struct GraphDirs {
    /// A folder of graphs (`.fbp`, `.json`, also in its direct subfolders)
    /// to use as components, each named `<collection>/<file stem>`, the
    /// collection being the graph's `library` property or the folder's
    /// name. Repeatable. The main graph's folder is searched too.
    #[arg(long = "graphs", value_name = "DIR")]
    pub dirs: Vec<PathBuf>,
}

/// The graphs found in graph folders, by component name, and the files
/// left out.
#[derive(Debug, Default)]
pub struct GraphLibrary {
    /// The graphs, in the order found.
    pub graphs: Vec<GraphFile>,
    /// The files of the main graph's folder that were left out.
    pub skipped: Vec<Skipped>,
}

/// One graph file and the component name it registers as.
#[derive(Debug)]
pub struct GraphFile {
    /// `<collection>/<file stem>`.
    pub name: String,
    /// The file, as found (the folder as given, joined with the file name).
    pub path: PathBuf,
    /// The parsed graph.
    pub graph: Graph,
}

/// A file of the main graph's folder that was not registered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// The file.
    pub path: PathBuf,
    /// The component name it would have had, when that is known.
    pub name: Option<String>,
    /// Why it was left out.
    pub reason: String,
}

/// Why the graphs of a `--graphs` folder cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum LibraryError {
    /// The folder cannot be listed.
    #[error("--graphs {dir}: cannot read the folder: {source}")]
    Folder {
        /// The folder.
        dir: String,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// A file in it is not a graph, or cannot be named.
    #[error("{0}")]
    File(String),
}

/// Whether problems in a folder are errors (a `--graphs` folder) or are
/// skipped with a note (the main graph's folder).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Strictness {
    Strict,
    Lenient,
}

impl GraphLibrary {
    /// Reads the graphs of every folder in `dirs` and then, if
    /// `main_graph` is given, of the main graph's folder (see the module
    /// docs). A name already in `registry` cannot be taken by a graph.
    ///
    /// # Errors
    /// [`LibraryError`] for a folder of `dirs` that cannot be read, or a
    /// file in one that does not parse, cannot be named, or takes a name
    /// already taken.
    pub fn load(registry: &Registry, dirs: &[PathBuf], main_graph: Option<&Path>) -> Result<Self, LibraryError> {
        let mut library = Self::default();
        let mut seen = Vec::new();
        for dir in dirs {
            library.read_folder(registry, dir, Strictness::Strict, &mut seen)?;
        }
        if let Some(main) = main_graph {
            let dir = main.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
            library.read_folder(registry, dir, Strictness::Lenient, &mut seen)?;
        }
        Ok(library)
    }

    /// Registers every graph in `registry` (see
    /// `Registry::register_graphs`: a graph's problems are reported when a
    /// graph that uses it is validated).
    pub fn register(&self, registry: &mut Registry) {
        registry.register_graphs(self.graphs.iter().map(|g| (g.name.clone(), g.graph.clone())));
    }

    /// One line per skipped file whose name `graph`, or a graph of the
    /// library, uses as a component: what to print after `graph`'s
    /// validation errors.
    pub fn notes(&self, graph: &Graph) -> Vec<String> {
        let used = |name: &str| {
            std::iter::once(graph).chain(self.graphs.iter().map(|g| &g.graph)).any(|g| g.processes.values().any(|p| p.component == name))
        };
        self.skipped
            .iter()
            .filter(|s| s.name.as_deref().is_some_and(used))
            .map(|s| format!("note: {} was not loaded as {}: {}", s.path.display(), s.name.as_deref().unwrap_or("?"), s.reason))
            .collect()
    }

    /// Reads `dir` and its direct subfolders. `seen` holds the canonical
    /// paths of the files read so far, so a file found twice counts once.
    fn read_folder(&mut self, registry: &Registry, dir: &Path, strictness: Strictness, seen: &mut Vec<PathBuf>) -> Result<(), LibraryError> {
        let files = match graph_files(dir) {
            Ok(files) => files,
            Err(source) if strictness == Strictness::Strict => {
                return Err(LibraryError::Folder { dir: dir.display().to_string(), source });
            }
            Err(_) => return Ok(()),
        };
        for path in files {
            let canonical = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
            if seen.contains(&canonical) {
                continue;
            }
            seen.push(canonical.clone());
            let named = Graph::load(&path).map_err(|e| (None, e.to_string())).and_then(|graph| {
                let name = component_name(&graph, &canonical).map_err(|reason| (None, reason))?;
                if let Some(other) = self.graphs.iter().find(|g| g.name == name) {
                    return Err((Some(name), format!("{} is already the graph {}", other.name, other.path.display())));
                }
                if registry.get(&name).is_some() {
                    return Err((Some(name.clone()), format!("{name} is already a component")));
                }
                Ok((name, graph))
            });
            match named {
                Ok((name, graph)) => self.graphs.push(GraphFile { name, path, graph }),
                Err((_, reason)) if strictness == Strictness::Strict => {
                    let reason = if reason.starts_with(&path.display().to_string()) { reason } else { format!("{}: {reason}", path.display()) };
                    return Err(LibraryError::File(reason));
                }
                Err((name, reason)) => {
                    let name = name.or_else(|| fallback_name(&canonical));
                    self.skipped.push(Skipped { path, name, reason });
                }
            }
        }
        Ok(())
    }
}

/// The component name of `graph`, read from the file at `path` (a
/// canonical path): `<collection>/<file stem>`, the collection being the
/// `library` property or else the folder's name.
///
/// # Errors
/// A message when `library` is not a non-empty string without `/`, or the
/// folder or stem has no usable name.
pub fn component_name(graph: &Graph, path: &Path) -> Result<String, String> {
    let collection = match graph.properties.get("library") {
        Some(Json::String(library)) if !library.is_empty() && !library.contains('/') => library.clone(),
        Some(other) => return Err(format!("property \"library\" must be a name without '/', got {other}")),
        None => folder_name(path).ok_or("the folder has no name to use as the collection (give the graph a \"library\" property)")?,
    };
    let stem = path.file_stem().and_then(|s| s.to_str()).filter(|s| !s.is_empty()).ok_or("the file name is not valid UTF-8")?;
    Ok(format!("{collection}/{stem}"))
}

/// `<folder>/<stem>`: the name a file would have without a `library` property.
fn fallback_name(path: &Path) -> Option<String> {
    Some(format!("{}/{}", folder_name(path)?, path.file_stem()?.to_str()?))
}

fn folder_name(path: &Path) -> Option<String> {
    path.parent()?.file_name()?.to_str().map(str::to_string)
}

/// The `.fbp` and `.json` files of `dir` and of its direct subfolders,
/// hidden ones left out, sorted by path.
///
/// # Errors
/// When `dir` cannot be listed. A subfolder that cannot be listed is left out.
fn graph_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    let mut subfolders = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if is_hidden(&path) {
            continue;
        }
        if path.is_dir() {
            subfolders.push(path);
        } else if is_graph_file(&path) {
            files.push(path);
        }
    }
    for sub in subfolders {
        let Ok(entries) = std::fs::read_dir(&sub) else { continue };
        files.extend(entries.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| !is_hidden(p) && p.is_file() && is_graph_file(p)));
    }
    files.sort();
    Ok(files)
}

fn is_hidden(path: &Path) -> bool {
    path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.'))
}

fn is_graph_file(path: &Path) -> bool {
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    matches!(ext.as_deref(), Some("fbp" | "json")) && path.is_file()
}

#[cfg(test)]
mod tests;
