//! Loading and saving graphs in either format.

use std::path::Path;

use super::fbp::{self, FbpError, FbpOptions, FbpWriteError};
use super::json::{self, JsonError};
use super::Graph;

/// Errors of reading a graph from text or a file.
#[derive(Debug, thiserror::Error)]
pub enum GraphError {
    /// The file could not be read.
    #[error("{path}: cannot read: {source}")]
    Io {
        /// The path given.
        path: String,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// The file name ends in neither `.fbp` nor `.json`.
    #[error("{path}: unknown graph format (expected a .fbp or .json file)")]
    UnknownFormat {
        /// The path given.
        path: String,
    },
    /// Bad `.fbp` text.
    #[error(transparent)]
    Fbp(#[from] FbpError),
    /// Bad graph JSON.
    #[error(transparent)]
    Json(#[from] JsonError),
}

impl Graph {
    /// Reads NoFlo graph JSON (see [`json`](super::json)); `file` names
    /// the source in errors and in [`Graph::source`].
    ///
    /// # Errors
    /// [`JsonError`] with line, column and the offending line.
    pub fn from_json_str(text: &str, file: Option<&str>) -> Result<Self, JsonError> {
        json::parse(text, file)
    }

    /// Reads `.fbp` text (see [`fbp`](super::fbp)), lowercasing port
    /// names; use [`fbp::parse`] for a case-sensitive graph.
    ///
    /// # Errors
    /// [`FbpError`] with line, column and the offending text.
    pub fn from_fbp_str(text: &str, file: Option<&str>) -> Result<Self, FbpError> {
        fbp::parse(text, FbpOptions { case_sensitive: false, file })
    }

    /// Reads a graph file: `.fbp` or `.json`, by extension.
    ///
    /// # Errors
    /// [`GraphError`]: unreadable file, unknown extension, or bad contents.
    pub fn load(path: impl AsRef<Path>) -> Result<Self, GraphError> {
        let path = path.as_ref();
        let name = path.display().to_string();
        let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
        let is_fbp = match ext.as_deref() {
            Some("fbp") => true,
            Some("json") => false,
            _ => return Err(GraphError::UnknownFormat { path: name }),
        };
        let text = std::fs::read_to_string(path).map_err(|source| GraphError::Io { path: name.clone(), source })?;
        Ok(if is_fbp { Self::from_fbp_str(&text, Some(&name))? } else { Self::from_json_str(&text, Some(&name))? })
    }

    /// The graph as pretty-printed NoFlo graph JSON.
    pub fn to_json_string(&self) -> String {
        json::write(self)
    }

    /// The graph as `.fbp` text that reads back as the same graph.
    ///
    /// # Errors
    /// [`FbpWriteError`] when `.fbp` cannot express the graph (see [`fbp::write`]).
    pub fn to_fbp(&self) -> Result<String, FbpWriteError> {
        fbp::write(self)
    }
}
