//! Our paragraph builder: shape with the shaper once, find every break opportunity
//! (Unicode line breaking plus hyphenation), choose breaks with total-fit, then
//! justify by setting the width of each inter-word space.

use std::ops::Range;

use parley::{
    FontFamily, FontStyle, FontWeight, Language, LayoutContext, OverflowWrap, StyleProperty,
};

use super::breaking::{self, Elem, INF, Params};
use super::fonts::FontBook;
use crate::content::model::Rgb;
use crate::layout::frame::{Glyph, TextRun};

/// The soft hyphen we insert at hyphenation points; invisible unless a line ends there.
const SHY: char = '\u{AD}';

/// Typeface family of a style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// Noto Sans, falling back to Khmer and Japanese.
    Sans,
    /// Noto Serif, falling back to the sans faces for other scripts.
    Serif,
}

impl Family {
    fn stack(self) -> &'static str {
        match self {
            Family::Sans => "'Noto Sans', 'Noto Sans Khmer', 'Noto Sans CJK JP'",
            Family::Serif => "'Noto Serif', 'Noto Sans Khmer', 'Noto Sans CJK JP'",
        }
    }
}

/// How lines sit in the measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Flush left, ragged right.
    Left,
    /// Centred.
    Center,
    /// Flush right.
    Right,
    /// Both edges flush; the last line flush left.
    Justify,
}

/// Paragraph-wide style.
#[derive(Debug, Clone, PartialEq)]
pub struct ParStyle {
    /// Family.
    pub family: Family,
    /// Size in points.
    pub size: f32,
    /// Baseline-to-baseline distance in points.
    pub leading: f32,
    /// Default text colour.
    pub color: Rgb,
    /// Set everything bold.
    pub bold: bool,
    /// Set everything italic.
    pub italic: bool,
    /// BCP 47 language, for shaping, line breaking and hyphenation.
    pub lang: String,
    /// Alignment.
    pub align: Align,
    /// Hyphenate words where the language allows it.
    pub hyphenate: bool,
    /// Extra space between letters, in points (for small caps-like labels).
    pub tracking: f32,
    /// First-line indent in points.
    pub indent: f32,
}

impl ParStyle {
    /// A plain body style.
    pub fn new(family: Family, size: f32, leading: f32, color: Rgb, lang: &str) -> Self {
        ParStyle {
            family,
            size,
            leading,
            color,
            bold: false,
            italic: false,
            lang: lang.to_string(),
            align: Align::Left,
            hyphenate: false,
            tracking: 0.0,
            indent: 0.0,
        }
    }
}

/// A piece of text with inline styling.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Styled {
    /// The characters.
    pub text: String,
    /// Bold.
    pub bold: bool,
    /// Italic.
    pub italic: bool,
    /// Link target.
    pub link: Option<String>,
    /// Colour, overriding the paragraph's.
    pub color: Option<Rgb>,
}

impl Styled {
    /// Plain text.
    pub fn plain(text: impl Into<String>) -> Self {
        Styled {
            text: text.into(),
            ..Default::default()
        }
    }
}

/// A set line: runs placed relative to the line's left edge and baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// Runs with their x offset from the line start.
    pub runs: Vec<(f32, TextRun)>,
    /// Width the line's ink occupies (after justification).
    pub width: f32,
    /// Clickable areas: x start, x end, URL.
    pub links: Vec<(f32, f32, String)>,
    /// The line ends with a hyphen we added.
    pub hyphenated: bool,
    /// The paragraph's last line (not justified).
    pub last: bool,
    /// Largest ascent of the line's runs.
    pub ascent: f32,
    /// Largest descent of the line's runs.
    pub descent: f32,
}

/// A set paragraph.
#[derive(Debug, Clone, PartialEq)]
pub struct SetParagraph {
    /// Lines top to bottom.
    pub lines: Vec<Line>,
    /// Baseline-to-baseline distance.
    pub leading: f32,
    /// The measure the paragraph was set to.
    pub width: f32,
}

impl SetParagraph {
    /// Height of the paragraph on the baseline grid: lines times leading.
    pub fn height(&self) -> f32 {
        self.lines.len() as f32 * self.leading
    }
}

/// Which inline piece a cluster belongs to; the shaper carries it as the brush.
type Brush = u32;

