use super::*;

#[test]
fn the_failure_report_names_each_process_and_cause() {
    let failures = [
        ProcessFailure { process: "read".into(), component: "fs/Read".into(), cause: "no such file".into() },
        ProcessFailure { process: "parse".into(), component: "csv/Parse".into(), cause: "panicked: bad row".into() },
    ];
    assert_eq!(
        failure_report(&failures),
        "error: the run failed (2 processes):\n  process \"read\" (fs/Read) failed: no such file\n  process \"parse\" (csv/Parse) failed: panicked: bad row\n"
    );
}

#[test]
fn a_signal_exits_with_128_plus_its_number() {
    assert_eq!(signals::exit_code(2), crate::EXIT_SIGINT);
    assert_eq!(signals::exit_code(15), crate::EXIT_SIGTERM);
}
