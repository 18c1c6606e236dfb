//! Checks the raw YAML values and builds the model, collecting every problem.
//!
//! Each check reports what it finds and hands back a value anyway (a placeholder when
//! the input is unusable), so one pass sees the whole file and the user gets the full
//! list of fixes at once.

use std::collections::HashMap;
use std::fs;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use serde_saphyr::{Location, Spanned};

use super::inline::parse_paragraph;
use super::raw::{
    RawCallToAction, RawChart, RawChartBar, RawContent, RawKeyFigure, RawOrganisation, RawPhoto,
    RawQuote, RawSection, SpannedList,
};
use super::schema;
use super::suggest::closest;
use super::{SUPPORTED_LANGS, lang_name};
use crate::content::model::{
    CallToAction, Chart, ChartBar, Content, KeyFigure, Lang, Organisation, Paragraph, Photo,
    PhotoPlacement, Quote, Rgb, Section, Sp, Span,
};
use crate::diag::Diagnostic;

/// Focus used when a photo names none: the middle of the picture.
const DEFAULT_FOCUS: (f32, f32) = (0.5, 0.5);

/// Fewest bars a chart may have: one bar compares nothing.
const MIN_BARS: usize = 2;
/// Most bars a chart may have: more stop being readable at print size.
const MAX_BARS: usize = crate::limits::MAX_CHART_BARS;
/// End of the scale for a chart in per cent, unless a value goes beyond it.
const PERCENT_MAX: f64 = 100.0;

/// Words people use for a placement that spelling alone would not lead to.
const PLACEMENT_SYNONYMS: &[(&str, &str)] = &[
    ("full", "page"),
    ("full-width", "page"),
    ("fullwidth", "page"),
    ("full width", "page"),
    ("wide", "page"),
    ("both", "page"),
    ("hero", "cover"),
    ("front", "cover"),
    ("title", "cover"),
    ("narrow", "column"),
    ("half", "column"),
    ("default", "auto"),
];

/// Validates `raw` (read from `source`, the text of `file`) into the model.
pub(crate) fn validate(
    raw: Spanned<RawContent>,
    source: &str,
    file: &Path,
) -> Result<Content, Vec<Diagnostic>> {
    let mut checker = Checker {
        file,
        base_dir: file.parent().unwrap_or(Path::new("")),
        source_lines: source.lines().collect(),
        diagnostics: Vec::new(),
    };
    let root = span_of(&raw.referenced, "");
    let raw = raw.value;

    let lang = checker.lang(raw.lang);
    let title = checker.text(raw.title, &root, "title".into(), "title");
    let organisation = checker.organisation(raw.organisation, &root);
    let key_figures = checker.key_figures(raw.key_figures, &root);
    let sections = checker.sections(raw.sections, &root);
    let photos = checker.photos(raw.photos, &root, &sections);
    let quote = checker.quote(raw.quote);
    let chart = checker.chart(raw.chart);
    let call_to_action = checker.call_to_action(raw.call_to_action);
    let fonts = checker.fonts(raw.fonts);

    let mut diagnostics = checker.diagnostics;
    if !diagnostics.is_empty() {
        // File order reads best; problems without a line go last.
        diagnostics.sort_by_key(|d| {
            let (line, column) = d.span.as_ref().map_or((0, 0), |s| (s.line, s.column));
            (line == 0, line, column)
        });
        return Err(diagnostics);
    }
    Ok(Content {
        source_path: file.to_path_buf(),
        source_text: source.into(),
        lang,
        title,
        organisation,
        sections,
        key_figures,
        photos,
        fonts,
        quote,
        chart,
        call_to_action,
    })
}

/// A model span from a YAML location and a field path.
fn span_of(location: &Location, path: impl Into<String>) -> Span {
    Span {
        line: u32::try_from(location.line()).unwrap_or(u32::MAX),
        column: u32::try_from(location.column()).unwrap_or(u32::MAX),
        path: path.into(),
    }
}

