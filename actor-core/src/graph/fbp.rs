//! The `.fbp` DSL: reading ([`parse`]) and writing ([`write()`]).
//!
//! The language is the one of the reference parser, npm `fbp` 1.8.0
//! (<https://github.com/flowbased/fbp>, `grammar/fbp.peg`), with its exact
//! semantics and error messages:
//!
//! ```text
//! # @name Example            annotations become graph properties (@runtime: environment.type)
//! INPORT=Read.IN:FILENAME    exported ports (lowercased unless case-sensitive)
//! 'file.txt' -> IN Read(ReadFile:k=v,x=10)
//! Read OUT -> IN Split(Split) OUT[1] -> IN Display(core/Output)
//! ```
//!
//! - Port names are lowercased unless the graph is case-sensitive; process
//!   names keep their case.
//! - `name(Comp:k=v,flag)` declares a process with metadata (`flag` becomes
//!   `routes`; `x` and `y` become numbers); `(Comp)` alone declares an
//!   anonymous process `_Comp_1`.
//! - A missing port is the default inport `IN` or outport `OUT`
//!   (`DEFAULT_INPORT=` and `DEFAULT_OUTPORT=` change them).
//! - IIPs are `'text'` (`\'` escapes a quote) or any JSON value.
//!
//! Parsing records where each process, connection end, IIP and exported
//! port was written ([`SourceMap`](super::SourceMap), 1-based lines and
//! columns in characters).

mod builder;
mod cursor;
mod error;
mod grammar;
mod js;
mod json_text;
mod parse;
mod writer;

#[cfg(test)]
mod tests;

pub use error::{FbpError, FbpErrorKind};
pub use parse::{FbpOptions, parse};
pub use writer::{FbpWriteError, write};