/// One shaped cluster, in logical order.
#[derive(Debug, Clone)]
struct Cluster {
    text: Range<usize>,
    advance: f32,
    glyphs: Vec<parley::Glyph>,
    font: crate::layout::frame::FontId,
    size: f32,
    brush: Brush,
    ascent: f32,
    descent: f32,
    space: bool,
    /// First cluster of one of the shaper's lines: a break opportunity lies before it.
    line_start: bool,
    /// Continues a ligature begun in an earlier cluster: no break may fall before it.
    lig_cont: bool,
}

/// An unbreakable piece between two break opportunities.
#[derive(Debug, Clone)]
struct Segment {
    /// Clusters of visible content (the soft hyphen excluded).
    content: Range<usize>,
    /// Trailing spaces.
    spaces: Range<usize>,
    /// Ends at an inserted soft hyphen.
    shy: bool,
    /// A piece of a word too long for the measure: a last-resort break follows it.
    emergency: bool,
}

/// The clusters of `range`; none if it is out of bounds (it never is: ranges come
/// from the clusters themselves).
fn span(clusters: &[Cluster], range: Range<usize>) -> &[Cluster] {
    clusters.get(range).unwrap_or_default()
}

/// The text of `range`; empty if it is out of bounds or splits a character.
fn text_of(text: &str, range: Range<usize>) -> &str {
    text.get(range).unwrap_or_default()
}

/// Shapes and sets paragraphs. Holds the shaper's scratch space, reused between paragraphs.
pub struct Typesetter {
    /// The fonts.
    pub fonts: FontBook,
    lcx: LayoutContext<Brush>,
}

impl std::fmt::Debug for Typesetter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Typesetter")
            .field("fonts", &self.fonts)
            .finish()
    }
}

impl Typesetter {
    /// A typesetter over a font book.
    pub fn new(fonts: FontBook) -> Self {
        Typesetter {
            fonts,
            lcx: LayoutContext::new(),
        }
    }

