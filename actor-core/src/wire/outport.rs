//! [`OutPort`]: the sending side of a process's port.

use std::collections::VecDeque;
use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context, Poll};

use futures::task::AtomicWaker;
use parking_lot::Mutex;

use super::Target;
use super::channel::TrySendError;
use crate::Packet;
use crate::message::Chunk;

/// A process's outport: the connections leaving it.
///
/// Sending delivers the packet to *every* connection of this port (fan-out,
/// NoFlo semantics): all but the last receive a clone, which is O(1) for
/// [`Value`](crate::Value). A connection whose receiving process has ended
/// drops its packet. Cloning an `OutPort` is cheap (an `Arc`), and clones
/// are `Send + Sync`, so a repeater or another thread can send on it.
#[derive(Clone)]
pub struct OutPort {
    inner: Arc<Inner>,
}

struct Inner {
    name: Arc<str>,
    targets: Box<[Target]>,
    /// Packets a synchronous sender could not deliver (connection full),
    /// as (target index, packet), oldest first.
    backlog: Mutex<VecDeque<(usize, Packet)>>,
    backlogged: AtomicUsize,
    /// Woken when a packet is queued in the backlog, so the owning process
    /// delivers it even while it waits for input.
    backlog_waker: AtomicWaker,
}

impl OutPort {
    /// An outport called `name` sending to `targets`.
    pub(crate) fn new(name: Arc<str>, targets: Vec<Target>) -> Self {
        Self {
            inner: Arc::new(Inner {
                name,
                targets: targets.into_boxed_slice(),
                backlog: Mutex::new(VecDeque::new()),
                backlogged: AtomicUsize::new(0),
                backlog_waker: AtomicWaker::new(),
            }),
        }
    }

    /// The port's name.
    #[inline]
    pub fn name(&self) -> &str {
        &self.inner.name
    }

    /// Whether any connection leaves this port.
    #[inline]
    pub fn is_connected(&self) -> bool {
        !self.inner.targets.is_empty()
    }

    /// How many connections leave this port.
    #[inline]
    pub fn connections(&self) -> usize {
        self.inner.targets.len()
    }

    /// Sends `packet` to every connection, waiting while one is full.
    ///
    /// # Cancel safety
    /// Not cancel safe: a cancelled send may have reached only some
    /// connections. The connection it was waiting on does not get the
    /// packet, which then no longer counts as in flight (so quiescence
    /// detection is not held up by it).
    pub async fn send(&self, packet: Packet) {
        self.deliver(None, packet, false).await;
    }

    /// [`send`](Self::send) by the process that owns this port: a wait on a
    /// full connection counts in deadlock detection.
    pub(crate) async fn send_owned(&self, packet: Packet) {
        self.deliver(None, packet, true).await;
    }

    /// Sends `packet` to the connections leaving array index `index` only.
    ///
    /// # Cancel safety
    /// As for [`send`](Self::send).
    pub async fn send_to(&self, index: usize, packet: Packet) {
        self.deliver(Some(index), packet, false).await;
    }

    /// [`send_to`](Self::send_to) by the process that owns this port.
    pub(crate) async fn send_to_owned(&self, index: usize, packet: Packet) {
        self.deliver(Some(index), packet, true).await;
    }

    /// Delivers `packet` without building a future when this port has
    /// exactly one connection and it has room; otherwise hands the packet
    /// back for the waiting path ([`send`](Self::send)). A connection whose
    /// receiver has ended drops the packet, as `send` does.
    #[inline]
    pub(crate) fn try_send_single(&self, packet: Packet) -> Result<(), Packet> {
        let [t] = &*self.inner.targets else { return Err(packet) };
        if t.wants_packet() {
            return Self::try_send_watched(t, packet);
        }
        // Count before the packet becomes visible, so quiescence detection
        // never sees it received before it was sent.
        t.count();
        match t.tx.try_send(packet) {
            Ok(()) => Ok(()),
            Err(TrySendError::Full(p)) => {
                t.uncount();
                Err(p)
            }
            Err(TrySendError::Disconnected(_)) => {
                t.uncount();
                Ok(())
            }
        }
    }

