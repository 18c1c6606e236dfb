//! Turns a YAML reading error (syntax, wrong type, unknown field) into a diagnostic a
//! non-programmer can act on.
//!
//! serde only reports a line and column, so the file is walked once more as bare YAML
//! events to learn which field sits there (`photos[0].focus[1]`) and what it holds.

use std::path::Path;

use serde_saphyr::granit_parser::{Event, Parser};
use serde_saphyr::{Error as YamlError, MessageFormatter, UserMessageFormatter};

use super::checks::echo;
use super::schema;
use super::suggest::closest;
use super::yaml_limits::{budget_breach, too_deep, too_many_aliases};
use crate::content::model::Span;
use crate::diag::Diagnostic;

/// What sits at one place in the YAML.
#[derive(Debug, Clone, PartialEq)]
enum Found {
    /// A mapping key with its name.
    Key(String),
    /// A scalar, cut short for quoting in a message.
    Text(String),
    /// A sequence.
    List,
    /// A mapping.
    Group,
    /// An alias (`*name`).
    Alias,
}

/// One YAML node or key with its place and field path.
#[derive(Debug, Clone)]
struct Node {
    line: u32,
    column: u32,
    path: String,
    found: Found,
}

/// Builds the diagnostic for a failed read of `source`.
pub(crate) fn diagnostic(err: &YamlError, source: &str, file: &Path) -> Diagnostic {
    let (line, column) = err
        .location()
        .map(|l| (to_u32(l.line()), to_u32(l.column())))
        .unwrap_or((0, 0));
    let nodes = nodes_up_to(source, line, column);
    let at = |path: String| Span { line, column, path };
    let here: Vec<&Node> = nodes
        .iter()
        .filter(|n| n.line == line && n.column == column)
        .collect();

    match innermost(err) {
        YamlError::SerdeUnknownField {
            field, expected, ..
        } => {
            let path = here
                .iter()
                .find(|n| n.found == Found::Key(field.clone()))
                .map(|n| n.path.clone())
                .unwrap_or_else(|| field.clone());
            unknown_field(file, at(path), field, expected)
        }
        YamlError::DuplicateMappingKey { key, .. } => {
            let key = echo(key.as_deref().unwrap_or_default());
            let path = here
                .iter()
                .find(|n| matches!(n.found, Found::Key(_)))
                .map(|n| n.path.clone())
                .unwrap_or_else(|| key.clone());
            let first_line = nodes
                .iter()
                .find(|n| n.path == path && matches!(n.found, Found::Key(_)))
                .map(|n| n.line)
                .filter(|first| *first != line);
            let (lines, first) = match first_line {
                Some(first) => (
                    format!(" (on line {first} and again on line {line})"),
                    format!(" (the first is on line {first})"),
                ),
                None => (String::new(), String::new()),
            };
            Diagnostic::new(
                file,
                Some(at(path)),
                format!("`{key}` is written twice here{lines}"),
            )
            .with_help(format!(
                "keep only one `{key}:` line{first}; a field can be given only once in a group"
            ))
        }
        YamlError::MultipleDocuments { .. } => Diagnostic::new(
            file,
            Some(at(String::new())),
            "a second document starts here; a content file holds exactly one",
        )
        .with_help("remove the `---` line and merge the fields into one document"),
        YamlError::Budget { breach, .. } => budget_breach(file, at(String::new()), breach, source),
        YamlError::AliasReplayLimitExceeded { .. }
        | YamlError::AliasExpansionLimitExceeded { .. }
        | YamlError::AliasReplayStackDepthExceeded { .. }
        | YamlError::AliasReplayCounterOverflow { .. } => too_many_aliases(file, at(String::new())),
        YamlError::UnknownAnchor { .. } => Diagnostic::new(
            file,
            Some(at(String::new())),
            "this `*name` refers to an anchor `&name` that is not defined above it",
        )
        .with_help("define the anchor first, or write the value out in full"),
        inner if is_type_error(inner) => {
            match here.iter().find(|n| !matches!(n.found, Found::Key(_))) {
                Some(node) => wrong_type(file, at(node.path.clone()), &node.found),
                None => syntax_error(file, at(String::new()), inner, source),
            }
        }
        inner => syntax_error(file, at(String::new()), inner, source),
    }
}

/// The error beneath snippet and alias wrappers, which add no meaning of their own.
fn innermost(err: &YamlError) -> &YamlError {
    let mut err = err;
    loop {
        match err {
            YamlError::WithSnippet { error, .. } | YamlError::AliasError { error, .. } => {
                err = error;
            }
            other => return other,
        }
    }
}

