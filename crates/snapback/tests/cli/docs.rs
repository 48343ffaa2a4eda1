//! The documentation book (`docs/`, built with mdBook) checked against the binary:
//!
//! * every shell command in a `console` block runs: lines `$ cargo run --release -- ARGS` and
//!   `$ snapback ARGS` run the built `snapback` with ARGS and must exit 0, or the status the
//!   block declares (```` ```console,exit=2 ````); a block marked ```` ```console,no-run ````
//!   (a server, a benchmark, a synopsis with placeholders) is counted, not run. The blocks of one
//!   page run in order, in one temporary copy of the repository's inputs (`charters/`,
//!   `scenarios/`, `sims/`, and `../shared` when it exists), and a path under `/tmp/` is
//!   redirected into that copy's own `tmp/`, so a page may `init` a directory and use it later;
//! * every relative link, and every `#anchor`, of the book and the README resolves;
//! * `docs/cli.md` is what `snapback docs cli` writes (`SNAPBACK_BLESS=1` rewrites it).
//!
//! The convention is documented in `docs/contributing.md`.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::{root, snapback, stderr, stdout};

/// What a block expects of its commands.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Expect {
    Exit(i32),
    NoRun,
}

#[derive(Debug)]
struct Block {
    /// 1-based line of the opening fence.
    line: usize,
    expect: Expect,
    /// (1-based line, the command after `$ `).
    commands: Vec<(usize, String)>,
}

/// The `console` blocks of a page. A shell block spelt otherwise (`sh`, `bash`, `shell`) or an
/// unknown option is an error naming its line, so no command escapes the convention.
fn console_blocks(page: &str, text: &str) -> Result<Vec<Block>, String> {
    let mut blocks = Vec::new();
    let mut open: Option<Block> = None;
    let mut fenced = false;
    for (i, line) in text.lines().enumerate() {
        let n = i + 1;
        let Some(info) = line.strip_prefix("```") else {
            if let (Some(block), Some(command)) = (open.as_mut(), line.strip_prefix("$ ")) {
                block.commands.push((n, command.trim().to_owned()));
            }
            continue;
        };
        if fenced {
            fenced = false;
            if let Some(block) = open.take() {
                blocks.push(block);
            }
            continue;
        }
        fenced = true;
        let mut parts = info.split(',').map(str::trim);
        let lang = parts.next().unwrap_or_default();
        match lang {
            "sh" | "bash" | "shell" | "zsh" => {
                return Err(format!(
                    "{page}:{n}: a `{lang}` block: write shell commands in a ```console block \
                     with `$ ` prompts (add `,no-run` if they cannot run in a test; see \
                     docs/contributing.md)"
                ));
            }
            "console" => {}
            _ => continue,
        }
        let mut expect = Expect::Exit(0);
        for option in parts {
            expect = match option {
                "no-run" => Expect::NoRun,
                _ => match option.strip_prefix("exit=").map(str::parse::<i32>) {
                    Some(Ok(code)) => Expect::Exit(code),
                    _ => {
                        return Err(format!(
                            "{page}:{n}: unknown console block option `{option}` (known: \
                             `no-run`, `exit=N`)"
                        ));
                    }
                },
            };
        }
        open = Some(Block {
            line: n,
            expect,
            commands: Vec::new(),
        });
    }
    if fenced {
        return Err(format!("{page}: a code block is never closed"));
    }
    Ok(blocks)
}

/// Splits a command line as a POSIX shell would for the simple commands the book writes: words
/// separated by white space, '...' and "..." quoting, and a `#` starting a word begins a comment.
fn words(command: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut word: Option<String> = None;
    let mut chars = command.chars();
    while let Some(ch) = chars.next() {
        match ch {
            c if c.is_whitespace() => {
                if let Some(w) = word.take() {
                    out.push(w);
                }
            }
            '#' if word.is_none() => break,
            '\'' | '"' => {
                let w = word.get_or_insert_with(String::new);
                loop {
                    match chars.next() {
                        Some(c) if c == ch => break,
                        Some(c) => w.push(c),
                        None => return Err(format!("unclosed {ch} in `{command}`")),
                    }
                }
            }
            '|' | '>' | '<' | ';' | '&' | '$' | '`' | '\\' => {
                return Err(format!(
                    "`{ch}` in `{command}`: the runner runs one snapback command per line, \
                     without a shell; mark the block `no-run` if it needs one"
                ));
            }
            c => word.get_or_insert_with(String::new).push(c),
        }
    }
    out.extend(word);
    Ok(out)
}

