use std::fmt;

/// One process that failed during a run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProcessFailure {
    /// The process name.
    pub process: String,
    /// Its component.
    pub component: String,
    /// What went wrong: the error's message, or `panicked: <message>`.
    pub cause: String,
}

impl fmt::Display for ProcessFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "process {:?} ({}) failed: {}", self.process, self.component, self.cause)
    }
}

/// Processes that can never make progress again: each waits to send on a
/// full connection whose receiver waits in turn (see [`NetworkError::Deadlock`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deadlock {
    /// The processes of the cycle, in wait order, each with the label of the
    /// full connection it waits to send on (into the next one).
    pub cycle: Vec<(String, String)>,
    /// Other processes waiting to send on a full connection that leads into
    /// the cycle, each with that connection's label.
    pub waiting: Vec<(String, String)>,
}

impl fmt::Display for Deadlock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut names: Vec<&str> = self.cycle.iter().map(|(p, _)| p.as_str()).collect();
        if let Some((first, _)) = self.cycle.first() {
            names.push(first);
        }
        let full = |list: &[(String, String)]| list.iter().map(|(_, c)| c.as_str()).collect::<Vec<_>>().join(", ");
        write!(
            f,
            "deadlock: the processes on the cycle {} each wait to send on a full connection, and none can take a packet: {}",
            names.join(" -> "),
            full(&self.cycle)
        )?;
        if !self.waiting.is_empty() {
            let who = self.waiting.iter().map(|(p, _)| p.as_str()).collect::<Vec<_>>().join(", ");
            write!(f, "; also waiting on it: {who} ({})", full(&self.waiting))?;
        }
        Ok(())
    }
}

/// Errors of building, starting and running a network.
#[derive(Debug, thiserror::Error)]
pub enum NetworkError {
    /// The graph did not validate; every problem found, one per line.
    #[error("invalid graph:\n{}", .0.iter().map(|e| format!("  {e}")).collect::<Vec<_>>().join("\n"))]
    Invalid(Vec<crate::graph::ValidationError>),
    /// A component's factory rejected a process's config.
    #[error("process {process:?} ({component}): cannot create the actor: {cause}")]
    Instantiate {
        /// The process.
        process: String,
        /// Its component.
        component: String,
        /// The factory's error.
        cause: String,
    },
    /// No exported port of that name.
    #[error("the graph has no exported {direction} {name:?} (it has: {known})")]
    NoExportedPort {
        /// `inport` or `outport`.
        direction: &'static str,
        /// The name asked for.
        name: String,
        /// The exported names, comma-separated.
        known: String,
    },
    /// No process of that name.
    #[error("the graph has no process {0:?}")]
    NoProcess(String),
    /// No executor to run on.
    #[error(transparent)]
    NoRuntime(#[from] crate::rt::NoRuntime),
    /// The [`StateStore`](super::StateStore) failed: restoring the states
    /// before the run, a periodic checkpoint (which stopped the network),
    /// or the final checkpoint.
    #[error("durable state: {0}")]
    StateStore(#[source] super::StoreError),
    /// One or more processes failed; the others were shut down.
    #[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
    Failed(Vec<ProcessFailure>),
    /// The run could not progress: processes on a cycle each waited to
    /// send on a full connection into the next. Every process was stopped.
    #[error("{0}")]
    Deadlock(Deadlock),
}
