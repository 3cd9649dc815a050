//! `fs/ReadText`: a text file as string pieces of bounded size, each cut
//! just after white space.

use std::fs::File;
use std::path::PathBuf;

use actor_core::{Actor, ActorResult, ActorRunContext, Packet, PortSpec, PortType, Ports, Value};

use super::chunks::Chunks;
use super::{DEFAULT_MAX_LINE, READ_BUFFER, next_path, positive};
use crate::options::OptionPorts;
use crate::ComponentError;

/// The default largest piece [`ReadText`] sends, in bytes (64 KiB). Option
/// port `size` changes it.
pub const DEFAULT_PIECE_SIZE: usize = 64 * 1024;

/// The default longest run of bytes without white space [`ReadText`]
/// accepts (8 MiB, the same as [`DEFAULT_MAX_LINE`], so that every file
/// `fs/ReadLines` accepts with its defaults is accepted too). Option port
/// `maxrun` changes it.
pub const DEFAULT_MAX_RUN: usize = DEFAULT_MAX_LINE;

/// `fs/ReadText`: for each file path received on `in`, sends an open
/// bracket carrying the path, then the text of the file as strings of at
/// most option `size` bytes each (default [`DEFAULT_PIECE_SIZE`], 64 KiB),
/// then a close bracket carrying the path.
///
/// Concatenated, the pieces are the file's text exactly, line endings
/// included. Each piece but the last ends just after an ASCII white-space
/// byte (space, tab, `\n`, vertical tab, form feed, `\r`), and is the
/// longest such piece that fits in `size` bytes, so no run of
/// non-white-space characters is ever split between two pieces: a word is
/// whole in one packet, for any of `text/Words`' word definitions, and no
/// UTF-8 character is ever cut (an ASCII byte is never inside one). An
/// empty file sends no piece. Brackets arriving on `in` are forwarded. A
/// relative path is relative to the working directory, and `in` is marked
/// [`file_path`](field@actor_core::PortSpec::file_path), as for
/// [`ReadLines`](super::ReadLines).
///
/// Use it instead of `fs/ReadLines` when the consumer does not need lines
/// (a word count): a line is one packet of `fs/ReadLines`, so memory grows
/// with the longest line; here it does not.
///
/// # Memory
/// The file is read by a thread of its own in 64 KiB chunks, at most two
/// chunks ahead, and each piece is sent with backpressure, so the process
/// holds about `size` bytes of text plus a chunk, and three chunks, whatever
/// the length of the file or of its lines. Only a run without white space
/// longer than `size` makes a piece longer: such a run (and the white-space
/// byte after it) is sent as one piece, up to option `maxrun` bytes
/// (default [`DEFAULT_MAX_RUN`], 8 MiB); a longer run is refused as soon as
/// that many bytes of it have been read. When `maxrun` is smaller than
/// `size`, pieces are at most `maxrun` bytes.
///
/// # Errors
/// [`ComponentError::Io`] when a file cannot be opened or read,
/// [`ComponentError::Utf8`] naming the file, line and byte when the text is
/// not UTF-8, [`ComponentError::RunTooLong`] naming the file, line and
/// column where a run without white space longer than `maxrun` starts,
/// [`ComponentError::BadPacket`] when `in` receives a non-string, and
/// [`ComponentError::BadOption`] when `size` or `maxrun` is not a positive
/// integer. The pieces before the error have been sent.
#[derive(Debug)]
pub struct ReadText {
    options: OptionPorts,
    size: usize,
    max_run: usize,
    received: u64,
}

impl Default for ReadText {
    fn default() -> Self {
        Self { options: OptionPorts::new(&["size", "maxrun"]), size: DEFAULT_PIECE_SIZE, max_run: DEFAULT_MAX_RUN, received: 0 }
    }
}

impl ReadText {
    async fn read(&self, ctx: &mut ActorRunContext, path: &str) -> ActorResult {
        let io = |action, source| ComponentError::Io { path: PathBuf::from(path), action, source };
        let file = File::open(path).map_err(|e| io("cannot open", e))?;
        let chunks = Chunks::start(file, READ_BUFFER).map_err(|e| io("cannot read", e))?;
        ctx.send("out", Packet::OpenBracket(Some(Value::string(path)))).await?;
        let mut pieces = Pieces::new(path, self.size, self.max_run);
        while let Some(chunk) = chunks.next().await {
            let chunk = chunk.map_err(|e| io("cannot read", e))?;
            pieces.push(&chunk);
            while let Some(piece) = pieces.next_piece()? {
                ctx.send("out", piece).await?;
            }
        }
        if let Some(piece) = pieces.last_piece()? {
            ctx.send("out", piece).await?;
        }
        ctx.send("out", Packet::CloseBracket(Some(Value::string(path)))).await?;
        Ok(())
    }

    async fn read_pending(&mut self, ctx: &mut ActorRunContext) -> ActorResult {
        if self.options.take_changed() {
            self.size = positive(&self.options, "size", DEFAULT_PIECE_SIZE)?;
            self.max_run = positive(&self.options, "maxrun", DEFAULT_MAX_RUN)?;
        }
        while let Some(path) = next_path(ctx, &mut self.received).await? {
            self.read(ctx, &path).await?;
        }
        Ok(())
    }
}

