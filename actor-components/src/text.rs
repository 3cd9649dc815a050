//! Text components: `text/Words` and `text/Format`.

use actor_core::{Actor, ActorResult, ActorRunContext, Packet, PortSpec, PortType, Ports, Registry, Value};

use super::options::{OptionPorts, parse_string};
use super::values::text;
use super::ComponentError;

/// Which characters make up a word, for [`Words`]'s `chars` option.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum WordChars {
    /// `alnum` (the default): Unicode alphanumeric characters
    /// ([`char::is_alphanumeric`]: Unicode `Alphabetic` or `Nd`/`Nl`/`No`).
    #[default]
    Alnum,
    /// `ascii-alnum`: `A-Z`, `a-z`, `0-9` only, as `tr '[:alnum:]'` in the C locale.
    AsciiAlnum,
    /// `alpha`: Unicode alphabetic characters ([`char::is_alphabetic`]).
    Alpha,
    /// `non-space`: anything but Unicode white space, so words are the
    /// whitespace-separated tokens.
    NonSpace,
}

impl WordChars {
    /// Which ASCII bytes are word characters, indexed by byte: the same
    /// answers as [`contains`](Self::contains) gives for ASCII characters
    /// (bytes from 128 up are never looked up: the table serves ASCII text).
    fn ascii_table(self) -> [bool; 256] {
        let mut table = [false; 256];
        for (b, is_word) in table.iter_mut().enumerate().take(128) {
            *is_word = self.contains(char::from(b as u8));
        }
        table
    }

    fn contains(self, c: char) -> bool {
        match self {
            WordChars::Alnum => c.is_alphanumeric(),
            WordChars::AsciiAlnum => c.is_ascii_alphanumeric(),
            WordChars::Alpha => c.is_alphabetic(),
            WordChars::NonSpace => !c.is_whitespace(),
        }
    }

    fn parse(v: &Value) -> Result<Self, ComponentError> {
        let expected = "one of alnum, ascii-alnum, alpha, non-space";
        match v.as_str().map(str::trim) {
            Some("alnum") => Ok(WordChars::Alnum),
            Some("ascii-alnum") => Ok(WordChars::AsciiAlnum),
            Some("alpha") => Ok(WordChars::Alpha),
            Some("non-space") => Ok(WordChars::NonSpace),
            _ => Err(ComponentError::bad_option("chars", expected, v)),
        }
    }
}

/// How [`Words`] normalises case, for its `case` option.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum WordCase {
    /// `lower` (the default): Unicode lowercase ([`str::to_lowercase`]).
    #[default]
    Lower,
    /// `ascii-lower`: `A-Z` to `a-z` only, as `tr 'A-Z' 'a-z'`.
    AsciiLower,
    /// `upper`: Unicode uppercase.
    Upper,
    /// `keep`: unchanged.
    Keep,
}

impl WordCase {
    /// The word `w` in this case, as a string value. ASCII words, and
    /// words the case leaves unchanged, are copied once, straight into the
    /// value; `scratch` is reused between words.
    fn apply(self, w: &str, scratch: &mut String) -> Value {
        if w.is_ascii() {
            return self.apply_ascii(w, scratch);
        }
        match self {
            WordCase::Keep => Value::string(w),
            WordCase::AsciiLower => {
                scratch.clear();
                scratch.push_str(w);
                scratch.make_ascii_lowercase();
                Value::string(scratch.as_str())
            }
            WordCase::Upper => Value::from(w.to_uppercase()),
            WordCase::Lower => Value::from(w.to_lowercase()),
        }
    }

    /// [`apply`](Self::apply) for an ASCII word.
    #[inline]
    fn apply_ascii(self, w: &str, scratch: &mut String) -> Value {
        let (lower, changes) = match self {
            WordCase::Keep => return Value::string(w),
            WordCase::Lower | WordCase::AsciiLower => (true, w.bytes().any(|b| b.is_ascii_uppercase())),
            WordCase::Upper => (false, w.bytes().any(|b| b.is_ascii_lowercase())),
        };
        if !changes {
            return Value::string(w);
        }
        scratch.clear();
        scratch.push_str(w);
        if lower {
            scratch.make_ascii_lowercase();
        } else {
            scratch.make_ascii_uppercase();
        }
        Value::string(scratch.as_str())
    }

    fn parse(v: &Value) -> Result<Self, ComponentError> {
        let expected = "one of lower, ascii-lower, upper, keep";
        match v.as_str().map(str::trim) {
            Some("lower") => Ok(WordCase::Lower),
            Some("ascii-lower") => Ok(WordCase::AsciiLower),
            Some("upper") => Ok(WordCase::Upper),
            Some("keep") => Ok(WordCase::Keep),
            _ => Err(ComponentError::bad_option("case", expected, v)),
        }
    }
}

