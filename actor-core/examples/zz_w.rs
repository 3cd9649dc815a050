//! tmp
#![allow(missing_docs)]
use actor_core::{Packet, Value};
#[inline(never)]
pub fn w1(packets: &[Packet]) -> usize {
    packets.len() + packets.iter().map(|packet| {
        let value = match packet {
            Packet::Data(v) | Packet::OpenBracket(Some(v)) | Packet::CloseBracket(Some(v)) => v,
            Packet::OpenBracket(None) | Packet::CloseBracket(None) => return 0,
        };
        match value {
            Value::String(s) => s.len() / 1024,
            Value::Bytes(b) => b.len() / 1024,
            Value::Error(e) => e.len() / 1024,
            _ => 0,
        }
    }).sum::<usize>()
}
#[inline(always)]
fn heavy(value: &Value) -> usize {
    match value {
        Value::Null | Value::Bool(_) | Value::Int(_) | Value::Float(_) | Value::Array(_) | Value::Object(_) => 0,
        Value::String(s) => if s.is_inline() { 0 } else { s.len() / 1024 },
        Value::Bytes(b) => b.len() / 1024,
        Value::Error(e) => e.len() / 1024,
    }
}
#[inline(never)]
pub fn w2(packets: &[Packet]) -> usize {
    let mut extra = 0;
    for p in packets {
        extra += match p {
            Packet::Data(v) => heavy(v),
            Packet::OpenBracket(Some(v)) | Packet::CloseBracket(Some(v)) => heavy(v),
            _ => 0,
        };
    }
    packets.len() + extra
}
#[inline(never)]
pub fn w3(packets: &[Packet]) -> usize {
    let mut extra = 0;
    for p in packets {
        let v = match p {
            Packet::Data(v) => v,
            Packet::OpenBracket(Some(v)) | Packet::CloseBracket(Some(v)) => v,
            _ => continue,
        };
        if matches!(v, Value::Int(_) | Value::Float(_) | Value::Bool(_) | Value::Null) { continue; }
        extra += heavy(v);
    }
    packets.len() + extra
}
fn main() {
    let which = std::env::args().nth(1).unwrap();
    let v: Vec<Packet> = (0..64).map(|i| Packet::Data(Value::Int(i))).collect();
    let mut t = 0;
    for _ in 0..100_000 {
        let v = std::hint::black_box(&v);
        t += match which.as_str() { "1" => w1(v), "2" => w2(v), _ => w3(v) };
    }
    println!("{t}");
}
