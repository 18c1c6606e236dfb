//! Diagnostics: problems in the user's input, reported all at once with file, line,
//! the offending source line and a fix.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

use crate::content::model::Span;

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Severity {
    /// The document cannot be made (or would be wrong): nothing is written.
    #[default]
    Error,
    /// The document is made, but something is worth fixing (a photo too soft for
    /// print, data left out of a photo).
    Warning,
}

/// One problem with the user's input.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    /// What is wrong, in one sentence.
    pub message: String,
    /// The file the problem is in.
    pub file: PathBuf,
    /// Where in the file, if known (line/column and field path).
    pub span: Option<Span>,
    /// How to fix it.
    pub help: Option<String>,
    /// Error or warning.
    pub severity: Severity,
    /// The text of `file`, when it is the content file already in memory, so that the
    /// offending line can be quoted without reading any file again.
    pub source: Option<Arc<str>>,
    /// Which document it is about, when not every one: "in the brochure on A4".
    pub context: Option<String>,
}

impl Diagnostic {
    /// A problem at a place in a file.
    pub fn new(file: impl Into<PathBuf>, span: Option<Span>, message: impl Into<String>) -> Self {
        Diagnostic {
            message: message.into(),
            file: file.into(),
            span,
            help: None,
            severity: Severity::Error,
            source: None,
            context: None,
        }
    }

    /// Says which document the problem is about.
    pub fn with_context(mut self, context: impl Into<String>) -> Self {
        self.context = Some(context.into());
        self
    }

    /// The same problem as a warning.
    pub fn warning(mut self) -> Self {
        self.severity = Severity::Warning;
        self
    }

    /// Adds a fix suggestion.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// Everything that can stop a build.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The input is wrong: content, photo, font or overflow. Exit code 2.
    #[error("{} problem(s) in the input", .0.len())]
    Input(Vec<Diagnostic>),
    /// Something failed that is not the user's fault. Exit code 1.
    #[error("internal error: {0}")]
    Internal(String),
}

impl Error {
    /// Lets every problem in `file` quote its line from `text`, the file's contents
    /// already in memory.
    pub fn with_source(mut self, file: &Path, text: &Arc<str>) -> Self {
        if let Error::Input(diags) = &mut self {
            attach_source(diags, file, text);
        }
        self
    }

    /// The process exit code for this error.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Input(_) => 2,
            Error::Internal(_) => 1,
        }
    }

    /// A single input problem.
    pub fn input(d: Diagnostic) -> Self {
        Error::Input(vec![d])
    }
}

