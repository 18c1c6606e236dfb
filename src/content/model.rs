//! The validated content model: what a content file says, with where it says it.
//!
//! Every value that a later stage may need to complain about carries a [`Span`], so an
//! overflow or a bad photo can point back at the line of YAML that caused it.

use std::path::PathBuf;

/// A place in a content file: 1-based line and column, plus the dotted field path
/// (`sections[1].body`) for messages that cannot show a line.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Span {
    /// 1-based line; 0 when unknown.
    pub line: u32,
    /// 1-based column; 0 when unknown.
    pub column: u32,
    /// Field path from the document root, e.g. `photos[0].file`.
    pub path: String,
}

/// A value together with the place it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Sp<T> {
    /// The value.
    pub value: T,
    /// Where it was written.
    pub span: Span,
}

impl<T> Sp<T> {
    /// Wraps a value with its span.
    pub fn new(value: T, span: Span) -> Self {
        Sp { value, span }
    }
}

/// An sRGB colour, 8 bits a channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rgb {
    /// Red.
    pub r: u8,
    /// Green.
    pub g: u8,
    /// Blue.
    pub b: u8,
}

impl Rgb {
    /// Builds a colour from its three channels.
    pub const fn new(r: u8, g: u8, b: u8) -> Self {
        Rgb { r, g, b }
    }

    /// Parses `#rrggbb` or the short `#rgb` (hex digits in either case); `None` for
    /// anything else, including a missing `#`.
    pub fn from_hex(text: &str) -> Option<Rgb> {
        let digits = text.strip_prefix('#')?;
        if !digits.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        let nibble = |i: usize| u8::from_str_radix(digits.get(i..=i)?, 16).ok();
        match digits.len() {
            // `#c12` means `#cc1122`: each digit is doubled, so multiply by 17.
            3 => Some(Rgb::new(nibble(0)? * 17, nibble(1)? * 17, nibble(2)? * 17)),
            6 => {
                let byte = |i: usize| u8::from_str_radix(digits.get(i..i + 2)?, 16).ok();
                Some(Rgb::new(byte(0)?, byte(2)?, byte(4)?))
            }
            _ => None,
        }
    }

    /// The colour as `#rrggbb` in lower case.
    pub fn to_hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }
}

/// A BCP 47 language tag as written (`en`, `ja`, `km`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Lang(pub String);

impl Lang {
    /// The tag as written, e.g. `en`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Default for Lang {
    /// English, the language a content file gets when it names none.
    fn default() -> Self {
        Lang("en".to_string())
    }
}

/// Inline styling inside prose, from Markdown-style `*emphasis*`, `**strong**` and links.
#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    /// Plain text with its style.
    Text {
        /// The characters.
        text: String,
        /// Set in italic.
        emphasis: bool,
        /// Set in bold.
        strong: bool,
        /// Target of the link this text belongs to, if any.
        link: Option<String>,
    },
}

/// One paragraph of prose, already split into styled inline runs.
#[derive(Debug, Clone, PartialEq)]
pub struct Paragraph {
    /// Styled runs in reading order.
    pub inlines: Vec<Inline>,
    /// Where the paragraph's source text starts.
    pub span: Span,
    /// The marker (`•`, `3.`) when the paragraph is an item of a list, set with the
    /// marker hanging before its text.
    pub item: Option<String>,
}

impl Paragraph {
    /// The paragraph's text without styling.
    pub fn plain_text(&self) -> String {
        self.inlines
            .iter()
            .map(|Inline::Text { text, .. }| text.as_str())
            .collect()
    }
}

/// A titled block of prose.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// Heading as shown.
    pub heading: Sp<String>,
    /// Paragraphs in order.
    pub paragraphs: Vec<Paragraph>,
    /// Where the section starts.
    pub span: Span,
}

/// One key figure: a big number with what it means and where it comes from.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyFigure {
    /// The figure as printed, e.g. `~600` or `< 20 %`.
    pub value: Sp<String>,
    /// What the figure counts.
    pub label: Sp<String>,
    /// Where the figure comes from.
    pub source: Sp<String>,
}

