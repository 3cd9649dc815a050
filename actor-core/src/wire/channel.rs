//! The channel behind a connection: a bounded queue of packets into one
//! inport (one index of an array inport) that carries them in chunks.
//!
//! Every connection into the inport holds a [`Sender`]; the receiving
//! process holds the [`Receiver`] (an exported outport's handles share
//! clones of one). The queue is a queue of chunks ([`Chunk`]), and
//! its capacity is counted in packets, so backpressure is exactly what the
//! network was configured with, whatever the chunking. A packet whose
//! string, bytes or error payload is long counts as more than one (see
//! [`Packet::weight`]), so that a connection of long lines holds a bounded number
//! of bytes too; a packet heavier than the whole capacity still goes into
//! an empty queue, alone.
//!
//! - A chunk sent whole ([`Sender::send_chunk`]) moves as one pointer: no
//!   packet is copied, and the channel is locked once for all of them.
//! - A single packet ([`Sender::try_send`]) joins the last chunk queued if
//!   the receiver has not taken it yet (at most [`CHUNK`] packets), or
//!   starts a new one.
//! - The receiver takes whole chunks ([`Receiver::poll_recv_chunks`]),
//!   which the process's input buffer reads from in place.
//!
//! A sleeping side is woken once per chunk, not once per packet. Why not a
//! general channel: it pays one lock, one waiter check and one copy per
//! packet on each side (`BENCHMARKS.md` has the measurements that chose
//! this).
//!
//! The queue sits behind a `parking_lot` mutex, held only to move packets
//! and wakers (never while calling out), so it works on every executor and
//! on `wasm32-unknown-unknown`.

use std::collections::VecDeque;
use std::fmt;
use std::future::poll_fn;
use std::sync::Arc;
use std::task::{Context, Poll, Waker};

use parking_lot::Mutex;

use crate::message::Chunk;
use crate::Packet;

/// The most packets in one chunk: a sender gathers at most this many
/// before handing them over, and single packets join a queued chunk only
/// while it is shorter.
pub(crate) const CHUNK: usize = 64;

/// A new channel holding at most `capacity` packets (at least 1).
pub(crate) fn bounded(capacity: usize) -> (Sender, Receiver) {
    let capacity = capacity.max(1);
    let chan = Arc::new(Chan {
        state: Mutex::new(State {
            queue: VecDeque::new(),
            len: 0,
            capacity,
            senders: 1,
            receivers: 1,
            recv_waiting: Waiters::default(),
            send_waiting: Waiters::default(),
            parked: VecDeque::new(),
            next_waiter: 0,
        }),
        capacity,
    });
    (Sender { chan: chan.clone() }, Receiver { chan })
}

struct Chan {
    state: Mutex<State>,
    /// The most packets the queue may hold (also in `State`, read without the lock).
    capacity: usize,
}

struct State {
    /// Chunks, oldest first, none empty.
    queue: VecDeque<Chunk>,
    /// The summed [`Packet::weight`] of the packets in `queue` (their number, when
    /// none is heavy).
    len: usize,
    /// The most packets `queue` may hold.
    capacity: usize,
    /// Live [`Sender`] clones; at zero, the receivers see the end.
    senders: usize,
    /// Live [`Receiver`] clones; at zero, sends fail.
    receivers: usize,
    /// Tasks waiting for a packet.
    recv_waiting: Waiters,
    /// Tasks waiting for room.
    send_waiting: Waiters,
    /// Chunks of senders waiting for room ([`Sender::send_chunk`]), oldest
    /// first, with the sender's id and waker. Not counted in `len`: a
    /// receiver that makes room moves them into the queue and wakes their
    /// senders, so the queue is refilled without waiting for a sender to
    /// run again. Each weighs at most `capacity`; while any waits, the
    /// queue is not empty.
    parked: VecDeque<(u64, Chunk, Waker)>,
    next_waiter: u64,
}

/// Tasks waiting on one side of a channel, each under the id its waiting
/// slot holds. Almost always zero or one, so the first needs no allocation.
#[derive(Default)]
struct Waiters {
    first: Option<(u64, Waker)>,
    rest: Vec<(u64, Waker)>,
}

