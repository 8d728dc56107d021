//! Message catalogues (Fluent), one per language, compiled into the binary.
//! A missing key is never hidden behind another language: it shows as
//! `⟦key⟧`, which the tests look for on every page.

use adaldyq_domain::Locale;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::borrow::Cow;
use std::sync::LazyLock;

pub const SOURCES: [(&str, &str); 3] = [
    ("kk", include_str!("../locales/kk.ftl")),
    ("ru", include_str!("../locales/ru.ftl")),
    ("en", include_str!("../locales/en.ftl")),
];

/// Marks a key that a catalogue lacks.
pub const MISSING_OPEN: char = '⟦';

struct Catalogues {
    kk: FluentBundle<FluentResource>,
    ru: FluentBundle<FluentResource>,
    en: FluentBundle<FluentResource>,
}

static CATALOGUES: LazyLock<Catalogues> = LazyLock::new(|| Catalogues {
    kk: bundle("kk", SOURCES[0].1),
    ru: bundle("ru", SOURCES[1].1),
    en: bundle("en", SOURCES[2].1),
});

fn bundle(lang: &str, source: &str) -> FluentBundle<FluentResource> {
    let resource = FluentResource::try_new(source.to_owned())
        .unwrap_or_else(|(_, errors)| panic!("{lang}.ftl does not parse: {errors:?}"));
    let mut bundle = FluentBundle::new_concurrent(vec![lang.parse().expect("a language tag")]);
    // No Unicode isolation marks: the pages set `dir` and `lang` themselves.
    bundle.set_use_isolating(false);
    bundle.add_resource(resource).unwrap_or_else(|errors| panic!("{lang}.ftl: {errors:?}"));
    bundle
}

fn catalogue(locale: Locale) -> &'static FluentBundle<FluentResource> {
    match locale.catalogue() {
        "kk" => &CATALOGUES.kk,
        "ru" => &CATALOGUES.ru,
        _ => &CATALOGUES.en,
    }
}

/// The message `key` in `locale`, with arguments.
pub fn message(locale: Locale, key: &str, args: Option<&FluentArgs>) -> String {
    let bundle = catalogue(locale);
    let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
        tracing::warn!(key, lang = locale.catalogue(), "missing message");
        return format!("{MISSING_OPEN}{key}⟧");
    };
    let mut errors = Vec::new();
    let text: Cow<str> = bundle.format_pattern(pattern, args, &mut errors);
    if !errors.is_empty() {
        tracing::warn!(key, ?errors, "message formatting");
    }
    text.into_owned()
}

/// A translator bound to one language, as templates and handlers use it.
#[derive(Debug, Clone, Copy)]
pub struct Tr(pub Locale);

impl Tr {
    pub fn t(&self, key: &str) -> String {
        message(self.0, key, None)
    }

    /// A message with one numeric argument `count`, chosen by the
    /// language's CLDR plural rules (kk: one/other; ru: one/few/many/other).
    pub fn count(&self, key: &str, count: i64) -> String {
        let mut args = FluentArgs::new();
        args.set("count", FluentValue::from(count));
        message(self.0, key, Some(&args))
    }

    /// A message with named string arguments.
    pub fn with(&self, key: &str, named: &[(&str, String)]) -> String {
        let mut args = FluentArgs::new();
        for (k, v) in named {
            args.set(*k, FluentValue::from(v.clone()));
        }
        message(self.0, key, Some(&args))
    }
}

/// A message with named string arguments and a number `count`, which
/// plural variants select on.
pub fn with_count(locale: Locale, key: &str, count: i64, named: &[(&str, String)]) -> String {
    let mut args = FluentArgs::new();
    for (k, v) in named {
        args.set(*k, FluentValue::from(v.clone()));
    }
    args.set("count", FluentValue::from(count));
    message(locale, key, Some(&args))
}

/// The message keys of a catalogue, for the completeness test.
pub fn keys(source: &str) -> Vec<String> {
    let resource = FluentResource::try_new(source.to_owned()).unwrap_or_else(|(r, _)| r);
    resource
        .entries()
        .filter_map(|e| match e {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
            _ => None,
        })
        .collect()
}
