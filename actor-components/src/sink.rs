//! Where the writing components put their lines: standard output or a file.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};

use super::ComponentError;

/// Set once a write to standard output met a broken pipe; see [`stdout_closed`].
static STDOUT_CLOSED: AtomicBool = AtomicBool::new(false);

/// Whether a standard component's write to standard output has failed
/// because the reader of the pipe went away (`EPIPE`, as in
/// `actorflow run .. | head`).
///
/// Standard output is one per program, so this is one flag per program:
/// once it is `true` it stays `true`. The component that met the broken pipe
/// failed with [`ComponentError::Stdout`], which stops the network as any
/// failure does. A program can read this flag to end the way a shell
/// pipeline's writer is expected to, quietly, instead of reporting that
/// failure (the `actorflow` CLI exits as if killed by `SIGPIPE`).
pub fn stdout_closed() -> bool {
    STDOUT_CLOSED.load(Ordering::Relaxed)
}

/// Maps a failed write to standard output to the component's error,
/// noting a broken pipe in [`stdout_closed`].
fn stdout_error(e: std::io::Error) -> ComponentError {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        STDOUT_CLOSED.store(true, Ordering::Relaxed);
    }
    ComponentError::Stdout(e)
}

/// A line-oriented output: standard output, or a file created (truncated)
/// when the sink is opened. File output is buffered; call
/// [`flush`](Self::flush) when done.
#[derive(Debug)]
pub(crate) enum Sink {
    /// Standard output (line-buffered by the standard library).
    Stdout,
    /// A file.
    File { path: PathBuf, writer: BufWriter<File> },
    /// An in-memory buffer shared with a test.
    #[cfg(test)]
    Memory(std::sync::Arc<parking_lot::Mutex<Vec<u8>>>),
}

impl Sink {
    /// Creates (or truncates) the file at `path`.
    ///
    /// # Errors
    /// [`ComponentError::Io`] naming the file.
    pub(crate) fn create(path: impl Into<PathBuf>) -> Result<Self, ComponentError> {
        let path = path.into();
        match File::create(&path) {
            Ok(f) => Ok(Sink::File { writer: BufWriter::new(f), path }),
            Err(source) => Err(ComponentError::Io { path, action: "cannot create", source }),
        }
    }

    /// Writes `line` and a newline.
    ///
    /// # Errors
    /// [`ComponentError::Io`] naming the file, or [`ComponentError::Stdout`]
    /// (a broken pipe included, which also sets [`stdout_closed`]).
    pub(crate) fn write_line(&mut self, line: &str) -> Result<(), ComponentError> {
        match self {
            Sink::Stdout => {
                let mut out = std::io::stdout().lock();
                out.write_all(line.as_bytes()).and_then(|()| out.write_all(b"\n")).map_err(stdout_error)
            }
            Sink::File { path, writer } => writer
                .write_all(line.as_bytes())
                .and_then(|()| writer.write_all(b"\n"))
                .map_err(|source| ComponentError::Io { path: path.clone(), action: "cannot write", source }),
            #[cfg(test)]
            Sink::Memory(buf) => {
                let mut buf = buf.lock();
                buf.extend_from_slice(line.as_bytes());
                buf.push(b'\n');
                Ok(())
            }
        }
    }

    /// Flushes buffered output.
    ///
    /// # Errors
    /// As for [`write_line`](Self::write_line).
    pub(crate) fn flush(&mut self) -> Result<(), ComponentError> {
        match self {
            Sink::Stdout => std::io::stdout().flush().map_err(stdout_error),
            Sink::File { path, writer } => {
                writer.flush().map_err(|source| ComponentError::Io { path: path.clone(), action: "cannot write", source })
            }
            #[cfg(test)]
            Sink::Memory(_) => Ok(()),
        }
    }
}
