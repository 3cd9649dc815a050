//! Test actors and helpers shared by the network tests.
#![allow(dead_code, unreachable_pub, missing_docs)]

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use actor_core::{Actor, ActorResult, ActorRunContext, Graph, PortSpec, Ports, Registry, Value};
use serde_json::{Value as Json, json};

/// Emits `count` integers 0..count on `out`, tagged with `tag` when set
/// (`{"tag": t, "i": i}`), then finishes. Config: `{"count": N, "tag": "x"}`.
pub struct Gen {
    count: i64,
    tag: Option<String>,
}

impl Actor for Gen {
    fn ports(&self) -> Ports {
        Ports::new().outport(PortSpec::new("out")).outport(PortSpec::new("unused"))
    }
    async fn run(&mut self, ctx: &mut ActorRunContext) -> ActorResult {
        for i in 0..self.count {
            let v = match &self.tag {
                Some(t) => Value::object([("tag", Value::from(t.as_str())), ("i", Value::Int(i))]),
                None => Value::Int(i),
            };
            ctx.send("out", v).await?;
        }
        Ok(())
    }
}

/// Collects every packet on `in` (data as JSON, brackets as
/// `{"bracket": kind}`) and, when its input closes, publishes them in its
/// state under key `seen` (a JSON array).
#[derive(Default)]
pub struct Collect {
    seen: Vec<Json>,
}

impl Actor for Collect {
    fn ports(&self) -> Ports {
        Ports::new().inport(PortSpec::new("in"))
    }
    async fn run(&mut self, ctx: &mut ActorRunContext) -> ActorResult {
        while let Some(p) = ctx.take("in") {
            self.seen.push(p.data().map(Value::to_json).unwrap_or(json!({"bracket": p.kind()})));
        }
        Ok(())
    }
    async fn finish(&mut self, ctx: &mut ActorRunContext) -> ActorResult {
        ctx.state().set("seen", Json::Array(std::mem::take(&mut self.seen)));
        Ok(())
    }
}

/// Fails (error or panic) when it receives the value `"boom"`/`"panic"`.
pub struct Fragile;

impl Actor for Fragile {
    fn ports(&self) -> Ports {
        Ports::new().inport(PortSpec::new("in")).outport(PortSpec::new("out"))
    }
    async fn run(&mut self, ctx: &mut ActorRunContext) -> ActorResult {
        while let Some(v) = ctx.take_data("in") {
            match v.as_str() {
                Some("boom") => return Err("received boom".into()),
                Some("panic") => panic!("received panic"),
                _ => ctx.send("out", v).await?,
            }
        }
        Ok(())
    }
}

/// Never finishes on its own: waits forever once activated. Counts shutdowns.
pub struct Stuck {
    pub shutdowns: Arc<AtomicUsize>,
}

impl Actor for Stuck {
    fn ports(&self) -> Ports {
        Ports::new().inport(PortSpec::new("in"))
    }
    async fn run(&mut self, _ctx: &mut ActorRunContext) -> ActorResult {
        std::future::pending::<()>().await;
        Ok(())
    }
    fn shutdown(&mut self, _ctx: &mut ActorRunContext) {
        self.shutdowns.fetch_add(1, Ordering::SeqCst);
    }
}

pub fn registry() -> Registry {
    let mut r = actor_components::standard();
    r.register("test/Gen", "numbers", |c: &Json| {
        Ok(Gen {
            count: c.get("count").and_then(Json::as_i64).unwrap_or(0),
            tag: c.get("tag").and_then(Json::as_str).map(String::from),
        })
    });
    r.register("test/Collect", "collects into state", |_| Ok(Collect::default()));
    r.register("test/Fragile", "fails on demand", |_| Ok(Fragile));
    r
}

/// Adds a process with metadata (its config).
pub fn process(g: &mut Graph, name: &str, component: &str, config: Json) {
    g.add_process(name, component);
    if let Json::Object(m) = config {
        g.processes[name].metadata = Some(m);
    }
}

/// The `seen` array of a process's state.
pub fn seen(network: &actor_core::NetworkHandle, process: &str) -> Vec<Json> {
    network.state(process).and_then(|s| s.get("seen")).and_then(|v| v.as_array().cloned()).unwrap_or_default()
}

/// Runs `f` on a fresh current-thread runtime and on a fresh multi-thread runtime.
pub fn on_both_runtimes<F, Fut>(f: F)
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    tokio::runtime::Builder::new_current_thread().enable_time().build().unwrap().block_on(f());
    tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_time().build().unwrap().block_on(f());
}
