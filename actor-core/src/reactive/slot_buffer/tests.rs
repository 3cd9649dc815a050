use super::*;

#[test]
fn dirty_flags_cover_every_slot() {
    let g = ReactiveGraph::new();
    let buf = SharedSlotBuffer::<u8>::new(&g, 130);
    assert!(buf.take_dirty().is_empty());
    for i in [0, 63, 64, 127, 129] {
        assert!(buf.set(i, 1));
    }
    assert!(buf.is_dirty(64));
    assert!(!buf.is_dirty(65));
    assert_eq!(buf.take_dirty(), [0, 63, 64, 127, 129]);
    assert!(!buf.is_dirty(64));
}

#[test]
fn set_batch_counts_changes() {
    let g = ReactiveGraph::new();
    let buf = SharedSlotBuffer::from_values(&g, &[1_i64, 2, 3]);
    assert_eq!(buf.set_batch([(0, 1), (1, 5), (2, 6)]), 2);
    assert_eq!(buf.to_vec(), [1, 5, 6]);
}

#[test]
fn floats_compare_bitwise() {
    let g = ReactiveGraph::new();
    let buf = SharedSlotBuffer::<f64>::new(&g, 1);
    assert!(buf.set(0, -0.0), "-0.0 differs from 0.0 bit for bit");
    assert!(!buf.set(0, -0.0));
    assert!(buf.set(0, f64::NAN));
    assert!(!buf.set(0, f64::NAN));
}

#[test]
fn dropping_the_buffer_frees_its_slot_nodes() {
    let g = ReactiveGraph::new();
    let before = g.node_count();
    let buf = SharedSlotBuffer::<u32>::new(&g, 10);
    assert_eq!(g.node_count(), before + 10);
    drop(buf);
    assert_eq!(g.node_count(), before);
}

#[test]
#[should_panic(expected = "out of range")]
fn slot_out_of_range_panics() {
    let g = ReactiveGraph::new();
    SharedSlotBuffer::<u8>::new(&g, 2).slot(2);
}
