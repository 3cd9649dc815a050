//! Whole-program benchmark: `actorflow run graphs/wordcount.fbp` on a large
//! text against a plain single-threaded Rust word count, in the same run.
//!
//! ```sh
//! cargo bench -p actor-cli --bench wordcount                  # 200 MB, 3 rounds
//! cargo bench -p actor-cli --bench wordcount -- --mb 50 --rounds 5
//! ```
//!
//! 1. Generates the text (`--mb` megabytes, default 200) by repeating the
//!    licence texts under `/usr/share/common-licenses` (all ASCII), in the
//!    system's temporary directory; removes it at the end.
//! 2. Each round runs, one after the other, each in its own child process:
//!    - `baseline`: [`baseline`] below (this same binary, `--baseline FILE`):
//!      a `BufReader`, words split on non-alphanumeric ASCII, lowercased,
//!      counted in a std `HashMap<String, u64>`, sorted;
//!    - `current-thread`: `actorflow run graphs/wordcount.fbp --runtime current-thread`;
//!    - `multi-thread`: `actorflow run ... --runtime multi-thread --workers 2`.
//!
//!    The graph runs with `--set top.count=100000000`, so that it prints
//!    every distinct word with its count, not only the top ten. Every
//!    output must equal the baseline's byte for byte, or the benchmark
//!    fails.
//! 3. Prints, per variant, the median wall time, the median of the
//!    per-round ratios to the baseline of the same round, the median CPU
//!    time (user + system) and the largest max RSS (from `wait4`'s
//!    `rusage`), as a Markdown table for `BENCHMARKS.md`.
//!
//! Without `--bench` (as `cargo test --all-targets` runs it) it does one
//! round on 2 MB, which checks the outputs and takes a few seconds.
//!
//! The `actorflow` binary is the one cargo builds for this benchmark (the
//! `bench` profile: release). Linux only (`wait4`).

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The licence texts the benchmark repeats into its input.
const LICENCES: &str = "/usr/share/common-licenses";

/// The baseline: counts the words of `path` and writes every distinct word
/// as `COUNT WORD`, most frequent first, ties in ascending byte order: the
/// output of `graphs/wordcount.fbp` with every word taken.
fn baseline(path: &Path, out: &mut impl Write) -> std::io::Result<()> {
    let mut reader = BufReader::new(File::open(path)?);
    let mut counts: HashMap<String, u64> = HashMap::new();
    let mut line = String::new();
    while reader.read_line(&mut line)? > 0 {
        for word in line.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()) {
            *counts.entry(word.to_ascii_lowercase()).or_insert(0) += 1;
        }
        line.clear();
    }
    let mut sorted: Vec<(String, u64)> = counts.into_iter().collect();
    sorted.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    for (word, count) in sorted {
        writeln!(out, "{count} {word}")?;
    }
    out.flush()
}

/// One variant of a round: what it is called and the command that runs it.
struct Variant {
    name: &'static str,
    command: Command,
}

/// What one child process took.
struct Run {
    wall: Duration,
    cpu: Duration,
    max_rss_kib: u64,
    stdout: Vec<u8>,
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--baseline") {
        let path = args.get(i + 1).map(PathBuf::from).unwrap_or_else(|| fail("--baseline needs a file"));
        let stdout = std::io::stdout();
        if let Err(e) = baseline(&path, &mut BufWriter::new(stdout.lock())) {
            fail(&format!("baseline on {}: {e}", path.display()));
        }
        return;
    }
    // `cargo bench` passes --bench; `cargo test --all-targets` does not, and
    // then a small run checks that the outputs still agree.
    let benching = args.iter().any(|a| a == "--bench");
    let mb: u64 = flag(&args, "--mb").unwrap_or(if benching { 200 } else { 2 });
    let rounds: usize = flag(&args, "--rounds").unwrap_or(if benching { 3 } else { 1 });
    if rounds == 0 || mb == 0 {
        fail("--mb and --rounds must be at least 1");
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("actor-cli sits in the workspace");
    let graph = root.join("graphs/wordcount.fbp");
    let text = std::env::temp_dir().join(format!("actorflow-wordcount-{}-{mb}MB.txt", std::process::id()));
    generate(&text, mb * 1_000_000).unwrap_or_else(|e| fail(&format!("cannot write {}: {e}", text.display())));
    let result = std::panic::catch_unwind(|| measure(&graph, &text, mb, rounds));
    let _ = std::fs::remove_file(&text);
    if let Err(panic) = result {
        std::panic::resume_unwind(panic);
    }
}

