//! Most items a list may have: key figures, sections, photos and fonts.

use serde_saphyr::Spanned;

use super::{Checker, span_of};

/// One list with a largest number of items, and how to talk about it.
pub(super) struct Cap<'a> {
    /// The list's field path, e.g. `photos`.
    pub path: &'a str,
    /// The most items it may have.
    pub max: usize,
    /// One item, e.g. `photo`.
    pub one: &'a str,
    /// Several items, e.g. `photos`.
    pub many: &'a str,
    /// Advice on what to remove, appended to the fix.
    pub advice: &'a str,
}

impl Checker<'_> {
    /// Reports a list longer than `cap` at its first item too many.
    pub(super) fn over_cap<T>(&mut self, items: &[Spanned<T>], cap: &Cap) {
        let count = items.len();
        let Some(first_extra) = items.get(cap.max) else {
            return;
        };
        let excess = count - cap.max;
        let noun = |n: usize| if n == 1 { cap.one } else { cap.many };
        self.report(
            span_of(
                &first_extra.referenced,
                format!("{}[{}]", cap.path, cap.max),
            ),
            format!(
                "`{}` has {count} {}; a content file can have at most {}",
                cap.path,
                noun(count),
                cap.max
            ),
            format!(
                "remove {excess} {} (this one or others){}",
                noun(excess),
                cap.advice
            ),
        );
    }
}
