//! The proxy processes that carry a remote connection over Zenoh.
//!
//! Each remote connection `src.OUT -> tgt.IN` (see [`crate::placement`])
//! becomes two processes, one on each node:
//!
//! - on the source node, a **sending proxy** (component [`SEND_COMPONENT`])
//!   with one inport fed by `src.OUT`. It numbers the packets it takes,
//!   batches the ones waiting into one [`Frame::Data`](crate::wire::Frame::Data),
//!   and puts it on the connection's data key with congestion control
//!   `Block`. When its inport closes it sends [`Frame::End`](crate::wire::Frame::End)
//!   with the count, and finishes once the receiver has acknowledged everything;
//! - on the target node, a **receiving proxy** (component
//!   [`RECEIVE_COMPONENT`]) with one outport feeding `tgt.IN`. It checks that
//!   sequence numbers follow without a gap (a gap fails the run, never
//!   silently), sends each packet on through the local bounded connection,
//!   and acknowledges what it delivered. At the end it checks the count and
//!   finishes, which closes `tgt.IN` as a local upstream would.
//!
//! **Backpressure**: the sender has at most `window` packets sent and not
//! yet acknowledged ([`DEFAULT_WINDOW`] unless set). The receiver
//! acknowledges only what it has delivered into the local connection, so a
//! slow consumer stops the acknowledgements, the sender stops taking
//! packets, and its local inport fills and slows the producer. Memory stays
//! bounded on both sides: at most `window` packets are in Zenoh's queues
//! and the receiver's queue.
//!
//! **No loss at the start**: Zenoh drops what is published before a
//! subscriber exists, so each side waits until its publisher matches the
//! other side's subscriber before its first put.

mod endpoints;
mod receive;
mod send;

pub(crate) use endpoints::{Endpoints, register};

/// The component of sending proxies.
pub const SEND_COMPONENT: &str = "zenoh/Send";
/// The component of receiving proxies.
pub const RECEIVE_COMPONENT: &str = "zenoh/Receive";

/// The default credit window: packets sent on a remote connection and not
/// yet acknowledged, at most.
pub const DEFAULT_WINDOW: u64 = 1024;

/// The most packets in one data frame.
const MAX_BATCH: usize = 256;

/// The receiver acknowledges after this share of the window (1/4) was
/// delivered since its last acknowledgement, whenever it has delivered
/// every frame that arrived, and at the end.
fn ack_every(window: u64) -> u64 {
    (window / 4).max(1)
}

/// Waits until `publisher` has a matching subscriber.
async fn matched(publisher: &zenoh::pubsub::Publisher<'static>) -> Result<(), zenoh::Error> {
    if publisher.matching_status().await?.matching() {
        return Ok(());
    }
    let listener = publisher.matching_listener().await?;
    // The status may have changed between the check and the listener.
    if publisher.matching_status().await?.matching() {
        return Ok(());
    }
    while let Ok(status) = listener.recv_async().await {
        if status.matching() {
            return Ok(());
        }
    }
    Err("the matching listener closed".into())
}
