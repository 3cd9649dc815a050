use super::{IipCheck, PortCase, PortType};

/// One declared port.
///
/// # Examples
/// ```
/// use actor_core::{PortSpec, PortType};
/// let p = PortSpec::new("count").ty(PortType::Int).required().describe("how many to take");
/// assert_eq!(p.name, "count");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct PortSpec {
    /// The port's name, as written in graphs (matched case-insensitively
    /// unless the graph is case-sensitive).
    pub name: String,
    /// The datatype of its packets.
    pub ty: PortType,
    /// One line for humans.
    pub description: String,
    /// An inport that must be connected or given an IIP for the graph to validate.
    pub required: bool,
    /// An array port, addressed by index (`OUT[0]`, `OUT[1]`).
    pub addressable: bool,
    /// The component's check of this inport's IIPs, run by validation
    /// (see [`IipCheck`]); `None` accepts every value of the port's type.
    pub check: Option<IipCheck>,
    /// An inport whose data packets are file paths (strings).
    ///
    /// Descriptor data for graph loaders: a relative path in an IIP of a
    /// graph file means a path relative to the graph file's folder, and a
    /// loader that knows the file can resolve it before the run (the
    /// `actorflow` CLI does). The component itself opens what it receives
    /// as the operating system would, relative to the working directory.
    pub file_path: bool,
}

impl PortSpec {
    /// A port of type `all`, optional, not addressable.
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            ty: PortType::All,
            description: String::new(),
            required: false,
            addressable: false,
            check: None,
            file_path: false,
        }
    }
    /// Sets the datatype.
    pub fn ty(mut self, ty: PortType) -> Self {
        self.ty = ty;
        self
    }
    /// Sets the description.
    pub fn describe(mut self, text: impl Into<String>) -> Self {
        self.description = text.into();
        self
    }
    /// Marks the port required.
    pub fn required(mut self) -> Self {
        self.required = true;
        self
    }
    /// Sets the check validation runs on this inport's IIPs (see [`IipCheck`]).
    pub fn check(mut self, check: fn(&crate::Value) -> Result<(), String>) -> Self {
        self.check = Some(IipCheck(check));
        self
    }
    /// Marks the port as an array port.
    pub fn addressable(mut self) -> Self {
        self.addressable = true;
        self
    }
    /// Marks the port as taking file paths (see [`PortSpec::file_path`](field@PortSpec::file_path)).
    pub fn file_path(mut self) -> Self {
        self.file_path = true;
        self
    }
}

/// The inports and outports an actor declares, in declaration order.
///
/// # Examples
/// ```
/// use actor_core::{Ports, PortSpec};
/// let ports = Ports::new().inport(PortSpec::new("in")).outport(PortSpec::new("out"));
/// assert_eq!(ports.inports.len(), 1);
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Ports {
    /// Input ports.
    pub inports: Vec<PortSpec>,
    /// Output ports.
    pub outports: Vec<PortSpec>,
}

impl Ports {
    /// No ports.
    pub fn new() -> Self {
        Self::default()
    }
    /// Adds an inport.
    pub fn inport(mut self, port: PortSpec) -> Self {
        self.inports.push(port);
        self
    }
    /// Adds an outport.
    pub fn outport(mut self, port: PortSpec) -> Self {
        self.outports.push(port);
        self
    }
    /// Finds an inport by the name a graph writes (see [`PortCase::position`]).
    pub fn find_inport(&self, name: &str, case: PortCase) -> Option<&PortSpec> {
        case.position(&self.inports, name).map(|i| &self.inports[i])
    }
    /// Finds an outport by the name a graph writes, like [`Ports::find_inport`].
    pub fn find_outport(&self, name: &str, case: PortCase) -> Option<&PortSpec> {
        case.position(&self.outports, name).map(|i| &self.outports[i])
    }
}

/// What the registry knows about a component: its name, description and ports.
#[derive(Debug, Clone, PartialEq)]
pub struct ComponentSpec {
    /// The name graphs use, such as `core/Repeat`.
    pub name: String,
    /// One line for humans.
    pub description: String,
    /// Its ports.
    pub ports: Ports,
}
