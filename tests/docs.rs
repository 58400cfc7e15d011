//! The documentation checks that need no server:
//!
//! - every relative link and anchor in `README.md`, `docs/**/*.md`, the
//!   SDKs' `workers/*/README.md` and the generated reference under
//!   `gen/docs` resolves (no network: absolute
//!   URLs are not followed);
//! - the configuration reference in `docs/configuration.md` is exactly what
//!   the commented defaults (`config/default.toml`,
//!   `crates/tasker-worker-process/config/default.toml`) generate;
//! - the state machine diagrams in `docs/concepts.md` are exactly what
//!   `tasker-core`'s transition tables generate.
//!
//! `UPDATE_DOCS=1 cargo test -p tasker-e2e --test docs` rewrites the
//! generated sections in place.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use tasker_core::{STEP_TRANSITIONS, StepState, TASK_TRANSITIONS, TaskState};
use tasker_e2e::repo_root;

// ---------------------------------------------------------------- links

/// Markdown files whose links are checked.
fn documents() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries {
            let path = entry.expect("readable entry").path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "md") {
                out.push(path);
            }
        }
    }
    let root = repo_root();
    let mut out = vec![root.join("README.md")];
    walk(&root.join("docs"), &mut out);
    walk(&root.join("gen/docs"), &mut out);
    // The language SDKs' READMEs (not their dependencies' documents).
    if let Ok(sdks) = std::fs::read_dir(root.join("workers")) {
        for sdk in sdks {
            let readme = sdk.expect("readable entry").path().join("README.md");
            if readme.is_file() {
                out.push(readme);
            }
        }
    }
    out.sort();
    out
}

/// The lines of `markdown` outside fenced code blocks, with their numbers,
/// and inline code spans blanked.
fn prose_lines(markdown: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut fence: Option<&str> = None;
    for (index, line) in markdown.lines().enumerate() {
        let trimmed = line.trim_start();
        match fence {
            Some(marker) => {
                if trimmed.starts_with(marker) {
                    fence = None;
                }
                continue;
            }
            None => {
                if trimmed.starts_with("```") {
                    fence = Some("```");
                    continue;
                }
                if trimmed.starts_with("~~~") {
                    fence = Some("~~~");
                    continue;
                }
            }
        }
        // Indented code blocks (four spaces after a blank line) hold no links
        // either; none of ours has brackets, so they need no special case.
        let mut text = String::with_capacity(line.len());
        let mut in_code = false;
        for c in line.chars() {
            if c == '`' {
                in_code = !in_code;
                text.push(' ');
            } else if in_code {
                text.push(' ');
            } else {
                text.push(c);
            }
        }
        out.push((index + 1, text));
    }
    out
}

/// Inline link targets `[text](target)` of one line.
fn link_targets(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(start) = rest.find("](") {
        let after = &rest[start + 2..];
        let mut depth = 0usize;
        let mut end = None;
        for (i, c) in after.char_indices() {
            match c {
                '(' => depth += 1,
                ')' if depth == 0 => {
                    end = Some(i);
                    break;
                }
                ')' => depth -= 1,
                _ => {}
            }
        }
        let Some(end) = end else { break };
        let target = after[..end]
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .to_owned();
        out.push(target);
        rest = &after[end..];
    }
    out
}

/// GitHub's anchor of a heading's text: inline code and link syntax reduced
/// to their text, lowercase, every character but letters, digits, `-`, `_`
/// and spaces dropped, spaces turned into `-`.
fn slug(heading: &str) -> String {
    let mut text = String::new();
    let mut rest = heading;
    // [text](url) → text
    while let Some(open) = rest.find('[') {
        text.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match (after.find("]("), after.find(')')) {
            (Some(close), Some(paren)) if paren > close => {
                text.push_str(&after[..close]);
                rest = &after[paren + 1..];
            }
            _ => {
                text.push('[');
                rest = after;
            }
        }
    }
    text.push_str(rest);
    text.chars()
        .filter_map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                Some(c.to_lowercase().collect::<String>())
            } else if c == ' ' {
                Some("-".to_owned())
            } else {
                None
            }
        })
        .collect()
}

