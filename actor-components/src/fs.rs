//! File components: `fs/ReadLines`, `fs/ReadText`, `fs/WriteLines` and `fs/WriteJson`.

mod chunks;
mod read_text;

use std::fs::File;
use std::path::PathBuf;

use actor_core::{Actor, ActorError, ActorResult, ActorRunContext, Packet, PortSpec, PortType, Ports, Registry, Str, Value};

use super::options::{OptionPorts, parse_string, parse_usize};
use super::sink::Sink;
use super::values::text;
use super::ComponentError;
use chunks::Chunks;
pub use read_text::{DEFAULT_MAX_RUN, DEFAULT_PIECE_SIZE, ReadText};

/// The `file` of a writer that means standard output.
const STDOUT_PATH: &str = "-";

/// The chunk size of [`ReadLines`]'s reads, in bytes.
const READ_BUFFER: usize = 64 * 1024;

/// The default longest line [`ReadLines`] accepts, in bytes (8 MiB), not
/// counting its line ending. Option port `maxline` changes it.
pub const DEFAULT_MAX_LINE: usize = 8 * 1024 * 1024;

/// `fs/ReadLines`: for each file path received on `in`, sends an open
/// bracket carrying the path, then each line of the file as a string, then
/// a close bracket carrying the path.
///
/// Lines are split on `\n`; the `\n` and a `\r` before it are removed, and a
/// last line without a newline is still sent. Brackets arriving on `in` are
/// forwarded. A relative path is relative to the working directory of the
/// program running the network; `in` is marked
/// [`file_path`](field@actor_core::PortSpec::file_path), so a graph loader can first
/// resolve a relative path written in a graph file against its folder.
///
/// # Memory
/// Files are read by a thread of their own, in 64 KiB chunks, at most two
/// chunks ahead (so a read that waits, on a pipe or a terminal, never holds
/// an executor thread), and each line is sent with backpressure, so a file
/// of any size streams in bounded memory. A line is one packet, so it must fit in memory: a line longer
/// than option port `maxline` (in bytes, not counting the line ending;
/// default [`DEFAULT_MAX_LINE`], 8 MiB) is refused with an error as soon as
/// that many bytes have been read, instead of growing without bound. The
/// process itself holds at most about three times `maxline` (the line being
/// read, with its buffer's growth, and the string sent) and three chunks;
/// each connection downstream holds at most its capacity in lines.
///
/// # Errors
/// [`ComponentError::Io`] when a file cannot be opened or read,
/// [`ComponentError::Utf8`] naming the file and line when a line is not
/// UTF-8, [`ComponentError::LineTooLong`] naming the file and line when a
/// line is longer than `maxline`, [`ComponentError::BadPacket`] when `in`
/// receives a non-string, and [`ComponentError::BadOption`] when `maxline`
/// is not a positive integer.
#[derive(Debug)]
pub struct ReadLines {
    options: OptionPorts,
    max_line: usize,
    received: u64,
}

impl Default for ReadLines {
    fn default() -> Self {
        Self { options: OptionPorts::new(&["maxline"]), max_line: DEFAULT_MAX_LINE, received: 0 }
    }
}

impl ReadLines {
    async fn read(&self, ctx: &mut ActorRunContext, path: &str) -> ActorResult {
        let io = |action, source| ComponentError::Io { path: PathBuf::from(path), action, source };
        let file = File::open(path).map_err(|e| io("cannot open", e))?;
        let chunks = Chunks::start(file, READ_BUFFER).map_err(|e| io("cannot read", e))?;
        ctx.send("out", Packet::OpenBracket(Some(Value::string(path)))).await?;
        let mut lines = Lines { path, pending: Vec::new(), line: 0, max_line: self.max_line };
        while let Some(chunk) = chunks.next().await {
            let chunk = chunk.map_err(|e| io("cannot read", e))?;
            let mut rest = &chunk[..];
            while let Some(end) = memchr::memchr(b'\n', rest) {
                let (piece, tail) = rest.split_at(end + 1);
                rest = tail;
                let line = lines.complete(piece)?;
                ctx.send("out", line).await?;
            }
            lines.keep(rest)?;
        }
        if !lines.pending.is_empty() {
            // A last line without a newline.
            let line = lines.complete(&[])?;
            ctx.send("out", line).await?;
        }
        ctx.send("out", Packet::CloseBracket(Some(Value::string(path)))).await?;
        Ok(())
    }

