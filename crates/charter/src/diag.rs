//! Located errors.
//!
//! Validation works on typed values and reports a [`Problem`] at a [`FieldPath`] (`party[3].roles`),
//! independent of the file format. The TOML front end turns the path into a byte span by walking
//! the spanned document, so every error a person sees names `file:line:col`, the field, and a hint.
//! JSON front ends (the API, later) report the same path as a JSON path.

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use miette::{Diagnostic, LabeledSpan, NamedSource, SourceSpan};
use toml::de::{DeTable, DeValue};

/// One step of a path into a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathSeg {
    Key(String),
    Index(usize),
}

/// Where in a document a value sits, e.g. `party[3].groups[0]`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldPath(pub Vec<PathSeg>);

impl FieldPath {
    pub fn root() -> Self {
        Self(Vec::new())
    }

    /// This path extended by a key.
    pub fn key(&self, key: &str) -> Self {
        let mut segs = self.0.clone();
        segs.push(PathSeg::Key(key.to_owned()));
        Self(segs)
    }

    /// This path extended by an array index.
    pub fn index(&self, index: usize) -> Self {
        let mut segs = self.0.clone();
        segs.push(PathSeg::Index(index));
        Self(segs)
    }

    /// A path made of keys only.
    pub fn of(keys: &[&str]) -> Self {
        Self(keys.iter().map(|k| PathSeg::Key((*k).to_owned())).collect())
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return f.write_str("(document)");
        }
        for (i, seg) in self.0.iter().enumerate() {
            match seg {
                PathSeg::Key(k) if i == 0 => f.write_str(k)?,
                PathSeg::Key(k) => write!(f, ".{k}")?,
                PathSeg::Index(n) => write!(f, "[{n}]")?,
            }
        }
        Ok(())
    }
}

/// A format-independent validation error: what is wrong, where, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: FieldPath,
    pub message: String,
    pub help: Option<String>,
    /// A stable machine name for problems a program must tell apart (e.g.
    /// `classified_in_clear`); most problems have none.
    pub code: Option<&'static str>,
}

impl Problem {
    pub fn new(path: FieldPath, message: impl Into<String>) -> Self {
        Self {
            path,
            message: message.into(),
            help: None,
            code: None,
        }
    }

    /// Names the problem with a stable code.
    pub fn code(mut self, code: &'static str) -> Self {
        self.code = Some(code);
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)?;
        if let Some(help) = &self.help {
            write!(f, " (hint: {help})")?;
        }
        Ok(())
    }
}

/// A text being parsed, with the name it is reported under (usually its file path).
#[derive(Debug, Clone)]
pub struct Source {
    pub origin: String,
    pub text: Arc<str>,
}

impl Source {
    pub fn new(origin: impl Into<String>, text: impl Into<Arc<str>>) -> Self {
        Self {
            origin: origin.into(),
            text: text.into(),
        }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let before = self.text.get(..offset).unwrap_or("");
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let col = before.get(line_start..).map_or(0, |s| s.chars().count()) + 1;
        (line, col)
    }

    /// An error at a byte span of this text.
    pub fn error_at(
        &self,
        span: Option<Range<usize>>,
        path: Option<FieldPath>,
        message: impl Into<String>,
        help: Option<String>,
    ) -> SourceError {
        let (line, col) = span.as_ref().map_or((0, 0), |s| self.line_col(s.start));
        SourceError {
            origin: self.origin.clone(),
            line,
            col,
            path,
            message: message.into(),
            help,
            located: span.map(|s| {
                Box::new((
                    NamedSource::new(&self.origin, Arc::clone(&self.text)),
                    SourceSpan::from(s.start..s.end.max(s.start)),
                ))
            }),
        }
    }

    /// A validation problem located in this TOML text.
    pub fn toml_problem(&self, problem: Problem) -> SourceError {
        let span = locate_toml(&self.text, &problem.path);
        self.error_at(span, Some(problem.path), problem.message, problem.help)
    }

    /// A TOML syntax or schema error (as reported by the toml crate) located in this text.
    pub fn toml_error(&self, error: &toml::de::Error) -> SourceError {
        let message = error.message().trim().to_owned();
        let help = hint_for_serde_message(&message);
        self.error_at(error.span(), None, message, help)
    }
}

/// A hint for the common schema errors the toml/serde layer reports.
pub(crate) fn hint_for_serde_message(message: &str) -> Option<String> {
    if message.starts_with("unknown field") {
        Some("remove the key or fix its spelling".to_owned())
    } else if message.starts_with("missing field") {
        Some("add the key to this table".to_owned())
    } else if message.starts_with("invalid type") {
        Some("check the value's type: strings are quoted, lists use [ ]".to_owned())
    } else {
        None
    }
}

