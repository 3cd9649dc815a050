//! `actorflow run --node`: one graph's processes in two or three
//! `actorflow` OS processes, over Zenoh on loopback TCP with explicit
//! endpoints (multicast scouting is off). Every wait is bounded.

use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_actorflow");

/// A fresh directory for one test, removed when dropped (its input files
/// are up to 120 MB).
struct TestDir(PathBuf);

impl std::ops::Deref for TestDir {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.0
    }
}

impl Drop for TestDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn dir(tag: &str) -> TestDir {
    let d = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("distributed-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    TestDir(d)
}

/// A free loopback TCP port (the OS picks it; it is free again once dropped).
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn endpoint(port: u16) -> String {
    format!("tcp/127.0.0.1:{port}")
}

/// One `actorflow` process, killed if the test ends early.
struct Node {
    name: String,
    child: Child,
    stderr: PathBuf,
    stdout: Option<PathBuf>,
}

impl Node {
    /// Starts `actorflow run GRAPH --node NAME ARGS...`, stdout and stderr
    /// to files in `dir` (stdout piped instead when `pipe_stdout`).
    fn start(dir: &Path, graph: &Path, name: &str, args: &[String], pipe_stdout: bool) -> Node {
        let stderr = dir.join(format!("{name}.stderr"));
        let stdout = dir.join(format!("{name}.stdout"));
        let mut cmd = Command::new(BIN);
        cmd.arg("run").arg(graph).args(["--node", name, "--join-timeout", "30"]).args(args);
        cmd.stdin(Stdio::null()).stderr(std::fs::File::create(&stderr).unwrap());
        if pipe_stdout {
            cmd.stdout(Stdio::piped());
        } else {
            cmd.stdout(std::fs::File::create(&stdout).unwrap());
        }
        let child = cmd.spawn().unwrap();
        Node { name: name.to_string(), child, stderr, stdout: (!pipe_stdout).then_some(stdout) }
    }

