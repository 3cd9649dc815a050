use std::fmt;
use std::sync::Arc;

/// A `.fbp` text that cannot be read as a graph.
///
/// Displays as `file:line:column: message`, where `message` is the exact
/// text the reference parser (npm `fbp` 1.8.0) gives for the same input
/// ([`FbpErrorKind`]'s `Display`, also available as
/// [`FbpError::reference_message`]).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{}:{line}:{column}: {kind}", file.as_deref().unwrap_or("<input>"))]
pub struct FbpError {
    /// The file the text came from, if any.
    pub file: Option<Arc<str>>,
    /// 1-based line of the problem.
    pub line: usize,
    /// 1-based column of the problem, in characters.
    pub column: usize,
    /// The offending text: the character found (empty at the end of the
    /// input) or the name of the process or port at fault.
    pub text: String,
    /// What went wrong (boxed to keep `Result`s small).
    pub kind: Box<FbpErrorKind>,
}

impl FbpError {
    /// The message alone, worded exactly as the reference parser words it.
    pub fn reference_message(&self) -> String {
        self.kind.to_string()
    }
}

/// What is wrong with a `.fbp` text. `Display` gives the reference parser's wording.
#[derive(Debug, Clone, PartialEq)]
pub enum FbpErrorKind {
    /// The text does not follow the grammar.
    Syntax {
        /// What the grammar allows at that position (PEG.js descriptions,
        /// sorted, such as `"->"`, `[a-zA-Z_]` or `end of input`).
        expected: Vec<String>,
        /// The character found there; `None` at the end of the input.
        found: Option<char>,
    },
    /// A process is mentioned with `()` but never given a component.
    NoComponent {
        /// The process.
        process: String,
    },
    /// `INPORT=` names a process that the graph does not define.
    InportToUndefined {
        /// The exported (public) port name.
        public: String,
        /// The undefined process.
        process: String,
    },
    /// `OUTPORT=` names a process that the graph does not define.
    OutportToUndefined {
        /// The exported (public) port name.
        public: String,
        /// The undefined process.
        process: String,
    },
    /// An IIP goes into a process that the graph does not define.
    IipToUndefined {
        /// The IIP data, as JavaScript's `String()` would show it.
        data: String,
        /// The undefined process.
        process: String,
    },
    /// An edge goes into a process that the graph does not define.
    EdgeToUndefined {
        /// The source process.
        src_process: String,
        /// The source port.
        src_port: String,
        /// The undefined target process.
        process: String,
    },
    /// An edge comes from a process that the graph does not define.
    EdgeFromUndefined {
        /// The target process.
        tgt_process: String,
        /// The target port.
        tgt_port: String,
        /// The undefined source process.
        process: String,
    },
    /// An IIP whose data is falsy in JavaScript (`""`, `0`, `false`,
    /// `null`) goes into an undefined process. The reference parser fails
    /// with a `TypeError` here; its message is kept for fidelity.
    FalsyIipToUndefined {
        /// The undefined process.
        process: String,
    },
    /// Connections chained on one line plus nested JSON go deeper than
    /// `limit` levels (actorflow's guard against stack overflow; the
    /// reference parser fails with a JavaScript `RangeError` instead).
    TooDeep {
        /// The deepest nesting allowed.
        limit: usize,
    },
    /// An array port index that does not fit in a `usize`.
    IndexTooLarge {
        /// The digits written.
        digits: String,
    },
}

impl fmt::Display for FbpErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FbpErrorKind::Syntax { expected, found } => {
                let expected = match expected.split_last() {
                    None => String::new(),
                    Some((last, [])) => last.clone(),
                    Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
                };
                let found = match found {
                    Some(c) => format!("\"{}\"", super::cursor::js_string_escape(&c.to_string())),
                    None => "end of input".to_string(),
                };
                write!(f, "Expected {expected} but {found} found.")
            }
            FbpErrorKind::NoComponent { process } => {
                write!(f, "Node \"{process}\" does not have a component defined")
            }
            FbpErrorKind::InportToUndefined { public, process } => {
                write!(f, "Inport \"{public}\" is connected to an undefined target node \"{process}\"")
            }
            FbpErrorKind::OutportToUndefined { public, process } => {
                write!(f, "Outport \"{public}\" is connected to an undefined source node \"{process}\"")
            }
            FbpErrorKind::IipToUndefined { data, process } => {
                write!(f, "IIP containing \"{data}\" is connected to an undefined target node \"{process}\"")
            }
            FbpErrorKind::EdgeToUndefined { src_process, src_port, process } => write!(
                f,
                "Edge from \"{src_process}\" port \"{src_port}\" is connected to an undefined target node \"{process}\""
            ),
            FbpErrorKind::EdgeFromUndefined { tgt_process, tgt_port, process } => write!(
                f,
                "Edge to \"{tgt_process}\" port \"{tgt_port}\" is connected to an undefined source node \"{process}\""
            ),
            FbpErrorKind::FalsyIipToUndefined { .. } => {
                f.write_str("Cannot read properties of undefined (reading 'process')")
            }
            FbpErrorKind::TooDeep { limit } => {
                write!(f, "Nesting too deep: more than {limit} chained connections and JSON levels")
            }
            FbpErrorKind::IndexTooLarge { digits } => write!(f, "Array port index {digits} is too large"),
        }
    }
}
