//! `actorflow run` on a terminal: the live progress display on stderr never
//! erases or splits the results on stdout.
//!
//! Each test runs the binary in a pseudo-terminal of 80x24 (stdin, stdout and
//! stderr all on it, as in an interactive shell), feeds everything it writes
//! to a terminal emulator (the `vt100` crate), and compares the final screen
//! with the results expected on stdout.
#![cfg(unix)]

use std::fs::File;
use std::io::Read as _;
use std::os::fd::OwnedFd;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use rustix::fs::{Mode, OFlags};
use rustix::pty::OpenptFlags;
use rustix::termios::Winsize;

const ROWS: u16 = 24;
const COLS: u16 = 80;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

/// What a terminal of 80x24 shows after `actorflow ARGS` ran in it from
/// `dir`, with every byte written to the terminal.
struct Session {
    status: ExitStatus,
    raw: String,
    screen: vt100::Parser,
}

impl Session {
    fn run(dir: &Path, args: &[&str]) -> Self {
        let controller = rustix::pty::openpt(OpenptFlags::RDWR | OpenptFlags::NOCTTY | OpenptFlags::CLOEXEC).expect("a pty");
        rustix::pty::grantpt(&controller).unwrap();
        rustix::pty::unlockpt(&controller).unwrap();
        let name = rustix::pty::ptsname(&controller, Vec::new()).unwrap();
        let user: OwnedFd = rustix::fs::open(name.as_c_str(), OFlags::RDWR | OFlags::NOCTTY | OFlags::CLOEXEC, Mode::empty()).unwrap();
        rustix::termios::tcsetwinsize(&user, Winsize { ws_row: ROWS, ws_col: COLS, ws_xpixel: 0, ws_ypixel: 0 }).unwrap();

        let mut child = {
            // The Command holds its copies of the terminal until it is dropped.
            let mut command = Command::new(env!("CARGO_BIN_EXE_actorflow"));
            command
                .args(args)
                .current_dir(dir)
                .env("TERM", "xterm-256color")
                .env_remove("ACTORFLOW_LOG")
                .env_remove("NO_COLOR")
                .stdin(Stdio::from(user.try_clone().unwrap()))
                .stdout(Stdio::from(user.try_clone().unwrap()))
                .stderr(Stdio::from(user));
            command.spawn().expect("the binary starts")
        };
        // Read until every holder of the terminal's other end has closed it
        // (Linux then answers EIO).
        let reader = std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = File::from(controller).read_to_end(&mut bytes);
            bytes
        });
        let start = Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break status;
            }
            if start.elapsed() > Duration::from_secs(120) {
                let _ = child.kill();
                panic!("actorflow {args:?} still running after 120 s");
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        let bytes = reader.join().unwrap();
        let size = |n: u16| std::num::NonZero::new(n).expect("not zero");
        let mut screen = vt100::Parser::new(size(ROWS), size(COLS), 0);
        screen.process(&bytes);
        Self { status, raw: String::from_utf8_lossy(&bytes).into_owned(), screen }
    }

    /// The screen's text, one line per line of output (wrapped rows joined),
    /// without trailing blank lines.
    fn contents(&self) -> String {
        self.screen.screen().contents()
    }
}

fn golden(name: &str) -> String {
    std::fs::read_to_string(root().join("tests/golden").join(name)).unwrap()
}

/// Asserts that the display was drawn while the graph ran, and that the
/// final screen holds exactly the expected results and nothing else.
fn assert_results_intact(session: &Session, expected: &str) {
    assert!(session.status.success(), "{:?}\n{}", session.status, session.raw);
    assert!(session.raw.contains("process(es) live"), "the progress display was drawn: {:?}", session.raw);
    assert_eq!(session.contents(), expected.trim_end(), "raw output: {:?}", session.raw);
}

#[test]
fn the_readme_command_leaves_all_ten_results_on_an_80x24_terminal() {
    let session = Session::run(&root(), &["run", "graphs/wordcount.fbp", "--set", "read.in=/usr/share/common-licenses/GPL-3"]);
    assert_results_intact(&session, &golden("wordcount_gpl3_top10.txt"));
}

#[test]
fn penguins_leaves_its_three_results_on_an_80x24_terminal() {
    let session = Session::run(&root(), &["run", "graphs/penguins.fbp"]);
    assert_results_intact(&session, &golden("penguins.jsonl"));
}

#[test]
fn a_long_streamed_output_scrolls_by_whole_and_in_order() {
    // 3,000 lines written while the display is redrawn below them: the
    // screen ends on an unbroken run of the last lines, up to line 3000. The
    // rows below it are where the display was drawn before it was cleared
    // (the next prompt goes there).
    let dir = std::env::temp_dir().join(format!("actorflow-terminal-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let lines: String = (1..=3000).map(|i| format!("{i}\n")).collect();
    std::fs::write(dir.join("numbers.txt"), &lines).unwrap();
    std::fs::write(dir.join("stream.fbp"), "'numbers.txt' -> IN read(fs/ReadLines) OUT -> IN fmt(text/Format) OUT -> IN write(fs/WriteLines)\n'line {}' -> TEMPLATE fmt\n").unwrap();
    let session = Session::run(&dir, &["run", &dir.join("stream.fbp").display().to_string()]);
    assert!(session.status.success(), "{:?}\n{}", session.status, session.raw);
    assert!(session.raw.contains("process(es) live"), "the progress display was drawn: {:?}", session.raw);
    let shown = session.contents();
    let first: u32 = shown.lines().next().and_then(|l| l.strip_prefix("line ")).and_then(|n| n.parse().ok()).unwrap_or_else(|| panic!("{shown}"));
    let expected: Vec<String> = (first..=3000).map(|i| format!("line {i}")).collect();
    assert_eq!(shown, expected.join("\n"), "raw output: {:?}", session.raw);
    // At most the display's rows (4) and the cursor's row are not results.
    assert!(expected.len() >= usize::from(ROWS) - 5, "{shown}");
    let _ = std::fs::remove_dir_all(&dir);
}
