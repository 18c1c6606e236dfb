//! Preflight: everything that can be known about a content file before printing,
//! reported at once. `brochure check` runs it for every layout; `build` runs the same
//! checks for the one it makes.
//!
//! Errors stop a build: content that does not validate, a photo that cannot be used,
//! a character no font can draw, text that does not fit. Warnings do not: a photo
//! printed below [`MIN_PRINT_PPI`], data cut from a photo file.

use std::collections::BTreeMap;

use crate::build::{self, LayoutKind};
use crate::content::model::Content;
use crate::diag::{Diagnostic, Error, Severity};
use crate::image::effective_ppi;
use crate::layout::Paper;
use crate::layout::frame::{self, Content as Item};
use crate::text::FontBook;

/// Below this a photo looks soft in print; it is still used, with a warning.
pub const MIN_PRINT_PPI: f32 = 200.0;

/// A photo within 1 % of [`MIN_PRINT_PPI`] counts as reaching it: the difference
/// cannot be seen, and a layout may size a photo to exactly its text width.
pub fn sharp_enough(ppi: f32) -> bool {
    ppi >= MIN_PRINT_PPI * 0.99
}

/// Most characters named in one missing-glyph message.
const MAX_NAMED_CHARS: usize = 5;

/// One document the preflight laid out.
#[derive(Debug, Clone, PartialEq)]
pub struct Checked {
    /// Its layout.
    pub layout: LayoutKind,
    /// Its paper.
    pub paper: Paper,
    /// The language of its edition.
    pub lang: String,
    /// Pages it would have; `None` when it could not be laid out.
    pub pages: Option<usize>,
}

/// What a preflight found.
#[derive(Debug, Clone, Default)]
pub struct Preflight {
    /// The documents looked at, in order.
    pub documents: Vec<Checked>,
    /// Every problem, errors and warnings, in the order found.
    pub problems: Vec<Diagnostic>,
}

impl Preflight {
    /// The problems that stop a build.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.problems
            .iter()
            .filter(|d| d.severity == Severity::Error)
    }

    /// The problems worth fixing that do not stop a build.
    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.problems
            .iter()
            .filter(|d| d.severity == Severity::Warning)
    }

    /// Whether nothing stops a build.
    pub fn is_ok(&self) -> bool {
        self.errors().next().is_none()
    }

    /// The report as one JSON object for programs: `ok`, `documents` (layout, paper,
    /// pages or null) and `errors` and `warnings`, each with `file`, `line`, `column`,
    /// `field`, `message`, `help` and `context` (null where unknown).
    pub fn to_json(&self) -> String {
        let documents: Vec<serde_json::Value> = self
            .documents
            .iter()
            .map(|d| {
                serde_json::json!({
                    "layout": d.layout.name(),
                    "paper": d.paper.name(),
                    "lang": d.lang,
                    "pages": d.pages,
                })
            })
            .collect();
        let list = |diags: Vec<&Diagnostic>| -> Vec<serde_json::Value> {
            diags.into_iter().map(diagnostic_json).collect()
        };
        serde_json::json!({
            "ok": self.is_ok(),
            "documents": documents,
            "errors": list(self.errors().collect()),
            "warnings": list(self.warnings().collect()),
        })
        .to_string()
    }
}

/// One problem as JSON.
fn diagnostic_json(d: &Diagnostic) -> serde_json::Value {
    let span = d.span.as_ref();
    let known = |n: u32| (n > 0).then_some(n);
    serde_json::json!({
        "file": d.file.display().to_string(),
        "line": span.and_then(|s| known(s.line)),
        "column": span.and_then(|s| known(s.column)),
        "field": span.map(|s| s.path.as_str()).filter(|p| !p.is_empty()),
        "message": d.message,
        "help": d.help,
        "context": d.context,
    })
}

