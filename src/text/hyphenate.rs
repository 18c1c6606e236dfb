//! The paragraph's text assembled from its pieces, with soft hyphens at the
//! hyphenation points of long words.

use std::ops::Range;

use super::kept::KeptWords;
use super::paragraph::{Brush, ParStyle, SHY, Styled};

/// The paragraph's text and where its pieces and kept words lie in it.
pub(super) struct Assembled {
    /// The text, with soft hyphens at hyphenation points.
    pub(super) text: String,
    /// Each piece's byte range in the text.
    pub(super) piece_of: Vec<(Range<usize>, Brush)>,
    /// Byte ranges of words from the content's list, which no line breaks inside.
    pub(super) kept: Vec<Range<usize>>,
}

/// Joins the pieces into one string, inserting soft hyphens at hyphenation points
/// outside the kept words.
pub(super) fn assemble(pieces: &[Styled], style: &ParStyle, words: &KeptWords) -> Assembled {
    let by_lang = |lang: &str| style.hyphenate.then(|| hyphenation_lang(lang)).flatten();
    let paragraph_lang = by_lang(&style.lang);
    let mut out = Assembled {
        text: String::new(),
        piece_of: Vec::with_capacity(pieces.len()),
        kept: Vec::new(),
    };
    for (i, p) in pieces.iter().enumerate() {
        let start = out.text.len();
        let lang = p.lang.as_deref().map_or(paragraph_lang, by_lang);
        let push = |src: &str, text: &mut String| match lang {
            Some(l) if p.link.is_none() => hyphenate_into(src, l, text),
            _ => text.push_str(src),
        };
        let mut at = 0;
        for r in words.ranges(&p.text) {
            push(p.text.get(at..r.start).unwrap_or_default(), &mut out.text);
            let kept_start = out.text.len();
            out.text.push_str(p.text.get(r.clone()).unwrap_or_default());
            out.kept.push(kept_start..out.text.len());
            at = r.end;
        }
        push(p.text.get(at..).unwrap_or_default(), &mut out.text);
        out.piece_of.push((start..out.text.len(), i as Brush));
    }
    out
}

pub(super) fn assemble_plain(pieces: &[Styled]) -> (String, Vec<(Range<usize>, Brush)>) {
    let mut text = String::new();
    let mut ranges = Vec::with_capacity(pieces.len());
    for (i, p) in pieces.iter().enumerate() {
        let start = text.len();
        text.push_str(&p.text);
        ranges.push((start..text.len(), i as Brush));
    }
    (text, ranges)
}

/// The hypher patterns for `lang` and its fewest letters before and after a break.
pub(super) fn hyphenation_lang(lang: &str) -> Option<Hyphenation> {
    let code = super::primary_language(lang);
    let bytes: [u8; 2] = code.as_bytes().try_into().ok()?;
    let patterns = hypher::Lang::from_iso(bytes)?;
    let (left, right) = minima(code);
    Some(Hyphenation {
        patterns,
        left,
        right,
    })
}

/// A language's hyphenation: its patterns and the fewest letters on each side.
#[derive(Debug, Clone, Copy)]
pub(super) struct Hyphenation {
    patterns: hypher::Lang,
    left: usize,
    right: usize,
}

/// Fewest letters before and after a hyphenation point. Each language's printers'
/// rule for the second part (two letters in German, Dutch, the Nordic and Slavic
/// languages, Spanish and Italian; three in English and French, where "-ed", "-ly"
/// or a lone "-es" on a line looks wrong), and two before the break. A line that
/// ends in a two-letter fragment ("pa-") is still a blemish: the breaker takes one
/// only as a last resort (see [`FIRM_LEFT`]), where the alternative is a line with
/// holes for spaces. One letter ("a-") is never left.
fn minima(code: &str) -> (usize, usize) {
    let right = match code {
        "de" | "nl" | "da" | "nb" | "no" | "sv" | "fi" | "is" | "pl" | "cs" | "sk" | "sl"
        | "hr" | "sr" | "ru" | "uk" | "bg" | "es" | "it" | "pt" | "ca" | "hu" | "et" | "lt"
        | "lv" | "ro" | "tr" | "el" => 2,
        _ => 3,
    };
    (2, right)
}

/// Fewer letters than this before a hyphenation point make it a last-resort break.
pub(super) const FIRM_LEFT: usize = 3;

/// Copies `src` into `out`, with soft hyphens between the syllables of words of six
/// to 24 letters, leaving the language's fewest letters on each side of a break (see
/// [`minima`]). A capitalised word may break like any other; words in capitals
/// (acronyms), with digits, and URLs are left whole.
pub(super) fn hyphenate_into(src: &str, lang: Hyphenation, out: &mut String) {
    let mut word_start: Option<usize> = None;
    let flush = |word: &str, out: &mut String| {
        // Past 24 letters a "word" is a run-together name or a code, which breaks
        // where it must rather than at hyphenation points.
        let eligible = (6..=24).contains(&word.chars().count())
            && word.chars().all(|c| c.is_alphabetic())
            && !word.chars().skip(1).any(char::is_uppercase);
        if eligible {
            let mut prev: Option<char> = None;
            for syl in hypher::hyphenate_bounded(word, lang.patterns, lang.left, lang.right) {
                // Never split f-ligatures (ff, fi, fl): the shaper would draw the
                // ligature across the break, on one line only.
                let next = syl.chars().next();
                if prev.is_some() && !(prev == Some('f') && matches!(next, Some('f' | 'i' | 'l'))) {
                    out.push(SHY);
                }
                out.push_str(syl);
                prev = syl.chars().last();
            }
        } else {
            out.push_str(word);
        }
    };
    for (i, ch) in src.char_indices() {
        if ch.is_alphabetic() {
            if word_start.is_none() {
                word_start = Some(i);
            }
        } else {
            if let Some(s) = word_start.take() {
                flush(src.get(s..i).unwrap_or_default(), out);
            }
            out.push(ch);
        }
    }
    if let Some(s) = word_start {
        flush(src.get(s..).unwrap_or_default(), out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hyphenated(word: &str, lang: &str) -> String {
        let mut out = String::new();
        let h = hyphenation_lang(lang).expect("patterns");
        hyphenate_into(word, h, &mut out);
        out.replace(SHY, "-")
    }

    #[test]
    fn each_language_keeps_its_own_minima() {
        // English keeps three letters after a break, German two.
        assert_eq!(hyphenated("Krankenhauses", "de"), "Kran-ken-hau-ses");
        assert!(
            hyphenated("Reisende", "de").ends_with("-de"),
            "{}",
            hyphenated("Reisende", "de")
        );
        assert!(!hyphenated("wonderfully", "en").ends_with("-ly"));
        assert!(hyphenated("wonderfully", "en").contains('-'));
        // Two letters may end a line (the breaker makes it a last resort), never one.
        assert!(hyphenated("patients", "en").starts_with("pa-"));
        for (word, lang) in [
            ("Abendessen", "de"),
            ("education", "en"),
            ("aéroport", "fr"),
        ] {
            let h = hyphenated(word, lang);
            let first = h.split('-').next().unwrap_or("");
            assert!(first.chars().count() >= 2, "{lang} {h}");
        }
        assert!(hyphenation_lang("km").is_none() && hyphenation_lang("ja").is_none());
    }
}
