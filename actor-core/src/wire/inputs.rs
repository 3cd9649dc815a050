use std::future::poll_fn;
use std::task::{Context, Poll};

use super::channel::{Receiver, RecvSlot};
use crate::message::Chunk;

/// The receiving ends of a process's inports, merged.
///
/// [`next`](Self::next) takes a burst of packets from whichever channel has
/// some, polling the channels round-robin so no inport starves another;
/// each channel keeps its own order. It returns `None` once every channel
/// is closed and empty.
pub(crate) struct InputSet {
    channels: Vec<Channel>,
    start: usize,
    /// The chunks of the last burst, until the kernel takes them.
    burst: Vec<Chunk>,
}

struct Channel {
    port: usize,
    index: Option<usize>,
    rx: Receiver,
    /// This task's registration with `rx` while it waits.
    slot: RecvSlot,
    open: bool,
}

impl Drop for Channel {
    fn drop(&mut self) {
        self.rx.forget(&mut self.slot);
    }
}

impl InputSet {
    pub(crate) fn new() -> Self {
        Self { channels: Vec::new(), start: 0, burst: Vec::new() }
    }

    pub(crate) fn add(&mut self, port: usize, index: Option<usize>, rx: Receiver) {
        self.channels.push(Channel { port, index, rx, slot: RecvSlot::default(), open: true });
    }

    /// Waits until packets arrive on some channel and takes the chunks
    /// waiting there, as many as hold at most `max` packets in all (at
    /// least one chunk), in one step; returns the channel as (declared
    /// inport position, array index). The chunks wait in
    /// [`take_burst`](Self::take_burst).
    ///
    /// # Cancel safety
    /// Cancel safe: packets are taken from a channel only when it returns.
    pub(crate) async fn next(&mut self, max: usize) -> Option<(usize, Option<usize>)> {
        poll_fn(|cx| self.poll_next(cx, max)).await
    }

    #[inline]
    fn poll_next(&mut self, cx: &mut Context<'_>, max: usize) -> Poll<Option<(usize, Option<usize>)>> {
        if let [ch] = &mut self.channels[..] {
            // One inport: no round robin.
            let burst = &mut self.burst;
            return match ch.rx.poll_recv_chunks(&mut ch.slot, cx, max, |c| burst.push(c)) {
                Poll::Ready(Some(_)) => Poll::Ready(Some((ch.port, ch.index))),
                Poll::Ready(None) => Poll::Ready(None),
                Poll::Pending => Poll::Pending,
            };
        }
        let n = self.channels.len();
        let mut open = 0;
        for k in 0..n {
            let i = if k == 0 { self.start } else { (self.start + k) % n };
            let ch = &mut self.channels[i];
            if !ch.open {
                continue;
            }
            let burst = &mut self.burst;
            match ch.rx.poll_recv_chunks(&mut ch.slot, cx, max, |c| burst.push(c)) {
                Poll::Ready(Some(_)) => {
                    self.start = if i + 1 == n { 0 } else { i + 1 };
                    return Poll::Ready(Some((ch.port, ch.index)));
                }
                Poll::Ready(None) => ch.open = false,
                Poll::Pending => open += 1,
            }
        }
        if open == 0 { Poll::Ready(None) } else { Poll::Pending }
    }

    /// The chunks [`next`](Self::next) took, oldest first.
    pub(crate) fn take_burst(&mut self) -> std::vec::Drain<'_, Chunk> {
        self.burst.drain(..)
    }
}
