//! Who waits on whom: deadlock detection for a network with a cycle.
//!
//! A process that sends on a full connection waits until the receiving
//! process takes a packet. In a graph without a cycle that always happens
//! eventually. In a cycle it may not: when every process of a cycle waits
//! to send on a full connection into the next one, none of them will ever
//! take a packet again. That is a deadlock, and it costs no CPU, so nothing
//! else would notice it.
//!
//! [`Waits`] is the wait-for graph of classic deadlock detection
//! (Coffman, Elphick and Shoshani, "System Deadlocks", ACM Computing
//! Surveys 3(2), 1971): each process blocked on a send has one edge, to
//! the process that receives on that connection, and a deadlock is a cycle
//! of such edges.
//!
//! - A process is *blocked* from the moment its send finds the connection
//!   full until the channel wakes it; the waker clears the mark before the
//!   task can run again, so a marked process has not been given room. Each
//!   mark carries a fresh ticket, so an old wake never clears a newer mark.
//! - The process that blocks follows the edges from itself. If they lead
//!   back to it, it may have closed a cycle, and it tells the supervisor.
//!   The last process to block on a cycle always sees the whole cycle.
//! - The supervisor confirms without a clock: it reads every mark, finds a
//!   cycle, and reads the cycle's marks again. Marks unchanged between the
//!   two reads were all set at one instant after the first read ended, so
//!   the cycle really existed, and a cycle of blocked processes never
//!   unblocks. Otherwise it was a passing state, and the next block looks again.
//!
//! Only sends made by the process that owns the outport are marked (a clone
//! of an [`OutPort`](super::OutPort) used from another task is not the
//! process), and nothing is counted in a network without a cycle.

use std::future::{Future, poll_fn};
use std::pin::pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU32, AtomicU64, Ordering};
use std::task::{Context, Poll, Wake, Waker};

use futures::task::AtomicWaker;


/// The wait-for graph of one network (see the [module docs](self)).
#[derive(Debug)]
pub(crate) struct Waits {
    /// Per process: 0, or `ticket << 32 | (connection + 1)` while it is
    /// blocked sending on that connection.
    blocked: Box<[AtomicU64]>,
    /// Per connection: the sending and the receiving process.
    ends: Box<[(u32, u32)]>,
    tickets: AtomicU32,
    /// Set when a blocking process saw a cycle through itself.
    suspect: AtomicBool,
    supervisor: AtomicWaker,
}

/// A deadlock: processes blocked on full connections, waiting on each other.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Deadlock {
    /// The cycle, as (process, the connection it waits on), in wait order.
    pub(crate) cycle: Vec<(usize, usize)>,
    /// Other processes blocked on a connection into the cycle (directly or
    /// through one another), as (process, connection).
    pub(crate) waiting: Vec<(usize, usize)>,
}

impl Waits {
    /// The wait-for graph of `processes` processes joined by connections
    /// with these (sender, receiver) ends, in connection order.
    pub(crate) fn new(processes: usize, ends: Vec<(usize, usize)>) -> Arc<Self> {
        let to_u32 = |i: usize| u32::try_from(i).expect("fewer than 2^32 processes");
        Arc::new(Self {
            blocked: (0..processes).map(|_| AtomicU64::new(0)).collect(),
            ends: ends.into_iter().map(|(s, r)| (to_u32(s), to_u32(r))).collect(),
            tickets: AtomicU32::new(1),
            suspect: AtomicBool::new(false),
            supervisor: AtomicWaker::new(),
        })
    }

    /// Runs `send`, a send by the process that sends on connection
    /// `connection`, with the process marked blocked whenever `send` waits
    /// for room (until the channel wakes it). Returns `send`'s output.
    ///
    /// # Cancel safety
    /// As `send`'s; a cancelled send leaves no mark behind.
    pub(crate) async fn blocked<F: Future>(self: &Arc<Self>, connection: usize, send: F) -> F::Output {
        let mut send = pin!(send);
        let mut guard = Marked { waits: self, connection, mark: 0 };
        poll_fn(|cx| {
            // Marked before the channel sees the waker, so that a wake
            // coming at once finds the mark to clear.
            let mark = self.mark(connection);
            guard.mark = mark;
            let waker = Waker::from(Arc::new(Unmark { waits: self.clone(), connection, mark, task: cx.waker().clone() }));
            match send.as_mut().poll(&mut Context::from_waker(&waker)) {
                Poll::Ready(r) => {
                    self.unmark(connection, mark);
                    guard.mark = 0;
                    Poll::Ready(r)
                }
                Poll::Pending => {
                    self.look_for_cycle(self.sender(connection));
                    Poll::Pending
                }
            }
        })
        .await
    }

    /// Ready with the deadlock once a suspected one is confirmed; registers
    /// `cx` to be woken when a process suspects one.
    pub(crate) fn poll_deadlock(&self, cx: &mut Context<'_>) -> Poll<Deadlock> {
        self.supervisor.register(cx.waker());
        if !self.suspect.swap(false, Ordering::SeqCst) {
            return Poll::Pending;
        }
        match self.confirm() {
            Some(d) => Poll::Ready(d),
            None => Poll::Pending,
        }
    }

