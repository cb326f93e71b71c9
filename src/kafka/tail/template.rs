//! The line template language of `consume tail -f` (kcat's `-f`): `%t` topic,
//! `%p` partition, `%o` offset, `%k` key, `%v` value, `%T` timestamp (ms), `%h` headers
//! (`k=v,...`), `%%` a percent sign; `\n`, `\t` and `\\` are understood. Anything else
//! is printed as written.

use super::decode::{Payload, Record};

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

    /// Whether the template shows headers (`%h`).
    pub fn shows_headers(&self) -> bool {
        self.0.contains(&Tok::Headers)
    }

    #[cfg(test)]
    pub fn render(&self, r: &Record) -> String {
        let mut out = Vec::new();
        self.render_into(r, &mut out);
        String::from_utf8_lossy(&out).into_owned()
    }

    /// Append the line for `r` to `out`. Key and value are shown as [`Payload::display`]
    /// shows them, taken straight from the record's bytes where that is the same.
    pub fn render_into(&self, r: &Record, out: &mut Vec<u8>) {
        use std::io::Write as _;
        for t in &self.0 {
            // Writing into a Vec cannot fail.
            let _ = match t {
                Tok::Lit(s) => out.write_all(s.as_bytes()),
                Tok::Topic => out.write_all(r.topic.as_bytes()),
                Tok::Partition => out.write_all(itoa::Buffer::new().format(r.partition).as_bytes()),
                Tok::Offset => out.write_all(itoa::Buffer::new().format(r.offset).as_bytes()),
                Tok::Key => {
                    Payload::write_display_of(r.key.as_deref(), out);
                    Ok(())
                }
                Tok::Value => {
                    Payload::write_display_of(r.value.as_deref(), out);
                    Ok(())
                }
                Tok::Timestamp => match r.timestamp {
                    Some(t) => out.write_all(itoa::Buffer::new().format(t).as_bytes()),
                    None => Ok(()),
                },
                Tok::Headers => {
                    for (i, (k, v)) in r.headers.iter().enumerate() {
                        if i > 0 {
                            out.push(b',');
                        }
                        out.extend_from_slice(k.as_bytes());
                        out.push(b'=');
                        if let Some(v) = v {
                            out.extend_from_slice(String::from_utf8_lossy(v).as_bytes());
                        }
                    }
                    Ok(())
                }
            };
        }
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
        Template::parse(template).render(r)
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
    fn only_a_template_with_percent_h_asks_for_headers() {
        assert!(Template::parse("%k %h").shows_headers());
        assert!(!Template::parse("%k %v %%h \\h").shows_headers());
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
