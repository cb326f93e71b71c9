//! The stream job reader (`stream/job/`, `stream/yaml.rs`): a job file of `stream plan`,
//! `run`, `eval` and `submit`. It must never panic, and every problem it reports must point
//! into the text it was given (`file:line:column`, 1-based, the column counted in
//! characters; one past the end of a line, or the line after the last, for "ends here").
#![no_main]

use libfuzzer_sys::fuzz_target;
use livedbctl_fuzz::stream::job::{parse, JobError};

/// The text's lines as YAML counts them: broken at `\n`, `\r\n` and a lone `\r`.
fn yaml_lines(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find(['\n', '\r']) {
        out.push(&rest[..i]);
        let skip = if rest[i..].starts_with("\r\n") { 2 } else { 1 };
        rest = &rest[i + skip..];
    }
    out.push(rest);
    out
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let origin = "fuzz.yaml";
    match parse(text, origin) {
        Ok(_) => {}
        Err(JobError::Read { .. }) => panic!("parse never reads a file"),
        Err(e @ JobError::Invalid { .. }) => {
            let JobError::Invalid { problems, .. } = &e else {
                unreachable!()
            };
            assert!(!problems.is_empty(), "a refusal names at least one problem");
            let lines = yaml_lines(text);
            for p in problems {
                assert!(
                    p.line >= 1 && p.line <= lines.len(),
                    "line {} of {} lines: {p:?}",
                    p.line,
                    lines.len()
                );
                let width = lines[p.line - 1].chars().count();
                assert!(
                    p.column >= 1 && p.column <= width + 1,
                    "column {} of a {width}-character line {}: {p:?}",
                    p.column,
                    p.line
                );
            }
            let shown = e.lines();
            assert_eq!(shown.len(), problems.len());
            for (s, p) in shown.iter().zip(problems) {
                let at = format!("{origin}:{}:{}: ", p.line, p.column);
                assert!(s.starts_with(&at), "{s:?} does not start with {at:?}");
            }
        }
    }
});
