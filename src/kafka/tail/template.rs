//! The line template language of `consume tail -f` (kcat's `-f`): `%t` topic,
//! `%p` partition, `%o` offset, `%k` key, `%v` value, `%T` timestamp (ms), `%h` headers
//! (`k=v,...`), `%%` a percent sign; `\n`, `\t` and `\\` are understood. Anything else
//! is printed as written.

use super::decode::{Decoded, Payload, Record};

/// A line template, parsed once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template(Vec<Tok>);

#[derive(Debug, Clone, PartialEq, Eq)]
enum Tok {
    Lit(String),
    Topic,
    Partition,
    Offset,
    Key,
    Value,
    Timestamp,
    Headers,
}

impl Template {
    /// Parse a template; anything that is not a known `%x` or `\\x` stays literal.
    pub fn parse(s: &str) -> Template {
        let mut toks = Vec::new();
        let mut lit = String::new();
        let mut chars = s.chars().peekable();
        while let Some(c) = chars.next() {
            let tok = match (c, chars.peek().copied()) {
                ('%', Some(n)) => match n {
                    't' => Some(Tok::Topic),
                    'p' => Some(Tok::Partition),
                    'o' => Some(Tok::Offset),
                    'k' => Some(Tok::Key),
                    'v' => Some(Tok::Value),
                    'T' => Some(Tok::Timestamp),
                    'h' => Some(Tok::Headers),
                    '%' => {
                        lit.push('%');
                        None
                    }
                    _ => {
                        lit.push('%');
                        lit.push(n);
                        None
                    }
                },
                ('\\', Some(n)) => {
                    match n {
                        'n' => lit.push('\n'),
                        't' => lit.push('\t'),
                        '\\' => lit.push('\\'),
                        other => {
                            lit.push('\\');
                            lit.push(other);
                        }
                    }
                    None
                }
                _ => {
                    lit.push(c);
                    continue;
                }
            };
            chars.next();
            if let Some(t) = tok {
                if !lit.is_empty() {
                    toks.push(Tok::Lit(std::mem::take(&mut lit)));
                }
                toks.push(t);
            }
        }
        if !lit.is_empty() {
            toks.push(Tok::Lit(lit));
        }
        Template(toks)
    }

    pub fn render(&self, d: &Decoded) -> String {
        let r: &Record = d.record;
        let mut out = String::new();
        for t in &self.0 {
            match t {
                Tok::Lit(s) => out.push_str(s),
                Tok::Topic => out.push_str(&r.topic),
                Tok::Partition => out.push_str(&r.partition.to_string()),
                Tok::Offset => out.push_str(&r.offset.to_string()),
                Tok::Key => out.push_str(&opt_display(&d.key)),
                Tok::Value => out.push_str(&opt_display(&d.value)),
                Tok::Timestamp => {
                    out.push_str(&r.timestamp.map(|t| t.to_string()).unwrap_or_default())
                }
                Tok::Headers => out.push_str(
                    &r.headers
                        .iter()
                        .map(|(k, v)| {
                            format!(
                                "{k}={}",
                                v.as_deref()
                                    .map(String::from_utf8_lossy)
                                    .unwrap_or_default()
                            )
                        })
                        .collect::<Vec<_>>()
                        .join(","),
                ),
            }
        }
        out
    }
}

fn opt_display(p: &Payload) -> String {
    match p {
        Payload::Null => String::new(),
        p => p.display(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(key: Option<&[u8]>, value: Option<&[u8]>) -> Record {
        Record {
            topic: "orders".into(),
            partition: 2,
            offset: 41,
            timestamp: Some(1_700_000_000_123),
            key: key.map(<[u8]>::to_vec),
            value: value.map(<[u8]>::to_vec),
            headers: vec![
                ("trace".into(), Some(b"abc".to_vec())),
                ("empty".into(), None),
            ],
        }
    }

    fn render(template: &str, r: &Record) -> String {
        Template::parse(template).render(&Decoded::new(r))
    }

    #[test]
    fn every_placeholder_is_filled_from_the_record() {
        let r = record(Some(b"k1"), Some(br#"{"a": 1}"#));
        assert_eq!(
            render("%t %p %o %k %v %T %h", &r),
            r#"orders 2 41 k1 {"a":1} 1700000000123 trace=abc,empty="#
        );
    }

    #[test]
    fn escapes_and_percent_signs() {
        let r = record(Some(b"k"), Some(b"v"));
        assert_eq!(render(r"%p/%o\t%k=%v\n", &r), "2/41\tk=v\n");
        assert_eq!(render("100%% %k", &r), "100% k");
        assert_eq!(render(r"a\\b", &r), r"a\b");
    }

    #[test]
    fn unknown_sequences_and_trailing_escapes_stay_literal() {
        let r = record(None, None);
        assert_eq!(render(r"%x %q \q", &r), r"%x %q \q");
        assert_eq!(render("end%", &r), "end%");
        assert_eq!(render(r"end\", &r), r"end\");
    }

    #[test]
    fn null_keys_and_values_are_empty_and_binary_is_base64() {
        assert_eq!(render("[%k][%v]", &record(None, None)), "[][]");
        let bin = record(Some(&[0xff, 0x00]), Some(b"plain text"));
        assert_eq!(render("%k|%v", &bin), "base64:/wA=|plain text");
    }

    #[test]
    fn a_template_without_placeholders_is_one_literal() {
        assert_eq!(
            Template::parse("just text"),
            Template(vec![Tok::Lit("just text".into())])
        );
        assert_eq!(Template::parse(""), Template(vec![]));
    }
}
