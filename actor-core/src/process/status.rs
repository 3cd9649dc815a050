//! The live status of a process, for progress displays.

use std::sync::atomic::{AtomicU8, Ordering};

/// What a process is doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub(crate) enum Status {
    /// Waiting for input (or not started yet).
    Waiting = 0,
    /// In an activation (or in `finish`).
    Busy = 1,
    /// Ended, however it ended.
    Ended = 2,
    /// Failed, and waiting to be restarted with a fresh actor.
    Restarting = 3,
}

/// A process's [`Status`], written by its task and read by displays.
///
/// Alone on its cache line, like a connection's packet counter: each
/// process writes its own status on every activation.
#[derive(Debug, Default)]
#[repr(align(128))]
pub(crate) struct ProcessStatus(AtomicU8);

impl ProcessStatus {
    #[inline]
    pub(crate) fn set(&self, s: Status) {
        self.0.store(s as u8, Ordering::Relaxed);
    }

    pub(crate) fn get(&self) -> Status {
        match self.0.load(Ordering::Relaxed) {
            0 => Status::Waiting,
            1 => Status::Busy,
            3 => Status::Restarting,
            _ => Status::Ended,
        }
    }
}