impl Waiters {
    fn is_empty(&self) -> bool {
        self.first.is_none() && self.rest.is_empty()
    }

    /// Registers `waker` under `slot`'s id, giving the slot an id if it has none.
    fn register(&mut self, slot: &mut Option<u64>, next: &mut u64, waker: &Waker) {
        if let Some(id) = *slot {
            let found = self.first.iter_mut().chain(self.rest.iter_mut()).find(|(i, _)| *i == id);
            if let Some((_, w)) = found {
                if !w.will_wake(waker) {
                    w.clone_from(waker);
                }
                return;
            }
        }
        let id = *next;
        *next += 1;
        *slot = Some(id);
        if self.first.is_none() {
            self.first = Some((id, waker.clone()));
        } else {
            self.rest.push((id, waker.clone()));
        }
    }

    fn remove(&mut self, id: u64) {
        if self.first.as_ref().is_some_and(|(i, _)| *i == id) {
            self.first = self.rest.pop();
        } else {
            self.rest.retain(|(i, _)| *i != id);
        }
    }

    /// Takes every waiter, to be woken once the lock is released.
    fn take(&mut self) -> Wake {
        Wake(self.first.take(), std::mem::take(&mut self.rest), false)
    }
}

/// Wakers taken out of a channel, woken after its lock is released.
///
/// A wake is *deferrable* when it tells receivers of a queue under half
/// full: on an executor that defers wakes (`rt::PinnedExecutor`) it is then
/// delivered when the sending task's poll returns, so that a producer
/// sending chunk after chunk wakes its consumer once (see `rt::defer`).
/// Every other wake is delivered at once. (Deferring the wakes of senders
/// waiting for room the same way was measured slower: the producer then
/// waits for the end of the consumer's poll.)
#[must_use]
struct Wake(Option<(u64, Waker)>, Vec<(u64, Waker)>, bool);

impl Wake {
    const NONE: Wake = Wake(None, Vec::new(), false);

    fn push(&mut self, waiter: (u64, Waker)) {
        if self.0.is_none() {
            self.0 = Some(waiter);
        } else {
            self.1.push(waiter);
        }
    }

    fn extend(&mut self, other: Wake) {
        if let Some(w) = other.0 {
            self.push(w);
        }
        for w in other.1 {
            self.push(w);
        }
    }

    /// Wakes them; nothing to do (the common case) is one test, inline.
    #[inline(always)]
    fn wake(self) {
        if self.0.is_some() {
            self.wake_all();
        }
    }

    /// [`wake`](Self::wake) with a waker to wake (the first slot is filled
    /// before the rest, so an empty first slot means no waker at all).
    #[inline(never)]
    fn wake_all(self) {
        let deliver = |w: Waker| if self.2 { crate::rt::defer::wake(w) } else { w.wake() };
        if let Some((_, w)) = self.0 {
            deliver(w);
        }
        for (_, w) in self.1 {
            deliver(w);
        }
    }
}

/// Why a send did not deliver; what was not delivered is handed back.
#[derive(Debug)]
pub(crate) enum TrySendError<T> {
    /// The channel has no room for it.
    Full(T),
    /// Every receiver has been dropped. (What was sent is handed back so
    /// that it is dropped by the caller, outside the channel's lock.)
    #[allow(dead_code)]
    Disconnected(T),
}

/// Every receiver has been dropped: nothing sent can be delivered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Disconnected;

/// The sending side of a channel. Cloning adds a sender; the channel ends
/// for its receivers once every sender is dropped and the queue is empty.
pub(crate) struct Sender {
    chan: Arc<Chan>,
}

impl Sender {
    /// Delivers `packet` if there is room, without waiting.
    ///
    /// # Errors
    /// [`TrySendError::Full`] or [`TrySendError::Disconnected`], with the packet.
    #[inline]
    pub(crate) fn try_send(&self, packet: Packet) -> Result<(), TrySendError<Packet>> {
        let mut s = self.chan.state.lock();
        if s.receivers == 0 {
            return Err(TrySendError::Disconnected(packet));
        }
        let w = packet.weight();
        if s.len + w > s.capacity && s.len > 0 {
            return Err(TrySendError::Full(packet));
        }
        match s.queue.back_mut() {
            Some(last) if last.len() < CHUNK => last.push(packet, w),
            _ => s.queue.push_back(Chunk::single(packet, w)),
        }
        s.len += w;
        let wake = s.wake_receivers();
        drop(s);
        wake.wake();
        Ok(())
    }

