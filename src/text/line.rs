//! Lines from the chosen breaks: each line's clusters with the width each takes once
//! the line is justified, grouped into runs of one font, size and inline piece, with
//! the hyphen a broken word ends with and the links it carries.

use super::breaking::{Break, Elem};
use super::model::{Model, Source, is_khmer};
use super::paragraph::{Align, Line, SHY};
use super::segment::{Cluster, span, text_of};
use crate::layout::frame::{Glyph, LineStats, TextRun};

/// The paragraph's lines, one for each break.
pub(super) fn lines(src: &Source, model: &Model, breaks: &[Break], width: f32) -> Vec<Line> {
    let elems = &model.elems;
    let mut lines = Vec::with_capacity(breaks.len());
    let mut start = 0usize;
    for (li, br) in breaks.iter().enumerate() {
        let last = li + 1 == breaks.len();
        // Skip discardable elements at the line start.
        while start < br.at
            && elems
                .get(start)
                .is_some_and(|e| !matches!(e, Elem::Box { .. }))
        {
            start += 1;
        }
        // The last line keeps natural spacing unless it had to shrink to fit.
        let ratio = match src.style.align {
            Align::Justify if !last || br.ratio < 0.0 => br.ratio,
            _ => 0.0,
        };
        let range = start..br.at;
        let hyphen = hyphen_at(src, model, br.at);
        let ratio = if src.style.align == Align::Justify && !last {
            hang(src, model, range.clone(), ratio, hyphen.as_ref())
        } else {
            ratio
        };
        let (mut placed, lead) = widths(src, model, range, ratio);
        let hyphenated = hyphen.is_some();
        if let Some((mut h, hw)) = hyphen {
            // The hyphen takes the style of the cluster before it and maps to the soft hyphen.
            if let Some((prev, _)) = placed.last() {
                h.brush = prev.brush;
                let end = prev.text.end;
                h.text = end..end + SHY.len_utf8();
            }
            placed.push((h, hw));
        }
        let stats = line_stats(&placed, hyphenated, last);
        let mut line = runs(src, &placed, lead);
        line.hyphenated = hyphenated;
        line.last = last;
        if let Some((_, first)) = line.runs.first_mut() {
            first.line = Some(LineStats {
                // Past the measure by more than any hanging punctuation.
                overfull: line.width > width + 0.5 * src.style.size,
                ..stats
            });
        }
        lines.push(line);
        start = br.at + 1;
    }
    lines
}

/// The adjustment ratio for words and the one for spaces on a line set at `ratio`.
/// Words space out at most by their full flexibility (ratio 1, 2 %); a looser line
/// gives the rest to its spaces, so letters never look tracked.
fn split_ratio(elems: &[Elem], ratio: f32) -> (f32, f32) {
    let word = ratio.clamp(-1.0, 1.0);
    if word == ratio {
        return (ratio, ratio);
    }
    let (mut words, mut glue) = (0.0, 0.0);
    for e in elems {
        match *e {
            Elem::Box { stretch, .. } => words += stretch,
            Elem::Glue { stretch, .. } => glue += stretch,
            Elem::Penalty { .. } => {}
        }
    }
    if ratio > 1.0 && glue > 0.0 {
        (word, ratio + (ratio - word) * words / glue)
    } else {
        // Nothing else can take it: the line stays short rather than track.
        (word, ratio)
    }
}

/// The spacing of a line's placed clusters: each space's width against its natural one.
fn line_stats(placed: &[(Cluster, f32)], hyphenated: bool, last: bool) -> LineStats {
    let mut stats = LineStats {
        hyphenated,
        last,
        ..LineStats::default()
    };
    // Trailing spaces are not on the line as printed.
    let end = placed
        .iter()
        .rposition(|(c, _)| !c.space)
        .map_or(0, |i| i + 1);
    for (c, w) in placed.get(..end).unwrap_or_default() {
        if c.space && c.advance > 0.0 {
            let stretch = w / c.advance;
            stats.spaces += 1;
            stats.stretch_sum += stretch;
            stats.stretch_max = stats.stretch_max.max(stretch);
        }
    }
    stats
}

