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
    /// The file is not UTF-8 text. The position is that of the first byte
    /// that is not part of a valid UTF-8 sequence: `line` (1-based) and
    /// `column` (1-based, in characters, as in every other graph error), and
    /// `offset`, its offset in bytes from the start of the file (0-based),
    /// which names the byte exactly whatever an editor counts as a column.
    #[error("{path}:{line}:{column}: not UTF-8 text: byte 0x{byte:02x} at byte offset {offset} (graph files must be UTF-8)")]
    NotUtf8 {
        /// The path given, or `<stdin>`.
        path: String,
        /// The line of the first invalid byte, 1-based.
        line: usize,
        /// Its column, 1-based, in characters.
        column: usize,
        /// Its offset from the start of the text, in bytes, 0-based.
        offset: usize,
        /// The byte itself.
        byte: u8,
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
        let bytes = std::fs::read(path).map_err(|source| GraphError::Io { path: name.clone(), source })?;
        let text = decode_utf8(bytes, &name)?;
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

/// The text of a graph file read as `bytes`, or, when it is not UTF-8,
/// [`GraphError::NotUtf8`] with the position of the first invalid byte;
/// `path` names the source in the error.
///
/// # Errors
/// [`GraphError::NotUtf8`].
///
/// # Examples
/// ```
/// let err = actor_core::graph::decode_utf8(b"'a' -> IN x(core/Repeat)\n'\xff' -> IN x".to_vec(), "g.fbp").unwrap_err();
/// assert_eq!(err.to_string(), "g.fbp:2:2: not UTF-8 text: byte 0xff at byte offset 26 (graph files must be UTF-8)");
/// ```
pub fn decode_utf8(bytes: Vec<u8>, path: &str) -> Result<String, GraphError> {
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        // The prefix is valid UTF-8 by definition of `valid_up_to`.
        let before = std::str::from_utf8(&bytes[..offset]).unwrap_or_default();
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        GraphError::NotUtf8 {
            path: path.to_string(),
            line: before.matches('\n').count() + 1,
            column: before[line_start..].chars().count() + 1,
            offset,
            byte: bytes[offset],
        }
    })
}
