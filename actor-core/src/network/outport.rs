use std::collections::VecDeque;
use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::ops::Deref;

use futures::task::AtomicWaker;
use parking_lot::Mutex;

use super::activity::Activity;
use super::observe::EdgeObserver;
use crate::Packet;

/// A packet counter alone on its cache line (128 bytes covers the adjacent-line
/// prefetch of x86 and the line size of Apple silicon). Counters of different
/// connections are written by different worker threads on every packet;
/// packed next to each other they would share a line and stall each other.
///
/// It also holds the connection's observer tap (see [`EdgeObserver`]): a
/// flag read on every send, on the line the counter already writes, so an
/// unwatched connection pays one relaxed load.
#[derive(Default)]
#[repr(align(128))]
pub(crate) struct PacketCount {
    sent: AtomicU64,
    watched: AtomicBool,
    /// The connection's index in the network and the observer to call.
    tap: Option<(usize, Arc<dyn EdgeObserver>)>,
}

impl PacketCount {
    /// A counter whose packets go to `observer` as connection `index`
    /// while the connection is watched.
    pub(crate) fn tapped(index: usize, observer: Option<Arc<dyn EdgeObserver>>) -> Self {
        Self { tap: observer.map(|o| (index, o)), ..Self::default() }
    }

    /// Whether the connection's packets are reported to its observer.
    #[inline]
    fn is_watched(&self) -> bool {
        self.watched.load(Ordering::Relaxed)
    }

    /// Starts or stops reporting this connection's packets to its observer.
    pub(crate) fn set_watched(&self, on: bool) {
        self.watched.store(on, Ordering::Relaxed);
    }

    /// Reports `packet` to the observer if the connection is watched.
    #[inline]
    fn observe(&self, packet: &Packet) {
        if self.is_watched() {
            if let Some((index, observer)) = &self.tap {
                observer.packet(*index, packet);
            }
        }
    }
}

impl Deref for PacketCount {
    type Target = AtomicU64;
    /// The number of packets sent.
    fn deref(&self) -> &AtomicU64 {
        &self.sent
    }
}

impl fmt::Debug for PacketCount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PacketCount")
            .field("sent", &self.sent)
            .field("watched", &self.watched)
            .field("tapped", &self.tap.is_some())
            .finish()
    }
}

/// One connection out of an outport: a sender into the target inport's channel.
#[derive(Debug, Clone)]
pub(crate) struct Target {
    pub(crate) tx: flume::Sender<Packet>,
    /// The source array index this connection leaves from (`OUT[1]` is 1).
    pub(crate) src_index: Option<usize>,
    /// Packets sent on this connection so far.
    pub(crate) sent: Arc<PacketCount>,
    /// Whether packets on this connection count as in flight for
    /// quiescence detection: false for an exported outport, whose packets
    /// leave the network (no process will ever receive them).
    pub(crate) in_network: bool,
}

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
    activity: Option<Arc<Activity>>,
    /// Packets a synchronous sender could not deliver (connection full),
    /// as (target index, packet), oldest first.
    backlog: Mutex<VecDeque<(usize, Packet)>>,
    backlogged: AtomicUsize,
    /// Woken when a packet is queued in the backlog, so the owning process
    /// delivers it even while it waits for input.
    backlog_waker: AtomicWaker,
}

impl OutPort {
    pub(crate) fn new(name: Arc<str>, targets: Vec<Target>, activity: Option<Arc<Activity>>) -> Self {
        Self {
            inner: Arc::new(Inner {
                name,
                targets: targets.into_boxed_slice(),
                activity,
                backlog: Mutex::new(VecDeque::new()),
                backlogged: AtomicUsize::new(0),
                backlog_waker: AtomicWaker::new(),
            }),
        }
    }

    /// The port's name.
    pub fn name(&self) -> &str {
        &self.inner.name
    }

    /// Whether any connection leaves this port.
    pub fn is_connected(&self) -> bool {
        !self.inner.targets.is_empty()
    }

