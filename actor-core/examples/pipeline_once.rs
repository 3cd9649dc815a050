//! Runs one variant of the pipeline benchmark once, on a current-thread
//! runtime, so that its cost can be counted in instructions, which do not
//! depend on machine load:
//!
//! ```sh
//! cargo build --release -p actor-core --example pipeline_once
//! valgrind --tool=callgrind target/release/examples/pipeline_once bare
//! valgrind --tool=callgrind target/release/examples/pipeline_once actorflow
//! ```
//!
//! `bare` is the baseline (bare tokio tasks joined by bounded flume
//! channels); `actorflow` is the same shape as a network of processes.
#![allow(dead_code)] // the shared module also serves the benchmark

#[path = "../benches/support/pipeline.rs"]
mod shapes;

fn main() {
    let rt = tokio::runtime::Builder::new_current_thread().build().expect("a tokio runtime");
    match std::env::args().nth(1).as_deref() {
        Some("bare") => rt.block_on(shapes::run_bare_flume()),
        Some("actorflow") => {
            let (graph, registry) = shapes::pipeline_graph();
            rt.block_on(shapes::run_actorflow(&graph, &registry));
        }
        _ => {
            eprintln!("usage: pipeline_once bare|actorflow");
            std::process::exit(2);
        }
    }
}