/// How much of a character hangs into the right margin when it ends a justified line
/// (optical margin alignment, as in pdfTeX's microtype): punctuation and hyphens are
/// light, and set flush they make the edge look indented.
fn protrusion(c: char) -> f32 {
    match c {
        '-' | '\u{ad}' | '\u{2010}' | '.' | ',' => 0.6,
        '\u{2019}' | '\u{201d}' | '\'' | '"' => 0.5,
        ':' | ';' => 0.4,
        '\u{2013}' | '\u{2014}' => 0.2,
        '!' | '?' | ')' => 0.2,
        _ => 0.0,
    }
}

/// The line's adjustment ratio once its last character hangs into the margin: the
/// spaces stretch a little more (or shrink less) to carry it there.
fn hang(
    src: &Source,
    model: &Model,
    range: std::ops::Range<usize>,
    ratio: f32,
    hyphen: Option<&(Cluster, f32)>,
) -> f32 {
    let last_box = range.clone().rev().find_map(|k| {
        matches!(model.elems.get(k), Some(Elem::Box { .. }))
            .then(|| {
                model
                    .seg_of_elem
                    .get(k)
                    .and_then(|&si| src.segments.get(si))
            })
            .flatten()
    });
    let (ch, advance) = match hyphen {
        Some((_, w)) => ('-', *w),
        None => {
            let Some(c) = last_box.and_then(|s| span(src.clusters, s.content.clone()).last())
            else {
                return ratio;
            };
            let ch = text_of(src.text, c.text.clone())
                .chars()
                .last()
                .unwrap_or(' ');
            (ch, c.advance)
        }
    };
    let hang = protrusion(ch) * advance;
    if hang <= 0.0 {
        return ratio;
    }
    let (mut stretch, mut shrink) = (0.0, 0.0);
    for e in model.elems.get(range).unwrap_or_default() {
        if let Elem::Glue {
            stretch: st,
            shrink: sh,
            ..
        } = *e
        {
            stretch += st;
            shrink += sh;
        }
    }
    if ratio < 0.0 && shrink > 0.0 {
        (ratio + hang / shrink).min(0.0)
    } else if stretch > 0.0 {
        ratio + hang / stretch
    } else {
        ratio
    }
}

/// The hyphen a line broken at element `at` ends with, if it ends a word broken at a
/// hyphenation point.
fn hyphen_at(src: &Source, model: &Model, at: usize) -> Option<(Cluster, f32)> {
    let hyphenated = matches!(
        model.elems.get(at),
        Some(Elem::Penalty { flagged: true, width, .. }) if *width > 0.0
    );
    if !hyphenated {
        return None;
    }
    let seg = at
        .checked_sub(1)
        .and_then(|k| model.seg_of_elem.get(k))
        .and_then(|&si| src.segments.get(si))?;
    let c = src.clusters.get(seg.content.end.max(1) - 1)?;
    model.hyphens.get(&c.brush).cloned()
}

