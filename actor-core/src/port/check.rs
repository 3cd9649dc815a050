use std::fmt;

use crate::Value;

/// A component's check of the values an inport accepts, run on the port's
/// IIPs when a graph is validated, before any actor exists.
///
/// Port types catch the wrong kind of value; a check catches a value of the
/// right kind that the component cannot use, such as a malformed sort key
/// on `stream/Sort`'s `by` port. It is descriptor data: a plain function of
/// the value, so [`validate`](crate::graph::validate) needs no factory. It
/// receives the IIP after its string spelling was read as the port's type
/// (see [`PortType::coerce`](super::PortType::coerce)) and returns what is
/// wrong, which validation reports with the IIP's position. Components
/// should run the same function on the values they receive at run time.
///
/// # Examples
/// ```
/// use actor_core::{IipCheck, PortSpec, PortType, Value};
/// fn positive(v: &Value) -> Result<(), String> {
///     match v.as_i64() {
///         Some(n) if n > 0 => Ok(()),
///         _ => Err("expected a positive integer".into()),
///     }
/// }
/// let port = PortSpec::new("count").ty(PortType::Int).check(positive);
/// assert_eq!(port.check.map(|c| c.run(&Value::Int(0))), Some(Err("expected a positive integer".into())));
/// ```
#[derive(Clone, Copy)]
pub struct IipCheck(pub fn(&Value) -> Result<(), String>);

impl IipCheck {
    /// Runs the check on `value`.
    ///
    /// # Errors
    /// What is wrong with `value`, worded to follow `port ...: `.
    pub fn run(&self, value: &Value) -> Result<(), String> {
        (self.0)(value)
    }
}

impl fmt::Debug for IipCheck {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("IipCheck(..)")
    }
}

impl PartialEq for IipCheck {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::fn_addr_eq(self.0, other.0)
    }
}
