//! [`Str`]: the text of a string value.

use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

use smol_str::SmolStr;

/// An immutable UTF-8 string, the payload of [`Value::String`](super::Value::String).
///
/// A string of at most [`Str::INLINE_BYTES`] bytes is stored inline (no
/// allocation, and cloning or dropping it touches no shared counter); a
/// longer one sits behind an `Arc`, so cloning is O(1) either way. A word
/// split from a text, the common case of a stream of short strings, never
/// allocates. The representation is [`smol_str::SmolStr`]; this type wraps
/// it so that the public API does not depend on it.
///
/// `Str` dereferences to `&str`; equality, ordering and hashing are those
/// of the text, so a `HashMap<Str, _>` can be looked up with a `&str`.
///
/// # Examples
/// ```
/// use actor_core::message::Str;
/// let word = Str::from("fox");
/// assert_eq!(&*word, "fox");
/// assert!(word.is_inline());
/// assert!(!Str::from("a string longer than twenty-three bytes").is_inline());
/// ```
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Str(SmolStr);

impl Str {
    /// The longest string, in bytes, stored without an allocation.
    pub const INLINE_BYTES: usize = 23;

    /// Copies `text` (inline when it is short enough).
    pub fn new(text: &str) -> Self {
        Str(SmolStr::new(text))
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }

    /// `true` when the text is stored inline, without an allocation.
    pub fn is_inline(&self) -> bool {
        !self.0.is_heap_allocated()
    }
}

impl Deref for Str {
    type Target = str;
    fn deref(&self) -> &str {
        self.0.as_str()
    }
}

impl AsRef<str> for Str {
    fn as_ref(&self) -> &str {
        self.0.as_str()
    }
}

impl Borrow<str> for Str {
    fn borrow(&self) -> &str {
        self.0.as_str()
    }
}

impl From<&str> for Str {
    fn from(s: &str) -> Self {
        Str(SmolStr::new(s))
    }
}

impl From<String> for Str {
    fn from(s: String) -> Self {
        Str(SmolStr::from(s))
    }
}

impl From<&String> for Str {
    fn from(s: &String) -> Self {
        Str(SmolStr::new(s))
    }
}

impl From<Arc<str>> for Str {
    fn from(s: Arc<str>) -> Self {
        Str(SmolStr::from(s))
    }
}

impl From<Str> for String {
    fn from(s: Str) -> Self {
        s.0.into()
    }
}

impl From<Str> for Arc<str> {
    fn from(s: Str) -> Self {
        Arc::from(s.0.as_str())
    }
}

impl PartialEq<str> for Str {
    fn eq(&self, other: &str) -> bool {
        self.0.as_str() == other
    }
}

impl PartialEq<&str> for Str {
    fn eq(&self, other: &&str) -> bool {
        self.0.as_str() == *other
    }
}

impl fmt::Debug for Str {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.0.as_str(), f)
    }
}

impl fmt::Display for Str {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_strings_are_inline_and_long_ones_shared() {
        let short = Str::new(&"x".repeat(Str::INLINE_BYTES));
        assert!(short.is_inline());
        let long = Str::new(&"x".repeat(Str::INLINE_BYTES + 1));
        assert!(!long.is_inline());
        let copy = long.clone();
        assert_eq!(copy, long);
        assert_eq!(copy.as_str().as_ptr(), long.as_str().as_ptr(), "a clone of a long string shares it");
    }

    #[test]
    fn compares_hashes_and_converts_as_its_text() {
        use std::collections::HashMap;
        let mut m: HashMap<Str, u32> = HashMap::new();
        m.insert(Str::from("fox"), 1);
        assert_eq!(m.get("fox"), Some(&1));
        assert!(Str::from("a").cmp(&Str::from("b")).is_lt(), "ordered by text");
        assert_eq!(Str::from(String::from("é")), "é");
        assert_eq!(String::from(Str::from("ok")), "ok");
        assert_eq!(&*Arc::<str>::from(Str::from("ok")), "ok");
        assert_eq!(format!("{:?} {}", Str::from("q\""), Str::from("q")), "\"q\\\"\" q");
    }

    #[test]
    fn a_value_stays_small() {
        assert!(std::mem::size_of::<super::super::Value>() <= 32);
    }
}
