//! The house's layers, held by a test instead of by review. The library's top-level modules
//! are listed from the top floor down; a module may use only modules on floors below its
//! own. Inside every module, its children may not form a circle (a uses b uses a). The
//! binary (`src/bin/livedbctl/`) gets the same two rules over its own modules, and the
//! compiler already keeps the library from naming anything of the binary.
//!
//! The paths are read from the source as text (`crate::a::b`, `use crate::{a, b::c}`,
//! `super::x`), comments left out: enough for this code base, which names modules by path.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The library, top floor first. A new top-level module must be given a floor here.
const LIBRARY: &[&[&str]] = &[
    &["dashboard", "trace", "alerts"],
    &["sampler", "verify"],
    &["pipeline"],
    &["consumers"],
    &["stream", "cdc"],
    &["infra", "groups", "redis_dump"],
    &["pg", "kafka", "redisdb", "hooks", "http"],
    &["settings"],
    &["alert_rules"],
    &["profile", "json_path", "retry", "shutdown", "host", "civil"],
    &["json_scan"],
    &["error"],
];

/// The binary, top floor first. The library is below all of it.
const BINARY: &[&[&str]] = &[
    // The test that holds docs/ against the parser.
    &["docs_check"],
    &["cli"],
    &["commands"],
    &["top"],
    &["context"],
    &["output", "present"],
];

/// A source file's module path (`["cdc", "convert", "decimal"]`) under its crate root.
fn module_path(root: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(root).unwrap();
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let last = parts.pop().unwrap();
    let stem = last.trim_end_matches(".rs");
    let crate_root = parts.is_empty() && (stem == "lib" || stem == "main");
    if stem != "mod" && !crate_root {
        parts.push(stem.to_string());
    }
    parts
}