    /// Waits at most `limit` for the process to exit.
    fn wait(&mut self, limit: Duration) -> ExitStatus {
        let until = Instant::now() + limit;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            if Instant::now() > until {
                let _ = self.child.kill();
                panic!("node {} still running after {limit:?}; stderr:\n{}", self.name, self.stderr());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn stderr(&self) -> String {
        std::fs::read_to_string(&self.stderr).unwrap_or_default()
    }

    fn stdout(&self) -> String {
        std::fs::read_to_string(self.stdout.as_ref().unwrap()).unwrap()
    }

    /// Resident memory in kB, from /proc.
    fn rss_kb(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap();
        let line = status.lines().find(|l| l.starts_with("VmRSS:")).unwrap();
        line.split_whitespace().nth(1).unwrap().parse().unwrap()
    }

    /// Waits for success, showing stderr otherwise.
    fn succeeds(&mut self, limit: Duration) {
        let status = self.wait(limit);
        assert!(status.success(), "node {} exited with {status}; stderr:\n{}", self.name, self.stderr());
    }
}

impl Drop for Node {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn write_graph(dir: &Path, text: &str) -> PathBuf {
    let path = dir.join("graph.fbp");
    std::fs::write(&path, text).unwrap();
    path
}

/// A file of the numbers `0..n`, one a line, each padded to `width` characters.
fn numbers(dir: &Path, name: &str, prefix: &str, n: usize, width: usize) -> PathBuf {
    let path = dir.join(name);
    let mut text = String::with_capacity(n * (width + 2));
    for i in 0..n {
        text.push_str(&format!("{prefix}{i:0width$}\n"));
    }
    std::fs::write(&path, text).unwrap();
    path
}

/// Counts the numbers of `0..n` missing from `lines`, and the places where
/// a number is not greater than the one before it.
fn lost_and_reordered(lines: &[&str], prefix: &str, n: usize) -> (usize, usize) {
    let values: Vec<usize> =
        lines.iter().filter_map(|l| l.strip_prefix(prefix)).map(|v| v.parse::<usize>().unwrap()).collect();
    let mut seen = vec![false; n];
    for &v in &values {
        seen[v] = true;
    }
    let lost = seen.iter().filter(|s| !**s).count();
    let reordered = values.windows(2).filter(|w| w[1] <= w[0]).count();
    (lost, reordered)
}

fn set(process_port: &str, path: &Path) -> [String; 2] {
    ["--set".to_string(), format!("{process_port}={}", path.display())]
}

#[test]
fn a_million_packets_cross_with_none_lost_or_reordered() {
    let d = dir("million");
    let input = numbers(&d, "in.txt", "", 1_000_000, 7);
    let output = d.join("out.txt");
    let graph = write_graph(&d, "read(fs/ReadLines) OUT -> IN write(fs/WriteLines:node=b)\n");
    let port = free_port();
    let sets: Vec<String> = set("read.in", &input).into_iter().chain(set("write.file", &output)).collect();
    // The sender starts first and listens; the receiver joins later.
    let mut main = Node::start(&d, &graph, "main", &[&["--listen".into(), endpoint(port)][..], &sets].concat(), false);
    std::thread::sleep(Duration::from_millis(300));
    let mut b = Node::start(&d, &graph, "b", &[&["--connect".into(), endpoint(port)][..], &sets].concat(), false);
    main.succeeds(Duration::from_secs(300));
    b.succeeds(Duration::from_secs(60));
    let text = std::fs::read_to_string(&output).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lost_and_reordered(&lines, "", 1_000_000), (0, 0));
    assert_eq!(lines.len(), 1_000_000);
}

fn wordcount_on_two_nodes(receiver_first: bool) {
    let d = dir(if receiver_first { "wc-receiver-first" } else { "wc-sender-first" });
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let text = root.join("README.md");
    let local = Command::new(BIN)
        .arg("run")
        .arg(root.join("graphs/wordcount.fbp"))
        .args(set("read.in", &text))
        .output()
        .unwrap();
    assert!(local.status.success());
    let graph = root.join("graphs/wordcount-two-nodes.fbp");
    let port = free_port();
    let listen = [&["--listen".to_string(), endpoint(port)][..], &set("read.in", &text)].concat();
    let connect = [&["--connect".to_string(), endpoint(port)][..], &set("read.in", &text)].concat();
    let (first, second) = if receiver_first { ("b", "main") } else { ("main", "b") };
    let mut one = Node::start(&d, &graph, first, &listen, false);
    std::thread::sleep(Duration::from_millis(300));
    let mut two = Node::start(&d, &graph, second, &connect, false);
    one.succeeds(Duration::from_secs(60));
    two.succeeds(Duration::from_secs(60));
    let b = if receiver_first { &one } else { &two };
    let main = if receiver_first { &two } else { &one };
    assert_eq!(b.stdout(), String::from_utf8(local.stdout).unwrap());
    assert_eq!(b.stdout().lines().count(), 10);
    assert_eq!(main.stdout(), "");
}

#[test]
fn wordcount_split_over_two_nodes_prints_what_a_local_run_prints() {
    wordcount_on_two_nodes(false);
}

#[test]
fn the_nodes_may_start_in_reverse_order() {
    wordcount_on_two_nodes(true);
}

#[test]
fn fan_out_and_fan_in_span_nodes() {
    let d = dir("fan");
    let (n_a, n_b) = (20_000, 15_000);
    let file_a = numbers(&d, "a.txt", "A", n_a, 6);
    let file_b = numbers(&d, "b.txt", "B", n_b, 6);
    let (out_b, out_c) = (d.join("out-b.txt"), d.join("out-c.txt"));
    // ra (main) fans out to wb (b) and wc (c); wc fans in from ra (main) and rb (b).
    let graph = write_graph(
        &d,
        "ra(fs/ReadLines) OUT -> IN wb(fs/WriteLines:node=b)\n\
         ra OUT -> IN wc(fs/WriteLines:node=c)\n\
         rb(fs/ReadLines:node=b) OUT -> IN wc\n",
    );
    let sets: Vec<String> = [set("ra.in", &file_a), set("rb.in", &file_b), set("wb.file", &out_b), set("wc.file", &out_c)]
        .concat();
    let port = free_port();
    let mut main = Node::start(&d, &graph, "main", &[&["--listen".into(), endpoint(port)][..], &sets].concat(), false);
    let mut b = Node::start(&d, &graph, "b", &[&["--connect".into(), endpoint(port)][..], &sets].concat(), false);
    let mut c = Node::start(&d, &graph, "c", &[&["--connect".into(), endpoint(port)][..], &sets].concat(), false);
    for node in [&mut main, &mut b, &mut c] {
        node.succeeds(Duration::from_secs(120));
    }
    let text_b = std::fs::read_to_string(&out_b).unwrap();
    let lines_b: Vec<&str> = text_b.lines().collect();
    assert_eq!(lines_b.len(), n_a);
    assert_eq!(lost_and_reordered(&lines_b, "A", n_a), (0, 0));
    let text_c = std::fs::read_to_string(&out_c).unwrap();
    let lines_c: Vec<&str> = text_c.lines().collect();
    assert_eq!(lines_c.len(), n_a + n_b);
    assert_eq!(lost_and_reordered(&lines_c, "A", n_a), (0, 0), "each sender's order is kept");
    assert_eq!(lost_and_reordered(&lines_c, "B", n_b), (0, 0), "each sender's order is kept");
}

#[test]
fn a_slow_consumer_keeps_memory_bounded_on_both_nodes() {
    let d = dir("slow");
    // 300,000 lines of 400 characters: 120 MB, far more than either node may hold.
    let n = 300_000;
    let input = numbers(&d, "in.txt", "", n, 400);
    let graph = write_graph(&d, "read(fs/ReadLines) OUT -> IN write(fs/WriteLines:node=b)\n");
    let port = free_port();
    let sets = set("read.in", &input);
    let mut main = Node::start(&d, &graph, "main", &[&["--listen".into(), endpoint(port)][..], &sets].concat(), false);
    // b writes to a pipe that nobody reads for a while: the slowest consumer.
    let mut b = Node::start(&d, &graph, "b", &[&["--connect".into(), endpoint(port)][..], &sets].concat(), true);
    let mut peak = (0, 0);
    for _ in 0..30 {
        std::thread::sleep(Duration::from_millis(200));
        assert!(main.child.try_wait().unwrap().is_none(), "main ended early: {}", main.stderr());
        peak = (peak.0.max(main.rss_kb()), peak.1.max(b.rss_kb()));
    }
    // Unbounded buffering would hold most of the 120 MB on one side or the other.
    assert!(peak.0 < 60_000 && peak.1 < 60_000, "peak RSS (kB) of main and b while stalled: {peak:?}");
    // Now consume: everything arrives, in order.
    let mut out = String::new();
    b.child.stdout.take().unwrap().read_to_string(&mut out).unwrap();
    b.succeeds(Duration::from_secs(120));
    main.succeeds(Duration::from_secs(30));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), n);
    assert_eq!(lost_and_reordered(&lines, "", n), (0, 0));
    eprintln!("peak RSS while the consumer was stalled: main {} kB, b {} kB", peak.0, peak.1);
}

#[test]
fn a_node_killed_mid_run_ends_the_others_with_an_error_naming_it() {
    let d = dir("kill");
    let input = numbers(&d, "in.txt", "", 2_000_000, 7);
    // The writer writes to node c's stdout, which grows as packets arrive
    // (a file would appear only at the end: file writers rename into place).
    let output = d.join("c.stdout");
    let graph = write_graph(
        &d,
        "read(fs/ReadLines) OUT -> IN pass(core/Repeat:node=b)\npass OUT -> IN write(fs/WriteLines:node=c)\n",
    );
    let sets: Vec<String> = [set("read.in", &input), set("write.file", Path::new("-"))].concat();
    let port = free_port();
    let mut main = Node::start(&d, &graph, "main", &[&["--listen".into(), endpoint(port)][..], &sets].concat(), false);
    let mut b = Node::start(&d, &graph, "b", &[&["--connect".into(), endpoint(port)][..], &sets].concat(), false);
    let mut c = Node::start(&d, &graph, "c", &[&["--connect".into(), endpoint(port)][..], &sets].concat(), false);
    // Kill b once packets flow through it.
    let until = Instant::now() + Duration::from_secs(60);
    while std::fs::metadata(&output).map_or(0, |m| m.len()) < 100_000 {
        assert!(Instant::now() < until, "no output after 60 s: {}", c.stderr());
        std::thread::sleep(Duration::from_millis(20));
    }
    b.child.kill().unwrap(); // SIGKILL
    let killed = Instant::now();
    for node in [&mut main, &mut c] {
        let status = node.wait(Duration::from_secs(15));
        assert_eq!(status.code(), Some(1), "{}", node.stderr());
        assert!(
            node.stderr().contains("node \"b\" left the run before it finished"),
            "node {}: {}",
            node.name,
            node.stderr()
        );
    }
    eprintln!("the other nodes ended {:?} after the kill", killed.elapsed());
}

#[test]
fn a_process_failing_on_one_node_fails_every_node_with_the_same_error() {
    let d = dir("fail");
    let graph = write_graph(&d, "read(fs/ReadLines) OUT -> IN write(fs/WriteLines:node=b)\n");
    let sets = set("read.in", &d.join("no-such-file.txt"));
    let port = free_port();
    let mut main = Node::start(&d, &graph, "main", &[&["--listen".into(), endpoint(port)][..], &sets].concat(), false);
    let mut b = Node::start(&d, &graph, "b", &[&["--connect".into(), endpoint(port)][..], &sets].concat(), false);
    for node in [&mut main, &mut b] {
        assert_eq!(node.wait(Duration::from_secs(30)).code(), Some(1), "{}", node.stderr());
    }
    // A node that waits for the other prints "waiting for node(s) ..." first
    // (on a loaded machine), so the error is the first line that says "error:".
    let error_line = |stderr: String| stderr.lines().find(|l| l.starts_with("error:")).map(str::to_string);
    let first = error_line(main.stderr()).unwrap_or_else(|| panic!("no error line: {}", main.stderr()));
    assert!(first.starts_with("error: node \"main\": process \"read\" (fs/ReadLines) failed: "), "{first}");
    assert_eq!(error_line(b.stderr()).as_deref(), Some(first.as_str()), "{}", b.stderr());
}

#[test]
fn nodes_with_different_graphs_are_refused() {
    let d = dir("mismatch");
    let graph = write_graph(&d, "'x' -> IN a(core/Repeat) OUT -> IN b(core/Drop:node=b)\n");
    let port = free_port();
    let mut main = Node::start(&d, &graph, "main", &["--listen".into(), endpoint(port)], false);
    let mut b = Node::start(&d, &graph, "b", &["--connect".into(), endpoint(port), "--set".into(), "a.in=y".into()], false);
    for node in [&mut main, &mut b] {
        assert_eq!(node.wait(Duration::from_secs(30)).code(), Some(1), "{}", node.stderr());
        assert!(node.stderr().contains("runs a different graph"), "{}", node.stderr());
    }
}

#[test]
fn bad_node_options_are_usage_errors() {
    let d = dir("usage");
    let graph = write_graph(&d, "'x' -> IN a(core/Repeat) OUT -> IN b(core/Drop:node=b)\n");
    let run = |args: &[&str]| {
        let out = Command::new(BIN).arg("run").arg(&graph).args(args).output().unwrap();
        (out.status.code(), String::from_utf8(out.stderr).unwrap())
    };
    let (code, err) = run(&["--node", "c"]);
    assert_eq!(code, Some(2));
    assert_eq!(err, "error: no process is placed on node \"c\" (the graph's nodes: b, main)\n");
    let (code, err) = run(&["--node", "b", "--listen", "tcp/0.0.0.0:7447"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("an endpoint beyond loopback needs authentication"), "{err}");
    let (code, err) = run(&["--node", "b", "--run-id", "a/b"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("run id \"a/b\" is not valid"), "{err}");
    let (code, _) = run(&["--listen", "tcp/127.0.0.1:7447"]);
    assert_eq!(code, Some(2), "--listen needs --node");
}

#[test]
fn two_nodes_meet_through_a_zenoh_router() {
    use actor_zenoh::zenoh;
    let d = dir("router");
    let port = free_port();
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    // A Zenoh router (what zenohd runs), listening on loopback.
    let router = runtime.block_on(async {
        let mut config = zenoh::Config::default();
        config.insert_json5("mode", "\"router\"").unwrap();
        config.insert_json5("scouting/multicast/enabled", "false").unwrap();
        config.insert_json5("listen/endpoints", &format!("[\"{}\"]", endpoint(port))).unwrap();
        zenoh::open(config).await.unwrap()
    });
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let graph = root.join("graphs/wordcount-two-nodes.fbp");
    let text = root.join("README.md");
    // Neither node listens: everything goes through the router.
    let args = [&["--connect".to_string(), endpoint(port)][..], &set("read.in", &text)].concat();
    let mut b = Node::start(&d, &graph, "b", &args, false);
    let mut main = Node::start(&d, &graph, "main", &args, false);
    main.succeeds(Duration::from_secs(60));
    b.succeeds(Duration::from_secs(60));
    let local = Command::new(BIN).arg("run").arg(root.join("graphs/wordcount.fbp")).args(set("read.in", &text)).output().unwrap();
    assert_eq!(b.stdout(), String::from_utf8(local.stdout).unwrap());
    runtime.block_on(async { router.close().await }).unwrap();
}

#[test]
fn copies_of_a_graph_in_different_folders_agree_and_read_their_own_files() {
    // Each machine has its own copy of the graph and of the file it names
    // relatively; the nodes compare the graph as written.
    let d = dir("folders");
    let (one, two) = (d.join("one"), d.join("two"));
    let text = "'in.txt' -> IN read(fs/ReadLines)\nread OUT -> IN write(fs/WriteLines:node=b)\n'out.txt' -> FILE write\n";
    for folder in [&one, &two] {
        std::fs::create_dir_all(folder).unwrap();
        std::fs::write(folder.join("graph.fbp"), text).unwrap();
    }
    std::fs::write(one.join("in.txt"), "read on main\n").unwrap();
    let port = free_port();
    let mut main = Node::start(&d, &one.join("graph.fbp"), "main", &["--listen".into(), endpoint(port)], false);
    let mut b = Node::start(&d, &two.join("graph.fbp"), "b", &["--connect".into(), endpoint(port)], false);
    main.succeeds(Duration::from_secs(60));
    b.succeeds(Duration::from_secs(60));
    assert_eq!(std::fs::read_to_string(two.join("out.txt")).unwrap(), "read on main\n");
    assert!(!one.join("out.txt").exists());
}
