//! Property tests (proptest, on stable Rust) of graph loading: the `.fbp`
//! parser and writer, and graph JSON. No input makes them panic, and every
//! graph survives a round trip: graph -> `.fbp` text -> graph, `.fbp` text
//! -> graph -> text -> graph, and graph -> JSON -> graph.
//!
//! CI runs proptest's default of 256 cases per property. For a longer run:
//! `PROPTEST_CASES=20000 cargo test --release -p actor-core --test graph_fuzz`.
//! A failure prints the smallest input found; proptest also saves its seed
//! under `proptest-regressions/` so the next run tries it first.

use actor_core::graph::fbp::{self, FbpOptions};
use actor_core::{Graph, PortRef};
use proptest::prelude::*;
use serde_json::{Map, Value as Json};

/// `g` without its source positions, which differ between two texts of one graph.
fn shape(g: &Graph) -> Graph {
    Graph { source: Default::default(), ..g.clone() }
}

/// Any JSON value, nested up to 3 levels, with strings that hold quotes,
/// backslashes, newlines and non-ASCII text.
fn json() -> impl Strategy<Value = Json> {
    let leaf = prop_oneof![
        Just(Json::Null),
        any::<bool>().prop_map(Json::Bool),
        any::<i64>().prop_map(Json::from),
        any::<f64>().prop_filter("JSON has no NaN or infinity", |x| x.is_finite()).prop_map(Json::from),
        "[a-z' \"\\\\\n\té€😀-]{0,12}".prop_map(Json::String),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Json::Array),
            prop::collection::vec(("[a-z$ '\"]{0,6}", inner), 0..4).prop_map(|kv| Json::Object(kv.into_iter().collect())),
        ]
    })
}

fn process_name() -> impl Strategy<Value = String> {
    "[a-zA-Z_][a-zA-Z0-9_]{0,7}"
}

fn port_name() -> impl Strategy<Value = String> {
    "[a-z][a-z0-9_]{0,5}"
}

fn component() -> impl Strategy<Value = String> {
    "[a-z]{1,5}/[A-Z][a-zA-Z0-9]{0,6}"
}

fn port_ref(processes: Vec<String>) -> impl Strategy<Value = PortRef> {
    (prop::sample::select(processes), port_name(), prop::option::of(0usize..4))
        .prop_map(|(process, port, index)| PortRef { process, port, index })
}

/// A graph `.fbp` can express: processes with components, edges and IIPs
/// between them in any order, exported ports, string properties.
fn fbp_graph() -> impl Strategy<Value = Graph> {
    prop::collection::vec((process_name(), component()), 1..6).prop_flat_map(|procs| {
        let names: Vec<String> = procs.iter().map(|(n, _)| n.clone()).collect();
        let edge = (port_ref(names.clone()), port_ref(names.clone())).prop_map(|(s, t)| (Some(s), None, t));
        let iip = (json(), port_ref(names.clone())).prop_map(|(d, t)| (None, Some(d), t));
        let connections = prop::collection::vec(prop_oneof![edge, iip], 0..8);
        let exports = prop::collection::vec(("[a-z][a-z0-9_]{0,5}", port_ref(names.clone()), any::<bool>()), 0..3);
        // `.fbp` annotations trim their value, so it starts and ends with a word character.
        let name = prop::option::of("[a-zA-Z0-9]([a-zA-Z0-9 ._-]{0,8}[a-zA-Z0-9])?");
        (Just(procs), connections, exports, name).prop_map(|(procs, connections, exports, name)| {
            let mut g = Graph::new();
            for (n, c) in &procs {
                g.add_process(n, c);
            }
            for (src, data, tgt) in connections {
                match (src, data) {
                    (Some(src), _) => g.connect(src, tgt),
                    (None, data) => g.add_iip(data.unwrap_or(Json::Null), tgt),
                };
            }
            for (public, r, is_in) in exports {
                if is_in {
                    g.export_inport(&public, &r.process, &r.port);
                } else {
                    g.export_outport(&public, &r.process, &r.port);
                }
            }
            if let Some(n) = name {
                g.properties.insert("name".into(), Json::String(n));
            }
            g
        })
    })
}