    /// Sets a paragraph to `width` points.
    pub fn set(&mut self, pieces: &[Styled], style: &ParStyle, width: f32) -> SetParagraph {
        let (text, piece_of) = assemble(pieces, style);
        if text.trim().is_empty() {
            return SetParagraph {
                lines: Vec::new(),
                leading: style.leading,
                width,
            };
        }
        let clusters = self.shape(&text, &piece_of, pieces, style, Some(0.0));
        let segments = split_overlong(segments(&clusters, &text), &clusters, width);
        // Hyphens take the weight and slant of the word they end.
        let mut hyphens: std::collections::HashMap<Brush, (Cluster, f32)> = Default::default();

        let space_w = style.size * 0.25;
        let mut elems = Vec::with_capacity(segments.len() * 2 + 2);
        // elem index -> segment index, for boxes.
        let mut seg_of_elem = Vec::with_capacity(segments.len() * 2 + 2);
        if style.indent > 0.0 {
            // The indent is a box of its own that belongs to no segment.
            elems.push(Elem::Box {
                width: style.indent,
            });
            seg_of_elem.push(usize::MAX);
        }
        for (si, s) in segments.iter().enumerate() {
            let w: f32 = span(&clusters, s.content.clone())
                .iter()
                .map(|c| c.advance)
                .sum();
            elems.push(Elem::Box { width: w });
            seg_of_elem.push(si);
            let last = si + 1 == segments.len();
            if last {
                break;
            }
            if !s.spaces.is_empty() {
                let w: f32 = span(&clusters, s.spaces.clone())
                    .iter()
                    .map(|c| c.advance)
                    .sum();
                let (stretch, shrink) = match style.align {
                    Align::Justify => (w * 0.6, w * 0.3),
                    _ => (0.0, 0.0),
                };
                elems.push(Elem::Glue {
                    width: w,
                    stretch,
                    shrink,
                });
            } else if s.shy {
                let brush = clusters
                    .get(s.content.end.max(1) - 1)
                    .map_or(0, |c| c.brush);
                let width = match hyphens.get(&brush) {
                    Some(h) => h.1,
                    None => {
                        let piece = pieces.get(brush as usize).cloned().unwrap_or_default();
                        // A font with no hyphen glyph: the break stays, without a hyphen.
                        match self.hyphen_glyph(style, &piece) {
                            Some(h) => {
                                let w = h.1;
                                hyphens.insert(brush, h);
                                w
                            }
                            None => 0.0,
                        }
                    }
                };
                elems.push(Elem::Penalty {
                    width,
                    cost: 50.0,
                    flagged: true,
                });
            } else if s.emergency {
                // Inside a word longer than the measure: a costly break, no hyphen.
                elems.push(Elem::Penalty {
                    width: 0.0,
                    cost: 1000.0,
                    flagged: false,
                });
            } else {
                // A break after a hard hyphen or between ideographs: free, and for CJK
                // it may take a little justification space.
                let last = s.content.end.checked_sub(1).and_then(|k| clusters.get(k));
                let before = last.map_or("", |c| text_of(&text, 0..c.text.end));
                let in_link = last
                    .and_then(|c| pieces.get(c.brush as usize))
                    .is_some_and(|p| p.link.is_some());
                if in_link {
                    // Inside a web address: no space opens, no hyphen is added.
                    elems.push(Elem::Penalty {
                        width: 0.0,
                        cost: url_break_cost(before),
                        flagged: false,
                    });
                    seg_of_elem.resize(elems.len(), usize::MAX);
                    continue;
                }
                let ends_hyphen = before.ends_with('-');
                // "2027-spring" broken after the hyphen reads like a hyphenated word.
                let after_digit = ends_hyphen
                    && before
                        .trim_end_matches('-')
                        .ends_with(|c: char| c.is_ascii_digit());
                elems.push(Elem::Penalty {
                    width: 0.0,
                    cost: match (ends_hyphen, after_digit) {
                        (_, true) => INF,
                        (true, false) => 50.0,
                        _ => 0.0,
                    },
                    flagged: ends_hyphen,
                });
                if !ends_hyphen && style.align == Align::Justify {
                    elems.push(Elem::Glue {
                        width: 0.0,
                        stretch: space_w * 0.3,
                        shrink: 0.0,
                    });
                }
            }
            seg_of_elem.resize(elems.len(), usize::MAX);
        }
        elems.push(Elem::Glue {
            width: 0.0,
            stretch: INF,
            shrink: 0.0,
        });
        elems.push(Elem::Penalty {
            width: 0.0,
            cost: -INF,
            flagged: false,
        });
        seg_of_elem.resize(elems.len(), usize::MAX);

        let params = Params {
            ragged_stretch: if style.align == Align::Justify {
                0.0
            } else {
                width * 0.25
            },
            ..Params::default()
        };
        let breaks = breaking::break_lines(&elems, width, &params);

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
            let hyphenated = matches!(
                elems.get(br.at),
                Some(Elem::Penalty { flagged: true, width, .. }) if *width > 0.0
            );
            let hyphen = hyphenated
                .then(|| {
                    let seg = br
                        .at
                        .checked_sub(1)
                        .and_then(|k| seg_of_elem.get(k))
                        .and_then(|&si| segments.get(si))?;
                    let c = clusters.get(seg.content.end.max(1) - 1)?;
                    hyphens.get(&c.brush).cloned()
                })
                .flatten();
            // The last line keeps natural spacing unless it had to shrink to fit.
            let ratio = match style.align {
                Align::Justify if !last || br.ratio < 0.0 => br.ratio,
                _ => 0.0,
            };
            let line = self.build_line(
                &text,
                &clusters,
                &segments,
                elems.get(start..br.at).unwrap_or_default(),
                seg_of_elem.get(start..br.at).unwrap_or_default(),
                ratio,
                hyphen,
                pieces,
                style,
                last,
            );
            lines.push(line);
            start = br.at + 1;
        }
        // Place lines in the measure.
        for line in &mut lines {
            let shift = match style.align {
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
        SetParagraph {
            lines,
            leading: style.leading,
            width,
        }
    }

    /// Natural width of a single line of text, unbroken.
    pub fn measure(&mut self, pieces: &[Styled], style: &ParStyle) -> f32 {
        let (text, piece_of) = assemble_plain(pieces);
        let clusters = self.shape(&text, &piece_of, pieces, style, None);
        clusters.iter().map(|c| c.advance).sum()
    }

    fn shape(
        &mut self,
        text: &str,
        piece_of: &[(Range<usize>, Brush)],
        pieces: &[Styled],
        style: &ParStyle,
        max_advance: Option<f32>,
    ) -> Vec<Cluster> {
        let mut stack = style.family.stack().to_string();
        for extra in self.fonts.extra_families() {
            stack.push_str(&format!(", '{}'", extra.replace('\'', "")));
        }
        let mut b = self
            .lcx
            .ranged_builder(&mut self.fonts.fcx, text, 1.0, false);
        b.push_default(StyleProperty::FontFamily(FontFamily::Source(stack.into())));
        b.push_default(StyleProperty::FontSize(style.size));
        b.push_default(StyleProperty::Locale(Language::parse(&style.lang).ok()));
        b.push_default(StyleProperty::OverflowWrap(OverflowWrap::Normal));
        if style.tracking != 0.0 {
            b.push_default(StyleProperty::LetterSpacing(style.tracking));
        }
        b.push_default(StyleProperty::FontWeight(if style.bold {
            FontWeight::BOLD
        } else {
            FontWeight::NORMAL
        }));
        if style.italic {
            b.push_default(StyleProperty::FontStyle(FontStyle::Italic));
        }
        for (range, brush) in piece_of {
            b.push(StyleProperty::Brush(*brush), range.clone());
            let Some(p) = pieces.get(*brush as usize) else {
                continue;
            };
            if p.bold {
                b.push(StyleProperty::FontWeight(FontWeight::BOLD), range.clone());
            }
            if p.italic {
                b.push(StyleProperty::FontStyle(FontStyle::Italic), range.clone());
            }
        }
        let mut layout = b.build(text);
        layout.break_all_lines(max_advance);

        let mut out = Vec::new();
        for line in layout.lines() {
            let mut first = true;
            for run in line.runs() {
                let Some(font) = self.fonts.id_of(run.font()) else {
                    continue;
                };
                let m = *run.font_metrics();
                for c in run.clusters() {
                    let ctext = text_of(text, c.text_range());
                    out.push(Cluster {
                        text: c.text_range(),
                        advance: c.advance(),
                        glyphs: c.glyphs().collect(),
                        font,
                        size: run.font_size(),
                        brush: c.style().brush,
                        ascent: m.ascent,
                        descent: m.descent,
                        // A no-break space holds its neighbours together: it is not glue.
                        space: (c.is_space_or_nbsp() && ctext != "\u{a0}")
                            || c.is_hard_line_break(),
                        line_start: first,
                        lig_cont: c.is_ligature_continuation(),
                    });
                    first = false;
                }
            }
        }
        // Lines are in order; clusters within a line are logical for LTR runs.
        out.sort_by_key(|c| c.text.start);
        out
    }

    /// The hyphen glyph and its advance for a style and inline piece; none if the
    /// shaper made nothing of a hyphen.
    fn hyphen_glyph(&mut self, style: &ParStyle, piece: &Styled) -> Option<(Cluster, f32)> {
        let pieces = [Styled {
            text: "-".into(),
            ..piece.clone()
        }];
        let piece_of = vec![(0..1, 0)];
        let c = self.shape("-", &piece_of, &pieces, style, None);
        let c = c.into_iter().next()?;
        let w = c.advance;
        Some((c, w))
    }

    #[allow(clippy::too_many_arguments)]
    fn build_line(
        &self,
        text: &str,
        clusters: &[Cluster],
        segments: &[Segment],
        elems: &[Elem],
        seg_of_elem: &[usize],
        ratio: f32,
        hyphen: Option<(Cluster, f32)>,
        pieces: &[Styled],
        style: &ParStyle,
        last: bool,
    ) -> Line {
        // Visible clusters with the width each takes in this line.
        let mut placed: Vec<(Cluster, f32)> = Vec::new();
        let mut extra_unassigned = 0.0f32;
        let mut lead = 0.0f32;
        for (k, (e, &si)) in elems.iter().zip(seg_of_elem).enumerate() {
            match *e {
                Elem::Box { width } if si == usize::MAX => lead += width,
                Elem::Box { .. } => {
                    let Some(s) = segments.get(si) else {
                        continue;
                    };
                    for c in span(clusters, s.content.clone()) {
                        // A soft hyphen inside a line is invisible: draw nothing for it.
                        if text_of(text, c.text.clone()).starts_with(SHY) && c.advance == 0.0 {
                            continue;
                        }
                        placed.push((c.clone(), c.advance));
                    }
                    // The segment's spaces come right after it as glue (if any).
                    if !s.spaces.is_empty()
                        && let Some(Elem::Glue {
                            width,
                            stretch,
                            shrink,
                        }) = elems.get(k + 1)
                    {
                        {
                            let w = if ratio >= 0.0 {
                                width + ratio * stretch
                            } else {
                                width + ratio * shrink
                            };
                            let n = s.spaces.len() as f32;
                            for c in span(clusters, s.spaces.clone()) {
                                placed.push((c.clone(), w / n));
                            }
                        }
                    }
                }
                Elem::Glue {
                    width: 0.0,
                    stretch,
                    ..
                } if ratio > 0.0 => {
                    // Inter-character justification space: widen the last cluster.
                    if let Some(last) = placed.last_mut() {
                        last.1 += ratio * stretch;
                    } else {
                        extra_unassigned += ratio * stretch;
                    }
                }
                _ => {}
            }
        }
        let _ = extra_unassigned;
        let hyphenated = hyphen.is_some();
        if let Some((mut h, hw)) = hyphen {
            // The hyphen takes the style of the cluster before it and maps to the soft hyphen.
            if let Some((prev, _)) = placed.last() {
                h.brush = prev.brush;
                let end = prev.text.end;
                let shy_len = SHY.len_utf8();
                h.text = end..end + shy_len;
            }
            placed.push((h, hw));
        }

        let mut runs: Vec<(f32, TextRun)> = Vec::new();
        let mut links: Vec<(f32, f32, String)> = Vec::new();
        let (mut ascent, mut descent) = (0.0f32, 0.0f32);
        let mut x = lead;
        // Runs of clusters of one font, size and inline piece.
        let same_run = |(a, _): &(Cluster, f32), (b, _): &(Cluster, f32)| {
            a.font == b.font && a.size == b.size && a.brush == b.brush
        };
        for group in placed.chunk_by(same_run) {
            let Some((font, size, brush)) = group.first().map(|(c, _)| (c.font, c.size, c.brush))
            else {
                continue;
            };
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
                // A ligature's glyph stands for its continuation clusters' text too,
                // so "fl" extracts as both letters.
                let end = group
                    .iter()
                    .skip(k + 1)
                    .take_while(|(n, _)| n.lig_cont && n.glyphs.is_empty())
                    .last()
                    .map_or(c.text.end, |(n, _)| n.text.end);
                let range = (c.text.start - tstart)..(end - tstart).min(run_text.len());
                let n = c.glyphs.len();
                let natural: f32 = c.glyphs.iter().map(|g| g.advance).sum();
                let has_shy = text_of(text, c.text.clone()).contains(SHY);
                for (gi, g) in c.glyphs.iter().enumerate() {
                    // The shaper turns a soft hyphen inside a cluster into an empty
                    // space glyph; drawing it would put a space into the text.
                    if has_shy && n > 1 && g.advance == 0.0 && g.x == 0.0 && g.y == 0.0 {
                        continue;
                    }
                    // Justification space goes on the cluster's last glyph.
                    let adv = if gi + 1 == n {
                        g.advance + (w - natural)
                    } else {
                        g.advance
                    };
                    glyphs.push(Glyph {
                        id: g.id as u16,
                        advance: adv,
                        x_offset: g.x,
                        y_offset: -g.y,
                        text_range: range.clone(),
                    });
                }
                if n == 0 && *w > 0.0 {
                    // A cluster without glyphs but with width (should not happen): keep the pen moving.
                    if let Some(last) = glyphs.last_mut() {
                        last.advance += *w;
                    }
                }
                run_w += w;
            }
            let p = pieces.get(brush as usize);
            let color = p.and_then(|p| p.color).unwrap_or(style.color);
            let asc = group.iter().map(|(c, _)| c.ascent).fold(0.0, f32::max);
            let desc = group.iter().map(|(c, _)| c.descent).fold(0.0, f32::max);
            ascent = ascent.max(asc);
            descent = descent.max(desc);
            if let Some(url) = p.and_then(|p| p.link.clone()) {
                match links.last_mut() {
                    Some((_, e, u)) if *u == url && (*e - x).abs() < 0.01 => *e = x + run_w,
                    _ => links.push((x, x + run_w, url)),
                }
            }
            if !glyphs.is_empty() {
                runs.push((
                    x,
                    TextRun {
                        font,
                        size,
                        color,
                        glyphs,
                        text: run_text,
                        lang: style.lang.clone(),
                        ascent: asc,
                        descent: desc,
                    },
                ));
            }
            x += run_w;
        }
        // Trailing spaces of the last segment on a line are not part of its width.
        Line {
            runs,
            width: x,
            links,
            hyphenated,
            last,
            ascent,
            descent,
        }
    }
}

