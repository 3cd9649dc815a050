use super::{downstream_of_cycle, has_cycle};

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
    assert!(has_cycle(&edges));
    let marked = downstream_of_cycle(&edges);
    assert_eq!(marked, [false, true, true, true, false, true, false]);
}

#[test]
fn an_acyclic_graph_marks_nothing() {
    let edges = vec![vec![1, 2], vec![2], vec![]];
    assert!(!has_cycle(&edges));
    assert_eq!(downstream_of_cycle(&edges), [false, false, false]);
}
