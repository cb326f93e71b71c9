//! The documentation held against the parser. Every command line the docs show —
//! `livedbctl ...` in a code block or in inline code, and inline code that starts with a
//! noun (`consume tail --from @TIME`, the command tables) — must name subcommands that
//! exist and long and short flags that the subcommand or the global options accept; every
//! noun must have a page. A flag renamed or removed in the parser fails here, naming the
//! page and line that still shows it.

use std::collections::BTreeSet;
use std::path::PathBuf;

use clap::{Arg, Command, CommandFactory};

/// Nouns documented on a page not named `docs/<noun>.md`.
const PAGE_OF: &[(&str, &str)] = &[
    ("profile", "docs/profiles.md"),
    // One line: the command and its shells, beside the install instructions.
    ("completions", "README.md"),
    // Its section in the README: what it compares, the cut, exit codes, JSON.
    ("verify", "README.md"),
];

/// Besides `docs/*.md`: the pages a reader reaches first and the runbook.
const ALSO_CHECKED: &[&str] = &["README.md", "SOP.md"];

/// A command as a page shows it.
#[derive(Debug)]
struct Shown {
    /// The page, relative to the repository root.
    page: String,
    /// 1-based line where the command starts.
    line: usize,
    text: String,
    /// The words after `livedbctl` (or the inline code's words when it starts with a noun).
    words: Vec<String>,
}

impl Shown {
    fn at(&self) -> String {
        format!("{}:{}: `{}`", self.page, self.line, self.text)
    }
}

fn root() -> Command {
    let mut cmd = crate::cli::Cli::command();
    cmd.build();
    cmd
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `docs/*.md` and [`ALSO_CHECKED`], as (relative name, text).
fn pages() -> Vec<(String, String)> {
    let dir = repo().join("docs");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|entry| entry.expect("a docs/ entry").file_name())
        .map(|name| name.to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".md"))
        .map(|name| format!("docs/{name}"))
        .collect();
    names.sort();
    names.extend(ALSO_CHECKED.iter().map(|name| name.to_string()));
    names
        .into_iter()
        .map(|name| {
            let path = repo().join(&name);
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
            (name, text)
        })
        .collect()
}

/// Shell-like words: quotes group, an unquoted `#` starting a word begins a comment.
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut quote: Option<char> = None;
    for c in line.chars() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => word.push(c),
            None if c == '\'' || c == '"' => {
                quote = Some(c);
                in_word = true;
            }
            None if c.is_whitespace() => {
                if in_word {
                    out.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            None if c == '#' && !in_word => break,
            None => {
                word.push(c);
                in_word = true;
            }
        }
    }
    if in_word {
        out.push(word);
    }
    out
}

fn is_env_assignment(word: &str) -> bool {
    word.split_once('=').is_some_and(|(name, _)| {
        !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
    })
}

fn is_livedbctl(word: &str) -> bool {
    word == "livedbctl" || word.ends_with("/livedbctl")
}

/// Every command a page shows: lines of fenced blocks that run `livedbctl` (continued with
/// `\`), and inline code that starts with `livedbctl` or with one of `nouns`.
fn shown_commands(page: &str, text: &str, nouns: &BTreeSet<String>) -> Vec<Shown> {
    let lines: Vec<&str> = text.lines().collect();
    let mut found = Vec::new();
    let mut in_fence = false;
    let mut i = 0;
    while i < lines.len() {
        let start = i;
        let line = lines[i].trim_end_matches('\r');
        i += 1;
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            let mut logical = line.to_string();
            while logical.ends_with('\\') && i < lines.len() {
                logical.pop();
                logical.push(' ');
                logical.push_str(lines[i].trim_end_matches('\r'));
                i += 1;
            }
            let all = words(&logical);
            if let Some(pos) = all.iter().position(|w| is_livedbctl(w)) {
                found.push(Shown {
                    page: page.to_string(),
                    line: start + 1,
                    text: logical.split_whitespace().collect::<Vec<_>>().join(" "),
                    words: all[pos + 1..].to_vec(),
                });
            }
            continue;
        }
        // Inline code may run over a line break: join until the backticks pair up.
        let mut logical = line.to_string();
        while logical.matches('`').count() % 2 == 1 && i < lines.len() {
            let next = lines[i].trim_end_matches('\r');
            if next.trim_start().starts_with("```") {
                break;
            }
            logical.push(' ');
            logical.push_str(next);
            i += 1;
        }
        for (n, span) in logical.split('`').enumerate() {
            if n % 2 == 0 || span.trim().is_empty() {
                continue;
            }
            // A `|` inside a table cell is written `\|`.
            let span = span.replace("\\|", "|");
            let all = words(&span);
            let first = all
                .iter()
                .position(|w| !is_env_assignment(w))
                .unwrap_or(all.len());
            let rest = &all[first..];
            let words = match rest.first() {
                Some(w) if is_livedbctl(w) => rest[1..].to_vec(),
                Some(w) if nouns.contains(w.as_str()) && first == 0 => rest.to_vec(),
                _ => continue,
            };
            found.push(Shown {
                page: page.to_string(),
                line: start + 1,
                text: span.trim().to_string(),
                words,
            });
        }
    }
    found
}

