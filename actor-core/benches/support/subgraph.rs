//! The shapes of `benches/subgraph.rs` and `examples/subgraph_once.rs`:
//! chains of `core/Repeat` processes written flat, as instances of a
//! subgraph, and nested, with a source and a sink around them.

use std::hint::black_box;

use actor_core::{Actor, ActorResult, ActorRunContext, Graph, Network, NetworkOptions, PortRef, PortSpec, Ports, Registry, Value};

/// Packets per run.
pub(crate) const PACKETS: i64 = 100_000;

struct Source;
impl Actor for Source {
    fn ports(&self) -> Ports {
        Ports::new().outport(PortSpec::new("out"))
    }
    async fn run(&mut self, ctx: &mut ActorRunContext) -> ActorResult {
        for i in 0..PACKETS {
            ctx.send("out", Value::Int(i)).await?;
        }
        Ok(())
    }
}

struct Sink(i64);
impl Actor for Sink {
    fn ports(&self) -> Ports {
        Ports::new().inport(PortSpec::new("in"))
    }
    async fn run(&mut self, ctx: &mut ActorRunContext) -> ActorResult {
        while let Some(p) = ctx.take("in") {
            self.0 += 1;
            black_box(p);
        }
        Ok(())
    }
    async fn finish(&mut self, _ctx: &mut ActorRunContext) -> ActorResult {
        assert_eq!(self.0, PACKETS);
        Ok(())
    }
}

fn port(process: &str, port: &str) -> PortRef {
    PortRef::new(process, port)
}

/// `n` processes of `component` in a row, named `p0`, `p1`...
fn chain(g: &mut Graph, n: usize, component: &str) {
    for i in 0..n {
        g.add_process(format!("p{i}"), component);
    }
    for i in 1..n {
        g.connect(port(&format!("p{}", i - 1), "out"), port(&format!("p{i}"), "in"));
    }
}

/// A subgraph: `n` processes of `component` in a row, exported as `in` and `out`.
fn relay_graph(n: usize, component: &str) -> Graph {
    let mut g = Graph::new();
    chain(&mut g, n, component);
    g.export_inport("in", "p0", "in").export_outport("out", format!("p{}", n - 1), "out");
    g
}

/// Source, then a chain of `n` processes of `component`, then sink.
pub(crate) fn main_graph(n: usize, component: &str) -> Graph {
    let mut g = Graph::new();
    g.add_process("src", "bench/Source");
    chain(&mut g, n, component);
    g.add_process("sink", "bench/Sink");
    g.connect(port("src", "out"), port("p0", "in"));
    g.connect(port(&format!("p{}", n - 1), "out"), port("sink", "in"));
    g
}

/// The network of `main_graph(outer, "bench/R{inner}")` written out by
/// hand: instance `pI`'s processes named `pI/pJ`, in the order inlining
/// gives them (each instance's connections first, then the outer graph's).
pub(crate) fn inlined(outer: usize, inner: usize) -> Graph {
    let mut g = Graph::new();
    g.add_process("src", "bench/Source");
    for i in 0..outer {
        for j in 0..inner {
            g.add_process(format!("p{i}/p{j}"), "core/Repeat");
        }
    }
    g.add_process("sink", "bench/Sink");
    for i in 0..outer {
        for j in 1..inner {
            g.connect(port(&format!("p{i}/p{}", j - 1), "out"), port(&format!("p{i}/p{j}"), "in"));
        }
    }
    for i in 1..outer {
        g.connect(port(&format!("p{}/p{}", i - 1, inner - 1), "out"), port(&format!("p{i}/p0"), "in"));
    }
    g.connect(port("src", "out"), port("p0/p0", "in"));
    g.connect(port(&format!("p{}/p{}", outer - 1, inner - 1), "out"), port("sink", "in"));
    g
}

/// The standard components, `bench/Source` (sends [`PACKETS`] numbers),
/// `bench/Sink` (counts them), and the subgraphs `bench/R16` and `bench/R4`
/// (16 and 4 `core/Repeat` in a row) and `bench/N3` (four levels of
/// four-way nesting: 256 `core/Repeat`).
pub(crate) fn registry() -> Registry {
    let mut r = actor_components::standard();
    r.register("bench/Source", "", |_| Ok(Source));
    r.register("bench/Sink", "", |_| Ok(Sink(0)));
    r.register_graph("bench/R16", relay_graph(16, "core/Repeat"));
    r.register_graph("bench/R4", relay_graph(4, "core/Repeat"));
    // Four levels of four-way nesting: 4^4 = 256 processes.
    r.register_graph("bench/N1", relay_graph(4, "bench/R4"));
    r.register_graph("bench/N2", relay_graph(4, "bench/N1"));
    r.register_graph("bench/N3", relay_graph(4, "bench/N2"));
    for e in r.iter() {
        assert!(e.problems().is_empty(), "{}: {:?}", e.spec.name, e.problems());
    }
    r
}

/// Runs `graph` once with `registry` on `rt`.
pub(crate) fn run(rt: &tokio::runtime::Runtime, graph: &Graph, registry: &Registry) {
    rt.block_on(async { Network::new(graph, registry, NetworkOptions::default()).unwrap().run().await.unwrap() });
}

