use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

/// The format a graph was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SourceFormat {
    /// Built in code; no positions.
    #[default]
    Code,
    /// NoFlo graph JSON; positions are JSON paths.
    Json,
    /// The `.fbp` DSL; positions are lines and columns.
    Fbp,
}

/// Where something in a graph came from, for error messages.
///
/// Displays as `file:line:column` for `.fbp` (1-based line and column, in
/// characters) and as `file at $.connections[2].tgt` for JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// A position in `.fbp` text.
    Text {
        /// The file, if the graph came from one.
        file: Option<Arc<str>>,
        /// 1-based line.
        line: usize,
        /// 1-based column, in characters.
        column: usize,
    },
    /// A JSON path such as `$.connections[2].tgt`.
    Json {
        /// The file, if the graph came from one.
        file: Option<Arc<str>>,
        /// The path, starting with `$`.
        path: String,
    },
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Text { file, line, column } => {
                write!(f, "{}:{line}:{column}", file.as_deref().unwrap_or("<input>"))
            }
            Location::Json { file, path } => write!(f, "{} at {path}", file.as_deref().unwrap_or("<input>")),
        }
    }
}

/// Where each element of a [`Graph`](super::Graph) was written.
///
/// Keys: processes by name; connections by their index in
/// `Graph::connections`, with separate positions for the source endpoint,
/// the target endpoint and IIP data; exported ports by their public name.
/// Elements added in code have no entry.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceMap {
    /// The format the graph was read from.
    pub format: SourceFormat,
    /// The file name, if any.
    pub file: Option<Arc<str>>,
    /// (line, column) of each process's first mention.
    pub processes: HashMap<String, (usize, usize)>,
    /// (line, column) of each connection's source endpoint (or IIP data), by index.
    pub connection_src: HashMap<usize, (usize, usize)>,
    /// (line, column) of each connection's target endpoint, by index.
    pub connection_tgt: HashMap<usize, (usize, usize)>,
    /// (line, column) of each exported inport declaration.
    pub inports: HashMap<String, (usize, usize)>,
    /// (line, column) of each exported outport declaration.
    pub outports: HashMap<String, (usize, usize)>,
}

impl SourceMap {
    fn at(&self, pos: Option<&(usize, usize)>, json_path: String) -> Option<Location> {
        match self.format {
            SourceFormat::Code => None,
            SourceFormat::Json => Some(Location::Json { file: self.file.clone(), path: json_path }),
            SourceFormat::Fbp => {
                pos.map(|&(line, column)| Location::Text { file: self.file.clone(), line, column })
            }
        }
    }

    /// Forgets connections at the sorted indices `removed` and renumbers the
    /// positions of the connections after them, to match a
    /// `Graph::connections` from which those indices were removed.
    pub fn remove_connections(&mut self, removed: &[usize]) {
        if removed.is_empty() {
            return;
        }
        let renumber = |map: &mut HashMap<usize, (usize, usize)>| {
            *map = map
                .drain()
                .filter(|(i, _)| removed.binary_search(i).is_err())
                .map(|(i, pos)| (i - removed.partition_point(|&r| r < i), pos))
                .collect();
        };
        renumber(&mut self.connection_src);
        renumber(&mut self.connection_tgt);
    }

    /// Where process `name` was declared.
    pub fn process(&self, name: &str) -> Option<Location> {
        self.at(self.processes.get(name), format!("$.processes[{name:?}]"))
    }

    /// Where the source side (or IIP data) of connection `index` was written.
    pub fn connection_src(&self, index: usize) -> Option<Location> {
        self.at(self.connection_src.get(&index), format!("$.connections[{index}].src"))
    }

    /// Where the IIP data of connection `index` was written.
    pub fn connection_data(&self, index: usize) -> Option<Location> {
        self.at(self.connection_src.get(&index), format!("$.connections[{index}].data"))
    }

    /// Where the target side of connection `index` was written.
    pub fn connection_tgt(&self, index: usize) -> Option<Location> {
        self.at(self.connection_tgt.get(&index), format!("$.connections[{index}].tgt"))
    }

    /// Where exported inport `name` was declared.
    pub fn inport(&self, name: &str) -> Option<Location> {
        self.at(self.inports.get(name), format!("$.inports[{name:?}]"))
    }

    /// Where exported outport `name` was declared.
    pub fn outport(&self, name: &str) -> Option<Location> {
        self.at(self.outports.get(name), format!("$.outports[{name:?}]"))
    }
}
