//! The `actorflow` binary; everything is in the library so tests can drive it.

/// mimalloc as the allocator: a run sends millions of small packets (a
/// string each), allocated in one process and freed in another, often on
/// another worker thread, batches at a time: glibc's malloc serves that
/// pattern from its slow path (wordcount's CPU time, `BENCHMARKS.md`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    actor_cli::main()
}
