use serde_json::json;

use crate::testing::run;
use actor_core::{Graph, Packet, PortRef};

fn words_graph(lines: &[&str], chars: Option<&str>, case: Option<&str>) -> Graph {
    let mut g = Graph::new();
    g.add_process("words", "text/Words");
    for l in lines {
        g.add_iip(json!(l), PortRef::new("words", "in"));
    }
    if let Some(c) = chars {
        g.add_iip(json!(c), PortRef::new("words", "chars"));
    }
    if let Some(c) = case {
        g.add_iip(json!(c), PortRef::new("words", "case"));
    }
    g.export_outport("OUT", "words", "out");
    g
}

#[tokio::test]
async fn words_are_maximal_alphanumeric_runs_lowercased() {
    let g = words_graph(&["The GNU General-Public License, v3 (2007)!", "  ", "don't Stop"], None, None);
    let got = run(&g).await.ok().json();
    let want: Vec<_> = ["the", "gnu", "general", "public", "license", "v3", "2007", "don", "t", "stop"]
        .iter()
        .map(|w| json!(w))
        .collect();
    assert_eq!(got, want);
}

#[tokio::test]
async fn a_long_line_is_split_in_order_across_chunks() {
    // 1,000 words per line (many chunks of 64), ASCII and not, with a word
    // ending exactly at a chunk's end and words longer than a string's
    // inline size.
    let ascii: Vec<String> = (0..1000).map(|i| format!("w{i}{}", "x".repeat(i % 30))).collect();
    let unicode: Vec<String> = (0..1000).map(|i| format!("é{i}")).collect();
    let lines = [ascii.join(" -- "), unicode.join(", "), "tail".to_string()];
    let g = words_graph(&lines.iter().map(String::as_str).collect::<Vec<_>>(), None, None);
    let got = run(&g).await.ok().json();
    let want: Vec<_> = ascii.iter().chain(&unicode).map(|w| json!(w)).chain([json!("tail")]).collect();
    assert_eq!(got.len(), want.len());
    assert_eq!(got, want);
}

#[tokio::test]
async fn words_default_is_unicode_and_ascii_alnum_is_available() {
    let line = ["Ærø Straße café"];
    assert_eq!(run(&words_graph(&line, None, None)).await.ok().json(), vec![json!("ærø"), json!("straße"), json!("café")]);
    let ascii = run(&words_graph(&line, Some("ascii-alnum"), Some("ascii-lower"))).await.ok().json();
    assert_eq!(ascii, vec![json!("r"), json!("stra"), json!("e"), json!("caf")]);
}

#[tokio::test]
async fn words_options_choose_characters_and_case() {
    let g = words_graph(&["it's x2 Fine-tuned"], Some("non-space"), Some("keep"));
    assert_eq!(run(&g).await.ok().json(), vec![json!("it's"), json!("x2"), json!("Fine-tuned")]);
    let g = words_graph(&["it's x2 Fine-tuned"], Some("alpha"), Some("upper"));
    assert_eq!(run(&g).await.ok().json(), vec![json!("IT"), json!("S"), json!("X"), json!("FINE"), json!("TUNED")]);
}

#[tokio::test]
async fn words_rejects_an_unknown_option_and_a_non_string() {
    let err = run(&words_graph(&["a"], Some("digits"), None)).await.error();
    assert!(err.contains("port chars: expected one of alnum"), "{err}");
    // Through a Repeat, so that the number reaches Words at run time (validation checks IIP types).
    let mut g = Graph::new();
    g.add_process("src", "core/Repeat").add_process("words", "text/Words");
    g.connect(PortRef::new("src", "out"), PortRef::new("words", "in"));
    g.add_iip(json!(7), PortRef::new("src", "in"));
    assert!(run(&g).await.error().contains("packet 1 is 7, expected a string"));
}

#[tokio::test]
async fn words_forwards_brackets() {
    let mut g = Graph::new();
    g.add_process("words", "text/Words");
    g.export_inport("IN", "words", "in");
    g.export_outport("OUT", "words", "out");
    let mut network = actor_core::Network::new(&g, &crate::standard(), Default::default()).unwrap();
    let (input, out) = (network.inport("IN").unwrap(), network.outport("OUT").unwrap());
    let running = network.start().unwrap();
    input.send(Packet::OpenBracket(Some("f".into()))).await.unwrap();
    input.send("a b").await.unwrap();
    input.send(Packet::CloseBracket(Some("f".into()))).await.unwrap();
    drop(input);
    running.wait().await.unwrap();
    let got: Vec<Packet> = std::iter::from_fn(|| out.try_recv()).collect();
    let want = vec![
        Packet::OpenBracket(Some("f".into())),
        Packet::Data("a".into()),
        Packet::Data("b".into()),
        Packet::CloseBracket(Some("f".into())),
    ];
    assert_eq!(got, want);
}

fn format_graph(template: &str, values: &[serde_json::Value]) -> Graph {
    let mut g = Graph::new();
    g.add_process("fmt", "text/Format");
    for v in values {
        g.add_iip(v.clone(), PortRef::new("fmt", "in"));
    }
    g.add_iip(json!(template), PortRef::new("fmt", "template"));
    g.export_outport("OUT", "fmt", "out");
    g
}

#[tokio::test]
async fn format_renders_fields_whole_values_and_escaped_braces() {
    let g = format_graph("{count} {word} {{{}}}", &[json!({"word": "the", "count": 3})]);
    assert_eq!(run(&g).await.ok().json(), vec![json!("3 the {{\"word\":\"the\",\"count\":3}}")]);
    let g = format_graph("<{}>", &[json!("s"), json!(1.5)]);
    assert_eq!(run(&g).await.ok().json(), vec![json!("<s>"), json!("<1.5>")]);
}

#[tokio::test]
async fn format_errors_name_the_missing_field_and_a_bad_template() {
    let err = run(&format_graph("{count} {wrod}", &[json!({"word": "a", "count": 1})])).await.error();
    assert!(err.contains("packet 1: template field {wrod} is not in"), "{err}");
    let err = run(&format_graph("{count", &[json!({"count": 1})])).await.error();
    assert!(err.contains("port template: expected a template string"), "{err}");
}