    /// Delivers `chunk` whole if it fits, without waiting. A chunk heavier
    /// than the capacity fits only an empty channel, and then only its
    /// longest start that fits moves, one packet at least (the rest is
    /// handed back as `Full`).
    ///
    /// # Errors
    /// [`TrySendError::Full`] or [`TrySendError::Disconnected`], with what
    /// was not delivered.
    #[inline]
    pub(crate) fn try_send_chunk(&self, chunk: Chunk) -> Result<(), TrySendError<Chunk>> {
        let mut s = self.chan.state.lock();
        let r = s.push_chunk(chunk);
        let wake = s.wake_receivers();
        drop(s);
        wake.wake();
        r
    }

    /// Sends `packet`, waiting while the channel is full.
    ///
    /// # Errors
    /// Hands the packet back when every receiver has been dropped.
    ///
    /// # Cancel safety
    /// Dropping the future before it completes leaves the packet unsent.
    pub(crate) async fn send(&self, packet: Packet) -> Result<(), Packet> {
        let mut slot = SendSlot { chan: &self.chan, id: None };
        let need = packet.weight();
        let mut packet = Some(packet);
        poll_fn(|cx| loop {
            match self.try_send(packet.take().expect("polled after completion")) {
                Ok(()) => return Poll::Ready(Ok(())),
                Err(TrySendError::Disconnected(p)) => return Poll::Ready(Err(p)),
                Err(TrySendError::Full(p)) => {
                    packet = Some(p);
                    if self.register_or_retry(&mut slot, cx, need).is_pending() {
                        return Poll::Pending;
                    }
                }
            }
        })
        .await
    }

    /// Sends the packets of `chunk`, waiting for room; they move whole
    /// when they fit in the capacity, in pieces otherwise. `chunk` is left
    /// empty when this returns `Ok`.
    ///
    /// # Errors
    /// [`Disconnected`] when every receiver has been dropped; the packets
    /// not delivered stay in `chunk`.
    ///
    /// # Cancel safety
    /// Packets leave `chunk` only once delivered: a dropped future leaves
    /// the undelivered ones in it.
    pub(crate) async fn send_chunk(&self, chunk: &mut Chunk) -> Result<(), Disconnected> {
        if chunk.weight() <= self.chan.capacity {
            let mut park = Park { chan: &self.chan, id: None, chunk };
            return poll_fn(|cx| park.poll(cx)).await;
        }
        // Heavier than the capacity: moved in pieces, each once the queue is empty.
        let mut slot = SendSlot { chan: &self.chan, id: None };
        poll_fn(|cx| loop {
            let left = chunk.len();
            let need = chunk.weight();
            match self.try_send_chunk(chunk.take()) {
                Ok(()) => return Poll::Ready(Ok(())),
                Err(TrySendError::Disconnected(c)) => {
                    *chunk = c;
                    return Poll::Ready(Err(Disconnected));
                }
                Err(TrySendError::Full(c)) => {
                    *chunk = c;
                    if chunk.len() < left {
                        continue; // part of it moved; try the rest
                    }
                    if self.register_or_retry(&mut slot, cx, need).is_pending() {
                        return Poll::Pending;
                    }
                }
            }
        })
        .await
    }

    /// Registers `cx` to be woken when room is made; `Ready` instead when
    /// room for a weight of `need` (or an empty queue) appeared meanwhile.
    fn register_or_retry(&self, slot: &mut SendSlot<'_>, cx: &mut Context<'_>, need: usize) -> Poll<()> {
        let mut s = self.chan.state.lock();
        if s.receivers == 0 || s.len == 0 || s.len + need <= s.capacity {
            return Poll::Ready(());
        }
        let State { send_waiting, next_waiter, .. } = &mut *s;
        send_waiting.register(&mut slot.id, next_waiter, cx.waker());
        Poll::Pending
    }

