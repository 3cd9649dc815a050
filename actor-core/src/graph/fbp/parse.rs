//! The entry point: text in, graph (with positions) or error out.

use std::sync::Arc;

use super::builder::Builder;
use super::cursor::{Cursor, Expectation, line_columns};
use super::grammar::{self, Parser};
use super::{FbpError, FbpErrorKind};
use crate::graph::{Graph, SourceFormat, SourceMap};

/// How to read `.fbp` text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FbpOptions<'a> {
    /// Keep port names as written instead of lowercasing them (the
    /// reference parser's `caseSensitive` option; sets
    /// [`Graph::case_sensitive`]).
    pub case_sensitive: bool,
    /// The file name, for positions in errors and in [`Graph::source`].
    pub file: Option<&'a str>,
}

/// Parses `.fbp` text into a graph, as the reference parser does, with the
/// same checks: every process has a component, and every exported port and
/// connection names a defined process.
///
/// # Errors
/// [`FbpError`] at the first problem, with its line and column; its
/// [`reference_message`](FbpError::reference_message) is worded as the
/// reference parser's.
///
/// # Examples
/// ```
/// use actor_core::graph::fbp::{parse, FbpOptions};
/// let g = parse("'hi' -> IN a(core/Repeat) OUT -> IN b(core/Repeat)", FbpOptions::default()).unwrap();
/// assert_eq!(g.connections.len(), 2);
/// assert_eq!(g.connections[1].tgt.port, "in");
/// let e = parse("a(core/Repeat) OUT --> IN b", FbpOptions::default()).unwrap_err();
/// assert_eq!((e.line, e.column), (1, 20));
/// ```
pub fn parse(text: &str, options: FbpOptions<'_>) -> Result<Graph, FbpError> {
    let file: Option<Arc<str>> = options.file.map(Arc::from);
    let mut parser = Parser {
        c: Cursor::new(text),
        b: Builder::new(options.case_sensitive),
        bad_index: None,
        depth: 0,
        too_deep: None,
    };
    parser.lines();
    let Parser { mut c, b, bad_index, too_deep, .. } = parser;
    let source = text;
    let error = |pos: usize, kind: FbpErrorKind, text: String| {
        let (line, column) = line_columns(source, &[pos])[0];
        FbpError { file: file.clone(), line, column, text, kind: Box::new(kind) }
    };
    if let Some(pos) = too_deep {
        let text = c.char_at(pos).map(|ch| ch.to_string()).unwrap_or_default();
        return Err(error(pos, FbpErrorKind::TooDeep { limit: grammar::MAX_DEPTH }, text));
    }
    let built = b.finish().map_err(|(pos, kind, text)| error(pos, kind, text))?;
    if !c.at_end() {
        c.fail(Expectation::Other("end of input"));
        let (pos, expected, found) = c.farthest_failure();
        let text = found.map(String::from).unwrap_or_default();
        return Err(error(pos, FbpErrorKind::Syntax { expected, found }, text));
    }
    if let Some((pos, digits)) = bad_index {
        return Err(error(pos, FbpErrorKind::IndexTooLarge { digits: digits.clone() }, digits));
    }
    // Every position the source map records, turned into lines and columns
    // in one pass over the text.
    let offsets: Vec<usize> = built
        .processes
        .iter()
        .map(|(_, p)| *p)
        .chain(built.connections.iter().flat_map(|&(s, t)| [s, t]))
        .chain(built.inports.iter().map(|(_, p)| *p))
        .chain(built.outports.iter().map(|(_, p)| *p))
        .collect();
    let mut at = line_columns(text, &offsets).into_iter();
    let mut next = || at.next().expect("one line and column per offset");
    let mut graph = built.graph;
    let processes = built.processes.into_iter().map(|(n, _)| (n, next())).collect();
    let ends: Vec<_> = built.connections.iter().map(|_| (next(), next())).collect();
    graph.source = SourceMap {
        format: SourceFormat::Fbp,
        file,
        processes,
        connection_src: ends.iter().enumerate().map(|(i, &(s, _))| (i, s)).collect(),
        connection_tgt: ends.iter().enumerate().map(|(i, &(_, t))| (i, t)).collect(),
        inports: built.inports.into_iter().map(|(n, _)| (n, next())).collect(),
        outports: built.outports.into_iter().map(|(n, _)| (n, next())).collect(),
    };
    Ok(graph)
}
