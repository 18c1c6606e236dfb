//! Our paragraph builder: shape with the shaper once, find every break opportunity
//! (Unicode line breaking plus hyphenation), choose breaks with total-fit, then
//! justify by setting the width of each inter-word space.

use std::ops::Range;

use parley::{
    FontFamily, FontStyle, FontWeight, Language, LayoutContext, OverflowWrap, RangedBuilder,
    StyleProperty,
};

use super::breaking::{self, Params};
use super::fallback::OtherLanguage;
use super::fonts::FontBook;
use super::hyphenate::{Assembled, assemble, assemble_plain};
use super::kept::KeptWords;
use super::line;
use super::model::Source;
use super::segment::{Cluster, segments, split_overlong, text_of};
use crate::content::model::Rgb;
use crate::layout::frame::TextRun;

/// The soft hyphen we insert at hyphenation points; invisible unless a line ends there.
pub(super) const SHY: char = '\u{AD}';

/// Typeface family of a style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// Noto Sans, falling back to Khmer and Japanese.
    Sans,
    /// Noto Serif, falling back to the sans faces for other scripts.
    Serif,
}

impl Family {
    /// The faces for text in `lang`, first choice first. Japanese text takes the
    /// Japanese face's own Latin letters and figures, drawn to sit beside its kana and
    /// kanji, so a line of mixed text is one face and one run (which keeps the space
    /// between the scripts inside a run, where extraction does not read it as a
    /// space). Italic keeps the Latin faces: the Japanese face has none.
    fn stack(self, lang: &str, italic: bool) -> String {
        let latin = match self {
            Family::Sans => "'Noto Sans'",
            Family::Serif => "'Noto Serif'",
        };
        if super::primary_language(lang) == "ja" && !italic {
            format!("'Noto Sans CJK JP', {latin}, 'Noto Sans Khmer'")
        } else {
            format!("{latin}, 'Noto Sans Khmer', 'Noto Sans CJK JP'")
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
    /// A plain style, `leading` given as for Latin text: a script that needs more
    /// (Khmer, see [`super::script_leading`]) gets more.
    pub fn new(family: Family, size: f32, leading: f32, color: Rgb, lang: &str) -> Self {
        Self::on_grid(
            family,
            size,
            leading * super::script_leading(lang),
            color,
            lang,
        )
    }

    /// A plain style with exactly `leading`: text on a baseline grid whose line
    /// distance already allows for the script.
    pub fn on_grid(family: Family, size: f32, leading: f32, color: Rgb, lang: &str) -> Self {
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
    /// Language (BCP 47), overriding the paragraph's: text not in the edition's.
    pub lang: Option<String>,
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
pub(super) type Brush = u32;

/// Shapes and sets paragraphs. Holds the shaper's scratch space, reused between paragraphs.
pub struct Typesetter {
    /// The fonts.
    pub fonts: FontBook,
    lcx: LayoutContext<Brush>,
    kept: KeptWords,
    other: OtherLanguage,
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
            kept: KeptWords::default(),
            other: OtherLanguage::default(),
        }
    }

    /// Texts in `lang` rather than the edition's language (fields without a
    /// translation, which give the default language's text): pieces found in them
    /// are hyphenated, shaped and tagged as `lang`. Replaces any earlier list.
    pub fn mark_language(&mut self, lang: &str, texts: impl IntoIterator<Item = String>) {
        self.other = OtherLanguage::new(lang, texts);
    }

    /// Words and names no line may break inside (the content's `khmer_words:`), in
    /// any script; a Latin one is not hyphenated either. Replaces any earlier list.
    pub fn keep_whole(&mut self, words: impl IntoIterator<Item = String>) {
        self.kept = KeptWords::new(words);
    }

    /// Sets a paragraph to `width` points.
    pub fn set(&mut self, pieces: &[Styled], style: &ParStyle, width: f32) -> SetParagraph {
        let pieces = self.other.mark(pieces);
        self.set_marked(&pieces, style, width)
    }

    fn set_marked(&mut self, pieces: &[Styled], style: &ParStyle, width: f32) -> SetParagraph {
        let Assembled {
            text,
            piece_of,
            kept,
        } = assemble(pieces, style, &self.kept);
        if text.trim().is_empty() {
            return SetParagraph {
                lines: Vec::new(),
                leading: style.leading,
                width,
            };
        }
        let mut clusters = self.shape(&text, &piece_of, pieces, style, Some(0.0));
        super::cjk::close_up_punctuation(&mut clusters, &text);
        let segments = segments(&clusters, &text, &kept);
        super::cjk::space_segments(&mut clusters, &segments, &text);
        let segments = split_overlong(segments, &clusters, width);
        let src = Source {
            text: &text,
            clusters: &clusters,
            segments: &segments,
            pieces,
            style,
        };
        let model = self.model(&src);
        let params = Params {
            ragged_stretch: if style.align == Align::Justify {
                0.0
            } else {
                width * 0.25
            },
            ..Params::default()
        };
        let breaks = breaking::break_lines(&model.elems, width, &params);
        let mut lines = line::lines(&src, &model, &breaks, width);
        line::align(&mut lines, style.align, width);
        SetParagraph {
            lines,
            leading: style.leading,
            width,
        }
    }

    /// Natural width of a single line of text, unbroken.
    pub fn measure(&mut self, pieces: &[Styled], style: &ParStyle) -> f32 {
        let pieces = self.other.mark(pieces);
        let (text, piece_of) = assemble_plain(&pieces);
        let mut clusters = self.shape(&text, &piece_of, &pieces, style, None);
        super::cjk::close_up_punctuation(&mut clusters, &text);
        super::cjk::space_all(&mut clusters, &text);
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
        let extra: String = self
            .fonts
            .extra_families()
            .iter()
            .map(|f| format!(", '{}'", f.replace('\'', "")))
            .collect();
        let stack = |lang: &str, italic: bool| style.family.stack(lang, italic) + &extra;
        let mut b = self
            .lcx
            .ranged_builder(&mut self.fonts.fcx, text, 1.0, false);
        let default_stack = stack(&style.lang, style.italic);
        b.push_default(StyleProperty::FontFamily(FontFamily::Source(
            default_stack.clone().into(),
        )));
        b.push_default(StyleProperty::FontSize(style.size));
        b.push_default(StyleProperty::Locale(Language::parse(&style.lang).ok()));
        b.push_default(StyleProperty::OverflowWrap(OverflowWrap::Normal));
        if style.tracking != 0.0 && takes_tracking(text) {
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
        push_piece_styles(&mut b, piece_of, pieces, |p| {
            let own = stack(
                p.lang.as_deref().unwrap_or(&style.lang),
                style.italic || p.italic,
            );
            (own != default_stack).then_some(own)
        });
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
    /// shaper made nothing of a hyphen. The font's U+2010 HYPHEN where it has one: a
    /// glyph of its own, so the PDF can map it to the soft hyphen it stands for while
    /// the hyphen-minus glyph of real hyphens ("medically-isolated") stays "-" for
    /// every text extractor, including those that ignore /ActualText.
    pub(super) fn hyphen_glyph(
        &mut self,
        style: &ParStyle,
        piece: &Styled,
    ) -> Option<(Cluster, f32)> {
        ["\u{2010}", "-"].into_iter().find_map(|hyphen| {
            let pieces = [Styled {
                text: hyphen.into(),
                ..piece.clone()
            }];
            let piece_of = vec![(0..hyphen.len(), 0)];
            let c = self.shape(hyphen, &piece_of, &pieces, style, None);
            let c = c.into_iter().next()?;
            let drawn = !c.glyphs.is_empty() && c.glyphs.iter().all(|g| g.id != 0);
            drawn.then(|| {
                let w = c.advance;
                (c, w)
            })
        })
    }
}

/// Each inline piece's own styles over its range of the paragraph's text.
fn push_piece_styles(
    b: &mut RangedBuilder<'_, Brush>,
    piece_of: &[(Range<usize>, Brush)],
    pieces: &[Styled],
    own_stack: impl Fn(&Styled) -> Option<String>,
) {
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
        if let Some(stack) = own_stack(p) {
            let family = FontFamily::Source(stack.into());
            b.push(StyleProperty::FontFamily(family), range.clone());
        }
        if let Some(lang) = &p.lang {
            let locale = Language::parse(lang).ok();
            b.push(StyleProperty::Locale(locale), range.clone());
        }
    }
}

/// Whether letter-spacing may apply to `text`. It is for capitals; it would pull apart
/// the clusters of a script without case (Khmer, kana and kanji), and extraction
/// would read the gaps as spaces.
fn takes_tracking(text: &str) -> bool {
    !text
        .chars()
        .any(|c| super::is_khmer_char(c) || matches!(c as u32, 0x3040..=0x9FFF))
}