    /// How many senders the channel has, this one included.
    pub(crate) fn sender_count(&self) -> usize {
        self.chan.state.lock().senders
    }
}

impl State {
    /// Queues `chunk` whole if it fits (see [`Sender::try_send_chunk`]).
    #[inline]
    fn push_chunk(&mut self, mut chunk: Chunk) -> Result<(), TrySendError<Chunk>> {
        if self.receivers == 0 {
            return Err(TrySendError::Disconnected(chunk));
        }
        if chunk.is_empty() {
            return Ok(());
        }
        let w = chunk.weight();
        if self.len + w <= self.capacity {
            self.len += w;
            self.queue.push_back(chunk);
            return Ok(());
        }
        if self.len == 0 {
            // Heavier than the capacity: its longest start that fits (one
            // packet at least) moves now.
            let (mut n, mut moved) = (0, 0);
            for p in chunk.iter() {
                let pw = p.weight();
                if n > 0 && moved + pw > self.capacity {
                    break;
                }
                n += 1;
                moved += pw;
            }
            let rest = chunk.split_off(n, moved);
            self.len = moved;
            self.queue.push_back(chunk);
            return Err(TrySendError::Full(rest));
        }
        Err(TrySendError::Full(chunk))
    }

    /// The receivers to wake once the lock is released, if a packet waits;
    /// deferrable while the queue is under half full (see [`Wake`]).
    #[inline]
    fn wake_receivers(&mut self) -> Wake {
        if self.len > 0 && !self.recv_waiting.is_empty() {
            let mut wake = self.recv_waiting.take();
            wake.2 = self.len * 2 < self.capacity;
            wake
        } else {
            Wake::NONE
        }
    }

    /// Passes whole chunks to `f`, oldest first, while their packets add
    /// up to at most `max` (always at least one chunk); returns how many
    /// packets, and the senders to wake.
    #[inline]
    fn pop_chunks(&mut self, max: usize, f: &mut impl FnMut(Chunk)) -> (usize, Wake) {
        let mut n = 0;
        while let Some(front) = self.queue.front() {
            if n > 0 && n + front.len() > max {
                break;
            }
            let chunk = self.queue.pop_front().expect("a front chunk");
            n += chunk.len();
            self.len -= chunk.weight();
            f(chunk);
        }
        let mut wake = if n > 0 && !self.send_waiting.is_empty() { self.send_waiting.take() } else { Wake::NONE };
        self.unpark(&mut wake);
        (n, wake)
    }

    /// Moves parked chunks into the queue, oldest first, while they fit,
    /// adding their senders (and, if any moved, waiting receivers) to `wake`.
    #[inline]
    fn unpark(&mut self, wake: &mut Wake) {
        let mut moved = false;
        while self.parked.front().is_some_and(|(_, c, _)| self.len + c.weight() <= self.capacity) {
            let (id, chunk, waker) = self.parked.pop_front().expect("a parked chunk");
            self.len += chunk.weight();
            self.queue.push_back(chunk);
            wake.push((id, waker));
            moved = true;
        }
        if moved {
            let receivers = self.wake_receivers();
            wake.extend(receivers);
        }
    }
}

/// A chunk on its way into a channel (see [`Sender::send_chunk`]): queued
/// at once if it fits, else parked in the channel until a receiver makes
/// room and moves it. Dropped while parked, it takes its chunk back.
struct Park<'a> {
    chan: &'a Chan,
    /// Its id among the parked chunks, while parked.
    id: Option<u64>,
    /// Weighs at most the capacity.
    chunk: &'a mut Chunk,
}

