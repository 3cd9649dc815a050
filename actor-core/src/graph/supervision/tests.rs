use std::time::Duration;

use serde_json::json;

use super::*;

#[test]
fn defaults_are_never_and_stop() {
    assert_eq!(FailurePolicy::from_metadata(&Json::Null), Ok(FailurePolicy { restart: Restart::Never, on_failure: OnFailure::Stop }));
    assert_eq!(FailurePolicy::from_metadata(&json!({"other": 1})), Ok(FailurePolicy::default()));
}

#[test]
fn on_failure_takes_the_documented_defaults() {
    let p = FailurePolicy::from_metadata(&json!({"restart": "on_failure"})).unwrap();
    let expected = Restart::OnFailure { max_restarts: 3, within: Duration::from_secs(60), backoff: Duration::from_millis(100) };
    assert_eq!(p.restart, expected);
    assert_eq!(FailurePolicy::from_metadata(&json!({"restart": "on-failure"})).unwrap().restart, expected);
}

#[test]
fn numbers_come_as_json_numbers_or_fbp_strings() {
    let from_fbp = json!({"restart": "on_failure", "max_restarts": "5", "restart_within": "2", "restart_backoff_ms": "1"});
    let from_json = json!({"restart": "on_failure", "max_restarts": 5, "restart_within": 2, "restart_backoff_ms": 1});
    let expected = Restart::OnFailure { max_restarts: 5, within: Duration::from_secs(2), backoff: Duration::from_millis(1) };
    assert_eq!(FailurePolicy::from_metadata(&from_fbp).unwrap().restart, expected);
    assert_eq!(FailurePolicy::from_metadata(&from_json).unwrap().restart, expected);
    let half = FailurePolicy::from_metadata(&json!({"restart": "on_failure", "restart_within": 0.5})).unwrap();
    assert!(matches!(half.restart, Restart::OnFailure { within, .. } if within == Duration::from_millis(500)));
}

#[test]
fn bad_values_name_the_key_and_what_is_valid() {
    let e = FailurePolicy::from_metadata(&json!({"restart": "sometimes"})).unwrap_err();
    assert_eq!(e.to_string(), r#"metadata restart: expected "never" or "on_failure", got "sometimes""#);
    let e = FailurePolicy::from_metadata(&json!({"max_restarts": "-1"})).unwrap_err();
    assert_eq!(e.to_string(), r#"metadata max_restarts: expected a whole number, got "-1""#);
    let e = FailurePolicy::from_metadata(&json!({"restart_within": 0})).unwrap_err();
    assert_eq!(e.key, RESTART_WITHIN_KEY);
    let e = FailurePolicy::from_metadata(&json!({"on_failure": "continue"})).unwrap_err();
    assert_eq!(e.to_string(), r#"metadata on_failure: expected "stop" or "finish_downstream", got "continue""#);
    assert_eq!(
        FailurePolicy::from_metadata(&json!({"on_failure": "finish_downstream"})).unwrap().on_failure,
        OnFailure::FinishDownstream
    );
}

#[test]
fn backoff_doubles_up_to_the_cap() {
    let r = Restart::OnFailure { max_restarts: 100, within: Duration::from_secs(60), backoff: Duration::from_millis(100) };
    let delays: Vec<u128> = (1..=4).map(|n| r.backoff(n).as_millis()).collect();
    assert_eq!(delays, [100, 200, 400, 800]);
    assert_eq!(r.backoff(8), MAX_BACKOFF);
    assert_eq!(r.backoff(200), MAX_BACKOFF);
    assert_eq!(Restart::Never.backoff(3), Duration::ZERO);
}
