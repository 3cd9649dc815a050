//! Where the writing components put their lines: standard output or a file.

use std::io::Write;
use std::path::PathBuf;

use super::ComponentError;
use super::atomic::AtomicFile;

/// A line-oriented output: standard output, or a file replaced atomically
/// (see [`AtomicFile`]). File output is buffered; call
/// [`commit`](Self::commit) when done, or drop the sink to discard it.
#[derive(Debug)]
pub(crate) enum Sink {
    /// Standard output (line-buffered by the standard library).
    Stdout,
    /// Standard output after its reader went away (a broken pipe, as in
    /// `actorflow run .. | head`): lines are discarded, as `head`'s upstream
    /// in a shell pipeline would stop writing.
    Closed,
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
    /// [`ComponentError::Io`] or [`ComponentError::Stdout`].
    pub(crate) fn write_line(&mut self, line: &str) -> Result<(), ComponentError> {
        match self {
            Sink::Stdout => {
                let mut out = std::io::stdout().lock();
                match out.write_all(line.as_bytes()).and_then(|()| out.write_all(b"\n")) {
                    Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                        drop(out);
                        *self = Sink::Closed;
                        Ok(())
                    }
                    r => r.map_err(ComponentError::Stdout),
                }
            }
            Sink::Closed => Ok(()),
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
            Sink::Stdout => match std::io::stdout().flush() {
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                    *self = Sink::Closed;
                    Ok(())
                }
                r => r.map_err(ComponentError::Stdout),
            },
            Sink::Closed => Ok(()),
            Sink::File(_) => Ok(()),
            #[cfg(test)]
            Sink::Memory(_) => Ok(()),
        }
    }
}
