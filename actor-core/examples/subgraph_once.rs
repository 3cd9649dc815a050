//! Runs one variant of the subgraph benchmark, on a current-thread
//! runtime, so that its cost can be counted in instructions, which do not
//! depend on machine load:
//!
//! ```sh
//! cargo build --release -p actor-core --example subgraph_once
//! valgrind --tool=callgrind target/release/examples/subgraph_once validate flat
//! valgrind --tool=callgrind target/release/examples/subgraph_once run 4x4
//! ```
//!
//! `validate flat|16x16|4x4x4x4 [N]` validates 256 `core/Repeat`
//! processes N times (default 100; 0 counts the setup alone): written flat (the baseline), as 16 instances of a
//! 16-process subgraph, or nested four levels deep. `run flat|4x4` runs
//! 100,000 packets once through 16 processes written flat (the baseline)
//! or as 4 instances of a 4-process subgraph. Every variant first builds
//! the registry (which checks its graphs), so compare against the flat
//! variant of the same command.
#![allow(dead_code)] // the shared module also serves the benchmark

#[path = "../benches/support/subgraph.rs"]
mod shapes;

use std::hint::black_box;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let r = shapes::registry();
    let graph = match (args.first().map(String::as_str), args.get(1).map(String::as_str)) {
        (Some("validate"), Some("flat")) => shapes::inlined(16, 16),
        (Some("validate"), Some("16x16")) => shapes::main_graph(16, "bench/R16"),
        (Some("validate"), Some("4x4x4x4")) => shapes::main_graph(1, "bench/N3"),
        (Some("run"), Some("flat")) => shapes::inlined(4, 4),
        (Some("run"), Some("4x4")) => shapes::main_graph(4, "bench/R4"),
        _ => {
            eprintln!("usage: subgraph_once validate flat|16x16|4x4x4x4 [N] | run flat|4x4");
            std::process::exit(2);
        }
    };
    if args[0] == "validate" {
        let times: usize = args.get(2).map_or(Ok(100), |n| n.parse()).unwrap_or_else(|e| {
            eprintln!("N: {e}");
            std::process::exit(2);
        });
        for _ in 0..times {
            black_box(actor_core::graph::validate(black_box(&graph), &r).unwrap());
        }
    } else {
        let rt = tokio::runtime::Builder::new_current_thread().build().expect("a tokio runtime");
        shapes::run(&rt, &graph, &r);
    }
}
