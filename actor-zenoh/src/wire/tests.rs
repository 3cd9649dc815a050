
use actor_core::{Packet, Value};
use proptest::prelude::*;

use super::{Frame, WIRE_VERSION, WireError};

/// Any value: every kind, nested up to three levels.
fn value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::Int),
        // Any bit pattern, NaN and infinities included (compared bitwise below).
        any::<u64>().prop_map(|bits| Value::Float(f64::from_bits(bits))),
        ".*".prop_map(|s: String| Value::from(s)),
        proptest::collection::vec(any::<u8>(), 0..64).prop_map(Value::from),
        ".*".prop_map(Value::error),
    ];
    leaf.prop_recursive(3, 32, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::from),
            proptest::collection::vec((".{0,8}", inner), 0..6).prop_map(Value::object),
        ]
    })
}

fn packet() -> impl Strategy<Value = Packet> {
    prop_oneof![
        value().prop_map(Packet::Data),
        proptest::option::of(value()).prop_map(Packet::OpenBracket),
        proptest::option::of(value()).prop_map(Packet::CloseBracket),
    ]
}

fn frame() -> impl Strategy<Value = Frame> {
    prop_oneof![
        (any::<u64>(), proptest::collection::vec(packet(), 0..8)).prop_map(|(first, packets)| Frame::Data { first, packets }),
        any::<u64>().prop_map(|sent| Frame::End { sent }),
        any::<u64>().prop_map(|received| Frame::Ack { received }),
    ]
}

/// Structural equality where floats compare by bits, so NaN equals itself.
fn same_value(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Float(x), Value::Float(y)) => x.to_bits() == y.to_bits(),
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y.iter()).all(|(a, b)| same_value(a, b)),
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().zip(y.iter()).all(|((ka, va), (kb, vb))| ka == kb && same_value(va, vb))
        }
        _ => a == b,
    }
}

fn same_option(a: &Option<Value>, b: &Option<Value>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => same_value(a, b),
        (None, None) => true,
        _ => false,
    }
}

fn same_packet(a: &Packet, b: &Packet) -> bool {
    match (a, b) {
        (Packet::Data(a), Packet::Data(b)) => same_value(a, b),
        (Packet::OpenBracket(a), Packet::OpenBracket(b)) | (Packet::CloseBracket(a), Packet::CloseBracket(b)) => {
            same_option(a, b)
        }
        _ => false,
    }
}

fn same_frame(a: &Frame, b: &Frame) -> bool {
    match (a, b) {
        (Frame::Data { first: fa, packets: pa }, Frame::Data { first: fb, packets: pb }) => {
            fa == fb && pa.len() == pb.len() && pa.iter().zip(pb).all(|(a, b)| same_packet(a, b))
        }
        _ => a == b,
    }
}

proptest! {
    #[test]
    fn every_frame_round_trips(f in frame()) {
        let bytes = f.encode();
        prop_assert_eq!(bytes[0], WIRE_VERSION);
        let back = Frame::decode(&bytes).unwrap();
        prop_assert!(same_frame(&f, &back), "{:?} came back as {:?}", f, back);
    }

    #[test]
    fn every_proper_prefix_is_rejected(f in frame()) {
        let bytes = f.encode();
        for len in 0..bytes.len() {
            prop_assert!(Frame::decode(&bytes[..len]).is_err(), "a prefix of {} of {} bytes decoded", len, bytes.len());
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
        let _ = Frame::decode(&bytes);
    }
}

#[test]
fn bytes_and_errors_keep_their_kind() {
    // JSON would turn these into objects; the wire keeps them apart.
    let packets = vec![
        Packet::Data(Value::from(vec![0u8, 1, 255])),
        Packet::Data(Value::error("boom")),
        Packet::Data(Value::object([("$bytes", Value::from("AAH/"))])),
        Packet::OpenBracket(Some(Value::from("group"))),
        Packet::CloseBracket(None),
    ];
    let f = Frame::Data { first: 7, packets: packets.clone() };
    assert_eq!(Frame::decode(&f.encode()).unwrap(), f);
    let Frame::Data { packets: back, .. } = Frame::decode(&f.encode()).unwrap() else { unreachable!() };
    assert_eq!(back[0].data().and_then(Value::as_bytes), Some(&[0u8, 1, 255][..]));
    assert_eq!(back[1].data().and_then(Value::as_error), Some("boom"));
    assert!(back[2].data().and_then(Value::as_object).is_some_and(|o| o.contains_key("$bytes")));
}

#[test]
fn the_encoding_is_compact() {
    // Version, variant, first, count, then per packet: variant, value variant, varint.
    let f = Frame::Data { first: 1, packets: vec![Packet::Data(Value::Int(5)); 3] };
    assert_eq!(f.encode(), vec![WIRE_VERSION, 0, 1, 3, 0, 2, 10, 0, 2, 10, 0, 2, 10]);
    let s = Frame::Data { first: 0, packets: vec![Packet::Data(Value::from("hi"))] };
    assert_eq!(s.encode(), vec![WIRE_VERSION, 0, 0, 1, 0, 4, 2, b'h', b'i']);
}

#[test]
fn bad_frames_get_clear_errors() {
    assert_eq!(Frame::decode(&[]), Err(WireError::Empty));
    assert_eq!(Frame::decode(&[9, 0]), Err(WireError::Version { found: 9 }));
    assert_eq!(
        Frame::decode(&[WIRE_VERSION, 9]).unwrap_err().to_string().split(':').next(),
        Some("malformed frame")
    );
    let mut bytes = Frame::Ack { received: 3 }.encode();
    bytes.push(0);
    assert_eq!(Frame::decode(&bytes), Err(WireError::Trailing(1)));
    assert_eq!(
        WireError::Version { found: 9 }.to_string(),
        "frame of wire version 9, but this build reads version 1"
    );
}
