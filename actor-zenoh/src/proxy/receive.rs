//! The receiving half of a remote connection.

use actor_core::{Actor, ActorError, ActorResult, ActorRunContext, PortSpec, Ports};
use zenoh::pubsub::{Publisher, Subscriber};

use super::{ack_every, matched};
use crate::placement::RemoteConnection;
use crate::wire::{Frame, WireError};

/// Checks, delivers and acknowledges the frames of one remote connection
/// (see the [module docs](super)).
pub(crate) struct ReceiveProxy {
    /// `src.PORT -> tgt.PORT (from node a)`, for errors.
    label: String,
    acks: Publisher<'static>,
    _frames_subscriber: Subscriber<()>,
    frames: flume::Receiver<Result<Frame, WireError>>,
    ack_every: u64,
    /// Packets delivered so far; the next expected sequence number.
    next: u64,
    /// The count in the last acknowledgement sent.
    acked: u64,
}

impl std::fmt::Debug for ReceiveProxy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReceiveProxy").field("label", &self.label).field("next", &self.next).finish()
    }
}

impl ReceiveProxy {
    pub(super) fn new(
        r: &RemoteConnection,
        acks: Publisher<'static>,
        frames_subscriber: Subscriber<()>,
        frames: flume::Receiver<Result<Frame, WireError>>,
        window: u64,
    ) -> Self {
        Self {
            label: format!("remote connection {} (from node {:?})", r.label(), r.from.as_str()),
            acks,
            _frames_subscriber: frames_subscriber,
            frames,
            ack_every: ack_every(window.max(1)),
            next: 0,
            acked: 0,
        }
    }

    fn error(&self, what: impl std::fmt::Display) -> ActorError {
        format!("{}: {what}", self.label).into()
    }

    async fn ack(&mut self) -> ActorResult {
        let bytes = Frame::Ack { received: self.next }.encode();
        self.acks.put(bytes).await.map_err(|e| self.error(format_args!("acknowledging: {e}")))?;
        self.acked = self.next;
        Ok(())
    }
}

impl Actor for ReceiveProxy {
    fn ports(&self) -> Ports {
        Ports::new().outport(PortSpec::new("out"))
    }

    /// Runs once (the proxy has no inports) until the sender's end frame.
    async fn run(&mut self, ctx: &mut ActorRunContext) -> ActorResult {
        matched(&self.acks).await.map_err(|e| self.error(format_args!("waiting for the sender: {e}")))?;
        loop {
            let frame = self.frames.recv_async().await.map_err(|_| self.error("the frame subscriber closed"))?;
            match frame.map_err(|e| self.error(e))? {
                Frame::Data { first, packets } => {
                    if first != self.next {
                        return Err(self.error(format_args!(
                            "packets lost or reordered: expected sequence number {}, got {first}",
                            self.next
                        )));
                    }
                    let n = packets.len() as u64;
                    for p in packets {
                        ctx.send("out", p).await?;
                    }
                    self.next += n;
                    // Also when caught up: then a sender whose window is
                    // smaller than this side's threshold never waits forever.
                    if self.next - self.acked >= self.ack_every || self.frames.is_empty() {
                        self.ack().await?;
                    }
                }
                Frame::End { sent } if sent == self.next => {
                    self.ack().await?;
                    return Ok(());
                }
                Frame::End { sent } => {
                    return Err(self.error(format_args!(
                        "the sender ended after {sent} packets, but {} arrived",
                        self.next
                    )));
                }
                Frame::Ack { .. } => return Err(self.error("unexpected acknowledgement on the data key")),
            }
        }
    }
}
