//! Runs one shape of the reactive benchmark in one library, a fixed number
//! of updates, so that its cost can be counted in instructions, which do
//! not depend on machine load:
//!
//! ```sh
//! cargo build --release -p actor-core --example reactive_once
//! valgrind --tool=callgrind target/release/examples/reactive_once deep actorflow
//! valgrind --tool=callgrind target/release/examples/reactive_once deep alien
//! ```
//!
//! Shapes: `deep` (a chain of 50 deriveds and an effect, 20,000 updates) and
//! `broad` (1,000 deriveds of one signal, an effect on each, 1,000 updates).
//! Libraries: `actorflow` and `alien` (alien-signals 0.1.4). `build` builds
//! the graph and makes no update: subtract its count to get the updates' own.
#![allow(dead_code)] // the shared module also serves the benchmark

#[path = "../benches/support/reactive.rs"]
mod shapes;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (shape, library, updates) = match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        [shape @ ("deep" | "broad"), library @ ("actorflow" | "alien")] => (shape, library, true),
        [shape @ ("deep" | "broad"), library @ ("actorflow" | "alien"), "build"] => (shape, library, false),
        _ => {
            eprintln!("usage: reactive_once deep|broad actorflow|alien [build]");
            std::process::exit(2);
        }
    };
    let mut built = match (shape, library) {
        ("deep", "actorflow") => shapes::deep_actorflow(),
        ("deep", _) => shapes::deep_alien(),
        ("broad", "actorflow") => shapes::broad_actorflow(),
        _ => shapes::broad_alien(),
    };
    if !updates {
        return;
    }
    let n = if shape == "deep" { 20_000 } else { 1_000 };
    for i in 1..=n {
        let before = built.sink();
        (built.update)(std::hint::black_box(i));
        let ok = match shape {
            "deep" => built.sink() == shapes::deep_expected(i),
            _ => built.sink() - before == shapes::broad_increment(i),
        };
        assert!(ok, "{shape} {library}: wrong sink after update {i}");
    }
    println!("{shape} {library}: {n} updates, sink {}", built.sink());
}
