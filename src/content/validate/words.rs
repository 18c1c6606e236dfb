//! `khmer_words:`, the names and terms no line may break inside.

use super::characters::Role;
use super::counts::Cap;
use super::{Checker, span_of};
use crate::content::checks::echo;
use crate::content::model::Sp;
use crate::content::raw::{RawText, SpannedList};
use crate::limits::{MAX_KEPT_WORD_CHARS, MAX_KEPT_WORDS};

impl Checker<'_> {
    /// The word list: each entry a single line of text short enough to fit a line.
    pub(super) fn khmer_words(&mut self, value: Option<SpannedList<String>>) -> Vec<Sp<String>> {
        const PATH: &str = "khmer_words";
        let Some(list) = value else {
            return Vec::new();
        };
        let list_span = span_of(&list.referenced, PATH);
        let cap = Cap {
            path: PATH,
            max: MAX_KEPT_WORDS,
            one: "word",
            many: "words",
            advice: "; list only the names and terms that lines break wrongly",
        };
        self.over_cap(&list.value, &cap);
        let mut out = Vec::new();
        for (i, item) in list.value.into_iter().take(MAX_KEPT_WORDS).enumerate() {
            let (word, usable) = self.text_as(
                RawText::untranslated(Some(item)),
                &list_span,
                format!("{PATH}[{i}]"),
                PATH,
                Role::Text,
            );
            if !usable {
                continue;
            }
            let chars = word.value.chars().count();
            if chars > MAX_KEPT_WORD_CHARS {
                self.report(
                    word.span.clone(),
                    format!(
                        "`{}` is {chars} characters long; a word kept whole can have at most \
                         {MAX_KEPT_WORD_CHARS}",
                        echo(&word.value)
                    ),
                    "list the single words or names that must not be split, each on its own line",
                );
                continue;
            }
            out.push(word);
        }
        out
    }
}
