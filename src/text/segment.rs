//! Shaped clusters and the unbreakable segments between break opportunities: what
//! the shaper gives us, read back into the pieces a line may start or end with.

use std::ops::Range;

use super::kept;
use super::paragraph::{Brush, SHY};

/// One shaped cluster, in logical order.
#[derive(Debug, Clone)]
pub(super) struct Cluster {
    pub(super) text: Range<usize>,
    pub(super) advance: f32,
    pub(super) glyphs: Vec<parley::Glyph>,
    pub(super) font: crate::layout::frame::FontId,
    pub(super) size: f32,
    pub(super) brush: Brush,
    pub(super) ascent: f32,
    pub(super) descent: f32,
    pub(super) space: bool,
    /// First cluster of one of the shaper's lines: a break opportunity lies before it.
    pub(super) line_start: bool,
    /// Continues a ligature begun in an earlier cluster: no break may fall before it.
    pub(super) lig_cont: bool,
}

/// An unbreakable piece between two break opportunities.
#[derive(Debug, Clone)]
pub(super) struct Segment {
    /// Clusters of visible content (the soft hyphen excluded).
    pub(super) content: Range<usize>,
    /// Trailing spaces.
    pub(super) spaces: Range<usize>,
    /// Ends at an inserted soft hyphen.
    pub(super) shy: bool,
    /// A piece of a word too long for the measure: a last-resort break follows it.
    pub(super) emergency: bool,
}

/// The clusters of `range`; none if it is out of bounds (it never is: ranges come
/// from the clusters themselves).
pub(super) fn span(clusters: &[Cluster], range: Range<usize>) -> &[Cluster] {
    clusters.get(range).unwrap_or_default()
}

/// The text of `range`; empty if it is out of bounds or splits a character.
pub(super) fn text_of(text: &str, range: Range<usize>) -> &str {
    text.get(range).unwrap_or_default()
}

/// Groups clusters into segments between break opportunities. The shaper broke the text
/// at width zero, so every line it made ends at an opportunity; we read the boundaries
/// back from where its lines start.
pub(super) fn segments(clusters: &[Cluster], text: &str, kept: &[Range<usize>]) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    let mut i = 0;
    while i < clusters.len() {
        let start = i;
        // Content up to the first space; then the run of spaces; a segment ends where
        // the next non-space cluster starts a new opportunity.
        let content_at = |i: usize| clusters.get(i).is_some_and(|c| !c.space);
        let (content_end, spaces_end) = loop {
            while content_at(i) {
                i += 1;
                if content_at(i) && is_break_before(clusters, i, text, kept) {
                    break;
                }
            }
            let content_end = i;
            while clusters.get(i).is_some_and(|c| c.space) {
                i += 1;
            }
            // "80 %" and "< 20" read as one: their space stays in the word.
            if content_end == i || !binds(clusters, text, start..content_end, i) {
                break (content_end, i);
            }
        };
        let mut content = start..content_end;
        let shy = content_end > start
            && clusters
                .get(content_end - 1)
                .is_some_and(|c| text_of(text, c.text.clone()).contains(SHY));
        if shy {
            content.end -= 1;
        }
        let seg = Segment {
            content,
            spaces: content_end..spaces_end,
            shy,
            emergency: false,
        };
        // A ligature spanning the boundary (as in "ef-fec") would be split between
        // lines with its glyph on one side only: keep such pieces together.
        match out.last_mut() {
            Some(prev)
                if prev.spaces.is_empty() && clusters.get(start).is_some_and(|c| c.lig_cont) =>
            {
                prev.content.end = seg.content.end;
                prev.spaces = seg.spaces;
                prev.shy = seg.shy;
            }
            _ => out.push(seg),
        }
    }
    out
}

/// Whether the space after `content` joins it to the cluster at `next` rather than
/// being a place to break: a number and the percent or degree sign after it, or a
/// lone comparison sign and the number it qualifies. A line that starts with "%" or
/// ends with "<" reads as a mistake.
fn binds(clusters: &[Cluster], text: &str, content: Range<usize>, next: usize) -> bool {
    let text_at = |r: Range<usize>| {
        let first = span(clusters, r.clone())
            .first()
            .map_or(0, |c| c.text.start);
        let last = span(clusters, r).last().map_or(0, |c| c.text.end);
        text_of(text, first..last)
    };
    let before = text_at(content);
    let after = text_at(next..next + 1);
    let sign = |c: char| matches!(c, '%' | '‰' | '°' | '℃');
    let comparison = |s: &str| matches!(s, "<" | ">" | "≤" | "≥" | "~" | "≈" | "±");
    let digit = |c: char| c.is_ascii_digit();
    (before.ends_with(digit) && after.starts_with(sign))
        || (comparison(before.rsplit(' ').next().unwrap_or(before)) && after.starts_with(digit))
}

/// Splits segments wider than the measure (a long URL, a chemical name) between their
/// clusters, so they can break somewhere rather than run out of the column.
pub(super) fn split_overlong(
    segments: Vec<Segment>,
    clusters: &[Cluster],
    width: f32,
) -> Vec<Segment> {
    let mut out = Vec::with_capacity(segments.len());
    for s in segments {
        let w: f32 = span(clusters, s.content.clone())
            .iter()
            .map(|c| c.advance)
            .sum();
        if w <= width || s.content.len() < 2 {
            out.push(s);
            continue;
        }
        let mut start = s.content.start;
        for i in s.content.clone() {
            // Never between a ligature's start and its continuation.
            let next_is_cont = clusters.get(i + 1).is_some_and(|c| c.lig_cont);
            if i + 1 < s.content.end && !next_is_cont {
                out.push(Segment {
                    content: start..i + 1,
                    spaces: s.spaces.start..s.spaces.start,
                    shy: false,
                    emergency: true,
                });
                start = i + 1;
            }
        }
        out.push(Segment {
            content: start..s.content.end,
            ..s
        });
    }
    out
}

/// Whether a line may break before cluster `i` without a space: after a soft or hard
/// hyphen, a slash, a dash, or between ideographs and Khmer words (the shaper's
/// Unicode line breaking decided; we recover it from the lines it made). Never inside
/// a word of the content's list, and always at its edge between Khmer words.
pub(super) fn is_break_before(
    clusters: &[Cluster],
    i: usize,
    text: &str,
    kept: &[Range<usize>],
) -> bool {
    let Some(c) = clusters.get(i) else {
        return false;
    };
    let pos = c.text.start;
    if kept::inside(kept, pos) {
        return false;
    }
    let after_shy = i
        .checked_sub(1)
        .and_then(|k| clusters.get(k))
        .is_some_and(|prev| text_of(text, prev.text.clone()).contains(SHY));
    after_shy || c.line_start || kept::khmer_edge(kept, text, pos)
}
