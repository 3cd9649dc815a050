//! The wire format of remote connections: a compact, versioned binary
//! encoding of [`Frame`]s.
//!
//! Every message on a remote connection's key expressions is one frame:
//! one version byte ([`WIRE_VERSION`]) followed by the frame in
//! [postcard](https://postcard.jamesmunns.com/wire-format) (varint
//! integers, length-prefixed strings and byte strings, enum variants as a
//! varint index). A frame carries a batch of packets with the sequence
//! number of the first, the end of a stream, or an acknowledgement.
//!
//! The encoding covers every [`Value`](actor_core::Value) kind, bytes and errors included, and
//! every [`Packet`] kind (data and NoFlo's open and close bracket IPs), so a
//! value crosses the wire unchanged. This is independent of the JSON shape
//! `actor_core` gives `Value` through serde (where bytes become
//! `{"$bytes": ..}` objects): on the wire, an object whose only key is
//! `$bytes` stays an object.
//!
//! Decoding rejects another version, truncated input and trailing bytes
//! with a [`WireError`]; it never panics.

mod value;

#[cfg(test)]
mod tests;

use actor_core::Packet;
use serde::{Deserialize, Serialize};

use value::{PacketsRef, WirePacket};

/// The version byte that starts every frame this build writes and reads.
pub const WIRE_VERSION: u8 = 1;

/// One message on a remote connection.
#[derive(Debug, Clone, PartialEq)]
pub enum Frame {
    /// Packets, in order; the first has sequence number `first` (0-based,
    /// counted per connection) and the others follow it without a gap.
    Data {
        /// The sequence number of `packets[0]`.
        first: u64,
        /// The packets, oldest first.
        packets: Vec<Packet>,
    },
    /// The sending side's upstream has ended: `sent` packets were sent in
    /// all, and no more follow.
    End {
        /// The number of packets sent on the connection, in all.
        sent: u64,
    },
    /// From the receiving side: the first `received` packets were delivered
    /// into the local connection, so the sender may have up to
    /// `received + window` packets sent.
    Ack {
        /// Packets delivered so far (cumulative).
        received: u64,
    },
}

/// A frame that could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WireError {
    /// The message was empty.
    #[error("empty frame (expected a version byte)")]
    Empty,
    /// The frame was written by a build that speaks another wire version.
    #[error("frame of wire version {found}, but this build reads version {WIRE_VERSION}")]
    Version {
        /// The version byte found.
        found: u8,
    },
    /// The body is not a valid frame (truncated or corrupt).
    #[error("malformed frame: {0}")]
    Malformed(String),
    /// A valid frame was followed by more bytes.
    #[error("{0} unexpected bytes after the frame")]
    Trailing(usize),
}

/// The encoded form, borrowing the packets.
#[derive(Serialize)]
enum FrameRef<'a> {
    Data { first: u64, packets: PacketsRef<'a> },
    End { sent: u64 },
    Ack { received: u64 },
}

/// The decoded form, borrowing from the input; variant order must match [`FrameRef`].
#[derive(Deserialize)]
enum FrameOwned<'a> {
    Data {
        first: u64,
        #[serde(borrow)]
        packets: Vec<WirePacket<'a>>,
    },
    End { sent: u64 },
    Ack { received: u64 },
}

/// Encodes a data frame holding `packets`, the first numbered `first`.
pub fn encode_data(first: u64, packets: &[Packet]) -> Vec<u8> {
    let hint = 16 + packets.iter().map(|p| 2 + p.data().map_or(12, value::size_hint)).sum::<usize>();
    encode_ref(&FrameRef::Data { first, packets: PacketsRef(packets) }, hint)
}

impl Frame {
    /// Encodes the frame: the version byte, then the postcard body.
    pub fn encode(&self) -> Vec<u8> {
        match self {
            Frame::Data { first, packets } => encode_data(*first, packets),
            Frame::End { sent } => encode_ref(&FrameRef::End { sent: *sent }, 16),
            Frame::Ack { received } => encode_ref(&FrameRef::Ack { received: *received }, 16),
        }
    }

    /// Decodes one frame from `bytes`, which must hold exactly one.
    ///
    /// # Errors
    /// [`WireError`] for empty input, another version, a malformed or
    /// truncated body, or trailing bytes.
    pub fn decode(bytes: &[u8]) -> Result<Frame, WireError> {
        let (&version, body) = bytes.split_first().ok_or(WireError::Empty)?;
        if version != WIRE_VERSION {
            return Err(WireError::Version { found: version });
        }
        let (frame, rest) =
            postcard::take_from_bytes::<FrameOwned>(body).map_err(|e| WireError::Malformed(e.to_string()))?;
        if !rest.is_empty() {
            return Err(WireError::Trailing(rest.len()));
        }
        Ok(match frame {
            FrameOwned::Data { first, packets } => {
                Frame::Data { first, packets: packets.into_iter().map(Packet::from).collect() }
            }
            FrameOwned::End { sent } => Frame::End { sent },
            FrameOwned::Ack { received } => Frame::Ack { received },
        })
    }
}

/// Encodes into a buffer of `capacity` bytes to start with (it grows if
/// the hint was short).
fn encode_ref(frame: &FrameRef<'_>, capacity: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(capacity);
    out.push(WIRE_VERSION);
    // Writing to a Vec cannot fail, and every Value is representable.
    postcard::to_io(frame, &mut out).expect("postcard writes any frame to a Vec");
    out
}