    /// [`try_send_single`](Self::try_send_single) on a watched connection,
    /// out of line so that the unwatched path stays as short as it was: the
    /// packet is reported once it went through; when it did not (full), the
    /// waiting path reports it instead. The copy is an `Arc` clone.
    #[inline(never)]
    fn try_send_watched(t: &Target, packet: Packet) -> Result<(), Packet> {
        let seen = packet.clone();
        t.count();
        match t.tx.try_send(packet) {
            Ok(()) => {
                t.observe(&seen);
                Ok(())
            }
            Err(TrySendError::Full(p)) => {
                t.uncount();
                Err(p)
            }
            Err(TrySendError::Disconnected(_)) => {
                t.uncount();
                Ok(())
            }
        }
    }

    /// Sends without waiting, to every connection that has room.
    ///
    /// Returns the number of connections that were full and so did not get
    /// the packet (0 when all did). A synchronous forwarder uses this and
    /// keeps what did not fit.
    pub fn try_send(&self, packet: &Packet) -> usize {
        let mut full = 0;
        for t in self.inner.targets.iter() {
            t.count();
            match t.tx.try_send(packet.clone()) {
                Ok(()) => t.observe(packet),
                Err(TrySendError::Full(_)) => {
                    t.uncount();
                    full += 1;
                }
                Err(TrySendError::Disconnected(_)) => t.uncount(),
            }
        }
        full
    }

    /// Sends without waiting, and keeps what does not fit: each connection
    /// that is full (or that still has older packets kept) gets the packet
    /// appended to this port's backlog instead, in order. The process that
    /// owns the port delivers the backlog, waiting as a normal send does,
    /// before its next send or emit is delivered and after each activation
    /// (see [`flush_backlog`](Self::flush_backlog)); until then the packets
    /// count as in flight. This is what a [`Repeater`](crate::Repeater)
    /// uses: it forwards synchronously and cannot wait, and it must not
    /// lose a change. The owning process also delivers the backlog while it
    /// waits for input (it is woken when a packet is queued), so a change
    /// made outside its activations does not wait for the next one.
    ///
    /// Returns how many connections got the packet queued rather than sent.
    pub fn try_send_or_queue(&self, packet: Packet) -> usize {
        let mut backlog = self.inner.backlog.lock();
        let mut queued = 0;
        for (i, t) in self.inner.targets.iter().enumerate() {
            t.count();
            t.observe(&packet);
            if !backlog.is_empty() {
                // Reported now, delivered (in order) when the backlog is.
                backlog.push_back((i, packet.clone()));
                queued += 1;
                continue;
            }
            match t.tx.try_send(packet.clone()) {
                Ok(()) => {}
                Err(TrySendError::Full(p)) => {
                    backlog.push_back((i, p));
                    queued += 1;
                }
                Err(TrySendError::Disconnected(_)) => t.uncount(),
            }
        }
        self.inner.backlogged.store(backlog.len(), Ordering::Release);
        drop(backlog);
        if queued > 0 {
            self.inner.backlog_waker.wake();
        }
        queued
    }

    /// Ready when the backlog is not empty; otherwise registers `cx` to be
    /// woken when a packet is queued in it.
    pub(crate) fn poll_backlog(&self, cx: &mut Context<'_>) -> Poll<()> {
        self.inner.backlog_waker.register(cx.waker());
        if self.backlog_len() > 0 { Poll::Ready(()) } else { Poll::Pending }
    }

    /// Whether a handle to this port exists besides the one asking.
    #[inline]
    pub(crate) fn is_shared(&self) -> bool {
        Arc::strong_count(&self.inner) > 1
    }

    /// How many packets wait in the backlog (see [`try_send_or_queue`](Self::try_send_or_queue)).
    #[inline]
    pub fn backlog_len(&self) -> usize {
        self.inner.backlogged.load(Ordering::Acquire)
    }

