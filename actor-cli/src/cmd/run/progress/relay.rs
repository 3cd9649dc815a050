//! Relaying stdout to the terminal around the progress display.
//!
//! [`Relay::start`] points file descriptor 1 at a pipe, so every write to
//! stdout (the standard components write there through Rust's `stdout()`)
//! goes into the pipe. A thread reads the pipe and writes each batch of
//! complete lines to the terminal inside [`ProgressBar::suspend`], which
//! clears the display, runs the write, and draws the display again below.
//! Dropping the [`Relay`] points descriptor 1 back at the terminal, which
//! closes the pipe's last write end, and waits for the thread to write what
//! was left.

use std::fs::File;
use std::io::{self, Read as _, Write as _};
use std::os::fd::{AsFd as _, OwnedFd};
use std::thread::JoinHandle;

use indicatif::ProgressBar;

/// The size of the relay's read buffer, in bytes.
const BUFFER: usize = 64 * 1024;

/// Stdout, relayed through a pipe while the display is shown.
#[derive(Debug)]
pub(super) struct Relay {
    /// The terminal that was stdout.
    terminal: OwnedFd,
    thread: Option<JoinHandle<()>>,
}

impl Relay {
    /// Points stdout at a pipe whose lines are written to the terminal
    /// around `bar`.
    ///
    /// # Errors
    /// When the pipe cannot be made or stdout cannot be duplicated; stdout is
    /// then left as it was.
    pub(super) fn start(bar: ProgressBar) -> io::Result<Self> {
        io::stdout().flush()?;
        let terminal = io::stdout().as_fd().try_clone_to_owned()?;
        let to = File::from(terminal.try_clone()?);
        let (reader, writer) = rustix::pipe::pipe()?;
        rustix::stdio::dup2_stdout(&writer)?;
        drop(writer);
        let thread = std::thread::Builder::new()
            .name("stdout-relay".into())
            .spawn(move || relay(File::from(reader), to, &bar));
        match thread {
            Ok(thread) => Ok(Self { terminal, thread: Some(thread) }),
            Err(e) => {
                rustix::stdio::dup2_stdout(&terminal)?;
                Err(e)
            }
        }
    }
}

impl Drop for Relay {
    fn drop(&mut self) {
        let _ = io::stdout().flush();
        // The pipe's last write end closes: the thread reads to the end and stops.
        let _ = rustix::stdio::dup2_stdout(&self.terminal);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Copies `from` to `to` until the end, complete lines at a time, each
/// batch written with `bar` cleared. A last line without a newline is
/// written at the end. When the terminal cannot be written, stops reading,
/// which closes the pipe: the next write to stdout fails with a broken pipe.
fn relay(mut from: File, mut to: File, bar: &ProgressBar) {
    let mut buf = vec![0; BUFFER];
    let mut pending = Vec::new();
    loop {
        let n = match from.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(_) => return,
        };
        pending.extend_from_slice(&buf[..n]);
        if let Some(last) = pending.iter().rposition(|&b| b == b'\n') {
            let lines: Vec<u8> = pending.drain(..=last).collect();
            if bar.suspend(|| to.write_all(&lines)).is_err() {
                return;
            }
        }
    }
    if !pending.is_empty() {
        let _ = bar.suspend(|| to.write_all(&pending));
    }
}
