//! Checks the raw YAML values and builds the model, collecting every problem.
//!
//! Each check reports what it finds and hands back a value anyway (a placeholder when
//! the input is unusable), so one pass sees the whole file and the user gets the full
//! list of fixes at once.

mod characters;
mod chart;
mod counts;
mod editions;
mod extras;
mod files;
mod photos;
mod prose;
mod words;

use std::path::Path;

use serde_saphyr::{Location, Spanned};

use super::checks::{echo, has_visible_text};
use super::raw::{RawContent, RawKeyFigure, RawOrganisation, RawSection, RawText, SpannedList};
use super::schema;
use super::suggest::closest;
use super::{SUPPORTED_LANGS, lang_name};
use crate::content::model::{Content, Digits, KeyFigure, Lang, Organisation, Rgb, Sp, Span};
use crate::diag::Diagnostic;
use crate::limits::MAX_KEY_FIGURES;
use characters::Role;
use counts::Cap;

/// Validates `raw` (read from `source`, the text of `file`) into the model.
///
/// `edition` is the language whose text translated fields give, `None` for the
/// file's own `lang:`.
pub(crate) fn validate(
    raw: Spanned<RawContent>,
    source: &str,
    file: &Path,
    edition: Option<&str>,
) -> Result<Content, Vec<Diagnostic>> {
    let mut checker = Checker::new(file, source);
    let root = span_of(&raw.referenced, "");
    let raw = raw.value;

    let default_lang = checker.lang(raw.lang);
    checker.default_lang = default_lang.0.clone();
    checker.edition = edition.unwrap_or(&default_lang.0).to_string();
    checker.default_headings = default_headings(raw.sections.as_ref(), &default_lang.0);
    let title = checker.text(raw.title, &root, "title".into(), "title");
    let organisation = checker.organisation(raw.organisation, &root);
    let key_figures = checker.key_figures(raw.key_figures, &root);
    let sections = checker.sections(raw.sections, &root);
    let photos = checker.photos(raw.photos, &root, &sections);
    let quote = checker.quote(raw.quote);
    let chart = checker.chart(raw.chart);
    let call_to_action = checker.call_to_action(raw.call_to_action);
    let letter = checker.letter(raw.letter);
    let fonts = checker.fonts(raw.fonts);
    let khmer_words = checker.khmer_words(raw.khmer_words);

    let mut diagnostics = checker.diagnostics;
    if !diagnostics.is_empty() {
        // File order reads best; problems without a line go last.
        diagnostics.sort_by_key(|d| {
            let (line, column) = d.span.as_ref().map_or((0, 0), |s| (s.line, s.column));
            (line == 0, line, column)
        });
        return Err(diagnostics);
    }
    let languages = std::iter::once(default_lang.clone())
        .chain(
            checker
                .languages
                .iter()
                .filter(|l| **l != default_lang.0)
                .map(|l| Lang(l.clone())),
        )
        .collect();
    let mut content = Content {
        source_path: file.to_path_buf(),
        source_text: source.into(),
        lang: Lang(checker.edition.clone()),
        languages,
        untranslated: checker.fallbacks,
        untranslated_texts: checker.fallback_texts,
        title,
        organisation,
        sections,
        key_figures,
        photos,
        fonts,
        khmer_words,
        quote,
        chart,
        call_to_action,
        letter,
    };
    let digits = Digits::of(content.texts().iter().map(|t| t.text));
    if let Some(chart) = &mut content.chart {
        chart.digits = digits;
    }
    Ok(content)
}

impl<'a> Checker<'a> {
    /// A checker of `file`, whose text is `source`, with nothing read yet.
    fn new(file: &'a Path, source: &'a str) -> Self {
        Checker {
            file,
            base_dir: file.parent().unwrap_or(Path::new("")),
            source_lines: source.lines().collect(),
            diagnostics: Vec::new(),
            default_lang: String::new(),
            edition: String::new(),
            languages: Vec::new(),
            fallbacks: Vec::new(),
            fallback_texts: Vec::new(),
            default_headings: Vec::new(),
            failed_fields: Vec::new(),
        }
    }
}

/// The sections' headings in language `lang`, which photos' `section:` names in
/// every edition.
fn default_headings(sections: Option<&SpannedList<RawSection>>, lang: &str) -> Vec<String> {
    sections
        .iter()
        .flat_map(|list| &list.value)
        .map(|s| {
            let heading = s.value.heading.as_ref();
            one_line(heading.and_then(|h| h.value.in_lang(lang)).unwrap_or(""))
        })
        .collect()
}

/// A model span from a YAML location and a field path.
fn span_of(location: &Location, path: impl Into<String>) -> Span {
    Span {
        line: u32::try_from(location.line()).unwrap_or(u32::MAX),
        column: u32::try_from(location.column()).unwrap_or(u32::MAX),
        path: path.into(),
    }
}

