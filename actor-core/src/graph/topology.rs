//! The shape of a graph's connections: cycles and what lies downstream of them.
//!
//! A network with a cycle cannot end by completion flowing downstream, so
//! the runner ends it at quiescence; what it stops then, and what it lets
//! finish, comes from here.

/// Where each process sits relative to the cycles of the graph.
///
/// Computed from the directed graph of processes whose edges are the
/// connections (IIPs and exported ports are not edges).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Topology {
    /// Whether the graph has a directed cycle.
    pub has_cycle: bool,
    /// Per process: on a directed cycle (its strongly connected component
    /// has more than one process, or it is connected to itself).
    pub on_cycle: Vec<bool>,
    /// Per process: on a cycle or reachable from one.
    pub downstream_of_cycle: Vec<bool>,
    /// Per process: its position in a topological order of the graph's
    /// strongly connected components (the order in which Kosaraju's
    /// algorithm finds them): every connection goes from a lower position
    /// to a higher one or stays within one position, the processes of a
    /// cycle share one, and along a pipeline the positions are
    /// consecutive. An executor with several threads places the processes
    /// by it (`rt::Executor::spawn_at`), so a cycle's processes, which
    /// hand packets back and forth, share a thread.
    pub position: Vec<usize>,
}

impl Topology {
    /// The topology of the directed graph given as adjacency lists:
    /// `successors[p]` lists the processes `p` sends to (repeats allowed).
    pub fn of(successors: &[Vec<usize>]) -> Self {
        let finished = finish_order(successors);
        let (on_cycle, position) = components(successors, &finished);
        Self {
            has_cycle: on_cycle.iter().any(|&c| c),
            on_cycle,
            downstream_of_cycle: downstream_of_cycle(successors),
            position,
        }
    }
}

/// For each node, whether it is on a cycle or reachable from one: exactly
/// the nodes that Kahn's topological sort (Kahn 1962, "Topological sorting
/// of large networks") never frees, since each waits, directly or not, on a
/// node of a cycle.
fn downstream_of_cycle(edges: &[Vec<usize>]) -> Vec<bool> {
    let mut in_degree = vec![0usize; edges.len()];
    for succ in edges.iter().flatten() {
        in_degree[*succ] += 1;
    }
    let mut free: Vec<usize> = (0..edges.len()).filter(|&n| in_degree[n] == 0).collect();
    let mut marked = vec![true; edges.len()];
    while let Some(n) = free.pop() {
        marked[n] = false;
        for &succ in &edges[n] {
            in_degree[succ] -= 1;
            if in_degree[succ] == 0 {
                free.push(succ);
            }
        }
    }
    marked
}

/// The nodes in order of completion of an iterative depth-first search
/// from each unvisited node in index order. Reversed, it is a topological
/// order of an acyclic graph; it is also the first pass of Kosaraju's
/// algorithm in [`on_cycle`].
fn finish_order(edges: &[Vec<usize>]) -> Vec<usize> {
    let n = edges.len();
    let mut order = Vec::with_capacity(n);
    let mut seen = vec![false; n];
    for root in 0..n {
        if seen[root] {
            continue;
        }
        seen[root] = true;
        let mut stack = vec![(root, 0usize)];
        while let Some((node, next)) = stack.last_mut() {
            if let Some(&succ) = edges[*node].get(*next) {
                *next += 1;
                if !seen[succ] {
                    seen[succ] = true;
                    stack.push((succ, 0));
                }
            } else {
                order.push(*node);
                stack.pop();
            }
        }
    }
    order
}

/// For each node, whether it lies on a directed cycle: its strongly
/// connected component has more than one node, or it has an edge to
/// itself. Components are found with Kosaraju's two-pass algorithm (Sharir
/// 1981, "A strong-connectivity algorithm and its applications in data flow
/// analysis"), both passes iterative, in O(nodes + edges).
///
/// Returns the flags and each node's component, numbered in the order
/// pass 2 finds them: a topological order of the components.
fn components(edges: &[Vec<usize>], order: &[usize]) -> (Vec<bool>, Vec<usize>) {
    let n = edges.len();
    // Pass 1 is `order` (finish_order).
    // Pass 2: on the reversed graph, in reverse completion order, each
    // search collects exactly one strongly connected component.
    let mut reverse = vec![Vec::new(); n];
    for (from, succs) in edges.iter().enumerate() {
        for &to in succs {
            reverse[to].push(from);
        }
    }
    let mut component = vec![usize::MAX; n];
    let mut sizes = Vec::new();
    for &root in order.iter().rev() {
        if component[root] != usize::MAX {
            continue;
        }
        let id = sizes.len();
        sizes.push(0usize);
        component[root] = id;
        let mut stack = vec![root];
        while let Some(node) = stack.pop() {
            sizes[id] += 1;
            for &pred in &reverse[node] {
                if component[pred] == usize::MAX {
                    component[pred] = id;
                    stack.push(pred);
                }
            }
        }
    }
    let on_cycle = (0..n).map(|v| sizes[component[v]] > 1 || edges[v].contains(&v)).collect();
    (on_cycle, component)
}

#[cfg(test)]
mod tests;