/// A photo with everything needed to place and credit it.
#[derive(Debug, Clone, PartialEq)]
pub struct Photo {
    /// Path as resolved against the content file's folder.
    pub file: Sp<PathBuf>,
    /// Caption shown under the photo.
    pub caption: Sp<String>,
    /// Photographer and licence.
    pub credit: Sp<String>,
    /// Text alternative for readers who cannot see the photo.
    pub alt: Sp<String>,
    /// Point of interest as fractions of width and height (0..=1), kept inside any crop.
    pub focus: (f32, f32),
    /// Where the photo should go.
    pub placement: PhotoPlacement,
    /// The section it belongs with (index into `Content::sections`), if named; the
    /// file names it by its heading.
    pub section: Option<usize>,
}

/// A placement hint for a photo.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PhotoPlacement {
    /// Let the layout decide (the default).
    #[default]
    Auto,
    /// The brochure's full-bleed cover and the tri-fold's front panel.
    Cover,
    /// As wide as one text column.
    Column,
    /// As wide as the text area of the page (both columns).
    Page,
}

/// A pull quote, set large between the columns of the brochure.
#[derive(Debug, Clone, PartialEq)]
pub struct Quote {
    /// The quoted words, without quotation marks: marks typed around the whole text
    /// are removed when the file is read, since the layout sets its own.
    pub text: Sp<String>,
    /// Who said or wrote it.
    pub attribution: Sp<String>,
}

/// One bar of a chart.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartBar {
    /// What the bar stands for (axis label).
    pub label: Sp<String>,
    /// Its length, in the chart's unit: finite, 0 or more, and at most `Chart::max`.
    pub value: Sp<f64>,
    /// The value as printed at the bar (e.g. `< 20 %`); defaults to the number and unit.
    pub display: Option<Sp<String>>,
    /// Drawn in the brand colour with the other bars muted (`highlight: true`).
    pub highlight: bool,
}

/// How a chart draws its bars.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ChartStyle {
    /// Horizontal bars, labels on the left: for comparing things.
    #[default]
    Bars,
    /// Vertical columns, labels underneath: for a series over time.
    Columns,
}

/// A bar chart built from content data.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// Title above the chart.
    pub title: Sp<String>,
    /// Unit of the values (`%`, `children`), shown with the scale.
    pub unit: Option<Sp<String>>,
    /// Horizontal bars or vertical columns.
    pub style: ChartStyle,
    /// The bars, top to bottom (or left to right as columns); 2 to 12 of them.
    pub bars: Vec<ChartBar>,
    /// Where the numbers come from.
    pub source: Sp<String>,
    /// End of the scale, above 0 and at least every bar's value.
    ///
    /// Always `Some` in validated content, so layouts need not work it out: the `max:`
    /// written in the file, or else 100 when the unit is `%` (the largest value if that
    /// is more) and the largest value otherwise. A default's span is the `chart:`
    /// group's, with the path `chart.max`.
    pub max: Option<Sp<f64>>,
    /// The digits its computed numbers (scale, values without `display`) are
    /// written in: those the edition's own text uses.
    pub digits: Digits,
}

/// Which digits a number is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Digits {
    /// 0-9.
    #[default]
    Latin,
    /// ០-៩, for a Khmer edition whose text writes its numbers that way.
    Khmer,
}

