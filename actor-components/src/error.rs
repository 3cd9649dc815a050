//! The errors the standard components return.

use std::path::PathBuf;

/// What went wrong in a standard component. The network reports it with the
/// process name; each variant names the file and line, or the port, record
/// and field, where that applies.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ComponentError {
    /// A file could not be opened, read or written.
    #[error("{}: {action}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// What was being done: `cannot open`, `cannot read`, `cannot write`.
        action: &'static str,
        /// The operating system's error.
        #[source]
        source: std::io::Error,
    },
    /// A line of a text file is not valid UTF-8.
    #[error("{}:{line}: not valid UTF-8 (byte {byte} of the line)", path.display())]
    Utf8 {
        /// The file.
        path: PathBuf,
        /// The line, 1-based.
        line: u64,
        /// The offset of the first invalid byte in the line, 0-based.
        byte: usize,
    },
    /// A line of a text file is longer than the reader accepts.
    #[error("{}:{line}: the line is longer than {limit} bytes, the most `fs/ReadLines` accepts (option port `maxline`)", path.display())]
    LineTooLong {
        /// The file.
        path: PathBuf,
        /// The line, 1-based.
        line: u64,
        /// The longest line accepted, in bytes without the line ending.
        limit: usize,
    },
    /// A text file holds a run of bytes without white space longer than
    /// `fs/ReadText` accepts.
    #[error("{}:{line}:{column}: a run without white space starts here that is longer than {limit} bytes, the most `fs/ReadText` accepts (option port `maxrun`)", path.display())]
    RunTooLong {
        /// The file.
        path: PathBuf,
        /// The line where the run starts, 1-based.
        line: u64,
        /// The column where the run starts, 1-based, in characters.
        column: u64,
        /// The longest run accepted, in bytes.
        limit: usize,
    },
    /// Writing to standard output failed.
    #[error("cannot write to stdout: {0}")]
    Stdout(#[source] std::io::Error),
    /// A CSV record could not be parsed.
    #[error("{source_name}:{line}: {message}")]
    Csv {
        /// The file (from the enclosing bracket IP), or `<input>`.
        source_name: String,
        /// The line the record starts on, 1-based.
        line: u64,
        /// What is wrong, for example a wrong field count.
        message: String,
    },
    /// An option port received a value it cannot use.
    #[error("port {port}: expected {expected}, got {got}")]
    BadOption {
        /// The inport.
        port: &'static str,
        /// What the port accepts.
        expected: &'static str,
        /// The value received, as JSON.
        got: String,
    },
    /// A data packet is not of the kind the component needs.
    #[error("port {port}: packet {packet} is {got}, expected {expected}")]
    BadPacket {
        /// The inport.
        port: &'static str,
        /// The packet's position among the data packets of the port, 1-based.
        packet: u64,
        /// What the port accepts.
        expected: &'static str,
        /// The value received, as JSON.
        got: String,
    },
    /// A field that must hold a number holds something else.
    #[error("record {record}: field {field:?} is {got}, expected a number (or a missing value)")]
    NotANumber {
        /// The record's position in the input, 1-based.
        record: u64,
        /// The field.
        field: String,
        /// The value found, as JSON.
        got: String,
    },
    /// A format template names a field the packet lacks.
    #[error("packet {packet}: template field {{{field}}} is not in {got}")]
    MissingField {
        /// The packet's position in the input, 1-based.
        packet: u64,
        /// The field named by the template.
        field: String,
        /// The value received, as JSON.
        got: String,
    },
}

impl ComponentError {
    pub(crate) fn bad_option(port: &'static str, expected: &'static str, got: &actor_core::Value) -> Self {
        ComponentError::BadOption { port, expected, got: got.to_string() }
    }
}