/// Every anchor of a Markdown file: its headings' slugs, numbered as GitHub
/// numbers repeats (`x`, `x-1`, `x-2`).
fn anchors(markdown: &str) -> Vec<String> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut out = Vec::new();
    let mut fence = false;
    for line in markdown.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") {
            fence = !fence;
            continue;
        }
        if fence {
            continue;
        }
        let hashes = line.chars().take_while(|&c| c == '#').count();
        if !(1..=6).contains(&hashes) || !line[hashes..].starts_with(' ') {
            continue;
        }
        let base = slug(line[hashes..].trim());
        let count = seen.entry(base.clone()).or_insert(0);
        out.push(if *count == 0 {
            base.clone()
        } else {
            format!("{base}-{count}")
        });
        *count += 1;
    }
    out
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(hex) = text.get(i + 1..i + 3)
            && let Ok(byte) = u8::from_str_radix(hex, 16)
        {
            out.push(byte);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// What is wrong with the links of `path` (empty when nothing).
fn broken_links(path: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(path).expect("readable document");
    let own_anchors = anchors(&text);
    let mut problems = Vec::new();
    for (number, line) in prose_lines(&text) {
        for target in link_targets(&line) {
            if target.is_empty()
                || target.contains("://")
                || target.starts_with("mailto:")
                || target.starts_with('<')
            {
                continue;
            }
            let (file, anchor) = match target.split_once('#') {
                Some((file, anchor)) => (file, Some(anchor)),
                None => (target.as_str(), None),
            };
            let resolved = if file.is_empty() {
                path.to_path_buf()
            } else {
                path.parent()
                    .expect("a file has a parent")
                    .join(percent_decode(file))
            };
            let here = format!("{}:{number}: {target}", path.display());
            if !resolved.exists() {
                problems.push(format!("{here}: {} does not exist", resolved.display()));
                continue;
            }
            let Some(anchor) = anchor else { continue };
            if resolved.extension().is_none_or(|e| e != "md") {
                problems.push(format!(
                    "{here}: an anchor into a file that is not Markdown"
                ));
                continue;
            }
            let anchors = if file.is_empty() {
                own_anchors.clone()
            } else {
                anchors(&std::fs::read_to_string(&resolved).expect("readable target"))
            };
            if !anchors.iter().any(|a| a == anchor) {
                problems.push(format!("{here}: no heading with anchor #{anchor}"));
            }
        }
    }
    problems
}

#[test]
fn every_relative_link_and_anchor_resolves() {
    let documents = documents();
    assert!(
        documents.len() >= 6,
        "the guides went missing: {documents:?}"
    );
    let problems: Vec<String> = documents.iter().flat_map(|d| broken_links(d)).collect();
    assert!(
        problems.is_empty(),
        "broken links:\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_link_checker_finds_what_is_broken() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("other.md"),
        "# Other page\n\n## A `code` title\n",
    )
    .unwrap();
    let page = dir.path().join("page.md");
    std::fs::write(
        &page,
        "# Page\n\n## Same\n\n## Same\n\n[ok](other.md) [ok](other.md#a-code-title) [ok](#same-1)\n\
         [bad](missing.md) [bad](other.md#nope) [bad](#same-2)\n`[not a link](missing.md)`\n\
         ```\n[not a link](missing.md)\n```\n[web](https://example.com/x#y)\n",
    )
    .unwrap();
    let problems = broken_links(&page);
    assert_eq!(problems.len(), 3, "{problems:#?}");
    assert!(problems[0].contains("missing.md does not exist"));
    assert!(problems[1].contains("#nope"));
    assert!(problems[2].contains("#same-2"));
    assert_eq!(slug("gRPC code ↔ HTTP status"), "grpc-code--http-status");
    assert_eq!(slug("Rust: the SDK"), "rust-the-sdk");
    assert_eq!(slug("[`tasker-worker`](x) config"), "tasker-worker-config");
}

// ---------------------------------------------------------------- generated sections

/// Replaces what lies between `<!-- name:start -->` and `<!-- name:end -->`
/// in `path` with `content` when `UPDATE_DOCS` is set; otherwise fails if it
/// differs.
fn check_section(path: &Path, name: &str, content: &str) {
    let text = std::fs::read_to_string(path).expect("readable document");
    let start_marker = format!("<!-- {name}:start -->\n");
    let end_marker = format!("<!-- {name}:end -->");
    let start = text
        .find(&start_marker)
        .unwrap_or_else(|| panic!("{}: no {start_marker:?}", path.display()))
        + start_marker.len();
    let end = text[start..]
        .find(&end_marker)
        .unwrap_or_else(|| panic!("{}: no {end_marker:?}", path.display()))
        + start;
    if text[start..end] == *content {
        return;
    }
    if std::env::var_os("UPDATE_DOCS").is_some() {
        let updated = format!("{}{content}{}", &text[..start], &text[end..]);
        std::fs::write(path, updated).expect("writable document");
        return;
    }
    panic!(
        "{}: the generated section {name} is stale; run \
         `UPDATE_DOCS=1 cargo test -p tasker-e2e --test docs`",
        path.display()
    );
}

/// One setting of a commented defaults file.
#[derive(Debug, PartialEq)]
struct Setting {
    key: String,
    default: String,
    meaning: String,
}

/// Reads a defaults file: each `key = value` with the comment lines right
/// above it; a commented-out `# key = value` closing a comment block is an
/// optional setting, unset by default.
fn settings(toml_text: &str) -> Vec<Setting> {
    let mut out = Vec::new();
    let mut section = String::new();
    let mut comments: Vec<String> = Vec::new();
    // A comment above several keys (no blank line between them) describes
    // each of them.
    let mut shared = String::new();
    let flush_optional = |comments: &mut Vec<String>, section: &str, out: &mut Vec<Setting>| {
        if let Some(last) = comments.last()
            && let Some((key, value)) = last.split_once(" = ")
            && !key.is_empty()
            && key.chars().all(|c| c.is_ascii_lowercase() || c == '_')
        {
            let key = key.to_owned();
            let value = value.to_owned();
            comments.pop();
            out.push(Setting {
                key: qualified(section, &key),
                default: "unset".to_owned(),
                meaning: format!("{} (for example `{value}`)", meaning(comments)),
            });
        }
        comments.clear();
    };
    for line in toml_text.lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            flush_optional(&mut comments, &section, &mut out);
            shared.clear();
        } else if let Some(comment) = trimmed.strip_prefix('#') {
            comments.push(comment.strip_prefix(' ').unwrap_or(comment).to_owned());
        } else if trimmed.starts_with('[') {
            // A comment right above a section header describes the keys of
            // the section that have none of their own.
            shared = meaning(&comments);
            comments.clear();
            section = trimmed.trim_matches(|c| c == '[' || c == ']').to_owned();
        } else if let Some((key, value)) = trimmed.split_once('=') {
            if !comments.is_empty() {
                shared = meaning(&comments);
            }
            out.push(Setting {
                key: qualified(&section, key.trim()),
                default: value.trim().to_owned(),
                meaning: shared.clone(),
            });
            comments.clear();
        }
    }
    flush_optional(&mut comments, &section, &mut out);
    out
}

