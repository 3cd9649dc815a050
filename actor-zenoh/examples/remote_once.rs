//! Runs one variant of the remote connection benchmark once, so that its
//! cost can be counted in instructions, which do not depend on machine load:
//!
//! ```sh
//! cargo build --release -p actor-zenoh --example remote_once
//! valgrind --tool=callgrind target/release/examples/remote_once raw int 2000
//! valgrind --tool=callgrind target/release/examples/remote_once remote int 2000
//! ```
//!
//! Arguments: `raw` (one Zenoh put per packet) or `remote` (a remote
//! connection between two nodes); the payload, `int` or `string` (1 KiB);
//! the number of packets. Opening the sessions and joining the run cost the
//! same whatever the count, so the difference between two counts gives the
//! instructions per packet.
#![allow(dead_code)] // the shared module also serves the benchmark

#[path = "../benches/support/remote.rs"]
mod support;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let usage = "usage: remote_once raw|remote int|string PACKETS";
    let (Some(variant), Some(payload), Some(n)) = (args.get(1), args.get(2), args.get(3)) else {
        eprintln!("{usage}");
        std::process::exit(2);
    };
    let n: u64 = n.parse().unwrap_or_else(|_| panic!("{usage}"));
    let [(_, int), (_, string)] = support::payloads();
    let payload = match payload.as_str() {
        "int" => int,
        "string" => string,
        _ => panic!("{usage}"),
    };
    let pair = support::Pair::new();
    let elapsed = match variant.as_str() {
        "raw" => support::raw(&pair, &payload, n, false),
        "remote" => support::remote(&pair, &payload, n, false),
        _ => panic!("{usage}"),
    };
    println!("{variant} {n} packets: {elapsed:?}");
}
