#[test]
fn the_restart_line_lists_counts_and_who_is_restarting() {
    assert_eq!(super::restarts(&[], &[]), "");
    let counts = [("a".to_string(), 2), ("b".to_string(), 1)];
    assert_eq!(super::restarts(&counts, &[]), "\nrestarted: a (2x), b (1x)");
    assert_eq!(super::restarts(&counts, &["b".to_string()]), "\nrestarted: a (2x), b (1x); restarting now: b");
}
