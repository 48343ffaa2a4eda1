//! `snapback charter render`: the charter as the treaty text lawyers read, in Markdown or HTML.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::ValueEnum;
use jiff::Timestamp;
use snapback_charter::Lang;
use snapback_charter::treaty::{TreatyText, markdown};

use crate::failure::Failure;
use crate::input::load_history;

/// The writer `charter render` uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum Format {
    /// Markdown (CommonMark), an HTML anchor before each article.
    #[default]
    Md,
    /// A standalone HTML page with its own minimal stylesheet.
    Html,
}

/// Renders the files (the versions of one charter) as the text of the version in force at
/// `at` (the latest version without it), with every version and the changes between them,
/// worded in `lang`.
pub fn render(
    files: &[PathBuf],
    format: Format,
    at: Option<Timestamp>,
    lang: Lang,
    output: Option<&Path>,
) -> Result<ExitCode, Failure> {
    let history = load_history(files)?;
    let text = TreatyText::new(&history, at, lang);
    let rendered = match format {
        Format::Md => markdown::render(&text),
        Format::Html => snapback_server::charter_text::standalone_page(&text),
    };
    match output {
        Some(path) => {
            std::fs::write(path, rendered).with_context(|| format!("writing {}", path.display()))?
        }
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(rendered.as_bytes())
                .context("writing the text")?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
