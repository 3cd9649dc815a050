//! Graph files as components: the folders `--graphs DIR` names, and the
//! main graph's own folder.
//!
//! A graph (`.fbp` or NoFlo graph JSON) with exported ports can be used as
//! a component by other graphs (see `actor_core::graph::validate`). The
//! CLI finds such graphs in folders:
//!
//! - each `--graphs DIR`, in the order given, and then the folder of the
//!   main graph (`run`, `validate`);
//! - in each, the `.fbp` and `.json` files of the folder itself and then of
//!   its direct subfolders (so `graphs/` holds the library `graphs/lib/`),
//!   by path; hidden files and folders (`.name`) are left out;
//! - each graph is the component `<collection>/<file stem>`. The
//!   collection is the graph's `library` property when it has one (as
//!   noflo-runtime-base names a graph `library/id` from `graph:clear`'s
//!   `library`; `# @library NAME` in `.fbp`), else the name of the folder
//!   the file is in: `graphs/lib/TopWords.fbp` is `lib/TopWords`.
//!
//! Names are looked up like commands on a `PATH`: a component of the
//! registry wins over a graph, and the first file in the order above that
//! has the name wins over later ones. `run` and `validate` read only the
//! files a graph asks for: for a component `lib/TopWords` that is not
//! registered, the files named `TopWords.fbp` or `TopWords.json`, and then,
//! in turn, those the graphs found ask for. So a large or broken file that
//! nothing uses costs nothing. `components` (and `serve`) read them all.
//!
//! A file of a `--graphs` folder that is read and does not parse, or has
//! no usable name, is an error: the user said the folder holds graphs. The
//! main graph's folder is searched as a convenience and may hold other
//! files: such a file is skipped, and a note names it and says why.
//!
//! A relative file path in an IIP of a graph found this way is relative to
//! that graph's own file, as in the main graph (`run`'s file-path rule).
//!
//! Only the folders the user named (and the main graph's, which the user
//! named by naming the graph) are read, and only graph files in them: the
//! names in a graph choose among those files, nothing more. `serve` and
//! other front ends call [`GraphLibrary::load_all`] and
//! [`GraphLibrary::register`] the same way.

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
    /// name. Repeatable. `run` and `validate` also search the main graph's
    /// folder, after these.
    #[arg(long = "graphs", value_name = "DIR")]
    pub dirs: Vec<PathBuf>,
}

/// The graphs found in graph folders, by component name, and the files
/// left out.
#[derive(Debug, Default)]
pub struct GraphLibrary {
    /// The graphs, in the order found.
    pub graphs: Vec<GraphFile>,
    /// The files read and left out.
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

/// A graph file that was read and left out: in the main graph's folder, a
/// file that is not a graph; anywhere, a graph whose name is taken.
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

/// A graph file found in a folder, not read yet.
#[derive(Debug)]
struct Candidate {
    /// As found: the folder as given, joined with the file's name.
    path: PathBuf,
    /// The canonical path, for naming and to count a file found twice once.
    canonical: PathBuf,
    stem: String,
    strictness: Strictness,
}

impl GraphLibrary {
    /// Every graph of the folders `dirs` and, if `main_graph` is given, of
    /// the main graph's folder (see the module docs): for listing them, or
    /// for a server whose graphs may use any of them. A name already in
    /// `registry`, or found earlier, is skipped with a note.
    ///
    /// # Errors
    /// [`LibraryError`] for a folder of `dirs` that cannot be read, or a
    /// file in one that does not parse or cannot be named.
    pub fn load_all(registry: &Registry, dirs: &[PathBuf], main_graph: Option<&Path>) -> Result<Self, LibraryError> {
        let mut library = Self::default();
        for candidate in candidates(dirs, main_graph)? {
            if let Some((name, graph)) = library.read(&candidate)? {
                library.add(registry, candidate, name, graph);
            }
        }
        library.resolve_paths(registry);
        Ok(library)
    }

    /// The graphs that `graph` (the main graph, read from `main_graph`)
    /// uses, and those they use in turn, found in the folders `dirs` and
    /// then in the main graph's folder (see the module docs). Only the
    /// files named like a component that is asked for and not registered
    /// are read.
    ///
    /// # Errors
    /// [`LibraryError`] for a folder of `dirs` that cannot be read, or a
    /// file in one that is read and does not parse or cannot be named.
    pub fn load_for(registry: &Registry, dirs: &[PathBuf], main_graph: &Path, graph: &Graph) -> Result<Self, LibraryError> {
        let mut library = Self::default();
        let mut candidates: Vec<Option<Candidate>> = candidates(dirs, Some(main_graph))?.into_iter().map(Some).collect();
        // Files read whose name nothing has asked for yet.
        let mut read: Vec<(Candidate, String, Graph)> = Vec::new();
        let mut wanted: Vec<String> = uses(graph).collect();
        let mut asked = std::collections::HashSet::new();
        while let Some(name) = wanted.pop() {
            if !asked.insert(name.clone()) || registry.get(&name).is_some() {
                continue;
            }
            let Some((_, stem)) = name.rsplit_once('/') else { continue };
            for slot in candidates.iter_mut().filter(|c| c.as_ref().is_some_and(|c| c.stem == stem)) {
                let candidate = slot.take().expect("filtered on Some");
                if let Some((found, graph)) = library.read(&candidate)? {
                    read.push((candidate, found, graph));
                }
            }
            // The first file with the name, in search order (`read` keeps it).
            if let Some(i) = read.iter().position(|(_, found, _)| *found == name) {
                let (candidate, name, graph) = read.remove(i);
                wanted.extend(uses(&graph));
                library.add(registry, candidate, name, graph);
            }
        }
        library.resolve_paths(registry);
        Ok(library)
    }

