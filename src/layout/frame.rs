//! The Frame: our one intermediate representation between layout and PDF writing.
//!
//! Coordinates are PDF points (1/72 in) with the origin at the top-left corner of the
//! *trim* box and y growing downwards, as a designer measures a page. Bleed extends
//! the page beyond the trim on every side, so items meant to bleed have negative
//! coordinates or reach past the trim size. Frames carry structure tags so the PDF
//! writer can build a tag tree in reading order without guessing.

use std::ops::Range;
use std::sync::Arc;

use crate::content::model::Rgb;
use crate::image::PreparedImage;
use crate::image::logo::Graphic;

/// Millimetres to points.
pub const MM: f32 = 72.0 / 25.4;

/// A point on the page.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Point {
    /// Horizontal, from the trim's left edge.
    pub x: f32,
    /// Vertical, from the trim's top edge, downwards.
    pub y: f32,
}

/// An axis-aligned rectangle.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Rect {
    /// Left edge.
    pub x: f32,
    /// Top edge.
    pub y: f32,
    /// Width.
    pub w: f32,
    /// Height.
    pub h: f32,
}

impl Rect {
    /// Builds a rectangle from its top-left corner and size.
    pub const fn new(x: f32, y: f32, w: f32, h: f32) -> Self {
        Rect { x, y, w, h }
    }
    /// Right edge.
    pub fn right(&self) -> f32 {
        self.x + self.w
    }
    /// Bottom edge.
    pub fn bottom(&self) -> f32 {
        self.y + self.h
    }
    /// Whether `other` lies inside this rectangle, allowing `eps` of rounding.
    pub fn contains(&self, other: &Rect, eps: f32) -> bool {
        other.x >= self.x - eps
            && other.y >= self.y - eps
            && other.right() <= self.right() + eps
            && other.bottom() <= self.bottom() + eps
    }
    /// Whether the two rectangles share any area (touching edges do not count).
    pub fn overlaps(&self, other: &Rect, eps: f32) -> bool {
        self.x < other.right() - eps
            && other.x < self.right() - eps
            && self.y < other.bottom() - eps
            && other.y < self.bottom() - eps
    }
    /// The smallest rectangle containing both.
    pub fn union(&self, other: &Rect) -> Rect {
        let x = self.x.min(other.x);
        let y = self.y.min(other.y);
        Rect::new(
            x,
            y,
            self.right().max(other.right()) - x,
            self.bottom().max(other.bottom()) - y,
        )
    }
}

/// Index of a font in the [`crate::text::FontBook`] that shaped a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FontId(pub u32);

/// One positioned glyph; advances and offsets are in points at the run's size.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    /// Glyph id in the run's font.
    pub id: u16,
    /// Horizontal advance.
    pub advance: f32,
    /// Horizontal offset from the pen position.
    pub x_offset: f32,
    /// Vertical offset from the baseline (upwards positive, as fonts measure).
    pub y_offset: f32,
    /// Byte range in the run's `text` of the cluster this glyph belongs to.
    pub text_range: Range<usize>,
}

/// A run of glyphs in one font, size and colour, on one baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct TextRun {
    /// The font, as an index into the font book.
    pub font: FontId,
    /// Font size in points.
    pub size: f32,
    /// Fill colour.
    pub color: Rgb,
    /// Glyphs in visual order.
    pub glyphs: Vec<Glyph>,
    /// The text these glyphs stand for (what extraction must give back).
    pub text: String,
    /// BCP 47 language of the text.
    pub lang: String,
    /// Ascent above the baseline, for bounds.
    pub ascent: f32,
    /// Descent below the baseline (positive), for bounds.
    pub descent: f32,
    /// How its line was set, on the line's first run only.
    pub line: Option<LineStats>,
}

