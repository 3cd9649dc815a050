use super::{ServeArgs, run};

fn args(graph: Option<&str>, host: &str, secret: Option<&str>) -> ServeArgs {
    ServeArgs { graph: graph.map(Into::into), graphs: Default::default(), host: host.parse().unwrap(), port: 0, secret: secret.map(Into::into) }
}

#[test]
fn a_non_loopback_host_without_a_secret_is_refused_before_listening() {
    assert_eq!(run(&args(None, "0.0.0.0", None)).unwrap(), crate::EXIT_INVALID);
    // An empty secret is no secret.
    assert_eq!(run(&args(None, "0.0.0.0", Some(""))).unwrap(), crate::EXIT_INVALID);
}

#[test]
fn a_graph_that_does_not_load_or_validate_is_refused() {
    assert_eq!(run(&args(Some("no/such/graph.fbp"), "127.0.0.1", None)).unwrap(), crate::EXIT_INVALID);
    let dir = std::env::temp_dir().join(format!("actorflow-serve-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.fbp");
    std::fs::write(&bad, "'x' -> IN a(core/Nope)\n").unwrap();
    assert_eq!(run(&args(Some(bad.to_str().unwrap()), "127.0.0.1", None)).unwrap(), crate::EXIT_INVALID);
    std::fs::remove_dir_all(&dir).unwrap();
}
