//! Writing to standard output and standard error without panicking.
//!
//! `print!` and `eprint!` panic when a write fails ("failed printing to
//! stdout", exit 101), for example into `/dev/full` or a closed pipe. Every
//! subcommand writes through [`out`] and [`err`] instead, and
//! [`exit`] turns a failed write into the ending a shell user expects:
//!
//! - **A broken pipe** (`EPIPE`: the reader went away, as in
//!   `actorflow components | head -c 10`) on either stream ends the program
//!   quietly, killed by `SIGPIPE`, as coreutils are: the shell's status is
//!   141 (128 + 13). The same holds when a component of a running graph met
//!   the broken pipe ([`actor_components::stdout_closed`]). Elsewhere
//!   than Unix the exit code is 1, with no message.
//! - **Any other error on standard output** (`ENOSPC` from `> /dev/full`,
//!   `EIO`): the message `error: cannot write to standard output: ...` on
//!   standard error, exit 1.
//! - **Any other error on standard error** cannot be reported anywhere. It is
//!   ignored, and the exit code stays the one of the outcome (standard error
//!   is written on failures only, whose codes are not 0).

use std::io::{self, Write as _};
use std::process::ExitCode;

/// A write that failed in a way that ends the program (see the module docs).
#[derive(Debug)]
pub(crate) enum WriteError {
    /// A write to standard output or standard error met a broken pipe.
    BrokenPipe,
    /// A write to standard output failed otherwise.
    Stdout(io::Error),
}

/// How a subcommand ends: an exit code, or a failed write.
pub(crate) type Outcome = Result<u8, WriteError>;

/// Writes `text` to standard output and flushes it.
///
/// # Errors
/// [`WriteError::BrokenPipe`] or [`WriteError::Stdout`].
pub(crate) fn out(text: &str) -> Result<(), WriteError> {
    let mut stdout = io::stdout().lock();
    stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush()).map_err(|e| match e.kind() {
        io::ErrorKind::BrokenPipe => WriteError::BrokenPipe,
        _ => WriteError::Stdout(e),
    })
}

/// Writes `text` to standard error. Errors other than a broken pipe are
/// ignored: there is nowhere left to report them.
///
/// # Errors
/// [`WriteError::BrokenPipe`].
pub(crate) fn err(text: &str) -> Result<(), WriteError> {
    match io::stderr().lock().write_all(text.as_bytes()) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Err(WriteError::BrokenPipe),
        _ => Ok(()),
    }
}

/// Writes `message` and a newline to standard error and ends with `code`.
pub(crate) fn fail(code: u8, message: &str) -> Outcome {
    err(&format!("{message}\n"))?;
    Ok(code)
}

/// The exit of the program for `outcome` (see the module docs). Does not
/// return on a broken pipe (on Unix).
pub(crate) fn exit(outcome: Outcome) -> ExitCode {
    match outcome {
        Ok(code) => ExitCode::from(code),
        Err(WriteError::BrokenPipe) => die_of_sigpipe(),
        Err(WriteError::Stdout(e)) => match fail(crate::EXIT_RUN_FAILED, &format!("error: cannot write to standard output: {e}")) {
            Ok(code) => ExitCode::from(code),
            Err(_) => die_of_sigpipe(),
        },
    }
}

/// Ends the program as the default action of `SIGPIPE` would: killed by
/// the signal, with no message.
#[cfg(unix)]
fn die_of_sigpipe() -> ExitCode {
    // Resets SIGPIPE (which the Rust runtime ignores) to its default action
    // and raises it; aborts if that failed.
    let _ = signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGPIPE);
    ExitCode::from(crate::EXIT_RUN_FAILED)
}

/// Elsewhere than Unix there is no `SIGPIPE`: exit 1, quietly.
#[cfg(not(unix))]
fn die_of_sigpipe() -> ExitCode {
    ExitCode::from(crate::EXIT_RUN_FAILED)
}
