use super::*;
use crate::reactive::SharedSlotBuffer;

#[test]
fn a_chain_of_repeaters_settles_in_one_flush() {
    let g = ReactiveGraph::new();
    let buf = SharedSlotBuffer::<f64>::new(&g, 3);
    let _r1 = Repeater::new(buf.slot(0), buf.slot(1));
    let doubled = g.derived({ let b = buf.clone(); move || b.get(1) * 2.0 });
    let _r2 = Repeater::new(doubled, buf.slot(2));
    buf.set(0, 21.0);
    assert_eq!(buf.to_vec(), [21.0, 21.0, 42.0]);
}

#[test]
fn integer_sources_forward_into_wider_slots() {
    let g = ReactiveGraph::new();
    let bytes = SharedSlotBuffer::<u8>::new(&g, 1);
    let floats = SharedSlotBuffer::<f64>::new(&g, 1);
    let _r = Repeater::new(bytes.slot(0), floats.slot(0));
    bytes.set(0, 200);
    assert_eq!(floats.peek(0), 200.0);
}

#[test]
fn a_dropped_repeater_stops_and_is_freed() {
    let g = ReactiveGraph::new();
    let s = g.signal(1_u32);
    let out = SharedSlotBuffer::<u32>::new(&g, 1);
    let before = g.node_count();
    let r = Repeater::new(s.clone(), out.slot(0));
    assert_eq!(g.node_count(), before + 1);
    s.set(2);
    r.stop();
    s.set(3);
    assert_eq!(out.peek(0), 2);
    assert_eq!(g.node_count(), before);
}

#[test]
fn a_derived_recomputing_to_the_same_value_forwards_nothing() {
    let g = ReactiveGraph::new();
    let s = g.signal(4_i64);
    let parity = g.derived({ let s = s.clone(); move || s.get() % 2 });
    let out = SharedSlotBuffer::<i64>::new(&g, 1);
    let _r = Repeater::new(parity, out.slot(0));
    out.take_dirty();
    s.set(6);
    assert!(out.take_dirty().is_empty());
    s.set(7);
    assert_eq!(out.take_dirty(), [0]);
    assert_eq!(out.peek(0), 1);
}
