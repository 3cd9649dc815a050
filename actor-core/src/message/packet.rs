use super::Value;

/// An information packet (IP): what travels over a connection.
///
/// Besides data, NoFlo defines bracket IPs that open and close a group of
/// packets (a substream); each bracket may carry data, conventionally the
/// group's name. Brackets must nest: every `OpenBracket` is matched by a
/// later `CloseBracket` on the same connection. See NoFlo's `IP` type
/// (`type` is `data`, `openBracket` or `closeBracket`).
#[derive(Debug, Clone, PartialEq)]
pub enum Packet {
    /// A data packet.
    Data(Value),
    /// Opens a group, with optional data.
    OpenBracket(Option<Value>),
    /// Closes the innermost open group, with optional data.
    CloseBracket(Option<Value>),
}

impl Packet {
    /// The data of a data packet; `None` for brackets.
    pub fn data(&self) -> Option<&Value> {
        match self {
            Packet::Data(v) => Some(v),
            _ => None,
        }
    }

    /// Consumes the packet and returns the data of a data packet.
    pub fn into_data(self) -> Option<Value> {
        match self {
            Packet::Data(v) => Some(v),
            _ => None,
        }
    }

    /// `true` for an open or close bracket.
    pub fn is_bracket(&self) -> bool {
        !matches!(self, Packet::Data(_))
    }

    /// NoFlo's name for this packet's type: `data`, `openBracket` or `closeBracket`.
    pub fn kind(&self) -> &'static str {
        match self {
            Packet::Data(_) => "data",
            Packet::OpenBracket(_) => "openBracket",
            Packet::CloseBracket(_) => "closeBracket",
        }
    }
}

impl<T: Into<Value>> From<T> for Packet {
    fn from(v: T) -> Self {
        Packet::Data(v.into())
    }
}