impl Digits {
    /// The digits the Khmer prose among `texts` writes its numbers in: Khmer only
    /// where Khmer digits outnumber Latin ones. Texts without Khmer letters (a web
    /// address, a key figure's "2004" shared by every edition) do not count.
    pub fn of<'a>(texts: impl IntoIterator<Item = &'a str>) -> Digits {
        let (mut khmer, mut latin) = (0usize, 0usize);
        let prose = texts
            .into_iter()
            .filter(|t| t.chars().any(|c| matches!(c, '\u{1780}'..='\u{17DD}')));
        for c in prose.flat_map(str::chars) {
            match c {
                '០'..='៩' => khmer += 1,
                '0'..='9' => latin += 1,
                _ => {}
            }
        }
        if khmer > latin {
            Digits::Khmer
        } else {
            Digits::Latin
        }
    }

    /// `text` with its ASCII digits written in these digits.
    pub fn write(self, text: &str) -> String {
        match self {
            Digits::Latin => text.to_string(),
            Digits::Khmer => text
                .chars()
                .map(|c| match c.to_digit(10) {
                    Some(d) if c.is_ascii_digit() => char::from_u32(0x17E0 + d).unwrap_or(c),
                    _ => c,
                })
                .collect(),
        }
    }
}

/// What we ask the reader to do, and how.
#[derive(Debug, Clone, PartialEq)]
pub struct CallToAction {
    /// Heading, e.g. "How you can help".
    pub heading: Sp<String>,
    /// What a gift does, in paragraphs.
    pub paragraphs: Vec<Paragraph>,
    /// Where to give online: printed, linked and encoded in the QR code.
    pub donate_url: Sp<String>,
    /// Further ways to give or get in touch (bank details, address, phone), one per line.
    pub details: Vec<Sp<String>>,
}

/// A personal letter to a donor, for the donor-letter layout.
#[derive(Debug, Clone, PartialEq)]
pub struct Letter {
    /// The date as printed above the greeting, if the letter shows one.
    pub date: Option<Sp<String>>,
    /// The greeting, e.g. "Dear friend,".
    pub greeting: Sp<String>,
    /// The letter itself, in paragraphs.
    pub paragraphs: Vec<Paragraph>,
    /// The closing words before the signature, e.g. "With gratitude,".
    pub sign_off: Sp<String>,
    /// Who signs the letter.
    pub name: Sp<String>,
    /// The signer's role, e.g. "Director, Japan Heart Cambodia".
    pub role: Option<Sp<String>>,
}

/// Who the document is about.
#[derive(Debug, Clone, PartialEq)]
pub struct Organisation {
    /// Name as set in the title.
    pub name: Sp<String>,
    /// One-line tagline under the name.
    pub tagline: Sp<String>,
    /// Website URL, shown in the footer and linked.
    pub website: Sp<String>,
    /// Contact line (address, e-mail, phone) for the footer.
    pub contact: Sp<String>,
    /// Brand colour used for the title band and accents.
    pub brand_color: Sp<Rgb>,
    /// The organisation's logo (SVG or PNG), resolved against the content file's
    /// folder; checked to exist and to be small enough, decoded by [`crate::image::logo`].
    pub logo: Option<Sp<PathBuf>>,
}

/// A whole validated content file.
#[derive(Debug, Clone, PartialEq)]
pub struct Content {
    /// The file this came from, for messages.
    pub source_path: PathBuf,
    /// The file's text, for messages that quote a line.
    pub source_text: std::sync::Arc<str>,
    /// The edition's language: the one translated fields were read in.
    pub lang: Lang,
    /// Every language the file has text in, its default (`lang:`) first. A file
    /// without translations has just the one.
    pub languages: Vec<Lang>,
    /// Translated fields that have no text in this edition's language, and so give
    /// the default language's; each span points at the text used.
    pub untranslated: Vec<Span>,
    /// The default language's text of each field in `untranslated`, in order.
    pub untranslated_texts: Vec<String>,
    /// Document title (PDF metadata and the fact sheet's kicker line).
    pub title: Sp<String>,
    /// The organisation.
    pub organisation: Organisation,
    /// Prose sections in reading order.
    pub sections: Vec<Section>,
    /// Key figures, 4 to 6 of them for the fact sheet grid.
    pub key_figures: Vec<KeyFigure>,
    /// Photos; the first is the fact sheet's photo.
    pub photos: Vec<Photo>,
    /// Extra font files, resolved against the content file's folder.
    pub fonts: Vec<Sp<PathBuf>>,
    /// Names and terms no line may break inside (`khmer_words:`): Khmer is broken
    /// by a dictionary that does not know every name.
    pub khmer_words: Vec<Sp<String>>,
    /// Pull quote for the brochure.
    pub quote: Option<Quote>,
    /// Bar chart for the brochure.
    pub chart: Option<Chart>,
    /// Call to action for the brochure's back page and the tri-fold's back panel.
    pub call_to_action: Option<CallToAction>,
    /// A personal letter for the donor-letter layout.
    pub letter: Option<Letter>,
}

