//! `snapback docs cli`: the command-line reference (`docs/cli.md`) written from the binary's own
//! clap commands, so the book cannot drift from `--help`. A test compares the checked-in page
//! with this output.
//!
//! Written here rather than with `clap-markdown`: that crate neither shows an option's
//! environment variable (twenty options here have one) nor escapes help text for Markdown, where
//! a `<...>` outside code would be read as an HTML tag.

use std::fmt::Write as _;
use std::process::ExitCode;

use clap::{Arg, ArgAction, Command, Subcommand};

/// Generated documentation (hidden: for the book's maintainers, not for users).
#[derive(Subcommand, Debug)]
pub enum DocsCommand {
    /// Print the command-line reference as Markdown (docs/cli.md).
    Cli,
}

pub fn run(command: &DocsCommand, cli: Command) -> ExitCode {
    match command {
        DocsCommand::Cli => print!("{}", reference(cli)),
    }
    ExitCode::SUCCESS
}

/// The Markdown reference of `cli` and every visible subcommand, depth first in declaration order.
pub fn reference(mut cli: Command) -> String {
    // Building fills in each subcommand's full name (`snapback log show`) for its usage line.
    cli.build();
    let mut out = String::new();
    out.push_str("# CLI reference\n\n");
    out.push_str(
        "<!-- Generated from the binary's clap commands by `snapback docs cli`; do not edit.\n     \
         Regenerate: SNAPBACK_BLESS=1 cargo test -p snapback --test cli docs -->\n\n",
    );
    if let Some(about) = cli.get_long_about().or(cli.get_about()) {
        let _ = writeln!(out, "{}\n", escape(&about.to_string()));
    }
    out.push_str(
        "Every command also takes `--help`. Exit codes: 0 success, 1 a rule or verification \
         failure, 2 bad input. The overview with links into the book is in \
         [Command line](command-line.md).\n\n",
    );
    for sub in visible(&cli) {
        contents(&mut out, sub, 0);
    }
    out.push('\n');
    for sub in visible(&cli) {
        section(&mut out, sub);
    }
    out
}

/// The subcommands a user can call, without the `help` subcommand clap adds to each group.
fn visible(command: &Command) -> impl Iterator<Item = &Command> {
    command
        .get_subcommands()
        .filter(|c| !c.is_hide_set() && c.get_name() != "help")
}

fn full_name(command: &Command) -> String {
    command
        .get_bin_name()
        .unwrap_or(command.get_name())
        .to_owned()
}

/// The anchor mdBook gives a heading made of the command's name in code.
fn anchor(command: &Command) -> String {
    full_name(command).replace(' ', "-").to_lowercase()
}

fn contents(out: &mut String, command: &Command, depth: usize) {
    let _ = writeln!(
        out,
        "{}- [`{}`](#{})",
        "  ".repeat(depth),
        full_name(command),
        anchor(command)
    );
    for sub in visible(command) {
        contents(out, sub, depth + 1);
    }
}

fn section(out: &mut String, command: &Command) {
    let _ = writeln!(out, "## `{}`\n", full_name(command));
    if let Some(about) = command.get_long_about().or(command.get_about()) {
        let _ = writeln!(out, "{}\n", escape(&about.to_string()));
    }
    let usage = command.clone().render_usage().to_string();
    let usage = usage.trim_start_matches("Usage:").trim();
    let _ = writeln!(out, "```text\n{usage}\n```\n");

    let subs: Vec<&Command> = visible(command).collect();
    if !subs.is_empty() {
        out.push_str("**Subcommands:**\n\n");
        for sub in subs {
            let about = sub.get_about().map(|a| a.to_string()).unwrap_or_default();
            let _ = writeln!(
                out,
                "- [`{}`](#{}): {}",
                sub.get_name(),
                anchor(sub),
                escape(&one_line(&about))
            );
        }
        out.push('\n');
    }
    let shown: Vec<&Arg> = command.get_arguments().filter(|a| documented(a)).collect();
    let (positionals, options): (Vec<&Arg>, Vec<&Arg>) =
        shown.into_iter().partition(|a| a.is_positional());
    arguments(out, "Arguments", &positionals);
    arguments(out, "Options", &options);
    for sub in visible(command) {
        section(out, sub);
    }
}

/// Everything but hidden arguments and clap's own `--help` and `--version`.
fn documented(arg: &Arg) -> bool {
    !arg.is_hide_set()
        && !matches!(
            arg.get_action(),
            ArgAction::Help | ArgAction::HelpShort | ArgAction::HelpLong | ArgAction::Version
        )
}

