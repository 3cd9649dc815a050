//! Runs one input of the CSV benchmark through `csv/ParseCsv` once, so that
//! its cost can be counted in instructions, which do not depend on machine
//! load:
//!
//! ```sh
//! cargo build --release -p actor-components --example csv_once
//! valgrind --tool=callgrind target/release/examples/csv_once spanning_field 4096
//! ```
//!
//! Shapes: `plain`, `spanning_field`, `unclosed_quote`; the size is in KiB.
//! `build` after the size makes the input and parses nothing: subtract its
//! count to get the parse's own.
#![allow(dead_code)] // the shared module also serves the benchmark

use std::sync::Arc;

#[path = "../benches/support/csv.rs"]
mod shapes;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let shape = match args.first().map(String::as_str) {
        Some("plain") => shapes::Shape::Plain,
        Some("spanning_field") => shapes::Shape::SpanningField,
        Some("unclosed_quote") => shapes::Shape::UnclosedQuote,
        _ => usage(),
    };
    let Some(kib) = args.get(1).and_then(|k| k.parse::<usize>().ok()) else { usage() };
    let input = Arc::new(shapes::lines(shape, kib * 1024));
    if args.get(2).map(String::as_str) == Some("build") {
        return;
    }
    let rt = tokio::runtime::Builder::new_current_thread().build().expect("a tokio runtime");
    let (records, failed) = shapes::parse(&rt, &input);
    println!("{} lines: {records} records, failed: {failed}", input.len());
}

fn usage() -> ! {
    eprintln!("usage: csv_once plain|spanning_field|unclosed_quote SIZE_KIB [build]");
    std::process::exit(2);
}
