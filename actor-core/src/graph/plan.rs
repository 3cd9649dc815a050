//! A graph resolved against component specs: the network is built from this.

use serde_json::Value as Json;

use super::{FailurePolicy, PortRef, Topology};
use crate::port::Ports;

/// A graph that [`validate`](super::validate) accepted, with every name
/// resolved once to an index: processes by their position in
/// [`Graph::processes`](super::Graph::processes), ports by their position
/// in the component's declared [`Ports`].
///
/// Nothing in a plan needs looking up again, so building a network from it
/// cannot meet a missing process, component or port.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// The processes, in graph order.
    pub processes: Vec<PlannedProcess>,
    /// The connections and IIPs, in graph order (IIPs are delivered in this order).
    pub wires: Vec<Wire>,
    /// Exported inports: public name and the inport behind it.
    pub exported_inports: Vec<(String, PlanPort)>,
    /// Exported outports: public name and the outport behind it.
    pub exported_outports: Vec<(String, PlanPort)>,
    /// Cycles, and what lies downstream of them.
    pub topology: Topology,
}

/// One process of a [`Plan`].
#[derive(Debug, Clone, PartialEq)]
pub struct PlannedProcess {
    /// Its name in the graph.
    pub name: String,
    /// Its component's name.
    pub component: String,
    /// Its metadata object (the actor's config), or `null`.
    pub config: Json,
    /// Its component's declared ports, which the plan's port indices refer to.
    pub ports: Ports,
    /// What happens when it fails, read from its metadata.
    pub policy: FailurePolicy,
}

/// A process port in a [`Plan`]: indices, not names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PlanPort {
    /// The process's index in [`Plan::processes`].
    pub process: usize,
    /// The port's index among the process's declared inports or outports.
    pub port: usize,
    /// The array index (`OUT[2]` is 2), where the graph gives one.
    pub index: Option<usize>,
}

/// A connection or an IIP of a [`Plan`].
#[derive(Debug, Clone, PartialEq)]
pub enum Wire {
    /// A connection from an outport to an inport.
    Edge {
        /// The sending outport.
        src: PlanPort,
        /// The receiving inport.
        tgt: PlanPort,
        /// Both ends as the graph wrote them (for labels and observers).
        written: (PortRef, PortRef),
    },
    /// An initial information packet into an inport.
    Iip {
        /// The receiving inport.
        tgt: PlanPort,
        /// The packet's data.
        data: Json,
    },
}

impl Plan {
    /// Per process, the processes it sends to, one entry per connection:
    /// the directed graph [`Topology`] is computed on.
    pub fn successors(&self) -> Vec<Vec<usize>> {
        successors(self.processes.len(), &self.wires)
    }

    /// This plan with each edge's `written` ends replaced by the ports it
    /// connects: the process's (path) name and the declared port name,
    /// with the array index. Inlining a subgraph keeps the ends its graph
    /// file wrote (`read.out -> top.in` although the edge reaches
    /// `top/words.in`); relabelled, two plans of the same network compare
    /// equal whether it was written with subgraphs or out by hand.
    ///
    /// # Examples
    /// ```
    /// use actor_core::{Graph, PortRef, graph::validate};
    /// let mut specs = actor_components::standard();
    /// let sub = Graph::from_fbp_str("INPORT=r.IN:IN\nOUTPORT=r.OUT:OUT\nr(core/Repeat)", None).unwrap();
    /// specs.register_graphs([("lib/Relay".to_string(), sub)]);
    /// let with = Graph::from_fbp_str("'x' -> IN t(lib/Relay) OUT -> IN d(core/Drop)", None).unwrap();
    /// let mut by_hand = Graph::new();
    /// by_hand.add_process("t/r", "core/Repeat").add_process("d", "core/Drop");
    /// by_hand.add_iip(serde_json::json!("x"), PortRef::new("t/r", "in"));
    /// by_hand.connect(PortRef::new("t/r", "out"), PortRef::new("d", "in"));
    /// let (a, b) = (validate(&with, &specs).unwrap(), validate(&by_hand, &specs).unwrap());
    /// assert_ne!(a, b, "the edge out of t keeps its written ends, t.out -> d.in");
    /// assert_eq!(a.labelled_by_ports(), b.labelled_by_ports());
    /// ```
    #[must_use]
    pub fn labelled_by_ports(mut self) -> Plan {
        let ends: Vec<(PortRef, PortRef)> = self
            .wires
            .iter()
            .filter_map(|w| match w {
                Wire::Edge { src, tgt, .. } => {
                    let (s, t) = (&self.processes[src.process], &self.processes[tgt.process]);
                    let end = |name: &str, port: &str, index| PortRef { process: name.to_string(), port: port.to_string(), index };
                    Some((end(&s.name, &s.ports.outports[src.port].name, src.index), end(&t.name, &t.ports.inports[tgt.port].name, tgt.index)))
                }
                Wire::Iip { .. } => None,
            })
            .collect();
        let mut ends = ends.into_iter();
        for w in &mut self.wires {
            if let Wire::Edge { written, .. } = w {
                *written = ends.next().expect("one per edge");
            }
        }
        self
    }
}

pub(super) fn successors(processes: usize, wires: &[Wire]) -> Vec<Vec<usize>> {
    let mut succ = vec![Vec::new(); processes];
    for w in wires {
        if let Wire::Edge { src, tgt, .. } = w {
            succ[src.process].push(tgt.process);
        }
    }
    succ
}