/// Errors where the YAML was well formed but a value has the wrong shape.
fn is_type_error(err: &YamlError) -> bool {
    matches!(
        err,
        YamlError::Unexpected { .. }
            | YamlError::SerdeInvalidType { .. }
            | YamlError::SerdeInvalidValue { .. }
            | YamlError::SerdeInvalidLength { .. }
            | YamlError::InvalidScalar { .. }
            | YamlError::NullIntoString { .. }
            | YamlError::NonFiniteFloat { .. }
            | YamlError::InvalidBooleanStrict { .. }
            | YamlError::TaggedScalarCannotDeserializeIntoString { .. }
            | YamlError::BinaryNotUtf8 { .. }
            | YamlError::InvalidBinaryBase64 { .. }
            | YamlError::BytesNotSupportedMissingBinaryTag { .. }
            | YamlError::QuotingRequired { .. }
            | YamlError::UnsupportedTag { .. }
    )
}

fn unknown_field(file: &Path, span: Span, field: &str, expected: &[&str]) -> Diagnostic {
    let parent = span
        .path
        .strip_suffix(&echo(field))
        .map(|p| p.trim_end_matches('.'))
        .unwrap_or("");
    let place = if parent.is_empty() {
        "at the top level".to_string()
    } else {
        format!("in `{parent}`")
    };
    // serde lists the fields; fall back to the schema if it ever stops doing so.
    let allowed: Vec<&str> = if expected.is_empty() {
        schema::fields_at(parent).unwrap_or_default().to_vec()
    } else {
        expected.to_vec()
    };
    let list = allowed
        .iter()
        .map(|f| format!("`{f}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let help = match (
        closest(field, allowed.iter().copied()),
        schema::home_of(field),
    ) {
        (Some(guess), _) => format!("did you mean `{guess}`? Allowed fields here: {list}"),
        (None, Some(home)) => {
            format!(
                "`{}` belongs under {home}, not here. Allowed fields here: {list}",
                echo(field)
            )
        }
        (None, None) => format!("remove it or correct its name. Allowed fields here: {list}"),
    };
    Diagnostic::new(
        file,
        Some(span),
        format!("unknown field `{}` {place}", echo(field)),
    )
    .with_help(help)
}

fn wrong_type(file: &Path, span: Span, found: &Found) -> Diagnostic {
    let found_words = match found {
        Found::Text(text) if text.is_empty() || text == "~" || text == "null" => {
            "empty".to_string()
        }
        Found::Text(text) => format!("the text `{text}`"),
        Found::List => "a list".to_string(),
        Found::Group => "a group of fields".to_string(),
        Found::Alias => "an alias".to_string(),
        Found::Key(key) => format!("the field `{}`", echo(key)),
    };
    if span.path.is_empty() {
        return Diagnostic::new(
            file,
            Some(span),
            format!("a content file must be a set of fields like `title: …`, but this one is {found_words}"),
        )
        .with_help(
            "start from the example content file: each line begins with a field name such as \
             `lang:`, `title:` or `organisation:` at the left margin (see docs/content-format.md)",
        );
    }
    let (field, indexed) = schema::last_field(&span.path);
    let expected = schema::expected_at(&span.path);
    let message = format!(
        "`{}` should be {expected}, but it is {found_words}",
        span.path
    );
    let mut help = match (field, indexed) {
        ("focus", true) => "write a plain number such as 0.5, without quotes".to_string(),
        ("value", false) if schema::is_number(&span.path) => {
            "write a plain number such as 20, without quotes or a unit; how the number is \
             printed at the bar (e.g. `< 20 %`) goes in `display:`"
                .to_string()
        }
        _ if schema::is_number(&span.path) => {
            "write a plain number such as 100, without quotes or a unit".to_string()
        }
        ("details", true) => {
            "write the line after `- `; if it contains `: ` (as in `Online: www.example.org`) \
             or starts with a special character, put it in double quotes: \
             `- \"Online: www.example.org\"`"
                .to_string()
        }
        (_, false) if expected == "text" => {
            "write the text on the same line after the field name; if it starts with `[`, `{`, \
             `-`, `*`, `&`, `!`, `#`, `|` or `>`, or contains `: `, put it in double quotes"
                .to_string()
        }
        _ => String::new(),
    };
    if let Some(example) = schema::example_at(&span.path) {
        if !help.is_empty() {
            help.push_str(". ");
        }
        help.push_str(if help.is_empty() {
            "write it like this:\n"
        } else {
            "For example:\n"
        });
        help.push_str(example);
    }
    let diagnostic = Diagnostic::new(file, Some(span), message);
    if help.is_empty() {
        diagnostic.with_help("see docs/content-format.md for what this field holds")
    } else {
        diagnostic.with_help(help)
    }
}

fn syntax_error(file: &Path, mut span: Span, err: &YamlError, source: &str) -> Diagnostic {
    let text = UserMessageFormatter.format_message(err).into_owned();
    let lower = text.to_lowercase();
    if lower.contains("recursion limit") {
        // The reader's own cap on `[`/`{` nesting, set to the same limit.
        return too_deep(file, span, source);
    }
    let unclosed = unclosed_quote_before(source, span.line);
    let help = if lower.contains("tab") {
        // The parser may report the token before the tab; point at the tab itself.
        if let Some((line, column)) = first_tab_from(source, span.line) {
            span.line = line;
            span.column = column;
        }
        "YAML indents with spaces only; replace the tab here with spaces".to_string()
    } else if let Some((line, column)) = unclosed {
        // The parser only notices much later, where the quotes stop pairing up; point at
        // the quote that needs fixing and keep the parser's place in the help.
        let reported = format!("line {}, column {}", span.line, span.column);
        let span = Span {
            line,
            column,
            path: String::new(),
        };
        return Diagnostic::new(
            file,
            Some(span),
            "this quote is never closed, so the rest of the file reads wrongly",
        )
        .with_help(format!(
            "add the matching closing quote at the end of the text, or remove the opening one \
                 (YAML itself stumbled at {reported}: {text})"
        ));
    } else if let Some(help) = help_for_line(&lower, source, &span) {
        help
    } else if lower.contains("invalid") {
        "the file contains characters that are not ordinary text; check it is the YAML content \
         file, saved as UTF-8 text"
            .to_string()
    } else if lower.contains("indent") || lower.contains("did not find expected") {
        "fields of the same group must start in the same column, indented with spaces".to_string()
    } else {
        "compare this line with the example content file; text that starts with a special \
         character (`[`, `{`, `*`, `&`, `!`, `#`, `|`, `>`, `%`, `@`) or contains `: ` must be \
         in double quotes"
            .to_string()
    };
    Diagnostic::new(
        file,
        Some(span),
        format!("the file is not valid YAML: {text}"),
    )
    .with_help(help)
}

/// Help for the syntax errors that depend on what the reported line holds: a colon in
/// a value, a misplaced dash, an unclosed quote, a character that cannot start a value.
fn help_for_line(lower: &str, source: &str, span: &Span) -> Option<String> {
    let line_at = |n: u32| {
        source
            .lines()
            .nth(usize::try_from(n.saturating_sub(1)).unwrap_or(usize::MAX))
    };
    let help = if lower.contains("mapping values are not allowed") {
        let line_text = line_at(span.line).unwrap_or("");
        // Two `key: value` colons on one line mean the value has a colon in it; one
        // means the whole line sits at the wrong depth.
        let colons = line_text.matches(": ").count() + usize::from(line_text.ends_with(':'));
        if colons >= 2 {
            "text containing `: ` must be in double quotes, e.g. `tagline: \"Care: for \
             everyone\"`"
                .to_string()
        } else {
            "this line is indented differently from the fields around it; fields of the same \
             group must start in the same column"
                .to_string()
        }
    } else if lower.contains("'-' indicator") {
        "each item of a list starts with `- `, and the other fields of the item line up \
         under the first field after the dash"
            .to_string()
    } else if lower.contains("quote") {
        "close the quote at the end of the text, or remove the opening quote".to_string()
    } else if lower.contains("unexpected character") {
        let bad = line_at(span.line).and_then(|l| {
            l.chars()
                .nth(usize::try_from(span.column.saturating_sub(1)).ok()?)
        });
        match bad {
            Some(c) if !c.is_control() => {
                format!(
                    "`{}` cannot start a field name or a value; put the text in double quotes",
                    echo(&c.to_string())
                )
            }
            _ => "the file contains characters that are not ordinary text; check it is the \
                  YAML content file, saved as UTF-8 text"
                .to_string(),
        }
    } else {
        return None;
    };
    Some(help)
}

/// Line and column of the first tab at or after `line`.
fn first_tab_from(source: &str, line: u32) -> Option<(u32, u32)> {
    let skip = usize::try_from(line.saturating_sub(1)).ok()?;
    source.lines().enumerate().skip(skip).find_map(|(i, text)| {
        let column = text.chars().position(|c| c == '\t')?;
        Some((to_u32(i as u64 + 1), to_u32(column as u64 + 1)))
    })
}

/// Line and column of the opening quote of the last value up to `line` that opens a
/// double or single quote without closing it on the same line: the usual cause of a
/// confusing syntax error further down.
fn unclosed_quote_before(source: &str, line: u32) -> Option<(u32, u32)> {
    let take = usize::try_from(line).ok()?;
    source
        .lines()
        .take(take)
        .enumerate()
        .filter_map(|(i, text)| {
            let (key, rest) = text.split_once(": ")?;
            let value = rest.trim();
            let quote = value.chars().next().filter(|c| matches!(c, '"' | '\''))?;
            // Escaped quotes (`\"`, or `''` in single quotes) come in pairs or behind a
            // backslash, so an odd count of bare quotes means one is left open.
            let bare = value
                .char_indices()
                .filter(|&(j, c)| c == quote && !value[..j].ends_with('\\'))
                .count();
            let leading = rest.chars().take_while(|c| c.is_whitespace()).count();
            let column = key.chars().count() + 2 + leading + 1;
            (bare % 2 == 1).then(|| (to_u32(i as u64 + 1), to_u32(column as u64)))
        })
        .last()
}

pub(super) fn to_u32(n: u64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Where we are while walking events: inside a mapping (waiting for a key, or with a
/// key waiting for its value) or inside a sequence (with the next item's index).
enum Frame {
    Map { path: String, key: Option<String> },
    Seq { path: String, next: usize },
}

/// Every node and key of `source` up to and including `(line, column)`, with its field
/// path. Stops quietly at the first syntax error: what came before is still useful.
fn nodes_up_to(source: &str, line: u32, column: u32) -> Vec<Node> {
    let mut nodes = Vec::new();
    let mut stack: Vec<Frame> = Vec::new();
    for event in Parser::new_from_str(source) {
        let Ok((event, span)) = event else { break };
        let (l, c) = (
            to_u32(span.start.line() as u64),
            to_u32(span.start.col() as u64 + 1),
        );
        if (l, c) > (line, column) {
            break;
        }
        let found = match event {
            Event::Scalar(text, ..) => Found::Text(text.into_owned()),
            Event::SequenceStart(..) => Found::List,
            Event::MappingStart(..) => Found::Group,
            Event::Alias(..) => Found::Alias,
            Event::SequenceEnd | Event::MappingEnd => {
                stack.pop();
                continue;
            }
            _ => continue,
        };
        let (path, is_key) = match stack.last_mut() {
            None => (String::new(), false),
            Some(Frame::Map { path, key }) => match key.take() {
                Some(k) => (join(path, &k), false),
                None => {
                    // Complex keys are legal YAML but never valid here; name them `?`.
                    let k = match &found {
                        Found::Text(t) => t.clone(),
                        _ => "?".to_string(),
                    };
                    let p = join(path, &k);
                    *key = Some(k);
                    (p, true)
                }
            },
            Some(Frame::Seq { path, next }) => {
                let p = format!("{path}[{next}]");
                *next += 1;
                (p, false)
            }
        };
        match found {
            Found::List => stack.push(Frame::Seq {
                path: path.clone(),
                next: 0,
            }),
            Found::Group => stack.push(Frame::Map {
                path: path.clone(),
                key: None,
            }),
            _ => {}
        }
        let found = match found {
            Found::Text(t) if is_key => Found::Key(t),
            Found::Text(t) => Found::Text(preview(&t)),
            other => other,
        };
        nodes.push(Node {
            line: l,
            column: c,
            path,
            found,
        });
    }
    nodes
}

/// The path of `key` in `parent`; a runaway key is shortened, as paths are shown.
fn join(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        echo(key)
    } else {
        format!("{parent}.{}", echo(key))
    }
}

/// The first line of `text`, cut to a length that fits in a message.
fn preview(text: &str) -> String {
    let first = text.lines().next().unwrap_or("");
    let mut out = echo(first);
    if first.len() < text.len() && !out.ends_with('…') {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_of_nodes() {
        let src = "a: 1\nphotos:\n  - file: x\n    focus: [0.5, y]\n";
        let nodes = nodes_up_to(src, u32::MAX, u32::MAX);
        let find = |path: &str| {
            nodes
                .iter()
                .find(|n| n.path == path && !matches!(n.found, Found::Key(_)))
        };
        assert_eq!(
            find("photos[0].file").map(|n| (n.line, n.column)),
            Some((3, 11))
        );
        assert_eq!(
            find("photos[0].focus[1]").map(|n| n.found.clone()),
            Some(Found::Text("y".into()))
        );
        assert_eq!(find("photos").map(|n| n.found.clone()), Some(Found::List));
    }
}
