//! Embedding actorflow in a tokio service.
//!
//! This program:
//! 1. defines its own Rust actor in a few lines (`Scale`),
//! 2. builds a graph in code (or loads one from a file given as the first
//!    argument, which must export an inport `IN` and an outport `OUT`),
//! 3. sends packets into the exported inport `IN` from its own code,
//! 4. awaits results from the exported outport `OUT`,
//! 5. reads a process's state (`LiveMemoryState`) while and after it runs,
//! 6. stops the network.
//!
//! Run it with `cargo run -p actor-core --example embed`.

use actor_core::{Actor, ActorResult, ActorRunContext, Graph, Network, NetworkOptions, PortRef, PortSpec, Ports};
use serde_json::json;

/// Multiplies every number by the `factor` from its config and keeps a
/// running total in its state.
struct Scale {
    factor: f64,
}

impl Actor for Scale {
    fn ports(&self) -> Ports {
        Ports::new().inport(PortSpec::new("in")).outport(PortSpec::new("out"))
    }

    async fn run(&mut self, ctx: &mut ActorRunContext) -> ActorResult {
        while let Some(v) = ctx.take_data("in") {
            let x = v.as_f64().ok_or("expected a number")? * self.factor;
            ctx.state().update("total", |t| json!(t.and_then(|t| t.as_f64()).unwrap_or(0.0) + x));
            ctx.send("out", x).await?;
        }
        Ok(())
    }
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut registry = actor_components::standard();
    registry.register("example/Scale", "Multiplies numbers by config.factor", |config| {
        Ok(Scale { factor: config.get("factor").and_then(|f| f.as_f64()).unwrap_or(1.0) })
    });

    let graph = match std::env::args().nth(1) {
        Some(path) => Graph::load(&path)?,
        None => {
            let mut g = Graph::new();
            g.add_process("scale", "example/Scale").add_process("echo", "core/Repeat");
            g.processes.get_mut("scale").expect("just added").metadata = json!({"factor": 2.5}).as_object().cloned();
            g.connect(PortRef::new("scale", "out"), PortRef::new("echo", "in"));
            g.export_inport("IN", "scale", "in").export_outport("OUT", "echo", "out");
            g
        }
    };

    let mut network = Network::new(&graph, &registry, NetworkOptions::default())?;
    let input = network.inport("IN")?;
    let output = network.outport("OUT")?;
    let state = network.state("scale").ok_or("no process named scale")?;
    let running = network.start()?;
    let handle = running.handle();

    for x in [1, 2, 3, 4] {
        input.send(x).await?;
        let result = output.recv().await.and_then(|p| p.into_data()).ok_or("the network ended early")?;
        println!("sent {x}, got {result}, running total {}", state.get("total").unwrap_or_default());
    }

    handle.stop();
    let report = running.wait().await?;
    println!("stopped: {:?}; final total {}", report.reason, state.get("total").unwrap_or_default());
    Ok(())
}
