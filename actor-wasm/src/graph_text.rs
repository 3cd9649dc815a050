//! Loading a graph from text: NoFlo graph JSON or the `.fbp` DSL.
//!
//! These are what the JS `Network.fromJson` and `Network.fromFbp` call
//! ([`Graph::from_json_str`] and [`Graph::from_fbp_str`] underneath); they
//! are plain Rust so they can be tested natively.

use actor_core::Graph;
use actor_core::graph::fbp::FbpError;
use actor_core::graph::json::JsonError;

/// A graph text that could not be loaded. Both variants print
/// `file:line:column: message` (`<input>` when no file name was given).
#[derive(Debug, thiserror::Error)]
pub enum GraphTextError {
    /// The JSON is malformed or not shaped like a NoFlo graph.
    #[error(transparent)]
    Json(#[from] JsonError),
    /// The `.fbp` text does not parse.
    #[error(transparent)]
    Fbp(#[from] FbpError),
}

/// Parses NoFlo graph JSON (the shape of `fbp-graph`'s `Graph.toJSON`);
/// `file` names the source in errors.
///
/// # Errors
/// [`GraphTextError::Json`] with the line and column of the first problem.
pub fn graph_from_json(text: &str, file: Option<&str>) -> Result<Graph, GraphTextError> {
    Ok(Graph::from_json_str(text, file)?)
}

/// Parses the `.fbp` DSL (port names lowercased, as NoFlo does);
/// `file` names the source in errors.
///
/// # Errors
/// [`GraphTextError::Fbp`] with the line and column of the first problem.
pub fn graph_from_fbp(text: &str, file: Option<&str>) -> Result<Graph, GraphTextError> {
    Ok(Graph::from_fbp_str(text, file)?)
}

#[cfg(test)]
mod tests;