fn rust_files(dir: &Path, skip: &[PathBuf], out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if skip.contains(&path) {
            continue;
        }
        if path.is_dir() {
            rust_files(&path, skip, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The text with comments blanked (line structure kept, so line numbers stay right).
/// String literals are kept: a path inside one is rare and would only add an edge.
fn without_comments(src: &str) -> String {
    let mut out = String::with_capacity(src.len());
    let mut chars = src.chars().peekable();
    let mut depth = 0usize;
    while let Some(c) = chars.next() {
        if depth > 0 {
            if c == '*' && chars.peek() == Some(&'/') {
                chars.next();
                depth -= 1;
            } else if c == '/' && chars.peek() == Some(&'*') {
                chars.next();
                depth += 1;
            } else if c == '\n' {
                out.push('\n');
            }
            continue;
        }
        if c == '/' && chars.peek() == Some(&'/') {
            for c in chars.by_ref() {
                if c == '\n' {
                    out.push('\n');
                    break;
                }
            }
        } else if c == '/' && chars.peek() == Some(&'*') {
            chars.next();
            depth = 1;
        } else {
            out.push(c);
        }
    }
    out
}

/// Every path under `crate::` or `super::` in `src`, with its line: `crate::{a, b::c}`
/// gives `crate::a` and `crate::b::c`. Paths are segments; `super` stays a segment.
fn paths(src: &str) -> Vec<(usize, Vec<String>)> {
    let bytes = src.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let rest = &src[i..];
        let starts = ["crate::", "super::"]
            .iter()
            .find(|p| rest.starts_with(**p))
            .filter(|_| i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_'));
        if let Some(prefix) = starts {
            let line = src[..i].matches('\n').count() + 1;
            let first = prefix.trim_end_matches("::").to_string();
            let mut j = i + prefix.len();
            let mut out = Vec::new();
            tree(src, &mut j, vec![first], &mut out);
            found.extend(out.into_iter().map(|p| (line, p)));
            i = j.max(i + 1);
        } else {
            i += rest.chars().next().map_or(1, char::len_utf8);
        }
    }
    found
}

/// Read a use-tree at `*at` (after a `::`), appending each full path to `out`.
fn tree(src: &str, at: &mut usize, mut prefix: Vec<String>, out: &mut Vec<Vec<String>>) {
    let b = src.as_bytes();
    let skip_ws = |at: &mut usize| {
        while *at < b.len() && b[*at].is_ascii_whitespace() {
            *at += 1;
        }
    };
    loop {
        skip_ws(at);
        if *at < b.len() && b[*at] == b'{' {
            *at += 1;
            loop {
                skip_ws(at);
                if *at >= b.len() {
                    return;
                }
                if b[*at] == b'}' {
                    *at += 1;
                    return;
                }
                if b[*at] == b',' {
                    *at += 1;
                    continue;
                }
                let before = *at;
                tree(src, at, prefix.clone(), out);
                if *at == before {
                    *at += 1;
                }
            }
        }
        let start = *at;
        while *at < b.len() && (b[*at].is_ascii_alphanumeric() || b[*at] == b'_') {
            *at += 1;
        }
        if *at == start {
            out.push(prefix);
            return;
        }
        prefix.push(src[start..*at].to_string());
        if src[*at..].starts_with("::") {
            *at += 2;
        } else {
            out.push(prefix);
            return;
        }
    }
}

/// The module a path names: `super`s resolved against `from`, then its longest prefix
/// that is a module of the crate.
fn target(from: &[String], path: &[String], modules: &BTreeSet<Vec<String>>) -> Vec<String> {
    let mut base: Vec<String>;
    let mut rest = path;
    if path[0] == "crate" {
        base = Vec::new();
        rest = &path[1..];
    } else {
        base = from.to_vec();
        while rest.first().is_some_and(|s| s == "super") {
            base.pop();
            rest = &rest[1..];
        }
    }
    for seg in rest {
        let mut next = base.clone();
        next.push(seg.clone());
        if modules.contains(&next) {
            base = next;
        } else {
            break;
        }
    }
    base
}

struct Edge {
    from: Vec<String>,
    to: Vec<String>,
    file: PathBuf,
    line: usize,
}

fn edges(root: &Path, skip: &[PathBuf]) -> (BTreeSet<Vec<String>>, Vec<Edge>) {
    let mut files = Vec::new();
    rust_files(root, skip, &mut files);
    let modules: BTreeSet<Vec<String>> = files.iter().map(|f| module_path(root, f)).collect();
    let mut all = Vec::new();
    for file in &files {
        let from = module_path(root, file);
        let src = without_comments(&std::fs::read_to_string(file).unwrap());
        for (line, path) in paths(&src) {
            let to = target(&from, &path, &modules);
            all.push(Edge {
                from: from.clone(),
                to,
                file: file.clone(),
                line,
            });
        }
    }
    (modules, all)
}

fn floor_of(floors: &[&[&str]], module: &str) -> Option<usize> {
    floors.iter().position(|f| f.contains(&module))
}

/// Imports that run up or sideways between top-level modules, and top-level modules
/// without a floor.
fn layer_breaks(
    floors: &[&[&str]],
    modules: &BTreeSet<Vec<String>>,
    edges: &[Edge],
) -> Vec<String> {
    let mut bad = Vec::new();
    for m in modules.iter().filter(|m| m.len() == 1) {
        if floor_of(floors, &m[0]).is_none() {
            bad.push(format!("module `{}` has no floor in src/layers.rs", m[0]));
        }
    }
    for e in edges {
        let (Some(a), Some(b)) = (e.from.first(), e.to.first()) else {
            continue;
        };
        if a == b {
            continue;
        }
        if let (Some(fa), Some(fb)) = (floor_of(floors, a), floor_of(floors, b)) {
            if fb <= fa {
                bad.push(format!(
                    "{}:{}: `{a}` uses `{}`, which is not on a floor below it",
                    e.file.display(),
                    e.line,
                    e.to.join("::")
                ));
            }
        }
    }
    bad
}

/// Circles among the children of one module: each as the children's names in order.
fn circles(edges: &[Edge]) -> Vec<String> {
    // parent -> child -> children it uses
    let mut graphs: BTreeMap<Vec<String>, BTreeMap<String, BTreeSet<String>>> = BTreeMap::new();
    for e in edges {
        let common = e.from.iter().zip(&e.to).take_while(|(a, b)| a == b).count();
        if common >= e.from.len() || common >= e.to.len() {
            continue; // one is inside the other
        }
        graphs
            .entry(e.from[..common].to_vec())
            .or_default()
            .entry(e.from[common].clone())
            .or_default()
            .insert(e.to[common].clone());
    }
    let mut found = Vec::new();
    for (parent, graph) in &graphs {
        let mut done = BTreeSet::new();
        for start in graph.keys() {
            let mut stack = vec![start.clone()];
            walk(graph, &mut stack, &mut done, &mut found, parent);
        }
    }
    found.sort();
    found.dedup();
    found
}

fn walk(
    graph: &BTreeMap<String, BTreeSet<String>>,
    stack: &mut Vec<String>,
    done: &mut BTreeSet<String>,
    found: &mut Vec<String>,
    parent: &[String],
) {
    let node = stack.last().unwrap().clone();
    if done.contains(&node) {
        return;
    }
    for next in graph.get(&node).into_iter().flatten() {
        if let Some(i) = stack.iter().position(|n| n == next) {
            let mut circle: Vec<String> = stack[i..].to_vec();
            let min = circle.iter().enumerate().min_by_key(|(_, n)| *n).unwrap().0;
            circle.rotate_left(min);
            circle.push(circle[0].clone());
            let place = if parent.is_empty() {
                "the crate root".to_string()
            } else {
                parent.join("::")
            };
            found.push(format!("circle in {place}: {}", circle.join(" -> ")));
        } else {
            stack.push(next.clone());
            walk(graph, stack, done, found, parent);
            stack.pop();
        }
    }
    done.insert(node);
}

fn check(root: &Path, skip: &[PathBuf], floors: &[&[&str]]) -> Vec<String> {
    let (modules, edges) = edges(root, skip);
    let mut bad = layer_breaks(floors, &modules, &edges);
    bad.extend(circles(&edges));
    bad
}

#[test]
fn the_library_imports_only_downward_and_has_no_circles() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    // The binary is checked on its own; this file's examples are no imports.
    let bad = check(&src, &[src.join("bin"), src.join("layers.rs")], LIBRARY);
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn the_binary_imports_only_downward_and_has_no_circles() {
    let bin = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/bin/livedbctl");
    // The library's modules, brought in by name in main.rs, are below every floor.
    let bad = check(&bin, &[], BINARY);
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn an_import_that_runs_up_or_a_circle_is_caught() {
    let dir = std::env::temp_dir().join(format!("livedbctl-layers-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("cdc")).unwrap();
    std::fs::write(dir.join("lib.rs"), "pub mod cdc;\npub mod error;\n").unwrap();
    std::fs::write(dir.join("error.rs"), "use crate::cdc::wal::WalError;\n").unwrap();
    std::fs::write(dir.join("cdc/mod.rs"), "pub mod a;\npub mod wal;\n").unwrap();
    std::fs::write(
        dir.join("cdc/a.rs"),
        "// crate::cdc::wal in a comment is no import\nuse super::{wal::X, Y};\n",
    )
    .unwrap();
    std::fs::write(dir.join("cdc/wal.rs"), "use crate::{error, cdc::a::Z};\n").unwrap();
    let bad = check(&dir, &[], &[&["cdc"], &["error"]]);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(bad.len(), 3, "{bad:#?}");
    assert!(
        bad[0].ends_with("error.rs:1: `error` uses `cdc::wal`, which is not on a floor below it")
    );
    assert_eq!(bad[1], "circle in cdc: a -> wal -> a");
    assert_eq!(bad[2], "circle in the crate root: cdc -> error -> cdc");
}

#[test]
fn use_trees_are_read_whole() {
    let p = paths("use crate::{a::{b, c::D}, e};\nlet x = super::super::f::g();");
    let p: Vec<String> = p
        .iter()
        .map(|(l, p)| format!("{l}:{}", p.join("::")))
        .collect();
    assert_eq!(
        p,
        [
            "1:crate::a::b",
            "1:crate::a::c::D",
            "1:crate::e",
            "2:super::super::f::g"
        ]
    );
}