impl Park<'_> {
    fn poll(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Disconnected>> {
        let mut s = self.chan.state.lock();
        if let Some(id) = self.id {
            let Some(i) = s.parked.iter().position(|(p, _, _)| *p == id) else {
                // A receiver moved it into the queue.
                self.id = None;
                return Poll::Ready(Ok(()));
            };
            if s.receivers == 0 {
                let (_, chunk, _) = s.parked.remove(i).expect("a parked chunk");
                *self.chunk = chunk;
                self.id = None;
                return Poll::Ready(Err(Disconnected));
            }
            let waker = &mut s.parked[i].2;
            if !waker.will_wake(cx.waker()) {
                waker.clone_from(cx.waker());
            }
            return Poll::Pending;
        }
        if s.receivers == 0 {
            return Poll::Ready(Err(Disconnected));
        }
        if self.chunk.is_empty() {
            return Poll::Ready(Ok(()));
        }
        let w = self.chunk.weight();
        if s.parked.is_empty() && s.len + w <= s.capacity {
            s.len += w;
            s.queue.push_back(self.chunk.take());
            let wake = s.wake_receivers();
            drop(s);
            wake.wake();
            return Poll::Ready(Ok(()));
        }
        let id = s.next_waiter;
        s.next_waiter += 1;
        s.parked.push_back((id, self.chunk.take(), cx.waker().clone()));
        self.id = Some(id);
        Poll::Pending
    }
}

impl Drop for Park<'_> {
    fn drop(&mut self) {
        if let Some(id) = self.id {
            let mut s = self.chan.state.lock();
            if let Some(i) = s.parked.iter().position(|(p, _, _)| *p == id) {
                let (_, chunk, _) = s.parked.remove(i).expect("a parked chunk");
                *self.chunk = chunk;
            }
        }
    }
}

impl Clone for Sender {
    fn clone(&self) -> Self {
        self.chan.state.lock().senders += 1;
        Self { chan: self.chan.clone() }
    }
}

impl Drop for Sender {
    fn drop(&mut self) {
        let mut s = self.chan.state.lock();
        s.senders -= 1;
        let wake = if s.senders == 0 { s.recv_waiting.take() } else { Wake::NONE };
        drop(s);
        wake.wake();
    }
}

impl fmt::Debug for Sender {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Sender").finish_non_exhaustive()
    }
}

/// The receiving side of a channel. Clones share the queue: each packet
/// goes to one of them.
pub(crate) struct Receiver {
    chan: Arc<Chan>,
}

/// Why [`Receiver::try_recv`] returned nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TryRecvError {
    /// Nothing waiting now; senders remain.
    Empty,
    /// Nothing waiting, and every sender has been dropped.
    Disconnected,
}

impl Receiver {
    /// The oldest waiting packet, without waiting. (Takes it out of its
    /// chunk: for exported outports and tests, not the per-packet path of
    /// processes, which take whole chunks.)
    ///
    /// # Errors
    /// [`TryRecvError::Empty`] or [`TryRecvError::Disconnected`].
    pub(crate) fn try_recv(&self) -> Result<Packet, TryRecvError> {
        let mut s = self.chan.state.lock();
        let Some(front) = s.queue.front_mut() else {
            return Err(if s.senders == 0 { TryRecvError::Disconnected } else { TryRecvError::Empty });
        };
        let (packet, w) = front.remove_first();
        if front.is_empty() {
            s.queue.pop_front();
        }
        s.len -= w;
        let mut wake = if s.send_waiting.is_empty() { Wake::NONE } else { s.send_waiting.take() };
        s.unpark(&mut wake);
        drop(s);
        wake.wake();
        Ok(packet)
    }

    /// Passes waiting chunks, oldest first, to `f` (called with the channel
    /// locked: it must not touch the channel) while their packets add up to
    /// at most `max`, and always at least one chunk; returns how many
    /// packets, 0 when none is waiting.
    ///
    /// # Errors
    /// [`Disconnected`] when nothing is waiting and every sender has been dropped.
    #[cfg_attr(not(test), allow(dead_code))] // processes wait with `poll_recv_chunks`
    pub(crate) fn try_recv_chunks(&self, max: usize, mut f: impl FnMut(Chunk)) -> Result<usize, Disconnected> {
        let mut s = self.chan.state.lock();
        if s.queue.is_empty() {
            return if s.senders == 0 { Err(Disconnected) } else { Ok(0) };
        }
        let (n, wake) = s.pop_chunks(max, &mut f);
        drop(s);
        wake.wake();
        Ok(n)
    }

