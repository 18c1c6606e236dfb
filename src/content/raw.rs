//! The content file exactly as YAML gives it, before any checking.
//!
//! Every field is optional here so that a missing field becomes a validation problem
//! reported alongside all the others, rather than a serde error that stops at the first.
//! Unknown fields are still refused by serde, which is where typos are caught.

use serde::Deserialize;
use serde_saphyr::{Budget, Options, Spanned};

use crate::limits::{MAX_ALIAS_EVENTS, MAX_CONTENT_BYTES, MAX_NESTING_DEPTH};

/// How the YAML is read: with limits that stop hostile or runaway files (deep nesting,
/// aliases that expand into billions of values) early, with an error, instead of
/// letting them take minutes or gigabytes.
pub(crate) fn options() -> Options {
    let mut budget = Budget::default();
    budget.max_depth = MAX_NESTING_DEPTH;
    budget.flow_nesting_limit = MAX_NESTING_DEPTH;
    // Counted with aliases written out, so this caps what aliases can add as well.
    budget.max_total_scalar_bytes = usize::try_from(MAX_CONTENT_BYTES).unwrap_or(usize::MAX);
    budget.max_aliases = MAX_ALIAS_EVENTS;
    let mut options = Options::default();
    options.budget = Some(budget);
    options.alias_limits.max_total_replayed_events = MAX_ALIAS_EVENTS;
    options.alias_limits.max_replay_stack_depth = MAX_NESTING_DEPTH;
    options
}

/// A list whose position, and each item's position, is known.
pub(crate) type SpannedList<T> = Spanned<Vec<Spanned<T>>>;

/// The whole file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawContent {
    pub lang: Option<Spanned<String>>,
    pub title: Option<Spanned<RawText>>,
    pub organisation: Option<Spanned<RawOrganisation>>,
    pub key_figures: Option<SpannedList<RawKeyFigure>>,
    pub sections: Option<SpannedList<RawSection>>,
    pub photos: Option<SpannedList<RawPhoto>>,
    pub quote: Option<Spanned<RawQuote>>,
    pub chart: Option<Spanned<RawChart>>,
    pub call_to_action: Option<Spanned<RawCallToAction>>,
    pub letter: Option<Spanned<RawLetter>>,
    pub fonts: Option<SpannedList<String>>,
    pub khmer_words: Option<SpannedList<String>>,
}

/// `organisation:`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawOrganisation {
    pub name: Option<Spanned<RawText>>,
    pub tagline: Option<Spanned<RawText>>,
    pub website: Option<Spanned<RawText>>,
    pub contact: Option<Spanned<RawText>>,
    pub brand_color: Option<Spanned<String>>,
    pub logo: Option<Spanned<String>>,
}

/// One item of `key_figures:`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawKeyFigure {
    pub value: Option<Spanned<RawText>>,
    pub label: Option<Spanned<RawText>>,
    pub source: Option<Spanned<RawText>>,
}

/// One item of `sections:`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSection {
    pub heading: Option<Spanned<RawText>>,
    pub body: Option<Spanned<RawText>>,
}

/// One item of `photos:`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawPhoto {
    pub file: Option<Spanned<String>>,
    pub caption: Option<Spanned<RawText>>,
    pub credit: Option<Spanned<RawText>>,
    pub alt: Option<Spanned<RawText>>,
    pub focus: Option<SpannedList<f64>>,
    // Read as text so that a misspelt placement gets a "did you mean" rather than a
    // bare serde error, and so a section is matched against the headings later.
    pub placement: Option<Spanned<String>>,
    pub section: Option<Spanned<String>>,
}

/// `quote:`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawQuote {
    pub text: Option<Spanned<RawText>>,
    pub attribution: Option<Spanned<RawText>>,
}

/// `chart:`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawChart {
    pub title: Option<Spanned<RawText>>,
    pub unit: Option<Spanned<RawText>>,
    pub bars: Option<SpannedList<RawChartBar>>,
    pub source: Option<Spanned<RawText>>,
    pub max: Option<Spanned<f64>>,
    pub style: Option<Spanned<String>>,
}

/// One item of `chart.bars:`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawChartBar {
    pub label: Option<Spanned<RawText>>,
    pub value: Option<Spanned<f64>>,
    pub display: Option<Spanned<RawText>>,
    pub highlight: Option<Spanned<bool>>,
}

/// `call_to_action:`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawCallToAction {
    pub heading: Option<Spanned<RawText>>,
    pub body: Option<Spanned<RawText>>,
    pub donate_url: Option<Spanned<RawText>>,
    pub details: Option<SpannedList<RawText>>,
}

/// `letter:`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawLetter {
    pub date: Option<Spanned<RawText>>,
    pub greeting: Option<Spanned<RawText>>,
    pub body: Option<Spanned<RawText>>,
    pub sign_off: Option<Spanned<RawText>>,
    pub name: Option<Spanned<RawText>>,
    pub role: Option<Spanned<RawText>>,
}

/// A text field as written: one string for every edition, or one per language.
///
/// `title: Our year` and
/// ```yaml
/// title:
///   en: Our year
///   km: ឆ្នាំរបស់យើង
/// ```
/// both read into this; the checker picks the edition's language.
#[derive(Debug)]
pub(crate) enum RawText {
    /// Text for every language.
    Plain(String),
    /// A number or yes/no that YAML typed; the checker reads the characters back from
    /// the file, so `1.50` stays `1.50` and `yes` stays `yes`.
    Typed(String),
    /// Language code (as written, with its place) to text.
    ByLang(Vec<(Spanned<String>, Spanned<String>)>),
}

impl RawText {
    /// The text in language `lang`, or the plain text; `None` for a number, which
    /// needs the file to be read back.
    pub(crate) fn in_lang(&self, lang: &str) -> Option<&str> {
        match self {
            RawText::Plain(text) => Some(text),
            RawText::Typed(_) => None,
            RawText::ByLang(texts) => texts
                .iter()
                .find(|(k, _)| k.value.trim() == lang)
                .map(|(_, v)| v.value.as_str()),
        }
    }

    /// A field that is never translated (a file name), read as text.
    pub(crate) fn untranslated(value: Option<Spanned<String>>) -> Option<Spanned<RawText>> {
        value.map(|v| Spanned::new(RawText::Plain(v.value), v.referenced, v.defined))
    }
}

impl<'de> Deserialize<'de> for RawText {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(RawTextVisitor)
    }
}

struct RawTextVisitor;

impl<'de> serde::de::Visitor<'de> for RawTextVisitor {
    type Value = RawText;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("text, or text per language (`en:`, `ja:`, `km:`)")
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<RawText, E> {
        Ok(RawText::Plain(v.to_string()))
    }

    fn visit_string<E: serde::de::Error>(self, v: String) -> Result<RawText, E> {
        Ok(RawText::Plain(v))
    }

    fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<RawText, E> {
        Ok(RawText::Typed(v.to_string()))
    }

    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<RawText, E> {
        Ok(RawText::Typed(v.to_string()))
    }

    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<RawText, E> {
        Ok(RawText::Typed(v.to_string()))
    }

    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<RawText, E> {
        Ok(RawText::Typed(v.to_string()))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<RawText, A::Error> {
        let mut texts = Vec::new();
        while let Some(key) = map.next_key::<Spanned<String>>()? {
            texts.push((key, map.next_value::<Spanned<String>>()?));
        }
        Ok(RawText::ByLang(texts))
    }
}
