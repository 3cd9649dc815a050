//! File components: `fs/ReadLines`, `fs/WriteLines` and `fs/WriteJson`.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::PathBuf;

use actor_core::{Actor, ActorResult, ActorRunContext, Packet, PortSpec, PortType, Ports, Registry, Value};

use super::options::{OptionPorts, parse_string};
use super::sink::Sink;
use super::values::text;
use super::ComponentError;

/// The `file` of a writer that means standard output.
const STDOUT_PATH: &str = "-";

/// The read buffer of [`ReadLines`], in bytes.
const READ_BUFFER: usize = 64 * 1024;

/// `fs/ReadLines`: for each file path received on `in`, sends an open
/// bracket carrying the path, then each line of the file as a string, then
/// a close bracket carrying the path.
///
/// Lines are split on `\n`; the `\n` and a `\r` before it are removed, and a
/// last line without a newline is still sent. Files are read through a
/// 64 KiB buffer, one line at a time, and each line is sent with
/// backpressure, so a file of any size streams in bounded memory. Brackets
/// arriving on `in` are forwarded. A relative path is relative to the
/// working directory of the program running the network; `in` is marked
/// [`file_path`](field@actor_core::PortSpec::file_path), so a graph loader can first
/// resolve a relative path written in a graph file against its folder.
///
/// # Errors
/// [`ComponentError::Io`] when a file cannot be opened or read,
/// [`ComponentError::Utf8`] naming the file and line when a line is not
/// UTF-8, and [`ComponentError::BadPacket`] when `in` receives a non-string.
#[derive(Debug, Default)]
pub struct ReadLines {
    received: u64,
}

impl ReadLines {
    async fn read(&self, ctx: &mut ActorRunContext, path: &str) -> ActorResult {
        let io = |action, source| ComponentError::Io { path: PathBuf::from(path), action, source };
        let file = File::open(path).map_err(|e| io("cannot open", e))?;
        let mut reader = BufReader::with_capacity(READ_BUFFER, file);
        ctx.send("out", Packet::OpenBracket(Some(Value::string(path)))).await?;
        let mut buf = Vec::new();
        let mut line = 0u64;
        loop {
            buf.clear();
            if reader.read_until(b'\n', &mut buf).map_err(|e| io("cannot read", e))? == 0 {
                break;
            }
            line += 1;
            if buf.last() == Some(&b'\n') {
                buf.pop();
                if buf.last() == Some(&b'\r') {
                    buf.pop();
                }
            }
            let s = std::str::from_utf8(&buf).map_err(|e| ComponentError::Utf8 {
                path: PathBuf::from(path),
                line,
                byte: e.valid_up_to(),
            })?;
            ctx.send("out", Value::string(s)).await?;
        }
        ctx.send("out", Packet::CloseBracket(Some(Value::string(path)))).await?;
        Ok(())
    }
}

impl Actor for ReadLines {
    fn ports(&self) -> Ports {
        Ports::new()
            .inport(PortSpec::new("in").ty(PortType::String).required().file_path().describe("path of a text file to read (UTF-8)"))
            .outport(
                PortSpec::new("out")
                    .ty(PortType::String)
                    .describe("each line without its line ending, between brackets carrying the path"),
            )
    }

    async fn run(&mut self, ctx: &mut ActorRunContext) -> ActorResult {
        while let Some(p) = ctx.take("in") {
            let Packet::Data(v) = p else {
                ctx.send("out", p).await?;
                continue;
            };
            self.received += 1;
            let Some(path) = v.as_str() else {
                return Err(ComponentError::BadPacket {
                    port: "in",
                    packet: self.received,
                    expected: "a file path (string)",
                    got: v.to_string(),
                }
                .into());
            };
            self.read(ctx, path).await?;
        }
        Ok(())
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
    r.register("fs/WriteLines", "Writes text lines to a file or stdout", |_| Ok(Write::lines()));
    r.register("fs/WriteJson", "Writes JSON lines to a file or stdout", |_| Ok(Write::json()));
}

#[cfg(test)]
mod tests;
