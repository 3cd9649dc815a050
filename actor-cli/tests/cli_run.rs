//! `actorflow run` with a registry of test components: `--set` reaches the
//! process, a failing process gives exit code 1, an invalid graph 2.

use std::sync::{Arc, Mutex};

use actor_cli::{RunArgs, RuntimeFlavor, run_with_registry};
use actor_core::{ActorError, PortSpec, PortType, Ports, Registry, Value};

/// `test/Record` stores every value it receives on `in`; `test/Fail` fails.
fn registry(seen: Arc<Mutex<Vec<Value>>>) -> Registry {
    let mut r = Registry::new();
    let ports = Ports::new().inport(PortSpec::new("in").ty(PortType::String).required());
    r.register_fn("test/Record", "records", ports, move |ctx| {
        while let Some(v) = ctx.take_data("in") {
            seen.lock().unwrap().push(v);
        }
        Ok(())
    });
    r.register_fn("test/Fail", "fails", Ports::new().inport(PortSpec::new("in")), |_| {
        Err(ActorError::from("the disk is on fire"))
    });
    r
}

fn graph(name: &str, text: &str) -> String {
    let path = format!("{}/{name}", env!("CARGO_TARGET_TMPDIR"));
    std::fs::write(&path, text).unwrap();
    path
}

fn args(graph: String, set: &[&str], runtime: RuntimeFlavor) -> RunArgs {
    RunArgs {
        graph,
        set: set.iter().map(|s| s.to_string()).collect(),
        graphs: Default::default(),
        runtime,
        workers: None,
        capacity: None,
        quiet: true,
        durable: Default::default(),
        distributed: Default::default(),
    }
}

#[test]
fn set_replaces_the_iip_on_both_runtimes() {
    for runtime in [RuntimeFlavor::CurrentThread, RuntimeFlavor::MultiThread] {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let path = graph("record.fbp", "'old.txt' -> IN rec(test/Record)\n'older.txt' -> IN rec\n");
        assert_eq!(run_with_registry(&args(path.clone(), &[], runtime), &registry(seen.clone())), 0);
        assert_eq!(*seen.lock().unwrap(), vec![Value::from("old.txt"), Value::from("older.txt")]);

        seen.lock().unwrap().clear();
        assert_eq!(run_with_registry(&args(path, &["rec.IN=new.txt"], runtime), &registry(seen.clone())), 0);
        assert_eq!(*seen.lock().unwrap(), vec![Value::from("new.txt")]);
    }
}

#[test]
fn set_supplies_a_missing_required_iip_and_is_type_checked() {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let path = graph("missing.json", r#"{"processes": {"rec": {"component": "test/Record"}}}"#);
    assert_eq!(run_with_registry(&args(path.clone(), &[], RuntimeFlavor::CurrentThread), &registry(seen.clone())), 2);
    assert_eq!(run_with_registry(&args(path.clone(), &["rec.in=42"], RuntimeFlavor::CurrentThread), &registry(seen.clone())), 2, "42 is JSON: an int, not a string");
    assert_eq!(run_with_registry(&args(path, &["rec.in=\"42\""], RuntimeFlavor::CurrentThread), &registry(seen.clone())), 0);
    assert_eq!(*seen.lock().unwrap(), vec![Value::from("42")]);
}

#[test]
fn a_failing_process_gives_exit_code_1() {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let path = graph("fail.fbp", "'x' -> IN boom(test/Fail)\n");
    assert_eq!(run_with_registry(&args(path, &[], RuntimeFlavor::MultiThread), &registry(seen)), 1);
}
