use std::time::Duration;

use super::Window;

const MINUTE: Duration = Duration::from_secs(60);

fn at(secs: u64) -> Option<Duration> {
    Some(Duration::from_secs(secs))
}

#[test]
fn the_window_admits_max_restarts_then_refuses() {
    let mut w = Window::default();
    assert_eq!(w.admit(at(0), 3, MINUTE), Some(1));
    assert_eq!(w.admit(at(1), 3, MINUTE), Some(2));
    assert_eq!(w.admit(at(2), 3, MINUTE), Some(3));
    assert_eq!(w.admit(at(3), 3, MINUTE), None);
}

#[test]
fn restarts_older_than_the_window_no_longer_count() {
    let mut w = Window::default();
    assert_eq!(w.admit(at(0), 2, MINUTE), Some(1));
    assert_eq!(w.admit(at(30), 2, MINUTE), Some(2));
    assert_eq!(w.admit(at(59), 2, MINUTE), None);
    // The restart at 0 s is 60 s old: out of the window; the one at 30 s stays.
    assert_eq!(w.admit(at(60), 2, MINUTE), Some(2));
    assert_eq!(w.admit(at(200), 2, MINUTE), Some(1), "a quiet spell starts the backoff over");
}

#[test]
fn without_a_clock_every_restart_counts() {
    let mut w = Window::default();
    assert_eq!(w.admit(None, 2, Duration::from_millis(1)), Some(1));
    assert_eq!(w.admit(None, 2, Duration::from_millis(1)), Some(2));
    assert_eq!(w.admit(None, 2, Duration::from_millis(1)), None);
}

#[test]
fn max_restarts_zero_never_restarts() {
    assert_eq!(Window::default().admit(at(0), 0, MINUTE), None);
}