fn qualified(section: &str, key: &str) -> String {
    if section.is_empty() {
        key.to_owned()
    } else {
        format!("{section}.{key}")
    }
}

/// Comment lines as one table cell: TOML-looking lines as code.
fn meaning(comments: &[String]) -> String {
    comments
        .iter()
        .map(|line| {
            let line = line.trim();
            let assignment = line.contains(" = ") && toml::from_str::<toml::Table>(line).is_ok();
            if line.starts_with('[') || assignment {
                format!("`{line}`")
            } else {
                line.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
        .replace('|', "\\|")
}

/// The environment variable of `key` under `prefix` (`TASKER_`).
fn variable(prefix: &str, key: &str) -> String {
    format!("{prefix}{}", key.replace('.', "__").to_ascii_uppercase())
}

fn settings_table(prefix: &str, toml_text: &str) -> String {
    let mut out =
        String::from("| setting | environment variable | default | meaning |\n|---|---|---|---|\n");
    for setting in settings(toml_text) {
        let default = if setting.default == "unset" {
            "unset".to_owned()
        } else {
            format!("`{}`", setting.default)
        };
        let _ = writeln!(
            out,
            "| `{}` | `{}` | {default} | {} |",
            setting.key,
            variable(prefix, &setting.key),
            setting.meaning
        );
    }
    out
}

#[test]
fn the_configuration_reference_matches_the_defaults() {
    let root = repo_root();
    let doc = root.join("docs/configuration.md");
    let server = std::fs::read_to_string(root.join("config/default.toml")).unwrap();
    check_section(&doc, "server-settings", &settings_table("TASKER_", &server));
    let worker =
        std::fs::read_to_string(root.join("crates/tasker-worker-process/config/default.toml"))
            .unwrap();
    check_section(
        &doc,
        "worker-settings",
        &settings_table("TASKER_WORKER_", &worker),
    );
}

#[test]
fn settings_are_read_with_their_comments() {
    let text = "# Header.\n\nenvironment = \"development\"\n\n[server]\n# Where.\n# Really, a = b.\nbind = \"x\"\nport = 1\n\n\
                [examples]\n# Run it.\n# embedded_worker = true\n\n[auth]\n# Keys:\n# [[auth.keys]]\n# kid = \"a\"\nkeys = []\n\n# The TLS files.\n[tls]\ncert = \"\"\n";
    let parsed = settings(text);
    assert_eq!(
        parsed,
        [
            Setting {
                key: "environment".into(),
                default: "\"development\"".into(),
                meaning: String::new()
            },
            Setting {
                key: "server.bind".into(),
                default: "\"x\"".into(),
                meaning: "Where. Really, a = b.".into()
            },
            Setting {
                key: "server.port".into(),
                default: "1".into(),
                meaning: "Where. Really, a = b.".into()
            },
            Setting {
                key: "examples.embedded_worker".into(),
                default: "unset".into(),
                meaning: "Run it. (for example `true`)".into()
            },
            Setting {
                key: "auth.keys".into(),
                default: "[]".into(),
                meaning: "Keys: `[[auth.keys]]` `kid = \"a\"`".into()
            },
            Setting {
                key: "tls.cert".into(),
                default: "\"\"".into(),
                meaning: "The TLS files.".into()
            },
        ]
    );
    assert_eq!(
        variable("TASKER_", "server.limits.max_connections"),
        "TASKER_SERVER__LIMITS__MAX_CONNECTIONS"
    );
    assert_eq!(variable("TASKER_", "environment"), "TASKER_ENVIRONMENT");
}

/// A Mermaid state diagram of a transition table: every `(from, event, to)`
/// row as an edge labelled with the event, edges between the same two
/// states merged into one label.
fn diagram<S: Copy + PartialEq, E: Copy>(
    rows: &[(S, E, S)],
    initial: S,
    terminal: &[S],
    state_name: impl Fn(S) -> &'static str,
    event_name: impl Fn(E) -> &'static str,
) -> String {
    let mut edges: BTreeMap<(usize, &'static str, &'static str), Vec<&'static str>> =
        BTreeMap::new();
    for (index, &(from, event, to)) in rows.iter().enumerate() {
        let key = (from, to);
        let first = rows
            .iter()
            .position(|&(f, _, t)| (f, t) == key)
            .unwrap_or(index);
        edges
            .entry((first, state_name(from), state_name(to)))
            .or_default()
            .push(event_name(event));
    }
    let mut out = String::from("```mermaid\nstateDiagram-v2\n");
    let _ = writeln!(out, "    [*] --> {}", state_name(initial));
    for ((_, from, to), events) in edges {
        let _ = writeln!(out, "    {from} --> {to}: {}", events.join(", "));
    }
    for &state in terminal {
        let _ = writeln!(out, "    {} --> [*]", state_name(state));
    }
    out.push_str("```\n");
    out
}

#[test]
fn the_state_diagrams_match_the_transition_tables() {
    let doc = repo_root().join("docs/concepts.md");
    let terminal: Vec<TaskState> = TaskState::ALL
        .iter()
        .copied()
        .filter(|s| s.is_terminal())
        .collect();
    check_section(
        &doc,
        "task-machine",
        &diagram(
            TASK_TRANSITIONS,
            TaskState::Pending,
            &terminal,
            TaskState::as_str,
            tasker_core::TaskEvent::as_str,
        ),
    );
    let terminal: Vec<StepState> = StepState::ALL
        .iter()
        .copied()
        .filter(|s| s.is_terminal())
        .collect();
    check_section(
        &doc,
        "step-machine",
        &diagram(
            STEP_TRANSITIONS,
            StepState::Pending,
            &terminal,
            StepState::as_str,
            tasker_core::StepEvent::as_str,
        ),
    );
}

// ---------------------------------------------------------------- Rust client

/// The code of `crates/tasker-client/examples/create_and_watch.rs` after
/// its `//!` header: the program the README shows.
fn example_program(source: &str) -> String {
    source
        .lines()
        .skip_while(|line| line.starts_with("//!") || line.is_empty())
        .map(|line| format!("{line}\n"))
        .collect()
}

/// The ```` ```rust ```` blocks of `markdown`.
fn rust_blocks(markdown: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in markdown.lines() {
        match &mut current {
            None if line.trim_end() == "```rust" => current = Some(String::new()),
            Some(_) if line.trim_end() == "```" => blocks.extend(current.take()),
            Some(text) => {
                text.push_str(line);
                text.push('\n');
            }
            None => {}
        }
    }
    blocks
}

/// The README's Rust client example is a complete program that CI compiles:
/// exactly the client crate's `create_and_watch` example.
#[test]
fn the_readme_rust_example_is_the_compiled_example() {
    let root = repo_root();
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let example =
        std::fs::read_to_string(root.join("crates/tasker-client/examples/create_and_watch.rs"))
            .unwrap();
    let program = example_program(&example);
    assert!(program.contains("async fn main()"), "{program}");
    let blocks = rust_blocks(&readme);
    assert!(
        blocks.contains(&program),
        "README.md's ```rust block is not crates/tasker-client/examples/create_and_watch.rs \
         (after its //! header):\n{program}"
    );
}
