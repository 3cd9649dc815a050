//! The sending half of a remote connection.

use std::collections::VecDeque;

use actor_core::{Actor, ActorError, ActorResult, ActorRunContext, Packet, PortSpec, Ports};
use zenoh::pubsub::{Publisher, Subscriber};

use super::{MAX_BATCH, matched};
use crate::placement::RemoteConnection;
use crate::wire::{self, Frame};

/// Numbers, batches and publishes the packets of one remote connection,
/// within the credit window (see the [module docs](super)).
pub(crate) struct SendProxy {
    /// `src.PORT -> tgt.PORT (node b)`, for errors.
    label: String,
    publisher: Publisher<'static>,
    _acks_subscriber: Subscriber<()>,
    acks: flume::Receiver<Vec<u8>>,
    window: u64,
    /// Packets sent so far; the next packet's sequence number.
    sent: u64,
    /// Packets the receiver acknowledged so far.
    acked: u64,
    matched: bool,
    pending: VecDeque<Packet>,
    /// Data frames and acknowledgements so far, for the debug log.
    frames_sent: u64,
    acks_seen: u64,
}

impl std::fmt::Debug for SendProxy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SendProxy").field("label", &self.label).field("sent", &self.sent).field("acked", &self.acked).finish()
    }
}

impl SendProxy {
    pub(super) fn new(
        r: &RemoteConnection,
        publisher: Publisher<'static>,
        acks_subscriber: Subscriber<()>,
        acks: flume::Receiver<Vec<u8>>,
        window: u64,
    ) -> Self {
        Self {
            label: format!("remote connection {} (to node {:?})", r.label(), r.to.as_str()),
            publisher,
            _acks_subscriber: acks_subscriber,
            acks,
            window: window.max(1),
            sent: 0,
            acked: 0,
            matched: false,
            pending: VecDeque::new(),
            frames_sent: 0,
            acks_seen: 0,
        }
    }

    fn error(&self, what: impl std::fmt::Display) -> ActorError {
        format!("{}: {what}", self.label).into()
    }

    /// Waits once for the receiver's subscriber, so the first frame is not lost.
    async fn ensure_matched(&mut self) -> ActorResult {
        if !self.matched {
            matched(&self.publisher).await.map_err(|e| self.error(format_args!("waiting for the receiver: {e}")))?;
            self.matched = true;
        }
        Ok(())
    }

    /// Applies one acknowledgement frame.
    fn apply_ack(&mut self, bytes: &[u8]) -> ActorResult {
        match Frame::decode(bytes).map_err(|e| self.error(e))? {
            Frame::Ack { received } if received <= self.sent => {
                self.acks_seen += 1;
                self.acked = self.acked.max(received);
                Ok(())
            }
            Frame::Ack { received } => {
                Err(self.error(format_args!("acknowledgement of {received} packets, but only {} were sent", self.sent)))
            }
            other => Err(self.error(format_args!("expected an acknowledgement, got {other:?}"))),
        }
    }

    /// Applies every acknowledgement that has arrived; waits for one while
    /// `until` says so.
    async fn wait_acks(&mut self, until: impl Fn(&Self) -> bool) -> ActorResult {
        while let Ok(bytes) = self.acks.try_recv() {
            self.apply_ack(&bytes)?;
        }
        while until(self) {
            let bytes = self.acks.recv_async().await.map_err(|_| self.error("the acknowledgement subscriber closed"))?;
            self.apply_ack(&bytes)?;
        }
        Ok(())
    }

    /// Publishes the pending packets, in frames, as credit allows.
    async fn publish_pending(&mut self) -> ActorResult {
        while !self.pending.is_empty() {
            self.wait_acks(|s| s.sent >= s.acked + s.window).await?;
            let credit = (self.acked + self.window - self.sent) as usize;
            let n = credit.min(self.pending.len()).min(MAX_BATCH);
            let bytes = wire::encode_data(self.sent, &self.pending.make_contiguous()[..n]);
            self.publisher.put(bytes).await.map_err(|e| self.error(format_args!("publishing: {e}")))?;
            self.pending.drain(..n);
            self.sent += n as u64;
            self.frames_sent += 1;
        }
        Ok(())
    }
}

impl Actor for SendProxy {
    fn ports(&self) -> Ports {
        Ports::new().inport(PortSpec::new("in"))
    }

    async fn run(&mut self, ctx: &mut ActorRunContext) -> ActorResult {
        self.ensure_matched().await?;
        while let Some(p) = ctx.take("in") {
            self.pending.push_back(p);
        }
        self.publish_pending().await
    }

    async fn finish(&mut self, _ctx: &mut ActorRunContext) -> ActorResult {
        self.ensure_matched().await?;
        self.publish_pending().await?;
        let end = Frame::End { sent: self.sent }.encode();
        self.publisher.put(end).await.map_err(|e| self.error(format_args!("publishing the end: {e}")))?;
        // Done once the receiver has every packet: until then the node
        // stays in the run, so its failure would still be noticed.
        self.wait_acks(|s| s.acked < s.sent).await?;
        tracing::debug!(packets = self.sent, frames = self.frames_sent, acks = self.acks_seen, "{}: ended", self.label);
        Ok(())
    }
}
