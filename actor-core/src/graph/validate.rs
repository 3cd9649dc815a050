//! Checks a graph against a registry before it runs.

use std::fmt;

use super::{Graph, Location};
use crate::Registry;

/// One problem found in a graph, with where it is and what was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationError {
    /// Where the problem was written, when known.
    pub location: Option<Location>,
    /// What is wrong and what is valid there.
    pub message: String,
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.location {
            Some(loc) => write!(f, "{loc}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for ValidationError {}

/// Checks that every process names a registered component and every
/// connection and exported port names a declared port.
///
/// # Errors
/// Every problem found, in graph order.
pub fn validate(graph: &Graph, registry: &Registry) -> Result<(), Vec<ValidationError>> {
    let mut errors = Vec::new();
    for (name, p) in &graph.processes {
        if registry.get(&p.component).is_none() {
            errors.push(ValidationError {
                location: graph.source.process(name),
                message: format!("process {name:?}: unknown component {:?}", p.component),
            });
        }
    }
    let ports = |process: &str| graph.processes.get(process).and_then(|p| registry.get(&p.component)).map(|e| &e.spec.ports);
    for (i, c) in graph.connections.iter().enumerate() {
        match ports(&c.tgt.process) {
            Some(ps) if ps.find_inport(&c.tgt.port, graph.case_sensitive).is_none() => errors.push(ValidationError {
                location: graph.source.connection_tgt(i),
                message: format!("process {:?} has no inport {:?}", c.tgt.process, c.tgt.port),
            }),
            None if !graph.processes.contains_key(&c.tgt.process) => errors.push(ValidationError {
                location: graph.source.connection_tgt(i),
                message: format!("no process {:?}", c.tgt.process),
            }),
            _ => {}
        }
        if let Some(src) = &c.src {
            match ports(&src.process) {
                Some(ps) if ps.find_outport(&src.port, graph.case_sensitive).is_none() => {
                    errors.push(ValidationError {
                        location: graph.source.connection_src(i),
                        message: format!("process {:?} has no outport {:?}", src.process, src.port),
                    })
                }
                None if !graph.processes.contains_key(&src.process) => errors.push(ValidationError {
                    location: graph.source.connection_src(i),
                    message: format!("no process {:?}", src.process),
                }),
                _ => {}
            }
        }
    }
    if errors.is_empty() { Ok(()) } else { Err(errors) }
}
