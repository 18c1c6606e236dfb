//! Content files: YAML in, a validated [`model::Content`] out, or every problem at once.
//!
//! Reading happens in two steps. serde reads the YAML into loose structs that accept
//! missing fields but refuse unknown ones; a YAML syntax error, a value of the wrong
//! kind or an unknown field stops there with one diagnostic. Then every value is
//! checked (required text present, colour, URLs, language, photo and font files, focus,
//! duplicate headings, photo placements and sections, chart bars and scale) and all
//! problems found are reported together.
//!
//! The format is described for the people who write these files in
//! `docs/content-format.md`.

pub mod model;

mod checks;
mod inline;
mod lists;
mod raw;
mod schema;
mod suggest;
mod validate;
mod yaml_error;
mod yaml_limits;

use std::ops::RangeInclusive;
use std::path::Path;
use std::sync::Arc;

use serde_saphyr::Spanned;

pub use model::{
    CallToAction, Chart, ChartBar, Content, Inline, KeyFigure, Lang, Organisation, Paragraph,
    Photo, PhotoPlacement, Quote, Rgb, Section, Sp, Span, TextField,
};

use crate::diag::{Diagnostic, Error};
use crate::files::{ReadError, read_limited};
use crate::limits::MAX_CONTENT_BYTES;
use raw::RawContent;

/// Languages a content file may declare in `lang:`, with their English names.
pub const SUPPORTED_LANGS: &[(&str, &str)] =
    &[("en", "English"), ("ja", "Japanese"), ("km", "Khmer")];

/// The language codes `lang:` accepts: `en`, `ja`, `km`.
pub fn supported_langs() -> impl Iterator<Item = &'static str> {
    SUPPORTED_LANGS.iter().map(|(code, _)| *code)
}

/// The English name of a supported language code, e.g. `Khmer` for `km`.
pub fn lang_name(code: &str) -> Option<&'static str> {
    SUPPORTED_LANGS
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, name)| *name)
}

/// A few lines of YAML showing the field or group `field` written correctly, for
/// messages outside the content module (a layout that needs a group the file lacks).
pub fn example_yaml(field: &str) -> Option<&'static str> {
    schema::example_for(field)
}

/// Reads and validates the content file at `path`, in its own language (`lang:`).
///
/// A missing or unreadable file, text that is not UTF-8, and every problem [`parse`]
/// finds come back as [`Error::Input`].
pub fn load(path: &Path) -> Result<Content, Error> {
    load_edition(path, None)
}

/// [`load`] for the edition in language `edition` (a code such as `km`): translated
/// fields give that language's text, or the default language's where it has none.
/// `None` is the file's own language. A language the file has no text in is an error.
pub fn load_edition(path: &Path, edition: Option<&str>) -> Result<Content, Error> {
    let bytes = read_limited(path, MAX_CONTENT_BYTES).map_err(|err| {
        let diagnostic = match err {
            ReadError::NotFound => Diagnostic::new(path, None, "content file not found").with_help(
                "check the file name and folder; the path is relative to where you run the command",
            ),
            ReadError::TooLarge { .. } => Diagnostic::new(
                path,
                None,
                format!("the content file cannot be used: {err}"),
            )
            .with_help(
                "a content file holds text only; photos and fonts are separate files named in it. \
                 Is this the right file?",
            ),
            other => Diagnostic::new(
                path,
                None,
                format!("the content file cannot be read: {other}"),
            )
            .with_help("give the path of a YAML file that you have permission to read"),
        };
        Error::input(diagnostic)
    })?;
    let text = String::from_utf8(bytes).map_err(|err| {
        let valid = err
            .as_bytes()
            .get(..err.utf8_error().valid_up_to())
            .unwrap_or_default();
        // The prefix is valid UTF-8 by definition, so this never loses anything.
        let before = String::from_utf8_lossy(valid);
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        let span = Span {
            line: u32::try_from(line).unwrap_or(u32::MAX),
            column: u32::try_from(column).unwrap_or(u32::MAX),
            path: String::new(),
        };
        Error::input(
            Diagnostic::new(path, Some(span), "the content file is not UTF-8 text")
                .with_help("save it as UTF-8 (most editors offer this under “Save as” or “Encoding”); is this the right file?"),
        )
    })?;
    parse_edition(&text, path, edition)
}

/// Parses and validates content from `source_text`, as if read from `path`.
///
/// `path` names the file in diagnostics, and photo and font paths are resolved against
/// its folder (and must exist there).
pub fn parse(source_text: &str, path: &Path) -> Result<Content, Error> {
    parse_edition(source_text, path, None)
}

