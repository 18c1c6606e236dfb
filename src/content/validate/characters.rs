//! The characters of a text: that it shows something, is not too long, and holds no
//! invisible control that would make it print differently from how it reads.

use super::{Checker, write_text_help};
use crate::content::checks::{code_point, direction_control, grouped, has_visible_text};
use crate::content::model::Span;
use crate::limits::MAX_PARAGRAPH_CHARS;

/// What a single-line text is for, which decides how a problem in it is explained.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    /// Words that are printed.
    Text,
    /// A web address that is printed and linked.
    Address,
}

/// How to get rid of a direction control, for any field.
pub(super) fn direction_control_help(control: char) -> String {
    format!(
        "remove the U+{:04X} character; most editors do not show it, so delete the text \
         around it and type it again",
        u32::from(control)
    )
}

impl Checker<'_> {
    /// Checks a single-line text that is not empty, reporting its first problem: it
    /// shows nothing, it is longer than [`MAX_PARAGRAPH_CHARS`], or it holds a direction
    /// control. True when there is none.
    pub(super) fn usable_text(&mut self, span: &Span, text: &str, field: &str, role: Role) -> bool {
        if !has_visible_text(text) {
            let help = format!(
                "it holds only spaces or invisible characters (such as no-break or zero-width \
                 spaces), which print as nothing; {}",
                write_text_help(span, field)
            );
            self.report(
                span.clone(),
                format!("`{}` has no visible text", span.path),
                help,
            );
            return false;
        }
        let length = text.chars().count();
        if length > MAX_PARAGRAPH_CHARS {
            self.report(
                span.clone(),
                format!(
                    "`{}` is {} characters long; a text can have at most {}",
                    span.path,
                    grouped(length as u64),
                    grouped(MAX_PARAGRAPH_CHARS as u64)
                ),
                "shorten it; is this the right text for this field?",
            );
            return false;
        }
        if let Some(control) = direction_control(text) {
            let consequence = match role {
                Role::Text => "the printed text could read differently from what is written",
                Role::Address => "the printed address could differ from the one it links to",
            };
            self.report(
                span.clone(),
                format!(
                    "`{}` contains an invisible direction control, {}: {consequence}",
                    span.path,
                    code_point(control)
                ),
                direction_control_help(control),
            );
            return false;
        }
        true
    }
}
