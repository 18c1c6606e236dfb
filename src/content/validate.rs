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
use super::raw::{RawContent, RawOrganisation, SpannedList};
use super::schema;
use super::suggest::closest;
use super::{SUPPORTED_LANGS, lang_name};
use crate::content::model::{
    Content, KeyFigure, Lang, Organisation, Paragraph, Photo, Rgb, Section, Sp, Span,
};
use crate::diag::Diagnostic;

/// Focus used when a photo names none: the middle of the picture.
const DEFAULT_FOCUS: (f32, f32) = (0.5, 0.5);

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
    let photos = checker.photos(raw.photos, &root);
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
        source_text: source.to_string(),
        lang,
        title,
        organisation,
        sections,
        key_figures,
        photos,
        fonts,
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
    if allow_mail && lower.starts_with("mailto:") && lower.len() > "mailto:".len() {
        return None;
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
        let help = match schema::example_for(field) {
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
            let help = match schema::example_for(field) {
                Some(example) => {
                    format!("write the text after `{field}:`, for example:\n{example}")
                }
                None => format!("write the text after `{field}:`"),
            };
            self.report(span.clone(), format!("`{}` is empty", span.path), help);
        }
        Sp::new(text, span)
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
            let help = match schema::example_for(field) {
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
        value: Option<SpannedList<super::raw::RawKeyFigure>>,
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

    fn sections(
        &mut self,
        value: Option<SpannedList<super::raw::RawSection>>,
        root: &Span,
    ) -> Vec<Section> {
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

    /// Splits a section body into paragraphs at blank lines and parses their inline
    /// markup, pointing each paragraph at its line in the file.
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
                "write the section's paragraphs indented under `body: |`, with a blank line \
                 between paragraphs, for example:\nbody: |\n  First paragraph.\n\n  Second paragraph.",
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
        value: Option<SpannedList<super::raw::RawPhoto>>,
        root: &Span,
    ) -> Vec<Photo> {
        let items = self.list(value, root, "photos", "photo");
        items
            .into_iter()
            .enumerate()
            .map(|(i, item)| {
                let path = format!("photos[{i}]");
                let span = span_of(&item.referenced, path.clone());
                let raw = item.value;
                let file = self.text(raw.file, &span, format!("{path}.file"), "file");
                Photo {
                    file: self.existing_file(file, "photo"),
                    caption: self.text(raw.caption, &span, format!("{path}.caption"), "caption"),
                    credit: self.text(raw.credit, &span, format!("{path}.credit"), "credit"),
                    alt: self.text(raw.alt, &span, format!("{path}.alt"), "alt"),
                    focus: self.focus(raw.focus, &path),
                }
            })
            .collect()
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
