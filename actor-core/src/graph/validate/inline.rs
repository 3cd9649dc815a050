//! Inlining subgraphs: a plan whose processes include subgraph instances
//! becomes the plan of the same network with each instance replaced by
//! the processes of its graph.

use crate::graph::plan::{PlanPort, Wire};
use crate::graph::{Plan, PortRef, Topology};

/// Replaces each process `i` of `outer` for which `inner[i]` is a plan by
/// that plan's processes (whose names already carry the instance's path),
/// in place, and redirects every connection, IIP and exported port that
/// names one of the instance's ports to the inner port that port of the
/// subgraph exports.
///
/// The wires of the instances come first, in process order, then the
/// outer graph's: so the IIPs inside a subgraph are queued before IIPs
/// from outside that reach the same inport.
///
/// An edge that reaches into an instance is labelled with the inner port
/// it now reaches (`top/words.in`, not `top.in`), so a plan is the same
/// whether a subgraph was used or its processes were written out by hand.
pub(super) fn inline(outer: Plan, inner: Vec<Option<Plan>>) -> Plan {
    if inner.iter().all(Option::is_none) {
        return outer;
    }
    // Where each outer process's processes start in the new list; the
    // inner plans' exported ports and wires, taken apart from their processes.
    let mut base = Vec::with_capacity(outer.processes.len());
    let mut processes = Vec::new();
    let mut exports = Vec::with_capacity(inner.len());
    let mut inner_wires = Vec::new();
    for (p, sub) in outer.processes.into_iter().zip(inner) {
        base.push(processes.len());
        match sub {
            None => {
                processes.push(p);
                exports.push(None);
            }
            Some(sub) => {
                let shift = processes.len();
                processes.extend(sub.processes);
                inner_wires.extend(sub.wires.into_iter().map(|w| shifted(w, shift)));
                exports.push(Some((sub.exported_inports, sub.exported_outports)));
            }
        }
    }
    let map = |port: PlanPort, side: Side| match &exports[port.process] {
        None => PlanPort { process: base[port.process], ..port },
        Some((ins, outs)) => {
            let to = match side {
                Side::In => ins[port.port].1,
                Side::Out => outs[port.port].1,
            };
            PlanPort { process: base[port.process] + to.process, port: to.port, index: port.index.or(to.index) }
        }
    };
    let mut wires = inner_wires;
    for w in outer.wires {
        wires.push(match w {
            Wire::Edge { src, tgt, written: (wsrc, wtgt) } => {
                let (new_src, new_tgt) = (map(src, Side::Out), map(tgt, Side::In));
                let wsrc = if exports[src.process].is_some() { label(&processes[new_src.process], new_src, &wsrc, Side::Out) } else { wsrc };
                let wtgt = if exports[tgt.process].is_some() { label(&processes[new_tgt.process], new_tgt, &wtgt, Side::In) } else { wtgt };
                Wire::Edge { src: new_src, tgt: new_tgt, written: (wsrc, wtgt) }
            }
            Wire::Iip { tgt, data } => Wire::Iip { tgt: map(tgt, Side::In), data },
        });
    }
    let exported_inports = outer.exported_inports.into_iter().map(|(n, p)| (n, map(p, Side::In))).collect();
    let exported_outports = outer.exported_outports.into_iter().map(|(n, p)| (n, map(p, Side::Out))).collect();
    // The topology is computed once, on the whole network (`Expander::run`).
    Plan { processes, wires, exported_inports, exported_outports, topology: Topology::default() }
}

/// Wire `w` of an inner plan whose processes now start at `shift`.
fn shifted(w: Wire, shift: usize) -> Wire {
    let shift = |p: PlanPort| PlanPort { process: shift + p.process, ..p };
    match w {
        Wire::Edge { src, tgt, written } => Wire::Edge { src: shift(src), tgt: shift(tgt), written },
        Wire::Iip { tgt, data } => Wire::Iip { tgt: shift(tgt), data },
    }
}

#[derive(Clone, Copy)]
enum Side {
    In,
    Out,
}

/// The end of an edge at inner port `port` of `process`: its path name and
/// declared port name, with the array index the outer graph wrote (an
/// exported port has none of its own).
fn label(process: &crate::graph::PlannedProcess, port: PlanPort, written: &PortRef, side: Side) -> PortRef {
    let ports = match side {
        Side::In => &process.ports.inports,
        Side::Out => &process.ports.outports,
    };
    PortRef { process: process.name.clone(), port: ports[port.port].name.clone(), index: written.index }
}