    fn sender(&self, connection: usize) -> usize {
        self.ends[connection].0 as usize
    }

    fn receiver(&self, connection: usize) -> usize {
        self.ends[connection].1 as usize
    }

    /// Marks `connection`'s sender blocked on it; returns the mark.
    fn mark(&self, connection: usize) -> u64 {
        let ticket = u64::from(self.tickets.fetch_add(1, Ordering::Relaxed));
        let mark = ticket << 32 | (connection as u64 + 1);
        self.blocked[self.sender(connection)].store(mark, Ordering::SeqCst);
        mark
    }

    /// Clears `connection`'s sender's mark if it is still `mark`.
    fn unmark(&self, connection: usize, mark: u64) {
        let _ = self.blocked[self.sender(connection)].compare_exchange(mark, 0, Ordering::SeqCst, Ordering::SeqCst);
    }

    /// After `process` blocked: follows the edges from it, and tells the
    /// supervisor if they lead back to it.
    fn look_for_cycle(&self, process: usize) {
        let mut p = process;
        for _ in 0..self.blocked.len() {
            let Some(connection) = connection_of(self.blocked[p].load(Ordering::SeqCst)) else { return };
            p = self.receiver(connection);
            if p == process {
                self.suspect.store(true, Ordering::SeqCst);
                self.supervisor.wake();
                return;
            }
        }
    }

    /// Reads every mark, finds a cycle of blocked processes, and checks
    /// that the cycle's marks did not change since (see the module docs).
    fn confirm(&self) -> Option<Deadlock> {
        let first: Vec<u64> = self.blocked.iter().map(|m| m.load(Ordering::SeqCst)).collect();
        self.check(&first, |p| self.blocked[p].load(Ordering::SeqCst))
    }

    /// A deadlock in the marks `first`, if the marks read again with
    /// `again` are the same for every process named in it.
    fn check(&self, first: &[u64], again: impl Fn(usize) -> u64) -> Option<Deadlock> {
        let next = |p: usize| connection_of(first[p]).map(|c| self.receiver(c));
        let cycle = find_cycle(first.len(), next)?;
        if cycle.iter().any(|&p| again(p) != first[p]) {
            return None;
        }
        let on_cycle = |p: usize| cycle.contains(&p);
        // Blocked processes whose edges lead into the cycle.
        let waiting = (0..first.len())
            .filter(|&p| !on_cycle(p))
            .filter(|&p| {
                let mut q = p;
                for _ in 0..first.len() {
                    match next(q) {
                        Some(r) if on_cycle(r) => return true,
                        Some(r) => q = r,
                        None => return false,
                    }
                }
                false
            })
            .filter(|&p| again(p) == first[p])
            .collect::<Vec<_>>();
        let with_connection = |p: usize| (p, connection_of(first[p]).expect("blocked"));
        Some(Deadlock { cycle: cycle.into_iter().map(with_connection).collect(), waiting: waiting.into_iter().map(with_connection).collect() })
    }
}

/// The connection in a mark, or `None` for 0 (not blocked).
fn connection_of(mark: u64) -> Option<usize> {
    let c = (mark & u64::from(u32::MAX)) as usize;
    c.checked_sub(1)
}

/// A cycle in a graph where each node has at most one successor
/// (`next`), in edge order starting from its lowest-numbered node.
fn find_cycle(n: usize, next: impl Fn(usize) -> Option<usize>) -> Option<Vec<usize>> {
    // 0: not seen, 1: on the current walk, 2: done.
    let mut seen = vec![0u8; n];
    for start in 0..n {
        let mut walk = Vec::new();
        let mut p = Some(start);
        while let Some(q) = p.filter(|&q| seen[q] == 0) {
            seen[q] = 1;
            walk.push(q);
            p = next(q);
        }
        // The walk ended on a node of its own: a cycle.
        if let Some(p) = p.filter(|&q| seen[q] == 1) {
            if let Some(at) = walk.iter().position(|&q| q == p) {
                let mut cycle = walk.split_off(at);
                let lowest = cycle.iter().enumerate().min_by_key(|(_, q)| **q).map_or(0, |(i, _)| i);
                cycle.rotate_left(lowest);
                return Some(cycle);
            }
        }
        for q in walk {
            seen[q] = 2;
        }
    }
    None
}

/// Clears the mark of a send that is dropped while waiting.
struct Marked<'a> {
    waits: &'a Waits,
    connection: usize,
    /// The mark set by the last poll that found the channel full (0: none).
    mark: u64,
}

impl Drop for Marked<'_> {
    fn drop(&mut self) {
        if self.mark != 0 {
            self.waits.unmark(self.connection, self.mark);
        }
    }
}

/// Wakes the task, clearing the mark it was given for first.
struct Unmark {
    waits: Arc<Waits>,
    connection: usize,
    mark: u64,
    task: Waker,
}

impl Wake for Unmark {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.waits.unmark(self.connection, self.mark);
        self.task.wake_by_ref();
    }
}

#[cfg(test)]
mod tests;