/// Finds the span of the value at `path` in a TOML text: the deepest part of the path that exists.
pub fn locate_toml(text: &str, path: &FieldPath) -> Option<Range<usize>> {
    let doc = DeTable::parse(text).ok()?;
    let mut span = doc.span();
    let mut table: Option<&DeTable<'_>> = Some(doc.get_ref());
    let mut value: Option<&DeValue<'_>> = None;
    for seg in &path.0 {
        let next = match (seg, table, value) {
            (PathSeg::Key(k), Some(t), _) => t.get(k.as_str()),
            (PathSeg::Key(k), None, Some(v)) => v.get(k.as_str()),
            (PathSeg::Index(i), _, Some(v)) => v.get(*i),
            _ => None,
        };
        let Some(next) = next else { break };
        span = next.span();
        table = None;
        value = Some(next.get_ref());
        if let Some(t) = next.get_ref().as_table() {
            table = Some(t);
        }
    }
    Some(span)
}

/// An error located in a source text, printable as `file:line:col: message` or, through miette,
/// with the offending line underlined.
#[derive(Debug, Clone, thiserror::Error)]
pub struct SourceError {
    pub origin: String,
    /// 1-based; 0 when the error has no position (for example an unreadable file).
    pub line: usize,
    pub col: usize,
    pub path: Option<FieldPath>,
    pub message: String,
    pub help: Option<String>,
    /// The source text and the span in it, for miette's underlined rendering (boxed: errors
    /// travel in `Result`s and should stay small).
    located: Option<Box<(NamedSource<Arc<str>>, SourceSpan)>>,
}

impl SourceError {
    /// An error about a whole file, with no position in it.
    pub fn whole_file(origin: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            origin: origin.into(),
            line: 0,
            col: 0,
            path: None,
            message: message.into(),
            help: None,
            located: None,
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

impl fmt::Display for SourceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 {
            write!(f, "{}:{}:{}: ", self.origin, self.line, self.col)?;
        } else {
            write!(f, "{}: ", self.origin)?;
        }
        if let Some(path) = &self.path {
            write!(f, "{path}: ")?;
        }
        f.write_str(&self.message)?;
        if let Some(help) = &self.help {
            write!(f, "\n  hint: {help}")?;
        }
        Ok(())
    }
}

impl Diagnostic for SourceError {
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display + 'a>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.located
            .as_ref()
            .map(|l| &l.0 as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let span = self.located.as_ref()?.1;
        let label = self.path.as_ref().map(ToString::to_string);
        Some(Box::new(std::iter::once(LabeledSpan::new_with_span(
            label, span,
        ))))
    }
}

/// All the errors found in one or more source texts.
#[derive(Debug, Clone, thiserror::Error)]
pub struct Diagnostics {
    pub errors: Vec<SourceError>,
}

impl Diagnostics {
    /// The errors sorted by file position (stable: errors at one place keep their order; errors
    /// about a whole file come first).
    pub fn by_position(mut errors: Vec<SourceError>) -> Self {
        errors.sort_by_key(|e| (e.line, e.col));
        Self { errors }
    }

    pub fn one(error: SourceError) -> Self {
        Self {
            errors: vec![error],
        }
    }
}

impl From<SourceError> for Diagnostics {
    fn from(error: SourceError) -> Self {
        Self::one(error)
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.errors.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_print_like_toml_keys() {
        let p = FieldPath::of(&["party"]).index(3).key("groups").index(0);
        assert_eq!(p.to_string(), "party[3].groups[0]");
    }

    #[test]
    fn locates_nested_values_and_counts_columns_in_characters() {
        let text = "[charter]\nid = \"x\"\n\n[[party]]\nid = \"A\"\n[[party]]\nid = \"Ü\"\nroles = [\"guarantor\", \"bogus\"]\n";
        let source = Source::new("t.toml", text);
        let path = FieldPath::of(&["party"]).index(1).key("roles").index(1);
        let span = locate_toml(text, &path).expect("found");
        assert_eq!(&text[span.clone()], "\"bogus\"");
        assert_eq!(source.line_col(span.start), (8, 23));
        let missing = FieldPath::of(&["party"]).index(1).key("population");
        let span = locate_toml(text, &missing).expect("parent found");
        assert_eq!(source.line_col(span.start).0, 6);
    }

    #[test]
    fn errors_print_file_line_col_and_hint() {
        let source = Source::new("c.toml", "a = 1\nb = 2\n");
        let e = source.error_at(Some(6..7), None, "bad b", Some("fix b".into()));
        assert_eq!(e.to_string(), "c.toml:2:1: bad b\n  hint: fix b");
    }
}
