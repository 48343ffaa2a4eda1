//! The languages snapback speaks, and the messages each crate words things with.
//!
//! Every crate that writes for people (the charter's rules in words and treaty text, the engine's
//! explanations, the dashboard) keeps its words in Project Fluent files, one per language
//! (`locales/en/NAME.ftl`, `locales/uk/NAME.ftl`), compiled into the binary through a
//! [`Catalog`]. Code asks a catalog for a message by id in a [`Lang`], with its arguments:
//!
//! ```
//! use snapback_i18n::{Catalog, Lang, LocaleFile};
//!
//! static WORDS: Catalog = Catalog::new(
//!     LocaleFile { path: "en/demo.ftl", source: "votes = { $count ->\n    [one] { $count } vote\n   *[other] { $count } votes\n}\n" },
//!     LocaleFile { path: "uk/demo.ftl", source: "votes = { $count ->\n    [one] { $count } голос\n    [few] { $count } голоси\n   *[many] { $count } голосів\n}\n" },
//! );
//! assert_eq!(WORDS.lang(Lang::En).msg_args("votes", &[("count", 2.into())]), "2 votes");
//! assert_eq!(WORDS.lang(Lang::Uk).msg_args("votes", &[("count", 5.into())]), "5 голосів");
//! ```
//!
//! Instants, numbers, amounts, ids and the charter's own names are arguments: they read the same
//! in every language. Formatting is deterministic (no clock, no locale of the machine), so the
//! engine can word its explanations with it. A message the chosen language lacks is taken from
//! English; one neither defines comes out as its id, which each crate's tests rule out with
//! [`check`].

use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use unic_langid::LanguageIdentifier;

pub use fluent_bundle::FluentValue;

pub mod check;

/// A language snapback speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Lang {
    #[default]
    En,
    Uk,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Uk];

    /// The language tag (BCP 47): `<html lang>`, `?lang=`, `--lang`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Uk => "uk",
        }
    }

    /// The language's name in itself, as a language switch shows it.
    pub fn endonym(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Uk => "Українська",
        }
    }

    /// The language of tag `code` (`en`, `uk`), if snapback speaks it.
    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "en" => Some(Lang::En),
            "uk" => Some(Lang::Uk),
            _ => None,
        }
    }

    fn index(self) -> usize {
        match self {
            Lang::En => 0,
            Lang::Uk => 1,
        }
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

impl std::str::FromStr for Lang {
    type Err = UnknownLang;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Lang::from_code(s).ok_or_else(|| UnknownLang(s.to_owned()))
    }
}

/// A language tag snapback does not speak.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a language snapback speaks: use `en` (English) or `uk` (Ukrainian)")]
pub struct UnknownLang(pub String);

/// One language's message file: where it lives in the repository (for error messages) and its
/// text (`include_str!`).
#[derive(Debug, Clone, Copy)]
pub struct LocaleFile {
    pub path: &'static str,
    pub source: &'static str,
}

/// The catalog of a crate's `locales/en/NAME.ftl` and `locales/uk/NAME.ftl`, compiled in:
/// `static WORDS: Catalog = snapback_i18n::catalog!("crates/charter", "describe");`. The first
/// argument is the crate's folder in the repository, for error messages.
#[macro_export]
macro_rules! catalog {
    ($crate_dir:literal, $name:literal) => {
        $crate::Catalog::new(
            $crate::LocaleFile {
                path: concat!($crate_dir, "/locales/en/", $name, ".ftl"),
                source: include_str!(concat!(
                    env!("CARGO_MANIFEST_DIR"),
                    "/locales/en/",
                    $name,
                    ".ftl"
                )),
            },
            $crate::LocaleFile {
                path: concat!($crate_dir, "/locales/uk/", $name, ".ftl"),
                source: include_str!(concat!(
                    env!("CARGO_MANIFEST_DIR"),
                    "/locales/uk/",
                    $name,
                    ".ftl"
                )),
            },
        )
    };
}

type Bundle = FluentBundle<FluentResource>;

