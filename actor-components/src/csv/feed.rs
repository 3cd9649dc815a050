//! The input of `csv/ParseCsv`'s one `csv::Reader`: text pushed as lines
//! arrive, read by the reader as it parses.

use std::io;

/// Bytes pushed and not yet read, with the count pushed in all. Reading
/// an empty feed reads 0 bytes, which the `csv` reader takes for the end
/// of its input.
#[derive(Debug, Default)]
pub(super) struct Feed {
    buf: Vec<u8>,
    read: usize,
    pushed: u64,
}

impl Feed {
    /// Appends `text` for the reader to read.
    pub(super) fn push(&mut self, text: &str) {
        if self.read == self.buf.len() {
            self.buf.clear();
            self.read = 0;
        }
        self.buf.extend_from_slice(text.as_bytes());
        self.pushed += text.len() as u64;
    }

    /// Bytes pushed since the feed was made.
    pub(super) fn pushed(&self) -> u64 {
        self.pushed
    }
}

impl io::Read for Feed {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let rest = &self.buf[self.read..];
        let n = rest.len().min(out.len());
        out[..n].copy_from_slice(&rest[..n]);
        self.read += n;
        Ok(n)
    }
}