/// [`parse`] for the edition in language `edition`, as [`load_edition`].
pub fn parse_edition(
    source_text: &str,
    path: &Path,
    edition: Option<&str>,
) -> Result<Content, Error> {
    let content = parse_unquoted(source_text, path, edition)
        .map_err(|e| e.with_source(path, &Arc::from(source_text)))?;
    match edition {
        Some(code) if !content.languages.iter().any(|l| l.0 == code) => {
            Err(Error::input(no_such_edition(&content, code)))
        }
        _ => Ok(content),
    }
}

/// The problem with asking for an edition in a language the file has no text in.
fn no_such_edition(content: &Content, code: &str) -> Diagnostic {
    let has = content
        .languages
        .iter()
        .map(|l| format!("`{}` ({})", l.0, lang_name(&l.0).unwrap_or("?")))
        .collect::<Vec<_>>()
        .join(", ");
    let message = match lang_name(code) {
        Some(name) => format!("the content file has no {name} (`{code}`) text"),
        None => format!(
            "`{}` is not a language code brochure knows",
            checks::echo(code)
        ),
    };
    let supported = supported_langs().collect::<Vec<_>>().join(", ");
    Diagnostic::new(&content.source_path, None, message).with_help(format!(
        "build one of the languages it has: {has}; or give fields a translation, one line          per language (codes: {supported}), for example:\ntitle:\n  en: Our year\n  km: ឆ្នាំរបស់យើង"
    ))
}

/// [`parse_edition`], with diagnostics that do not carry the text yet.
fn parse_unquoted(source_text: &str, path: &Path, edition: Option<&str>) -> Result<Content, Error> {
    let size = u64::try_from(source_text.len()).unwrap_or(u64::MAX);
    if size > MAX_CONTENT_BYTES {
        return Err(Error::input(
            Diagnostic::new(
                path,
                None,
                format!(
                    "the content file is {} bytes, more than the {} a content file can have",
                    checks::grouped(size),
                    checks::megabytes(MAX_CONTENT_BYTES)
                ),
            )
            .with_help(
                "a content file is normally a few tens of kilobytes of text; check that this \
                 is the right file, and that photos are named under `photos:` rather than \
                 pasted in",
            ),
        ));
    }
    let read = serde_saphyr::from_str_with_options::<Option<Spanned<RawContent>>>(
        source_text,
        raw::options(),
    );
    match read {
        Err(err) => Err(Error::input(yaml_error::diagnostic(
            &err,
            source_text,
            path,
        ))),
        Ok(None) => Err(Error::input(
            Diagnostic::new(
                path,
                Some(Span {
                    line: 1,
                    column: 1,
                    path: String::new(),
                }),
                "the content file is empty",
            )
            .with_help(
                "start from the example content file and the field list in \
                 docs/content-format.md; at least `title:`, `organisation:`, `key_figures:`, \
                 `sections:` and `photos:` are needed",
            ),
        )),
        Ok(Some(raw)) => validate::validate(raw, source_text, path, edition).map_err(Error::Input),
    }
}

/// Checks that `content` has a number of key figures in `allowed`, for layouts with a
/// fixed grid (the fact sheet shows 4 to 6). The content file itself accepts any
/// number from one up.
pub fn check_key_figure_count(
    content: &Content,
    allowed: RangeInclusive<usize>,
) -> Option<Diagnostic> {
    let count = content.key_figures.len();
    if allowed.contains(&count) {
        return None;
    }
    let (min, max) = (*allowed.start(), *allowed.end());
    let wanted = if min == max {
        format!("{min}")
    } else {
        format!("{min} to {max}")
    };
    // Point at the first figure that does not fit, or the last one if too few.
    let figure = content
        .key_figures
        .get(max.min(count.saturating_sub(1)))
        .or(content.key_figures.last());
    let span = figure.map(|f| Span {
        path: "key_figures".to_string(),
        ..f.value.span.clone()
    });
    let help = if count < min {
        format!(
            "add {} more key figure(s) under `key_figures:`",
            min - count
        )
    } else {
        format!(
            "remove {} key figure(s): this layout has room for {max}",
            count - max
        )
    };
    Some(
        Diagnostic::new(
            &content.source_path,
            span,
            format!("this layout needs {wanted} key figures, but the content file has {count}"),
        )
        .with_help(help),
    )
}
