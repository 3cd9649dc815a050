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
    fn apply(self, w: &str) -> Value {
        match self {
            WordCase::Lower => Value::from(w.to_lowercase()),
            WordCase::AsciiLower => Value::from(w.to_ascii_lowercase()),
            WordCase::Upper => Value::from(w.to_uppercase()),
            WordCase::Keep => Value::string(w),
        }
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
/// Words never span two packets (a line is a unit). Brackets are forwarded.
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
}

impl Default for Words {
    fn default() -> Self {
        Self { options: OptionPorts::new(&["chars", "case"]), chars: WordChars::default(), case: WordCase::default(), received: 0 }
    }
}

impl Words {
    async fn split_pending(&mut self, ctx: &mut ActorRunContext) -> ActorResult {
        if self.options.take_changed() {
            self.chars = self.options.get("chars").map_or(Ok(WordChars::default()), WordChars::parse)?;
            self.case = self.options.get("case").map_or(Ok(WordCase::default()), WordCase::parse)?;
        }
        while let Some(p) = ctx.take("in") {
            let Packet::Data(v) = p else {
                ctx.send("out", p).await?;
                continue;
            };
            self.received += 1;
            let Some(s) = v.as_str() else {
                let got = v.to_string();
                return Err(ComponentError::BadPacket { port: "in", packet: self.received, expected: "a string", got }.into());
            };
            let chars = self.chars;
            for word in s.split(|c| !chars.contains(c)).filter(|w| !w.is_empty()) {
                ctx.send("out", self.case.apply(word)).await?;
            }
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
