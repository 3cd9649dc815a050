//! Runs one variant of the pipeline and ping-pong benchmarks once, on a
//! current-thread runtime, so that its cost can be counted in
//! instructions, which do not depend on machine load:
//!
//! ```sh
//! cargo build --release -p actor-core --example pipeline_once
//! valgrind --tool=callgrind target/release/examples/pipeline_once bare
//! valgrind --tool=callgrind target/release/examples/pipeline_once actorflow
//! ```
//!
//! The variants (see `benches/support/pipeline.rs`):
//! - `bare`, `actorflow`, `actorflow-per-packet`: the 5-stage pipeline (P1);
//! - `bare-batched`, `actorflow-batched`: the batched pipeline (P2);
//! - `bare-pingpong`, `actorflow-pingpong`: ping-pong between two processes.
#![allow(dead_code)] // the shared module also serves the benchmarks

#[path = "../benches/support/pipeline.rs"]
mod shapes;

use shapes::Pipeline;

fn main() {
    let rt = tokio::runtime::Builder::new_current_thread().build().expect("a tokio runtime");
    let pipeline = |shape| {
        let (graph, registry) = shapes::pipeline_graph(shape);
        rt.block_on(shapes::run_actorflow(&graph, &registry));
    };
    match std::env::args().nth(1).as_deref() {
        Some("bare") => rt.block_on(shapes::run_bare_flume()),
        Some("actorflow") => pipeline(Pipeline::Repeat),
        Some("actorflow-per-packet") => pipeline(Pipeline::PerPacket),
        Some("bare-batched") => rt.block_on(shapes::run_bare_flume_batched()),
        Some("actorflow-batched") => pipeline(Pipeline::Batched),
        Some("bare-pingpong") => rt.block_on(shapes::run_bare_pingpong()),
        Some("actorflow-pingpong") => {
            let (graph, registry) = shapes::pingpong_graph();
            rt.block_on(shapes::run_actorflow(&graph, &registry));
        }
        _ => {
            eprintln!(
                "usage: pipeline_once bare|actorflow|actorflow-per-packet|bare-batched|actorflow-batched|bare-pingpong|actorflow-pingpong"
            );
            std::process::exit(2);
        }
    }
}
