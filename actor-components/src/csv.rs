//! CSV components: `csv/ParseCsv`.
//!
//! CSV is RFC 4180 (<https://www.rfc-editor.org/rfc/rfc4180>); records are
//! parsed with the `csv` crate.

use actor_core::message::Map;
use actor_core::{Actor, ActorResult, ActorRunContext, Packet, PortSpec, PortType, Ports, Registry, Value};

use super::options::{OptionPorts, parse_bool, parse_string, parse_string_list};
use super::values::{parse_scalar, text};
use super::ComponentError;

mod feed;
use feed::Feed;

/// `csv/ParseCsv`: parses lines of CSV text (for example from
/// `fs/ReadLines`) into one object per record, keyed by the header row.
///
/// - The first record of the stream, and the first after each open
///   bracket, is the header; its fields name the fields of every following
///   record. An open bracket's data (`fs/ReadLines` puts the file path
///   there) names the source in error messages. Brackets are forwarded.
/// - A quoted field may span lines: lines are joined (with `\n`) until the
///   record's quotes balance, as RFC 4180 allows.
/// - Blank lines are skipped.
/// - A field equal to one of the `missing` tokens (default `""` and `NA`)
///   becomes `null`. With `numbers` on (the default), a field that is an
///   integer becomes an integer and a finite decimal or exponent number a
///   float; everything else stays a string.
///
/// # Errors
/// [`ComponentError::Csv`] naming the source and line when a record has a
/// different number of fields than the header, or a quoted field is never
/// closed; [`ComponentError::BadPacket`] when `in` receives a non-string;
/// [`ComponentError::BadOption`] for a bad option value.
#[derive(Debug)]
pub struct ParseCsv {
    options: OptionPorts,
    missing: Vec<String>,
    delimiter: u8,
    numbers: bool,
    source: String,
    header: Option<Vec<String>>,
    /// Lines received since the last open bracket.
    line: u64,
    /// The line the record being read starts on.
    pending_line: u64,
    /// Whether the text fed since the last complete record holds an odd
    /// number of quotes, that is, ends inside a quoted field. Kept as lines
    /// arrive, so that each byte is counted once (recounting the whole
    /// record per line made a record spanning many lines, or an unclosed
    /// quote, quadratic).
    open_quote: bool,
    /// One reader for the whole stream, fed line by line (building a
    /// reader per line cost more than parsing the line). Made on first use,
    /// and again after it reads to its end or fails.
    reader: Option<::csv::Reader<Feed>>,
    /// The delimiter `reader` was made with: a new `delimiter` option
    /// takes effect at the next record.
    reader_delimiter: u8,
    record: ::csv::StringRecord,
    received: u64,
}

impl Default for ParseCsv {
    fn default() -> Self {
        Self {
            options: OptionPorts::new(&["missing", "delimiter", "numbers"]),
            missing: vec![String::new(), "NA".to_string()],
            delimiter: b',',
            numbers: true,
            source: "<input>".to_string(),
            header: None,
            line: 0,
            pending_line: 0,
            open_quote: false,
            reader: None,
            reader_delimiter: b',',
            record: ::csv::StringRecord::new(),
            received: 0,
        }
    }
}

impl ParseCsv {
    fn read_options(&mut self) -> Result<(), ComponentError> {
        if let Some(v) = self.options.get("missing") {
            self.missing = parse_string_list("missing", v)?;
        }
        if let Some(v) = self.options.get("delimiter") {
            let s = parse_string("delimiter", v)?;
            match s.as_bytes() {
                [b] if b.is_ascii() && *b != b'"' && *b != b'\n' => self.delimiter = *b,
                _ => return Err(ComponentError::bad_option("delimiter", "one ASCII character other than a quote", v)),
            }
        }
        if let Some(v) = self.options.get("numbers") {
            self.numbers = parse_bool("numbers", v)?;
        }
        Ok(())
    }

    fn error(&self, line: u64, message: String) -> ComponentError {
        ComponentError::Csv { source_name: self.source.clone(), line, message }
    }

    /// Ends a source: an unfinished quoted record is an error.
    fn end_source(&mut self) -> Result<(), ComponentError> {
        if !self.open_quote {
            return Ok(());
        }
        self.open_quote = false;
        self.reader = None; // drops the unfinished record
        Err(self.error(self.pending_line, "a quoted field is never closed".to_string()))
    }

