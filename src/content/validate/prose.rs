//! Section prose: headings, and bodies split into paragraphs with their inline markup.

use std::collections::HashMap;

use serde_saphyr::Spanned;

use super::characters::direction_control_help;
use super::counts::Cap;
use super::{Checker, line_number, span_of, web_address_problem};
use crate::content::checks::{
    code_point, direction_control, echo, forbidden_scheme, grouped, has_visible_text,
};
use crate::content::inline::parse_paragraph;
use crate::content::lists;
use crate::content::model::{Paragraph, Section, Span};
use crate::content::raw::{RawSection, RawText, SpannedList};
use crate::limits::{MAX_PARAGRAPH_CHARS, MAX_SECTIONS};

/// One trimmed line of a section body with its line and column in the file, if found.
type BodyLine<'a> = (&'a str, Option<(u32, u32)>);

/// How far ahead of the previous paragraph line to look for the next one in the file.
const LINE_SEARCH_WINDOW: usize = 200;

/// One paragraph of a body while it is checked.
struct Para<'a> {
    /// Its number in the body, from 1.
    number: usize,
    /// Its lines.
    lines: &'a [BodyLine<'a>],
    /// The body's place, for lines not found in the file.
    body: &'a Span,
    /// The body as messages name it: its field path, and its section's heading.
    name: &'a str,
}

impl Para<'_> {
    /// The place of the paragraph's line `index`.
    fn at(&self, index: usize) -> Span {
        let (line, column) = self
            .lines
            .get(index)
            .and_then(|(_, place)| *place)
            .unwrap_or((self.body.line, self.body.column));
        Span {
            line,
            column,
            path: self.body.path.clone(),
        }
    }

    /// Its length in characters, with the lines joined by spaces.
    fn chars(&self) -> usize {
        let text: usize = self
            .lines
            .iter()
            .map(|(text, _)| text.chars().count())
            .sum();
        text + self.lines.len().saturating_sub(1)
    }
}

