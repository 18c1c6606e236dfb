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
    pub title: Option<Spanned<String>>,
    pub organisation: Option<Spanned<RawOrganisation>>,
    pub key_figures: Option<SpannedList<RawKeyFigure>>,
    pub sections: Option<SpannedList<RawSection>>,
    pub photos: Option<SpannedList<RawPhoto>>,
    pub quote: Option<Spanned<RawQuote>>,
    pub chart: Option<Spanned<RawChart>>,
    pub call_to_action: Option<Spanned<RawCallToAction>>,
    pub letter: Option<Spanned<RawLetter>>,
    pub fonts: Option<SpannedList<String>>,
}

/// `organisation:`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawOrganisation {
    pub name: Option<Spanned<String>>,
    pub tagline: Option<Spanned<String>>,
    pub website: Option<Spanned<String>>,
    pub contact: Option<Spanned<String>>,
    pub brand_color: Option<Spanned<String>>,
    pub logo: Option<Spanned<String>>,
}

/// One item of `key_figures:`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawKeyFigure {
    pub value: Option<Spanned<String>>,
    pub label: Option<Spanned<String>>,
    pub source: Option<Spanned<String>>,
}

/// One item of `sections:`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSection {
    pub heading: Option<Spanned<String>>,
    pub body: Option<Spanned<String>>,
}

/// One item of `photos:`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawPhoto {
    pub file: Option<Spanned<String>>,
    pub caption: Option<Spanned<String>>,
    pub credit: Option<Spanned<String>>,
    pub alt: Option<Spanned<String>>,
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
    pub text: Option<Spanned<String>>,
    pub attribution: Option<Spanned<String>>,
}

/// `chart:`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawChart {
    pub title: Option<Spanned<String>>,
    pub unit: Option<Spanned<String>>,
    pub bars: Option<SpannedList<RawChartBar>>,
    pub source: Option<Spanned<String>>,
    pub max: Option<Spanned<f64>>,
    pub style: Option<Spanned<String>>,
}

/// One item of `chart.bars:`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawChartBar {
    pub label: Option<Spanned<String>>,
    pub value: Option<Spanned<f64>>,
    pub display: Option<Spanned<String>>,
    pub highlight: Option<Spanned<bool>>,
}

/// `call_to_action:`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawCallToAction {
    pub heading: Option<Spanned<String>>,
    pub body: Option<Spanned<String>>,
    pub donate_url: Option<Spanned<String>>,
    pub details: Option<SpannedList<String>>,
}

/// `letter:`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawLetter {
    pub date: Option<Spanned<String>>,
    pub greeting: Option<Spanned<String>>,
    pub body: Option<Spanned<String>>,
    pub sign_off: Option<Spanned<String>>,
    pub name: Option<Spanned<String>>,
    pub role: Option<Spanned<String>>,
}
