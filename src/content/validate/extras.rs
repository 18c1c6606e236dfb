//! The pull quote, the call to action and the donor letter.

use serde_saphyr::Spanned;

use super::characters::Role;
use super::{Checker, span_of, web_address_problem};
use crate::content::checks::echo;
use crate::content::model::{CallToAction, Letter, Quote};
use crate::content::raw::{RawCallToAction, RawLetter, RawQuote};

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

impl Checker<'_> {
    pub(super) fn quote(&mut self, value: Option<Spanned<RawQuote>>) -> Option<Quote> {
        let value = value?;
        let span = span_of(&value.referenced, "quote");
        let raw = value.value;
        let (mut text, usable) =
            self.text_as(raw.text, &span, "quote.text".into(), "text", Role::Text);
        // The layout sets its own typographic quotes; typed ones would double them.
        if usable && let Some(inner) = strip_quotation_marks(&text.value) {
            text.value = inner.to_string();
            if text.value.is_empty() {
                self.report_empty(&text.span, "text");
            } else {
                self.usable_text(&text.span, &text.value, "text", Role::Text);
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

    pub(super) fn call_to_action(
        &mut self,
        value: Option<Spanned<RawCallToAction>>,
    ) -> Option<CallToAction> {
        const PATH: &str = "call_to_action";
        let value = value?;
        let span = span_of(&value.referenced, PATH);
        let raw = value.value;
        let heading = self.text(raw.heading, &span, format!("{PATH}.heading"), "heading");
        let paragraphs = self.body(raw.body, &span, format!("{PATH}.body"), None);
        let (donate_url, usable) = self.text_as(
            raw.donate_url,
            &span,
            format!("{PATH}.donate_url"),
            "donate_url",
            Role::Address,
        );
        if usable && let Some(help) = web_address_problem(&donate_url.value, false) {
            self.report(
                donate_url.span.clone(),
                format!(
                    "`{PATH}.donate_url` is not a web address: `{}`",
                    echo(&donate_url.value)
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
}

impl Checker<'_> {
    pub(super) fn letter(&mut self, value: Option<Spanned<RawLetter>>) -> Option<Letter> {
        const PATH: &str = "letter";
        let value = value?;
        let span = span_of(&value.referenced, PATH);
        let raw = value.value;
        let date = self.optional_text(raw.date, format!("{PATH}.date"), "date");
        let greeting = self.text(raw.greeting, &span, format!("{PATH}.greeting"), "greeting");
        let paragraphs = self.body(raw.body, &span, format!("{PATH}.body"), None);
        let sign_off = self.text(raw.sign_off, &span, format!("{PATH}.sign_off"), "sign_off");
        let name = self.text(raw.name, &span, format!("{PATH}.name"), "name");
        let role = self.optional_text(raw.role, format!("{PATH}.role"), "role");
        Some(Letter {
            date,
            greeting,
            paragraphs,
            sign_off,
            name,
            role,
        })
    }
}

/// `text` without the quotation marks around it, if it starts and ends with a matching
/// pair that encloses all of it. `“a” and “b”` is left alone: its first and last marks
/// belong to different quotations.
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
        let at = |k: Option<usize>| k.and_then(|k| chars.get(k)).copied();
        let letter = |k: Option<usize>| at(k).is_some_and(char::is_alphanumeric);
        at(Some(i)) == Some(mark) && !(letter(i.checked_sub(1)) && letter(Some(i + 1)))
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
