//! The paragraph as Knuth and Plass's boxes, glues and penalties: a box for each
//! segment; glue for the spaces after it; a penalty where a line may end without a
//! space (a hyphenation point, a hard hyphen, a place in a web address, between
//! ideographs); and the glue and forced break that close the paragraph.

use std::collections::HashMap;

use super::breaking::{Elem, INF, LAST_RESORT};
use super::cjk;
use super::hyphenate::FIRM_LEFT;
use super::paragraph::{Align, Brush, ParStyle, SHY, Styled, Typesetter};
use super::segment::{Cluster, Segment, span, text_of};

/// The elements, with the segment each box sets (`usize::MAX` for none), and the
/// hyphen each inline piece ends a line with.
pub(super) struct Model {
    pub(super) elems: Vec<Elem>,
    pub(super) seg_of_elem: Vec<usize>,
    /// Hyphens take the weight and slant of the word they end.
    pub(super) hyphens: HashMap<Brush, (Cluster, f32)>,
}

/// What the model is built from.
pub(super) struct Source<'a> {
    pub(super) text: &'a str,
    pub(super) clusters: &'a [Cluster],
    pub(super) segments: &'a [Segment],
    pub(super) pieces: &'a [Styled],
    pub(super) style: &'a ParStyle,
}

impl Typesetter {
    /// The paragraph's elements, ending with the forced break.
    pub(super) fn model(&mut self, src: &Source) -> Model {
        let n = src.segments.len() * 2 + 2;
        let mut m = Model {
            elems: Vec::with_capacity(n),
            seg_of_elem: Vec::with_capacity(n),
            hyphens: HashMap::new(),
        };
        if src.style.indent > 0.0 {
            // The indent is a box of its own that belongs to no segment.
            m.elems.push(Elem::Box {
                width: src.style.indent,
                stretch: 0.0,
                shrink: 0.0,
            });
            m.seg_of_elem.push(usize::MAX);
        }
        for (si, s) in src.segments.iter().enumerate() {
            let width = width_of(src.clusters, s.content.clone());
            let flex = word_flex(src, s) * width;
            m.elems.push(Elem::Box {
                width,
                stretch: flex,
                shrink: flex,
            });
            m.seg_of_elem.push(si);
            if si + 1 == src.segments.len() {
                break;
            }
            if !s.spaces.is_empty() {
                m.elems.push(space_glue(src, s));
            } else if s.shy {
                let width = self.hyphen_width(src, s, &mut m.hyphens);
                m.elems.push(Elem::Penalty {
                    width,
                    cost: hyphen_cost(src, s),
                    flagged: true,
                });
            } else if s.emergency {
                // Inside a word longer than the measure: a costly break, no hyphen.
                m.elems.push(Elem::Penalty {
                    width: 0.0,
                    cost: 1000.0,
                    flagged: false,
                });
            } else {
                m.elems.extend(plain_break(src, si));
            }
            m.seg_of_elem.resize(m.elems.len(), usize::MAX);
        }
        m.elems.push(Elem::Glue {
            width: 0.0,
            stretch: INF,
            shrink: 0.0,
        });
        m.elems.push(Elem::Penalty {
            width: 0.0,
            cost: -INF,
            flagged: false,
        });
        m.seg_of_elem.resize(m.elems.len(), usize::MAX);
        m
    }

    /// Width of the hyphen that ends a line at segment `s`'s soft hyphen, in the style
    /// of its inline piece; 0 for a font without one (the break stays, unmarked).
    fn hyphen_width(
        &mut self,
        src: &Source,
        s: &Segment,
        hyphens: &mut HashMap<Brush, (Cluster, f32)>,
    ) -> f32 {
        let brush = src
            .clusters
            .get(s.content.end.max(1) - 1)
            .map_or(0, |c| c.brush);
        if let Some(h) = hyphens.get(&brush) {
            return h.1;
        }
        let piece = src.pieces.get(brush as usize).cloned().unwrap_or_default();
        match self.hyphen_glyph(src.style, &piece) {
            Some(h) => {
                let w = h.1;
                hyphens.insert(brush, h);
                w
            }
            None => 0.0,
        }
    }
}

/// The cost of breaking at segment `s`'s hyphenation point: a line that ends in a
/// fragment of two letters ("pa-") is a last resort, taken only where every other
/// way of setting the paragraph opens a space far wider than the usual limit.
fn hyphen_cost(src: &Source, s: &Segment) -> f32 {
    let end = s
        .content
        .end
        .checked_sub(1)
        .and_then(|k| src.clusters.get(k))
        .map_or(0, |c| c.text.end);
    let letters = text_of(src.text, 0..end)
        .chars()
        .rev()
        .filter(|&c| c != SHY)
        .take_while(|c| c.is_alphabetic())
        .count();
    if letters < FIRM_LEFT {
        LAST_RESORT
    } else {
        HYPHEN_COST
    }
}

/// The cost of an ordinary hyphenation. Squared, it is what a line costs whose spaces
/// open to 1.7 times their width, so a paragraph hyphenates where that saves a loose
/// line, not merely to set its lines a little closer (Typst, for the same reason,
/// charges more than Knuth and Plass's 50).
const HYPHEN_COST: f32 = 300.0;

/// How far a justified word of a spaced script may be spaced wider or closer, as a
/// share of its width: 2 %, as pdfTeX's font expansion allows, and invisible as such.
pub(super) const WORD_FLEX: f32 = 0.02;