impl Actor for ReadText {
    fn ports(&self) -> Ports {
        Ports::new()
            .inport(PortSpec::new("in").ty(PortType::String).required().file_path().describe("path of a text file to read (UTF-8)"))
            .inport(PortSpec::new("size").ty(PortType::Int).describe(
                "option: the largest piece, in bytes (default 65536, 64 KiB); a piece is only longer when it holds one run without white space longer than this",
            ))
            .inport(PortSpec::new("maxrun").ty(PortType::Int).describe(
                "option: the longest run of bytes without white space accepted (default 8388608, 8 MiB); a longer run is an error",
            ))
            .outport(
                PortSpec::new("out")
                    .ty(PortType::String)
                    .describe("the text in pieces, each cut just after white space, between brackets carrying the path"),
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

/// Whether `b` is ASCII white space: the bytes after which a piece may end.
/// (Vertical tab counts: [`char::is_whitespace`] says so, unlike
/// [`u8::is_ascii_whitespace`].)
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r')
}

/// The number of characters in `bytes`, valid UTF-8: the bytes that do not
/// continue a character.
fn chars(bytes: &[u8]) -> u64 {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count() as u64
}

/// Cuts a file's chunks into pieces.
pub(super) struct Pieces<'a> {
    path: &'a str,
    /// The largest piece, unless it holds one long run: `min(size, maxrun)`.
    size: usize,
    max_run: usize,
    /// Text read and not sent yet, from `start` on (a piece boundary).
    buf: Vec<u8>,
    start: usize,
    /// How many bytes from `start` on are known to hold no white space
    /// (when the text from `start` is a run longer than `size`), so that a
    /// long run is scanned once, not once per chunk.
    scanned: usize,
    /// The line of `buf[start]`, 1-based.
    line: u64,
    /// The bytes and the characters between the start of that line and `buf[start]`.
    line_bytes: usize,
    line_chars: u64,
}

impl<'a> Pieces<'a> {
    pub(super) fn new(path: &'a str, size: usize, max_run: usize) -> Self {
        Self { path, size: size.min(max_run), max_run, buf: Vec::new(), start: 0, scanned: 0, line: 1, line_bytes: 0, line_chars: 0 }
    }

    /// Appends a chunk read from the file.
    pub(super) fn push(&mut self, chunk: &[u8]) {
        if self.start > 0 {
            self.buf.drain(..self.start);
            self.start = 0;
        }
        let room = self.size + 2 * READ_BUFFER;
        if self.buf.len() <= self.size && self.buf.capacity() > 2 * room {
            // Give back what a long run took before reading on.
            self.buf.shrink_to(room);
        }
        self.buf.extend_from_slice(chunk);
    }

    /// The next piece, when the text read so far holds one that a later
    /// chunk cannot make longer.
    ///
    /// # Errors
    /// [`ComponentError::RunTooLong`] as soon as a run longer than the cap
    /// has been read; [`ComponentError::Utf8`] when the piece is not UTF-8.
    pub(super) fn next_piece(&mut self) -> Result<Option<Value>, ComponentError> {
        let text = &self.buf[self.start..];
        if text.len() <= self.size {
            return Ok(None);
        }
        if let Some(i) = text[..self.size].iter().rposition(|&b| is_space(b)) {
            return self.take(i + 1).map(Some);
        }
        // The text starts with a run longer than `size`: the piece is the
        // run and the white space after it, once that is read.
        let from = self.scanned.max(self.size);
        match text[from..].iter().position(|&b| is_space(b)) {
            Some(j) if from + j <= self.max_run => self.take(from + j + 1).map(Some),
            Some(_) => Err(self.too_long()),
            None if text.len() > self.max_run => Err(self.too_long()),
            None => {
                self.scanned = text.len();
                Ok(None)
            }
        }
    }

    /// The rest of the text, at the end of the file, if any.
    ///
    /// # Errors
    /// As for [`next_piece`](Self::next_piece).
    pub(super) fn last_piece(&mut self) -> Result<Option<Value>, ComponentError> {
        // `next_piece` has taken every piece it could: what is left is at
        // most `size` bytes, or one run without white space, not longer
        // than the cap (a longer one was refused while it was read).
        match self.buf.len() - self.start {
            0 => Ok(None),
            rest => self.take(rest).map(Some),
        }
    }

    /// Sends the first `len` bytes of the text: checks that they are UTF-8,
    /// makes them a string, and moves the position on.
    fn take(&mut self, len: usize) -> Result<Value, ComponentError> {
        let piece = &self.buf[self.start..self.start + len];
        let s = std::str::from_utf8(piece).map_err(|e| {
            let valid = &piece[..e.valid_up_to()];
            let line = self.line + memchr::memchr_iter(b'\n', valid).count() as u64;
            let byte = match memchr::memrchr(b'\n', valid) {
                Some(k) => valid.len() - k - 1,
                None => self.line_bytes + valid.len(),
            };
            ComponentError::Utf8 { path: PathBuf::from(self.path), line, byte }
        })?;
        let value = Value::string(s);
        match memchr::memrchr(b'\n', piece) {
            Some(k) => {
                self.line += memchr::memchr_iter(b'\n', piece).count() as u64;
                self.line_bytes = len - k - 1;
                self.line_chars = chars(&piece[k + 1..]);
            }
            None => {
                self.line_bytes += len;
                self.line_chars += chars(piece);
            }
        }
        self.start += len;
        self.scanned = 0;
        Ok(value)
    }

    /// The error for the run that starts the text: its line and column.
    fn too_long(&self) -> ComponentError {
        ComponentError::RunTooLong {
            path: PathBuf::from(self.path),
            line: self.line,
            column: self.line_chars + 1,
            limit: self.max_run,
        }
    }
}
