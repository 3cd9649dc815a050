//! The observer a network reports watched connections' packets to.

use crate::Packet;

/// Receives the packets sent on watched connections.
///
/// A network built with an observer (`NetworkOptions::observer`) calls
/// [`packet`](Self::packet) synchronously in the sending process, once per
/// packet and watched connection, as the packet is sent: just after it
/// went into a connection with room, or before the sender waits on a full
/// one (so a packet the receiver never takes, because it ended, may still
/// be reported). It runs on the sender's thread, on the per-packet path of a
/// watched connection: it must be quick and must never block or wait. Hand
/// the packet off (an `Arc` clone, see [`Packet`]) and do the slow work
/// elsewhere. Which connections are watched is chosen at run time
/// (`NetworkHandle::watch_edges`); none is, at first.
///
/// `Send + Sync` on every target, wasm32 included: an outport, which holds
/// its connections' observer, may be sent to another thread by a repeater.
pub trait EdgeObserver: Send + Sync + 'static {
    /// `packet` was sent on connection `connection`: its index in the
    /// network's list of connections (`NetworkHandle::connections`).
    fn packet(&self, connection: usize, packet: &Packet);

    /// Whether [`packet`](Self::packet) would do anything with the next
    /// packet of connection `connection`. A sender asks first on its
    /// fastest path, so a packet the observer does not want (a sampling
    /// observer past its budget) costs no copy. The default is `true`;
    /// answering `false` wrongly only loses reports, and `packet` is still
    /// called on the other paths.
    fn wants(&self, connection: usize) -> bool {
        let _ = connection;
        true
    }

    /// `packets`, a chunk, were sent on connection `connection`, in order
    /// (see `ActorRunContext::send_all`). The default reports each with
    /// [`packet`](Self::packet); an observer that samples can decide once
    /// per chunk how many it wants.
    fn packets(&self, connection: usize, packets: &[Packet]) {
        for p in packets {
            self.packet(connection, p);
        }
    }
}
