use std::fmt;
use std::sync::Arc;

use serde_json::Value as Json;

use super::InputBuffer;
use crate::rt::Budget;
use crate::state::StateError;
use crate::wire::OutPort;
use crate::wire::outport::ChunkSend;
use crate::message::Chunk;
use crate::wire::channel::CHUNK;
use crate::{LiveMemoryState, Packet, Repeater, Value};

/// A port name that the actor did not declare.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PortError {
    /// No inport of that name.
    #[error("process {process:?} has no inport {port:?} (it has: {known})")]
    NoInport {
        /// The process.
        process: String,
        /// The port asked for.
        port: String,
        /// The declared inports, comma-separated.
        known: String,
    },
    /// No outport of that name.
    #[error("process {process:?} has no outport {port:?} (it has: {known})")]
    NoOutport {
        /// The process.
        process: String,
        /// The port asked for.
        port: String,
        /// The declared outports, comma-separated.
        known: String,
    },
}

/// What an actor sees while it runs: the packets received, the process's
/// state and config, and its outports.
///
/// One context lives as long as its process and is passed to every
/// [`Actor::run`](super::Actor::run), so buffered input and anything else
/// in it persists between activations.
///
/// Two ways to send:
/// - [`send`](Self::send) (async) waits while the connection is full, so a
///   slow consumer slows its producer;
/// - [`emit`](Self::emit) (sync) queues the packet; the process delivers the
///   queue, in order, when the activation returns (or before the next
///   `send`). Closures and JS actors, which cannot await, use it.
pub struct ActorRunContext {
    process: Arc<str>,
    inputs: InputBuffer,
    trigger: Option<(usize, Option<usize>)>,
    outports: Vec<(Arc<str>, OutPort)>,
    outbox: Vec<(usize, Option<usize>, Packet)>,
    state: LiveMemoryState,
    config: Arc<Json>,
    repeaters: Vec<Repeater>,
    /// Packets received and sent before the process yields to the executor.
    budget: Budget,
}