/// A word that names a subcommand, as opposed to a placeholder (`NAME`, `<verb>`, `...`).
fn is_command_word(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

fn long_names(arg: &Arg) -> Vec<&str> {
    let mut names: Vec<&str> = arg.get_long().into_iter().collect();
    names.extend(arg.get_all_aliases().unwrap_or_default());
    names
}

fn find_long<'a>(cmd: &'a Command, globals: &'a Command, name: &str) -> Option<&'a Arg> {
    let global_args = globals.get_arguments().filter(|a| a.is_global_set());
    cmd.get_arguments()
        .chain(global_args)
        .find(|a| long_names(a).contains(&name))
}

fn find_short<'a>(cmd: &'a Command, globals: &'a Command, short: char) -> Option<&'a Arg> {
    let global_args = globals.get_arguments().filter(|a| a.is_global_set());
    cmd.get_arguments().chain(global_args).find(|a| {
        a.get_short() == Some(short)
            || a.get_all_short_aliases()
                .unwrap_or_default()
                .contains(&short)
    })
}

/// Whether the flag always takes the next word as its value.
fn takes_value(arg: &Arg) -> bool {
    arg.get_action().takes_values() && arg.get_num_args().is_none_or(|n| n.min_values() > 0)
}

fn path_of(path: &[&str]) -> String {
    std::iter::once("livedbctl")
        .chain(path.iter().copied())
        .collect::<Vec<_>>()
        .join(" ")
}

fn long_flags(cmd: &Command) -> String {
    let flags: Vec<String> = cmd
        .get_arguments()
        .filter_map(|a| a.get_long())
        .map(|l| format!("--{l}"))
        .collect();
    flags.join(", ")
}

fn subcommand<'a>(cmd: &'a Command, name: &str) -> Option<&'a Command> {
    cmd.get_subcommands()
        .find(|s| s.get_name() == name || s.get_all_aliases().any(|a| a == name))
}