/// Why a language's messages could not be loaded: a bug in its `.ftl` file, which
/// [`check::consistent`] reports in the owning crate's tests.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MessagesError {
    #[error("{path}:{line}:{column}: {problem} (fix the Fluent syntax there)")]
    Syntax {
        path: &'static str,
        line: usize,
        column: usize,
        problem: String,
    },
    #[error("{path}: {problem} (each message id may be defined once)")]
    Bundle { path: &'static str, problem: String },
    #[error("`{0}` is not a language identifier")]
    Tag(&'static str),
}

/// Line and column (from 1) of byte `offset` in `text`.
pub(crate) fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// A crate's messages in every language, loaded on first use. Build it in a `static` with
/// [`Catalog::new`].
pub struct Catalog {
    files: [LocaleFile; 2],
    bundles: OnceLock<[Option<Bundle>; 2]>,
}

impl std::fmt::Debug for Catalog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Catalog")
            .field("files", &self.files.map(|file| file.path))
            .finish_non_exhaustive()
    }
}

impl Catalog {
    /// The catalog of the English and Ukrainian files.
    pub const fn new(en: LocaleFile, uk: LocaleFile) -> Self {
        Self {
            files: [en, uk],
            bundles: OnceLock::new(),
        }
    }

    /// `lang`'s message file.
    pub fn file(&self, lang: Lang) -> LocaleFile {
        self.files[lang.index()]
    }

    /// `lang`'s messages, parsed afresh, or what is wrong with its file. Unicode isolation marks
    /// are off: numbers and names come out as they are, and no invisible marks end up in text
    /// that is copied, compared or signed.
    pub fn load(&self, lang: Lang) -> Result<Bundle, MessagesError> {
        let file = self.file(lang);
        let tag: LanguageIdentifier = lang
            .code()
            .parse()
            .map_err(|_| MessagesError::Tag(lang.code()))?;
        let resource = FluentResource::try_new(file.source.to_owned()).map_err(|(_, errors)| {
            let first = errors.first();
            let (line, column) = first.map_or((1, 1), |e| line_column(file.source, e.pos.start));
            MessagesError::Syntax {
                path: file.path,
                line,
                column,
                problem: first.map_or_else(String::new, |e| format!("{:?}", e.kind)),
            }
        })?;
        let mut bundle = FluentBundle::new_concurrent(vec![tag]);
        bundle.set_use_isolating(false);
        bundle
            .add_resource(resource)
            .map_err(|errors| MessagesError::Bundle {
                path: file.path,
                problem: format!("{errors:?}"),
            })?;
        Ok(bundle)
    }

    /// `lang`'s bundle, built once; `None` when its file does not load (the words then come from
    /// English, and the crate's [`check::consistent`] test fails).
    fn bundle(&self, lang: Lang) -> Option<&Bundle> {
        let bundles = self
            .bundles
            .get_or_init(|| Lang::ALL.map(|lang| self.load(lang).ok()));
        bundles.get(lang.index()).and_then(Option::as_ref)
    }

    /// The messages in `lang`.
    pub fn lang(&self, lang: Lang) -> Messages<'_> {
        Messages {
            catalog: self,
            lang,
        }
    }

    /// Whether `lang`'s file defines message `id`.
    pub fn has(&self, lang: Lang, id: &str) -> bool {
        self.bundle(lang).is_some_and(|b| b.has_message(id))
    }
}

/// A catalog's messages in one language: what code words its text with.
#[derive(Debug, Clone, Copy)]
pub struct Messages<'a> {
    catalog: &'a Catalog,
    lang: Lang,
}

impl<'a> Messages<'a> {
    pub fn lang(self) -> Lang {
        self.lang
    }

    /// The same catalog in another language.
    pub fn with_lang(self, lang: Lang) -> Self {
        Self { lang, ..self }
    }

    /// The message `id`.
    pub fn msg(self, id: &str) -> String {
        self.format(id, None)
    }

    /// The message `id` with its arguments (numbers select plural forms).
    pub fn msg_args<'v>(self, id: &str, args: &[(&'v str, FluentValue<'v>)]) -> String {
        self.format(id, Some(&to_args(args)))
    }

    /// The message `id` with arguments already in Fluent's form; the language's own, else
    /// English, else the id itself.
    pub fn format(self, id: &str, args: Option<&FluentArgs>) -> String {
        for lang in [self.lang, Lang::En] {
            let Some(bundle) = self.catalog.bundle(lang) else {
                continue;
            };
            let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
                continue;
            };
            // Resolver errors (an argument the message names but the code did not pass) leave
            // the placeable as `{$name}` in the text, which the crates' page tests look for.
            let mut errors = Vec::new();
            return bundle
                .format_pattern(pattern, args, &mut errors)
                .into_owned();
        }
        id.to_owned()
    }
}

/// A piece of a message formatted around markup: text, or the place of mark `i` (see
/// [`Messages::pieces`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Text(String),
    Mark(usize),
}

