//! How the port names written in a graph match the names components declare.

use super::PortSpec;

/// How a graph's port names match declared port names: the one definition
/// of port-name matching, used by validation, the resolved plan and
/// [`Graph::set_iip`](crate::graph::Graph::set_iip).
///
/// NoFlo's graphs are case-insensitive by default: its `.fbp` parser
/// lowercases port names unless `caseSensitive` is set (npm `fbp`,
/// `lib/fbp.js`), and graph JSON carries the flag as `caseSensitive`.
///
/// # Examples
/// ```
/// use actor_core::port::PortCase;
/// use actor_core::PortSpec;
/// let ports = [PortSpec::new("in"), PortSpec::new("In")];
/// assert_eq!(PortCase::Insensitive.position(&ports, "In"), Some(1)); // exact match first
/// assert_eq!(PortCase::Insensitive.position(&ports, "IN"), Some(0));
/// assert_eq!(PortCase::Sensitive.position(&ports, "IN"), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum PortCase {
    /// Names match ignoring ASCII case, after an exact match is looked for
    /// first (the default).
    #[default]
    Insensitive,
    /// Names match exactly.
    Sensitive,
}

impl PortCase {
    /// The rule for a graph whose `caseSensitive` flag is `case_sensitive`.
    pub fn from_flag(case_sensitive: bool) -> Self {
        if case_sensitive { Self::Sensitive } else { Self::Insensitive }
    }

    /// Whether `written` names the port declared as `declared`.
    pub fn matches(self, declared: &str, written: &str) -> bool {
        declared == written || (self == Self::Insensitive && declared.eq_ignore_ascii_case(written))
    }

    /// The position of the port `written` names among `ports`: an exact
    /// match if there is one, otherwise (when insensitive) the first port
    /// whose name differs only in ASCII case.
    pub fn position(self, ports: &[PortSpec], written: &str) -> Option<usize> {
        ports.iter().position(|p| p.name == written).or_else(|| match self {
            Self::Insensitive => ports.iter().position(|p| p.name.eq_ignore_ascii_case(written)),
            Self::Sensitive => None,
        })
    }
}