    /// Like [`try_recv_chunks`](Self::try_recv_chunks), but when nothing is
    /// waiting registers `cx` (under `slot`, see [`RecvSlot`]) to be woken
    /// when a packet arrives or the last sender goes. `Ready(None)` once
    /// the channel has ended; otherwise `Ready(Some(n))` with `n >= 1` packets.
    #[inline]
    pub(crate) fn poll_recv_chunks(&self, slot: &mut RecvSlot, cx: &mut Context<'_>, max: usize, mut f: impl FnMut(Chunk)) -> Poll<Option<usize>> {
        let mut s = self.chan.state.lock();
        if s.queue.is_empty() {
            if s.senders == 0 {
                return Poll::Ready(None);
            }
            let State { recv_waiting, next_waiter, .. } = &mut *s;
            recv_waiting.register(&mut slot.0, next_waiter, cx.waker());
            return Poll::Pending;
        }
        let (n, wake) = s.pop_chunks(max, &mut f);
        drop(s);
        wake.wake();
        Poll::Ready(Some(n))
    }

    /// Removes `slot`'s registration, if any (its owner no longer waits).
    pub(crate) fn forget(&self, slot: &mut RecvSlot) {
        if let Some(id) = slot.0.take() {
            self.chan.state.lock().recv_waiting.remove(id);
        }
    }

    /// The next packet, waiting for one; `None` once every sender has been
    /// dropped and the queue is empty.
    ///
    /// # Cancel safety
    /// Cancel safe: a packet is taken only when it is returned.
    pub(crate) async fn recv(&self) -> Option<Packet> {
        let mut guard = RecvGuard { rx: self, slot: RecvSlot::default() };
        poll_fn(|cx| match self.try_recv() {
            Ok(p) => Poll::Ready(Some(p)),
            Err(TryRecvError::Disconnected) => Poll::Ready(None),
            Err(TryRecvError::Empty) => {
                let mut s = self.chan.state.lock();
                if s.len > 0 || s.senders == 0 {
                    drop(s);
                    cx.waker().wake_by_ref();
                } else {
                    let State { recv_waiting, next_waiter, .. } = &mut *s;
                    recv_waiting.register(&mut guard.slot.0, next_waiter, cx.waker());
                }
                Poll::Pending
            }
        })
        .await
    }

    /// Whether no packet is waiting.
    pub(crate) fn is_empty(&self) -> bool {
        self.chan.state.lock().len == 0
    }
}

impl Clone for Receiver {
    fn clone(&self) -> Self {
        self.chan.state.lock().receivers += 1;
        Self { chan: self.chan.clone() }
    }
}

impl Drop for Receiver {
    fn drop(&mut self) {
        let mut s = self.chan.state.lock();
        s.receivers -= 1;
        let mut wake = Wake::NONE;
        if s.receivers == 0 {
            // Waiting senders see the end; parked ones take their chunks back.
            wake = s.send_waiting.take();
            for (id, _, waker) in &s.parked {
                wake.push((*id, waker.clone()));
            }
        }
        drop(s);
        wake.wake();
    }
}

impl fmt::Debug for Receiver {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Receiver").finish_non_exhaustive()
    }
}

/// A receiving task's registration with one channel, kept between polls
/// so that waiting again replaces it instead of adding another. Its owner
/// calls [`Receiver::forget`] when it stops waiting for good.
#[derive(Debug, Default)]
pub(crate) struct RecvSlot(Option<u64>);

/// A sending future's registration; removed when the future ends or is dropped.
struct SendSlot<'a> {
    chan: &'a Chan,
    id: Option<u64>,
}

impl Drop for SendSlot<'_> {
    fn drop(&mut self) {
        if let Some(id) = self.id {
            self.chan.state.lock().send_waiting.remove(id);
        }
    }
}

/// A receiving future's registration; removed when the future ends or is dropped.
struct RecvGuard<'a> {
    rx: &'a Receiver,
    slot: RecvSlot,
}

impl Drop for RecvGuard<'_> {
    fn drop(&mut self) {
        self.rx.forget(&mut self.slot);
    }
}

#[cfg(test)]
mod tests;