/// The arguments to run `snapback` with, from a command line of the book.
fn snapback_args(command: &str) -> Result<Vec<String>, String> {
    let words = words(command)?;
    match words
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["cargo", "run", "--release", "--", ..] => Ok(words[4..].to_vec()),
        ["cargo", "run", ..] => Err(format!(
            "`{command}`: write `cargo run --release -- ...` (one build for every example)"
        )),
        ["snapback", ..] => Ok(words[1..].to_vec()),
        _ => Err(format!(
            "`{command}` is not a snapback command: the runner runs only `cargo run --release -- \
             ...` and `snapback ...`; mark the block `no-run`"
        )),
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create copy");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("dir entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

/// A fresh working copy for one page: `<dir>/repo` holds the inputs, `<dir>/tmp` stands for
/// `/tmp`, and `<dir>/shared` points at the repository's `../shared` when there is one.
fn workspace(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("docs-commands")
        .join(name);
    if dir.exists() {
        std::fs::remove_dir_all(&dir).expect("clear the old copy");
    }
    for input in ["charters", "scenarios", "sims"] {
        copy_dir(&root().join(input), &dir.join("repo").join(input));
    }
    std::fs::create_dir_all(dir.join("tmp")).expect("tmp");
    let shared = root().join("../shared");
    if shared.exists() {
        #[cfg(unix)]
        std::os::unix::fs::symlink(shared.canonicalize().expect("shared"), dir.join("shared"))
            .expect("link shared");
    }
    dir
}

/// What running one page's blocks came to.
#[derive(Debug, Default)]
struct Outcome {
    ran: usize,
    not_run: usize,
    failures: Vec<String>,
}

/// Runs the `console` blocks of `text` (named `page` in messages) in order in one working copy.
fn run_page(page: &str, text: &str, workdir: &Path) -> Outcome {
    let mut outcome = Outcome::default();
    let blocks = match console_blocks(page, text) {
        Ok(blocks) => blocks,
        Err(problem) => {
            outcome.failures.push(problem);
            return outcome;
        }
    };
    let tmp = workdir.join("tmp");
    for block in blocks {
        let Expect::Exit(expected) = block.expect else {
            outcome.not_run += block.commands.len();
            continue;
        };
        if block.commands.is_empty() {
            outcome.failures.push(format!(
                "{page}:{}: a console block without a `$ ` command",
                block.line
            ));
        }
        for (line, command) in &block.commands {
            let args = match snapback_args(command) {
                Ok(args) => args,
                Err(problem) => {
                    outcome.failures.push(format!("{page}:{line}: {problem}"));
                    continue;
                }
            };
            let args: Vec<String> = args
                .into_iter()
                .map(|a| match a.strip_prefix("/tmp/") {
                    Some(rest) => tmp.join(rest).to_string_lossy().into_owned(),
                    None => a,
                })
                .collect();
            let out = Command::new(env!("CARGO_BIN_EXE_snapback"))
                .args(&args)
                .current_dir(workdir.join("repo"))
                .stdin(Stdio::null())
                .output()
                .expect("the snapback binary runs");
            outcome.ran += 1;
            let code = out.status.code().unwrap_or(-1);
            if code != expected {
                let err = stderr(&out);
                let err: Vec<&str> = err.lines().take(6).collect();
                outcome.failures.push(format!(
                    "{page}:{line}: `{command}` exited {code}, the block expects {expected}:\n    {}",
                    err.join("\n    ")
                ));
            }
        }
    }
    outcome
}

/// The book's pages: every Markdown file in `docs/`.
fn pages() -> Vec<PathBuf> {
    let mut pages: Vec<PathBuf> = std::fs::read_dir(root().join("docs"))
        .expect("docs directory")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    pages.sort();
    pages
}

fn page_name(path: &Path) -> String {
    path.strip_prefix(root())
        .unwrap_or(path)
        .to_string_lossy()
        .into_owned()
}

#[test]
fn docs_commands_run_as_written() {
    let mut total = Outcome::default();
    for path in pages() {
        let text = std::fs::read_to_string(&path).expect("read page");
        let name = page_name(&path);
        let stem = path.file_stem().expect("a file name").to_string_lossy();
        let outcome = run_page(&name, &text, &workspace(&stem));
        total.ran += outcome.ran;
        total.not_run += outcome.not_run;
        total.failures.extend(outcome.failures);
    }
    println!(
        "docs: {} commands ran, {} marked no-run",
        total.ran, total.not_run
    );
    assert!(
        total.failures.is_empty(),
        "{} documented command(s) failed ({} ran, {} marked no-run):\n{}",
        total.failures.len(),
        total.ran,
        total.not_run,
        total.failures.join("\n")
    );
    assert!(total.ran >= 20, "only {} commands ran", total.ran);
}

/// The ids mdBook gives a page's headings (its `id_from_content`, numbered when repeated).
fn heading_ids(text: &str) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    let mut fenced = false;
    for line in text.lines() {
        if line.starts_with("```") {
            fenced = !fenced;
            continue;
        }
        let Some(heading) = line.strip_prefix('#') else {
            continue;
        };
        if fenced {
            continue;
        }
        let heading = heading.trim_start_matches('#');
        if !heading.starts_with(' ') {
            continue;
        }
        let visible = link_texts(heading);
        let id: String = visible
            .trim()
            .to_lowercase()
            .chars()
            .filter_map(|c| match c {
                c if c.is_alphanumeric() || c == '_' || c == '-' => Some(c),
                c if c.is_whitespace() => Some('-'),
                _ => None,
            })
            .collect();
        let mut unique = id.clone();
        let mut n = 1;
        while ids.contains(&unique) {
            unique = format!("{id}-{n}");
            n += 1;
        }
        ids.push(unique);
    }
    ids
}

