//! The languages people read metodika in: English and Russian. Messages are Fluent
//! catalogues (`locales/en/metodika.ftl`, `locales/ru/metodika.ftl`) compiled into the
//! binary by fluent-templates; plural forms follow each language's rules (1 место,
//! 2 места, 5 мест; 1 place, 2 places). The language is chosen once, by the command line:
//! `--lang ru|en`, else `METODIKA_LANG`, else `LC_ALL`, `LC_MESSAGES` or `LANG` (a
//! locale `ru_*` gives Russian), else English. Codes (`E102`, `D006`) and the names of
//! CSV and JSON columns are the same in both.
//!
//! A message is looked up by its id with [`t`]; a count with its noun by [`count`].

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader};
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU8, Ordering};

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./src/i18n/locales",
        fallback_language: "en",
        // no Unicode isolation marks around what is put in: terminals show them
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// A language of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// English (the default).
    En,
    /// Russian.
    Ru,
}

impl Lang {
    /// `en` or `ru`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ru => "ru",
        }
    }

    /// The language a `--lang` value or a locale names: `ru`, `ru_RU.UTF-8`, `en`, `C`…
    /// `None` for a value that names neither.
    pub fn parse(s: &str) -> Option<Lang> {
        let s = s.trim().to_ascii_lowercase();
        if s.starts_with("ru") {
            Some(Lang::Ru)
        } else if s.starts_with("en") || s == "c" || s == "posix" || s.starts_with("c.") {
            Some(Lang::En)
        } else {
            None
        }
    }

    fn id(self) -> LanguageIdentifier {
        match self {
            Lang::En => "en".parse().expect("a language identifier"),
            Lang::Ru => "ru".parse().expect("a language identifier"),
        }
    }
}

static CURRENT: AtomicU8 = AtomicU8::new(0);

/// Set the language of everything printed from now on.
pub fn set(lang: Lang) {
    CURRENT.store(lang as u8, Ordering::Relaxed);
}

thread_local! {
    /// A language for this thread only, over the one chosen ([`with_lang`]).
    static OVER: std::cell::Cell<Option<Lang>> = const { std::cell::Cell::new(None) };
}

/// The language chosen (or the one [`with_lang`] set for this thread).
pub fn lang() -> Lang {
    if let Some(l) = OVER.with(|o| o.get()) {
        return l;
    }
    match CURRENT.load(Ordering::Relaxed) {
        1 => Lang::Ru,
        _ => Lang::En,
    }
}

/// Run `f` with every message in `lang` on this thread: a page or a workbook speaks the
/// methodology's language whatever the command line's (other threads are untouched).
pub fn with_lang<T>(lang: Lang, f: impl FnOnce() -> T) -> T {
    struct Restore(Option<Lang>);
    impl Drop for Restore {
        fn drop(&mut self) {
            OVER.with(|o| o.set(self.0));
        }
    }
    let _restore = Restore(OVER.with(|o| o.replace(Some(lang))));
    f()
}

/// The language to use: `flag` (`--lang`), else `METODIKA_LANG`, else the locale
/// (`LC_ALL`, `LC_MESSAGES`, `LANG`, the first set), else English. `Err` names a `--lang`
/// or `METODIKA_LANG` value that is neither language.
pub fn choose(flag: Option<&str>, env: impl Fn(&str) -> Option<String>) -> Result<Lang, String> {
    if let Some(f) = flag {
        return Lang::parse(f)
            .ok_or_else(|| format!("`--lang {f}`: the languages are `ru` and `en`"));
    }
    if let Some(v) = env("METODIKA_LANG").filter(|v| !v.is_empty()) {
        return Lang::parse(&v)
            .ok_or_else(|| format!("METODIKA_LANG={v}: the languages are `ru` and `en`"));
    }
    for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        if let Some(v) = env(var).filter(|v| !v.is_empty()) {
            return Ok(Lang::parse(&v).unwrap_or(Lang::En));
        }
    }
    Ok(Lang::En)
}

/// A value put into a message: a text, or a number (which also chooses plural forms).
pub enum Arg<'a> {
    /// A text, as it is.
    S(Cow<'a, str>),
    /// A number.
    N(f64),
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(s: &'a str) -> Self {
        Arg::S(Cow::Borrowed(s))
    }
}

impl From<String> for Arg<'_> {
    fn from(s: String) -> Self {
        Arg::S(Cow::Owned(s))
    }
}

impl From<&String> for Arg<'_> {
    fn from(s: &String) -> Self {
        Arg::S(Cow::Owned(s.clone()))
    }
}

impl From<f64> for Arg<'_> {
    fn from(n: f64) -> Self {
        Arg::N(n)
    }
}

impl From<u64> for Arg<'_> {
    fn from(n: u64) -> Self {
        Arg::N(n as f64)
    }
}

