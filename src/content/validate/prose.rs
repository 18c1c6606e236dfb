//! Section prose: headings, and bodies split into paragraphs with their inline markup.

use std::collections::HashMap;

use serde_saphyr::Spanned;

use super::{Checker, line_number, span_of, web_address_problem};
use crate::content::inline::parse_paragraph;
use crate::content::model::{Paragraph, Section, Span};
use crate::content::raw::{RawSection, SpannedList};

/// One trimmed line of a section body with its line and column in the file, if found.
type BodyLine<'a> = (&'a str, Option<(u32, u32)>);

/// How far ahead of the previous paragraph line to look for the next one in the file.
const LINE_SEARCH_WINDOW: usize = 200;

impl Checker<'_> {
    pub(super) fn sections(
        &mut self,
        value: Option<SpannedList<RawSection>>,
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

    /// Splits a body (a section's or the call to action's) into paragraphs at blank
    /// lines and parses their inline markup, pointing each paragraph at its line in the
    /// file.
    pub(super) fn body(
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
}