/// Lets every diagnostic about `file` quote its line from `text`.
pub fn attach_source(diags: &mut [Diagnostic], file: &Path, text: &Arc<str>) {
    for d in diags
        .iter_mut()
        .filter(|d| d.file == file && d.source.is_none())
    {
        d.source = Some(Arc::clone(text));
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(span) = &self.span {
            if span.line > 0 {
                write!(f, ":{}:{}", span.line, span.column)?;
            }
            if !span.path.is_empty() {
                write!(f, " ({})", span.path)?;
            }
        }
        write!(f, ": {}", self.message)?;
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

/// Renders diagnostics for a terminal as plain text, rustc style: `error: message`
/// (or `warning:`), `--> file:line:column`, the offending line with a caret under the
/// spot, and the `help:` line. The line comes from the diagnostic's own
/// [`Diagnostic::source`], else from `source_text`; without either (or a line number)
/// the line and caret are left out. Diagnostics are separated by blank lines.
pub fn render(diags: &[Diagnostic], source_text: Option<&str>) -> String {
    render_with_color(diags, source_text, false)
}

/// [`render`], with ANSI colours when `color` is true.
pub fn render_with_color(diags: &[Diagnostic], source_text: Option<&str>, color: bool) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    diags
        .iter()
        .map(|d| render_one(&renderer, d, source_text))
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn render_one(renderer: &Renderer, d: &Diagnostic, source_text: Option<&str>) -> String {
    let file = d.file.display().to_string();
    let span = d.span.as_ref();
    let field_path = span.map(|s| s.path.as_str()).filter(|p| !p.is_empty());
    let line_no = span.map_or(0, |s| s.line);
    let column = span.map_or(0, |s| s.column);
    let line_text = d
        .source
        .as_deref()
        .or(source_text)
        .filter(|_| line_no > 0)
        .and_then(|text| text.lines().nth(usize::try_from(line_no - 1).ok()?));

    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let mut group = Group::with_title(level.primary_title(d.message.as_str()));
    match line_text {
        Some(line_text) => {
            let range = token_at(line_text, column);
            let annotation = AnnotationKind::Primary.span(range);
            let annotation = match field_path {
                Some(path) => annotation.label(path),
                None => annotation,
            };
            group = group.element(
                Snippet::source(line_text)
                    .line_start(usize::try_from(line_no).unwrap_or(usize::MAX))
                    .path(file.as_str())
                    .annotation(annotation),
            );
        }
        None => {
            let mut origin = Origin::path(file.as_str());
            if line_no > 0 {
                origin = origin.line(usize::try_from(line_no).unwrap_or(usize::MAX));
                if column > 0 {
                    origin = origin.char_column(usize::try_from(column).unwrap_or(usize::MAX));
                }
            }
            group = group.element(origin);
            if let Some(path) = field_path {
                group = group.element(Level::NOTE.message(format!("in `{path}`")));
            }
        }
    }
    if let Some(context) = &d.context {
        group = group.element(Level::NOTE.message(context.as_str()));
    }
    if let Some(help) = &d.help {
        group = group.element(Level::HELP.message(help.as_str()));
    }
    renderer.render(&[group])
}

/// Byte range to underline in `line` for a 1-based character `column`: the quoted
/// string or the bare word that starts there, at least one character. Out-of-range
/// columns point just past the end of the line.
fn token_at(line: &str, column: u32) -> std::ops::Range<usize> {
    let skip = usize::try_from(column.saturating_sub(1)).unwrap_or(usize::MAX);
    let Some((start, first)) = line.char_indices().nth(skip) else {
        return line.len()..line.len();
    };
    let rest = &line[start..];
    let len = match first {
        // Whitespace (a stray tab, say) is underlined on its own.
        c if c.is_whitespace() => c.len_utf8(),
        // A quoted value: up to and including the closing quote, if on this line.
        '"' | '\'' => rest[1..]
            .find(first)
            .map_or(rest.trim_end().len(), |end| end + 2),
        // A bare value: up to a separator, a comment or the end of the line.
        _ => {
            let end = rest
                .char_indices()
                .find(|&(i, c)| {
                    i > 0
                        && (matches!(c, ',' | ']' | '}' | ':')
                            || (c == '#' && rest[..i].ends_with(' ')))
                })
                .map_or(rest.len(), |(i, _)| i);
            rest[..end].trim_end().len().max(first.len_utf8())
        }
    };
    start..start + len
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens() {
        let line = r##"  brand_color: "#zz0000"  # red"##;
        assert_eq!(&line[token_at(line, 16)], r##""#zz0000""##);
        assert_eq!(&line[token_at(line, 3)], "brand_color");
        let line = "    focus: [1.5, 0.5]";
        assert_eq!(&line[token_at(line, 13)], "1.5");
        assert_eq!(token_at("ab", 9), 2..2);
        assert_eq!(&"  café: x"[token_at("  café: x", 3)], "café");
    }

    #[test]
    fn renders_caret_and_help() {
        let source = "title: x\nlang: fr\n";
        let span = Span {
            line: 2,
            column: 7,
            path: "lang".into(),
        };
        let d = Diagnostic::new("c.yaml", Some(span), "bad lang").with_help("use en");
        let out = render(&[d], Some(source));
        assert!(out.contains("error: bad lang"), "{out}");
        assert!(out.contains("c.yaml:2:7"), "{out}");
        assert!(out.contains("lang: fr"), "{out}");
        assert!(out.contains("^^"), "{out}");
        assert!(out.contains("help: use en"), "{out}");
        assert!(!out.contains('\u{1b}'), "{out}");
    }
}
