//! Chunked sending (`send_all`, `send_chunk`, `take_chunk`): each packet is
//! still one IP, so order, brackets, fan-out and the per-connection counts
//! are exactly those of sending the packets one by one, whatever the
//! connection's capacity.

mod common;

use actor_core::{Actor, ActorResult, ActorRunContext, Network, NetworkOptions, Packet, PortRef, PortSpec, Ports, Value};
use common::*;
use serde_json::{Value as Json, json};

const N: i64 = 2_000;

/// How [`Chunked`] sends its numbers.
#[derive(Clone, Copy, Debug)]
enum Way {
    /// One `send_all` over a lazy iterator.
    All,
    /// `send_chunk` with `Vec`s of this many packets.
    Chunks(usize),
}

/// Sends an open bracket, 0..N in one of the chunked ways, a close bracket.
struct Chunked(Way);

impl Actor for Chunked {
    fn ports(&self) -> Ports {
        Ports::new().outport(PortSpec::new("out"))
    }
    async fn run(&mut self, ctx: &mut ActorRunContext) -> ActorResult {
        ctx.send("out", Packet::OpenBracket(None)).await?;
        match self.0 {
            Way::All => ctx.send_all("out", (0..N).map(Value::Int)).await?,
            Way::Chunks(size) => {
                let all: Vec<Packet> = (0..N).map(|i| Packet::Data(Value::Int(i))).collect();
                for chunk in all.chunks(size) {
                    ctx.send_chunk("out", chunk.to_vec()).await?;
                }
            }
        }
        ctx.send("out", Packet::CloseBracket(None)).await?;
        Ok(())
    }
}

/// Takes one packet with `take`, then forwards what is left of its chunks
/// with `take_chunk` and `send_chunk`.
struct TakeThenChunks;

impl Actor for TakeThenChunks {
    fn ports(&self) -> Ports {
        Ports::new().inport(PortSpec::new("in")).outport(PortSpec::new("out"))
    }
    async fn run(&mut self, ctx: &mut ActorRunContext) -> ActorResult {
        if let Some(p) = ctx.take("in") {
            ctx.send("out", p).await?;
        }
        while let Some(chunk) = ctx.take_chunk("in") {
            assert!(!chunk.is_empty(), "take_chunk never returns an empty chunk");
            ctx.send_chunk("out", chunk).await?;
        }
        Ok(())
    }
}

fn expected() -> Vec<Json> {
    let mut want = vec![json!({"bracket": "openBracket"})];
    want.extend((0..N).map(|i| json!(i)));
    want.push(json!({"bracket": "closeBracket"}));
    want
}

/// src -> fwd (TakeThenChunks) -> a (Collect), and src -> b (Collect):
/// a chunked sender fanning out, and a chunk forwarder.
fn network(way: Way, capacity: usize) -> Network {
    let mut r = registry();
    r.register("test/Chunked", "", move |_| Ok(Chunked(way)));
    r.register("test/TakeThenChunks", "", |_| Ok(TakeThenChunks));
    let mut g = actor_core::Graph::new();
    g.add_process("src", "test/Chunked").add_process("fwd", "test/TakeThenChunks");
    process(&mut g, "a", "test/Collect", json!({}));
    process(&mut g, "b", "test/Collect", json!({}));
    g.connect(PortRef::new("src", "out"), PortRef::new("fwd", "in"));
    g.connect(PortRef::new("fwd", "out"), PortRef::new("a", "in"));
    g.connect(PortRef::new("src", "out"), PortRef::new("b", "in"));
    Network::new(&g, &r, NetworkOptions { capacity, ..Default::default() }).unwrap()
}

#[test]
fn chunked_sends_keep_order_brackets_fan_out_and_counts() {
    for way in [Way::All, Way::Chunks(1), Way::Chunks(13), Way::Chunks(64), Way::Chunks(500)] {
        for capacity in [1, 7, 64] {
            on_both_runtimes(|| async move {
                let net = network(way, capacity);
                let h = net.handle();
                let report = net.run().await.unwrap();
                assert_eq!(seen(&h, "a"), expected(), "{way:?}, capacity {capacity}: through the forwarder");
                assert_eq!(seen(&h, "b"), expected(), "{way:?}, capacity {capacity}: the other fan-out branch");
                let counts: Vec<u64> = report.connections.iter().map(|s| s.packets).collect();
                assert_eq!(counts, [N as u64 + 2; 3], "{way:?}, capacity {capacity}: one count per packet");
            });
        }
    }
}

#[test]
fn send_all_to_an_undeclared_port_is_an_error_and_takes_nothing() {
    struct Wrong;
    impl Actor for Wrong {
        fn ports(&self) -> Ports {
            Ports::new().outport(PortSpec::new("out"))
        }
        async fn run(&mut self, ctx: &mut ActorRunContext) -> ActorResult {
            let mut taken = 0;
            let err = ctx.send_all("nope", (0..3).inspect(|_| taken += 1)).await.unwrap_err();
            assert_eq!(taken, 0);
            Err(err.into())
        }
    }
    let mut r = registry();
    r.register("test/Wrong", "", |_| Ok(Wrong));
    let mut g = actor_core::Graph::new();
    g.add_process("w", "test/Wrong");
    on_both_runtimes(|| async {
        let err = Network::new(&g, &r, NetworkOptions::default()).unwrap().run().await.unwrap_err();
        assert!(err.to_string().contains("has no outport \"nope\""), "{err}");
    });
}
