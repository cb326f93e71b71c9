//! The `where` language end to end: parsing, typing, errors with offsets, evaluation.

use super::*;
use std::borrow::Cow;
use std::collections::BTreeMap;

fn p(s: &str) -> Result<Expr, ExprError> {
    parse(s, &|f| f.dotted() == "n.declared")
}

fn eval(e: &Expr, row: &BTreeMap<&str, &str>) -> Option<bool> {
    e.eval(
        &|f| {
            row.get(f.dotted().as_str())
                .map(|v| Cow::Owned(v.to_string()))
        },
        &|f| row.get(f.dotted().as_str()).and_then(|v| v.parse().ok()),
    )
}

#[test]
fn precedence_and_or_not() {
    let e = p("a = 1 or b = 2 and not c = 3").unwrap();
    match e {
        Expr::Or(_, r) => assert!(matches!(*r, Expr::And(_, _))),
        other => panic!("{other:?}"),
    }
    let e = p("(a = 1 or b = 2) and c = 'x'").unwrap();
    assert!(matches!(e, Expr::And(_, _)));
    assert!(p("NOT (a > 1) AND b != null || c <> 'q'").is_ok());
}

#[test]
fn comparisons_are_typed() {
    match p("payload.amount > 0").unwrap() {
        Expr::Compare { kind, op, .. } => {
            assert_eq!(kind, CmpKind::Numeric);
            assert_eq!(op, CmpOp::Gt);
        }
        other => panic!("{other:?}"),
    }
    // The field moves to the left, the operator flips.
    match p("0 < payload.amount").unwrap() {
        Expr::Compare { left, op, .. } => {
            assert_eq!(
                left,
                Operand::Field(FieldPath::parse("payload.amount").unwrap())
            );
            assert_eq!(op, CmpOp::Gt);
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        p("a.b = 'x'").unwrap(),
        Expr::Compare {
            kind: CmpKind::Text,
            ..
        }
    ));
    assert!(matches!(
        p("a = b").unwrap(),
        Expr::Compare {
            kind: CmpKind::Text,
            ..
        }
    ));
    assert!(matches!(
        p("a = n.declared").unwrap(),
        Expr::Compare {
            kind: CmpKind::Numeric,
            ..
        }
    ));
    assert!(matches!(
        p("a = null").unwrap(),
        Expr::IsNull { negated: false, .. }
    ));
    assert!(matches!(
        p("null != a").unwrap(),
        Expr::IsNull { negated: true, .. }
    ));
}

#[test]
fn errors_say_where() {
    let e = p("a = 1 and").unwrap_err();
    assert_eq!(e.offset, 9);
    let e = p("a = 'open").unwrap_err();
    assert_eq!(e.offset, 4);
    assert!(e.message.contains("closing"), "{e}");
    let e = p("(a = 1").unwrap_err();
    assert_eq!(e.offset, 0);
    let e = p("a > 'x' and b > 1 c").unwrap_err();
    assert_eq!(e.offset, 18);
    assert!(p("a").unwrap_err().message.contains("compares two things"));
    assert!(p("a = 1 = 2").is_err());
    assert!(p("a < null").is_err());
    assert!(p("1 = 'x'").is_err());
    assert!(p("a # 1").is_err());
    assert!(p("").is_err());
    assert!(p("a.1b = 2").is_err());
    assert!(p("a = 1.2.3").is_err());
    assert!(p("a = 99999999999999999999999999999999").is_err());
    assert!(p("a > true").is_err());
}

#[test]
fn deep_nesting_is_refused_not_a_crash() {
    let deep = "(".repeat(10_000) + "a = 1" + &")".repeat(10_000);
    assert!(p(&deep).is_err());
    let nots = "not ".repeat(10_000) + "a = 1";
    assert!(p(&nots).is_err());
}

#[test]
fn garbage_never_panics() {
    // A cheap deterministic fuzz: every prefix and every byte-rotation of some inputs.
    let seeds = [
        "payload.amount > 0 and (payload.region = 'us-east' or not meta.x != null)",
        "a<>b||!c<=-1.5&&d>='it''s'",
        "\"q\" = x == y (( ) ) ! & | é ü 1e5",
    ];
    for s in seeds {
        for (i, _) in s.char_indices() {
            let _ = p(&s[..i]);
            let _ = p(&s[i..]);
            let rotated = format!("{}{}", &s[i..], &s[..i]);
            let _ = p(&rotated);
        }
    }
}

#[test]
fn three_valued_logic_like_sql() {
    let row: BTreeMap<&str, &str> = [("amount", "12.50"), ("region", "us-east"), ("bad", "abc")]
        .into_iter()
        .collect();
    let t = |s: &str| eval(&p(s).unwrap(), &row);
    assert_eq!(t("amount > 0"), Some(true));
    assert_eq!(t("amount >= 12.5"), Some(true));
    assert_eq!(t("amount < -1"), Some(false));
    assert_eq!(t("region = 'us-east'"), Some(true));
    assert_eq!(t("region > 'us'"), Some(true));
    assert_eq!(t("missing = 'x'"), None);
    assert_eq!(t("not missing = 'x'"), None);
    assert_eq!(t("missing = 'x' or region = 'us-east'"), Some(true));
    assert_eq!(t("missing = 'x' and region = 'us-east'"), None);
    assert_eq!(t("missing = 'x' and region = 'eu'"), Some(false));
    assert_eq!(t("bad > 0"), None);
    assert_eq!(t("missing = null"), Some(true));
    assert_eq!(t("region != null"), Some(true));
}
