//! A fast check of JSON text that accepts only what `serde_json` surely
//! accepts, so that a text it passes can be stored unparsed.
//!
//! [`quick_accept`] runs over the bytes once, with no allocation, and
//! answers "yes" only for one RFC 8259 JSON value that `serde_json` parses
//! into a `serde_json::Value` and that holds no integer beyond ±(2⁵³ − 1).
//! It answers "don't know" for everything else, including some valid JSON
//! that it leaves to `serde_json` to judge: nesting deeper than 100 (serde's
//! limit is 128), `\u` escapes of UTF-16 surrogates (serde checks their
//! pairing), integer parts of more than 15 digits (which may be big
//! integers), and exponents that could overflow a double (serde refuses
//! those). The text `JSON.stringify` makes of a plain value nearly always
//! passes.

#[cfg(test)]
mod tests;

/// The deepest nesting of arrays and objects accepted (serde_json's limit is 128).
const MAX_DEPTH: usize = 100;
/// The most integer-part digits accepted: 10¹⁵ − 1 < 2⁵³, so no integer
/// literal accepted is a big integer.
const MAX_INT_DIGITS: usize = 15;
/// The largest decimal exponent accepted together with the integer part's
/// digit count: below 10³⁰⁸, a double never overflows.
const MAX_MAGNITUDE_DIGITS: i32 = 308;

/// Whether `text` is surely one JSON value that `serde_json` reads into a
/// `Value`, with no integer beyond ±(2⁵³ − 1). `false` means "not known".
pub(super) fn quick_accept(text: &str) -> bool {
    Checker { b: text.as_bytes(), pos: 0 }.run().is_some()
}

struct Checker<'a> {
    b: &'a [u8],
    pos: usize,
}

impl Checker<'_> {
    /// `Some(())` when the whole text is one accepted value.
    fn run(&mut self) -> Option<()> {
        // One bit per open container: 1 for an object, 0 for an array.
        let mut objects: u128 = 0;
        let mut depth = 0usize;
        self.ws();
        loop {
            // A value starts here.
            match self.peek()? {
                b'{' => {
                    if depth == MAX_DEPTH {
                        return None;
                    }
                    self.pos += 1;
                    self.ws();
                    if self.peek()? == b'}' {
                        self.pos += 1;
                    } else {
                        depth += 1;
                        objects |= 1 << depth;
                        self.key()?;
                        continue;
                    }
                }
                b'[' => {
                    if depth == MAX_DEPTH {
                        return None;
                    }
                    self.pos += 1;
                    self.ws();
                    if self.peek()? == b']' {
                        self.pos += 1;
                    } else {
                        depth += 1;
                        objects &= !(1 << depth);
                        continue;
                    }
                }
                b'"' => self.string()?,
                b't' => self.literal(b"true")?,
                b'f' => self.literal(b"false")?,
                b'n' => self.literal(b"null")?,
                b'-' | b'0'..=b'9' => self.number()?,
                _ => return None,
            }
            // After a value: close containers, or go on to the next value.
            loop {
                self.ws();
                if depth == 0 {
                    return (self.pos == self.b.len()).then_some(());
                }
                let in_object = objects & (1 << depth) != 0;
                match self.peek()? {
                    b',' => {
                        self.pos += 1;
                        self.ws();
                        if in_object {
                            self.key()?;
                        }
                        break;
                    }
                    b'}' if in_object => {
                        self.pos += 1;
                        depth -= 1;
                    }
                    b']' if !in_object => {
                        self.pos += 1;
                        depth -= 1;
                    }
                    _ => return None,
                }
            }
        }
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.pos).copied()
    }

    fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    /// An object key, the colon after it and the whitespace before the value.
    fn key(&mut self) -> Option<()> {
        if self.peek()? != b'"' {
            return None;
        }
        self.string()?;
        self.ws();
        if self.peek()? != b':' {
            return None;
        }
        self.pos += 1;
        self.ws();
        Some(())
    }

    fn literal(&mut self, word: &[u8]) -> Option<()> {
        let end = self.pos + word.len();
        (self.b.get(self.pos..end)? == word).then(|| self.pos = end)
    }

    /// A string from its opening quote. The text is a `&str`, so its bytes
    /// are valid UTF-8; control characters and surrogate escapes are left
    /// to serde_json.
    fn string(&mut self) -> Option<()> {
        let b = self.b;
        let mut i = self.pos + 1;
        loop {
            let c = *b.get(i)?;
            if c == b'"' {
                self.pos = i + 1;
                return Some(());
            }
            if c == b'\\' {
                self.pos = i;
                self.escape()?;
                i = self.pos;
            } else if c < 0x20 {
                return None;
            } else {
                i += 1;
            }
        }
    }

    /// An escape, from its backslash.
    fn escape(&mut self) -> Option<()> {
        match *self.b.get(self.pos + 1)? {
            b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => self.pos += 2,
            b'u' => {
                let hex = self.b.get(self.pos + 2..self.pos + 6)?;
                let mut code = 0u32;
                for &h in hex {
                    code = code * 16 + char::from(h).to_digit(16)?;
                }
                if (0xD800..=0xDFFF).contains(&code) {
                    return None;
                }
                self.pos += 6;
            }
            _ => return None,
        }
        Some(())
    }

    /// A number: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`, with at
    /// most 15 integer-part digits and an exponent that cannot overflow.
    fn number(&mut self) -> Option<()> {
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        let int_digits = match self.peek()? {
            b'0' => {
                self.pos += 1;
                1
            }
            b'1'..=b'9' => self.digits(),
            _ => return None,
        };
        if int_digits > MAX_INT_DIGITS {
            return None;
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if self.digits() == 0 {
                return None;
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            let negative = match self.peek()? {
                b'-' => {
                    self.pos += 1;
                    true
                }
                b'+' => {
                    self.pos += 1;
                    false
                }
                _ => false,
            };
            let start = self.pos;
            let count = self.digits();
            if count == 0 || count > 3 {
                return None;
            }
            let exponent: i32 = std::str::from_utf8(&self.b[start..self.pos]).ok()?.parse().ok()?;
            // int_digits ≤ 15, so the cast is exact.
            if !negative && int_digits as i32 + exponent > MAX_MAGNITUDE_DIGITS {
                return None;
            }
        }
        Some(())
    }

    /// Skips a run of ASCII digits; returns how many.
    fn digits(&mut self) -> usize {
        let start = self.pos;
        let mut i = start;
        while let Some(b'0'..=b'9') = self.b.get(i) {
            i += 1;
        }
        self.pos = i;
        i - start
    }
}