    async fn read_pending(&mut self, ctx: &mut ActorRunContext) -> ActorResult {
        if self.options.take_changed() {
            self.max_line = positive(&self.options, "maxline", DEFAULT_MAX_LINE)?;
        }
        while let Some(path) = next_path(ctx, &mut self.received).await? {
            self.read(ctx, &path).await?;
        }
        Ok(())
    }
}

/// A positive integer option, or its default when nothing was received.
fn positive(options: &OptionPorts, port: &'static str, default: usize) -> Result<usize, ComponentError> {
    match options.get(port) {
        None => Ok(default),
        Some(v) => match parse_usize(port, v)? {
            0 => Err(ComponentError::bad_option(port, "a positive integer (bytes)", v)),
            n => Ok(n),
        },
    }
}

/// The next file path waiting on `in` of a reader, the brackets before it
/// forwarded to `out`; `None` when nothing else waits. `received` counts
/// the data packets taken, for the error.
///
/// # Errors
/// [`ComponentError::BadPacket`] when a data packet is not a string.
async fn next_path(ctx: &mut ActorRunContext, received: &mut u64) -> Result<Option<Str>, ActorError> {
    while let Some(p) = ctx.take("in") {
        let Packet::Data(v) = p else {
            ctx.send("out", p).await?;
            continue;
        };
        *received += 1;
        return match v {
            Value::String(path) => Ok(Some(path)),
            v => Err(ComponentError::BadPacket { port: "in", packet: *received, expected: "a file path (string)", got: v.to_string() }.into()),
        };
    }
    Ok(None)
}

/// Splits a file's chunks into lines.
struct Lines<'a> {
    path: &'a str,
    /// The start of a line whose end is in a later chunk.
    pending: Vec<u8>,
    /// Lines completed so far.
    line: u64,
    max_line: usize,
}

impl Lines<'_> {
    /// The line that `piece` (its end, with the `\n`, or the empty end of a
    /// last line without one) completes, without its line ending.
    fn complete(&mut self, piece: &[u8]) -> Result<Value, ComponentError> {
        self.line += 1;
        let mut bytes = if self.pending.is_empty() {
            piece
        } else {
            self.pending.extend_from_slice(piece);
            &self.pending[..]
        };
        if let Some(b) = bytes.strip_suffix(b"\n") {
            bytes = b.strip_suffix(b"\r").unwrap_or(b);
        }
        if bytes.len() > self.max_line {
            return Err(self.too_long());
        }
        let s = std::str::from_utf8(bytes).map_err(|e| ComponentError::Utf8 {
            path: PathBuf::from(self.path),
            line: self.line,
            byte: e.valid_up_to(),
        })?;
        let value = Value::string(s);
        self.pending.clear();
        if self.pending.capacity() > 4 * READ_BUFFER {
            // Give back what a long line took before reading short ones.
            self.pending.shrink_to(READ_BUFFER);
        }
        Ok(value)
    }

    /// Keeps `rest`, the start of a line that a later chunk ends.
    ///
    /// # Errors
    /// [`ComponentError::LineTooLong`] as soon as the line is longer than
    /// the cap (room is left for a `\r` before its `\n`).
    fn keep(&mut self, rest: &[u8]) -> Result<(), ComponentError> {
        self.pending.extend_from_slice(rest);
        if self.pending.len() > self.max_line + 1 {
            self.line += 1;
            return Err(self.too_long());
        }
        Ok(())
    }

    fn too_long(&self) -> ComponentError {
        ComponentError::LineTooLong { path: PathBuf::from(self.path), line: self.line, limit: self.max_line }
    }
}

impl Actor for ReadLines {
    fn ports(&self) -> Ports {
        Ports::new()
            .inport(PortSpec::new("in").ty(PortType::String).required().file_path().describe("path of a text file to read (UTF-8)"))
            .inport(PortSpec::new("maxline").ty(PortType::Int).describe(
                "option: the longest line accepted, in bytes without the line ending (default 8388608, 8 MiB); a longer line is an error",
            ))
            .outport(
                PortSpec::new("out")
                    .ty(PortType::String)
                    .describe("each line without its line ending, between brackets carrying the path"),
            )
    }

    async fn run(&mut self, ctx: &mut ActorRunContext) -> ActorResult {
        if self.options.poll(ctx) {
            self.read_pending(ctx).await?;
        }
        Ok(())
    }

    async fn finish(&mut self, ctx: &mut ActorRunContext) -> ActorResult {
        self.options.poll(ctx);
        self.read_pending(ctx).await
    }
}

/// How a writer renders each data packet as a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LineFormat {
    /// A string as itself, any other value as compact JSON.
    Text,
    /// Compact JSON, strings quoted (JSON Lines, <https://jsonlines.org>).
    Json,
}