/// `[text](target)` replaced by `text`, as a heading shows it.
fn link_texts(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("](") {
        let Some(end) = rest[start..].find(')') else {
            break;
        };
        out.push_str(&rest[..start].replacen('[', "", 1));
        rest = &rest[start + end + 1..];
    }
    out.push_str(rest);
    out
}

/// The link targets of a page outside code (`[text](target)`), with their lines.
fn links(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut fenced = false;
    for (i, line) in text.lines().enumerate() {
        if line.starts_with("```") {
            fenced = !fenced;
            continue;
        }
        if fenced {
            continue;
        }
        // Inline code may hold `](` too; drop it first.
        let prose: String = line.split('`').step_by(2).collect::<Vec<_>>().join(" ");
        let mut rest = prose.as_str();
        while let Some(start) = rest.find("](") {
            let after = &rest[start + 2..];
            let Some(end) = after.find(')') else {
                break;
            };
            out.push((i + 1, after[..end].to_owned()));
            rest = &after[end..];
        }
    }
    out
}

/// Problems with the relative links of the page at `path`.
fn broken_links(path: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(path).expect("read page");
    let name = page_name(path);
    let dir = path.parent().expect("a page's directory");
    let mut problems = Vec::new();
    for (line, target) in links(&text) {
        if target.contains("://") || target.starts_with("mailto:") {
            continue;
        }
        let (file, anchor) = match target.split_once('#') {
            Some((file, anchor)) => (file, Some(anchor)),
            None => (target.as_str(), None),
        };
        let linked = if file.is_empty() {
            path.to_path_buf()
        } else {
            dir.join(file)
        };
        if !linked.exists() {
            problems.push(format!("{name}:{line}: `{target}`: no file {file}"));
            continue;
        }
        if let Some(anchor) = anchor.filter(|_| linked.extension().is_some_and(|e| e == "md")) {
            let linked_text = std::fs::read_to_string(&linked).expect("read linked page");
            if !heading_ids(&linked_text).iter().any(|id| id == anchor) {
                problems.push(format!(
                    "{name}:{line}: `{target}`: no heading with the anchor #{anchor}"
                ));
            }
        }
    }
    problems
}