    /// Adds one line (or a packet of several lines); returns the records
    /// it completes, in order.
    ///
    /// Linear in the total input: each line's bytes are scanned once for
    /// quotes and newlines, fed once to the stream's reader, and parsed
    /// once, when the record's quotes balance.
    fn push_line(&mut self, line: &str) -> Result<Vec<Value>, ComponentError> {
        let (mut quotes, mut newlines) = (0usize, 0u64);
        for b in line.bytes() {
            quotes += usize::from(b == b'"');
            newlines += u64::from(b == b'\n');
        }
        let starts_record = !self.open_quote;
        if starts_record {
            self.pending_line = self.line + 1;
        }
        self.line += 1 + newlines;
        if starts_record && line.is_empty() {
            return Ok(Vec::new()); // a blank line
        }
        if starts_record && self.reader_delimiter != self.delimiter {
            self.reader = None;
            self.reader_delimiter = self.delimiter;
        }
        self.open_quote ^= quotes % 2 == 1;
        let delimiter = self.delimiter;
        let reader = self.reader.get_or_insert_with(|| {
            ::csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter).from_reader(Feed::default())
        });
        reader.get_mut().push(line);
        reader.get_mut().push("\n");
        if self.open_quote {
            return Ok(Vec::new());
        }
        // The reader's line count where this text starts: records past the
        // first come from a packet holding several lines.
        let first_line = reader.position().line();
        let mut records = Vec::new();
        while reader.position().byte() < reader.get_ref().pushed() {
            match reader.read_record(&mut self.record) {
                Ok(true) => {}
                Ok(false) => {
                    // Only blank lines were left: the reader took their end
                    // for the end of its input, so the next line gets a new one.
                    self.reader = None;
                    break;
                }
                Err(e) => {
                    self.reader = None;
                    return Err(self.error(self.pending_line, e.to_string()));
                }
            }
            let record = &self.record;
            // The line this record starts on (records past the first come
            // from a packet holding several lines).
            let at = self.pending_line + record.position().map_or(0, |p| p.line().saturating_sub(first_line));
            let Some(header) = &self.header else {
                self.header = Some(record.iter().map(str::to_string).collect());
                continue;
            };
            if record.len() != header.len() {
                let message = format!("the record has {} fields, the header has {}", record.len(), header.len());
                return Err(self.error(at, message));
            }
            let fields: Map = header
                .iter()
                .zip(record.iter())
                .map(|(name, field)| {
                    let value = if self.missing.iter().any(|m| m == field) {
                        Value::Null
                    } else if self.numbers {
                        parse_scalar(field)
                    } else {
                        Value::string(field)
                    };
                    (name.clone(), value)
                })
                .collect();
            records.push(Value::from(fields));
        }
        Ok(records)
    }

    async fn parse_pending(&mut self, ctx: &mut ActorRunContext) -> ActorResult {
        if self.options.take_changed() {
            self.read_options()?;
        }
        while let Some(p) = ctx.take("in") {
            match p {
                Packet::Data(v) => {
                    self.received += 1;
                    let Some(line) = v.as_str() else {
                        let got = v.to_string();
                        return Err(ComponentError::BadPacket { port: "in", packet: self.received, expected: "a line of text", got }.into());
                    };
                    for record in self.push_line(line)? {
                        ctx.send("out", record).await?;
                    }
                }
                Packet::OpenBracket(data) => {
                    self.end_source()?;
                    self.source = data.as_ref().map_or_else(|| "<input>".to_string(), |d| text(d).into_owned());
                    self.header = None;
                    self.line = 0;
                    ctx.send("out", Packet::OpenBracket(data)).await?;
                }
                Packet::CloseBracket(data) => {
                    self.end_source()?;
                    ctx.send("out", Packet::CloseBracket(data)).await?;
                }
            }
        }
        Ok(())
    }
}

impl Actor for ParseCsv {
    fn ports(&self) -> Ports {
        Ports::new()
            .inport(
                PortSpec::new("in")
                    .ty(PortType::String)
                    .required()
                    .describe("CSV lines, header first; an open bracket starts a new file (its data names it)"),
            )
            .inport(PortSpec::new("missing").describe(
                "option: fields that mean a missing value (null): a list or comma-separated string (default: empty and NA)",
            ))
            .inport(PortSpec::new("delimiter").ty(PortType::String).describe("option: the field delimiter (default ,)"))
            .inport(
                PortSpec::new("numbers")
                    .ty(PortType::Boolean)
                    .describe("option: parse numeric fields as numbers (default true)"),
            )
            .outport(PortSpec::new("out").ty(PortType::Object).describe("one object per record, header names as keys"))
    }

    async fn run(&mut self, ctx: &mut ActorRunContext) -> ActorResult {
        if self.options.poll(ctx) {
            self.parse_pending(ctx).await?;
        }
        Ok(())
    }

    async fn finish(&mut self, ctx: &mut ActorRunContext) -> ActorResult {
        self.options.poll(ctx);
        self.parse_pending(ctx).await?;
        self.end_source()?;
        Ok(())
    }
}

pub(super) fn register(r: &mut Registry) {
    r.register("csv/ParseCsv", "Parses CSV lines into objects", |_| Ok(ParseCsv::default()));
}

#[cfg(test)]
mod tests;