/// `.fbp`-like text: statements built from the grammar's pieces (edges,
/// chains, IIPs, exports, annotations, metadata, comments) with random
/// names, separated by newlines or commas, and now and then a stray token,
/// so that the parser gets deep into every rule and also meets what it
/// never expects.
fn fbp_soup() -> impl Strategy<Value = String> {
    // Most pieces are valid and a few are not, so that many texts parse.
    let mut names = ["a", "b", "Proc", "_x", "n1"].repeat(4);
    names.extend(["read-er", "é"]);
    let name = prop::sample::select(names);
    let port = prop::sample::select(vec!["IN", "OUT", "in", "out", "Data", "X_1", "ERROR"]);
    let index = prop::sample::select(vec!["", "", "", "", "", "", "[0]", "[12]", "[", "[]"]);
    let mut comps = ["(core/Repeat)", "(c/X:k=v,flag)", "(C:x=1,y=2)", "(sub/Graph:state=a)"].repeat(3);
    comps.extend(["", "", "()", "(a/B:)"]);
    let comp = prop::sample::select(comps);
    let iip = prop::sample::select(vec!["'x'", "'it\\'s'", "''", "'multi\nline'", "42", "1.5e3", "null", "true", "{\"a\":[1,2]}", "[1,\"two\"]", "'é😀'", "-1", "'unterminated"]);
    let mut strays = vec![""; 60];
    strays.extend(["->", "(", ")", "'", "\"", ":", ".", "=", "#", "\\", "\t", ";", "😀"]);
    let stray = prop::sample::select(strays);
    let statement = (0..8u8, name.clone(), port.clone(), index.clone(), comp.clone(), name, port, index, comp, iip, stray).prop_map(
        |(kind, p1, o1, i1, c1, p2, o2, i2, c2, data, stray)| {
            let body = match kind {
                0 | 1 => format!("{p1}{c1} {o1}{i1} -> {o2}{i2} {p2}{c2}"),
                2 => format!("{data} -> {o2}{i2} {p2}{c2}"),
                3 => format!("{p1}{c1} {o1} -> {o2} {p2}{c2} {o1} -> {o2} {p1}"),
                4 => format!("INPORT={p1}.{o1}:{}", o2.to_lowercase()),
                5 => format!("OUTPORT={p2}.{o2}:{}", o1.to_lowercase()),
                6 => format!("# @name {p1}"),
                _ => "# a comment".to_string(),
            };
            format!("{body}{stray}")
        },
    );
    let separator = prop::sample::select(vec!["\n", "\n", "\r\n", ", ", "\n\n"]);
    prop::collection::vec((statement, separator), 0..8).prop_map(|parts| parts.into_iter().map(|(s, sep)| s + sep).collect())
}

proptest! {
    #[test]
    fn a_graph_written_as_fbp_reads_back_as_the_same_graph(g in fbp_graph()) {
        let text = fbp::write(&g).map_err(|e| TestCaseError::fail(format!("the writer refused an expressible graph: {e}")))?;
        let back = Graph::from_fbp_str(&text, None).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(shape(&back), shape(&g), "{}", text);
        prop_assert_eq!(fbp::write(&back).unwrap(), text);
    }

    #[test]
    fn any_text_parses_or_fails_without_panicking(text in ".{0,200}") {
        let _ = Graph::from_fbp_str(&text, Some("fuzz.fbp"));
        let _ = fbp::parse(&text, FbpOptions { case_sensitive: true, file: None });
        let _ = Graph::from_json_str(&text, Some("fuzz.json"));
    }

    #[test]
    fn fbp_text_that_parses_survives_text_graph_text_graph(text in fbp_soup(), case_sensitive in any::<bool>()) {
        let Ok(g) = fbp::parse(&text, FbpOptions { case_sensitive, file: None }) else { return Ok(()) };
        // A graph the parser produced may still hold what `.fbp` cannot
        // write (an IIP the reference grammar reads but the writer cannot
        // quote); then the writer must say so instead of writing a
        // different graph.
        let Ok(written) = fbp::write(&g) else { return Ok(()) };
        let back = fbp::parse(&written, FbpOptions { case_sensitive, file: None })
            .map_err(|e| TestCaseError::fail(format!("{e}\nfrom {text:?}\nwritten {written:?}")))?;
        prop_assert_eq!(shape(&back), shape(&g), "from {:?} written {:?}", text, written);
    }

    #[test]
    fn a_graph_survives_json_both_ways(g in fbp_graph(), meta in prop::option::of(json())) {
        let mut g = g;
        if let Some(Json::Object(m)) = meta {
            let first = g.processes.keys().next().cloned().unwrap();
            g.processes.get_mut(&first).unwrap().metadata = Some(m);
        }
        let text = g.to_json_string();
        let back = Graph::from_json_str(&text, None).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(shape(&back), shape(&g));
        prop_assert_eq!(back.to_json_string(), text);
    }

    #[test]
    fn json_shaped_like_a_graph_loads_or_fails_without_panicking(
        fields in prop::collection::vec(
            (prop::sample::select(vec!["processes", "connections", "inports", "outports", "groups", "properties", "caseSensitive", "src", "tgt", "data"]), json()),
            0..6,
        )
    ) {
        let object: Map<String, Json> = fields.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
        let text = Json::Object(object).to_string();
        if let Ok(g) = Graph::from_json_str(&text, None) {
            let again = Graph::from_json_str(&g.to_json_string(), None).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(shape(&again), shape(&g));
        }
    }
}

/// The text-to-graph-to-text property above only bites on soups that parse
/// and write: make sure a fair share of them do, so it cannot pass vacuously.
#[test]
fn a_fair_share_of_token_soups_parse_and_write() {
    use proptest::strategy::ValueTree as _;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = fbp_soup();
    let (mut parsed, mut written) = (0, 0);
    for _ in 0..2000 {
        let text = strategy.new_tree(&mut runner).unwrap().current();
        if let Ok(g) = Graph::from_fbp_str(&text, None) {
            parsed += 1;
            if !g.processes.is_empty() && fbp::write(&g).is_ok() {
                written += 1;
            }
        }
    }
    assert!(parsed >= 300 && written >= 100, "{parsed} of 2000 soups parsed, {written} with processes were written");
}
