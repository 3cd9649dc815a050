//! Array ports (`OUT[0]`, `OUT[1]`): a packet sent to one index reaches only
//! the connections of that index; a packet sent without an index reaches
//! all of them; an array inport tells the actor which index a packet came in on.

mod common;

use actor_core::{Graph, Network, NetworkOptions, PortRef, PortSpec, Ports};
use common::*;
use serde_json::json;

const N: i64 = 2_000;

fn indexed(process: &str, port: &str, index: usize) -> PortRef {
    PortRef { index: Some(index), ..PortRef::new(process, port) }
}

#[test]
fn array_outport_routes_by_index_and_array_inport_reports_it() {
    on_both_runtimes(|| async {
        let mut r = registry();
        // Sends i to OUT[i % 2], and "all" to every index at the end.
        r.register_fn(
            "test/Route",
            "routes by parity",
            Ports::new().inport(PortSpec::new("in")).outport(PortSpec::new("out").addressable()),
            |ctx| {
                while let Some(v) = ctx.take_data("in") {
                    let i = v.as_i64().ok_or("not a number")?;
                    ctx.emit_to("out", (i % 2) as usize, i)?;
                }
                Ok(())
            },
        );
        // Records "index:value" for everything arriving on its array inport.
        r.register_fn(
            "test/Tag",
            "tags by inport index",
            Ports::new().inport(PortSpec::new("in").addressable()).outport(PortSpec::new("out")),
            |ctx| {
                while let Some((index, p)) = ctx.take_indexed("in") {
                    let v = p.into_data().unwrap_or_default();
                    ctx.emit("out", format!("{}:{v}", index.map_or(-1, |i| i as i64)))?;
                }
                Ok(())
            },
        );
        let mut g = Graph::new();
        process(&mut g, "gen", "test/Gen", json!({"count": N}));
        process(&mut g, "route", "test/Route", json!({}));
        process(&mut g, "even", "test/Collect", json!({}));
        process(&mut g, "odd", "test/Collect", json!({}));
        process(&mut g, "tag", "test/Tag", json!({}));
        process(&mut g, "tags", "test/Collect", json!({}));
        g.connect(PortRef::new("gen", "out"), PortRef::new("route", "in"));
        g.connect(indexed("route", "out", 0), PortRef::new("even", "in"));
        g.connect(indexed("route", "out", 1), PortRef::new("odd", "in"));
        g.connect(indexed("route", "out", 1), indexed("tag", "in", 7));
        g.connect(PortRef::new("tag", "out"), PortRef::new("tags", "in"));
        let net = Network::new(&g, &r, NetworkOptions::default()).unwrap();
        let h = net.handle();
        net.run().await.unwrap();
        let evens: Vec<_> = (0..N).filter(|i| i % 2 == 0).map(|i| json!(i)).collect();
        let odds: Vec<_> = (0..N).filter(|i| i % 2 == 1).map(|i| json!(i)).collect();
        assert_eq!(seen(&h, "even"), evens);
        assert_eq!(seen(&h, "odd"), odds);
        let tags: Vec<_> = (0..N).filter(|i| i % 2 == 1).map(|i| json!(format!("7:{i}"))).collect();
        assert_eq!(seen(&h, "tags"), tags);
    });
}