/// Trims and joins lines with single spaces, or with nothing where a line break falls
/// between Japanese or Chinese characters (which are written without spaces). Only
/// ASCII whitespace counts, so a deliberate no-break space (as in `20\u{a0}%`)
/// survives.
fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut gap: Option<bool> = None; // whitespace pending; whether it held a line break
    for c in text.trim_matches(|c: char| c.is_ascii_whitespace()).chars() {
        if c.is_ascii_whitespace() {
            gap = Some(gap.unwrap_or(false) || c == '\n');
            continue;
        }
        if let Some(line_break) = gap.take()
            && !(line_break && super::inline::joins_without_space(out.chars().last(), Some(c)))
        {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

/// Why `url` is not a usable web address, as a fix to suggest; `None` when it is fine.
/// `mailto:` addresses are allowed only where `allow_mail` says so.
pub(crate) fn web_address_problem(url: &str, allow_mail: bool) -> Option<String> {
    if url.chars().any(char::is_whitespace) {
        return Some("a web address cannot contain spaces; remove them".to_string());
    }
    let lower = url.to_lowercase();
    if let Some(rest) = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
    {
        let host = rest.split(['/', '?', '#']).next().unwrap_or("");
        let host_ok = !host.is_empty()
            && !host.starts_with('.')
            && host
                .chars()
                .all(|c| c.is_alphanumeric() || "-.:[]@_%".contains(c));
        return (!host_ok).then(|| {
            "after `https://` comes the site's name, e.g. `https://www.example.org`".to_string()
        });
    }
    if lower.starts_with("mailto:") {
        if !allow_mail {
            return Some(
                "an e-mail address cannot be used here; give the address of a web page, \
                 starting with `https://`"
                    .to_string(),
            );
        }
        if lower.len() > "mailto:".len() {
            return None;
        }
    }
    Some(if lower.contains("://") {
        "only `http://` and `https://` addresses can be used".to_string()
    } else if allow_mail && url.contains('@') {
        format!("for an e-mail address write `mailto:{}`", echo(url))
    } else if url.contains('.') {
        format!(
            "write the address in full, starting with `https://`: `https://{}`",
            echo(url)
        )
    } else {
        "write a full web address starting with `https://`, e.g. `https://www.example.org`"
            .to_string()
    })
}

struct Checker<'a> {
    file: &'a Path,
    base_dir: &'a Path,
    source_lines: Vec<&'a str>,
    diagnostics: Vec<Diagnostic>,
    /// The file's `lang:`, which every translated field must have.
    default_lang: String,
    /// The language being read.
    edition: String,
    /// Every language code a translated field has, in order of first use.
    languages: Vec<String>,
    /// Fields with translations but none in the edition's language.
    fallbacks: Vec<Span>,
    /// The text each of `fallbacks` gives.
    fallback_texts: Vec<String>,
    /// Section headings in the default language, which a photo's `section:` names.
    default_headings: Vec<String>,
    /// Fields already reported as translated wrongly, which get no second problem.
    failed_fields: Vec<String>,
}

impl Checker<'_> {
    fn report(&mut self, span: Span, message: impl Into<String>, help: impl Into<String>) {
        if self.failed_fields.contains(&span.path) {
            // A translated field whose languages are wrong: one problem is enough.
            return;
        }
        self.diagnostics
            .push(Diagnostic::new(self.file, Some(span), message).with_help(help));
    }

    /// Reports a required field that is absent (or written with nothing after it) from
    /// the group at `parent`, pointing at the group's first line.
    fn missing(&mut self, parent: &Span, path: &str, field: &str) {
        let place = if parent.path.is_empty() {
            "at the top level of the file".to_string()
        } else {
            format!("to `{}`", parent.path)
        };
        let help = match schema::example_at(path) {
            Some(example) => format!("add `{field}:` {place}, for example:\n{example}"),
            None => format!("add `{field}:` {place}"),
        };
        let span = Span {
            path: path.to_string(),
            ..parent.clone()
        };
        self.report(span, format!("missing required field `{path}`"), help);
    }

    /// A required single-line text: present and not blank. Line breaks inside the
    /// value become spaces.
    fn text(
        &mut self,
        value: Option<Spanned<RawText>>,
        parent: &Span,
        path: String,
        field: &str,
    ) -> Sp<String> {
        self.text_as(value, parent, path, field, Role::Text).0
    }

    /// [`Self::text`] for a value with the given role; also says whether the text is
    /// usable (written, and its characters fine), so that callers check it further
    /// only then.
    fn text_as(
        &mut self,
        value: Option<Spanned<RawText>>,
        parent: &Span,
        path: String,
        field: &str,
        role: Role,
    ) -> (Sp<String>, bool) {
        let Some(value) = self.pick(value, &path) else {
            self.missing(parent, &path, field);
            let span = Span {
                path,
                ..parent.clone()
            };
            return (Sp::new(String::new(), span), false);
        };
        let span = span_of(&value.referenced, path);
        let text = one_line(&value.value);
        let usable = if text.is_empty() {
            self.report_empty(&span, field);
            false
        } else {
            self.usable_text(&span, &text, field, role)
        };
        (Sp::new(text, span), usable)
    }

    /// An optional single-line text: absent is fine, but written and blank is not,
    /// since that is usually a value that went missing.
    fn optional_text(
        &mut self,
        value: Option<Spanned<RawText>>,
        path: String,
        field: &str,
    ) -> Option<Sp<String>> {
        let value = self.pick(value, &path)?;
        let span = span_of(&value.referenced, path);
        let text = one_line(&value.value);
        if text.is_empty() {
            self.report_empty(&span, field);
            return None;
        }
        if !self.usable_text(&span, &text, field, Role::Text) && !has_visible_text(&text) {
            // Text that shows nothing is as good as absent.
            return None;
        }
        Some(Sp::new(text, span))
    }

    /// Reports the text at `span` as written but blank.
    fn report_empty(&mut self, span: &Span, field: &str) {
        let help = write_text_help(span, field);
        self.report(span.clone(), format!("`{}` is empty", span.path), help);
    }

    /// A required list with at least one item.
    fn list<T>(
        &mut self,
        value: Option<SpannedList<T>>,
        parent: &Span,
        field: &str,
        item: &str,
    ) -> Vec<Spanned<T>> {
        let Some(list) = value else {
            self.missing(parent, field, field);
            return Vec::new();
        };
        if list.value.is_empty() {
            let help = match schema::example_at(field) {
                Some(example) => format!("add at least one {item}, for example:\n{example}"),
                None => format!("add at least one {item}"),
            };
            self.report(
                span_of(&list.referenced, field),
                format!("`{field}` has no {item}s; at least one is needed"),
                help,
            );
        }
        list.value
    }

    fn lang(&mut self, value: Option<Spanned<String>>) -> Lang {
        let Some(value) = value else {
            return Lang::default();
        };
        let tag = value.value.trim();
        if SUPPORTED_LANGS.iter().any(|(code, _)| *code == tag) {
            return Lang(tag.to_string());
        }
        let supported = SUPPORTED_LANGS
            .iter()
            .map(|(code, name)| format!("`{code}` ({name})"))
            .collect::<Vec<_>>()
            .join(", ");
        let lower = tag.to_lowercase();
        let primary = lower.split(['-', '_']).next().unwrap_or("");
        let by_name = SUPPORTED_LANGS
            .iter()
            .find(|(_, name)| {
                name.eq_ignore_ascii_case(tag) || (lower == "cambodian" && *name == "Khmer")
            })
            .map(|(code, _)| *code);
        let guess = by_name
            .or_else(|| lang_name(primary).map(|_| primary))
            .or_else(|| closest(tag, SUPPORTED_LANGS.iter().map(|(code, _)| *code)))
            .and_then(|code| SUPPORTED_LANGS.iter().find(|(c, _)| *c == code))
            .map(|(code, name)| format!("did you mean `{code}` ({name})? "))
            .unwrap_or_default();
        let message = if tag.is_empty() {
            "`lang` is empty".to_string()
        } else {
            format!(
                "`lang` is `{}`, which is not a supported language",
                echo(tag)
            )
        };
        self.report(
            span_of(&value.referenced, "lang"),
            message,
            format!("{guess}Supported languages: {supported}. Leave `lang:` out for English."),
        );
        Lang::default()
    }

    fn organisation(
        &mut self,
        value: Option<Spanned<RawOrganisation>>,
        root: &Span,
    ) -> Organisation {
        let (raw, span) = match value {
            Some(v) => {
                let span = span_of(&v.referenced, "organisation");
                (v.value, span)
            }
            None => {
                // Only the group is reported: listing its five fields too would be noise.
                self.missing(root, "organisation", "organisation");
                let span = span_with_path(root, "organisation");
                let blank = || Sp::new(String::new(), span.clone());
                return Organisation {
                    name: blank(),
                    tagline: blank(),
                    website: blank(),
                    contact: blank(),
                    brand_color: Sp::new(Rgb::new(0, 0, 0), span.clone()),
                    logo: None,
                };
            }
        };
        self.organisation_fields(raw, &span)
    }

    fn organisation_fields(&mut self, raw: RawOrganisation, span: &Span) -> Organisation {
        let name = self.text(raw.name, span, "organisation.name".into(), "name");
        let tagline = self.text(raw.tagline, span, "organisation.tagline".into(), "tagline");
        let (website, usable) = self.text_as(
            raw.website,
            span,
            "organisation.website".into(),
            "website",
            Role::Address,
        );
        if usable && let Some(help) = web_address_problem(&website.value, false) {
            self.report(
                website.span.clone(),
                format!(
                    "`organisation.website` is not a web address: `{}`",
                    echo(&website.value)
                ),
                help,
            );
        }
        let contact = self.text(raw.contact, span, "organisation.contact".into(), "contact");
        let brand_color = self.brand_color(raw.brand_color, span);
        let logo = self.logo(raw.logo);
        Organisation {
            name,
            tagline,
            website,
            contact,
            brand_color,
            logo,
        }
    }

    fn brand_color(&mut self, value: Option<Spanned<String>>, parent: &Span) -> Sp<Rgb> {
        const PATH: &str = "organisation.brand_color";
        let placeholder = |span: Span| Sp::new(Rgb::new(0, 0, 0), span);
        let Some(value) = value else {
            // `brand_color: #c8102e` without quotes reads as an empty field followed by
            // a comment, so "missing" would mislead; say what really happened.
            if let Some(span) = self.unquoted_hash_colour() {
                self.report(
                    span.clone(),
                    "`organisation.brand_color` is empty: without quotes, `#` starts a comment",
                    "put the colour in double quotes, e.g. `brand_color: \"#c8102e\"`",
                );
                return placeholder(span);
            }
            self.missing(parent, PATH, "brand_color");
            return placeholder(span_with_path(parent, PATH));
        };
        let span = span_of(&value.referenced, PATH);
        let text = value.value.trim();
        if let Some(rgb) = Rgb::from_hex(text) {
            return Sp::new(rgb, span);
        }
        let hex_only = !text.is_empty() && text.chars().all(|c| c.is_ascii_hexdigit());
        let help = if hex_only && matches!(text.len(), 3 | 6) {
            format!("start the colour with `#` and keep the quotes: `brand_color: \"#{text}\"`")
        } else {
            "write `#` and six hex digits (0–9, a–f) for red, green and blue, in double quotes, \
             e.g. `brand_color: \"#c8102e\"`; the short form `\"#c12\"` also works"
                .to_string()
        };
        let message = if text.is_empty() {
            format!("`{PATH}` is empty")
        } else {
            format!("`{PATH}` is not a colour: `{}`", echo(text))
        };
        self.report(span.clone(), message, help);
        placeholder(span)
    }

    /// The place of a `brand_color: #…` line whose colour YAML took as a comment.
    fn unquoted_hash_colour(&self) -> Option<Span> {
        self.source_lines.iter().enumerate().find_map(|(i, line)| {
            let indent = line.len() - line.trim_start().len();
            let value = line.trim_start().strip_prefix("brand_color:")?;
            let hash = value.find('#')?;
            value[..hash].trim().is_empty().then(|| Span {
                line: u32::try_from(i + 1).unwrap_or(u32::MAX),
                column: u32::try_from(
                    line[..indent + "brand_color:".len() + hash].chars().count() + 1,
                )
                .unwrap_or(u32::MAX),
                path: "organisation.brand_color".to_string(),
            })
        })
    }

    fn key_figures(
        &mut self,
        value: Option<SpannedList<RawKeyFigure>>,
        root: &Span,
    ) -> Vec<KeyFigure> {
        let items = self.list(value, root, "key_figures", "key figure");
        let cap = Cap {
            path: "key_figures",
            max: MAX_KEY_FIGURES,
            one: "key figure",
            many: "key figures",
            advice: "; keep the figures that say most about your work",
        };
        self.over_cap(&items, &cap);
        items
            .into_iter()
            .enumerate()
            .map(|(i, item)| {
                let path = format!("key_figures[{i}]");
                let span = span_of(&item.referenced, path.clone());
                let raw = item.value;
                KeyFigure {
                    value: self.text(raw.value, &span, format!("{path}.value"), "value"),
                    label: self.text(raw.label, &span, format!("{path}.label"), "label"),
                    source: self.text(raw.source, &span, format!("{path}.source"), "source"),
                }
            })
            .collect()
    }
}

/// How to fill in the text at `span`, with an example where the schema has one.
fn write_text_help(span: &Span, field: &str) -> String {
    // A list item has no field name of its own; its text follows the dash.
    let after = if span.path.ends_with(']') {
        "`- `".to_string()
    } else {
        format!("`{field}:`")
    };
    match schema::example_at(&span.path) {
        Some(example) => format!("write the text after {after}, for example:\n{example}"),
        None => format!("write the text after {after}"),
    }
}

fn span_with_path(span: &Span, path: &str) -> Span {
    Span {
        path: path.to_string(),
        ..span.clone()
    }
}

fn line_number(index: usize) -> u32 {
    u32::try_from(index + 1).unwrap_or(u32::MAX)
}