impl Checker<'_> {
    pub(super) fn sections(
        &mut self,
        value: Option<SpannedList<RawSection>>,
        root: &Span,
    ) -> Vec<Section> {
        let items = self.list(value, root, "sections", "section");
        let cap = Cap {
            path: "sections",
            max: MAX_SECTIONS,
            one: "section",
            many: "sections",
            advice: ", or merge short sections into one",
        };
        // All are still checked: photos name sections by heading, including later ones.
        self.over_cap(&items, &cap);
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
                        format!(
                            "the section heading `{}` is used twice",
                            echo(&heading.value)
                        ),
                        format!(
                            "the first section with this heading is on line {first}; give each \
                             section its own heading, or merge the two sections"
                        ),
                    );
                } else {
                    seen.insert(key, heading.span.line);
                }
            }
            let paragraphs = self.body(
                raw.body,
                &span,
                format!("{path}.body"),
                Some(&heading.value),
            );
            sections.push(Section {
                heading,
                paragraphs,
                span,
            });
        }
        sections
    }

    /// Splits a body (a section's, under `heading`, or the call to action's) into
    /// paragraphs at blank lines and parses their inline markup, pointing each paragraph
    /// at its line in the file.
    pub(super) fn body(
        &mut self,
        value: Option<Spanned<RawText>>,
        parent: &Span,
        path: String,
        heading: Option<&str>,
    ) -> Vec<Paragraph> {
        let Some(value) = self.pick(value, &path) else {
            self.missing(parent, &path, "body");
            return Vec::new();
        };
        let body_span = span_of(&value.referenced, path.clone());
        let paragraphs = self.paragraph_lines(&value.value, &body_span);
        if paragraphs.is_empty() {
            let message = if value
                .value
                .trim_matches(|c: char| c.is_ascii_whitespace())
                .is_empty()
            {
                format!("`{path}` is empty")
            } else {
                format!("`{path}` has no visible text")
            };
            self.report(
                body_span,
                message,
                "write the paragraphs indented under `body: |`, with a blank line between \
                 paragraphs, for example:\nbody: |\n  First paragraph.\n\n  Second paragraph.",
            );
            return Vec::new();
        }
        let name = match heading {
            Some(heading) if !heading.is_empty() => format!("`{path}` (“{}”)", echo(heading)),
            _ => format!("`{path}`"),
        };
        let mut out = Vec::with_capacity(paragraphs.len());
        for (i, lines) in paragraphs.iter().enumerate() {
            let texts: Vec<&str> = lines.iter().map(|(text, _)| *text).collect();
            let pieces = lists::split(&texts);
            for (k, piece) in pieces.iter().enumerate() {
                let end = pieces.get(k + 1).map_or(lines.len(), |next| next.start);
                let mut item: Vec<BodyLine> =
                    lines.get(piece.start..end).unwrap_or_default().to_vec();
                if let Some(first) = item.first_mut() {
                    first.0 = first.0.get(piece.skip..).unwrap_or_default().trim_start();
                }
                let para = Para {
                    number: i + 1,
                    lines: &item,
                    body: &body_span,
                    name: &name,
                };
                if let Some(mut paragraph) = self.paragraph(&para) {
                    paragraph.item = piece.marker.clone();
                    out.push(paragraph);
                }
            }
        }
        out
    }

    /// Groups the lines of `text` into paragraphs, remembering where each line is. A
    /// line that shows nothing (only no-break spaces, say) separates paragraphs like an
    /// empty one: that is how it looks in the editor.
    fn paragraph_lines<'t>(&self, text: &'t str, body: &Span) -> Vec<Vec<BodyLine<'t>>> {
        let mut next_line = usize::try_from(body.line.saturating_sub(1)).unwrap_or(0);
        let mut paragraphs: Vec<Vec<BodyLine>> = Vec::new();
        let mut current: Vec<BodyLine> = Vec::new();
        for line in text.lines() {
            let line = line.trim_matches(|c: char| c.is_ascii_whitespace());
            if !has_visible_text(line) {
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
        paragraphs
    }

    /// Checks one paragraph and parses its markup; `None` when it cannot be used.
    fn paragraph(&mut self, para: &Para) -> Option<Paragraph> {
        let length = para.chars();
        if length > MAX_PARAGRAPH_CHARS {
            // Not parsed at all: line breaking it later would cost too much anyway.
            self.report(
                para.at(0),
                format!(
                    "paragraph {} of {} is {} characters long; a paragraph can have at most {}",
                    para.number,
                    para.name,
                    grouped(length as u64),
                    grouped(MAX_PARAGRAPH_CHARS as u64)
                ),
                "split it into shorter paragraphs, with a blank line between them",
            );
            return None;
        }
        let texts: Vec<&str> = para.lines.iter().map(|(text, _)| *text).collect();
        let parsed = parse_paragraph(&texts);
        for index in &parsed.images {
            self.report(
                para.at(*index),
                format!(
                    "paragraph {} of {} contains a picture (`![…](…)`)",
                    para.number, para.name
                ),
                "pictures cannot go inside the text; list the photo under `photos:` and \
                 remove the `![…](…)` from the paragraph",
            );
        }
        let control_in_link = self.links(para, &parsed.links);
        if !control_in_link
            && let Some((index, control)) = texts
                .iter()
                .enumerate()
                .find_map(|(i, text)| direction_control(text).map(|c| (i, c)))
        {
            self.report(
                para.at(index),
                format!(
                    "paragraph {} of {} contains an invisible direction control, {}: the \
                     printed text could read differently from what is written",
                    para.number,
                    para.name,
                    code_point(control)
                ),
                direction_control_help(control),
            );
        }
        (!parsed.inlines.is_empty()).then(|| Paragraph {
            inlines: parsed.inlines,
            span: para.at(0),
            item: None,
        })
    }

    /// Checks the link targets of a paragraph: web pages and e-mail addresses only, and
    /// no direction controls. True when one held a direction control.
    fn links(&mut self, para: &Para, links: &[(usize, String)]) -> bool {
        let mut control_found = false;
        for (index, url) in links {
            let (n, name) = (para.number, para.name);
            if let Some(control) = direction_control(url) {
                control_found = true;
                self.report(
                    para.at(*index),
                    format!(
                        "a link in paragraph {n} of {name} contains an invisible direction \
                         control, {}: the printed text could differ from where the link leads",
                        code_point(control)
                    ),
                    direction_control_help(control),
                );
            } else if let Some(scheme) = forbidden_scheme(url) {
                self.report(
                    para.at(*index),
                    format!(
                        "a link in paragraph {n} of {name} leads to `{}`, which is not a web \
                         page or an e-mail address",
                        echo(url)
                    ),
                    format!(
                        "links can only lead to web pages (`https://…`) or e-mail addresses \
                         (`mailto:…`), not `{}:`; give the address of a web page, or remove \
                         the link and keep its text",
                        echo(scheme)
                    ),
                );
            } else if let Some(help) = web_address_problem(url, true) {
                self.report(
                    para.at(*index),
                    format!(
                        "a link in paragraph {n} of {name} has no usable address: `{}`",
                        echo(url)
                    ),
                    format!("{help}. A link is written `[text](https://www.example.org)`"),
                );
            }
        }
        control_found
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
