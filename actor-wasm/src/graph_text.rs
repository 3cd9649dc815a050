//! Loading a graph from text: NoFlo graph JSON or the `.fbp` DSL.
//!
//! These are what the JS `Network.fromJson` and `Network.fromFbp` call; they
//! are plain Rust so they can be tested natively.

use actor_core::Graph;

/// A graph text that could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum GraphTextError {
    /// The JSON is malformed or not shaped like a NoFlo graph.
    #[error("graph JSON, line {line}, column {column}: {message}")]
    Json {
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column of the problem.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// The `.fbp` text does not parse.
    #[error("{0}")]
    Fbp(String),
}

/// Parses NoFlo graph JSON (the shape of `fbp-graph`'s `Graph.toJSON`).
///
/// # Errors
/// [`GraphTextError::Json`] with the line and column of the first problem.
pub fn graph_from_json(text: &str) -> Result<Graph, GraphTextError> {
    serde_json::from_str(text).map_err(|e| GraphTextError::Json {
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    })
}

/// Parses the `.fbp` DSL.
///
/// # Errors
/// [`GraphTextError::Fbp`]: `.fbp` support lands with the parser.
pub fn graph_from_fbp(text: &str) -> Result<Graph, GraphTextError> {
    let _ = text;
    Err(GraphTextError::Fbp("the .fbp parser is not available in this build yet".to_string()))
}

#[cfg(test)]
mod tests;