/// `text/Words`: splits each string on `in` into words and sends each word
/// on `out`, in order.
///
/// A word is a maximal run of the characters chosen by option `chars`
/// ([`WordChars`], default `alnum`), normalised by option `case`
/// ([`WordCase`], default `lower`). With the defaults, on ASCII text, the
/// words are exactly the lines of `tr -cs '[:alnum:]' '\n' | tr 'A-Z' 'a-z'`.
/// Words never span two packets (a line is a unit). Brackets are forwarded,
/// in order with the words. The words of an activation's lines are sent in
/// chunks ([`ActorRunContext::send_chunk`]), each word still one packet.
///
/// # Errors
/// [`ComponentError::BadPacket`] when `in` receives a non-string;
/// [`ComponentError::BadOption`] for an unknown `chars` or `case`.
#[derive(Debug)]
pub struct Words {
    options: OptionPorts,
    chars: WordChars,
    case: WordCase,
    received: u64,
    /// Words split and not sent yet (at most [`WORDS_PER_CHUNK`]).
    pending: Vec<Packet>,
    /// Reused to change a word's case.
    scratch: String,
    /// `chars` as a table of the ASCII bytes that are word characters.
    ascii_word: [bool; 256],
}

/// How many words [`Words`] gathers (whole lines at a time) before sending
/// them as one chunk: the runtime's chunk size (a chunk of up to 128
/// travels whole).
const WORDS_PER_CHUNK: usize = 64;

impl Default for Words {
    fn default() -> Self {
        Self {
            options: OptionPorts::new(&["chars", "case"]),
            chars: WordChars::default(),
            case: WordCase::default(),
            received: 0,
            pending: Vec::new(),
            scratch: String::new(),
            ascii_word: WordChars::default().ascii_table(),
        }
    }
}

impl Words {
    async fn split_pending(&mut self, ctx: &mut ActorRunContext) -> ActorResult {
        if self.options.take_changed() {
            self.chars = self.options.get("chars").map_or(Ok(WordChars::default()), WordChars::parse)?;
            self.case = self.options.get("case").map_or(Ok(WordCase::default()), WordCase::parse)?;
            self.ascii_word = self.chars.ascii_table();
        }
        while let Some(p) = ctx.take("in") {
            let Packet::Data(v) = p else {
                // A bracket goes after the words before it.
                self.pending.push(p);
                self.send_pending(ctx).await?;
                continue;
            };
            self.received += 1;
            let Some(s) = v.as_str() else {
                // The words of the lines before it still go out.
                self.send_pending(ctx).await?;
                let got = v.to_string();
                return Err(ComponentError::BadPacket { port: "in", packet: self.received, expected: "a string", got }.into());
            };
            // A long line goes out chunk by chunk, so that memory stays
            // bounded by the chunk, not by the line.
            let (mut from, ascii) = (0, s.is_ascii());
            while let Some(next) = self.split_line(s, ascii, from) {
                self.send_pending(ctx).await?;
                from = next;
            }
        }
        self.send_pending(ctx).await
    }

    /// Appends the words of line `s` (all ASCII when `ascii`) from byte
    /// `from` on to the pending words, until [`WORDS_PER_CHUNK`] are
    /// pending: then returns the byte to go on from (the end of the last
    /// word taken), else `None` at the end of the line. (Synchronous, so
    /// that its loop runs in registers rather than in the activation's
    /// future.)
    fn split_line(&mut self, s: &str, ascii: bool, from: usize) -> Option<usize> {
        let (case, scratch, out) = (self.case, &mut self.scratch, &mut self.pending);
        let rest = &s[from..];
        if !ascii {
            let chars = self.chars;
            for word in rest.split(|c| !chars.contains(c)).filter(|w| !w.is_empty()) {
                out.push(Packet::Data(case.apply(word, scratch)));
                if out.len() >= WORDS_PER_CHUNK {
                    // `word` lies inside `s`: its end is an offset into `s`.
                    return Some(word.as_ptr() as usize - s.as_ptr() as usize + word.len());
                }
            }
            return None;
        }
        // Byte by byte: on ASCII text every byte is a character.
        let table = &self.ascii_word;
        let mut start = None;
        for (i, &b) in rest.as_bytes().iter().enumerate() {
            match (table[usize::from(b)], start) {
                (true, None) => start = Some(i),
                (false, Some(begin)) => {
                    out.push(Packet::Data(case.apply_ascii(&rest[begin..i], scratch)));
                    start = None;
                    if out.len() >= WORDS_PER_CHUNK {
                        return Some(from + i);
                    }
                }
                _ => {}
            }
        }
        if let Some(begin) = start {
            out.push(Packet::Data(case.apply_ascii(&rest[begin..], scratch)));
        }
        None
    }

    /// Sends the words gathered so far, as one chunk.
    async fn send_pending(&mut self, ctx: &mut ActorRunContext) -> ActorResult {
        if !self.pending.is_empty() {
            let chunk = std::mem::replace(&mut self.pending, Vec::with_capacity(WORDS_PER_CHUNK));
            ctx.send_chunk("out", chunk).await?;
        }
        Ok(())
    }
}

