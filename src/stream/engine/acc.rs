//! Accumulators: one per aggregate of a (window, group) pane, exact and mergeable (sessions
//! merge). Sums and averages overflow to NULL as Flink's DECIMAL arithmetic does.

use std::collections::HashSet;

use rust_decimal::Decimal;

use super::{AggSpec, AggValue};
use crate::stream::decimal::average;
use crate::stream::event::Input;
use crate::stream::job::AggFunc;

#[derive(Debug, Clone)]
pub(super) enum Acc {
    Count(i64),
    Sum {
        sum: Option<Decimal>,
        overflow: bool,
    },
    Avg {
        sum: Decimal,
        n: u64,
        overflow: bool,
    },
    Min(Option<Decimal>),
    Max(Option<Decimal>),
    Distinct(HashSet<String>),
}

impl Acc {
    pub(super) fn new(f: AggFunc) -> Acc {
        match f {
            AggFunc::Count => Acc::Count(0),
            AggFunc::Sum => Acc::Sum {
                sum: None,
                overflow: false,
            },
            AggFunc::Avg => Acc::Avg {
                sum: Decimal::ZERO,
                n: 0,
                overflow: false,
            },
            AggFunc::Min => Acc::Min(None),
            AggFunc::Max => Acc::Max(None),
            AggFunc::CountDistinct => Acc::Distinct(HashSet::new()),
        }
    }

    pub(super) fn add(&mut self, input: &Input) {
        match (self, input) {
            (Acc::Count(n), _) => *n += 1,
            (Acc::Sum { sum, overflow }, Input::Number(Some(d))) => {
                *sum = match sum {
                    None => Some(*d),
                    Some(s) => match s.checked_add(*d) {
                        Some(v) => Some(v),
                        None => {
                            *overflow = true;
                            Some(*s)
                        }
                    },
                }
            }
            (Acc::Avg { sum, n, overflow }, Input::Number(Some(d))) => {
                match sum.checked_add(*d) {
                    Some(v) => *sum = v,
                    None => *overflow = true,
                }
                *n += 1;
            }
            (Acc::Min(m), Input::Number(Some(d))) if m.is_none_or(|cur| *d < cur) => *m = Some(*d),
            (Acc::Max(m), Input::Number(Some(d))) if m.is_none_or(|cur| *d > cur) => *m = Some(*d),
            (Acc::Distinct(set), Input::Text(Some(t))) if !set.contains(t.as_str()) => {
                set.insert(t.clone());
            }
            _ => {}
        }
    }

    pub(super) fn merge(&mut self, other: Acc) {
        match (self, other) {
            (Acc::Count(a), Acc::Count(b)) => *a += b,
            (
                Acc::Sum { sum, overflow },
                Acc::Sum {
                    sum: s2,
                    overflow: o2,
                },
            ) => {
                *overflow |= o2;
                if let Some(b) = s2 {
                    *sum = match sum {
                        None => Some(b),
                        Some(a) => match a.checked_add(b) {
                            Some(v) => Some(v),
                            None => {
                                *overflow = true;
                                Some(*a)
                            }
                        },
                    }
                }
            }
            (
                Acc::Avg { sum, n, overflow },
                Acc::Avg {
                    sum: s2,
                    n: n2,
                    overflow: o2,
                },
            ) => {
                *overflow |= o2;
                match sum.checked_add(s2) {
                    Some(v) => *sum = v,
                    None => *overflow = true,
                }
                *n += n2;
            }
            (Acc::Min(a), Acc::Min(Some(b))) if a.is_none_or(|cur| b < cur) => *a = Some(b),
            (Acc::Max(a), Acc::Max(Some(b))) if a.is_none_or(|cur| b > cur) => *a = Some(b),
            (Acc::Distinct(a), Acc::Distinct(b)) => a.extend(b),
            _ => {}
        }
    }

    pub(super) fn value(&self, spec: &AggSpec) -> AggValue {
        match self {
            Acc::Count(n) => AggValue::Count(*n),
            Acc::Sum { sum, overflow } => AggValue::Decimal(if *overflow { None } else { *sum }),
            Acc::Avg { sum, n, overflow } => AggValue::Decimal(if *overflow {
                None
            } else {
                average(*sum, *n, spec.avg_scale)
            }),
            Acc::Min(m) | Acc::Max(m) => AggValue::Decimal(*m),
            Acc::Distinct(s) => AggValue::Count(s.len() as i64),
        }
    }
}
