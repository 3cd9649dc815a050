//! Every run of `actorflow run` ends honestly, driven as a user would:
//! SIGINT and SIGTERM stop a self-loop with exit 130 and 143; a second
//! signal, or a network that does not stop within the grace period, exits
//! at once; a deadlocked cycle exits 1 naming it; a failed reader leaves no
//! partial count in the output file (unless the graph opts out).
#![cfg(unix)]

use std::io::{BufRead as _, BufReader, Read as _};
use std::path::PathBuf;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use actor_cli::{RunArgs, RuntimeFlavor, run_with_registry};
use actor_core::{ActorRunContext, PortSpec, Ports, Registry};
use rustix::process::{Pid, Signal, kill_process};

/// Guards against hangs only.
const HANG_GUARD: Duration = Duration::from_secs(60);

fn file(name: &str, bytes: &[u8]) -> String {
    let path: PathBuf = [env!("CARGO_TARGET_TMPDIR"), name].iter().collect();
    std::fs::write(&path, bytes).unwrap();
    path.display().to_string()
}

fn actorflow(args: &[&str]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_actorflow"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts")
}

fn signal(child: &Child, sig: Signal) {
    let pid = Pid::from_raw(i32::try_from(child.id()).unwrap()).unwrap();
    kill_process(pid, sig).unwrap_or_else(|e| panic!("kill({pid:?}, {sig:?}): {e}"));
}