/// Segment `s`'s share of [`WORD_FLEX`]: none for ragged text, for scripts justified
/// between their characters (Khmer, Japanese), for web addresses and for a single
/// character.
pub(super) fn word_flex(src: &Source, s: &Segment) -> f32 {
    let clusters = span(src.clusters, s.content.clone());
    let spaced_script = clusters.first().is_some_and(|c| {
        let t = text_of(src.text, c.text.clone());
        !is_khmer(t)
            && !t
                .chars()
                .any(|ch| matches!(ch as u32, 0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF))
    });
    // A web address keeps its natural spacing, as it is read character by character.
    let in_link = clusters
        .first()
        .and_then(|c| src.pieces.get(c.brush as usize))
        .is_some_and(|p| p.link.is_some());
    if src.style.align == Align::Justify && spaced_script && !in_link && clusters.len() > 1 {
        WORD_FLEX
    } else {
        0.0
    }
}

/// Total advance of the clusters of `range`.
fn width_of(clusters: &[Cluster], range: std::ops::Range<usize>) -> f32 {
    span(clusters, range).iter().map(|c| c.advance).sum()
}

/// The glue of segment `s`'s spaces: it stretches and shrinks only when justified.
fn space_glue(src: &Source, s: &Segment) -> Elem {
    let w = width_of(src.clusters, s.spaces.clone());
    // A space in Khmer parts phrases: it stretches further than its narrow natural
    // width suggests, sharing a line's stretch with the clusters of its words.
    let khmer = span(src.clusters, s.content.clone())
        .last()
        .is_some_and(|c| is_khmer(text_of(src.text, c.text.clone())));
    let (stretch, shrink) = match src.style.align {
        Align::Justify if khmer => (w, w * 0.3),
        Align::Justify => (w * 0.5, w / 3.0),
        _ => (0.0, 0.0),
    };
    Elem::Glue {
        width: w,
        stretch,
        shrink,
    }
}

/// A break after segment `s` with no space: after a hard hyphen (as for a hyphenated
/// word, but never in "2027-spring"), inside a web address (no space opens, no hyphen
/// is added), or between ideographs, where it may take a little justification space.
fn plain_break(src: &Source, si: usize) -> Vec<Elem> {
    let Some(s) = src.segments.get(si) else {
        return Vec::new();
    };
    let last = s
        .content
        .end
        .checked_sub(1)
        .and_then(|k| src.clusters.get(k));
    let before = last.map_or("", |c| text_of(src.text, 0..c.text.end));
    let in_link = last
        .and_then(|c| src.pieces.get(c.brush as usize))
        .is_some_and(|p| p.link.is_some());
    if in_link {
        return vec![Elem::Penalty {
            width: 0.0,
            cost: url_break_cost(before),
            flagged: false,
        }];
    }
    let ends_hyphen = before.ends_with('-');
    // "2027-spring" broken after the hyphen reads like a hyphenated word.
    let after_digit = ends_hyphen
        && before
            .trim_end_matches('-')
            .ends_with(|c: char| c.is_ascii_digit());
    let mut out = vec![Elem::Penalty {
        width: 0.0,
        cost: match (ends_hyphen, after_digit) {
            (_, true) => INF,
            (true, false) => 50.0,
            _ => 0.0,
        },
        flagged: ends_hyphen,
    }];
    let next = src
        .segments
        .get(si + 1)
        .and_then(|n| src.clusters.get(n.content.start));
    let script_space = match (last, next) {
        (Some(a), Some(b)) => cjk::between(src.text, a, b),
        _ => 0.0,
    };
    if script_space > 0.0 {
        // Japanese beside Latin: the quarter-em, from an eighth to a half when justified.
        let justify = src.style.align == Align::Justify;
        out.push(Elem::Glue {
            width: script_space,
            stretch: if justify { script_space } else { 0.0 },
            shrink: if justify { script_space / 2.0 } else { 0.0 },
        });
    } else if !ends_hyphen && src.style.align == Align::Justify {
        let clusters = span(src.clusters, s.content.clone());
        // Khmer words stretch between their clusters (the lines set it spreads the
        // space over them), never with a gap where the text has no space; other
        // scripts take a little space after the last character.
        let stretch = if clusters
            .first()
            .is_some_and(|c| is_khmer(text_of(src.text, c.text.clone())))
        {
            src.style.size * KHMER_CLUSTER_STRETCH * clusters.len() as f32
        } else {
            src.style.size * 0.25 * 0.3
        };
        out.push(Elem::Glue {
            width: 0.0,
            stretch,
            shrink: 0.0,
        });
    }
    out
}

/// How far each Khmer cluster may move apart from the next at a justification ratio of
/// 1, in ems. The space opens evenly through a phrase, as Khmer is justified; the PDF
/// writes each phrase as one piece of text, so extraction never reads it as a space.
pub(super) const KHMER_CLUSTER_STRETCH: f32 = 0.05;

/// Whether `text` starts with a Khmer character.
pub(super) fn is_khmer(text: &str) -> bool {
    text.chars().next().is_some_and(super::is_khmer_char)
}

/// The cost of breaking a web address after `before` (the text up to the break): after
/// `/`, `.`, `?`, `&`, `=`, `#`, `-` or `_` a little more than between words, never
/// inside or right after the scheme (`https://`), and nowhere else.
pub(super) fn url_break_cost(before: &str) -> f32 {
    let in_scheme = before.ends_with(':') || before.ends_with(":/") || before.ends_with("://");
    let after_mark = before.ends_with(['/', '.', '?', '&', '=', '#', '-', '_']);
    if after_mark && !in_scheme { 100.0 } else { INF }
}
