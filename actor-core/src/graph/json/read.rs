//! Reading and writing graph JSON.

use std::sync::Arc;

use crate::graph::{Graph, SourceFormat, SourceMap};

/// Graph JSON that cannot be read: bad syntax, or a value of the wrong shape.
///
/// Displays as `file:line:column: message`, followed by the offending line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}:{line}:{column}: invalid graph JSON: {message}\n  | {text}", file.as_deref().unwrap_or("<input>"))]
pub struct JsonError {
    /// The file the text came from, if any.
    pub file: Option<Arc<str>>,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters (one past the last character when the
    /// input ends too early).
    pub column: usize,
    /// What was wrong or expected, such as `expected `,` or `}``.
    pub message: String,
    /// The offending line of the input.
    pub text: String,
}

/// Reads NoFlo graph JSON.
///
/// # Errors
/// [`JsonError`] with the line, column and text of the first problem.
///
/// # Examples
/// ```
/// use actor_core::graph::json;
/// let g = json::parse(r#"{"processes": {"a": {"component": "core/Repeat"}}}"#, Some("g.json")).unwrap();
/// assert_eq!(g.processes["a"].component, "core/Repeat");
/// assert_eq!(g.source.process("a").unwrap().to_string(), r#"g.json at $.processes["a"]"#);
/// let e = json::parse("{\n  \"processes\": {,}\n}", Some("bad.json")).unwrap_err();
/// assert_eq!((e.line, e.column), (2, 17));
/// ```
pub fn parse(text: &str, file: Option<&str>) -> Result<Graph, JsonError> {
    let file: Option<Arc<str>> = file.map(Arc::from);
    let mut graph: Graph = serde_json::from_str(text).map_err(|e| {
        let full = e.to_string();
        let message = match full.rfind(" at line ") {
            Some(i) => full[..i].to_string(),
            None => full,
        };
        let (mut line, mut column) = (e.line(), e.column());
        if column == 0 && line > 1 {
            // serde_json puts the end of input after a final newline at
            // column 0 of an empty line; point just past the last character
            // of the line before instead, where the text actually stops.
            line -= 1;
            column = text.lines().nth(line - 1).map_or(0, |l| l.chars().count()) + 1;
        }
        let text = text.lines().nth(line.saturating_sub(1)).unwrap_or("").to_string();
        JsonError { file: file.clone(), line, column, message, text }
    })?;
    graph.source = SourceMap { format: SourceFormat::Json, file, ..SourceMap::default() };
    Ok(graph)
}

/// Writes `graph` as pretty-printed NoFlo graph JSON (two-space indents),
/// in `fbp-graph`'s key order.
pub fn write(graph: &Graph) -> String {
    serde_json::to_string_pretty(graph).expect("a graph always serializes")
}
