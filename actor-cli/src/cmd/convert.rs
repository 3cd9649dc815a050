//! `actorflow graph convert FILE|- --to json|fbp [--case-sensitive]`
//!
//! The contract of the `.fbp` conformance kit: `.fbp` in, NoFlo graph JSON
//! on stdout, exit 0; on a bad graph, the message on stderr and exit 2.
//! Reading stdin (`-`), the message is worded exactly as the reference
//! parser (npm `fbp` 1.8.0) words it, without a position, so the kit can
//! compare it; reading a file, it starts with `file:line:column:`.

use std::io::Read as _;

use actor_core::Graph;
use actor_core::graph::decode_utf8;
use actor_core::graph::fbp::{self, FbpOptions};
use clap::{Args, ValueEnum};

use crate::stdio::{self, Outcome};

/// Arguments of `graph convert`.
#[derive(Debug, Args)]
pub struct ConvertArgs {
    /// The graph file (`.fbp` or `.json`, by extension), or `-` for stdin
    /// (read as JSON if the whole input is one JSON object, else as `.fbp`).
    pub input: String,
    /// The output format.
    #[arg(long, value_enum)]
    pub to: Format,
    /// Keep `.fbp` port names as written instead of lowercasing them.
    #[arg(long)]
    pub case_sensitive: bool,
}

/// A graph format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// NoFlo graph JSON.
    Json,
    /// The `.fbp` DSL.
    Fbp,
}

pub(crate) fn run(args: &ConvertArgs) -> Outcome {
    match convert(args) {
        Ok(text) => {
            stdio::out(&text)?;
            Ok(crate::EXIT_OK)
        }
        Err(message) => stdio::fail(crate::EXIT_INVALID, &message),
    }
}

fn convert(args: &ConvertArgs) -> Result<String, String> {
    let stdin = args.input == "-";
    let (bytes, file) = if stdin {
        let mut bytes = Vec::new();
        std::io::stdin().read_to_end(&mut bytes).map_err(|e| format!("cannot read stdin: {e}"))?;
        (bytes, None)
    } else {
        let bytes = std::fs::read(&args.input).map_err(|e| format!("{}: cannot read: {e}", args.input))?;
        (bytes, Some(args.input.as_str()))
    };
    let text = decode_utf8(bytes, file.unwrap_or("<stdin>")).map_err(|e| e.to_string())?;
    let is_json = match file {
        // A `.fbp` line may start with a JSON object IIP too: stdin is graph
        // JSON only if the whole text is one JSON value.
        None => text.trim_start().starts_with('{') && serde_json::from_str::<serde_json::Value>(&text).is_ok(),
        Some(f) if f.ends_with(".json") => true,
        Some(f) if f.ends_with(".fbp") => false,
        Some(f) => return Err(format!("{f}: unknown graph format (expected a .fbp or .json file)")),
    };
    let graph = if is_json {
        Graph::from_json_str(&text, file).map_err(|e| e.to_string())?
    } else {
        fbp::parse(&text, FbpOptions { case_sensitive: args.case_sensitive, file })
            .map_err(|e| if stdin { e.reference_message() } else { e.to_string() })?
    };
    match args.to {
        Format::Json => Ok(graph.to_json_string() + "\n"),
        Format::Fbp => graph.to_fbp().map_err(|e| e.to_string()),
    }
}
