//! Messages for the limits the YAML is read with (see [`super::raw::options`]): nesting
//! too deep, aliases that repeat too much, and files with too much in them.

use std::path::Path;

use serde_saphyr::budget::BudgetBreach;
use serde_saphyr::granit_parser::{Event, Parser};

use super::checks::{grouped, megabytes};
use super::yaml_error::to_u32;
use crate::content::model::Span;
use crate::diag::Diagnostic;
use crate::limits::{MAX_ALIAS_EVENTS, MAX_CONTENT_BYTES, MAX_NESTING_DEPTH};

/// The diagnostic for a breach of the limits set in [`super::raw::options`].
pub(super) fn budget_breach(
    file: &Path,
    span: Span,
    breach: &BudgetBreach,
    source: &str,
) -> Diagnostic {
    match breach {
        BudgetBreach::Depth { .. } => too_deep(file, span, source),
        BudgetBreach::Aliases { .. }
        | BudgetBreach::AliasAnchorRatio { .. }
        | BudgetBreach::RecordedAnchorEvents { .. }
        | BudgetBreach::RecordedAnchorBytes { .. }
        | BudgetBreach::MergeKeys { .. } => too_many_aliases(file, span),
        BudgetBreach::ScalarBytes { .. } => Diagnostic::new(
            file,
            Some(span),
            format!(
                "the text in this file, with every alias (`*name`) written out, comes to more \
                 than {}",
                megabytes(MAX_CONTENT_BYTES)
            ),
        )
        .with_help(
            "write repeated text out once instead of repeating it with `&name` and `*name`; \
             check that this is the right file",
        ),
        _ => Diagnostic::new(
            file,
            Some(span),
            "the file has far more values than a content file can have",
        )
        .with_help(
            "a content file is normally a few hundred lines; check that this is the right file",
        ),
    }
}

/// Lists and groups nested deeper than [`MAX_NESTING_DEPTH`], pointing at the line
/// where the nesting goes too deep when the reader did not say.
pub(super) fn too_deep(file: &Path, mut span: Span, source: &str) -> Diagnostic {
    if span.line == 0
        && let Some((line, column)) = too_deep_at(source)
    {
        span.line = line;
        span.column = column;
    }
    Diagnostic::new(
        file,
        Some(span),
        format!("lists and groups are nested more than {MAX_NESTING_DEPTH} levels deep here"),
    )
    .with_help(
        "a content file needs at most four levels (for example `photos:`, then `- file:`, then \
         `focus: [0.5, 0.5]`); check the indentation and the brackets `[` and `{` around this \
         line, and that this is the right file",
    )
}

/// Line and column of the first list or group nested deeper than [`MAX_NESTING_DEPTH`].
fn too_deep_at(source: &str) -> Option<(u32, u32)> {
    let mut depth = 0usize;
    for event in Parser::new_from_str(source) {
        let Ok((event, span)) = event else { break };
        match event {
            Event::SequenceStart(..) | Event::MappingStart(..) => {
                depth += 1;
                if depth > MAX_NESTING_DEPTH {
                    return Some((
                        to_u32(span.start.line() as u64),
                        to_u32(span.start.col() as u64 + 1),
                    ));
                }
            }
            Event::SequenceEnd | Event::MappingEnd => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// Aliases (`*name`) that would repeat more than [`MAX_ALIAS_EVENTS`] values.
pub(super) fn too_many_aliases(file: &Path, span: Span) -> Diagnostic {
    Diagnostic::new(
        file,
        Some(span),
        format!(
            "the aliases (`*name`) in this file repeat more than {} values: written out, the \
             file would be far larger than it looks",
            grouped(MAX_ALIAS_EVENTS as u64)
        ),
    )
    .with_help(
        "write the values out in full instead of repeating them with `&name` and `*name`; a \
         content file needs no aliases",
    )
}

#[cfg(test)]
mod tests {
    use super::super::yaml_error::diagnostic;
    use super::*;

    /// Any YAML at all, as deep as it goes: unlike the content format, this reads
    /// every level, so the reading limits are what stops it.
    #[derive(Debug, serde::Deserialize)]
    #[serde(untagged)]
    #[allow(dead_code)]
    enum Anything {
        List(Vec<Anything>),
        Text(String),
    }

    fn read_anything(source: &str) -> Diagnostic {
        let err =
            serde_saphyr::from_str_with_options::<Anything>(source, crate::content::raw::options())
                .expect_err("the limits stop this");
        diagnostic(&err, source, Path::new("x.yaml"))
    }

    #[test]
    fn nesting_limit() {
        let source = format!("a\n---\n{}x\n", "- ".repeat(10_000));
        let source = source.trim_start_matches("a\n---\n");
        let d = read_anything(source);
        assert!(d.message.contains("nested more than 32 levels deep"), "{d}");
        assert_eq!(d.span.as_ref().map(|s| s.line), Some(1), "{d}");
        let d = read_anything(&format!("{}{}", "[".repeat(10_000), "]".repeat(10_000)));
        assert!(d.message.contains("nested more than 32 levels deep"), "{d}");
    }

    #[test]
    fn alias_limit() {
        let mut source = String::from("- &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for level in 1..10 {
            let refs = vec![format!("*a{}", level - 1); 10].join(", ");
            source.push_str(&format!("- &a{level} [{refs}]\n"));
        }
        let start = std::time::Instant::now();
        let d = read_anything(&source);
        assert!(start.elapsed() < std::time::Duration::from_secs(5));
        assert!(d.message.contains("aliases (`*name`)"), "{d}");
        assert!(d.span.as_ref().is_some_and(|s| s.line > 0), "{d}");
    }
}