/// How one line of a paragraph was set, for the typesetting report.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct LineStats {
    /// Inter-word spaces on the line.
    pub spaces: u32,
    /// Sum over those spaces of their width over their natural width.
    pub stretch_sum: f32,
    /// The widest space over its natural width (1 for a line set at natural width).
    pub stretch_max: f32,
    /// The line ends with a hyphen the typesetter added.
    pub hyphenated: bool,
    /// The line is wider than its measure: it could not shrink enough.
    pub overfull: bool,
    /// The paragraph's last line.
    pub last: bool,
}

impl TextRun {
    /// Total advance width.
    pub fn width(&self) -> f32 {
        self.glyphs.iter().map(|g| g.advance).sum()
    }
}

/// A filled rectangle or a stroked line.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    /// A filled rectangle.
    Rect {
        /// Size (the position is the item's).
        w: f32,
        /// Height.
        h: f32,
        /// Fill colour.
        fill: Rgb,
    },
    /// A straight stroked line from the item's position by (dx, dy).
    Line {
        /// Horizontal extent.
        dx: f32,
        /// Vertical extent.
        dy: f32,
        /// Stroke width.
        width: f32,
        /// Stroke colour.
        color: Rgb,
    },
}

/// A photo placed in a frame: `frame` is the visible box, `image_rect` where the
/// whole image lands (larger than the frame when cropped), both in page coordinates.
#[derive(Debug, Clone)]
pub struct ImageItem {
    /// The image, shared between every document that uses it.
    pub image: Arc<PreparedImage>,
    /// The clip rectangle: what the reader sees.
    pub frame: Rect,
    /// Where the full image is drawn; the frame clips it.
    pub image_rect: Rect,
}

/// A logo drawn at its own shape inside `rect` (never cropped, never distorted).
#[derive(Debug, Clone)]
pub struct LogoItem {
    /// The drawing or picture.
    pub graphic: Graphic,
    /// Where it is drawn; its aspect is the logo's.
    pub rect: Rect,
}

/// What kind of structure element an item belongs to.
#[derive(Debug, Clone, PartialEq)]
pub enum Role {
    /// A heading of the given level (1 is the document title).
    Heading(u8),
    /// Body text.
    Paragraph,
    /// A figure with its text alternative.
    Figure(String),
    /// A photo caption or credit.
    Caption,
    /// Decoration and page furniture (rules, bands, footers): not content.
    Artifact,
}

/// Structure of an item: its role and which element instance it belongs to, so the
/// lines of one paragraph become one element of the tag tree.
#[derive(Debug, Clone, PartialEq)]
pub struct Tag {
    /// The role.
    pub role: Role,
    /// Element instance; items with equal `(role, group)` form one element, in
    /// increasing order of `group` for reading order.
    pub group: u32,
}

impl Tag {
    /// An artifact tag.
    pub const ARTIFACT: Tag = Tag {
        role: Role::Artifact,
        group: 0,
    };
}

/// What an item draws.
#[derive(Debug, Clone)]
pub enum Content {
    /// Text on a baseline at the item's position.
    Text(TextRun),
    /// A shape whose top-left (or start) is the item's position.
    Shape(Shape),
    /// A photo (positions are inside the [`ImageItem`]).
    Image(ImageItem),
    /// The organisation's logo (positions are inside the [`LogoItem`]).
    Logo(LogoItem),
    /// Room kept empty on purpose, the size given, from the item's position: the space
    /// for a handwritten signature. It prints nothing; a column's fill counts it as used.
    Space {
        /// Width.
        w: f32,
        /// Height.
        h: f32,
    },
    /// A clickable area of the given size linking to a URL.
    Link {
        /// Width.
        w: f32,
        /// Height.
        h: f32,
        /// Target.
        url: String,
    },
}

/// A placed item.
#[derive(Debug, Clone)]
pub struct Item {
    /// Position: a text baseline origin, or a shape or link's top-left.
    pub pos: Point,
    /// What is drawn.
    pub content: Content,
    /// Its structure.
    pub tag: Tag,
}