/// The subcommand paths a command line reaches (several for `pause|resume` and
/// `list | status NAME`), or what in it the parser does not know.
fn resolve(root: &Command, words: &[String]) -> Result<Vec<Vec<String>>, String> {
    // The alternatives being read, each a path from the root; one while choosing nouns.
    let mut current: Vec<Vec<&str>> = vec![Vec::new()];
    let mut reached: Vec<Vec<String>> = Vec::new();
    let mut i = 0;
    let command = |path: &[&str]| command_at(root, path);
    while i < words.len() {
        let word = words[i]
            .trim_start_matches('[')
            .trim_end_matches(']')
            .trim_end_matches(',');
        i += 1;
        if matches!(word, "&&" | "||" | ";" | ">" | ">>" | "<" | "2>" | "2>&1") {
            break;
        }
        if word == "|" {
            // `a | b`: alternatives when b is a sibling verb, else a pipe into another program.
            let Some(next) = words.get(i) else { break };
            let path = &current[0];
            let parent = &path[..path.len().saturating_sub(1)];
            if path.is_empty() || subcommand(command(parent), next).is_none() {
                break;
            }
            finish(&current, &mut reached);
            let mut sibling = parent.to_vec();
            sibling.push(next.as_str());
            current = vec![sibling];
            i += 1;
            continue;
        }
        if word.is_empty() {
            continue;
        }
        if let Some(flag) = word.strip_prefix("--") {
            let name = flag.split('=').next().unwrap_or_default();
            if name.is_empty() {
                break;
            }
            let mut value_next = false;
            for path in &current {
                let cmd = command(path);
                match find_long(cmd, root, name) {
                    Some(arg) => value_next |= takes_value(arg) && !flag.contains('='),
                    None => {
                        return Err(format!(
                            "`--{name}` is not a flag of `{}` nor a global option (its flags: {})",
                            path_of(path),
                            long_flags(cmd)
                        ));
                    }
                }
            }
            if value_next && words.get(i).is_some_and(|w| !w.starts_with("--")) {
                i += 1;
            }
            continue;
        }
        if let Some(short) = word.strip_prefix('-') {
            let mut chars = short.chars();
            if let (Some(c), None) = (chars.next(), chars.next()) {
                if c.is_ascii_alphabetic() {
                    let mut value_next = false;
                    for path in &current {
                        match find_short(command(path), root, c) {
                            Some(arg) => value_next |= takes_value(arg),
                            None => {
                                return Err(format!(
                                    "`-{c}` is not a flag of `{}` nor a global option",
                                    path_of(path)
                                ));
                            }
                        }
                    }
                    if value_next && i < words.len() {
                        i += 1;
                    }
                    continue;
                }
            }
        }
        let at_leaf = current.iter().all(|p| !command(p).has_subcommands());
        if at_leaf {
            // A positional value; in `status NAME|stop NAME`, a sibling verb after a `|`.
            let path = current[0].clone();
            let parent = &path[..path.len().saturating_sub(1)];
            if !path.is_empty() {
                for alt in word.split('|').skip(1) {
                    if is_command_word(alt) && subcommand(command(parent), alt).is_some() {
                        let mut sibling = parent.to_vec();
                        sibling.push(alt);
                        current.push(sibling);
                    }
                }
            }
            continue;
        }
        // Choosing a noun or verb: `a|b` names alternatives, a placeholder ends the check.
        let alternatives: Vec<&str> = word.split('|').collect();
        if !alternatives.iter().all(|a| is_command_word(a)) {
            finish(&current, &mut reached);
            return Ok(reached);
        }
        let path = current[0].clone();
        let cmd = command(&path);
        let mut next = Vec::new();
        for alt in alternatives {
            let Some(sub) = subcommand(cmd, alt) else {
                let known: Vec<&str> = cmd.get_subcommands().map(|s| s.get_name()).collect();
                return Err(format!(
                    "`{}` has no subcommand `{alt}` (it has: {})",
                    path_of(&path),
                    known.join(", ")
                ));
            };
            let mut p = path.clone();
            p.push(sub.get_name());
            next.push(p);
        }
        current = next;
    }
    finish(&current, &mut reached);
    Ok(reached)
}

fn command_at<'a>(root: &'a Command, path: &[&str]) -> &'a Command {
    path.iter().fold(root, |cmd, name| {
        subcommand(cmd, name).expect("resolved before")
    })
}

fn finish(current: &[Vec<&str>], reached: &mut Vec<Vec<String>>) {
    reached.extend(
        current
            .iter()
            .map(|p| p.iter().map(|s| s.to_string()).collect()),
    );
}

fn nouns(root: &Command) -> BTreeSet<String> {
    root.get_subcommands()
        .map(|s| s.get_name().to_string())
        .filter(|n| n != "help")
        .collect()
}

