//! [`SlotElement`]: the numeric types a [`SharedSlotBuffer`](super::SharedSlotBuffer) holds.

use std::fmt::Debug;
use std::sync::atomic::{AtomicI64, AtomicU8, AtomicU32, AtomicU64, Ordering};

use serde_json::Value as Json;

use crate::Value;

mod sealed {
    pub trait Sealed {}
}

/// An element type of a [`SharedSlotBuffer`](super::SharedSlotBuffer): `f64`,
/// `i64`, `u32` or `u8`. Sealed.
///
/// Each is stored in the atomic integer of the same width (`AtomicU64` for
/// `f64`, holding its IEEE 754 bits), which has the same size, alignment and
/// bit layout as the element, so the buffer's memory *is* a plain array of
/// the element type.
pub trait SlotElement: sealed::Sealed + Copy + PartialEq + Debug + Send + Sync + 'static {
    /// The atomic cell of the same width.
    #[doc(hidden)]
    type Atomic: Send + Sync;
    /// The name of the type, as in Rust (`"f64"`); the matching JS typed
    /// array is `Float64Array`, `BigInt64Array`, `Uint32Array`, `Uint8Array`.
    const NAME: &'static str;
    /// Zero of the type (the initial value of every slot).
    const ZERO: Self;
    #[doc(hidden)]
    fn atomic(self) -> Self::Atomic;
    #[doc(hidden)]
    fn load(cell: &Self::Atomic) -> Self;
    #[doc(hidden)]
    fn swap(cell: &Self::Atomic, value: Self) -> Self;
    #[doc(hidden)]
    fn store(cell: &Self::Atomic, value: Self);
    /// Bitwise equality: NaN equals the same NaN, `0.0` differs from `-0.0`.
    fn bits_eq(self, other: Self) -> bool;
    /// The value as a message [`Value`] (`Float` for `f64`, `Int` otherwise).
    fn to_value(self) -> Value;
    /// The value as JSON (a non-finite `f64` becomes `null`).
    fn to_json(self) -> Json;
    /// The value read from JSON: a number that fits; for `f64`, `null`
    /// reads as NaN. `None` for anything else.
    fn from_json(json: &Json) -> Option<Self>;
}

impl sealed::Sealed for f64 {}
impl SlotElement for f64 {
    type Atomic = AtomicU64;
    const NAME: &'static str = "f64";
    const ZERO: f64 = 0.0;
    fn atomic(self) -> AtomicU64 {
        AtomicU64::new(self.to_bits())
    }
    #[inline]
    fn load(cell: &AtomicU64) -> f64 {
        f64::from_bits(cell.load(Ordering::Acquire))
    }
    #[inline]
    fn swap(cell: &AtomicU64, value: f64) -> f64 {
        f64::from_bits(cell.swap(value.to_bits(), Ordering::AcqRel))
    }
    #[inline]
    fn store(cell: &AtomicU64, value: f64) {
        cell.store(value.to_bits(), Ordering::Release);
    }
    #[inline]
    fn bits_eq(self, other: f64) -> bool {
        self.to_bits() == other.to_bits()
    }
    fn to_value(self) -> Value {
        Value::Float(self)
    }
    fn to_json(self) -> Json {
        serde_json::Number::from_f64(self).map_or(Json::Null, Json::Number)
    }
    fn from_json(json: &Json) -> Option<f64> {
        match json {
            Json::Null => Some(f64::NAN),
            j => j.as_f64(),
        }
    }
}

macro_rules! int_element {
    ($t:ty, $atomic:ty, $name:literal) => {
        impl sealed::Sealed for $t {}
        impl SlotElement for $t {
            type Atomic = $atomic;
            const NAME: &'static str = $name;
            const ZERO: $t = 0;
            fn atomic(self) -> $atomic {
                <$atomic>::new(self)
            }
            #[inline]
            fn load(cell: &$atomic) -> $t {
                cell.load(Ordering::Acquire)
            }
            #[inline]
            fn swap(cell: &$atomic, value: $t) -> $t {
                cell.swap(value, Ordering::AcqRel)
            }
            #[inline]
            fn store(cell: &$atomic, value: $t) {
                cell.store(value, Ordering::Release);
            }
            #[inline]
            fn bits_eq(self, other: $t) -> bool {
                self == other
            }
            fn to_value(self) -> Value {
                Value::Int(i64::from(self))
            }
            fn to_json(self) -> Json {
                Json::from(self)
            }
            fn from_json(json: &Json) -> Option<$t> {
                json.as_i64().and_then(|x| <$t>::try_from(x).ok())
            }
        }
    };
}
int_element!(i64, AtomicI64, "i64");
int_element!(u32, AtomicU32, "u32");
int_element!(u8, AtomicU8, "u8");
