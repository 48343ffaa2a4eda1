//! The dashboard in English and Ukrainian: the messages (Project Fluent, `locales/*/dashboard.ftl`,
//! compiled into the binary), which language a request gets, and the small API the templates call
//! (`t.msg("nav-overview")`, `t.msg_args("claim-title", &[("id", id.into())])`, and `t.rich` for a
//! sentence with markup in it).
//!
//! A request's language: `?lang=uk` or `?lang=en` wins (and its answer sets a `lang` cookie, so
//! later pages stay in it), then that cookie, then `Accept-Language` (`uk`, `uk-UA` → Ukrainian;
//! anything else → English). Instants, numbers, ids and the charter's names are arguments: they
//! read the same in both languages.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, Uri, header};
use maud::{Markup, html};
use snapback_i18n::FluentValue;
use snapback_i18n::{Catalog, Piece};
use unic_langid::LanguageIdentifier;

pub(crate) use snapback_i18n::Lang;

/// The dashboard's words in both languages, compiled into the binary.
pub(crate) static DASHBOARD: Catalog = snapback_i18n::catalog!("crates/server", "dashboard");

/// The `lang` cookie keeps a reader's choice for a year.
const UK_COOKIE: &str = "lang=uk; Path=/; SameSite=Lax; Max-Age=31536000";
const EN_COOKIE: &str = "lang=en; Path=/; SameSite=Lax; Max-Age=31536000";

// ---------------------------------------------------------------------------------------------
// What the templates call
// ---------------------------------------------------------------------------------------------

/// One language's messages, as the templates use them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Tr {
    lang: Lang,
}

impl Tr {
    pub(crate) const fn new(lang: Lang) -> Self {
        Self { lang }
    }

    pub(crate) fn lang(self) -> Lang {
        self.lang
    }

    /// The message `id` (its id itself if no language defines it, which a test rules out).
    pub(crate) fn msg(self, id: &str) -> String {
        DASHBOARD.lang(self.lang).msg(id)
    }

    /// The message `id` with its arguments (numbers select plural forms).
    pub(crate) fn msg_args<'a>(self, id: &str, args: &[(&'a str, FluentValue<'a>)]) -> String {
        DASHBOARD.lang(self.lang).msg_args(id, args)
    }

    /// A sentence with markup in it (a time, a link): `args` are text, `markup` is spliced in
    /// where the message places it, so each language orders the sentence its own way. The text
    /// around the markup is escaped like any other value.
    pub(crate) fn rich<'a>(
        self,
        id: &str,
        args: &[(&'a str, FluentValue<'a>)],
        markup: &[(&'a str, Markup)],
    ) -> Markup {
        let names: Vec<&str> = markup.iter().map(|(name, _)| *name).collect();
        let pieces = DASHBOARD.lang(self.lang).pieces(id, args, &names);
        html! {
            @for piece in pieces {
                @match piece {
                    Piece::Text(t) => { (t) }
                    Piece::Mark(i) => { @if let Some((_, m)) = markup.get(i) { (m) } }
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Choosing the language
// ---------------------------------------------------------------------------------------------

/// The language a request gets, and whether it chose it with `?lang=` (then its answer sets the
/// cookie).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Chosen {
    pub(crate) lang: Lang,
    switched: bool,
}

impl Chosen {
    pub(crate) fn of(uri: &Uri, headers: &HeaderMap) -> Self {
        if let Some(lang) = query_lang(uri) {
            return Self {
                lang,
                switched: true,
            };
        }
        let lang = cookie_lang(headers).unwrap_or_else(|| accepted_lang(headers));
        Self {
            lang,
            switched: false,
        }
    }

    pub(crate) fn tr(self) -> Tr {
        Tr::new(self.lang)
    }

    /// The answer varies by language; after a switch it remembers the choice.
    pub(crate) fn headers(self, headers: &mut HeaderMap) {
        headers.insert(
            header::VARY,
            HeaderValue::from_static("Accept-Language, Cookie"),
        );
        if self.switched {
            let cookie = match self.lang {
                Lang::En => EN_COOKIE,
                Lang::Uk => UK_COOKIE,
            };
            headers.insert(header::SET_COOKIE, HeaderValue::from_static(cookie));
        }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Chosen {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Chosen::of(&parts.uri, &parts.headers))
    }
}

fn query_lang(uri: &Uri) -> Option<Lang> {
    uri.query()?
        .split('&')
        .find_map(|pair| pair.strip_prefix("lang="))
        .and_then(Lang::from_code)
}

fn cookie_lang(headers: &HeaderMap) -> Option<Lang> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|pair| pair.trim().strip_prefix("lang="))
        .and_then(Lang::from_code)
}

/// The first language of `Accept-Language` (by quality, then order) the dashboard speaks;
/// English when it names none.
fn accepted_lang(headers: &HeaderMap) -> Lang {
    let Some(value) = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
    else {
        return Lang::En;
    };
    let mut ranges: Vec<(&str, f32)> = value
        .split(',')
        .filter_map(|range| {
            let mut parts = range.split(';');
            let tag = parts.next()?.trim();
            let quality = parts
                .find_map(|p| p.trim().strip_prefix("q="))
                .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())?;
            (quality > 0.0).then_some((tag, quality))
        })
        .collect();
    ranges.sort_by(|a, b| b.1.total_cmp(&a.1));
    ranges
        .into_iter()
        .filter_map(|(tag, _)| tag.parse::<LanguageIdentifier>().ok())
        .find_map(|id| Lang::from_code(id.language.as_str()))
        .unwrap_or(Lang::En)
}

#[cfg(test)]
mod unit {
    use super::*;

    fn accept(value: &str) -> Lang {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::ACCEPT_LANGUAGE,
            HeaderValue::from_str(value).unwrap_or(HeaderValue::from_static("")),
        );
        accepted_lang(&headers)
    }

    #[test]
    fn accept_language_is_negotiated_by_quality() {
        assert_eq!(accept("uk-UA,uk;q=0.9"), Lang::Uk);
        assert_eq!(accept("uk"), Lang::Uk);
        assert_eq!(accept("de-DE, en;q=0.5"), Lang::En);
        assert_eq!(accept("en;q=0.3, uk;q=0.8"), Lang::Uk);
        assert_eq!(accept("fr, de"), Lang::En);
        assert_eq!(accept("uk;q=0, en"), Lang::En);
        assert_eq!(accept("*"), Lang::En);
        assert_eq!(accept(""), Lang::En);
    }

    #[test]
    fn markup_arguments_keep_their_place_and_text_is_escaped() {
        let t = Tr::new(Lang::En);
        let out = t
            .rich(
                "claim-filed-by",
                &[
                    ("party", "<b>".into()),
                    ("category", "x".into()),
                    ("severity", 2.into()),
                ],
                &[("time", html! { time { "T" } })],
            )
            .into_string();
        assert_eq!(out, "Filed by &lt;b&gt; on <time>T</time> · x · severity 2");
    }
}