    /// Delivers the backlog, oldest first, waiting while a connection is
    /// full. A packet leaves the backlog only once delivered, so packets
    /// queued meanwhile stay behind it.
    ///
    /// # Cancel safety
    /// Cancel safe in that no packet is lost: a cancelled flush leaves the
    /// undelivered packets in the backlog (one may be delivered twice if
    /// cancelled after the channel accepted it but before this returned).
    pub async fn flush_backlog(&self) {
        self.flush(false).await;
    }

    /// [`flush_backlog`](Self::flush_backlog) by the process that owns this port.
    pub(crate) async fn flush_backlog_owned(&self) {
        self.flush(true).await;
    }

    async fn flush(&self, owner: bool) {
        while self.backlog_len() > 0 {
            let front = self.inner.backlog.lock().front().cloned();
            let Some((i, packet)) = front else { break };
            let t = &self.inner.targets[i];
            if !t.send_waiting(packet, owner).await {
                t.uncount();
            }
            let mut backlog = self.inner.backlog.lock();
            backlog.pop_front();
            self.inner.backlogged.store(backlog.len(), Ordering::Release);
        }
    }

    /// The first step of [`send_chunk`](Self::send_chunk) with no array
    /// index, taken without building a future: on a port with exactly one
    /// connection, `chunk` is counted, observed and delivered if it fits.
    /// What could not be delivered comes back as [`ChunkSend::Full`]
    /// (counted: finish with [`wait_chunk`](Self::wait_chunk)); on any other
    /// port nothing is done and the chunk comes back as
    /// [`ChunkSend::NotSingle`] (finish with `send_chunk`).
    #[inline]
    pub(crate) fn try_send_chunk_single(&self, chunk: Chunk) -> ChunkSend {
        let [t] = &*self.inner.targets else { return ChunkSend::NotSingle(chunk) };
        t.count_n(chunk.len());
        t.observe_all(&chunk);
        match t.tx.try_send_chunk(chunk) {
            Ok(()) => ChunkSend::Done,
            Err(TrySendError::Full(rest)) => ChunkSend::Full(rest),
            Err(TrySendError::Disconnected(rest)) => {
                t.uncount_n(rest.len());
                ChunkSend::Done
            }
        }
    }

    /// Delivers `rest`, the [`ChunkSend::Full`] of
    /// [`try_send_chunk_single`](Self::try_send_chunk_single), waiting for room.
    pub(crate) async fn wait_chunk(&self, rest: Chunk) {
        let [t] = &*self.inner.targets else { unreachable!("ChunkSend::Full comes from a port with one connection") };
        wait_and_send_chunk(t, rest, true).await;
    }

    /// Sends the packets of `chunk`, in order, to every connection of
    /// this port (with `index`, only to those leaving that array index),
    /// waiting while a connection is full.
    ///
    /// Each packet is still one IP, counted, observed and in flight on its
    /// own; what is batched is the channel work: the chunk moves into a
    /// connection whole (no packet is copied), under one lock, and its
    /// receiver is woken once for it. With several connections (fan-out)
    /// each gets the chunk in turn, a clone for all but the last.
    ///
    /// Only the process that owns the port calls this (its context), so a
    /// wait is marked in the wait-for graph as its own.
    ///
    /// # Cancel safety
    /// Not cancel safe, as [`send`](Self::send): a cancelled call may have
    /// delivered the chunk to some connections only. Packets it did not
    /// deliver are no longer counted as in flight.
    pub(crate) async fn send_chunk(&self, index: Option<usize>, chunk: Chunk) {
        let targets = &self.inner.targets;
        let wanted = |t: &&Target| index.is_none() || t.src_index == index;
        let mut left = targets.iter().filter(wanted).count();
        let mut chunk = Some(chunk);
        for t in targets.iter().filter(wanted) {
            left -= 1;
            let c = if left > 0 { chunk.clone() } else { chunk.take() };
            chunk_to(t, c.expect("the chunk is kept until the last connection")).await;
        }
    }

