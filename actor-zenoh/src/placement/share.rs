//! One node's share of a graph.

use actor_core::graph::{Connection, Graph, PortRef, Process};
use serde_json::json;

use super::Placement;
use crate::names::NodeName;
use crate::proxy::{RECEIVE_COMPONENT, SEND_COMPONENT};

/// A connection whose two ends are on different nodes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteConnection {
    /// Its position in the graph's `connections` (the same on every node,
    /// since every node runs the same graph); it names the connection's
    /// key expressions.
    pub index: usize,
    /// The sending outport.
    pub src: PortRef,
    /// The receiving inport.
    pub tgt: PortRef,
    /// The node of `src`.
    pub from: NodeName,
    /// The node of `tgt`.
    pub to: NodeName,
    /// The proxy process standing for the other end in this node's share.
    pub proxy: String,
}

impl RemoteConnection {
    /// `src.PORT -> tgt.PORT`, with array indices, for messages.
    pub fn label(&self) -> String {
        fn end(p: &PortRef) -> String {
            match p.index {
                Some(i) => format!("{}.{}[{i}]", p.process, p.port),
                None => format!("{}.{}", p.process, p.port),
            }
        }
        format!("{} -> {}", end(&self.src), end(&self.tgt))
    }
}

/// A node's share: the graph it runs, and its remote connections.
#[derive(Debug, Clone)]
pub struct Share {
    /// The node.
    pub node: NodeName,
    /// Its processes, local connections, IIPs and exported ports, plus one
    /// proxy process per remote connection. Carries no source map: the
    /// whole graph was validated, with positions, before it was cut.
    pub graph: Graph,
    /// Remote connections out of this node (a sending proxy each).
    pub sends: Vec<RemoteConnection>,
    /// Remote connections into this node (a receiving proxy each).
    pub receives: Vec<RemoteConnection>,
}

impl Placement {
    /// Cuts `graph` for `node` (see the [module docs](super)). Proxy
    /// processes are named `send:<index>` and `receive:<index>`, with the
    /// connection's index in the graph; no `.fbp` process name has a `:`.
    pub fn share(&self, graph: &Graph, node: &NodeName) -> Share {
        let mut g = Graph { case_sensitive: graph.case_sensitive, properties: graph.properties.clone(), ..Graph::new() };
        for (name, p) in &graph.processes {
            if self.node_of(name) == Some(node) {
                g.processes.insert(name.clone(), p.clone());
            }
        }
        for (name, e) in &graph.inports {
            if self.node_of(&e.process) == Some(node) {
                g.inports.insert(name.clone(), e.clone());
            }
        }
        for (name, e) in &graph.outports {
            if self.node_of(&e.process) == Some(node) {
                g.outports.insert(name.clone(), e.clone());
            }
        }
        for group in &graph.groups {
            let mut group = group.clone();
            group.nodes.retain(|p| self.node_of(p) == Some(node));
            if !group.nodes.is_empty() {
                g.groups.push(group);
            }
        }
        let (mut sends, mut receives) = (Vec::new(), Vec::new());
        for (index, c) in graph.connections.iter().enumerate() {
            let tgt_here = self.is_on(&c.tgt, node);
            let Some(src) = &c.src else {
                if tgt_here {
                    g.connections.push(c.clone());
                }
                continue;
            };
            let src_here = self.is_on(src, node);
            let (from, to) = (self.node_of(&src.process), self.node_of(&c.tgt.process));
            let (Some(from), Some(to)) = (from.cloned(), to.cloned()) else { continue };
            let remote = |proxy: String| RemoteConnection {
                index,
                src: src.clone(),
                tgt: c.tgt.clone(),
                from: from.clone(),
                to: to.clone(),
                proxy,
            };
            match (src_here, tgt_here) {
                (true, true) => g.connections.push(c.clone()),
                (true, false) => {
                    let r = remote(format!("send:{index}"));
                    add_proxy(&mut g, &r.proxy, SEND_COMPONENT, index);
                    g.connections.push(edge(src.clone(), PortRef::new(&r.proxy, "in"), c));
                    sends.push(r);
                }
                (false, true) => {
                    let r = remote(format!("receive:{index}"));
                    add_proxy(&mut g, &r.proxy, RECEIVE_COMPONENT, index);
                    g.connections.push(edge(PortRef::new(&r.proxy, "out"), c.tgt.clone(), c));
                    receives.push(r);
                }
                (false, false) => {}
            }
        }
        Share { node: node.clone(), graph: g, sends, receives }
    }
}

fn add_proxy(g: &mut Graph, name: &str, component: &str, index: usize) {
    let metadata = json!({ "connection": index }).as_object().cloned();
    g.processes.insert(name.to_string(), Process { component: component.to_string(), metadata });
}

fn edge(src: PortRef, tgt: PortRef, original: &Connection) -> Connection {
    Connection { src: Some(src), data: None, tgt, metadata: original.metadata.clone() }
}
