use std::future::poll_fn;
use std::task::Poll;

use futures::StreamExt;
use flume::r#async::RecvStream;

use crate::Packet;

/// The receiving ends of a process's inports, merged.
///
/// `next` returns packets from whichever channel has one, polling the
/// channels round-robin so no inport starves another; each channel keeps
/// its own order. It returns `None` once every channel is closed and empty.
pub(crate) struct InputSet {
    channels: Vec<Channel>,
    start: usize,
}

struct Channel {
    port: usize,
    index: Option<usize>,
    rx: flume::Receiver<Packet>,
    stream: RecvStream<'static, Packet>,
    open: bool,
}

impl InputSet {
    pub(crate) fn new() -> Self {
        Self { channels: Vec::new(), start: 0 }
    }

    pub(crate) fn add(&mut self, port: usize, index: Option<usize>, rx: flume::Receiver<Packet>) {
        self.channels.push(Channel { port, index, stream: rx.clone().into_stream(), rx, open: true });
    }

    /// A packet already waiting on the channel that `next` last returned
    /// from, without waiting. Used to hand an actor a burst of packets in
    /// one activation.
    #[inline]
    pub(crate) fn try_next_same(&mut self, port: usize, index: Option<usize>) -> Option<Packet> {
        let ch = self.channels.iter().find(|c| c.port == port && c.index == index)?;
        ch.rx.try_recv().ok()
    }

    /// The next packet as (declared inport position, array index, packet).
    ///
    /// # Cancel safety
    /// Cancel safe: a packet is taken from a channel only when it is returned.
    pub(crate) async fn next(&mut self) -> Option<(usize, Option<usize>, Packet)> {
        if self.channels.len() == 1 {
            // One channel: take a waiting packet without building a future;
            // wait only when the channel is empty.
            let ch = &self.channels[0];
            let packet = match ch.rx.try_recv() {
                Ok(p) => Some(p),
                Err(flume::TryRecvError::Empty) => ch.rx.recv_async().await.ok(),
                Err(flume::TryRecvError::Disconnected) => None,
            };
            return packet.map(|p| (ch.port, ch.index, p));
        }
        poll_fn(|cx| {
            let n = self.channels.len();
            let mut open = 0;
            for k in 0..n {
                let i = (self.start + k) % n;
                let ch = &mut self.channels[i];
                if !ch.open {
                    continue;
                }
                match ch.stream.poll_next_unpin(cx) {
                    Poll::Ready(Some(p)) => {
                        self.start = (i + 1) % n;
                        return Poll::Ready(Some((ch.port, ch.index, p)));
                    }
                    Poll::Ready(None) => ch.open = false,
                    Poll::Pending => open += 1,
                }
            }
            if open == 0 { Poll::Ready(None) } else { Poll::Pending }
        })
        .await
    }
}
