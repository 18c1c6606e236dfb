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
    let lang = if style.hyphenate {
        hyphenation_lang(&style.lang)
    } else {
        None
    };
    let mut out = Assembled {
        text: String::new(),
        piece_of: Vec::with_capacity(pieces.len()),
        kept: Vec::new(),
    };
    for (i, p) in pieces.iter().enumerate() {
        let start = out.text.len();
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

pub(super) fn hyphenation_lang(lang: &str) -> Option<hypher::Lang> {
    let code = lang.split(['-', '_']).next().unwrap_or("");
    let bytes: [u8; 2] = code.as_bytes().try_into().ok()?;
    hypher::Lang::from_iso(bytes)
}

/// Copies `src` into `out`, with soft hyphens between the syllables of words of six
/// to 24 letters, leaving at least three letters on each side of a break (so no
/// line ends in a fragment of one or two letters). A capitalised word may break like
/// any other; words in capitals (acronyms), with digits, and URLs are left whole.
pub(super) fn hyphenate_into(src: &str, lang: hypher::Lang, out: &mut String) {
    let mut word_start: Option<usize> = None;
    let flush = |word: &str, out: &mut String| {
        // Past 24 letters a "word" is a run-together name or a code, which breaks
        // where it must rather than at hyphenation points.
        let eligible = (6..=24).contains(&word.chars().count())
            && word.chars().all(|c| c.is_alphabetic())
            && !word.chars().skip(1).any(char::is_uppercase);
        if eligible {
            let mut prev: Option<char> = None;
            for syl in hypher::hyphenate_bounded(word, lang, 3, 3) {
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