/// Every command shown on every page, with the paths it reaches; panics listing the
/// commands the parser does not know.
fn checked_commands() -> Vec<(Shown, Vec<Vec<String>>)> {
    let root = root();
    let nouns = nouns(&root);
    let mut problems = Vec::new();
    let mut resolved = Vec::new();
    for (page, text) in pages() {
        for shown in shown_commands(&page, &text, &nouns) {
            match resolve(&root, &shown.words) {
                Ok(paths) => resolved.push((shown, paths)),
                Err(why) => problems.push(format!("{}: {why}", shown.at())),
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} documented command(s) disagree with the parser (fix the page, or the parser):\n{}",
        problems.len(),
        problems.join("\n")
    );
    resolved
}

#[test]
fn documented_commands_and_flags_exist() {
    let resolved = checked_commands();
    // A scanner that finds nothing would pass everything.
    assert!(
        resolved.len() > 100,
        "only {} command lines found in the docs",
        resolved.len()
    );
}

#[test]
fn every_noun_has_a_page() {
    let root = root();
    let resolved = checked_commands();
    for (noun, page) in PAGE_OF {
        assert!(
            nouns(&root).contains(*noun),
            "PAGE_OF names `{noun}`, which the parser no longer has"
        );
        assert!(
            repo().join(page).is_file(),
            "PAGE_OF: {page} does not exist"
        );
    }
    let mut missing = Vec::new();
    for noun in nouns(&root) {
        let page = PAGE_OF
            .iter()
            .find(|(n, _)| *n == noun)
            .map(|(_, p)| p.to_string())
            .unwrap_or_else(|| format!("docs/{noun}.md"));
        let shows_it = resolved.iter().any(|(shown, paths)| {
            shown.page == page && paths.iter().any(|p| p.first() == Some(&noun))
        });
        if !repo().join(&page).is_file() {
            missing.push(format!(
                "`livedbctl {noun}` has no page: write {page} (or list it in PAGE_OF)"
            ));
        } else if !shows_it {
            missing.push(format!("{page} shows no `livedbctl {noun} ...` command"));
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

#[test]
fn every_verb_is_shown_somewhere() {
    let root = root();
    let resolved = checked_commands();
    let shown: BTreeSet<Vec<String>> = resolved.into_iter().flat_map(|(_, paths)| paths).collect();
    fn walk(cmd: &Command, path: Vec<String>, leaves: &mut Vec<Vec<String>>) {
        if !cmd.has_subcommands() {
            leaves.push(path);
            return;
        }
        for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
            let mut p = path.clone();
            p.push(sub.get_name().to_string());
            walk(sub, p, leaves);
        }
    }
    let mut leaves = Vec::new();
    walk(&root, Vec::new(), &mut leaves);
    let undocumented: Vec<String> = leaves
        .iter()
        .filter(|leaf| !shown.contains(*leaf))
        .map(|leaf| {
            format!(
                "`{}`",
                path_of(&leaf.iter().map(String::as_str).collect::<Vec<_>>())
            )
        })
        .collect();
    assert!(
        undocumented.is_empty(),
        "no page shows these commands: {}",
        undocumented.join(", ")
    );
}

/// The check itself: a page that shows a flag or verb the parser lacks is reported by line.
#[test]
fn a_flag_or_verb_the_parser_lacks_is_reported() {
    let root = root();
    let page =
        "Intro\n\n```sh\nlivedbctl consume sink orders --table t \\\n    --no-such-flag 3\n```\n\
                Then `livedbctl topic frobnicate x` and `consume tail --from start --tabel`.\n";
    let shown = shown_commands("docs/x.md", page, &nouns(&root));
    let errors: Vec<String> = shown
        .iter()
        .filter_map(|s| {
            resolve(&root, &s.words)
                .err()
                .map(|e| format!("{}: {e}", s.at()))
        })
        .collect();
    assert_eq!(errors.len(), 3, "{errors:#?}");
    assert!(errors[0].starts_with("docs/x.md:4: ") && errors[0].contains("`--no-such-flag`"));
    assert!(
        errors[1].starts_with("docs/x.md:7: ") && errors[1].contains("no subcommand `frobnicate`")
    );
    assert!(errors[2].contains("`--tabel` is not a flag of `livedbctl consume tail`"));
}

#[test]
fn alternatives_pipes_and_values_are_read_as_meant() {
    let root = root();
    let paths = |line: &str| resolve(&root, &words(line)).expect(line);
    let flat = |v: Vec<Vec<String>>| v.into_iter().map(|p| p.join(" ")).collect::<Vec<_>>();
    assert_eq!(
        flat(paths(
            "connector list|status NAME|stop NAME|delete NAME --remote"
        )),
        [
            "connector list",
            "connector status",
            "connector stop",
            "connector delete"
        ]
    );
    assert_eq!(
        flat(paths(
            "stream list | status NAME | cancel NAME [--savepoint file:///s]"
        )),
        ["stream list", "stream status", "stream cancel"]
    );
    // A pipe into another program, a value that looks like a flag, a global before the noun.
    assert_eq!(
        flat(paths("consume tail t --from -10 | head")),
        ["consume tail"]
    );
    assert_eq!(flat(paths("-o json top")), ["top"]);
    assert_eq!(flat(paths("... | head")), [""]);
}
