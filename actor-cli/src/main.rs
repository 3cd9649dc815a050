//! The `actorflow` binary; everything is in the library so tests can drive it.
use clap::Parser as _;

/// mimalloc as the allocator: a run sends millions of small packets (a
/// string each), allocated in one process and freed in another, often on
/// another worker thread; glibc's malloc spends a fifth of wordcount's
/// time on that pattern (`BENCHMARKS.md`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    actor_cli::lib_main(actor_cli::Args::parse())
}
