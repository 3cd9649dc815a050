//! Reading a file on a thread of its own, in chunks.
//!
//! A read that waits (on a pipe, a terminal, a slow disk) must not hold an
//! executor thread: a task woken on that thread (tokio puts the task a
//! worker wakes in that worker's own slot) would wait behind the read, so a
//! line read from a slow stdin would not reach the next process until the
//! read after it returned. The reader thread does the blocking reads; the
//! process awaits its chunks.

use std::fs::File;
use std::io::{self, Read};

/// How many chunks the reader thread may read ahead of the process.
const AHEAD: usize = 2;

/// The chunks of one file, read by a thread of their own.
#[derive(Debug)]
pub(super) struct Chunks {
    rx: flume::Receiver<io::Result<Vec<u8>>>,
}

impl Chunks {
    /// Starts a thread that reads `file` in chunks of at most `size` bytes,
    /// at most [`AHEAD`] chunks ahead. The thread ends at the end of the
    /// file, at a read error (which it hands on), or when these `Chunks`
    /// are dropped and it next hands on a chunk. A thread blocked in a read
    /// that never returns (a pipe nobody writes to or closes) lives until
    /// that read returns.
    ///
    /// # Errors
    /// The error of starting the thread (on `wasm32-unknown-unknown`, where
    /// threads are unsupported).
    pub(super) fn start(mut file: File, size: usize) -> io::Result<Self> {
        let (tx, rx) = flume::bounded(AHEAD);
        std::thread::Builder::new().name("actorflow-read".into()).spawn(move || {
            loop {
                let mut buf = vec![0u8; size];
                let chunk = match file.read(&mut buf) {
                    Ok(0) => return,
                    Ok(n) => {
                        buf.truncate(n);
                        Ok(buf)
                    }
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    Err(e) => Err(e),
                };
                let failed = chunk.is_err();
                if tx.send(chunk).is_err() || failed {
                    return;
                }
            }
        })?;
        Ok(Self { rx })
    }

    /// The next chunk, or `None` at the end of the file.
    ///
    /// # Errors
    /// The error of a failed read; it is the last item.
    pub(super) async fn next(&self) -> Option<io::Result<Vec<u8>>> {
        self.rx.recv_async().await.ok()
    }
}
