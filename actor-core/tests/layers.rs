//! The modules of actor-core import only downward.
//!
//! `src/lib.rs` declares the top-level modules lowest layer first. A module
//! may name (through `crate::...` paths, in `use` lines or anywhere else in
//! its code) only the modules declared before it, so the layers form no
//! cycle. Comments and test modules (`tests.rs` files) are not checked:
//! tests may use whatever they need.
//!
//! A name re-exported at the crate root (`crate::Value`) counts as the
//! module it comes from (`message`), as `lib.rs`'s `pub use` lines say.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const SRC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/src");

/// One import that breaks the layering: `file:line` names `to` from `from`.
#[derive(Debug, PartialEq)]
struct Upward {
    at: String,
    from: String,
    to: String,
}

/// The declared layers (the `mod` lines of lib.rs, in order) and the
/// root re-exports (name to module).
fn layers(lib: &str) -> (Vec<String>, BTreeMap<String, String>) {
    let mut order = Vec::new();
    let mut root = BTreeMap::new();
    let code = strip_comments(lib);
    for line in code.lines() {
        let line = line.trim();
        if let Some(rest) = line.strip_prefix("pub mod ").or_else(|| line.strip_prefix("mod ")) {
            order.push(rest.trim_end_matches(';').trim().to_string());
        }
    }
    // `pub use module::{A, B};` and `pub use module::A;`, possibly over several lines.
    for stmt in code.split(';') {
        let stmt = stmt.trim();
        let Some(rest) = stmt.strip_prefix("pub use ") else { continue };
        let Some((module, items)) = rest.split_once("::") else { continue };
        let items = items.trim().trim_start_matches('{').trim_end_matches('}');
        for item in items.split(',') {
            let name = item.trim().split("::").last().unwrap_or("").trim();
            if !name.is_empty() {
                root.insert(name.to_string(), module.trim().to_string());
            }
        }
    }
    (order, root)
}

/// `text` with its `//` comments (doc comments included) removed.
fn strip_comments(text: &str) -> String {
    text.lines().map(|l| if l.trim_start().starts_with("//") { "" } else { l }).collect::<Vec<_>>().join("\n")
}

/// The first path segment of every `crate::` path in `code`, with its
/// 1-based line: `crate::a::b` gives `a`, `crate::{a, b::c}` gives `a`, `b`.
fn crate_paths(code: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    let mut rest = code;
    let mut offset = 0;
    while let Some(i) = rest.find("crate::") {
        let start = offset + i + "crate::".len();
        let line = code[..start].matches('\n').count() + 1;
        let after = &code[start..];
        if let Some(group) = after.strip_prefix('{') {
            // A group: split its top level at commas.
            let mut depth = 0;
            let mut item = String::new();
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        push_first_segment(&mut found, line, &item);
                        item.clear();
                        continue;
                    }
                    _ => {}
                }
                item.push(c);
            }
            push_first_segment(&mut found, line, &item);
        } else {
            push_first_segment(&mut found, line, after);
        }
        offset = start;
        rest = &code[start..];
    }
    found
}

fn push_first_segment(found: &mut Vec<(usize, String)>, line: usize, path: &str) {
    let name: String = path.trim_start().chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
    if !name.is_empty() {
        found.push((line, name));
    }
}

/// Every import in `files` (path relative to `src/`, contents) that names a
/// module at or above its own layer, or a name no layer declares.
fn upward_imports(lib: &str, files: &[(String, String)]) -> Vec<Upward> {
    let (order, root) = layers(lib);
    let rank = |m: &str| order.iter().position(|o| o == m);
    let mut bad = Vec::new();
    for (path, text) in files {
        let from = path.split('/').next().unwrap_or(path).trim_end_matches(".rs").to_string();
        if from == "lib" || path.ends_with("tests.rs") || path.contains("/tests/") {
            continue;
        }
        let Some(own) = rank(&from) else {
            bad.push(Upward { at: path.clone(), from: from.clone(), to: "(not declared in lib.rs)".into() });
            continue;
        };
        for (line, name) in crate_paths(&strip_comments(text)) {
            let to = if rank(&name).is_some() { name } else { root.get(&name).cloned().unwrap_or(name) };
            if to == from {
                continue;
            }
            match rank(&to) {
                Some(r) if r < own => {}
                _ => bad.push(Upward { at: format!("{path}:{line}"), from: from.clone(), to }),
            }
        }
    }
    bad
}

fn sources(dir: &Path, base: &Path, out: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir).expect("src is readable") {
        let path: PathBuf = entry.expect("a directory entry").path();
        if path.is_dir() {
            sources(&path, base, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let rel = path.strip_prefix(base).expect("under src").to_string_lossy().replace('\\', "/");
            out.push((rel, std::fs::read_to_string(&path).expect("a readable source file")));
        }
    }
}

#[test]
fn every_module_imports_only_from_the_layers_below_it() {
    let base = Path::new(SRC);
    let mut files = Vec::new();
    sources(base, base, &mut files);
    assert!(files.len() > 50, "found the sources ({} files)", files.len());
    let lib = std::fs::read_to_string(base.join("lib.rs")).unwrap();
    let (order, _) = layers(&lib);
    assert_eq!(order.first().map(String::as_str), Some("rt"), "lib.rs declares the layers, lowest first");
    let bad = upward_imports(&lib, &files);
    assert!(bad.is_empty(), "imports against the layer order {order:?}:\n{bad:#?}");
}

#[test]
fn the_check_finds_an_upward_import_a_grouped_one_and_one_through_a_root_re_export() {
    let lib = "pub mod low;\npub mod high;\npub use high::{Top, Other};\n";
    let files = vec![
        ("high.rs".to_string(), "use crate::low::X;\n".to_string()),
        ("low.rs".to_string(), "// crate::high in a comment is fine\nuse crate::high::Y;\n".to_string()),
        ("low/a.rs".to_string(), "use crate::{\n    low::Z,\n    high::W,\n};\n".to_string()),
        ("low/b.rs".to_string(), "fn f() -> crate::Top { todo!() }\n".to_string()),
        ("low/tests.rs".to_string(), "use crate::high::Y;\n".to_string()),
        ("stray.rs".to_string(), String::new()),
    ];
    let bad = upward_imports(lib, &files);
    let at: Vec<&str> = bad.iter().map(|b| b.at.as_str()).collect();
    assert_eq!(at, ["low.rs:2", "low/a.rs:1", "low/b.rs:1", "stray.rs"]);
    assert!(bad.iter().take(3).all(|b| b.from == "low" && b.to == "high"));
}