/// Checks the content file at `path` on `paper` for `only` that layout, or else for
/// every layout the content has what it needs for, in the edition `lang` or else in
/// every language the file has.
///
/// # Errors
///
/// Only [`Error::Internal`]: every problem with the input is in the report.
pub fn check(
    path: &std::path::Path,
    only: Option<LayoutKind>,
    paper: Paper,
    lang: Option<&str>,
) -> Result<Preflight, Error> {
    let mut report = Preflight::default();
    let first = match build::load_edition(path, lang) {
        Ok(loaded) => loaded,
        Err(Error::Input(diags)) => {
            report.problems = diags;
            return Ok(report);
        }
        Err(e) => return Err(e),
    };
    let editions: Vec<String> = match lang {
        Some(code) => vec![code.to_string()],
        None => first.0.languages.iter().map(|l| l.0.clone()).collect(),
    };
    let several = editions.len() > 1;
    let mut loaded = Some(first);
    for code in editions {
        let (content, mut ts) = match loaded.take() {
            Some(first) => first,
            None => match build::load_edition(path, Some(&code)) {
                Ok(edition) => edition,
                Err(Error::Input(diags)) => {
                    add_new(&mut report.problems, diags);
                    continue;
                }
                Err(e) => return Err(e),
            },
        };
        add_new(
            &mut report.problems,
            untranslated_warning(&content).into_iter().collect(),
        );
        add_new(&mut report.problems, unused_word_warnings(&content));
        check_edition(&content, &mut ts, only, paper, several, &mut report)?;
    }
    Ok(report)
}

/// [`check`] for one loaded edition; `several` says whether messages must name its
/// language.
fn check_edition(
    content: &Content,
    ts: &mut crate::text::Typesetter,
    only: Option<LayoutKind>,
    paper: Paper,
    several: bool,
    report: &mut Preflight,
) -> Result<(), Error> {
    let mut placed: Vec<std::path::PathBuf> = Vec::new();
    let layouts = match only {
        Some(l) => vec![l],
        None => LayoutKind::for_content(content),
    };
    let lang = &content.lang.0;
    let language = crate::content::lang_name(lang).unwrap_or(lang);
    for layout in layouts {
        let pages = match build::layout(content, layout, paper, ts) {
            Ok(doc) => {
                placed.extend(photo_files(&doc));
                add_new(&mut report.problems, doc.warnings);
                Some(doc.pages.len())
            }
            Err(Error::Input(diags)) => {
                let context = if several {
                    format!("in the {language} {} on {}", layout.title(), paper.name())
                } else {
                    format!("in the {} on {}", layout.title(), paper.name())
                };
                let diags = diags
                    .into_iter()
                    .map(|d| d.with_context(context.clone()))
                    .collect();
                add_new(&mut report.problems, diags);
                None
            }
            Err(e) => return Err(e),
        };
        report.documents.push(Checked {
            layout,
            paper,
            lang: lang.clone(),
            pages,
        });
    }
    // A photo no layout placed would still fail the day a layout does: check it too.
    let unplaced = content
        .photos
        .iter()
        .filter(|p| !placed.contains(&p.file.value));
    for photo in unplaced {
        if let Err(e) = crate::image::PhotoCache::global().prepare(&photo.file.value, None) {
            let d = Diagnostic::new(
                &content.source_path,
                Some(photo.file.span.clone()),
                e.to_string(),
            )
            .with_help(e.help());
            add_new(&mut report.problems, vec![d]);
        }
    }
    crate::diag::attach_source(
        &mut report.problems,
        &content.source_path,
        &content.source_text,
    );
    Ok(())
}

/// Fields named in an untranslated-fields warning before "and N more".
const MAX_NAMED_FIELDS: usize = 4;

/// A warning naming the translated fields that have no text in this edition's
/// language and so print in the default language; `None` when every field has it.
pub fn untranslated_warning(content: &Content) -> Option<Diagnostic> {
    let first = content.untranslated.first()?;
    let code = &content.lang.0;
    let name = crate::content::lang_name(code).unwrap_or(code);
    let default = content.languages.first().map_or("en", |l| l.0.as_str());
    let default_name = crate::content::lang_name(default).unwrap_or(default);
    let count = content.untranslated.len();
    let mut fields: Vec<String> = content
        .untranslated
        .iter()
        .take(MAX_NAMED_FIELDS)
        .map(|s| format!("`{}`", s.path))
        .collect();
    if count > MAX_NAMED_FIELDS {
        fields.push(format!("and {} more", count - MAX_NAMED_FIELDS));
    }
    let what = if count == 1 {
        "field has"
    } else {
        "fields have"
    };
    Some(
        Diagnostic::new(
            &content.source_path,
            Some(first.clone()),
            format!(
                "the {name} (`{code}`) edition prints {default_name} here: {count} translated \
                 {what} no `{code}:` text ({})",
                fields.join(", ")
            ),
        )
        .with_help(format!(
            "add a `{code}: …` line beside the `{default}:` one under each field named"
        ))
        .warning(),
    )
}