fn arguments(out: &mut String, title: &str, args: &[&Arg]) {
    if args.is_empty() {
        return;
    }
    let _ = writeln!(out, "**{title}:**\n");
    for arg in args {
        let _ = write!(out, "- `{}`", spelling(arg));
        if let Some(help) = arg.get_long_help().or(arg.get_help()) {
            let _ = write!(out, ": {}", escape(&one_line(&help.to_string())));
        }
        let mut notes = Vec::new();
        if arg.is_required_set() {
            notes.push("required".to_owned());
        }
        // A flag's implied `false` is no news; a value's default is.
        let takes_values = arg.get_action().takes_values();
        let defaults: Vec<String> = arg
            .get_default_values()
            .iter()
            .map(|v| format!("`{}`", v.to_string_lossy()))
            .collect();
        if takes_values && !defaults.is_empty() {
            notes.push(format!("default {}", defaults.join(", ")));
        }
        if takes_values {
            let values: Vec<String> = arg
                .get_possible_values()
                .iter()
                .filter(|v| !v.is_hide_set())
                .map(|v| format!("`{}`", v.get_name()))
                .collect();
            if !values.is_empty() {
                notes.push(format!("one of {}", values.join(", ")));
            }
        }
        if let Some(env) = arg.get_env() {
            notes.push(format!("environment `{}`", env.to_string_lossy()));
        }
        if !notes.is_empty() {
            let _ = write!(out, " ({})", notes.join("; "));
        }
        out.push('\n');
    }
    out.push('\n');
}

/// How the argument is written, as clap's own help writes it: `<SCENARIO>`, `--as-of <AS_OF>`,
/// `--json`, `--key <KEY>...` (without a value name, a positional shows its id as it is).
fn spelling(arg: &Arg) -> String {
    let value = match arg.get_value_names().and_then(|names| names.first()) {
        Some(name) => name.to_string(),
        None if arg.is_positional() => arg.get_id().to_string(),
        None => arg.get_id().as_str().to_uppercase(),
    };
    let repeated = matches!(arg.get_action(), ArgAction::Append);
    let dots = if repeated { "..." } else { "" };
    if arg.is_positional() {
        return format!("<{value}>{dots}");
    }
    let mut names = Vec::new();
    if let Some(short) = arg.get_short() {
        names.push(format!("-{short}"));
    }
    if let Some(long) = arg.get_long() {
        names.push(format!("--{long}"));
    }
    let names = names.join(", ");
    if arg.get_action().takes_values() {
        format!("{names} <{value}>{dots}")
    } else {
        names
    }
}

/// Help text as one paragraph: doc comments wrap lines at 100 columns.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Escapes what Markdown would otherwise read as HTML or emphasis, outside `code` spans.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_code = false;
    for ch in text.chars() {
        match ch {
            '`' => {
                in_code = !in_code;
                out.push(ch);
            }
            '<' if !in_code => out.push_str("&lt;"),
            '>' if !in_code => out.push_str("&gt;"),
            '*' | '_' | '[' | ']' if !in_code => {
                out.push('\\');
                out.push(ch);
            }
            _ => out.push(ch),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_outside_code_only() {
        assert_eq!(
            escape("a <tag> and `<kept>` and *x*"),
            "a &lt;tag&gt; and `<kept>` and \\*x\\*"
        );
    }

    #[test]
    fn documents_arguments_with_env_default_and_values() {
        let cli = Command::new("tool").subcommand(
            Command::new("run")
                .about("Run <it>.")
                .arg(Arg::new("file").required(true).help("The input."))
                .arg(
                    Arg::new("format")
                        .long("format")
                        .default_value("text")
                        .value_parser(["text", "json"])
                        .env("TOOL_FORMAT")
                        .help("How to print."),
                ),
        );
        let text = reference(cli);
        assert!(
            text.contains("## `tool run`\n\nRun &lt;it&gt;.\n"),
            "{text}"
        );
        assert!(text.contains("- [`tool run`](#tool-run)"), "{text}");
        assert!(text.contains("- `<file>`: The input. (required)"), "{text}");
        assert!(
            text.contains(
                "- `--format <FORMAT>`: How to print. (default `text`; one of `text`, `json`; \
                 environment `TOOL_FORMAT`)"
            ),
            "{text}"
        );
        assert!(!text.contains("- `-h, --help`"), "{text}");
    }
}