/// Waits for `child` to exit, at most `limit`; `None` if it is still running.
fn wait_at_most(child: &mut Child, limit: Duration) -> Option<ExitStatus> {
    let start = Instant::now();
    while start.elapsed() < limit {
        if let Some(status) = child.try_wait().unwrap() {
            return Some(status);
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    None
}

/// Waits until `child` listens for signals: its `actorflow-signals` thread
/// exists (Linux's `/proc`), which it starts just before the network.
fn wait_for_signal_handlers(child: &Child) {
    let tasks = format!("/proc/{}/task", child.id());
    let start = Instant::now();
    while start.elapsed() < HANG_GUARD {
        let listening = std::fs::read_dir(&tasks).into_iter().flatten().flatten().any(|task| {
            std::fs::read_to_string(task.path().join("comm")).is_ok_and(|comm| comm.starts_with("actorflow-sig"))
        });
        if listening {
            return;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    panic!("the run never started listening for signals");
}

fn stderr_of(child: &mut Child) -> String {
    let mut text = String::new();
    child.stderr.take().unwrap().read_to_string(&mut text).unwrap();
    text
}

#[test]
fn sigint_and_sigterm_stop_a_self_loop_with_exit_130_and_143() {
    let graph = file("selfloop.fbp", b"'x' -> IN a(core/Repeat)\na OUT -> IN a\n");
    for runtime in ["current-thread", "multi-thread"] {
        for (sig, name, code) in [(Signal::INT, "SIGINT", 130), (Signal::TERM, "SIGTERM", 143)] {
            let mut child = actorflow(&["run", &graph, "--runtime", runtime, "--quiet"]);
            wait_for_signal_handlers(&child);
            std::thread::sleep(Duration::from_millis(100));
            assert!(child.try_wait().unwrap().is_none(), "a self-loop runs until stopped");
            signal(&child, sig);
            // Well within the 5 s grace period: the network stopped itself.
            let status = wait_at_most(&mut child, Duration::from_secs(4)).unwrap_or_else(|| {
                let _ = child.kill();
                panic!("{runtime}: still running 4 s after {name}")
            });
            let stderr = stderr_of(&mut child);
            assert_eq!(status.code(), Some(code), "{runtime} {name}: {stderr}");
            assert!(stderr.contains(&format!("interrupted by {name}; the network was stopped")), "{stderr}");
            assert!(!stderr.contains("did not stop within"), "{stderr}");
        }
    }
}

#[test]
fn a_cycle_whose_packets_multiply_exits_1_naming_the_deadlock() {
    let graph = file(
        "multiply.fbp",
        b"'x' -> IN a(core/Repeat)\na OUT -> IN b(core/Repeat)\na OUT -> IN c(core/Repeat)\nb OUT -> IN a\nc OUT -> IN a\n",
    );
    let mut child = actorflow(&["run", &graph]);
    let status = wait_at_most(&mut child, HANG_GUARD).expect("the deadlock ends the run");
    let stderr = stderr_of(&mut child);
    assert_eq!(status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("error: deadlock: the processes on the cycle a -> "), "{stderr}");
    assert!(stderr.contains("each wait to send on a full connection"), "{stderr}");
    assert!(stderr.contains("a.out -> b.in") || stderr.contains("a.out -> c.in"), "{stderr}");
}

/// `read(fs/ReadLines)` of a file whose 4th line is not UTF-8, counted by
/// `group/Count`, written by `fs/WriteLines` to `out`; `read_meta` is
/// `read`'s metadata in `.fbp` (with its leading `:`), or empty.
fn failing_reader_graph(name: &str, read_meta: &str) -> (String, String) {
    let input = file(&format!("{name}.txt"), b"a\nb\na\n\xff\xfe\nc\n");
    let out = file(&format!("{name}.out"), b"the previous result\n");
    let graph = file(
        &format!("{name}.fbp"),
        format!(
            "read(fs/ReadLines{read_meta})\n'{input}' -> IN read\nread OUT -> IN count(group/Count)\ncount OUT -> IN write(fs/WriteLines)\n'{out}' -> FILE write\n"
        )
        .as_bytes(),
    );
    (graph, out)
}

#[test]
fn a_failed_reader_leaves_no_partial_count_in_the_output_file() {
    let (graph, out) = failing_reader_graph("truncated", "");
    let mut child = actorflow(&["run", &graph]);
    let status = wait_at_most(&mut child, HANG_GUARD).expect("the run ends");
    let stderr = stderr_of(&mut child);
    assert_eq!(status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("process \"read\" (fs/ReadLines) failed:"), "{stderr}");
    assert!(stderr.contains("not valid UTF-8"), "{stderr}");
    // No count from the three lines read before the failure: Count never
    // finished, so the writer never renamed a new file into place, and the
    // previous result is untouched.
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "the previous result\n");
}

#[test]
fn on_failure_finish_downstream_writes_the_partial_count_and_still_exits_1() {
    let (graph, out) = failing_reader_graph("partial", ":on_failure=finish_downstream");
    let mut child = actorflow(&["run", &graph]);
    let status = wait_at_most(&mut child, HANG_GUARD).expect("the run ends");
    let stderr = stderr_of(&mut child);
    assert_eq!(status.code(), Some(1), "{stderr}");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "{\"value\":\"a\",\"count\":2}\n{\"value\":\"b\",\"count\":1}\n");
}

#[test]
fn validate_rejects_an_invalid_restart_policy_with_its_position() {
    let graph = file("policy.fbp", b"'x' -> IN a(core/Repeat)\nb(core/Repeat:restart=sometimes)\na OUT -> IN b\n");
    let output = Command::new(env!("CARGO_BIN_EXE_actorflow")).args(["validate", &graph]).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    let expected = format!(r#"{graph}:2:1: process "b" (core/Repeat): metadata restart: expected "never" or "on_failure", got "sometimes""#);
    assert!(stderr.contains(&expected), "{stderr}");
}

// A process that never returns to the runtime cannot be stopped
// cooperatively. The tests below run `run_with_registry` with such a
// process in a child: this test binary itself, started with
// `CHILD_SPIN=1 --ignored --exact child_spinning_run`.

const CHILD_ENV: &str = "ACTORFLOW_TEST_CHILD_SPIN";

/// The child's side (ignored in a normal test run): runs a graph whose one
/// process spins forever without awaiting, and says so on stderr.
#[test]
#[ignore = "run by the signal tests as a child process"]
fn child_spinning_run() {
    assert_eq!(std::env::var(CHILD_ENV).as_deref(), Ok("1"), "run only as the signal tests' child");
    let mut registry = Registry::new();
    registry.register_fn("test/Spin", "never returns", Ports::new().inport(PortSpec::new("in")), |_ctx: &mut ActorRunContext| {
        eprintln!("spinning");
        loop {
            std::hint::spin_loop();
        }
    });
    // One file per child: two children run at once.
    let graph = file(&format!("spin-{}.fbp", std::process::id()), b"'go' -> IN spin(test/Spin)\n");
    let args = RunArgs { graph, set: Vec::new(), runtime: RuntimeFlavor::MultiThread, workers: None, capacity: None, quiet: true, durable: Default::default(), distributed: Default::default(), graphs: Default::default() };
    let code = run_with_registry(&args, &registry);
    panic!("the run of a spinning process returned {code}");
}

/// The spinning child, and its stderr after the "spinning" line.
struct Spinning {
    child: Child,
    stderr: std::sync::mpsc::Receiver<String>,
}

impl Spinning {
    /// Starts the spinning child and waits until its process spins.
    fn start() -> Self {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args(["--ignored", "--exact", "child_spinning_run", "--nocapture", "--test-threads=1"])
            .env(CHILD_ENV, "1")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stderr = BufReader::new(child.stderr.take().unwrap());
        let mut line = String::new();
        let mut before = String::new();
        while line.trim() != "spinning" {
            before.push_str(&line);
            line.clear();
            assert!(stderr.read_line(&mut line).unwrap() > 0, "the child ended before spinning: {before}");
        }
        // Keep reading its stderr, so that it never blocks writing to it.
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut rest = String::new();
            let _ = stderr.read_to_string(&mut rest);
            let _ = tx.send(rest);
        });
        Self { child, stderr: rx }
    }

    /// What it wrote on stderr after spinning, once it has exited.
    fn stderr(&self) -> String {
        self.stderr.recv_timeout(Duration::from_secs(5)).unwrap_or_default()
    }
}

#[test]
fn a_second_signal_exits_at_once() {
    let mut spinning = Spinning::start();
    let child = &mut spinning.child;
    signal(child, Signal::INT);
    std::thread::sleep(Duration::from_millis(500));
    assert!(child.try_wait().unwrap().is_none(), "a spinning process does not stop on the first signal");
    signal(child, Signal::INT);
    let status = wait_at_most(child, Duration::from_secs(3)).unwrap_or_else(|| {
        let _ = child.kill();
        panic!("still running after the second SIGINT")
    });
    let stderr = spinning.stderr();
    assert_eq!(status.code(), Some(130), "{stderr}");
    assert!(stderr.contains("SIGINT: exiting at once"), "{stderr}");
}

#[test]
fn a_network_that_does_not_stop_is_left_after_the_grace_period() {
    let mut spinning = Spinning::start();
    let child = &mut spinning.child;
    let signalled = Instant::now();
    signal(child, Signal::TERM);
    let status = wait_at_most(child, HANG_GUARD).unwrap_or_else(|| {
        let _ = child.kill();
        panic!("still running long after SIGTERM")
    });
    let waited = signalled.elapsed();
    let stderr = spinning.stderr();
    assert_eq!(status.code(), Some(143), "{stderr}");
    assert!(stderr.contains("the network did not stop within 5 s of SIGTERM"), "{stderr}");
    // It waited for the grace period, not less (the bound above it is the hang guard).
    assert!(waited >= Duration::from_millis(4900), "exited after {waited:?}");
}