/// A warning for each `khmer_words:` entry the file has nowhere else, in any
/// language: usually a spelling that differs from the text's.
pub fn unused_word_warnings(content: &Content) -> Vec<Diagnostic> {
    content
        .khmer_words
        .iter()
        // Its own entry is one occurrence; stop looking at the second.
        .filter(|w| {
            content
                .source_text
                .matches(w.value.as_str())
                .nth(1)
                .is_none()
        })
        .map(|w| {
            Diagnostic::new(
                &content.source_path,
                Some(w.span.clone()),
                format!(
                    "`{}` is in `khmer_words` but appears nowhere in the text",
                    w.value
                ),
            )
            .with_help("check that it is spelt as in the text, or remove it")
            .warning()
        })
        .collect()
}

/// The photo files a document shows.
fn photo_files(doc: &frame::Document) -> impl Iterator<Item = std::path::PathBuf> + '_ {
    doc.pages
        .iter()
        .flat_map(|p| &p.items)
        .filter_map(|item| match &item.content {
            Item::Image(img) => Some(img.image.source.clone()),
            _ => None,
        })
}

/// Appends the problems not already in `into`: one content problem found by every
/// layout is reported once.
fn add_new(into: &mut Vec<Diagnostic>, diags: Vec<Diagnostic>) {
    for d in diags {
        let seen = into
            .iter()
            .any(|e| e.message == d.message && e.span == d.span && e.file == d.file);
        if !seen {
            into.push(d);
        }
    }
}

/// One error per text field that has characters no font in `fonts` can draw (they
/// would print as empty boxes), naming the characters and their code points.
pub fn missing_glyphs(content: &Content, fonts: &FontBook) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for field in content.texts() {
        let mut missing: Vec<char> = Vec::new();
        for c in field.text.chars() {
            if !missing.contains(&c) && !fonts.covers(c) {
                missing.push(c);
            }
        }
        if missing.is_empty() {
            continue;
        }
        let named: Vec<String> = missing
            .iter()
            .take(MAX_NAMED_CHARS)
            .map(|&c| format!("“{c}” (U+{:04X})", u32::from(c)))
            .collect();
        let more = missing.len().saturating_sub(MAX_NAMED_CHARS);
        let list = if more > 0 {
            format!("{} and {more} more", named.join(", "))
        } else {
            named.join(", ")
        };
        let noun = if missing.len() == 1 {
            "a character"
        } else {
            "characters"
        };
        out.push(
            Diagnostic::new(
                &content.source_path,
                Some(field.span.clone()),
                format!(
                    "`{}` has {noun} that no font can draw, which would print as empty boxes: {list}",
                    field.span.path
                ),
            )
            .with_help(
                "remove or replace the character, or add a font that has it under `fonts:` \
                 (the bundled fonts cover Latin, Greek, Cyrillic, Khmer and Japanese)",
            ),
        );
    }
    out
}

/// Warnings about the photos of a laid-out document: any printed below
/// [`MIN_PRINT_PPI`] (named with its resolution and the size it would need), and what
/// was noticed while preparing them. One warning per photo and kind.
pub fn photo_warnings(
    content: &Content,
    doc: &frame::Document,
    layout: LayoutKind,
    paper: Paper,
) -> Vec<Diagnostic> {
    // The lowest resolution each photo file is printed at, and its worst placement.
    let mut lowest: BTreeMap<&std::path::Path, (f32, f32, f32)> = BTreeMap::new();
    let mut notes: Vec<(&std::path::Path, &str)> = Vec::new();
    for item in doc.pages.iter().flat_map(|p| &p.items) {
        let Item::Image(img) = &item.content else {
            continue;
        };
        let prepared = &img.image;
        let ppi = effective_ppi(prepared.width, img.image_rect.w)
            .min(effective_ppi(prepared.height, img.image_rect.h));
        let entry = lowest
            .entry(prepared.source.as_path())
            .or_insert((f32::INFINITY, 0.0, 0.0));
        if ppi < entry.0 {
            *entry = (ppi, img.image_rect.w, img.image_rect.h);
        }
        for w in &prepared.warnings {
            if !notes
                .iter()
                .any(|(p, n)| *p == prepared.source.as_path() && *n == w.as_str())
            {
                notes.push((prepared.source.as_path(), w));
            }
        }
    }
    let span_of = |path: &std::path::Path| {
        content
            .photos
            .iter()
            .find(|p| p.file.value == path)
            .map(|p| p.file.span.clone())
    };
    let mut out: Vec<Diagnostic> = notes
        .into_iter()
        .map(|(path, note)| {
            Diagnostic::new(&content.source_path, span_of(path), note)
                .with_help("save the photo again from an image editor to make a clean file")
                .warning()
        })
        .collect();
    for (path, (ppi, w, h)) in lowest {
        if sharp_enough(ppi) {
            continue;
        }
        let need = |pt: f32| (pt / 72.0 * MIN_PRINT_PPI).ceil() as u32;
        out.push(
            Diagnostic::new(
                &content.source_path,
                span_of(path),
                format!(
                    "photo {} is printed at only {ppi:.0} ppi in the {} on {}; it will look soft",
                    path.display(),
                    layout.title(),
                    paper.name()
                ),
            )
            .with_help(format!(
                "use a larger version of the photo, at least {} × {} pixels for {MIN_PRINT_PPI:.0} ppi at this size",
                need(w),
                need(h)
            ))
            .warning(),
        );
    }
    out
}

