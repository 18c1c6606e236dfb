//! Text in another language than the edition's: the default language's text of
//! fields that have no translation yet. Found again among a paragraph's pieces, it
//! is hyphenated, shaped and tagged in its own language, so a Khmer edition's
//! untranslated English paragraph breaks as English and a screen reader reads it
//! with an English voice.

use std::borrow::Cow;

use super::Styled;

/// The texts known to be in `lang`, with their whitespace collapsed.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct OtherLanguage {
    lang: String,
    texts: Vec<String>,
}

impl OtherLanguage {
    /// Texts in `lang`; blank ones are dropped.
    pub(super) fn new(lang: &str, texts: impl IntoIterator<Item = String>) -> Self {
        let texts = texts
            .into_iter()
            .map(|t| collapse(&t))
            .filter(|t| !t.is_empty())
            .collect();
        OtherLanguage {
            lang: lang.to_string(),
            texts,
        }
    }

    /// `pieces` with the language set on every piece whose words lie inside one of
    /// the texts. A piece without letters (a number, a dash) keeps the paragraph's.
    pub(super) fn mark<'a>(&self, pieces: &'a [Styled]) -> Cow<'a, [Styled]> {
        let found = |p: &Styled| {
            p.lang.is_none() && p.text.chars().any(char::is_alphabetic) && {
                let t = collapse(&p.text);
                self.texts.iter().any(|text| text.contains(&t))
            }
        };
        if self.texts.is_empty() || !pieces.iter().any(found) {
            return Cow::Borrowed(pieces);
        }
        let marked = pieces
            .iter()
            .map(|p| {
                let mut p = p.clone();
                if found(&p) {
                    p.lang = Some(self.lang.clone());
                }
                p
            })
            .collect();
        Cow::Owned(marked)
    }
}

/// `text` with every run of whitespace one space and none at either end.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_of_a_known_text_take_its_language() {
        let other = OtherLanguage::new("en", ["We treat **every\n  child** for free.".to_string()]);
        let pieces = [
            Styled::plain("ព្យាបាល "),
            Styled::plain("every child"),
            Styled::plain(" 2024 "),
        ];
        let marked = other.mark(&pieces);
        let langs: Vec<Option<&str>> = marked.iter().map(|p| p.lang.as_deref()).collect();
        assert_eq!(langs, [None, Some("en"), None]);
    }

    #[test]
    fn nothing_known_borrows() {
        let other = OtherLanguage::new("en", Vec::new());
        assert!(matches!(
            other.mark(&[Styled::plain("text")]),
            Cow::Borrowed(_)
        ));
    }
}