impl Actor for Words {
    fn ports(&self) -> Ports {
        Ports::new()
            .inport(PortSpec::new("in").ty(PortType::String).required().describe("text to split, for example lines"))
            .inport(
                PortSpec::new("chars")
                    .ty(PortType::String)
                    .describe("option: word characters: alnum (default), ascii-alnum, alpha or non-space"),
            )
            .inport(
                PortSpec::new("case")
                    .ty(PortType::String)
                    .describe("option: case normalisation: lower (default), ascii-lower, upper or keep"),
            )
            .outport(PortSpec::new("out").ty(PortType::String).describe("each word, in order"))
    }

    async fn run(&mut self, ctx: &mut ActorRunContext) -> ActorResult {
        if self.options.poll(ctx) {
            self.split_pending(ctx).await?;
        }
        Ok(())
    }

    async fn finish(&mut self, ctx: &mut ActorRunContext) -> ActorResult {
        self.options.poll(ctx);
        self.split_pending(ctx).await
    }
}

/// One piece of a [`Format`] template.
#[derive(Debug, Clone, PartialEq)]
enum Piece {
    Literal(String),
    Field(String),
    Whole,
}

/// Parses a template: `{name}` is a field, `{}` the whole value, `{{` and
/// `}}` are literal braces.
fn parse_template(t: &str) -> Option<Vec<Piece>> {
    let mut pieces = Vec::new();
    let mut lit = String::new();
    let mut chars = t.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                lit.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                lit.push('}');
            }
            '{' => {
                let mut name = String::new();
                loop {
                    match chars.next()? {
                        '}' => break,
                        '{' => return None,
                        c => name.push(c),
                    }
                }
                if !lit.is_empty() {
                    pieces.push(Piece::Literal(std::mem::take(&mut lit)));
                }
                pieces.push(if name.is_empty() { Piece::Whole } else { Piece::Field(name) });
            }
            '}' => return None,
            c => lit.push(c),
        }
    }
    if !lit.is_empty() {
        pieces.push(Piece::Literal(lit));
    }
    Some(pieces)
}

/// `text/Format`: renders each data packet on `in` through the template on
/// option port `template` and sends the resulting string on `out`.
///
/// In the template, `{name}` is replaced by field `name` of the packet (an
/// object), `{}` by the whole packet, and `{{`/`}}` are literal braces.
/// Values are written as text: a string as itself, anything else as compact
/// JSON. For example `{count} {word}` turns `{"word": "the", "count": 3}`
/// into `3 the`. Brackets are forwarded.
///
/// # Errors
/// [`ComponentError::BadOption`] for a missing or malformed template (an
/// unmatched brace); [`ComponentError::MissingField`] when a packet lacks a
/// field the template names.
#[derive(Debug)]
pub struct Format {
    options: OptionPorts,
    template: Vec<Piece>,
    received: u64,
}

impl Default for Format {
    fn default() -> Self {
        Self { options: OptionPorts::new(&["template"]), template: Vec::new(), received: 0 }
    }
}

impl Format {
    async fn format_pending(&mut self, ctx: &mut ActorRunContext) -> ActorResult {
        if !ctx.has("in") {
            return Ok(());
        }
        if self.options.take_changed() {
            let expected = "a template string such as \"{count} {word}\" (braces matched)";
            let t = self.options.get("template").cloned().unwrap_or_default();
            let s = parse_string("template", &t).map_err(|_| ComponentError::bad_option("template", expected, &t))?;
            self.template = parse_template(&s).ok_or_else(|| ComponentError::bad_option("template", expected, &t))?;
        }
        while let Some(p) = ctx.take("in") {
            let Packet::Data(v) = p else {
                ctx.send("out", p).await?;
                continue;
            };
            self.received += 1;
            let mut out = String::new();
            for piece in &self.template {
                match piece {
                    Piece::Literal(s) => out.push_str(s),
                    Piece::Whole => out.push_str(&text(&v)),
                    Piece::Field(f) => match v.get(f) {
                        Some(x) => out.push_str(&text(x)),
                        None => {
                            let (packet, field, got) = (self.received, f.clone(), v.to_string());
                            return Err(ComponentError::MissingField { packet, field, got }.into());
                        }
                    },
                }
            }
            ctx.send("out", out).await?;
        }
        Ok(())
    }
}

impl Actor for Format {
    fn ports(&self) -> Ports {
        Ports::new()
            .inport(PortSpec::new("in").required().describe("values to render (objects for {field} templates)"))
            .inport(
                PortSpec::new("template")
                    .ty(PortType::String)
                    .required()
                    .describe("option: the template, {field} for a field, {} for the whole value, {{ and }} for braces"),
            )
            .outport(PortSpec::new("out").ty(PortType::String).describe("the rendered strings"))
    }

    async fn run(&mut self, ctx: &mut ActorRunContext) -> ActorResult {
        if self.options.poll(ctx) {
            self.format_pending(ctx).await?;
        }
        Ok(())
    }

    async fn finish(&mut self, ctx: &mut ActorRunContext) -> ActorResult {
        self.options.poll(ctx);
        self.format_pending(ctx).await
    }
}

pub(super) fn register(r: &mut Registry) {
    r.register("text/Words", "Splits text into normalised words", |_| Ok(Words::default()));
    r.register("text/Format", "Renders values through a {field} template", |_| Ok(Format::default()));
}

#[cfg(test)]
mod tests;
