//! When a process fails, the run fails, and the processes downstream of it
//! are stopped without `finish`: no result is computed from truncated
//! input. A process's metadata `on_failure=finish_downstream` opts out: its
//! downstream then finishes with what it got, and the run still fails.

mod common;

use std::time::Duration;

use actor_core::{Actor, ActorResult, ActorRunContext, Graph, Network, NetworkError, NetworkOptions, PortRef, PortSpec, Ports, Value};
use common::*;
use serde_json::{Value as Json, json};

/// Guards against hangs only; the tests assert outcomes, not durations.
const HANG_GUARD: Duration = Duration::from_secs(30);

/// A reader that sends the words `a b a` and then fails, like
/// `fs/ReadLines` meeting a line that is not UTF-8.
struct FailingReader;

impl Actor for FailingReader {
    fn ports(&self) -> Ports {
        Ports::new().outport(PortSpec::new("out"))
    }
    async fn run(&mut self, ctx: &mut ActorRunContext) -> ActorResult {
        for w in ["a", "b", "a"] {
            ctx.send("out", Value::from(w)).await?;
        }
        Err("line 4 is not valid UTF-8".into())
    }
}

/// read -> count(group/Count) -> sink(test/Collect); `read`'s metadata is `meta`.
fn reader_into_count(meta: Json) -> Graph {
    let mut g = Graph::new();
    process(&mut g, "read", "test/FailingReader", meta);
    g.add_process("count", "group/Count").add_process("sink", "test/Collect");
    g.connect(PortRef::new("read", "out"), PortRef::new("count", "in"));
    g.connect(PortRef::new("count", "out"), PortRef::new("sink", "in"));
    g
}

async fn run(graph: &Graph) -> (Result<actor_core::network::RunReport, NetworkError>, actor_core::NetworkHandle) {
    let mut registry = registry();
    registry.register("test/FailingReader", "fails after three words", |_| Ok(FailingReader));
    let network = Network::new(graph, &registry, NetworkOptions::default()).unwrap();
    let handle = network.handle();
    (tokio::time::timeout(HANG_GUARD, network.run()).await.expect("the run must end"), handle)
}

fn failed_process(result: &Result<actor_core::network::RunReport, NetworkError>) -> Vec<String> {
    match result {
        Err(NetworkError::Failed(f)) => f.iter().map(|f| f.process.clone()).collect(),
        other => panic!("expected a failure, got {other:?}"),
    }
}

#[test]
fn an_aggregator_after_a_failed_reader_emits_nothing() {
    on_both_runtimes(|| async {
        let (result, handle) = run(&reader_into_count(json!({}))).await;
        assert_eq!(failed_process(&result), ["read"]);
        // Count was stopped without finish, so it sent no partial counts;
        // the sink, stopped too, did not finish either.
        assert_eq!(handle.connection_stats()[1].packets, 0, "count sent nothing");
        assert_eq!(handle.state("sink").unwrap().get("seen"), None);
    });
}

#[test]
fn on_failure_finish_downstream_lets_the_aggregator_finish_and_the_run_still_fails() {
    on_both_runtimes(|| async {
        let (result, handle) = run(&reader_into_count(json!({"on_failure": "finish_downstream"}))).await;
        assert_eq!(failed_process(&result), ["read"]);
        let seen = handle.state("sink").unwrap().get("seen");
        assert_eq!(seen, Some(json!([{"value": "a", "count": 2}, {"value": "b", "count": 1}])));
    });
}

#[test]
fn an_invalid_failure_policy_is_a_validation_error_at_the_process() {
    let g = Graph::from_fbp_str("read(test/FailingReader:on_failure=continue)\nread OUT -> IN drop(core/Drop)\n", Some("g.fbp")).unwrap();
    let mut registry = registry();
    registry.register("test/FailingReader", "fails after three words", |_| Ok(FailingReader));
    let errors = actor_core::graph::validate(&g, &registry).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert_eq!(
        errors[0].to_string(),
        r#"g.fbp:1:1: process "read" (test/FailingReader): metadata on_failure: expected "stop" or "finish_downstream", got "continue""#
    );
}