/// Why [`ActorRunContext::repeat_to_outport`] failed.
#[derive(Debug, thiserror::Error)]
pub enum RepeatError {
    /// The outport is not declared.
    #[error(transparent)]
    Port(#[from] PortError),
    /// The hot field is not declared.
    #[error(transparent)]
    State(#[from] StateError),
}

impl ActorRunContext {
    pub(crate) fn new(
        process: Arc<str>,
        inputs: InputBuffer,
        outports: Vec<(Arc<str>, OutPort)>,
        state: LiveMemoryState,
        config: Arc<Json>,
    ) -> Self {
        Self {
            process,
            inputs,
            trigger: None,
            outports,
            outbox: Vec::new(),
            state,
            config,
            repeaters: Vec::new(),
            budget: Budget::new(),
        }
    }

    /// Remembers the packets in hand, for a process that may be restarted
    /// (see [`take`](Self::take)).
    pub(crate) fn remember_in_hand(&mut self) {
        self.inputs.remember_in_hand();
    }

    /// An activation begins (the kernel's side): nothing is in hand.
    #[inline]
    pub(crate) fn begin_activation(&mut self) {
        self.inputs.begin_activation();
    }

    /// After a failed activation, before a restart: the packets in hand go
    /// back to the front of the input buffer.
    pub(crate) fn requeue_in_hand(&mut self) {
        self.inputs.requeue_in_hand();
    }

    /// Whether packets wait in the input buffer.
    pub(crate) fn has_buffered_input(&self) -> bool {
        !self.inputs.is_empty()
    }

    /// Spends `n` units of the process's budget, yielding to the executor
    /// when it runs out (see [`Budget`]).
    #[inline]
    pub(crate) async fn spend(&mut self, n: u32) {
        self.budget.spend(n).await;
    }

    /// Puts `chunks` of packets, received on declared inport `port` (array
    /// index `index`), in the input buffer, in order; returns how many
    /// packets and how many chunks. The kernel's side of the context.
    #[inline]
    pub(crate) fn receive_chunks(&mut self, port: usize, index: Option<usize>, chunks: impl Iterator<Item = Chunk>) -> (usize, usize) {
        self.inputs.push_chunks(port, index, chunks)
    }

    /// Records the inport whose packet starts the next activation.
    #[inline]
    pub(crate) fn set_trigger(&mut self, port: usize, index: Option<usize>) {
        self.trigger = Some((port, index));
    }

    /// The process's name in the graph.
    pub fn process(&self) -> &str {
        &self.process
    }

    /// The process's state. Clone it to keep a handle (an `Arc` clone).
    pub fn state(&self) -> &LiveMemoryState {
        &self.state
    }

    /// The process's config: its metadata object from the graph (in `.fbp`,
    /// `name(Component:key=value,...)`), or `null`.
    pub fn config(&self) -> &Json {
        &self.config
    }

    /// The inport (and array index) of the packet that started this
    /// activation; `None` for the single activation of an actor without inports.
    pub fn trigger(&self) -> Option<(&str, Option<usize>)> {
        self.trigger.map(|(port, index)| (self.inputs.port_name(port), index))
    }

    /// Whether anything feeds inport `port`: a connection, an IIP or an
    /// exported inport whose handle was taken before the start. An unconnected inport never receives a packet, so a
    /// component can use its default for an optional port at once instead
    /// of waiting for a packet that will not come.
    pub fn is_inport_connected(&self, port: &str) -> bool {
        self.inputs.is_connected(port)
    }

    /// Whether a packet is waiting on `port`.
    #[inline]
    pub fn has(&self, port: &str) -> bool {
        self.inputs.queue(port).is_some_and(|q| q.len() > 0)
    }

    /// How many packets are waiting on `port`.
    #[inline]
    pub fn pending(&self, port: &str) -> usize {
        self.inputs.queue(port).map_or(0, |q| q.len())
    }

    /// The oldest waiting packet on `port`, without taking it.
    #[inline]
    pub fn peek(&self, port: &str) -> Option<&Packet> {
        self.inputs.queue(port)?.front()
    }

    /// Takes the oldest waiting packet on `port` (any array index).
    ///
    /// In a process that may be restarted (metadata `restart=on_failure`),
    /// the packets the last take call returned are "in hand": if the
    /// activation fails, the restarted instance gets them again first (at
    /// least once); the packets taken before them are not given again.
    #[inline]
    pub fn take(&mut self, port: &str) -> Option<Packet> {
        self.inputs.pop(port, false).map(|(_, p)| p)
    }

    /// Takes the oldest waiting packet on `port` with its array index
    /// (`None` for a port that is not an array port).
    #[inline]
    pub fn take_indexed(&mut self, port: &str) -> Option<(Option<usize>, Packet)> {
        self.inputs.pop(port, false)
    }

    /// Takes the oldest waiting packet on `port` if it is a data packet.
    /// A bracket at the front stays; use [`take`](Self::take) to see brackets.
    #[inline]
    pub fn take_data(&mut self, port: &str) -> Option<Value> {
        self.inputs.pop(port, true).and_then(|(_, p)| p.into_data())
    }

    /// Takes every waiting packet on `port`, oldest first. All of them are
    /// in hand (see [`take`](Self::take)).
    pub fn take_all(&mut self, port: &str) -> Vec<Packet> {
        self.inputs.drain(port)
    }

    /// Takes the packets of the oldest chunk waiting on `port` (what is
    /// left of it, if some were taken one by one), oldest first; `None`
    /// when nothing waits. Packets travel between processes in chunks
    /// (see [`send_all`](Self::send_all)), and a received chunk is handed
    /// over as it is, without copying its packets. With
    /// [`send_chunk`](Self::send_chunk) a process forwards its input a
    /// chunk at a time: a [`Chunk`] sent on as it was taken keeps its
    /// weight, so its packets are not looked at again. To transform the
    /// packets, take them out with [`Chunk::into_vec`]. Array indices are not reported; use
    /// [`take_indexed`](Self::take_indexed) on an array inport. All of them
    /// are in hand (see [`take`](Self::take)).
    pub fn take_chunk(&mut self, port: &str) -> Option<Chunk> {
        self.inputs.pop_chunk(port)
    }

    /// The outport handle for `port`, to send from elsewhere (for example a
    /// repeater). Cloning it is cheap.
    ///
    /// # Errors
    /// [`PortError::NoOutport`] if the actor did not declare `port`.
    #[inline]
    pub fn outport(&self, port: &str) -> Result<&OutPort, PortError> {
        self.outport_index(port).map(|i| &self.outports[i].1)
    }

    /// Whether anything is connected to outport `port`.
    #[inline]
    pub fn is_connected(&self, port: &str) -> bool {
        self.outport(port).is_ok_and(OutPort::is_connected)
    }

    /// Sends a data value or packet on `port`, to every connection of it,
    /// waiting while a connection is full. Packets queued by
    /// [`emit`](Self::emit), and the port's backlog (see
    /// [`OutPort::try_send_or_queue`]), go first. A connection whose
    /// receiver has ended drops the packet.
    ///
    /// # Errors
    /// [`PortError::NoOutport`] if the actor did not declare `port`.
    ///
    /// # Cancel safety
    /// Not cancel safe: if cancelled, the packet may have reached some
    /// connections of the port and not others.
    pub async fn send(&mut self, port: &str, packet: impl Into<Packet>) -> Result<(), PortError> {
        let i = self.outport_index(port)?;
        if !self.outbox.is_empty() || self.outports[i].1.backlog_len() > 0 {
            self.flush().await;
        }
        if !self.budget.take_one() {
            // The process has done its share for now: yield, then send.
            return self.yield_then_send(i, packet.into()).await;
        }
        // Common case first: one connection with room, no future needed.
        if let Err(packet) = self.outports[i].1.try_send_single(packet.into()) {
            self.outports[i].1.send_owned(packet).await;
        }
        Ok(())
    }

    /// Sends every item of `packets` on `port`, in order, each as one
    /// packet: the same as calling [`send`](Self::send) for each, but the
    /// packets travel in chunks of up to 64, so a connection is
    /// locked and its receiver woken once per chunk rather than once per
    /// packet. Every packet still counts, is observed and is delivered on
    /// its own, and a full connection still makes this wait (backpressure
    /// stays bounded in packets). Items are taken from the iterator one
    /// chunk at a time, so a long or endless iterator is fine.
    ///
    /// # Errors
    /// [`PortError::NoOutport`] if the actor did not declare `port`
    /// (nothing is taken from `packets` then).
    ///
    /// # Cancel safety
    /// Not cancel safe, as [`send`](Self::send).
    ///
    /// # Examples
    /// ```
    /// # use actor_core::{ActorResult, ActorRunContext};
    /// async fn split(ctx: &mut ActorRunContext, line: &str) -> ActorResult {
    ///     ctx.send_all("out", line.split_whitespace()).await?;
    ///     Ok(())
    /// }
    /// ```
    pub async fn send_all<I>(&mut self, port: &str, packets: I) -> Result<(), PortError>
    where
        I: IntoIterator,
        I::Item: Into<Packet>,
    {
        let i = self.outport_index(port)?;
        if !self.outbox.is_empty() || self.outports[i].1.backlog_len() > 0 {
            self.flush().await;
        }
        let mut items = packets.into_iter();
        loop {
            let (low, high) = items.size_hint();
            let mut chunk = Vec::with_capacity(high.unwrap_or(CHUNK).clamp(low.min(CHUNK), CHUNK));
            chunk.extend(items.by_ref().take(CHUNK).map(Into::into));
            if chunk.is_empty() {
                break;
            }
            let chunk = Chunk::from(chunk);
            // Common case first: one connection with room, no future needed
            // (an `async fn` helper here cost 4M instructions per million
            // packets in the batched pipeline, so the lines are repeated).
            match self.outports[i].1.try_send_chunk_single(chunk) {
                ChunkSend::Done => {}
                ChunkSend::Full(rest) => self.outports[i].1.wait_chunk(rest).await,
                ChunkSend::NotSingle(chunk) => self.outports[i].1.send_chunk(None, chunk).await,
            }
            // One channel operation (see `Budget`).
            if !self.budget.take_one() {
                crate::rt::yield_now().await;
            }
        }
        Ok(())
    }

    /// Sends the packets of `chunk` on `port`, in order, each as one packet,
    /// as [`send_all`](Self::send_all) does; a chunk of at most 128 packets
    /// travels as it is, without copying (fan-out clones it for all
    /// connections but the last). Pairs with [`take_chunk`](Self::take_chunk).
    /// `chunk` is a [`Chunk`] (which knows its weight against a
    /// connection's capacity, see [`Packet::weight`]) or a `Vec<Packet>`
    /// (weighed here: a look at each packet's payload kind).
    ///
    /// # Errors
    /// [`PortError::NoOutport`] if the actor did not declare `port`.
    ///
    /// # Cancel safety
    /// Not cancel safe, as [`send`](Self::send).
    pub async fn send_chunk(&mut self, port: &str, chunk: impl Into<Chunk>) -> Result<(), PortError> {
        let chunk = chunk.into();
        if chunk.len() > 2 * CHUNK {
            return self.send_all(port, chunk).await;
        }
        let i = self.outport_index(port)?;
        if !self.outbox.is_empty() || self.outports[i].1.backlog_len() > 0 {
            self.flush().await;
        }
        // Common case first: one connection with room, no future needed
        // (an `async fn` helper here cost 4M instructions per million
        // packets in the batched pipeline, so the lines are repeated).
        match self.outports[i].1.try_send_chunk_single(chunk) {
            ChunkSend::Done => {}
            ChunkSend::Full(rest) => self.outports[i].1.wait_chunk(rest).await,
            ChunkSend::NotSingle(chunk) => self.outports[i].1.send_chunk(None, chunk).await,
        }
        // One channel operation (see `Budget`).
        if !self.budget.take_one() {
            crate::rt::yield_now().await;
        }
        Ok(())
    }

    /// [`send`](Self::send) once the budget ran out: yields to the
    /// executor first (kept out of `send`'s own state machine).
    #[cold]
    #[inline(never)]
    async fn yield_then_send(&mut self, i: usize, packet: Packet) -> Result<(), PortError> {
        crate::rt::yield_now().await;
        self.outports[i].1.send_owned(packet).await;
        Ok(())
    }

    /// Like [`send`](Self::send), to index `index` of an array outport only.
    ///
    /// # Errors
    /// [`PortError::NoOutport`] if the actor did not declare `port`.
    pub async fn send_to(&mut self, port: &str, index: usize, packet: impl Into<Packet>) -> Result<(), PortError> {
        let i = self.outport_index(port)?;
        self.flush().await;
        self.outports[i].1.send_to_owned(index, packet.into()).await;
        self.budget.spend(1).await;
        Ok(())
    }

    /// Queues a packet for `port`; it is delivered when the activation
    /// returns, after earlier queued packets.
    ///
    /// # Errors
    /// [`PortError::NoOutport`] if the actor did not declare `port`.
    #[inline]
    pub fn emit(&mut self, port: &str, packet: impl Into<Packet>) -> Result<(), PortError> {
        let i = self.outport_index(port)?;
        self.outbox.push((i, None, packet.into()));
        Ok(())
    }

    /// Like [`emit`](Self::emit), to index `index` of an array outport only.
    ///
    /// # Errors
    /// [`PortError::NoOutport`] if the actor did not declare `port`.
    #[inline]
    pub fn emit_to(&mut self, port: &str, index: usize, packet: impl Into<Packet>) -> Result<(), PortError> {
        let i = self.outport_index(port)?;
        self.outbox.push((i, Some(index), packet.into()));
        Ok(())
    }

    /// Keeps `repeater` running for as long as this process lives: it is
    /// dropped (and stops, releasing any outport it holds) when the process
    /// ends, so downstream processes see the connection close.
    pub fn keep(&mut self, repeater: Repeater) {
        self.repeaters.push(repeater);
    }

    /// Forwards every change of hot field `field` of this process's state
    /// to outport `port`, for as long as the process lives (see
    /// [`LiveMemoryState::repeat_to_outport`] and [`keep`](Self::keep)).
    ///
    /// # Errors
    /// [`RepeatError::Port`] if the actor did not declare `port`;
    /// [`RepeatError::State`] if `field` is not a declared hot field.
    pub fn repeat_to_outport(&mut self, field: &str, port: &str) -> Result<(), RepeatError> {
        let out = self.outport(port)?.clone();
        let repeater = self.state.repeat_to_outport(field, &out)?;
        self.keep(repeater);
        Ok(())
    }

    /// Whether [`flush`](Self::flush) has anything to deliver: queued
    /// packets, or an outport backlog (packets a repeater could not send at once).
    #[inline]
    pub(crate) fn has_outbox(&self) -> bool {
        !self.outbox.is_empty() || self.outports.iter().any(|(_, out)| out.backlog_len() > 0)
    }

    /// Ready when an outport's backlog is not empty; otherwise registers
    /// `cx` with every outport to be woken when one gets a packet queued.
    ///
    /// Only an outport with a holder besides this context (a repeater, or
    /// another clone) can get packets queued while the process is idle:
    /// nothing can clone it from the context meanwhile. The others are
    /// skipped, which keeps waker registrations off the per-packet path of
    /// ordinary processes.
    pub(crate) fn poll_backlog(&self, cx: &mut std::task::Context<'_>) -> std::task::Poll<()> {
        let mut ready = false;
        for (_, out) in &self.outports {
            if out.is_shared() || out.backlog_len() > 0 {
                ready |= out.poll_backlog(cx).is_ready();
            }
        }
        if ready { std::task::Poll::Ready(()) } else { std::task::Poll::Pending }
    }

    /// Delivers the backlog of every outport (packets a repeater could not
    /// send at once), then every queued packet, in order.
    pub(crate) async fn flush(&mut self) {
        for (_, out) in &self.outports {
            if out.backlog_len() > 0 {
                out.flush_backlog_owned().await;
            }
        }
        if self.outbox.is_empty() {
            return;
        }
        for (port, index, packet) in std::mem::take(&mut self.outbox) {
            let out = &self.outports[port].1;
            match index {
                None => out.send_owned(packet).await,
                Some(index) => out.send_to_owned(index, packet).await,
            }
        }
    }

    #[inline]
    fn outport_index(&self, port: &str) -> Result<usize, PortError> {
        match self.outports.iter().position(|(name, _)| super::inputs::same_name(name, port)) {
            Some(i) => Ok(i),
            None => Err(self.no_outport(port)),
        }
    }

    /// The error for an undeclared outport, kept off the per-packet path.
    #[cold]
    #[inline(never)]
    fn no_outport(&self, port: &str) -> PortError {
        PortError::NoOutport {
            process: self.process.to_string(),
            port: port.to_string(),
            known: self.outports.iter().map(|(n, _)| &**n).collect::<Vec<_>>().join(", "),
        }
    }

    /// The declared inport names, in order.
    pub fn inport_names(&self) -> impl Iterator<Item = &str> {
        self.inputs.names()
    }
}

impl fmt::Debug for ActorRunContext {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ActorRunContext")
            .field("process", &self.process)
            .field("inputs", &self.inputs)
            .field("outports", &self.outports.iter().map(|(n, _)| n).collect::<Vec<_>>())
            .finish_non_exhaustive()
    }
}
