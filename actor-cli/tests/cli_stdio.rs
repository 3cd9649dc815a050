//! Writing to stdout and stderr: every subcommand survives a full or closed
//! stream without panicking. A broken pipe ends the program quietly, killed
//! by SIGPIPE as coreutils are; any other stdout error exits 1 with a message.
#![cfg(unix)]

use std::fs::File;
use std::os::unix::process::ExitStatusExt as _;
use std::path::PathBuf;
use std::process::{Child, Command, ExitStatus, Output, Stdio};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use rustix::pipe::PipeFlags;

const SIGPIPE: i32 = 13;

fn file(name: &str, text: &str) -> String {
    let path: PathBuf = [env!("CARGO_TARGET_TMPDIR"), name].iter().collect();
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

/// A graph whose run prints `hello` on stdout (written once: the tests run
/// in parallel, and a file being rewritten can be read empty).
fn hello() -> String {
    static PATH: OnceLock<String> = OnceLock::new();
    PATH.get_or_init(|| file("stdio-hello.fbp", "'hello' -> IN a(core/Repeat) OUT -> IN w(fs/WriteLines)\n")).clone()
}

/// Held while a child is spawned, and while a pipe is made and its read end
/// closed. A child forked by another test in between would hold a copy of
/// the read end (until its exec), and the write would not fail; spawning
/// returns only after the child's exec, which closes the copies made
/// `CLOEXEC`.
static SPAWNING: Mutex<()> = Mutex::new(());

fn spawn(command: &mut Command) -> Child {
    let _guard = SPAWNING.lock().unwrap_or_else(|e| e.into_inner());
    command.spawn().expect("the child starts")
}

/// One invocation of each subcommand that writes to stdout on success.
fn writers() -> Vec<Vec<String>> {
    let g = hello();
    [
        vec!["components"],
        vec!["validate", &g],
        vec!["graph", "convert", &g, "--to", "json"],
        vec!["run", &g],
        vec!["run", &g, "--set", "w.file=-"],
        vec!["--help"],
        vec!["run", "--help"],
    ]
    .into_iter()
    .map(|a| a.into_iter().map(String::from).collect())
    .collect()
}

fn actorflow(args: &[String], stdout: Stdio, stderr: Stdio) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_actorflow"));
    command.args(args).stdin(Stdio::null()).stdout(stdout).stderr(stderr);
    spawn(&mut command).wait_with_output().unwrap()
}

/// The write end of a pipe whose read end is already closed: the first
/// write into it fails with EPIPE, whatever the timing.
fn closed_pipe() -> Stdio {
    let _guard = SPAWNING.lock().unwrap_or_else(|e| e.into_inner());
    let (read, write) = rustix::pipe::pipe_with(PipeFlags::CLOEXEC).expect("a pipe");
    drop(read);
    Stdio::from(write)
}