/// The visible clusters of the elements in `range`, each with the width it takes at
/// adjustment `ratio`, and the width of the indent before them.
fn widths(
    src: &Source,
    model: &Model,
    range: std::ops::Range<usize>,
    ratio: f32,
) -> (Vec<(Cluster, f32)>, f32) {
    let elems = model.elems.get(range.clone()).unwrap_or_default();
    let seg_of = model.seg_of_elem.get(range).unwrap_or_default();
    let (word_ratio, ratio) = split_ratio(elems, ratio);
    let mut placed: Vec<(Cluster, f32)> = Vec::new();
    let mut lead = 0.0f32;
    // Clusters of the last segment placed, which a break's glue may spread over.
    let mut last_word = 0usize;
    // Whether element `k` is glue for the spaces of the segment before it.
    let follows_spaces = |k: usize| {
        k.checked_sub(1)
            .and_then(|j| seg_of.get(j))
            .and_then(|&si| src.segments.get(si))
            .is_some_and(|s| !s.spaces.is_empty())
    };
    for (k, (e, &si)) in elems.iter().zip(seg_of).enumerate() {
        match *e {
            Elem::Box { width, .. } if si == usize::MAX => lead += width,
            Elem::Box {
                stretch,
                shrink,
                width,
            } => {
                let Some(s) = src.segments.get(si) else {
                    continue;
                };
                // The word's letters space out (or close up) by its share of the
                // line's adjustment, in proportion to their widths.
                let flex = if word_ratio >= 0.0 {
                    word_ratio * stretch
                } else {
                    word_ratio * shrink
                };
                let scale = if width > 0.0 { flex / width } else { 0.0 };
                let before = placed.len();
                for c in span(src.clusters, s.content.clone()) {
                    // A soft hyphen inside a line is invisible: draw nothing for it.
                    if text_of(src.text, c.text.clone()).starts_with(SHY) && c.advance == 0.0 {
                        continue;
                    }
                    placed.push((c.clone(), c.advance * (1.0 + scale)));
                }
                last_word = placed.len() - before;
                // The segment's spaces come right after it as glue (if any).
                if !s.spaces.is_empty()
                    && let Some(Elem::Glue {
                        width,
                        stretch,
                        shrink,
                    }) = elems.get(k + 1)
                {
                    let w = if ratio >= 0.0 {
                        width + ratio * stretch
                    } else {
                        width + ratio * shrink
                    };
                    let n = s.spaces.len() as f32;
                    for c in span(src.clusters, s.spaces.clone()) {
                        placed.push((c.clone(), w / n));
                    }
                }
            }
            // Glue a segment's spaces did not take: the space at a break without one.
            Elem::Glue {
                width,
                stretch,
                shrink,
            } if !follows_spaces(k) => {
                let flex = if ratio >= 0.0 { stretch } else { shrink };
                let extra = width + ratio * flex;
                if extra > 0.0 && stretch < super::breaking::INF {
                    spread_break_space(src, &mut placed, last_word, extra);
                }
            }
            _ => {}
        }
    }
    (placed, lead)
}

/// Adds `extra`, the justification space of a break without a space, to the word
/// just placed (its last `word_len` clusters): a Khmer word takes it between its
/// clusters, anything else after its last character.
fn spread_break_space(src: &Source, placed: &mut [(Cluster, f32)], word_len: usize, extra: f32) {
    let word = placed.len().saturating_sub(word_len);
    let khmer = placed
        .get(word)
        .is_some_and(|(c, _)| is_khmer(text_of(src.text, c.text.clone())));
    let spread = if khmer { placed.len() - word } else { 1 };
    let each = extra / spread.max(1) as f32;
    for (_, w) in placed.iter_mut().rev().take(spread) {
        *w += each;
    }
}

/// The placed clusters as runs of one font, size and inline piece from `lead`, with
/// the links they carry. Trailing spaces count in the width as placed.
fn runs(src: &Source, placed: &[(Cluster, f32)], lead: f32) -> Line {
    let mut runs: Vec<(f32, TextRun)> = Vec::new();
    let mut links: Vec<(f32, f32, String)> = Vec::new();
    let (mut ascent, mut descent) = (0.0f32, 0.0f32);
    let mut x = lead;
    let same_run = |(a, _): &(Cluster, f32), (b, _): &(Cluster, f32)| {
        a.font == b.font && a.size == b.size && a.brush == b.brush
    };
    for group in placed.chunk_by(same_run) {
        let Some((first, _)) = group.first() else {
            continue;
        };
        let (run, run_w) = run_of(src, first, group);
        let p = src.pieces.get(first.brush as usize);
        ascent = ascent.max(run.ascent);
        descent = descent.max(run.descent);
        if let Some(url) = p.and_then(|p| p.link.clone()) {
            match links.last_mut() {
                Some((_, e, u)) if *u == url && (*e - x).abs() < 0.01 => *e = x + run_w,
                _ => links.push((x, x + run_w, url)),
            }
        }
        if !run.glyphs.is_empty() {
            runs.push((x, run));
        }
        x += run_w;
    }
    Line {
        runs,
        width: x,
        links,
        hyphenated: false,
        last: false,
        ascent,
        descent,
    }
}