/// A writer: `fs/WriteLines` or `fs/WriteJson`.
///
/// Writes one line per data packet on `in` to the file named on option port
/// `file`, or to standard output when nothing feeds `file` or it receives
/// `-`. Brackets are not written.
///
/// # Atomic output
/// A file is written to a temporary file in the same folder and renamed
/// over its target only when the process finishes normally (its inputs
/// closed and every line written): until then the previous file stays as it
/// was. When the process fails, is stopped (Ctrl-C, another process
/// failing) or is shut down without finishing, the temporary file is
/// deleted and the target is untouched. A new path on `file` starts the next
/// file; every file of the run is renamed into place when the process
/// finishes, in the order they were started. Special files such as
/// `/dev/stdout` or a named pipe cannot be renamed over and are written in place.
///
/// # Errors
/// [`ComponentError::Io`] naming the file when it cannot be created or
/// written, [`ComponentError::Stdout`] when a write to standard output fails
/// (a full disk, or a pipe whose reader has gone, as in
/// `actorflow run .. | head`, which also sets
/// [`stdout_closed`](super::stdout_closed)), and
/// [`ComponentError::BadOption`] when `file` is not a string.
#[derive(Debug)]
pub struct Write {
    format: LineFormat,
    options: OptionPorts,
    sink: Option<Sink>,
    /// Files whose path was replaced on `file`, waiting for the finish to be committed.
    written: Vec<Sink>,
}

impl Write {
    /// `fs/WriteLines`: strings raw, other values as JSON.
    pub fn lines() -> Self {
        Self::new(LineFormat::Text)
    }

    /// `fs/WriteJson`: every value as one line of JSON.
    pub fn json() -> Self {
        Self::new(LineFormat::Json)
    }

    fn new(format: LineFormat) -> Self {
        Self { format, options: OptionPorts::new(&["file"]), sink: None, written: Vec::new() }
    }

    fn write_pending(&mut self, ctx: &mut ActorRunContext) -> ActorResult {
        if self.options.take_changed() {
            if let Some(mut sink) = self.sink.take() {
                sink.flush()?;
                self.written.push(sink);
            }
            self.sink = match self.options.get("file").map(|v| parse_string("file", v)).transpose()? {
                Some(path) if path != STDOUT_PATH => Some(Sink::create(path)?),
                _ => None,
            };
        }
        let sink = self.sink.get_or_insert(Sink::Stdout);
        while let Some(p) = ctx.take("in") {
            if let Packet::Data(v) = p {
                match self.format {
                    LineFormat::Text => sink.write_line(&text(&v))?,
                    LineFormat::Json => sink.write_line(&v.to_string())?,
                }
            }
        }
        Ok(())
    }
}

impl Actor for Write {
    fn ports(&self) -> Ports {
        let what = match self.format {
            LineFormat::Text => "values to write, one line each: strings raw, other values as compact JSON",
            LineFormat::Json => "values to write, one line of compact JSON each",
        };
        Ports::new()
            .inport(PortSpec::new("in").required().describe(what))
            .inport(
                PortSpec::new("file")
                    .ty(PortType::String)
                    .file_path()
                    .describe("option: path of the file to create; standard output for `-` or when nothing feeds this port"),
            )
    }

    async fn run(&mut self, ctx: &mut ActorRunContext) -> ActorResult {
        if self.options.poll(ctx) {
            self.write_pending(ctx)?;
        }
        Ok(())
    }

    async fn finish(&mut self, ctx: &mut ActorRunContext) -> ActorResult {
        self.options.poll(ctx);
        self.write_pending(ctx)?;
        for sink in self.written.drain(..).chain(self.sink.take()) {
            sink.commit()?;
        }
        Ok(())
    }

    /// Without a finish (a failure, a stop), the files not committed are
    /// discarded: dropping a file sink deletes its temporary file.
    /// Standard output is flushed.
    fn shutdown(&mut self, _ctx: &mut ActorRunContext) {
        self.written.clear();
        if let Some(sink) = &mut self.sink {
            let _ = sink.flush();
        }
        self.sink = None;
    }
}

pub(super) fn register(r: &mut Registry) {
    r.register("fs/ReadLines", "Streams the lines of text files", |_| Ok(ReadLines::default()));
    r.register("fs/ReadText", "Streams text files in pieces cut at white space", |_| Ok(ReadText::default()));
    r.register("fs/WriteLines", "Writes text lines to a file or stdout", |_| Ok(Write::lines()));
    r.register("fs/WriteJson", "Writes JSON lines to a file or stdout", |_| Ok(Write::json()));
}

#[cfg(test)]
mod tests;