impl Item {
    /// The item's bounding box in page coordinates.
    pub fn bounds(&self) -> Rect {
        match &self.content {
            Content::Text(run) => Rect::new(
                self.pos.x,
                self.pos.y - run.ascent,
                run.width(),
                run.ascent + run.descent,
            ),
            Content::Shape(Shape::Rect { w, h, .. }) => Rect::new(self.pos.x, self.pos.y, *w, *h),
            Content::Shape(Shape::Line { dx, dy, width, .. }) => {
                // Butt caps: the stroke widens the line only across its direction.
                let (x0, x1) = (
                    self.pos.x.min(self.pos.x + dx),
                    self.pos.x.max(self.pos.x + dx),
                );
                let (y0, y1) = (
                    self.pos.y.min(self.pos.y + dy),
                    self.pos.y.max(self.pos.y + dy),
                );
                let (hx, hy) = match (*dx == 0.0, *dy == 0.0) {
                    (false, true) => (0.0, width / 2.0),
                    (true, false) => (width / 2.0, 0.0),
                    _ => (width / 2.0, width / 2.0),
                };
                Rect::new(x0 - hx, y0 - hy, x1 - x0 + 2.0 * hx, y1 - y0 + 2.0 * hy)
            }
            Content::Image(img) => img.frame,
            Content::Logo(logo) => logo.rect,
            Content::Link { w, h, .. } | Content::Space { w, h } => {
                Rect::new(self.pos.x, self.pos.y, *w, *h)
            }
        }
    }
}

impl Item {
    /// Moves the item by (dx, dy).
    pub fn translate(&mut self, dx: f32, dy: f32) {
        self.pos.x += dx;
        self.pos.y += dy;
        match &mut self.content {
            Content::Image(img) => {
                img.frame.x += dx;
                img.frame.y += dy;
                img.image_rect.x += dx;
                img.image_rect.y += dy;
            }
            Content::Logo(logo) => {
                logo.rect.x += dx;
                logo.rect.y += dy;
            }
            _ => {}
        }
    }
}

/// One page: its trim size, bleed and items in painting order.
#[derive(Debug, Clone)]
pub struct Page {
    /// Trim width in points.
    pub width: f32,
    /// Trim height in points.
    pub height: f32,
    /// Bleed on every side in points (0 for screen output).
    pub bleed: f32,
    /// The area text and content must stay inside.
    pub margins: Rect,
    /// Items in painting order.
    pub items: Vec<Item>,
    /// The text columns and panels as designed, before any balancing shortens them:
    /// what a fill measure ([`crate::layout::measure::fill`]) compares the content with.
    /// (A brochure's last inner page is designed to end where its balanced columns
    /// end, when that is at least half the page.)
    pub regions: Vec<Rect>,
}

impl Page {
    /// The trim box in page coordinates.
    pub fn trim(&self) -> Rect {
        Rect::new(0.0, 0.0, self.width, self.height)
    }
}

/// Document-level information the PDF writer needs.
#[derive(Debug, Clone, Default)]
pub struct DocInfo {
    /// Title for the metadata and window title.
    pub title: String,
    /// Author (the organisation).
    pub author: String,
    /// Subject line.
    pub subject: String,
    /// Document language.
    pub lang: String,
    /// Creation date as seconds since the Unix epoch (from `SOURCE_DATE_EPOCH`).
    pub created: Option<i64>,
    /// Outline entries: heading text, page index and y position.
    pub outline: Vec<(String, usize, f32)>,
}

/// A laid-out document: pages of items plus document information.
#[derive(Debug, Clone)]
pub struct Document {
    /// The pages.
    pub pages: Vec<Page>,
    /// Metadata and outline.
    pub info: DocInfo,
    /// Problems worth telling the author that did not stop the layout (a photo too
    /// soft for print, say). Filled in by the build after layout.
    pub warnings: Vec<crate::diag::Diagnostic>,
}
