//! What is computed: the `group_by` columns and the `aggregates` (with the aggregate
//! function grammar).

use std::collections::BTreeSet;

use marked_yaml::Node;

use crate::stream::expr::{self, FieldPath};
use crate::stream::job::{AggFunc, Aggregate, GroupField};
use crate::stream::yaml::{loc, scalar, Loc, Problems};

pub(super) fn read_group_by(n: &Node, problems: &mut Problems) -> Option<Vec<GroupField>> {
    let items: Vec<&Node> = match n {
        Node::Sequence(s) => s.iter().collect(),
        Node::Scalar(_) => vec![n],
        Node::Mapping(_) => vec![n],
    };
    let mut out = Vec::new();
    let mut ok = true;
    for item in items {
        let (name, path_node, path_text) = match item {
            Node::Scalar(s) => (None, item, s.as_str()),
            Node::Mapping(m) if m.len() == 1 => {
                let (k, v) = m.iter().next().expect("one entry");
                let Some(text) = scalar(v, "a group_by field", problems) else {
                    ok = false;
                    continue;
                };
                (Some((k.as_str(), Loc::of(k.span()))), v, text)
            }
            _ => {
                problems.push(
                    loc(item),
                    "group_by lists field paths, or `column: path` to name the column",
                    Some("e.g. group_by: [payload.region, {org: payload.org}]".into()),
                );
                ok = false;
                continue;
            }
        };
        let path = match FieldPath::parse(path_text) {
            Ok(p) => p,
            Err(e) => {
                problems.push(loc(path_node), format!("group_by: {e}"), None);
                ok = false;
                continue;
            }
        };
        let (name, at) = match name {
            Some((n, at)) => (n.to_string(), at),
            None => (path.last().to_string(), loc(path_node)),
        };
        if !expr::is_name(&name) {
            problems.push(
                at,
                format!("group_by: `{name}` is not a column name"),
                Some("column names are letters, digits and `_`".into()),
            );
            ok = false;
            continue;
        }
        out.push((GroupField { name, path }, at));
    }
    if !ok {
        return None;
    }
    let mut seen = BTreeSet::new();
    for (g, at) in &out {
        if !seen.insert(g.name.clone()) {
            problems.push(
                *at,
                format!("group_by: the column `{}` appears twice", g.name),
                Some(format!(
                    "name one of them: {{other_{}: {}}}",
                    g.name,
                    g.path.dotted()
                )),
            );
        }
    }
    Some(out.into_iter().map(|(g, _)| g).collect())
}

pub(super) fn read_aggregates(n: &Node, problems: &mut Problems) -> Option<Vec<Aggregate>> {
    let Node::Mapping(m) = n else {
        problems.push(
            loc(n),
            "aggregates must be a mapping of column names to functions",
            Some("e.g. aggregates: {orders: count, revenue: sum(payload.amount)}".into()),
        );
        return None;
    };
    if m.is_empty() {
        problems.push(
            loc(n),
            "aggregates is empty",
            Some("add e.g. {events: count}".into()),
        );
        return None;
    }
    let mut out = Vec::new();
    let mut ok = true;
    for (k, v) in m.iter() {
        let name = k.as_str();
        if !expr::is_name(name) {
            problems.push(
                Loc::of(k.span()),
                format!("aggregates: `{name}` is not a column name"),
                Some("column names are letters, digits and `_`".into()),
            );
            ok = false;
        }
        let Some(text) = scalar(v, "an aggregate", problems) else {
            ok = false;
            continue;
        };
        match parse_aggregate(text) {
            Ok((func, field)) => out.push(Aggregate {
                name: name.to_string(),
                func,
                field,
            }),
            Err((msg, fix)) => {
                problems.push(loc(v), format!("aggregates.{name}: {msg}"), Some(fix));
                ok = false;
            }
        }
    }
    ok.then_some(out)
}

/// `count`, `count(*)`, `sum(path)`, `avg(path)`, `min(path)`, `max(path)`,
/// `count_distinct(path)`.
pub fn parse_aggregate(text: &str) -> Result<(AggFunc, Option<FieldPath>), (String, String)> {
    let t = text.trim();
    let all = AggFunc::ALL.map(|f| f.name());
    let functions = "count, sum(f), avg(f), min(f), max(f), count_distinct(f)".to_string();
    let (fname, arg) = match t.find('(') {
        Some(i) => {
            let Some(inner) = t[i + 1..].strip_suffix(')') else {
                return Err((format!("`{t}` has no closing `)`"), functions));
            };
            (t[..i].trim(), Some(inner.trim()))
        }
        None => (t, None),
    };
    let lower = fname.to_ascii_lowercase();
    let Some(func) = AggFunc::ALL.into_iter().find(|f| f.name() == lower) else {
        let fix = match crate::profile::nearest(&lower, all.iter().copied()) {
            Some(n) => format!("did you mean `{n}`? functions: {functions}"),
            None => format!("functions: {functions}"),
        };
        return Err((format!("`{fname}` is not an aggregate function"), fix));
    };
    match (func, arg) {
        (AggFunc::Count, None) | (AggFunc::Count, Some("*")) | (AggFunc::Count, Some("")) => {
            Ok((AggFunc::Count, None))
        }
        (AggFunc::Count, Some(_)) => Err((
            "count takes no field (it counts events)".into(),
            "write `count`; for distinct values of a field, count_distinct(field)".into(),
        )),
        (f, None) | (f, Some("")) => Err((
            format!("{} needs a field", f.name()),
            format!("write e.g. {}(payload.amount)", f.name()),
        )),
        (f, Some(a)) => match FieldPath::parse(a) {
            Ok(p) => Ok((f, Some(p))),
            Err(e) => Err((e, format!("write e.g. {}(payload.amount)", f.name()))),
        },
    }
}
