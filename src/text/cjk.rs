//! Japanese beside Latin letters and figures: a quarter of an em between them, as
//! JIS X 4051 sets it ("2004 年", "ジャパンハートは Smile"), which the source never
//! writes as a space. It belongs to the layout, not the text: it may shrink to an
//! eighth and stretch to a half of an em in a justified line, and it vanishes at a
//! line break.
//!
//! Every glyph keeps its own character in the PDF. Readers that rebuild text from
//! positions (poppler, MuPDF) read the quarter-em as a space, as they do in any PDF
//! set this way. Hiding it in an /ActualText over the two glyphs would need the PDF
//! writer to keep each glyph's own mapping inside such a span; it maps the span's
//! first glyph to the whole pair instead, which would garble copying everywhere that
//! glyph appears in readers without /ActualText.

use super::segment::{Cluster, Segment, text_of};

/// The space between Japanese and Latin text, in ems.
pub(super) const SPACE: f32 = 0.25;

/// Whether `c` is a Japanese letter: a kanji, hiragana or katakana (the prolonged
/// sound mark included), not punctuation, which has space of its own in its em.
pub fn is_japanese_letter(c: char) -> bool {
    matches!(c as u32,
        0x3041..=0x309F // hiragana
        | 0x30A0..=0x30FF // katakana
        | 0x3400..=0x4DBF // CJK extension A
        | 0x4E00..=0x9FFF // CJK unified ideographs
        | 0xF900..=0xFAFF // compatibility ideographs
        | 0x31F0..=0x31FF) // katakana phonetic extensions
        && !matches!(c, '\u{30A0}' | '\u{30FB}') // double hyphen, middle dot
}

/// Whether `c` is a Latin letter or a figure.
fn is_latin(c: char) -> bool {
    c.is_ascii_alphanumeric() || (c.is_alphabetic() && matches!(c as u32, 0xC0..=0x24F))
}

/// Whether the scripts change between `before` and `after` (the characters on each
/// side) so that the quarter-em goes between them.
pub fn scripts_meet(before: char, after: char) -> bool {
    (is_japanese_letter(before) && is_latin(after))
        || (is_latin(before) && is_japanese_letter(after))
}

/// The space to open between clusters `a` and `b`, in points: a quarter-em where
/// Japanese meets Latin within one run (one face, size and inline piece), none
/// elsewhere. Between runs the gap would be read back as a space.
pub(super) fn between(text: &str, a: &Cluster, b: &Cluster) -> f32 {
    let same_run = a.font == b.font && a.size == b.size && a.brush == b.brush;
    let last = text_of(text, a.text.clone()).chars().next_back();
    let first = text_of(text, b.text.clone()).chars().next();
    match (last, first) {
        (Some(l), Some(f)) if same_run && !a.space && scripts_meet(l, f) => SPACE * a.size,
        _ => 0.0,
    }
}

/// Opens the space inside the segments, where no line may break: it widens the
/// cluster before it. Where a line may break, the paragraph model puts it in glue.
pub(super) fn space_segments(clusters: &mut [Cluster], segments: &[Segment], text: &str) {
    for s in segments {
        let Some(last) = s.content.end.checked_sub(1) else {
            continue;
        };
        for i in s.content.start..last {
            space_after(clusters, i, text);
        }
    }
}

/// Opens the space at every change of script: text set on one line, unbroken.
pub(super) fn space_all(clusters: &mut [Cluster], text: &str) {
    for i in 0..clusters.len().saturating_sub(1) {
        space_after(clusters, i, text);
    }
}

fn space_after(clusters: &mut [Cluster], i: usize, text: &str) {
    let gap = match (clusters.get(i), clusters.get(i + 1)) {
        (Some(a), Some(b)) => between(text, a, b),
        _ => 0.0,
    };
    if let Some(c) = clusters.get_mut(i) {
        c.advance += gap;
    }
}

/// Where a Japanese punctuation mark carries its white in a full-width em: the
/// half before the ink (opening brackets) or after it (closing brackets, the comma
/// and the full stop).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum White {
    Before,
    After,
}

/// Whether `c` is a full-width mark that carries its own white after it (。、」),
/// so that a space added after it would only widen the gap.
pub fn has_white_after(c: char) -> bool {
    white(c) == Some(White::After)
}

fn white(c: char) -> Option<White> {
    match c {
        '「' | '『' | '（' | '［' | '｛' | '〔' | '〈' | '《' | '【' | '〘' | '〖' => {
            Some(White::Before)
        }
        '」' | '』' | '）' | '］' | '｝' | '〕' | '〉' | '》' | '】' | '〙' | '〗' | '、'
        | '。' | '，' | '．' => Some(White::After),
        _ => None,
    }
}

/// Closes up consecutive punctuation as JIS X 4051 does: "、「" or "。」" would
/// otherwise leave a full em of white between the marks, so the first mark of a
/// closing pair, or the second of two opening brackets, gives up its white half
/// (as the font's `halt` feature would set it). A lone mark keeps its full em.
pub(super) fn close_up_punctuation(clusters: &mut [Cluster], text: &str) {
    for i in 1..clusters.len() {
        let (before, after) = clusters.split_at_mut(i);
        let (Some(a), Some(b)) = (before.last_mut(), after.first_mut()) else {
            continue;
        };
        match (full_width_mark(a, text), full_width_mark(b, text)) {
            (Some(White::After), Some(_)) => give_up_half(a, White::After),
            (Some(White::Before), Some(White::Before)) => give_up_half(b, White::Before),
            _ => {}
        }
    }
}

/// The white of `c` if it is one punctuation mark set a full em wide (a mark that
/// was already closed up, or one in a proportional face, is left alone).
fn full_width_mark(c: &Cluster, text: &str) -> Option<White> {
    let mut chars = text_of(text, c.text.clone()).chars();
    let (Some(ch), None) = (chars.next(), chars.next()) else {
        return None;
    };
    let full = c.glyphs.len() == 1 && (c.advance - c.size).abs() < 0.05 * c.size;
    if full { white(ch) } else { None }
}

fn give_up_half(c: &mut Cluster, side: White) {
    let half = c.size / 2.0;
    c.advance -= half;
    if let Some(g) = c.glyphs.first_mut() {
        g.advance -= half;
        if side == White::Before {
            g.x -= half;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_meet_only_at_letters_and_figures() {
        assert!(scripts_meet('4', '年'));
        assert!(scripts_meet('は', 'S'));
        assert!(scripts_meet('ト', 'A'));
        assert!(scripts_meet('ー', 'x'));
        assert!(!scripts_meet('、', 'A'));
        assert!(!scripts_meet('A', '。'));
        assert!(!scripts_meet('%', 'の'));
        assert!(!scripts_meet('年', 'の'));
        assert!(!scripts_meet('a', 'b'));
    }

    #[test]
    fn marks_carry_their_white_on_the_side_away_from_the_text() {
        assert_eq!(white('「'), Some(White::Before));
        assert_eq!(white('（'), Some(White::Before));
        assert_eq!(white('、'), Some(White::After));
        assert_eq!(white('」'), Some(White::After));
        assert_eq!(white('ー'), None);
        assert_eq!(white('・'), None);
        assert_eq!(white('('), None);
        assert!(has_white_after('。') && !has_white_after('.') && !has_white_after('「'));
    }
}
