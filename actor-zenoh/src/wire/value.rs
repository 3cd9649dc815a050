//! postcard shapes of `Value` and `Packet`: a borrowing serializer for
//! sending (no copy of the payload) and an owned mirror for receiving.
//! Both sides must list the variants in the same order.

use std::sync::Arc;

use actor_core::{Packet, Str, Value};
use serde::ser::{SerializeSeq, SerializeTuple};
use serde::{Deserialize, Serialize, Serializer};

/// A borrowed slice of packets, serialized as a sequence of [`WirePacket`].
pub(super) struct PacketsRef<'a>(pub(super) &'a [Packet]);

struct PacketRef<'a>(&'a Packet);
struct ValueRef<'a>(&'a Value);
struct OptionRef<'a>(&'a Option<Value>);

const VALUE: &str = "Value";
const PACKET: &str = "Packet";

impl Serialize for PacketsRef<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.0.len()))?;
        for p in self.0 {
            seq.serialize_element(&PacketRef(p))?;
        }
        seq.end()
    }
}

impl Serialize for PacketRef<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Packet::Data(v) => s.serialize_newtype_variant(PACKET, 0, "Data", &ValueRef(v)),
            Packet::OpenBracket(v) => s.serialize_newtype_variant(PACKET, 1, "Open", &OptionRef(v)),
            Packet::CloseBracket(v) => s.serialize_newtype_variant(PACKET, 2, "Close", &OptionRef(v)),
        }
    }
}

impl Serialize for OptionRef<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            None => s.serialize_none(),
            Some(v) => s.serialize_some(&ValueRef(v)),
        }
    }
}

impl Serialize for ValueRef<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Value::Null => s.serialize_unit_variant(VALUE, 0, "Null"),
            Value::Bool(b) => s.serialize_newtype_variant(VALUE, 1, "Bool", b),
            Value::Int(i) => s.serialize_newtype_variant(VALUE, 2, "Int", i),
            Value::Float(f) => s.serialize_newtype_variant(VALUE, 3, "Float", f),
            Value::String(x) => s.serialize_newtype_variant(VALUE, 4, "String", &**x),
            Value::Bytes(b) => s.serialize_newtype_variant(VALUE, 5, "Bytes", &Bytes(b)),
            Value::Array(items) => {
                s.serialize_newtype_variant(VALUE, 6, "Array", &Seq(items.iter().map(ValueRef).collect()))
            }
            Value::Object(fields) => s.serialize_newtype_variant(VALUE, 7, "Object", &Fields(fields)),
            Value::Error(e) => s.serialize_newtype_variant(VALUE, 8, "Error", &**e),
        }
    }
}

struct Bytes<'a>(&'a [u8]);

impl Serialize for Bytes<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(self.0)
    }
}

struct Seq<'a>(Vec<ValueRef<'a>>);

impl Serialize for Seq<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.0.len()))?;
        for v in &self.0 {
            seq.serialize_element(v)?;
        }
        seq.end()
    }
}

struct Fields<'a>(&'a actor_core::message::Map);

impl Serialize for Fields<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.0.len()))?;
        for (k, v) in self.0 {
            seq.serialize_element(&Field(k, ValueRef(v)))?;
        }
        seq.end()
    }
}

struct Field<'a>(&'a str, ValueRef<'a>);

impl Serialize for Field<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut t = s.serialize_tuple(2)?;
        t.serialize_element(self.0)?;
        t.serialize_element(&self.1)?;
        t.end()
    }
}

/// A packet as decoded; the variant order matches [`PacketRef`].
#[derive(Deserialize)]
pub(super) enum WirePacket<'a> {
    Data(#[serde(borrow)] WireValue<'a>),
    Open(#[serde(borrow)] Option<WireValue<'a>>),
    Close(#[serde(borrow)] Option<WireValue<'a>>),
}

/// A value as decoded, borrowing strings and bytes from the frame (each is
/// copied once, into the `Arc` of its [`Value`]); the variant order
/// matches [`ValueRef`].
#[derive(Deserialize)]
pub(super) enum WireValue<'a> {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    String(&'a str),
    Bytes(&'a serde_bytes::Bytes),
    Array(#[serde(borrow)] Vec<WireValue<'a>>),
    Object(#[serde(borrow)] Vec<(&'a str, WireValue<'a>)>),
    Error(&'a str),
}

/// About how many bytes `v` takes on the wire (exact for strings and
/// bytes up to their length prefix), to size the frame buffer once.
pub(super) fn size_hint(v: &Value) -> usize {
    match v {
        Value::String(s) => s.len() + 6,
        Value::Error(s) => s.len() + 6,
        Value::Bytes(b) => b.len() + 6,
        Value::Array(items) => 6 + items.iter().map(size_hint).sum::<usize>(),
        Value::Object(fields) => 6 + fields.iter().map(|(k, v)| k.len() + 5 + size_hint(v)).sum::<usize>(),
        _ => 11,
    }
}

impl From<WirePacket<'_>> for Packet {
    fn from(p: WirePacket<'_>) -> Self {
        match p {
            WirePacket::Data(v) => Packet::Data(v.into()),
            WirePacket::Open(v) => Packet::OpenBracket(v.map(Value::from)),
            WirePacket::Close(v) => Packet::CloseBracket(v.map(Value::from)),
        }
    }
}

impl From<WireValue<'_>> for Value {
    fn from(v: WireValue<'_>) -> Self {
        match v {
            WireValue::Null => Value::Null,
            WireValue::Bool(b) => Value::Bool(b),
            WireValue::Int(i) => Value::Int(i),
            WireValue::Float(f) => Value::Float(f),
            WireValue::String(s) => Value::String(Str::new(s)),
            WireValue::Bytes(b) => Value::Bytes(Arc::from(&b[..])),
            WireValue::Array(items) => Value::Array(Arc::new(items.into_iter().map(Value::from).collect())),
            WireValue::Object(fields) => {
                Value::Object(Arc::new(fields.into_iter().map(|(k, v)| (k.to_string(), Value::from(v))).collect()))
            }
            WireValue::Error(e) => Value::Error(Arc::from(e)),
        }
    }
}