/// Joins the pieces into one string, inserting soft hyphens at hyphenation points.
/// Returns the text and, for each piece, its byte range in that text.
fn assemble(pieces: &[Styled], style: &ParStyle) -> (String, Vec<(Range<usize>, Brush)>) {
    let lang = if style.hyphenate {
        hyphenation_lang(&style.lang)
    } else {
        None
    };
    let mut text = String::new();
    let mut ranges = Vec::with_capacity(pieces.len());
    for (i, p) in pieces.iter().enumerate() {
        let start = text.len();
        match lang {
            Some(l) if p.link.is_none() => hyphenate_into(&p.text, l, &mut text),
            _ => text.push_str(&p.text),
        }
        ranges.push((start..text.len(), i as Brush));
    }
    (text, ranges)
}

fn assemble_plain(pieces: &[Styled]) -> (String, Vec<(Range<usize>, Brush)>) {
    let mut text = String::new();
    let mut ranges = Vec::with_capacity(pieces.len());
    for (i, p) in pieces.iter().enumerate() {
        let start = text.len();
        text.push_str(&p.text);
        ranges.push((start..text.len(), i as Brush));
    }
    (text, ranges)
}

fn hyphenation_lang(lang: &str) -> Option<hypher::Lang> {
    let code = lang.split(['-', '_']).next().unwrap_or("");
    let bytes: [u8; 2] = code.as_bytes().try_into().ok()?;
    hypher::Lang::from_iso(bytes)
}