/// One run of clusters of the same font, size and piece as `first`, and its width.
fn run_of(src: &Source, first: &Cluster, group: &[(Cluster, f32)]) -> (TextRun, f32) {
    let text = src.text;
    let tstart = group.iter().map(|(c, _)| c.text.start).min().unwrap_or(0);
    let tend = group.iter().map(|(c, _)| c.text.end).max().unwrap_or(0);
    let run_text = if tend <= text.len() {
        text_of(text, tstart..tend).to_string()
    } else {
        // The added hyphen stands for a soft hyphen one past the text.
        format!("{}{}", text_of(text, tstart..text.len().min(tend)), SHY)
    };
    let mut glyphs = Vec::new();
    let mut run_w = 0.0;
    for (k, (c, w)) in group.iter().enumerate() {
        // A ligature's glyph stands for its continuation clusters' text too, so "fl"
        // extracts as both letters.
        let end = group
            .iter()
            .skip(k + 1)
            .take_while(|(n, _)| n.lig_cont && n.glyphs.is_empty())
            .last()
            .map_or(c.text.end, |(n, _)| n.text.end);
        let range = (c.text.start - tstart)..(end - tstart).min(run_text.len());
        push_glyphs(&mut glyphs, src, c, *w, range);
        run_w += w;
    }
    let (font, size, brush) = (first.font, first.size, first.brush);
    let color = src
        .pieces
        .get(brush as usize)
        .and_then(|p| p.color)
        .unwrap_or(src.style.color);
    let run = TextRun {
        font,
        size,
        color,
        glyphs,
        text: run_text,
        lang: src
            .pieces
            .get(brush as usize)
            .and_then(|p| p.lang.clone())
            .unwrap_or_else(|| src.style.lang.clone()),
        ascent: group.iter().map(|(c, _)| c.ascent).fold(0.0, f32::max),
        descent: group.iter().map(|(c, _)| c.descent).fold(0.0, f32::max),
        line: None,
    };
    (run, run_w)
}

/// The glyphs of cluster `c` taking width `w`, each mapped to `range` of the run's text.
fn push_glyphs(
    glyphs: &mut Vec<Glyph>,
    src: &Source,
    c: &Cluster,
    w: f32,
    range: std::ops::Range<usize>,
) {
    let n = c.glyphs.len();
    let natural: f32 = c.glyphs.iter().map(|g| g.advance).sum();
    let extra = w - natural;
    let widened = rightmost_glyph(&c.glyphs);
    let has_shy = text_of(src.text, c.text.clone()).contains(SHY);
    for (gi, g) in c.glyphs.iter().enumerate() {
        // The shaper turns a soft hyphen inside a cluster into an empty space glyph;
        // drawing it would put a space into the text.
        if has_shy && n > 1 && g.advance == 0.0 && g.x == 0.0 && g.y == 0.0 {
            continue;
        }
        // Justification space goes after the glyph that ends furthest right, so the
        // cluster still ends with its widest part (text extraction reads the end of a
        // cluster from there); glyphs after it are moved back to where they were.
        let (advance, x_offset) = match gi.cmp(&widened) {
            std::cmp::Ordering::Equal => (g.advance + extra, g.x),
            std::cmp::Ordering::Greater => (g.advance, g.x - extra),
            std::cmp::Ordering::Less => (g.advance, g.x),
        };
        glyphs.push(Glyph {
            id: g.id as u16,
            advance,
            x_offset,
            y_offset: -g.y,
            text_range: range.clone(),
        });
    }
    if n == 0 && w > 0.0 {
        // A cluster without glyphs but with width (should not happen): keep the pen moving.
        if let Some(last) = glyphs.last_mut() {
            last.advance += w;
        }
    }
}

/// The index of the glyph whose ink ends furthest right (pen position, offset and
/// advance), the last of equals; 0 for none.
fn rightmost_glyph(glyphs: &[parley::Glyph]) -> usize {
    let mut pen = 0.0;
    let mut best = (0, f32::NEG_INFINITY);
    for (i, g) in glyphs.iter().enumerate() {
        let end = pen + g.x + g.advance;
        if end >= best.1 {
            best = (i, end);
        }
        pen += g.advance;
    }
    best.0
}

/// Places the lines in a measure `width` wide by their alignment.
pub(super) fn align(lines: &mut [Line], align: Align, width: f32) {
    for line in lines {
        let shift = match align {
            Align::Left | Align::Justify => 0.0,
            Align::Center => (width - line.width) / 2.0,
            Align::Right => width - line.width,
        };
        if shift != 0.0 {
            for (x, _) in &mut line.runs {
                *x += shift;
            }
            for (a, b, _) in &mut line.links {
                *a += shift;
                *b += shift;
            }
        }
    }
}
