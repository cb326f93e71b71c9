//! Reading a YAML document node by node with the line and column of every value, so a
//! stream job's problems are reported where they are (`job.yaml:7:12`), several at once,
//! with the nearest valid key for a typo. serde_yaml locates type errors but not the
//! cross-field ones (a hop without `every`, a name used twice), hence this reader.

use marked_yaml::types::{MarkedMappingNode, MarkedScalarNode};
use marked_yaml::{LoaderOptions, Node, Span};

/// A place in the file, 1-based.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Loc {
    pub line: usize,
    pub column: usize,
}

impl Loc {
    pub fn of(span: &Span) -> Loc {
        span.start()
            .map(|m| Loc {
                line: m.line(),
                column: m.column(),
            })
            .unwrap_or(Loc { line: 1, column: 1 })
    }
}

/// One bad spot: where, what is wrong, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Problem {
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub fix: Option<String>,
}

/// Problems found so far; readers push and carry on so one run reports them all.
#[derive(Debug, Default)]
pub struct Problems(pub Vec<Problem>);

impl Problems {
    pub fn push(&mut self, at: Loc, message: impl Into<String>, fix: Option<String>) {
        self.0.push(Problem {
            line: at.line,
            column: at.column,
            message: message.into(),
            fix,
        });
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Parse the text; a syntax error is one problem at its place.
pub fn parse(text: &str) -> Result<Node, Problem> {
    let opts = LoaderOptions::default()
        .error_on_duplicate_keys(true)
        .toplevel_mapping();
    marked_yaml::parse_yaml_with_options(0, text, opts).map_err(|e| {
        use marked_yaml::LoadError as E;
        let (at, message) = match &e {
            E::TopLevelMustBeMapping(m) => (
                (m.line(), m.column()),
                "a stream job is a YAML mapping (name:, source:, window:, ...)".to_string(),
            ),
            E::DuplicateKey(d) => {
                let m = d.key.span().start().copied();
                (
                    m.map(|m| (m.line(), m.column())).unwrap_or((1, 1)),
                    format!("`{}` is given twice", d.key.as_str()),
                )
            }
            E::ScanError(m, s) => ((m.line(), m.column()), s.info().to_string()),
            other => ((1, 1), other.to_string()),
        };
        Problem {
            line: at.0,
            column: at.1,
            message,
            fix: None,
        }
    })
}

/// `p` moved inside `text` if it points past it: the scanner places the end of a file
/// without a final newline on the line after it. Lines are YAML's (broken at `\n`,
/// `\r\n`, `\r`), columns count characters, one past a line's end is its end.
pub fn inside(text: &str, mut p: Problem) -> Problem {
    let mut lines = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find(['\n', '\r']) {
        lines.push(&rest[..i]);
        rest = &rest[i + if rest[i..].starts_with("\r\n") { 2 } else { 1 }..];
    }
    lines.push(rest);
    let width = |line: usize| lines[line - 1].chars().count() + 1;
    if p.line > lines.len() {
        p.line = lines.len();
        p.column = width(p.line);
    }
    p.line = p.line.max(1);
    p.column = p.column.clamp(1, width(p.line));
    p
}

pub fn loc(node: &Node) -> Loc {
    Loc::of(node.span())
}

/// A plain (unquoted) `~`, `null` or empty value.
pub fn is_null(node: &Node) -> bool {
    match node {
        Node::Scalar(s) => {
            s.may_coerce() && matches!(s.as_str(), "" | "~" | "null" | "Null" | "NULL")
        }
        _ => false,
    }
}

/// A mapping's entries, checked against the keys allowed there. Unknown keys are reported
/// with the nearest valid one.
pub struct Map<'a> {
    pub node: &'a MarkedMappingNode,
    pub at: Loc,
}

impl<'a> Map<'a> {
    pub fn new(
        node: &'a Node,
        what: &str,
        allowed: &[&str],
        problems: &mut Problems,
    ) -> Option<Map<'a>> {
        let Node::Mapping(m) = node else {
            problems.push(
                loc(node),
                format!("{what} must be a mapping"),
                Some(format!("valid keys: {}", allowed.join(", "))),
            );
            return None;
        };
        for key in m.keys() {
            if !allowed.contains(&key.as_str()) {
                let near = crate::profile::nearest(key.as_str(), allowed.iter().copied());
                let fix = match near {
                    Some(n) => format!(
                        "did you mean `{n}`? valid keys here: {}",
                        allowed.join(", ")
                    ),
                    None => format!("valid keys here: {}", allowed.join(", ")),
                };
                problems.push(
                    Loc::of(key.span()),
                    format!("unknown key `{}` in {what}", key.as_str()),
                    Some(fix),
                );
            }
        }
        Some(Map {
            node: m,
            at: Loc::of(m.span()),
        })
    }

    pub fn get(&self, key: &str) -> Option<&'a Node> {
        self.node.get_node(key).filter(|n| !is_null(n))
    }

    /// Where `key` is written, for problems about its value as a whole.
    pub fn key_loc(&self, key: &str) -> Loc {
        self.node
            .keys()
            .find(|k| k.as_str() == key)
            .map(|k| Loc::of(k.span()))
            .unwrap_or(self.at)
    }

    pub fn require(&self, key: &str, what: &str, problems: &mut Problems) -> Option<&'a Node> {
        let found = self.get(key);
        if found.is_none() {
            problems.push(
                self.at,
                format!("{what}: `{key}` is missing"),
                Some(format!("add `{key}:`")),
            );
        }
        found
    }

    pub fn entries(&self) -> impl Iterator<Item = (&'a MarkedScalarNode, &'a Node)> {
        self.node.iter()
    }
}

/// A scalar's text, or a problem when the node is a list or mapping.
pub fn scalar<'a>(node: &'a Node, what: &str, problems: &mut Problems) -> Option<&'a str> {
    match node {
        Node::Scalar(s) => Some(s.as_str()),
        _ => {
            problems.push(loc(node), format!("{what} must be a single value"), None);
            None
        }
    }
}
