//! `actorflow run --state-dir`: checkpoints while a run goes on, `kill -9`
//! in the middle, then `state show` and `--resume` with the real binary.

use std::io::{BufRead as _, BufReader, Write as _};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Output, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use serde_json::Value as Json;

const BIN: &str = env!("CARGO_BIN_EXE_actorflow");

/// The running maximum of `x` over CSV lines read from stdin, each new
/// maximum printed on stdout; the maxima live in `max`'s hot fields.
const GRAPH: &str = "'/dev/stdin' -> IN read(fs/ReadLines)
read OUT -> IN parse(csv/ParseCsv)
parse OUT -> IN max(live/RunningMax)
'g' -> GROUPBY max
'x' -> FIELD max
'a' -> GROUPS max
max OUT -> IN out(core/Output)
";

fn folder(tag: &str) -> PathBuf {
    let dir: PathBuf = [env!("CARGO_TARGET_TMPDIR"), &format!("durable-{tag}-{}", std::process::id())].iter().collect();
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("max.fbp"), GRAPH).unwrap();
    dir
}

/// Starts `actorflow run max.fbp --state-dir DIR/state ARGS` with stdout
/// and stderr on one pipe (in the order written), checkpoint events logged,
/// and a thread sending each output line to the returned channel.
fn start(dir: &Path, args: &[&str]) -> (Child, ChildStdin, mpsc::Receiver<String>) {
    let mut child = Command::new("sh")
        .arg("-c")
        .arg("exec \"$0\" \"$@\" 2>&1")
        .arg(BIN)
        .args(["run", "--quiet", "--state-dir"])
        .arg(dir.join("state"))
        .arg(dir.join("max.fbp"))
        .args(args)
        .env("ACTORFLOW_LOG", "actorflow::checkpoint=debug")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let stdin = child.stdin.take().unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    (child, stdin, rx)
}

/// Reads lines until `f` accepts one (at most 30 s).
fn until(rx: &mpsc::Receiver<String>, what: &str, mut f: impl FnMut(&str) -> bool) {
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    loop {
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        match rx.recv_timeout(left) {
            Ok(line) if f(&line) => return,
            Ok(_) => {}
            Err(e) => panic!("no line {what} ({e})"),
        }
    }
}

fn kill9(child: &mut Child) {
    let status = Command::new("kill").args(["-KILL", &child.id().to_string()]).status().unwrap();
    assert!(status.success());
    let status = child.wait().unwrap();
    assert_eq!(std::os::unix::process::ExitStatusExt::signal(&status), Some(9));
}

fn actorflow(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

/// `actorflow state show DIR/state`, parsed.
fn show(dir: &Path) -> Json {
    let o = actorflow(&["state", "show", &dir.join("state").display().to_string()], "");
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_slice(&o.stdout).expect("state show prints JSON")
}

#[test]
fn after_kill_9_the_saved_state_is_the_last_checkpoint_and_resume_continues_from_it() {
    let dir = folder("kill");
    let (mut child, mut stdin, lines) = start(&dir, &["--checkpoint-interval", "100ms"]);
    writeln!(stdin, "g,x").unwrap();
    for x in 1..=500 {
        writeln!(stdin, "a,{x}").unwrap();
    }
    stdin.flush().unwrap();
    // The output line for 500 is printed after the hot field was set to 500.
    until(&lines, "with the maximum 500", |l| l.contains("\"x\":500"));
    // Two checkpoints saved after that line: the second one began after the
    // first ended, so after the state held 500.
    let mut saved = 0;
    until(&lines, "saying two checkpoints were saved", |l| {
        saved += usize::from(l.contains("periodic checkpoint saved"));
        saved == 2
    });
    kill9(&mut child);
    drop(stdin);

    let state = show(&dir);
    assert_eq!(state["checkpoint"]["kind"], "periodic", "killed: no final checkpoint: {state}");
    assert_eq!(state["processes"]["max"]["component"], "live/RunningMax");
    assert_eq!(state["processes"]["max"]["hot"]["a"], 500.0, "{state}");

    // Resumed, the maximum starts at 500: 400 is no new maximum, 600 is.
    let graph = dir.join("max.fbp").display().to_string();
    let state_dir = dir.join("state").display().to_string();
    let o = actorflow(&["run", "--quiet", &graph, "--state-dir", &state_dir, "--resume"], "g,x\na,400\na,600\n");
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(String::from_utf8_lossy(&o.stdout), "{\"g\":\"a\",\"x\":600.0}\n");
    assert_eq!(show(&dir)["checkpoint"]["kind"], "final");
    assert_eq!(show(&dir)["processes"]["max"]["hot"]["a"], 600.0);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn kill_9_while_checkpoints_are_written_never_leaves_a_corrupt_state() {
    // Checkpoints every millisecond, so that most kills land during a write.
    let dir = folder("corrupt");
    let mut last_seen = 0.0;
    for round in 0..6u64 {
        let resume: &[&str] = if round == 0 { &[] } else { &["--resume"] };
        let mut args = vec!["--checkpoint-interval", "1ms"];
        args.extend_from_slice(resume);
        let (mut child, mut stdin, lines) = start(&dir, &args);
        writeln!(stdin, "g,x").unwrap();
        let top = (round + 1) * 1000;
        for x in round * 1000 + 1..=top {
            writeln!(stdin, "a,{x}").unwrap();
        }
        stdin.flush().unwrap();
        until(&lines, "with this round's maximum", |l| l.contains(&format!("\"x\":{top}")));
        std::thread::sleep(Duration::from_millis(7 * round));
        kill9(&mut child);
        drop(stdin);
        let state = show(&dir);
        let max = state["processes"]["max"]["hot"]["a"].as_f64().unwrap_or(f64::NEG_INFINITY);
        // Never older than what an earlier round saved, never beyond this round's input.
        assert!(max >= last_seen && max <= top as f64, "round {round}: {max} after {last_seen}: {state}");
        last_seen = max;
    }
    assert!(last_seen > 0.0, "some checkpoint was saved");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn resume_refuses_another_graph_and_an_empty_directory() {
    let dir = folder("refuse");
    let graph = dir.join("max.fbp").display().to_string();
    let state_dir = dir.join("state").display().to_string();
    let o = actorflow(&["run", "--quiet", &graph, "--state-dir", &state_dir, "--resume"], "");
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no saved state to resume"), "{}", String::from_utf8_lossy(&o.stderr));

    let o = actorflow(&["run", "--quiet", &graph, "--state-dir", &state_dir], "g,x\na,1\n");
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let other = dir.join("other.fbp");
    std::fs::write(&other, GRAPH.replace("max(live/RunningMax)", "max(group/Aggregate)").replace("'a' -> GROUPS max\n", "").replace("FIELD max", "FIELDS max")).unwrap();
    let o = actorflow(&["run", "--quiet", &other.display().to_string(), "--state-dir", &state_dir, "--resume"], "");
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("process \"max\" is a group/Aggregate in this graph, but its saved state is from a live/RunningMax"), "{err}");

    let o = actorflow(&["run", "--quiet", &graph, "--resume"], "");
    assert_eq!(o.status.code(), Some(2), "--resume needs --state-dir");
    std::fs::remove_dir_all(&dir).unwrap();
}