    async fn deliver(&self, index: Option<usize>, packet: Packet, owner: bool) {
        let targets = &self.inner.targets;
        let wanted = |t: &&Target| index.is_none() || t.src_index == index;
        if targets.len() == 1 {
            if wanted(&&targets[0]) {
                self.one(&targets[0], packet, owner).await;
            }
            return;
        }
        let mut iter = targets.iter().filter(wanted).peekable();
        while let Some(t) = iter.next() {
            if iter.peek().is_some() {
                self.one(t, packet.clone(), owner).await;
            } else {
                self.one(t, packet, owner).await;
                break;
            }
        }
    }

    #[inline]
    async fn one(&self, t: &Target, packet: Packet, owner: bool) {
        t.count();
        t.observe(&packet);
        // Deliver without building a future when there is room; wait otherwise.
        let delivered = match t.tx.try_send(packet) {
            Ok(()) => true,
            Err(TrySendError::Full(packet)) => wait_and_send(t, packet, owner).await,
            Err(TrySendError::Disconnected(_)) => false,
        };
        if !delivered {
            // The receiving process has ended; the packet is dropped.
            t.uncount();
        }
    }
}

/// What [`OutPort::try_send_chunk_single`] did.
pub(crate) enum ChunkSend {
    /// Delivered (or dropped, the receiver having ended).
    Done,
    /// Counted and observed; these packets wait for room.
    Full(Chunk),
    /// Not tried: the port has no connection or several.
    NotSingle(Chunk),
}

/// Delivers `chunk` on connection `t`: counted and observed first, then
/// moved whole if it fits, waiting for room otherwise.
#[inline]
async fn chunk_to(t: &Target, chunk: Chunk) {
    t.count_n(chunk.len());
    t.observe_all(&chunk);
    match t.tx.try_send_chunk(chunk) {
        Ok(()) => {}
        // Whole, or only its start moved (a chunk heavier than the capacity).
        Err(TrySendError::Full(rest)) => wait_and_send_chunk(t, rest, true).await,
        // The receiving process has ended; the packets are dropped.
        Err(TrySendError::Disconnected(rest)) => t.uncount_n(rest.len()),
    }
}

/// Waits for room on a full connection. If the wait is cancelled, the
/// packet is not sent and no longer counted as in flight.
#[cold]
async fn wait_and_send(t: &Target, packet: Packet, owner: bool) -> bool {
    struct Uncount<'a>(Option<&'a Target>);
    impl Drop for Uncount<'_> {
        fn drop(&mut self) {
            if let Some(t) = self.0 {
                t.uncount();
            }
        }
    }
    let mut cancelled = Uncount(Some(t));
    let delivered = t.send_waiting(packet, owner).await;
    cancelled.0 = None;
    delivered
}

/// Waits for room on a full connection and delivers `chunk`. What is not
/// delivered (the receiver ended, or the wait was cancelled) is dropped and
/// no longer counted.
#[cold]
async fn wait_and_send_chunk(t: &Target, chunk: Chunk, owner: bool) {
    struct Uncount<'a> {
        t: &'a Target,
        chunk: Chunk,
    }
    impl Drop for Uncount<'_> {
        fn drop(&mut self) {
            if !self.chunk.is_empty() {
                self.t.uncount_n(self.chunk.len());
            }
        }
    }
    let mut guard = Uncount { t, chunk };
    // On Err(Disconnected) the packets left are uncounted by the guard.
    let _ = t.send_chunk_waiting(&mut guard.chunk, owner).await;
}

impl Drop for Inner {
    fn drop(&mut self) {
        // The owning process ended (and every clone is gone) with packets
        // still queued: they will never be delivered, so they are no longer
        // in flight.
        for (i, _) in self.backlog.get_mut().drain(..) {
            self.targets[i].uncount();
        }
    }
}

impl fmt::Debug for OutPort {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OutPort").field("name", &self.inner.name).field("connections", &self.inner.targets.len()).finish()
    }
}

#[cfg(test)]
mod tests;