/// Trims and joins lines with single spaces. Only ASCII whitespace counts, so a
/// deliberate no-break space (as in `20\u{a0}%`) survives.
fn one_line(text: &str) -> String {
    text.split(|c: char| c.is_ascii_whitespace())
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
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
        format!("for an e-mail address write `mailto:{url}`")
    } else if url.contains('.') {
        format!("write the address in full, starting with `https://`: `https://{url}`")
    } else {
        "write a full web address starting with `https://`, e.g. `https://www.example.org`"
            .to_string()
    })
}

/// One trimmed line of a section body with its line and column in the file, if found.
type BodyLine<'a> = (&'a str, Option<(u32, u32)>);

/// How far ahead of the previous paragraph line to look for the next one in the file.
const LINE_SEARCH_WINDOW: usize = 200;

struct Checker<'a> {
    file: &'a Path,
    base_dir: &'a Path,
    source_lines: Vec<&'a str>,
    diagnostics: Vec<Diagnostic>,
}

impl Checker<'_> {
    fn report(&mut self, span: Span, message: impl Into<String>, help: impl Into<String>) {
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
        value: Option<Spanned<String>>,
        parent: &Span,
        path: String,
        field: &str,
    ) -> Sp<String> {
        let Some(value) = value else {
            self.missing(parent, &path, field);
            return Sp::new(
                String::new(),
                Span {
                    path,
                    ..parent.clone()
                },
            );
        };
        let span = span_of(&value.referenced, path);
        let text = one_line(&value.value);
        if text.is_empty() {
            self.report_empty(&span, field);
        }
        Sp::new(text, span)
    }

    /// An optional single-line text: absent is fine, but written and blank is not,
    /// since that is usually a value that went missing.
    fn optional_text(
        &mut self,
        value: Option<Spanned<String>>,
        path: String,
        field: &str,
    ) -> Option<Sp<String>> {
        let value = value?;
        let span = span_of(&value.referenced, path);
        let text = one_line(&value.value);
        if text.is_empty() {
            self.report_empty(&span, field);
            return None;
        }
        Some(Sp::new(text, span))
    }

    /// Reports the text at `span` as written but blank.
    fn report_empty(&mut self, span: &Span, field: &str) {
        // A list item has no field name of its own; its text follows the dash.
        let after = if span.path.ends_with(']') {
            "`- `".to_string()
        } else {
            format!("`{field}:`")
        };
        let help = match schema::example_at(&span.path) {
            Some(example) => format!("write the text after {after}, for example:\n{example}"),
            None => format!("write the text after {after}"),
        };
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
            format!("`lang` is `{tag}`, which is not a supported language")
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
                };
            }
        };
        self.organisation_fields(raw, &span)
    }

    fn organisation_fields(&mut self, raw: RawOrganisation, span: &Span) -> Organisation {
        let name = self.text(raw.name, span, "organisation.name".into(), "name");
        let tagline = self.text(raw.tagline, span, "organisation.tagline".into(), "tagline");
        let website = self.text(raw.website, span, "organisation.website".into(), "website");
        if !website.value.is_empty()
            && let Some(help) = web_address_problem(&website.value, false)
        {
            self.report(
                website.span.clone(),
                format!(
                    "`organisation.website` is not a web address: `{}`",
                    website.value
                ),
                help,
            );
        }
        let contact = self.text(raw.contact, span, "organisation.contact".into(), "contact");
        let brand_color = self.brand_color(raw.brand_color, span);
        Organisation {
            name,
            tagline,
            website,
            contact,
            brand_color,
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
            format!("`{PATH}` is not a colour: `{text}`")
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

    fn sections(&mut self, value: Option<SpannedList<RawSection>>, root: &Span) -> Vec<Section> {
        let items = self.list(value, root, "sections", "section");
        let mut seen: HashMap<String, u32> = HashMap::new();
        let mut sections = Vec::with_capacity(items.len());
        for (i, item) in items.into_iter().enumerate() {
            let path = format!("sections[{i}]");
            let span = span_of(&item.referenced, path.clone());
            let raw = item.value;
            let heading = self.text(raw.heading, &span, format!("{path}.heading"), "heading");
            if !heading.value.is_empty() {
                let key = heading.value.to_lowercase();
                if let Some(first) = seen.get(&key) {
                    self.report(
                        heading.span.clone(),
                        format!("the section heading `{}` is used twice", heading.value),
                        format!(
                            "the first section with this heading is on line {first}; give each \
                             section its own heading, or merge the two sections"
                        ),
                    );
                } else {
                    seen.insert(key, heading.span.line);
                }
            }
            let paragraphs = self.body(raw.body, &span, format!("{path}.body"));
            sections.push(Section {
                heading,
                paragraphs,
                span,
            });
        }
        sections
    }

    /// Splits a body (a section's or the call to action's) into paragraphs at blank
    /// lines and parses their inline markup, pointing each paragraph at its line in the
    /// file.
    fn body(
        &mut self,
        value: Option<Spanned<String>>,
        parent: &Span,
        path: String,
    ) -> Vec<Paragraph> {
        let Some(value) = value else {
            self.missing(parent, &path, "body");
            return Vec::new();
        };
        let body_span = span_of(&value.referenced, path.clone());
        // Group the body's lines into paragraphs, remembering where each line is.
        let mut next_line = usize::try_from(body_span.line.saturating_sub(1)).unwrap_or(0);
        let mut paragraphs: Vec<Vec<BodyLine>> = Vec::new();
        let mut current: Vec<BodyLine> = Vec::new();
        for line in value.value.lines() {
            let line = line.trim_matches(|c: char| c.is_ascii_whitespace());
            if line.is_empty() {
                if !current.is_empty() {
                    paragraphs.push(std::mem::take(&mut current));
                }
                continue;
            }
            let place = self.find_line(line, next_line);
            if let Some((index, _)) = place {
                next_line = index + 1;
            }
            current.push((
                line,
                place.map(|(index, column)| (line_number(index), column)),
            ));
        }
        if !current.is_empty() {
            paragraphs.push(current);
        }
        if paragraphs.is_empty() {
            self.report(
                body_span,
                format!("`{path}` is empty"),
                "write the paragraphs indented under `body: |`, with a blank line between \
                 paragraphs, for example:\nbody: |\n  First paragraph.\n\n  Second paragraph.",
            );
            return Vec::new();
        }

        let mut out = Vec::with_capacity(paragraphs.len());
        for (number, lines) in paragraphs.iter().enumerate() {
            let place = |index: usize| {
                let (line, column) = lines
                    .get(index)
                    .and_then(|(_, place)| *place)
                    .unwrap_or((body_span.line, body_span.column));
                Span {
                    line,
                    column,
                    path: path.clone(),
                }
            };
            let texts: Vec<&str> = lines.iter().map(|(text, _)| *text).collect();
            let parsed = parse_paragraph(&texts);
            for index in &parsed.images {
                self.report(
                    place(*index),
                    format!(
                        "paragraph {} of `{path}` contains a picture (`![…](…)`)",
                        number + 1
                    ),
                    "pictures cannot go inside the text; list the photo under `photos:` and \
                     remove the `![…](…)` from the paragraph",
                );
            }
            for (index, url) in &parsed.links {
                if let Some(help) = web_address_problem(url, true) {
                    self.report(
                        place(*index),
                        format!(
                            "a link in paragraph {} of `{path}` has no usable address: `{url}`",
                            number + 1
                        ),
                        format!("{help}. A link is written `[text](https://www.example.org)`"),
                    );
                }
            }
            if !parsed.inlines.is_empty() {
                out.push(Paragraph {
                    inlines: parsed.inlines,
                    span: place(0),
                });
            }
        }
        out
    }

    /// Finds the file line (0-based index) holding `text` at or after `from`, with the
    /// 1-based column where the text starts.
    fn find_line(&self, text: &str, from: usize) -> Option<(usize, u32)> {
        self.source_lines
            .iter()
            .enumerate()
            .skip(from)
            .take(LINE_SEARCH_WINDOW)
            .find(|(_, line)| line.trim_matches(|c: char| c.is_ascii_whitespace()) == text)
            .map(|(index, line)| {
                let indent = line.chars().take_while(|c| c.is_ascii_whitespace()).count();
                (index, u32::try_from(indent + 1).unwrap_or(u32::MAX))
            })
    }

    fn photos(
        &mut self,
        value: Option<SpannedList<RawPhoto>>,
        root: &Span,
        sections: &[Section],
    ) -> Vec<Photo> {
        let items = self.list(value, root, "photos", "photo");
        // The first photo marked as the cover, to point at when a second one is.
        let mut cover: Option<Span> = None;
        let mut photos = Vec::with_capacity(items.len());
        for (i, item) in items.into_iter().enumerate() {
            let path = format!("photos[{i}]");
            let span = span_of(&item.referenced, path.clone());
            let raw = item.value;
            let file = self.text(raw.file, &span, format!("{path}.file"), "file");
            let file = self.existing_file(file, "photo");
            let caption = self.text(raw.caption, &span, format!("{path}.caption"), "caption");
            let credit = self.text(raw.credit, &span, format!("{path}.credit"), "credit");
            let alt = self.text(raw.alt, &span, format!("{path}.alt"), "alt");
            let focus = self.focus(raw.focus, &path);
            let (placement, placement_span) = self.placement(raw.placement, &path);
            if placement == PhotoPlacement::Cover
                && let Some(placement_span) = placement_span
            {
                match &cover {
                    Some(first) => self.second_cover(placement_span, first),
                    None => cover = Some(span.clone()),
                }
            }
            let section = self.photo_section(raw.section, &path, sections);
            photos.push(Photo {
                file,
                caption,
                credit,
                alt,
                focus,
                placement,
                section,
            });
        }
        photos
    }

    /// Reads `placement:`, defaulting to `auto`; also gives back where it was written.
    fn placement(
        &mut self,
        value: Option<Spanned<String>>,
        photo: &str,
    ) -> (PhotoPlacement, Option<Span>) {
        let Some(value) = value else {
            return (PhotoPlacement::Auto, None);
        };
        let path = format!("{photo}.placement");
        let span = span_of(&value.referenced, path.clone());
        let word = value.value.trim();
        if let Some((_, placement, _)) = schema::PLACEMENTS.iter().find(|(w, ..)| *w == word) {
            return (*placement, Some(span));
        }
        let lower = word.to_lowercase();
        let guess = PLACEMENT_SYNONYMS
            .iter()
            .find(|(synonym, _)| *synonym == lower)
            .map(|(_, w)| *w)
            .or_else(|| closest(word, schema::PLACEMENTS.iter().map(|(w, ..)| *w)))
            .map(|w| format!("did you mean `{w}`? "))
            .unwrap_or_default();
        let choices = schema::PLACEMENTS
            .iter()
            .map(|(w, _, meaning)| format!("`{w}` ({meaning})"))
            .collect::<Vec<_>>()
            .join(", ");
        let message = if word.is_empty() {
            format!("`{path}` is empty")
        } else {
            format!("`{path}` is `{word}`, which is not a placement")
        };
        self.report(
            span.clone(),
            message,
            format!(
                "{guess}A photo's placement is one of {choices}. Leave `placement:` out for `auto`."
            ),
        );
        (PhotoPlacement::Auto, Some(span))
    }

    /// Reports a second photo marked as the cover; `first` is the first such photo.
    fn second_cover(&mut self, span: Span, first: &Span) {
        let message = format!(
            "`{}` is `cover`, but `{}` is already the cover photo",
            span.path, first.path
        );
        self.report(
            span,
            message,
            format!(
                "only one photo can have `placement: cover`; the cover photo is `{}` on line {}. \
                 Give this one `auto`, `column` or `page`, or leave `placement:` out",
                first.path, first.line
            ),
        );
    }

    /// Resolves `section:` to the index of the section whose heading it repeats.
    fn photo_section(
        &mut self,
        value: Option<Spanned<String>>,
        photo: &str,
        sections: &[Section],
    ) -> Option<usize> {
        let value = value?;
        let span = span_of(&value.referenced, format!("{photo}.section"));
        let name = one_line(&value.value);
        if name.is_empty() {
            self.report_empty(&span, "section");
            return None;
        }
        if let Some(index) = sections.iter().position(|s| s.heading.value == name) {
            return Some(index);
        }
        // A blank heading is reported already, and may be the one this photo names once
        // it is filled in; complaining here too would only add noise.
        if sections.is_empty() || sections.iter().any(|s| s.heading.value.is_empty()) {
            return None;
        }
        let headings: Vec<&str> = sections.iter().map(|s| s.heading.value.as_str()).collect();
        let guess = closest(&name, headings.iter().copied())
            .map(|h| format!("did you mean `{h}`? "))
            .unwrap_or_default();
        let list = headings
            .iter()
            .map(|h| format!("`{h}`"))
            .collect::<Vec<_>>()
            .join(", ");
        let message = format!(
            "`{}` is `{name}`, which is not the heading of any section",
            span.path
        );
        self.report(
            span,
            message,
            format!(
                "{guess}The section headings are: {list}. Write the heading exactly as it is \
                 under `sections:`, or leave `section:` out"
            ),
        );
        None
    }

    fn quote(&mut self, value: Option<Spanned<RawQuote>>) -> Option<Quote> {
        let value = value?;
        let span = span_of(&value.referenced, "quote");
        let raw = value.value;
        let mut text = self.text(raw.text, &span, "quote.text".into(), "text");
        // The layout sets its own typographic quotes; typed ones would double them.
        if let Some(inner) = strip_quotation_marks(&text.value) {
            text.value = inner.to_string();
            if text.value.is_empty() {
                self.report_empty(&text.span, "text");
            }
        }
        let attribution = self.text(
            raw.attribution,
            &span,
            "quote.attribution".into(),
            "attribution",
        );
        Some(Quote { text, attribution })
    }

    fn chart(&mut self, value: Option<Spanned<RawChart>>) -> Option<Chart> {
        let value = value?;
        let span = span_of(&value.referenced, "chart");
        let raw = value.value;
        let title = self.text(raw.title, &span, "chart.title".into(), "title");
        let unit = self.optional_text(raw.unit, "chart.unit".into(), "unit");
        let reported = self.diagnostics.len();
        let bars = self.chart_bars(raw.bars, &span);
        // Only judge the scale against values that are all known to be good.
        let bars_ok = self.diagnostics.len() == reported;
        let source = self.text(raw.source, &span, "chart.source".into(), "source");
        let max = self.chart_max(raw.max, &bars, bars_ok, unit.as_ref(), &span);
        Some(Chart {
            title,
            unit,
            bars,
            source,
            max: Some(max),
        })
    }

    fn chart_bars(
        &mut self,
        value: Option<SpannedList<RawChartBar>>,
        chart: &Span,
    ) -> Vec<ChartBar> {
        const PATH: &str = "chart.bars";
        let Some(list) = value else {
            self.missing(chart, PATH, "bars");
            return Vec::new();
        };
        let count = list.value.len();
        if count < MIN_BARS {
            let has = if count == 0 {
                "no bars".to_string()
            } else {
                format!("only {}", bars_word(count))
            };
            self.report(
                span_of(&list.referenced, PATH),
                format!("`{PATH}` has {has}; a chart needs at least {MIN_BARS}"),
                format!(
                    "a chart compares things: add {} (at least {MIN_BARS} in all), for \
                     example:\n{}\nA single number fits better as a key figure",
                    bars_word(MIN_BARS - count),
                    schema::example_for("bars").unwrap_or_default()
                ),
            );
        }
        let mut bars = Vec::with_capacity(count);
        for (i, item) in list.value.into_iter().enumerate() {
            let path = format!("{PATH}[{i}]");
            let span = span_of(&item.referenced, path.clone());
            if i == MAX_BARS {
                self.report(
                    span.clone(),
                    format!("`{PATH}` has {}; at most {MAX_BARS} fit", bars_word(count)),
                    format!(
                        "remove {} from here on, or combine the smallest ones; a chart with \
                         more bars cannot be read at print size",
                        bars_word(count - MAX_BARS)
                    ),
                );
            }
            let raw = item.value;
            bars.push(ChartBar {
                label: self.text(raw.label, &span, format!("{path}.label"), "label"),
                value: self.bar_value(raw.value, &span, format!("{path}.value")),
                display: self.optional_text(raw.display, format!("{path}.display"), "display"),
            });
        }
        bars
    }

    /// A bar's value: a finite number, 0 or more. A bad one is reported and read as 0.
    fn bar_value(&mut self, value: Option<Spanned<f64>>, bar: &Span, path: String) -> Sp<f64> {
        let Some(value) = value else {
            self.missing(bar, &path, "value");
            return Sp::new(0.0, span_with_path(bar, &path));
        };
        let span = span_of(&value.referenced, path);
        let number = value.value;
        if !number.is_finite() {
            self.report(
                span.clone(),
                format!(
                    "`{}` is `{number}`, which is not a number a bar can show",
                    span.path
                ),
                "write a plain number such as 20",
            );
            return Sp::new(0.0, span);
        }
        if number < 0.0 {
            self.report(
                span.clone(),
                format!(
                    "`{}` is {number}, but a bar cannot be shorter than nothing",
                    span.path
                ),
                "bar values must be 0 or more; to show a fall, chart the amounts themselves \
                 (before and after) as two bars",
            );
            return Sp::new(0.0, span);
        }
        Sp::new(number, span)
    }

    /// The end of the chart's scale: `max:` as written, or else 100 for a chart in per
    /// cent and the largest value otherwise (never less than the largest value).
    #[allow(clippy::indexing_slicing)] // fixed separately
    fn chart_max(
        &mut self,
        value: Option<Spanned<f64>>,
        bars: &[ChartBar],
        bars_ok: bool,
        unit: Option<&Sp<String>>,
        chart: &Span,
    ) -> Sp<f64> {
        let largest = bars
            .iter()
            .map(|bar| &bar.value)
            .reduce(|a, b| if b.value > a.value { b } else { a });
        let largest_value = largest.map_or(0.0, |v| v.value);
        let percent = unit.is_some_and(|u| u.value == "%");
        let default = if percent {
            largest_value.max(PERCENT_MAX)
        } else {
            largest_value
        };
        let default_words = if percent {
            "100, or the largest value if that is more"
        } else {
            "the largest value"
        };
        let Some(value) = value else {
            if bars_ok && !bars.is_empty() && default <= 0.0 {
                self.report(
                    bars[0].value.span.clone(),
                    "every bar in `chart.bars` is 0, so the chart has nothing to show",
                    "check the values; to show empty bars on purpose, give the end of the scale \
                     with `max:`, e.g. `max: 100`",
                );
            }
            return Sp::new(default, span_with_path(chart, "chart.max"));
        };
        let span = span_of(&value.referenced, "chart.max");
        let number = value.value;
        if !number.is_finite() || number <= 0.0 {
            self.report(
                span.clone(),
                format!("`chart.max` is `{number}`, but the end of the scale must be above 0"),
                format!(
                    "write a plain number such as 100, at least as large as the largest bar, or \
                     leave `max:` out to use {default_words}"
                ),
            );
            return Sp::new(default, span);
        }
        if bars_ok
            && let Some(largest) = largest
            && largest.value > number
        {
            self.report(
                span.clone(),
                format!(
                    "`chart.max` is {number}, less than `{}` ({}): that bar would run off the \
                     scale",
                    largest.span.path, largest.value
                ),
                format!(
                    "make `max:` at least {}, or leave it out to use {default_words}",
                    largest.value
                ),
            );
        }
        Sp::new(number, span)
    }

    fn call_to_action(&mut self, value: Option<Spanned<RawCallToAction>>) -> Option<CallToAction> {
        const PATH: &str = "call_to_action";
        let value = value?;
        let span = span_of(&value.referenced, PATH);
        let raw = value.value;
        let heading = self.text(raw.heading, &span, format!("{PATH}.heading"), "heading");
        let paragraphs = self.body(raw.body, &span, format!("{PATH}.body"));
        let donate_url = self.text(
            raw.donate_url,
            &span,
            format!("{PATH}.donate_url"),
            "donate_url",
        );
        if !donate_url.value.is_empty()
            && let Some(help) = web_address_problem(&donate_url.value, false)
        {
            self.report(
                donate_url.span.clone(),
                format!(
                    "`{PATH}.donate_url` is not a web address: `{}`",
                    donate_url.value
                ),
                format!("{help}. This is the page where readers can give online"),
            );
        }
        let details = match raw.details {
            None => Vec::new(),
            Some(list) => {
                let list_span = span_of(&list.referenced, format!("{PATH}.details"));
                list.value
                    .into_iter()
                    .enumerate()
                    .map(|(i, item)| {
                        self.text(
                            Some(item),
                            &list_span,
                            format!("{PATH}.details[{i}]"),
                            "details",
                        )
                    })
                    .collect()
            }
        };
        Some(CallToAction {
            heading,
            paragraphs,
            donate_url,
            details,
        })
    }

    fn focus(&mut self, value: Option<SpannedList<f64>>, photo: &str) -> (f32, f32) {
        let Some(list) = value else {
            return DEFAULT_FOCUS;
        };
        let path = format!("{photo}.focus");
        let help = "write two numbers from 0 to 1, e.g. `focus: [0.5, 0.45]`: the first is how \
                    far across (0 = left edge, 1 = right edge), the second how far down \
                    (0 = top, 1 = bottom)";
        let [x, y] = list.value.as_slice() else {
            self.report(
                span_of(&list.referenced, path.clone()),
                format!(
                    "`{path}` needs exactly two numbers (across, down), but has {}",
                    list.value.len()
                ),
                help,
            );
            return DEFAULT_FOCUS;
        };
        let mut ok = true;
        for (i, v) in [x, y].into_iter().enumerate() {
            if !(0.0..=1.0).contains(&v.value) {
                ok = false;
                self.report(
                    span_of(&v.referenced, format!("{path}[{i}]")),
                    format!("`{path}[{i}]` is {}, outside the range 0 to 1", v.value),
                    help,
                );
            }
        }
        if ok {
            // Values in 0..=1 lose nothing that matters in f32.
            (x.value as f32, y.value as f32)
        } else {
            DEFAULT_FOCUS
        }
    }

    fn fonts(&mut self, value: Option<SpannedList<String>>) -> Vec<Sp<PathBuf>> {
        let Some(list) = value else {
            return Vec::new();
        };
        let list_span = span_of(&list.referenced, "fonts");
        list.value
            .into_iter()
            .enumerate()
            .map(|(i, item)| {
                let text = self.text(Some(item), &list_span, format!("fonts[{i}]"), "fonts");
                self.existing_file(text, "font")
            })
            .collect()
    }

    /// Resolves a file path against the content file's folder and checks the file can
    /// be opened. Reading what is inside is left to the photo and font code.
    fn existing_file(&mut self, text: Sp<String>, what: &str) -> Sp<PathBuf> {
        let resolved = self.base_dir.join(&text.value);
        let result = Sp::new(resolved.clone(), text.span.clone());
        if text.value.is_empty() {
            return result;
        }
        let path = &text.span.path;
        let shown = resolved.display();
        let relative_note = format!(
            "paths are relative to the folder that holds the content file ({})",
            folder_name(self.base_dir)
        );
        match fs::metadata(&resolved) {
            Ok(meta) if meta.is_dir() => self.report(
                text.span.clone(),
                format!("`{path}` names a folder, not a {what} file: `{shown}`"),
                format!(
                    "name the file itself, e.g. `{}/picture.jpg`",
                    text.value.trim_end_matches('/')
                ),
            ),
            // Opening a FIFO would wait for a writer, and a device never ends.
            Ok(meta) if !meta.is_file() => self.report(
                text.span.clone(),
                format!(
                    "`{path}` names {}, not a {what} file: `{shown}`",
                    crate::files::read::kind_of(&meta)
                ),
                format!("name a {what} file"),
            ),
            Ok(_) => {
                if let Err(err) = fs::File::open(&resolved) {
                    self.report(
                        text.span.clone(),
                        format!("the {what} file for `{path}` cannot be read: `{shown}`: {err}"),
                        "check that the file is not locked and that you have permission to read it",
                    );
                }
            }
            Err(err) if err.kind() == ErrorKind::NotFound => {
                let help = match similar_file(&resolved) {
                    Some(name) => {
                        format!("did you mean `{name}`? Check the spelling; {relative_note}")
                    }
                    None => match resolved.parent() {
                        Some(dir) if !dir.as_os_str().is_empty() && !dir.is_dir() => format!(
                            "the folder `{}` does not exist either; {relative_note}",
                            dir.display()
                        ),
                        _ => format!(
                            "check the spelling and that the file is there; {relative_note}"
                        ),
                    },
                };
                self.report(
                    text.span.clone(),
                    format!("the {what} file for `{path}` was not found: `{shown}`"),
                    help,
                );
            }
            Err(err) => self.report(
                text.span.clone(),
                format!("the {what} file for `{path}` cannot be read: `{shown}`: {err}"),
                format!("check the path and your permission to read it; {relative_note}"),
            ),
        }
        result
    }
}

/// "1 bar", "3 bars".
fn bars_word(count: usize) -> String {
    if count == 1 {
        "1 bar".to_string()
    } else {
        format!("{count} bars")
    }
}

/// Pairs of opening and closing quotation marks a quote may have been typed with.
const QUOTATION_MARKS: &[(char, char)] = &[
    ('"', '"'),
    ('\'', '\''),
    ('“', '”'),
    ('„', '“'),
    ('„', '”'),
    ('‘', '’'),
    ('‚', '‘'),
    ('«', '»'),
    ('»', '«'),
    ('‹', '›'),
    ('「', '」'),
    ('『', '』'),
];

/// `text` without the quotation marks around it, if it starts and ends with a matching
/// pair that encloses all of it. `“a” and “b”` is left alone: its first and last marks
/// belong to different quotations.
#[allow(clippy::indexing_slicing)] // fixed separately
fn strip_quotation_marks(text: &str) -> Option<&str> {
    let first = text.chars().next()?;
    let last = text.chars().next_back()?;
    let (open, close) = *QUOTATION_MARKS
        .iter()
        .find(|(open, close)| *open == first && *close == last)?;
    let inner = text
        .get(first.len_utf8()..text.len() - last.len_utf8())?
        .trim();
    let chars: Vec<char> = inner.chars().collect();
    // A mark between two letters is an apostrophe (`children’s`), not a quotation mark.
    let is_mark = |i: usize, mark: char| {
        chars[i] == mark
            && !(i > 0
                && i + 1 < chars.len()
                && chars[i - 1].is_alphanumeric()
                && chars[i + 1].is_alphanumeric())
    };
    let mut depth = 0usize;
    for i in 0..chars.len() {
        if open == close {
            // Straight marks cannot show nesting; any inside means the outer ones may
            // not be a pair.
            if is_mark(i, open) {
                return None;
            }
        } else if is_mark(i, open) {
            depth += 1;
        } else if is_mark(i, close) {
            depth = depth.checked_sub(1)?;
        }
    }
    Some(inner)
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

fn folder_name(dir: &Path) -> String {
    if dir.as_os_str().is_empty() {
        "the current folder".to_string()
    } else {
        format!("`{}`", dir.display())
    }
}

/// The name of a file next to `missing` whose name is close to its name, for a
/// "did you mean" hint.
fn similar_file(missing: &Path) -> Option<String> {
    let name = missing.file_name()?.to_str()?;
    let dir = match missing.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    // A huge folder is not worth scanning for a hint.
    let names: Vec<String> = fs::read_dir(dir)
        .ok()?
        .take(2000)
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .collect();
    closest(name, names.iter().map(String::as_str)).map(str::to_string)
}