/// How much text `text` in `lang` is, in the unit a writer counts it in: words where
/// spaces part them, characters in the languages written without (Japanese, Chinese,
/// Khmer, Thai, Lao, Burmese).
fn amount(text: &str, lang: &str) -> (usize, &'static str) {
    match crate::text::primary_language(lang) {
        "ja" | "zh" | "km" | "th" | "lo" | "my" => (
            text.chars().filter(|c| !c.is_whitespace()).count(),
            "characters",
        ),
        _ => (text.split_whitespace().count(), "words"),
    }
}

/// A warning when the document's text columns or panels are left short: the content
/// is less than the layout needs to look finished, even with the type and photos at
/// their largest. Says how much is missing, in words (or characters) of body text.
pub fn fill_warnings(
    content: &Content,
    doc: &frame::Document,
    layout: LayoutKind,
    paper: Paper,
) -> Vec<Diagnostic> {
    use crate::layout::fit::MIN_FILL;
    use crate::layout::measure::fill;
    let mut missing = 0.0f32;
    let mut filled = 0.0f32;
    let mut worst = 1.0f32;
    for page in &doc.pages {
        for region in &page.regions {
            let f = fill(page, *region);
            worst = worst.min(f);
            filled += f * region.h;
            missing += (MIN_FILL - f).max(0.0) * region.h;
        }
    }
    if worst >= MIN_FILL {
        return Vec::new();
    }
    // The text that flows: the letter's in the donor letter, the sections' elsewhere.
    let (paragraphs, section): (Vec<&crate::content::model::Paragraph>, _) =
        match (layout, &content.letter) {
            (LayoutKind::DonorLetter, Some(l)) => (
                l.paragraphs.iter().collect(),
                l.paragraphs.last().map(|p| crate::content::model::Span {
                    path: "letter.body".into(),
                    ..p.span.clone()
                }),
            ),
            _ => (
                content
                    .sections
                    .iter()
                    .flat_map(|s| &s.paragraphs)
                    .collect(),
                content.sections.last().map(|s| s.heading.span.clone()),
            ),
        };
    let text: String = paragraphs.iter().map(|p| p.plain_text() + " ").collect();
    let (words, unit) = amount(&text, &content.lang.0);
    // Words per point of column height as the document sets them now.
    let per_pt = if filled > 0.0 {
        words as f32 / filled
    } else {
        0.0
    };
    let need = ((missing * per_pt / 10.0).ceil() * 10.0).max(10.0);
    vec![
        Diagnostic::new(
            &content.source_path,
            section,
            format!(
                "the text is short for the {} on {}: a column is only {:.0} % filled, with the type and photos at their largest",
                layout.title(),
                paper.name(),
                worst * 100.0
            ),
        )
        .with_help(match layout {
            LayoutKind::DonorLetter => format!(
                "add about {need:.0} {unit} to the letter, or keep it short: the foot of the page stays blank"
            ),
            _ => format!(
                "add about {need:.0} {unit} of text (or another photo), or choose a shorter layout such as the fact sheet"
            ),
        })
        .warning(),
    ]
}

#[cfg(test)]
mod tests {
    use super::amount;

    #[test]
    fn text_is_counted_in_words_or_in_characters_as_it_is_written() {
        assert_eq!(amount("Every child deserves care.", "en"), (4, "words"));
        assert_eq!(amount("すべての子どもに医療を。", "ja"), (12, "characters"));
        assert_eq!(
            amount("2004年にSmile for Allを始めた", "ja-JP"),
            (21, "characters")
        );
        assert_eq!(amount("សេវាថែទាំ សុខភាព", "km"), (15, "characters"));
    }
}