fn measure(graph: &Path, text: &Path, mb: u64, rounds: usize) {
    let me = std::env::current_exe().expect("the benchmark's own path");
    let actorflow = env!("CARGO_BIN_EXE_actorflow");
    let variants = || {
        let mut baseline = Command::new(&me);
        baseline.arg("--baseline").arg(text);
        let run = |runtime: &str| {
            let mut c = Command::new(actorflow);
            c.arg("run").arg(graph).arg("--quiet").arg("--runtime").arg(runtime);
            c.arg("--set").arg(format!("read.in={}", text.display()));
            c.arg("--set").arg("top.count=100000000");
            if runtime == "multi-thread" {
                c.arg("--workers").arg("2");
            }
            c
        };
        vec![
            Variant { name: "baseline (plain Rust, 1 thread)", command: baseline },
            Variant { name: "actorflow current-thread", command: run("current-thread") },
            Variant { name: "actorflow multi-thread (2 workers)", command: run("multi-thread") },
        ]
    };
    let names: Vec<&str> = variants().iter().map(|v| v.name).collect();
    let mut runs: Vec<Vec<Run>> = names.iter().map(|_| Vec::new()).collect();
    for round in 0..rounds {
        for (i, mut v) in variants().into_iter().enumerate() {
            let run = run_child(&mut v.command).unwrap_or_else(|e| fail(&format!("{}: {e}", v.name)));
            eprintln!(
                "round {}/{rounds} {:<36} {:>8.2} s wall {:>8.2} s cpu {:>8} KiB max RSS",
                round + 1,
                v.name,
                run.wall.as_secs_f64(),
                run.cpu.as_secs_f64(),
                run.max_rss_kib
            );
            if i > 0 && run.stdout != runs[0][round].stdout {
                fail(&format!("{}: its output differs from the baseline's (round {})", v.name, round + 1));
            }
            runs[i].push(run);
        }
    }
    let words = String::from_utf8_lossy(&runs[0][0].stdout).lines().count();
    println!("\nwordcount, {mb} MB of text ({words} distinct words), {rounds} rounds; outputs identical to the baseline's\n");
    println!("| variant | wall (median) | ratio to baseline (median of rounds) | CPU user+sys (median) | max RSS |");
    println!("|---|---|---|---|---|");
    for (i, name) in names.iter().enumerate() {
        let wall = median(runs[i].iter().map(|r| r.wall.as_secs_f64()).collect());
        let cpu = median(runs[i].iter().map(|r| r.cpu.as_secs_f64()).collect());
        let ratio = median(runs[i].iter().zip(&runs[0]).map(|(r, b)| r.wall.as_secs_f64() / b.wall.as_secs_f64()).collect());
        let rss = runs[i].iter().map(|r| r.max_rss_kib).max().unwrap_or(0);
        println!("| {name} | {wall:.2} s | **{ratio:.2}x** | {cpu:.2} s | {:.1} MiB |", rss as f64 / 1024.0);
    }
}

/// Runs `command` to its end, with stdout captured, and measures it.
fn run_child(command: &mut Command) -> Result<Run, String> {
    let start = Instant::now();
    let mut child = command.stdout(Stdio::piped()).stderr(Stdio::inherit()).spawn().map_err(|e| e.to_string())?;
    let mut stdout = Vec::new();
    std::io::Read::read_to_end(&mut child.stdout.take().expect("piped stdout"), &mut stdout).map_err(|e| e.to_string())?;
    let (status, usage) = wait4(child.id())?;
    let wall = start.elapsed();
    if status != 0 {
        return Err(format!("exited with wait status {status}"));
    }
    let tv = |t: libc::timeval| Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64);
    Ok(Run {
        wall,
        cpu: tv(usage.ru_utime) + tv(usage.ru_stime),
        // Linux reports ru_maxrss in KiB.
        max_rss_kib: usage.ru_maxrss as u64,
        stdout,
    })
}

/// Waits for child `pid` and returns its wait status and resource usage.
fn wait4(pid: u32) -> Result<(i32, libc::rusage), String> {
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value of this plain C struct.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `pid` is our own child, not yet waited for (std's `Child`
    // handle is never waited on); `status` and `usage` are valid for writes.
    let r = unsafe { libc::wait4(pid as libc::pid_t, &mut status, 0, &mut usage) };
    if r < 0 {
        return Err(format!("wait4: {}", std::io::Error::last_os_error()));
    }
    Ok((status, usage))
}

/// Writes at least `bytes` bytes of text to `path`: the licence texts,
/// repeated whole, in name order.
fn generate(path: &Path, bytes: u64) -> std::io::Result<()> {
    let mut names: Vec<PathBuf> = std::fs::read_dir(LICENCES)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && !p.is_symlink())
        .collect();
    names.sort();
    let mut corpus = Vec::new();
    for name in &names {
        corpus.extend(std::fs::read(name)?);
    }
    if corpus.is_empty() || !corpus.is_ascii() {
        return Err(std::io::Error::other(format!("{LICENCES} holds no licence text, or non-ASCII text")));
    }
    let mut out = BufWriter::new(File::create(path)?);
    let mut written = 0;
    while written < bytes {
        out.write_all(&corpus)?;
        written += corpus.len() as u64;
    }
    out.flush()
}

fn flag<T: std::str::FromStr>(args: &[String], name: &str) -> Option<T> {
    let i = args.iter().position(|a| a == name)?;
    let v = args.get(i + 1).unwrap_or_else(|| fail(&format!("{name} needs a value")));
    Some(v.parse().unwrap_or_else(|_| fail(&format!("{name}: not a number: {v}"))))
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    let n = xs.len();
    if n % 2 == 1 { xs[n / 2] } else { (xs[n / 2 - 1] + xs[n / 2]) / 2.0 }
}

fn fail(msg: &str) -> ! {
    eprintln!("wordcount bench: {msg}");
    std::process::exit(1);
}
