//! Inlining subgraphs: a plan whose processes include subgraph instances
//! becomes the plan of the same network with each instance replaced by
//! the processes of its graph.

use crate::graph::plan::{PlanPort, Wire};
use crate::graph::{FailurePolicy, Plan, Topology};

/// Replaces each process `i` of `outer` for which `inner[i]` is a plan by
/// that plan's processes (whose names already carry the instance's path),
/// in place, and redirects every connection, IIP and exported port that
/// names one of the instance's ports to the inner port that port of the
/// subgraph exports.
///
/// A failure policy in the instance's metadata (`restart`, `on_failure`)
/// becomes the policy of each inner process whose metadata writes no
/// policy key itself ([`FailurePolicy::is_written_in`]).
///
/// The wires of the instances come first, in process order, then the
/// outer graph's: so the IIPs inside a subgraph are queued before IIPs
/// from outside that reach the same inport.
///
/// Every edge keeps the ends written in the graph that declares it, with
/// that graph's path prefix: `read OUT -> IN top` stays `read.out ->
/// top.in` although it now reaches `top/words`. So labels, statistics and
/// an fbp-protocol client name each edge as its own graph file does. The
/// plan differs from the one of the processes written out by hand only in
/// those labels.
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
                // A failure policy written on the instance applies to each
                // of its processes that writes none of its own.
                let policy = p.policy;
                processes.extend(sub.processes.into_iter().map(|mut q| {
                    if !FailurePolicy::is_written_in(&q.config) {
                        q.policy = policy;
                    }
                    q
                }));
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
            Wire::Edge { src, tgt, written } => Wire::Edge { src: map(src, Side::Out), tgt: map(tgt, Side::In), written },
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
