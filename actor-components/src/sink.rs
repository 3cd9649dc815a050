//! Where the writing components put their lines: standard output or a file.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;

use super::ComponentError;

/// A line-oriented output: standard output, or a file created (truncated)
/// when the sink is opened. File output is buffered; call
/// [`flush`](Self::flush) when done.
#[derive(Debug)]
pub(crate) enum Sink {
    /// Standard output (line-buffered by the standard library).
    Stdout,
    /// Standard output after its reader went away (a broken pipe, as in
    /// `actorflow run .. | head`): lines are discarded, as `head`'s upstream
    /// in a shell pipeline would stop writing.
    Closed,
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
            Sink::Stdout => match std::io::stdout().flush() {
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                    *self = Sink::Closed;
                    Ok(())
                }
                r => r.map_err(ComponentError::Stdout),
            },
            Sink::Closed => Ok(()),
            Sink::File { path, writer } => {
                writer.flush().map_err(|source| ComponentError::Io { path: path.clone(), action: "cannot write", source })
            }
            #[cfg(test)]
            Sink::Memory(_) => Ok(()),
        }
    }
}