/// Copies `src` into `out`, with soft hyphens between the syllables of long lower-case
/// words. Capitalised words (names), words with digits and URLs are left whole.
fn hyphenate_into(src: &str, lang: hypher::Lang, out: &mut String) {
    let mut word_start: Option<usize> = None;
    let flush = |word: &str, out: &mut String| {
        let eligible = word.chars().count() >= 6
            && word.chars().all(|c| c.is_alphabetic())
            && !word.chars().next().is_some_and(char::is_uppercase);
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

/// The cost of breaking a web address after `before` (the text up to the break): after
/// `/`, `.`, `?`, `&`, `=`, `#`, `-` or `_` a little more than between words, never
/// inside or right after the scheme (`https://`), and nowhere else.
fn url_break_cost(before: &str) -> f32 {
    let in_scheme = before.ends_with(':') || before.ends_with(":/") || before.ends_with("://");
    let after_mark = before.ends_with(['/', '.', '?', '&', '=', '#', '-', '_']);
    if after_mark && !in_scheme { 100.0 } else { INF }
}

/// Groups clusters into segments between break opportunities. The shaper broke the text
/// at width zero, so every line it made ends at an opportunity; we read the boundaries
/// back from where its lines start.
fn segments(clusters: &[Cluster], text: &str) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    let mut i = 0;
    while i < clusters.len() {
        let start = i;
        // Content up to the first space; then the run of spaces; a segment ends where
        // the next non-space cluster starts a new opportunity.
        let content_at = |i: usize| clusters.get(i).is_some_and(|c| !c.space);
        while content_at(i) {
            i += 1;
            if content_at(i) && is_break_before(clusters, i, text) {
                break;
            }
        }
        let content_end = i;
        while clusters.get(i).is_some_and(|c| c.space) {
            i += 1;
        }
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
            spaces: content_end..i,
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

/// Splits segments wider than the measure (a long URL, a chemical name) between their
/// clusters, so they can break somewhere rather than run out of the column.
fn split_overlong(segments: Vec<Segment>, clusters: &[Cluster], width: f32) -> Vec<Segment> {
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
/// Unicode line breaking decided; we recover it from the lines it made).
fn is_break_before(clusters: &[Cluster], i: usize, text: &str) -> bool {
    let after_shy = i
        .checked_sub(1)
        .and_then(|k| clusters.get(k))
        .is_some_and(|prev| text_of(text, prev.text.clone()).contains(SHY));
    after_shy || clusters.get(i).is_some_and(|c| c.line_start)
}
