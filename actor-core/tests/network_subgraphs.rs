//! Subgraphs at run time: a graph used as a component behaves exactly as
//! its processes would in the outer graph (NoFlo's semantics), with
//! thousands of packets where order matters: IIPs inside and from outside,
//! connections through exported ports, bracket IPs, array ports, fan-out,
//! fan-in, nesting, path names, and two instances that share nothing.

mod common;

use actor_core::{ActorRunContext, Graph, LiveMemoryState, Network, NetworkError, NetworkOptions, Packet, PortSpec, PortType, Ports, Registry, Value};
use common::*;
use serde_json::{Value as Json, json};

const N: i64 = 3_000;

/// The test components of `common` (`test/Gen` reading its count as a
/// string, as `.fbp` metadata gives it), `test/Add` (adds the last value
/// received on option port `by` to each number on `in`; data waits for
/// `by`), `test/Groups` (sends `count` numbers in groups of 7, each group
/// between an open and a close bracket carrying the group's number),
/// `test/Route` and `test/Tag` (array ports), `test/Tally` (counts packets
/// in its state, key `n`), and the graphs given.
fn registry(graphs: &[(&str, &str)]) -> Registry {
    let mut r = common::registry();
    // `.fbp` metadata values are strings: `test/Gen:count=3000,tag=a`.
    r.register("test/Gen", "numbers", |c: &Json| {
        let count = count(c)?;
        let tag = c.get("tag").and_then(Json::as_str).map(String::from);
        Ok(actor_core::FnActor::new(Ports::new().outport(PortSpec::new("out")), move |ctx: &mut ActorRunContext| {
            for i in 0..count {
                match &tag {
                    Some(t) => ctx.emit("out", Value::object([("tag", Value::from(t.as_str())), ("i", Value::Int(i))]))?,
                    None => ctx.emit("out", i)?,
                }
            }
            Ok(())
        }))
    });
    let mut by: Option<i64> = None;
    r.register_fn(
        "test/Add",
        "adds by to each number",
        Ports::new()
            .inport(PortSpec::new("in").required())
            .inport(PortSpec::new("by").ty(PortType::Int).required())
            .outport(PortSpec::new("out")),
        move |ctx: &mut ActorRunContext| {
            while let Some(v) = ctx.take_data("by") {
                by = v.as_i64();
            }
            let Some(k) = by else { return Ok(()) };
            while let Some(p) = ctx.take("in") {
                match p {
                    Packet::Data(v) => ctx.emit("out", v.as_i64().ok_or("not a number")? + k)?,
                    bracket => ctx.emit("out", bracket)?,
                }
            }
            Ok(())
        },
    );
    r.register("test/Groups", "numbers in bracketed groups of 7", |c: &Json| {
        let count = count(c)?;
        Ok(actor_core::FnActor::new(Ports::new().outport(PortSpec::new("out")), move |ctx: &mut ActorRunContext| {
            for i in 0..count {
                if i % 7 == 0 {
                    ctx.emit("out", Packet::OpenBracket(Some((i / 7).into())))?;
                }
                ctx.emit("out", i)?;
                if i % 7 == 6 || i == count - 1 {
                    ctx.emit("out", Packet::CloseBracket(Some((i / 7).into())))?;
                }
            }
            Ok(())
        }))
    });
    r.register_fn(
        "test/Route",
        "sends i to out[i % 2]",
        Ports::new().inport(PortSpec::new("in")).outport(PortSpec::new("out").addressable()),
        |ctx| {
            while let Some(v) = ctx.take_data("in") {
                let i = v.as_i64().ok_or("not a number")?;
                ctx.emit_to("out", (i % 2) as usize, i)?;
            }
            Ok(())
        },
    );
    r.register_fn(
        "test/Tag",
        "tags each value with its inport index",
        Ports::new().inport(PortSpec::new("in").addressable()).outport(PortSpec::new("out")),
        |ctx| {
            while let Some((index, p)) = ctx.take_indexed("in") {
                let v = p.into_data().unwrap_or_default();
                ctx.emit("out", format!("{}:{v}", index.map_or(-1, |i| i as i64)))?;
            }
            Ok(())
        },
    );
    r.register_fn("test/Tally", "counts packets in its state", Ports::new().inport(PortSpec::new("in")), |ctx| {
        let n = ctx.take_all("in").len() as i64;
        let state = ctx.state();
        let before = state.get("n").and_then(|v| v.as_i64()).unwrap_or(0);
        state.set("n", json!(before + n));
        Ok(())
    });
    let graphs = graphs.iter().map(|(name, text)| {
        let file = format!("{name}.fbp");
        (name.to_string(), Graph::from_fbp_str(text, Some(&file)).unwrap_or_else(|e| panic!("{e}")))
    });
    r.register_graphs(graphs);
    for entry in r.iter() {
        assert!(entry.problems().is_empty(), "{}: {:?}", entry.spec.name, entry.problems());
    }
    r
}

