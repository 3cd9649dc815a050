use super::{Topology, downstream_of_cycle, finish_order};

fn on_cycle(edges: &[Vec<usize>]) -> Vec<bool> {
    super::components(edges, &finish_order(edges)).0
}

#[test]
fn nodes_on_or_after_a_cycle_are_marked_and_the_others_not() {
    // e -> a -> b -> c -> b (a cycle), c -> d; f -> f (a self-loop); g alone.
    let (a, b, c, d, e, f) = (0, 1, 2, 3, 4, 5); // and 6 has no connection
    let mut edges = vec![Vec::new(); 7];
    edges[e].push(a);
    edges[a].push(b);
    edges[a].push(b); // two connections between the same processes
    edges[b].push(c);
    edges[c].push(b);
    edges[c].push(d);
    edges[f].push(f);
    assert!(Topology::of(&edges).has_cycle);
    let marked = downstream_of_cycle(&edges);
    assert_eq!(marked, [false, true, true, true, false, true, false]);
}

#[test]
fn an_acyclic_graph_marks_nothing() {
    let edges = vec![vec![1, 2], vec![2], vec![]];
    assert!(!Topology::of(&edges).has_cycle);
    assert_eq!(downstream_of_cycle(&edges), [false, false, false]);
}

#[test]
fn on_cycle_marks_exactly_the_nodes_of_cycles() {
    // 0 -> 1 <-> 2 -> 3 -> 4 <-> 5, 6 -> 6, 7 alone, 3 -> 7
    let edges = vec![vec![1], vec![2], vec![1, 3], vec![4, 7], vec![5], vec![4], vec![6], vec![]];
    assert_eq!(on_cycle(&edges), [false, true, true, false, true, true, true, false]);
}

#[test]
fn on_cycle_handles_a_long_ring_without_recursion() {
    let n = 100_000;
    let edges: Vec<Vec<usize>> = (0..n).map(|i| vec![(i + 1) % n]).collect();
    assert!(on_cycle(&edges).iter().all(|&c| c));
    let chain: Vec<Vec<usize>> = (0..n).map(|i| if i + 1 < n { vec![i + 1] } else { vec![] }).collect();
    assert!(on_cycle(&chain).iter().all(|&c| !c));
}

#[test]
fn positions_are_a_topological_order_and_consecutive_along_a_pipeline() {
    // A pipeline written out of order: 2 -> 0 -> 3 -> 1; and 4 -> 0.
    let edges = vec![vec![3], vec![], vec![0], vec![1], vec![0]];
    let position = Topology::of(&edges).position;
    let mut sorted = position.clone();
    sorted.sort_unstable();
    assert_eq!(sorted, [0, 1, 2, 3, 4], "a permutation");
    for (from, succs) in edges.iter().enumerate() {
        for &to in succs {
            assert!(position[from] < position[to], "{from} -> {to}: {position:?}");
        }
    }
    assert_eq!([position[0] + 1, position[3] + 1], [position[3], position[1]], "consecutive along 0 -> 3 -> 1");
}

#[test]
fn a_cycle_shares_one_position_between_its_neighbours() {
    // 0 -> 1 <-> 2 -> 3
    let edges = vec![vec![1], vec![2], vec![1, 3], vec![]];
    assert_eq!(Topology::of(&edges).position, [0, 1, 1, 2]);
}
