//! Where the writing components put their lines: standard output or a file.

use std::io::Write;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};

use super::ComponentError;
use super::atomic::AtomicFile;

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

/// A line-oriented output: standard output, or a file replaced atomically
/// (see [`AtomicFile`]). File output is buffered; call
/// [`commit`](Self::commit) when done, or drop the sink to discard it.
#[derive(Debug)]
pub(crate) enum Sink {
    /// Standard output (line-buffered by the standard library).
    Stdout,
    /// A file, written beside its target until committed.
    File(AtomicFile),
    /// An in-memory buffer shared with a test.
    #[cfg(test)]
    Memory(std::sync::Arc<parking_lot::Mutex<Vec<u8>>>),
}

impl Sink {
    /// Starts writing the file at `path`; the file itself is replaced only
    /// on [`commit`](Self::commit).
    ///
    /// # Errors
    /// [`ComponentError::Io`] naming the file.
    pub(crate) fn create(path: impl Into<PathBuf>) -> Result<Self, ComponentError> {
        AtomicFile::create(path.into()).map(Sink::File)
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
            Sink::File(file) => {
                file.write_all(line.as_bytes())?;
                file.write_all(b"\n")
            }
            #[cfg(test)]
            Sink::Memory(buf) => {
                let mut buf = buf.lock();
                buf.extend_from_slice(line.as_bytes());
                buf.push(b'\n');
                Ok(())
            }
        }
    }

    /// Completes the output: a file replaces its target (see
    /// [`AtomicFile::commit`]); standard output is flushed.
    ///
    /// # Errors
    /// As for [`write_line`](Self::write_line).
    pub(crate) fn commit(self) -> Result<(), ComponentError> {
        match self {
            Sink::File(file) => file.commit(),
            mut other => other.flush(),
        }
    }

    /// Flushes buffered standard output. A file is left as it is: its data
    /// reaches its target only on [`commit`](Self::commit).
    ///
    /// # Errors
    /// As for [`write_line`](Self::write_line).
    pub(crate) fn flush(&mut self) -> Result<(), ComponentError> {
        match self {
            Sink::Stdout => std::io::stdout().flush().map_err(stdout_error),
            Sink::File(_) => Ok(()),
            #[cfg(test)]
            Sink::Memory(_) => Ok(()),
        }
    }
}