/// The `count` metadata, a string in `.fbp` (0 when absent).
fn count(config: &Json) -> Result<i64, String> {
    config.get("count").and_then(Json::as_str).map_or(Ok(0), str::parse).map_err(|e| format!("count: {e}"))
}

/// Runs the `.fbp` graph `main` with `registry`; returns the handle after the run.
async fn run(main: &str, registry: &Registry) -> actor_core::NetworkHandle {
    let graph = Graph::from_fbp_str(main, Some("main.fbp")).unwrap();
    let net = Network::new(&graph, registry, NetworkOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    let handle = net.handle();
    net.run().await.unwrap_or_else(|e| panic!("{e}"));
    handle
}

/// `lib/Plus5`: adds 5, a default its user can override through `BY`.
const PLUS5: &str = "INPORT=add.IN:IN\nINPORT=add.BY:BY\nOUTPORT=add.OUT:OUT\n5 -> BY add(test/Add)\n";

fn numbers(range: impl Iterator<Item = i64>) -> Vec<Json> {
    range.map(|i| json!(i)).collect()
}

#[test]
fn iips_inside_a_subgraph_are_delivered_at_the_start() {
    on_both_runtimes(|| async {
        let r = registry(&[("lib/Plus5", PLUS5)]);
        let main = format!("gen(test/Gen:count={N}) OUT -> IN top(lib/Plus5) OUT -> IN out(test/Collect)\n");
        let h = run(&main, &r).await;
        assert_eq!(seen(&h, "out"), numbers((0..N).map(|i| i + 5)));
    });
}

#[test]
fn iips_and_connections_from_outside_reach_the_mapped_inner_ports() {
    on_both_runtimes(|| async {
        let r = registry(&[("lib/Plus5", PLUS5)]);
        // An IIP into the exported data inport comes before the connection's
        // packets; one into the exported option port overrides the
        // subgraph's own default of 5 (last value wins).
        let main = format!(
            "-100 -> IN top(lib/Plus5)\n7 -> BY top\ngen(test/Gen:count={N}) OUT -> IN top OUT -> IN out(test/Collect)\n"
        );
        let h = run(&main, &r).await;
        let expected: Vec<Json> = std::iter::once(json!(-93)).chain(numbers((0..N).map(|i| i + 7))).collect();
        assert_eq!(seen(&h, "out"), expected);
    });
}

#[test]
fn bracket_ips_cross_the_boundary_in_order() {
    on_both_runtimes(|| async {
        let relay = "INPORT=a.IN:IN\nOUTPORT=b.OUT:OUT\na(core/Repeat) OUT -> IN b(core/Repeat)\n";
        let r = registry(&[("lib/Relay", relay)]);
        let main = format!(
            "src(test/Groups:count={N}) OUT -> IN top(lib/Relay) OUT -> IN out(test/Collect)\n\
             src OUT -> IN direct(test/Collect)\n"
        );
        let h = run(&main, &r).await;
        let direct = seen(&h, "direct");
        let brackets = direct.iter().filter(|p| p.get("bracket").is_some()).count();
        assert_eq!(brackets, 2 * (N as usize).div_ceil(7), "the source sends its brackets");
        assert_eq!(direct.len(), N as usize + brackets);
        assert_eq!(seen(&h, "out"), direct, "through the subgraph, the same packets in the same order");
    });
}

#[test]
fn array_ports_keep_their_indices_across_the_boundary() {
    on_both_runtimes(|| async {
        // IN maps to an array inport, OUT to an array outport: the indices
        // the outer graph writes reach the inner ports.
        let sub = "INPORT=tag.IN:IN\nINPORT=route.IN:NUMS\nOUTPORT=tag.OUT:TAGS\nOUTPORT=route.OUT:OUT\n\
                   tag(test/Tag)\nroute(test/Route)\n";
        let r = registry(&[("lib/Arrays", sub)]);
        let main = format!(
            "a(test/Gen:count={N}) OUT -> IN[3] top(lib/Arrays)\nb(test/Gen:count={N}) OUT -> IN[5] top\n\
             top TAGS -> IN tags(test/Collect)\n\
             c(test/Gen:count={N}) OUT -> NUMS top\ntop OUT[0] -> IN even(test/Collect)\ntop OUT[1] -> IN odd(test/Collect)\n"
        );
        let h = run(&main, &r).await;
        assert_eq!(seen(&h, "even"), numbers((0..N).filter(|i| i % 2 == 0)));
        assert_eq!(seen(&h, "odd"), numbers((0..N).filter(|i| i % 2 == 1)));
        let tags: Vec<String> = seen(&h, "tags").iter().map(|v| v.as_str().unwrap().to_string()).collect();
        for index in [3, 5] {
            let mine: Vec<String> = tags.iter().filter(|t| t.starts_with(&format!("{index}:"))).cloned().collect();
            assert_eq!(mine, (0..N).map(|i| format!("{index}:{i}")).collect::<Vec<_>>(), "index {index}, in order");
        }
        assert_eq!(tags.len(), 2 * N as usize);
    });
}

#[test]
fn fan_in_and_fan_out_through_exported_ports_keep_each_senders_order() {
    on_both_runtimes(|| async {
        // Inside: IN fans out to two relays, and both feed OUT (fan-in).
        let sub = "INPORT=split.IN:IN\nOUTPORT=join.OUT:OUT\n\
                   split(core/Repeat) OUT -> IN left(core/Repeat) OUT -> IN join(core/Repeat)\n\
                   split OUT -> IN right(core/Repeat) OUT -> IN join\n";
        let r = registry(&[("lib/Diamond", sub)]);
        // Outside: two tagged sources fan in to IN; OUT fans out to two collectors.
        let main = format!(
            "a(test/Gen:count={N},tag=a) OUT -> IN top(lib/Diamond)\nb(test/Gen:count={N},tag=b) OUT -> IN top\n\
             top OUT -> IN one(test/Collect)\ntop OUT -> IN two(test/Collect)\n"
        );
        let h = run(&main, &r).await;
        let one = seen(&h, "one");
        assert_eq!(one.len(), 4 * N as usize, "each of 2N packets twice, once per inner branch");
        assert_eq!(seen(&h, "two"), one, "fan-out: both collectors get every packet, in the same order");
        for tag in ["a", "b"] {
            let mine: Vec<i64> = one.iter().filter(|v| v["tag"] == tag).map(|v| v["i"].as_i64().unwrap()).collect();
            // Each i arrives twice (once per branch); each branch keeps the sender's order.
            let mut firsts = Vec::new();
            let mut seconds = Vec::new();
            let mut count = vec![0u8; N as usize];
            for i in mine {
                let c = &mut count[i as usize];
                if *c == 0 { firsts.push(i) } else { seconds.push(i) }
                *c += 1;
            }
            assert_eq!(firsts, (0..N).collect::<Vec<_>>(), "tag {tag}");
            assert_eq!(seconds, (0..N).collect::<Vec<_>>(), "tag {tag}");
        }
    });
}

#[test]
fn subgraphs_nest_and_inner_processes_have_path_names() {
    on_both_runtimes(|| async {
        let outer = "INPORT=p.IN:IN\nOUTPORT=q.OUT:OUT\np(lib/Plus5) OUT -> IN q(lib/Plus5)\n10 -> BY q\n";
        let r = registry(&[("lib/Plus5", PLUS5), ("lib/Plus15", outer)]);
        let main = format!("gen(test/Gen:count={N}) OUT -> IN top(lib/Plus15) OUT -> IN out(test/Collect)\n");
        let graph = Graph::from_fbp_str(&main, None).unwrap();
        let net = Network::new(&graph, &r, NetworkOptions::default()).unwrap();
        let h = net.handle();
        assert!(net.state("top/p/add").is_some() && net.state("top/q/add").is_some(), "Network::state takes path names");
        assert!(net.state("top").is_none() && net.state("top/p").is_none(), "an instance is not a process");
        net.run().await.unwrap();
        assert_eq!(seen(&h, "out"), numbers((0..N).map(|i| i + 15)));
        let labels: Vec<String> = h.connection_stats().into_iter().map(|c| c.label).collect();
        // Each edge as the graph that declares it wrote it, with its instance path.
        assert_eq!(labels, ["top/p.out -> top/q.in", "gen.out -> top.in", "top.out -> out.in"]);
        assert!(h.connection_stats().iter().all(|c| c.packets == N as u64), "{:?}", h.connection_stats());
    });
}

#[test]
fn two_instances_of_a_subgraph_share_nothing() {
    on_both_runtimes(|| async {
        // `mirror` shares `tally`'s state (metadata state=tally): within its
        // own instance only.
        let sub = "INPORT=tally.IN:IN\ntally(test/Tally)\nmirror(core/Drop:state=tally)\n";
        let r = registry(&[("lib/Tally", sub)]);
        let main = format!(
            "a(test/Gen:count={N}) OUT -> IN one(lib/Tally)\nb(test/Gen:count={}) OUT -> IN two(lib/Tally)\n",
            N / 3
        );
        let graph = Graph::from_fbp_str(&main, None).unwrap();
        let net = Network::new(&graph, &r, NetworkOptions::default()).unwrap();
        let state = |name: &str| net.state(name).unwrap_or_else(|| panic!("no process {name}"));
        let (one, two) = (state("one/tally"), state("two/tally"));
        assert!(!LiveMemoryState::ptr_eq(&one, &two), "each instance has its own states");
        assert!(LiveMemoryState::ptr_eq(&state("one/mirror"), &one), "state=tally names one/tally");
        assert!(LiveMemoryState::ptr_eq(&state("two/mirror"), &two), "state=tally names two/tally");
        let h = net.handle();
        net.run().await.unwrap();
        assert_eq!(h.state("one/tally").unwrap().get("n"), Some(json!(N)));
        assert_eq!(h.state("two/tally").unwrap().get("n"), Some(json!(N / 3)));
    });
}

#[test]
fn a_failing_process_inside_a_subgraph_is_named_by_its_path() {
    on_both_runtimes(|| async {
        let sub = "INPORT=f.IN:IN\nf(test/Fragile)\nf OUT -> IN d(core/Drop)\n";
        let r = registry(&[("lib/Fragile", sub)]);
        let graph = Graph::from_fbp_str("'ok' -> IN top(lib/Fragile)\n'boom' -> IN top\n", None).unwrap();
        let err = Network::new(&graph, &r, NetworkOptions::default()).unwrap().run().await.unwrap_err();
        let NetworkError::Failed(failures) = err else { panic!("expected a failure, got {err}") };
        assert_eq!(failures.len(), 1);
        assert_eq!((failures[0].process.as_str(), failures[0].component.as_str()), ("top/f", "test/Fragile"));
        assert_eq!(failures[0].cause, "received boom");
    });
}