#[test]
fn docs_links_resolve() {
    let mut problems = Vec::new();
    let mut checked = pages();
    checked.push(root().join("README.md"));
    for path in &checked {
        problems.extend(broken_links(path));
    }
    // Every page is in the book: a page missing from SUMMARY.md would not be built.
    let summary = std::fs::read_to_string(root().join("docs/SUMMARY.md")).expect("SUMMARY.md");
    let listed: Vec<String> = links(&summary).into_iter().map(|(_, t)| t).collect();
    for path in pages() {
        let file = path
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        if file != "SUMMARY.md" && !listed.contains(&file) {
            problems.push(format!("docs/SUMMARY.md: the page {file} is not listed"));
        }
    }
    assert!(
        problems.is_empty(),
        "{} broken link(s):\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn docs_cli_reference_is_generated_from_the_binary() {
    let out = snapback(&["docs", "cli"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let generated = stdout(&out);
    let path = root().join("docs/cli.md");
    if std::env::var_os("SNAPBACK_BLESS").is_some() {
        std::fs::write(&path, &generated).expect("write docs/cli.md");
        return;
    }
    let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        checked_in == generated,
        "docs/cli.md differs from the binary's commands; regenerate it with\n    \
         SNAPBACK_BLESS=1 cargo test -p snapback --test cli docs\nand review the diff"
    );
}

// The runner itself, on small pages.

fn run_small(name: &str, page: &str) -> Outcome {
    run_page(name, page, &workspace(name))
}

#[test]
fn docs_runner_fails_on_a_typo_in_a_command() {
    let page = "```console\n$ cargo run --release -- replya scenarios/demo.toml\n```\n";
    let outcome = run_small("typo", page);
    assert_eq!(outcome.ran, 1);
    assert_eq!(outcome.failures.len(), 1, "{:?}", outcome.failures);
    assert!(
        outcome.failures[0].starts_with("typo:2: `cargo run --release -- replya"),
        "{}",
        outcome.failures[0]
    );
}

#[test]
fn docs_runner_runs_blocks_in_order_and_honours_exit_and_no_run() {
    let page = "text\n\n```console\n$ snapback init /tmp/sb --demo-keys   # a comment\n\
                $ cargo run --release -- charter check \"charters/ukraine.toml\"\nprinted output\n```\n\n\
                ```console,exit=2\n$ snapback replay no-such-file.toml\n```\n\n\
                ```console,no-run\n$ cargo run --release -- serve --demo\n$ mdbook build docs\n```\n\n\
                ```console\n$ snapback log vkey --data /tmp/sb\n```\n";
    let outcome = run_small("in-order", page);
    assert!(outcome.failures.is_empty(), "{:?}", outcome.failures);
    assert_eq!((outcome.ran, outcome.not_run), (4, 2));
}

#[test]
fn docs_runner_refuses_what_it_cannot_run_unmarked() {
    let cases = [
        ("```sh\n$ snapback demo\n```\n", "a `sh` block"),
        (
            "```console\n$ cargo run -- demo\n```\n",
            "cargo run --release",
        ),
        (
            "```console\n$ mdbook build docs\n```\n",
            "not a snapback command",
        ),
        (
            "```console\n$ snapback demo | head\n```\n",
            "without a shell",
        ),
        (
            "```console,exit=x\n$ snapback demo\n```\n",
            "unknown console block option",
        ),
        (
            "```console,exit=1\n$ snapback demo\n```\n",
            "exited 0, the block expects 1",
        ),
    ];
    for (page, problem) in cases {
        let outcome = run_small("refused", page);
        assert!(
            outcome.failures.iter().any(|f| f.contains(problem)),
            "{page:?}: expected a failure containing {problem:?}, got {:?}",
            outcome.failures
        );
    }
}

#[test]
fn docs_link_check_names_missing_pages_and_anchors() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("docs-links");
    std::fs::create_dir_all(&dir).expect("dir");
    std::fs::write(
        dir.join("b.md"),
        "# B\n\n## A `code` heading, with [a link](a.md)\n\n## Twice\n\n## Twice\n",
    )
    .expect("write b");
    let a = dir.join("a.md");
    std::fs::write(
        &a,
        "[ok](b.md) [ok](b.md#a-code-heading-with-a-link) [ok](b.md#twice-1) [ok](#top)\n\
         [gone](c.md) [bad anchor](b.md#nowhere) `[in code](c.md)`\n\n# Top\n",
    )
    .expect("write a");
    let problems = broken_links(&a);
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(problems[0].contains("no file c.md"), "{problems:?}");
    assert!(problems[1].contains("#nowhere"), "{problems:?}");
}
