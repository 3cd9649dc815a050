use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use super::activity::Activity;
use crate::Packet;

/// One connection out of an outport: a sender into the target inport's channel.
#[derive(Debug, Clone)]
pub(crate) struct Target {
    pub(crate) tx: flume::Sender<Packet>,
    /// The source array index this connection leaves from (`OUT[1]` is 1).
    pub(crate) src_index: Option<usize>,
    /// Packets sent on this connection so far.
    pub(crate) sent: Arc<AtomicU64>,
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
}

impl OutPort {
    pub(crate) fn new(name: Arc<str>, targets: Vec<Target>, activity: Option<Arc<Activity>>) -> Self {
        Self { inner: Arc::new(Inner { name, targets: targets.into_boxed_slice(), activity }) }
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
    /// Not cancel safe: a cancelled send may have reached only some connections.
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
                Ok(()) => {}
                Err(flume::TrySendError::Full(_)) => {
                    self.uncount(t);
                    full += 1;
                }
                Err(flume::TrySendError::Disconnected(_)) => self.uncount(t),
            }
        }
        full
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
        // Deliver without building a future when there is room; wait otherwise.
        let delivered = match t.tx.try_send(packet) {
            Ok(()) => true,
            Err(flume::TrySendError::Full(packet)) => t.tx.send_async(packet).await.is_ok(),
            Err(flume::TrySendError::Disconnected(_)) => false,
        };
        if !delivered {
            // The receiving process has ended; the packet is dropped.
            self.uncount(t);
        }
    }

    #[inline]
    fn count(&self, t: &Target) {
        t.sent.fetch_add(1, Ordering::Relaxed);
        if let Some(a) = &self.inner.activity {
            a.add(1);
        }
    }

    fn uncount(&self, t: &Target) {
        t.sent.fetch_sub(1, Ordering::Relaxed);
        if let Some(a) = &self.inner.activity {
            a.done();
        }
    }
}

impl fmt::Debug for OutPort {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OutPort").field("name", &self.inner.name).field("connections", &self.inner.targets.len()).finish()
    }
}
