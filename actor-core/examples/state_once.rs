//! Runs one shape of the state benchmark (`benches/state.rs`) many times,
//! so that its cost can be counted in instructions, which do not depend on
//! machine load:
//!
//! ```sh
//! cargo build --release -p actor-core --example state_once
//! valgrind --tool=callgrind target/release/examples/state_once parse_and_set small
//! valgrind --tool=callgrind target/release/examples/state_once set_json_text small
//! valgrind --tool=callgrind target/release/examples/state_once set_per_field 16
//! valgrind --tool=callgrind target/release/examples/state_once stores_then_commit 16
//! ```
//!
//! Each runs 100,000 operations (after as many as it takes to make the
//! data); subtract a run with `0` as a third argument to remove the set-up.
#![allow(dead_code)] // the shared module also serves the benchmark

#[path = "../benches/support/state.rs"]
mod shapes;

use actor_core::LiveMemoryState;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let usage = || -> ! {
        eprintln!("usage: state_once parse_and_set|set_json_text small|medium [ITERATIONS]");
        eprintln!("       state_once set_per_field|stores_then_commit FIELDS [ITERATIONS]");
        std::process::exit(2);
    };
    let (Some(shape), Some(arg)) = (args.get(1), args.get(2)) else { usage() };
    let iterations: usize = match args.get(3) {
        None => 100_000,
        Some(n) => n.parse().unwrap_or_else(|_| usage()),
    };
    match shape.as_str() {
        "parse_and_set" | "set_json_text" => {
            let texts = shapes::texts().into_iter().find(|(name, _)| name == arg).map(|(_, t)| t).unwrap_or_else(|| usage());
            let state = LiveMemoryState::new();
            for i in 0..iterations {
                let text = &texts[i % texts.len()];
                if shape == "parse_and_set" {
                    shapes::parse_and_set(&state, text);
                } else {
                    shapes::set_json_text(&state, text);
                }
            }
        }
        "set_per_field" | "stores_then_commit" => {
            let n: usize = arg.parse().unwrap_or_else(|_| usage());
            let buffer = shapes::buffer(n);
            let cells = shapes::cells(&buffer);
            for i in 0..iterations {
                if shape == "set_per_field" {
                    shapes::set_per_field(&buffer, i as f64);
                } else {
                    shapes::stores_then_commit(&buffer, cells, i as f64);
                }
            }
        }
        _ => usage(),
    }
}
