//! Helpers for the components' unit tests: run a small graph and collect
//! what reaches its exported outport `OUT`.

use actor_core::network::RunReport;
use actor_core::{Graph, Network, NetworkError, NetworkOptions, Packet, Registry, Value};

/// What a test run produced.
#[derive(Debug)]
pub(crate) struct Run {
    /// Every packet that reached the exported outport `OUT`, in order.
    pub(crate) packets: Vec<Packet>,
    /// How the run ended.
    pub(crate) result: Result<RunReport, NetworkError>,
}

impl Run {
    /// The data packets only.
    pub(crate) fn data(&self) -> Vec<Value> {
        self.packets.iter().filter_map(|p| p.data().cloned()).collect()
    }

    /// The data packets, as JSON.
    pub(crate) fn json(&self) -> Vec<serde_json::Value> {
        self.data().iter().map(Value::to_json).collect()
    }

    /// The error message of a failed run.
    pub(crate) fn error(&self) -> String {
        match &self.result {
            Ok(r) => panic!("expected the run to fail, it ended with {r:?}"),
            Err(e) => e.to_string(),
        }
    }

    /// Panics unless the run succeeded.
    pub(crate) fn ok(self) -> Self {
        if let Err(e) = &self.result {
            panic!("run failed: {e}");
        }
        self
    }
}

/// Runs `graph` with `registry` and collects the exported outport `OUT` (if any).
pub(crate) async fn run_with(graph: &Graph, registry: &Registry) -> Run {
    let mut network = Network::new(graph, registry, NetworkOptions::default()).expect("graph builds");
    let out = graph.outports.contains_key("OUT").then(|| network.outport("OUT").expect("OUT exported"));
    let running = network.start().expect("network starts");
    let collect = async {
        let mut packets = Vec::new();
        if let Some(out) = &out {
            while let Some(p) = out.recv().await {
                packets.push(p);
            }
        }
        packets
    };
    let (packets, result) = futures::join!(collect, running.wait());
    Run { packets, result }
}

/// Runs `graph` with the standard registry.
/// One process `p` of `component`, with `values` as IIPs on its `in` port,
/// then each `(port, value)` of `options` as an IIP, and its `out` port
/// exported as `OUT`.
pub(crate) fn graph(component: &str, values: &[serde_json::Value], options: &[(&str, serde_json::Value)]) -> Graph {
    let mut g = Graph::new();
    g.add_process("p", component);
    for v in values {
        g.add_iip(v.clone(), actor_core::PortRef::new("p", "in"));
    }
    for (port, v) in options {
        g.add_iip(v.clone(), actor_core::PortRef::new("p", *port));
    }
    g.export_outport("OUT", "p", "out");
    g
}

pub(crate) async fn run(graph: &Graph) -> Run {
    run_with(graph, &crate::standard()).await
}

/// A temporary directory, removed on drop.
#[derive(Debug)]
pub(crate) struct TempDir(pub(crate) std::path::PathBuf);

impl TempDir {
    /// A fresh directory named after `tag` under the system temp dir.
    pub(crate) fn new(tag: &str) -> Self {
        use std::sync::atomic::{AtomicU32, Ordering};
        static N: AtomicU32 = AtomicU32::new(0);
        let dir = std::env::temp_dir().join(format!(
            "actorflow-{tag}-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&dir).expect("temp dir");
        Self(dir)
    }

    /// Writes `contents` to `name` in the directory and returns its path as a string.
    pub(crate) fn file(&self, name: &str, contents: &str) -> String {
        let path = self.0.join(name);
        std::fs::write(&path, contents).expect("write temp file");
        path.to_string_lossy().into_owned()
    }

    /// The path of `name` in the directory, as a string.
    pub(crate) fn path(&self, name: &str) -> String {
        self.0.join(name).to_string_lossy().into_owned()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