    /// Registers every graph in `registry` (see
    /// `Registry::register_graphs`: a graph's problems are reported when a
    /// graph that uses it is validated).
    pub fn register(&self, registry: &mut Registry) {
        registry.register_graphs(self.graphs.iter().map(|g| (g.name.clone(), g.graph.clone())));
    }

    /// One line per file that was read and left out: what to print after
    /// validation errors, since a graph asked for a component of its name.
    pub fn notes(&self) -> Vec<String> {
        self.skipped
            .iter()
            .map(|s| match &s.name {
                Some(name) => format!("note: {} was not loaded as {name}: {}", s.path.display(), s.reason),
                None => format!("note: {} was not loaded: {}", s.path.display(), s.reason),
            })
            .collect()
    }

    /// Parses `candidate` and names it. A problem is an error in a
    /// `--graphs` folder; elsewhere it is recorded as skipped, and `None`
    /// returned.
    fn read(&mut self, candidate: &Candidate) -> Result<Option<(String, Graph)>, LibraryError> {
        let path = &candidate.path;
        let named = Graph::load(path)
            .map_err(|e| e.to_string())
            .and_then(|graph| Ok((component_name(&graph, &candidate.canonical).map_err(|reason| format!("{}: {reason}", path.display()))?, graph)));
        match named {
            Ok(named) => Ok(Some(named)),
            Err(reason) if candidate.strictness == Strictness::Strict => Err(LibraryError::File(reason)),
            Err(reason) => {
                let name = fallback_name(&candidate.canonical);
                self.skipped.push(Skipped { path: path.clone(), name, reason });
                Ok(None)
            }
        }
    }

    /// Adds graph `name` read from `candidate`, unless the name is taken
    /// (then it is skipped with a note).
    fn add(&mut self, registry: &Registry, candidate: Candidate, name: String, graph: Graph) {
        let taken = if registry.get(&name).is_some() {
            Some(format!("{name} is already a component"))
        } else {
            self.graphs.iter().find(|g| g.name == name).map(|g| format!("{name} is already the graph {}", g.path.display()))
        };
        match taken {
            Some(reason) => self.skipped.push(Skipped { path: candidate.path, name: Some(name), reason }),
            None => self.graphs.push(GraphFile { name, path: candidate.path, graph }),
        }
    }

    /// Rewrites the relative file paths in each graph's IIPs against the
    /// graph's own file (`crate::paths`). The registry with every graph
    /// knows which ports of the graphs' processes, subgraph instances
    /// included, take file paths.
    fn resolve_paths(&mut self, registry: &Registry) {
        if self.graphs.is_empty() {
            return;
        }
        let mut all = registry.clone();
        self.register(&mut all);
        for g in &mut self.graphs {
            crate::paths::resolve(&mut g.graph, &g.path, &all);
        }
    }
}

/// The components `graph`'s processes are instances of.
fn uses(graph: &Graph) -> impl Iterator<Item = String> + '_ {
    graph.processes.values().map(|p| p.component.clone())
}

/// The graph files of the folders `dirs` (which must be readable) and of
/// the folder of `main_graph` (if readable), in search order, each once.
fn candidates(dirs: &[PathBuf], main_graph: Option<&Path>) -> Result<Vec<Candidate>, LibraryError> {
    let mut folders: Vec<(PathBuf, Strictness)> = dirs.iter().map(|d| (d.clone(), Strictness::Strict)).collect();
    if let Some(main) = main_graph {
        let dir = main.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
        folders.push((dir.to_path_buf(), Strictness::Lenient));
    }
    let mut found: Vec<Candidate> = Vec::new();
    for (dir, strictness) in folders {
        let files = match graph_files(&dir) {
            Ok(files) => files,
            Err(source) if strictness == Strictness::Strict => {
                return Err(LibraryError::Folder { dir: dir.display().to_string(), source });
            }
            Err(_) => continue,
        };
        for path in files {
            let canonical = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
            if found.iter().any(|c| c.canonical == canonical) {
                continue;
            }
            let Some(stem) = path.file_stem().and_then(|s| s.to_str()).map(str::to_string) else { continue };
            found.push(Candidate { path, canonical, stem, strictness });
        }
    }
    Ok(found)
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

/// The `.fbp` and `.json` files of `dir`, then those of each of its
/// direct subfolders, hidden ones left out, each group sorted by path.
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
    files.sort();
    subfolders.sort();
    for sub in subfolders {
        let Ok(entries) = std::fs::read_dir(&sub) else { continue };
        let mut inner: Vec<PathBuf> =
            entries.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| !is_hidden(p) && is_graph_file(p)).collect();
        inner.sort();
        files.extend(inner);
    }
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