impl Content {
    /// The photo for covers: the one placed `cover`, else the first photo.
    pub fn cover_photo(&self) -> Option<usize> {
        self.photos
            .iter()
            .position(|p| p.placement == PhotoPlacement::Cover)
            .or(if self.photos.is_empty() {
                None
            } else {
                Some(0)
            })
    }
}

/// One piece of text a document may print, with where it came from.
#[derive(Debug, Clone, Copy)]
pub struct TextField<'a> {
    /// The text.
    pub text: &'a str,
    /// Where it is written; its path names the field (`sections[1].body`).
    pub span: &'a Span,
}

impl Content {
    /// Every text a layout may print, in file order: titles, names, prose (each styled
    /// run of each paragraph), figures, captions, credits, quote, chart and call to
    /// action.
    pub fn texts(&self) -> Vec<TextField<'_>> {
        let o = &self.organisation;
        let mut out: Vec<TextField<'_>> =
            [&self.title, &o.name, &o.tagline, &o.website, &o.contact]
                .into_iter()
                .map(field)
                .collect();
        for f in &self.key_figures {
            out.extend([&f.value, &f.label, &f.source].map(field));
        }
        for s in &self.sections {
            out.push(field(&s.heading));
            out.extend(s.paragraphs.iter().flat_map(runs));
        }
        for p in &self.photos {
            out.extend([&p.caption, &p.credit, &p.alt].map(field));
        }
        if let Some(q) = &self.quote {
            out.extend([&q.text, &q.attribution].map(field));
        }
        if let Some(c) = &self.chart {
            out.push(field(&c.title));
            out.extend(c.unit.iter().map(field));
            for b in &c.bars {
                out.push(field(&b.label));
                out.extend(b.display.iter().map(field));
            }
            out.push(field(&c.source));
        }
        if let Some(a) = &self.call_to_action {
            out.push(field(&a.heading));
            out.extend(a.paragraphs.iter().flat_map(runs));
            out.push(field(&a.donate_url));
            out.extend(a.details.iter().map(field));
        }
        if let Some(l) = &self.letter {
            out.extend(l.date.iter().map(field));
            out.push(field(&l.greeting));
            out.extend(l.paragraphs.iter().flat_map(runs));
            out.extend([&l.sign_off, &l.name].map(field));
            out.extend(l.role.iter().map(field));
        }
        out
    }
}

fn field(text: &Sp<String>) -> TextField<'_> {
    TextField {
        text: &text.value,
        span: &text.span,
    }
}

/// The styled runs of a paragraph, each at the paragraph's place.
fn runs(p: &Paragraph) -> impl Iterator<Item = TextField<'_>> {
    p.inlines.iter().map(|Inline::Text { text, .. }| TextField {
        text,
        span: &p.span,
    })
}

#[cfg(test)]
mod tests {
    use super::Digits;

    #[test]
    fn digits_follow_the_khmer_prose_only() {
        assert_eq!(Digits::Khmer.write("2 / 40 %"), "២ / ៤០ %");
        assert_eq!(Digits::Latin.write("2 / 40"), "2 / 40");
        // A shared "2004" and a web address do not outvote the Khmer prose.
        let texts = ["2004", "https://x.org/2024", "ឆ្នាំ ២០០៨ និង ២០១៨"];
        assert_eq!(Digits::of(texts), Digits::Khmer);
        assert_eq!(Digits::of(["ឆ្នាំ 2008 និង ២០១៨"]), Digits::Latin);
        assert_eq!(Digits::of(["no Khmer ២០"]), Digits::Latin);
    }
}