fn dev_full() -> Stdio {
    Stdio::from(File::options().write(true).open("/dev/full").expect("/dev/full exists"))
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn each_subcommand_reports_a_full_stdout_and_exits_1() {
    for args in writers() {
        let o = actorflow(&args, dev_full(), Stdio::piped());
        let err = text(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {err}");
        assert!(err.contains("No space left on device"), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
    // The messages: the CLI's own, or the run's failure report naming the process.
    let o = actorflow(&["components".into()], dev_full(), Stdio::piped());
    assert_eq!(text(&o.stderr), "error: cannot write to standard output: No space left on device (os error 28)\n");
    let o = actorflow(&["run".into(), hello()], dev_full(), Stdio::piped());
    assert!(text(&o.stderr).contains("process \"w\" (fs/WriteLines) failed: cannot write to stdout: No space left"), "{}", text(&o.stderr));
}

#[test]
fn each_subcommand_ends_quietly_by_sigpipe_on_a_closed_stdout() {
    for args in writers() {
        let o = actorflow(&args, closed_pipe(), Stdio::piped());
        assert_eq!(o.status.signal(), Some(SIGPIPE), "{args:?}: {:?} {}", o.status, text(&o.stderr));
        assert_eq!(text(&o.stderr), "", "{args:?}");
    }
}

#[test]
fn the_error_paths_survive_a_full_or_closed_stderr() {
    let invalid = file("stdio-invalid.fbp", "'x' -> IN a(nope/Nope)\n");
    let failing = file("stdio-failing.fbp", "'/nonexistent/in.txt' -> IN r(fs/ReadLines) OUT -> IN w(fs/WriteLines)\n");
    let cases: [(&[&str], i32); 5] = [
        (&["validate", &invalid], 2),
        (&["run", &invalid], 2),
        (&["run", &failing], 1),
        (&["graph", "convert", "nope.txt", "--to", "json"], 2),
        (&["frobnicate"], 2),
    ];
    for (args, code) in cases {
        let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        // Nothing can report a full stderr: the exit code is the outcome's.
        let o = actorflow(&args, Stdio::piped(), dev_full());
        assert_eq!(o.status.code(), Some(code), "{args:?}: {:?}", o.status);
        // A closed stderr is a broken pipe like any other.
        let o = actorflow(&args, Stdio::piped(), closed_pipe());
        assert_eq!(o.status.signal(), Some(SIGPIPE), "{args:?}: {:?}", o.status);
        assert!(o.stdout.is_empty(), "{args:?}");
    }
}

/// Waits for `child` at most `limit`, killing it and failing the test after that.
fn wait_bounded(mut child: std::process::Child, limit: Duration) -> (ExitStatus, String) {
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let mut err = String::new();
            std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut err).unwrap();
            return (status, err);
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            panic!("still running after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn head_c_10_on_an_endless_output_stops_the_run_quietly() {
    // A packet circulating forever through core/Output prints `x` lines
    // without end; `| head -c 10` must stop the run, as it stops `yes`.
    let graph = file("stdio-endless.fbp", "'x' -> IN a(core/Repeat) OUT -> IN o(core/Output) OUT -> IN a\n");
    for runtime in ["current-thread", "multi-thread"] {
        let mut child = spawn(
            Command::new("bash")
                .args(["-c", r#""$0" run "$1" --runtime "$2" | head -c 10; echo " status=${PIPESTATUS[0]}""#])
                .args([env!("CARGO_BIN_EXE_actorflow"), &graph, runtime])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped()),
        );
        let mut out = String::new();
        std::io::Read::read_to_string(&mut child.stdout.take().unwrap(), &mut out).unwrap();
        let (status, err) = wait_bounded(child, Duration::from_secs(60));
        assert!(status.success());
        assert_eq!(out, "x\nx\nx\nx\nx\n status=141\n", "{runtime}");
        assert_eq!(err, "", "{runtime}");
    }
}

#[test]
fn head_c_10_on_a_long_conversion_ends_like_coreutils() {
    // 20,000 processes: far more output than a pipe buffers.
    let mut fbp = String::new();
    for i in 0..20_000 {
        fbp.push_str(&format!("'{i}' -> IN p{i}(core/Repeat)\n"));
    }
    let graph = file("stdio-long.fbp", &fbp);
    let o = spawn(
        Command::new("bash")
            .args(["-c", r#""$0" graph convert "$1" --to json | head -c 10; echo " status=${PIPESTATUS[0]}""#])
            .args([env!("CARGO_BIN_EXE_actorflow"), &graph])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped()),
    )
    .wait_with_output()
    .unwrap();
    let out = text(&o.stdout);
    assert!(out.ends_with(" status=141\n") && out.len() == 10 + " status=141\n".len(), "{out:?}");
    assert_eq!(text(&o.stderr), "");
}

#[test]
fn a_log_on_a_pipe_has_no_colour_codes() {
    let args: Vec<String> = vec!["run".into(), hello()];
    let mut command = Command::new(env!("CARGO_BIN_EXE_actorflow"));
    command.args(&args).env("ACTORFLOW_LOG", "debug").stdout(Stdio::piped()).stderr(Stdio::piped());
    let o = spawn(&mut command).wait_with_output().unwrap();
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(err.contains("DEBUG") && err.contains("process{name=w component=fs/WriteLines}"), "{err}");
    assert!(!err.contains('\x1b'), "{err:?}");
    assert_eq!(text(&o.stdout), "hello\n");
}