impl From<usize> for Arg<'_> {
    fn from(n: usize) -> Self {
        Arg::N(n as f64)
    }
}

/// Message `id` in the chosen language, with `args` put in.
pub fn t(id: &str, args: &[(&'static str, Arg)]) -> String {
    t_in(lang(), id, args)
}

/// Message `id` in `lang`, with `args` put in.
pub fn t_in(lang: Lang, id: &str, args: &[(&'static str, Arg)]) -> String {
    let map: HashMap<Cow<'static, str>, FluentValue> = args
        .iter()
        .map(|(k, v)| {
            let value = match v {
                Arg::S(s) => FluentValue::from(s.to_string()),
                Arg::N(n) => FluentValue::from(*n),
            };
            (Cow::Borrowed(*k), value)
        })
        .collect();
    LOCALES.lookup_with_args(&lang.id(), id, &map)
}

/// `n` with the noun of message `id` in the right form: `count("count-places", 5.0)` is
/// `5 places`, or `5 мест` in Russian. Fractions as `fmt_num` writes them.
pub fn count(id: &str, n: f64) -> String {
    t(id, &[("n", Arg::N(n))])
}

/// A number written for people (`12.5`), with the decimal separator of the chosen
/// language (`12,5` in Russian). For tables and explanations, never for CSV or JSON.
pub fn decimal(text: String) -> String {
    // the separator of each language, looked up once (tables call this per cell)
    static SEPARATORS: [std::sync::OnceLock<String>; 2] =
        [std::sync::OnceLock::new(), std::sync::OnceLock::new()];
    let l = lang();
    let sep = SEPARATORS[l as usize].get_or_init(|| t_in(l, "number-decimal", &[]));
    if sep == "." {
        text
    } else {
        text.replace('.', sep)
    }
}

/// `error[D006]: message`, and `  help: …` below it when there is one: the frame of the
/// messages that are not drawn under the methodology's text (data and run errors), its
/// words in the chosen language (`ошибка[D006]`, `  подсказка:`).
pub fn framed(code: &str, message: &str, help: Option<&str>) -> String {
    let message = crate::diag::visible_controls(message);
    let mut out = format!("{}[{code}]: {message}", t("diag-error", &[]));
    if let Some(h) = help {
        let h = crate::diag::visible_controls(h);
        out.push_str(&format!("\n  {}: {h}", t("diag-help", &[])));
    }
    out
}

/// The catalogue of `lang` as written (for the tests that hold the two equal).
pub fn catalogue(lang: Lang) -> &'static str {
    match lang {
        Lang::En => include_str!("locales/en/metodika.ftl"),
        Lang::Ru => include_str!("locales/ru/metodika.ftl"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plural_forms_follow_each_language() {
        let en: Vec<String> = [1.0, 2.0, 5.0, 1.5]
            .iter()
            .map(|&n| t_in(Lang::En, "count-places", &[("n", Arg::N(n))]))
            .collect();
        assert_eq!(en, ["1 place", "2 places", "5 places", "1.5 places"]);
        let ru: Vec<String> = [1.0, 2.0, 5.0, 11.0, 21.0, 22.0, 25.0, 1.5]
            .iter()
            .map(|&n| t_in(Lang::Ru, "count-places", &[("n", Arg::N(n))]))
            .collect();
        assert_eq!(
            ru,
            [
                "1 место",
                "2 места",
                "5 мест",
                "11 мест",
                "21 место",
                "22 места",
                "25 мест",
                "1.5 места"
            ]
        );
        assert_eq!(
            t_in(Lang::Ru, "count-regions", &[("n", Arg::N(85.0))]),
            "85 регионов"
        );
    }

    #[test]
    fn the_language_comes_from_the_flag_then_the_environment() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(choose(Some("ru"), env(&[])), Ok(Lang::Ru));
        assert_eq!(
            choose(Some("en"), env(&[("METODIKA_LANG", "ru")])),
            Ok(Lang::En)
        );
        assert!(choose(Some("de"), env(&[])).is_err());
        assert_eq!(
            choose(
                None,
                env(&[("METODIKA_LANG", "ru"), ("LANG", "en_US.UTF-8")])
            ),
            Ok(Lang::Ru)
        );
        assert_eq!(choose(None, env(&[("LANG", "ru_RU.UTF-8")])), Ok(Lang::Ru));
        assert_eq!(
            choose(None, env(&[("LC_ALL", "C"), ("LANG", "ru_RU.UTF-8")])),
            Ok(Lang::En)
        );
        assert_eq!(
            choose(None, env(&[("LC_ALL", ""), ("LANG", "ru_RU.UTF-8")])),
            Ok(Lang::Ru)
        );
        assert_eq!(choose(None, env(&[("LANG", "de_DE.UTF-8")])), Ok(Lang::En));
        assert_eq!(choose(None, env(&[])), Ok(Lang::En));
    }
}