/// Stands in for mark `i` while Fluent formats the text around it: private-use characters no
/// message or value contains.
const MARK_OPEN: char = '\u{E000}';
const MARK_CLOSE: char = '\u{E001}';

impl Messages<'_> {
    /// The message `id` cut where it places the arguments named in `marks`: a writer of HTML
    /// puts its markup (a `<time>`, a link) at each [`Piece::Mark`] and escapes the text, so each
    /// language orders the sentence its own way and markup never passes through Fluent.
    pub fn pieces<'v>(
        self,
        id: &str,
        args: &[(&'v str, FluentValue<'v>)],
        marks: &[&'v str],
    ) -> Vec<Piece> {
        let mut fluent = to_args(args);
        for (i, name) in marks.iter().enumerate() {
            fluent.set(*name, format!("{MARK_OPEN}{i}{MARK_CLOSE}"));
        }
        pieces(&self.format(id, Some(&fluent)))
    }
}

/// `text` cut at the mark placeholders [`Messages::pieces`] put in it.
fn pieces(text: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find(MARK_OPEN) {
        let after = &rest[open + MARK_OPEN.len_utf8()..];
        let Some(close) = after.find(MARK_CLOSE) else {
            break;
        };
        let Ok(index) = after[..close].parse::<usize>() else {
            break;
        };
        if open > 0 {
            out.push(Piece::Text(rest[..open].to_owned()));
        }
        out.push(Piece::Mark(index));
        rest = &after[close + MARK_CLOSE.len_utf8()..];
    }
    if !rest.is_empty() {
        out.push(Piece::Text(rest.to_owned()));
    }
    out
}

/// `args` as Fluent arguments.
pub fn to_args<'v>(args: &[(&'v str, FluentValue<'v>)]) -> FluentArgs<'v> {
    let mut fluent = FluentArgs::new();
    for (name, value) in args {
        fluent.set(*name, value.clone());
    }
    fluent
}

#[cfg(test)]
mod tests {
    use super::*;

    static DEMO: Catalog = Catalog::new(
        LocaleFile {
            path: "en/demo.ftl",
            source: "hello = Hello, { $name }\nonly-english = Only here\n",
        },
        LocaleFile {
            path: "uk/demo.ftl",
            source: "hello = Привіт, { $name }\n",
        },
    );

    static BROKEN: Catalog = Catalog::new(
        LocaleFile {
            path: "en/broken.ftl",
            source: "ok = fine\n",
        },
        LocaleFile {
            path: "uk/broken.ftl",
            source: "ok = добре\nbad = { $ }\nlast = кінець\n",
        },
    );

    #[test]
    fn messages_fall_back_to_english_then_to_the_id() {
        let uk = DEMO.lang(Lang::Uk);
        assert_eq!(
            uk.msg_args("hello", &[("name", "Kyiv".into())]),
            "Привіт, Kyiv"
        );
        assert_eq!(uk.msg("only-english"), "Only here");
        assert_eq!(uk.msg("nowhere"), "nowhere");
        assert!(DEMO.has(Lang::En, "only-english"));
        assert!(!DEMO.has(Lang::Uk, "only-english"));
    }

    #[test]
    fn a_broken_file_is_located_and_english_is_used() {
        let Err(MessagesError::Syntax { path, line, .. }) = BROKEN.load(Lang::Uk) else {
            unreachable!("the Ukrainian file has a syntax error");
        };
        assert_eq!((path, line), ("uk/broken.ftl", 2));
        assert_eq!(BROKEN.lang(Lang::Uk).msg("ok"), "fine");
    }

    #[test]
    fn marks_keep_their_place_in_each_language() {
        let en = DEMO.lang(Lang::En).pieces("hello", &[], &["name"]);
        assert_eq!(en, vec![Piece::Text("Hello, ".into()), Piece::Mark(0)]);
        assert_eq!(
            pieces("a \u{E000}0\u{E001} b \u{E000}1\u{E001}"),
            vec![
                Piece::Text("a ".into()),
                Piece::Mark(0),
                Piece::Text(" b ".into()),
                Piece::Mark(1)
            ]
        );
    }

    #[test]
    fn language_tags_parse_and_name_the_fix() {
        assert_eq!("uk".parse::<Lang>(), Ok(Lang::Uk));
        let e = "de".parse::<Lang>().unwrap_err().to_string();
        assert!(e.contains("`en`") && e.contains("`uk`"), "{e}");
    }
}
