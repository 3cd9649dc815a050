//! The inputs of `benches/csv.rs` and the network that parses them, shared
//! with `examples/csv_once.rs` (which runs one of them once for callgrind).

use std::hint::black_box;
use std::sync::Arc;

use actor_core::{Actor, ActorResult, ActorRunContext, Graph, Network, NetworkOptions, PortRef, PortSpec, Ports, Value};

/// Sizes of the input, in bytes.
pub(crate) const SIZES: [usize; 4] = [512 * 1024, 1024 * 1024, 2 * 1024 * 1024, 4 * 1024 * 1024];

/// Sends its lines, then ends.
struct Lines(Arc<Vec<Value>>);
impl Actor for Lines {
    fn ports(&self) -> Ports {
        Ports::new().outport(PortSpec::new("out"))
    }
    async fn run(&mut self, ctx: &mut ActorRunContext) -> ActorResult {
        for l in self.0.iter() {
            ctx.send("out", l.clone()).await?;
        }
        Ok(())
    }
}

/// Counts the records it receives.
struct Count(Arc<std::sync::atomic::AtomicUsize>);
impl Actor for Count {
    fn ports(&self) -> Ports {
        Ports::new().inport(PortSpec::new("in"))
    }
    async fn run(&mut self, ctx: &mut ActorRunContext) -> ActorResult {
        while let Some(p) = ctx.take("in") {
            black_box(p);
            self.0.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
        Ok(())
    }
}

/// What the input looks like.
#[derive(Clone, Copy)]
pub(crate) enum Shape {
    /// `id,text` records of one line each.
    Plain,
    /// A header, then one record whose quoted field spans every other line.
    SpanningField,
    /// A header, then a quote opened on line 2 and never closed.
    UnclosedQuote,
}

/// Lines of about 60 bytes making `size` bytes of CSV of `shape`.
pub(crate) fn lines(shape: Shape, size: usize) -> Vec<Value> {
    let mut out = vec![Value::string("id,text")];
    let mut bytes = 8;
    let mut i = 0usize;
    while bytes < size {
        let line = match (shape, i) {
            (Shape::Plain, _) => format!("{i},some words of text in a field number {i:>12}"),
            (_, 0) => "1,\"a field that goes on for many lines, with \"\"quotes\"\"".to_string(),
            (_, _) => format!("line {i:>10} of the field, with a comma, and \"\"quotes\"\""),
        };
        bytes += line.len() + 1;
        out.push(Value::from(line));
        i += 1;
    }
    if let Shape::SpanningField = shape {
        out.push(Value::string("end of the field\""));
    }
    out
}

/// Runs `lines -> csv/ParseCsv -> count` once; returns the records counted
/// and whether the run failed.
pub(crate) fn parse(rt: &tokio::runtime::Runtime, input: &Arc<Vec<Value>>) -> (usize, bool) {
    let counted = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let mut r = actor_components::standard();
    let (src, sink) = (input.clone(), counted.clone());
    r.register("bench/Lines", "", move |_| Ok(Lines(src.clone())));
    r.register("bench/Count", "", move |_| Ok(Count(sink.clone())));
    let mut g = Graph::new();
    g.add_process("lines", "bench/Lines").add_process("parse", "csv/ParseCsv").add_process("count", "bench/Count");
    g.connect(PortRef::new("lines", "out"), PortRef::new("parse", "in"));
    g.connect(PortRef::new("parse", "out"), PortRef::new("count", "in"));
    let result = rt.block_on(async { Network::new(&g, &r, NetworkOptions::default()).expect("builds").run().await });
    (counted.load(std::sync::atomic::Ordering::Relaxed), result.is_err())
}