    /// How many connections leave this port.
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
        self.deliver(None, packet).await;
    }

    /// Sends `packet` to the connections leaving array index `index` only.
    ///
    /// # Cancel safety
    /// As for [`send`](Self::send).
    pub async fn send_to(&self, index: usize, packet: Packet) {
        self.deliver(Some(index), packet).await;
    }

    /// Delivers `packet` without building a future when this port has
    /// exactly one connection and it has room; otherwise hands the packet
    /// back for the waiting path ([`send`](Self::send)). A connection whose
    /// receiver has ended drops the packet, as `send` does.
    #[inline]
    pub(crate) fn try_send_single(&self, packet: Packet) -> Result<(), Packet> {
        let [t] = &*self.inner.targets else { return Err(packet) };
        // Count before the packet becomes visible, so quiescence detection
        // never sees it received before it was sent.
        if t.sent.is_watched() {
            // A watched connection takes the waiting path, which reports the packet once.
            return Err(packet);
        }
        self.count(t);
        match t.tx.try_send(packet) {
            Ok(()) => Ok(()),
            Err(flume::TrySendError::Full(p)) => {
                self.uncount(t);
                Err(p)
            }
            Err(flume::TrySendError::Disconnected(_)) => {
                self.uncount(t);
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
            self.count(t);
            match t.tx.try_send(packet.clone()) {
                Ok(()) => t.sent.observe(packet),
                Err(flume::TrySendError::Full(_)) => {
                    self.uncount(t);
                    full += 1;
                }
                Err(flume::TrySendError::Disconnected(_)) => self.uncount(t),
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
            self.count(t);
            t.sent.observe(&packet);
            if !backlog.is_empty() {
                // Reported now, delivered (in order) when the backlog is.
                backlog.push_back((i, packet.clone()));
                queued += 1;
                continue;
            }
            match t.tx.try_send(packet.clone()) {
                Ok(()) => {}
                Err(flume::TrySendError::Full(p)) => {
                    backlog.push_back((i, p));
                    queued += 1;
                }
                Err(flume::TrySendError::Disconnected(_)) => self.uncount(t),
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
    pub(crate) fn poll_backlog(&self, cx: &mut std::task::Context<'_>) -> std::task::Poll<()> {
        self.inner.backlog_waker.register(cx.waker());
        if self.backlog_len() > 0 { std::task::Poll::Ready(()) } else { std::task::Poll::Pending }
    }

    /// Whether a handle to this port exists besides the one asking.
    pub(crate) fn is_shared(&self) -> bool {
        Arc::strong_count(&self.inner) > 1
    }

    /// How many packets wait in the backlog (see [`try_send_or_queue`](Self::try_send_or_queue)).
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
        while self.backlog_len() > 0 {
            let front = self.inner.backlog.lock().front().cloned();
            let Some((i, packet)) = front else { break };
            let t = &self.inner.targets[i];
            if t.tx.send_async(packet).await.is_err() {
                self.uncount(t);
            }
            let mut backlog = self.inner.backlog.lock();
            backlog.pop_front();
            self.inner.backlogged.store(backlog.len(), Ordering::Release);
        }
    }

    async fn deliver(&self, index: Option<usize>, packet: Packet) {
        let targets = &self.inner.targets;
        let wanted = |t: &&Target| index.is_none() || t.src_index == index;
        if targets.len() == 1 {
            if wanted(&&targets[0]) {
                self.one(&targets[0], packet).await;
            }
            return;
        }
        let mut iter = targets.iter().filter(wanted).peekable();
        while let Some(t) = iter.next() {
            if iter.peek().is_some() {
                self.one(t, packet.clone()).await;
            } else {
                self.one(t, packet).await;
                break;
            }
        }
    }

    #[inline]
    async fn one(&self, t: &Target, packet: Packet) {
        self.count(t);
        t.sent.observe(&packet);
        // Deliver without building a future when there is room; wait otherwise.
        let delivered = match t.tx.try_send(packet) {
            Ok(()) => true,
            Err(flume::TrySendError::Full(packet)) => self.wait_and_send(t, packet).await,
            Err(flume::TrySendError::Disconnected(_)) => false,
        };
        if !delivered {
            // The receiving process has ended; the packet is dropped.
            self.uncount(t);
        }
    }

    /// Waits for room on a full connection. If the wait is cancelled, the
    /// packet is not sent and no longer counted as in flight.
    #[cold]
    async fn wait_and_send(&self, t: &Target, packet: Packet) -> bool {
        struct Uncount<'a>(Option<(&'a OutPort, &'a Target)>);
        impl Drop for Uncount<'_> {
            fn drop(&mut self) {
                if let Some((out, t)) = self.0 {
                    out.uncount(t);
                }
            }
        }
        let mut cancelled = Uncount(Some((self, t)));
        let delivered = t.tx.send_async(packet).await.is_ok();
        cancelled.0 = None;
        delivered
    }

    #[inline]
    fn count(&self, t: &Target) {
        t.sent.fetch_add(1, Ordering::Relaxed);
        if let Some(a) = self.inner.activity.as_ref().filter(|_| t.in_network) {
            a.add(1);
        }
    }

    fn uncount(&self, t: &Target) {
        t.sent.fetch_sub(1, Ordering::Relaxed);
        if let Some(a) = self.inner.activity.as_ref().filter(|_| t.in_network) {
            a.done();
        }
    }
}

impl Drop for Inner {
    fn drop(&mut self) {
        // The owning process ended (and every clone is gone) with packets
        // still queued: they will never be delivered, so they are no longer
        // in flight.
        for (i, _) in self.backlog.get_mut().drain(..) {
            let t = &self.targets[i];
            t.sent.fetch_sub(1, Ordering::Relaxed);
            if let Some(a) = self.activity.as_ref().filter(|_| t.in_network) {
                a.done();
            }
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
