//! The tri-fold leaflet: one landscape sheet printed on both sides and roll-folded
//! twice into six panels.
//!
//! The outside page carries, left to right, the inside flap (key figures, chart, pull
//! quote, photo credits), the back panel (call to action, QR code, contact) and the
//! front cover. The inside page carries three panels the section text and its photos
//! flow through, balanced so the three columns end level. The panel that folds in
//! first is 3 mm narrower than the others so it tucks in without buckling; its two
//! faces are the outside page's flap and the inside page's right-hand panel.
//!
//! Nothing but the cover photo and its colour band touches a fold, and those stop at
//! it: text keeps [`FOLD_CLEARANCE`] from every fold and [`EDGE_CLEARANCE`] from the
//! sheet's edges, so a slightly crooked fold or an office printer's unprintable
//! border never cuts into a word.

use crate::compose::{self, BodyItem};
use crate::content::model::{Content, Rgb, Span};
use crate::diag::{Diagnostic, Error};
use crate::layout::flow::{self, Entry, FlowStyle, Flowed};
use crate::layout::frame::{
    self, Content as C, ImageItem, Item, MM, Point, Rect, Role, Shape, Tag,
};
use crate::layout::parts::{self, Groups, INK, MUTED, WHITE, place_lines};
use crate::layout::{Paper, PhotoSource, chart, cover_crop, tint};
use crate::text::{Align, Family, Line, ParStyle, Styled, Typesetter};

mod back;
mod inside;
mod outside;

pub use inside::TYPE;

use back::*;
use outside::*;

/// Body text size of the tri-fold's inside panels, in points.
pub const BODY_SIZE: f32 = 9.0;
/// The inside panels' baseline grid, in points.
pub const BODY_LEADING: f32 = 12.5;
/// Least distance between text and a fold line.
pub const FOLD_CLEARANCE: f32 = 6.0 * MM;
/// Least distance between text and the sheet's edges.
pub const EDGE_CLEARANCE: f32 = 8.0 * MM;
/// Side of the QR code on the back panel, quiet zone included.
pub const QR_SIZE: f32 = 30.0 * MM;

/// Margin each side of the narrowest panel's text. Every panel uses the same measure,
/// centred, so the text block looks the same on each panel once the sheet is folded.
const SIDE_MARGIN: f32 = 9.0 * MM;
const TOP_MARGIN: f32 = 12.0 * MM;
const BOTTOM_MARGIN: f32 = 12.0 * MM;
/// Share of the front cover's height the cover photo takes.
const COVER_PHOTO_SHARE: f32 = 0.6;
/// The least share of the front cover the photo keeps when the title is long.
const COVER_PHOTO_MIN: f32 = 0.42;
/// Size of the title on the front cover.
const COVER_TITLE_SIZE: f32 = 22.0;
/// Space between stacked blocks on the outside panels.
const BLOCK_GAP: f32 = 7.0 * MM;

const BLACK: Rgb = Rgb::new(0, 0, 0);

/// One of the six panels of the sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Panel {
    /// Outside page, left: the fold-in panel's outside face, seen when the cover opens.
    Flap,
    /// Outside page, middle: the back of the folded leaflet.
    Back,
    /// Outside page, right: the front cover.
    Cover,
    /// Inside page, left (behind the cover).
    InsideLeft,
    /// Inside page, middle (behind the back panel).
    InsideMiddle,
    /// Inside page, right: the narrow fold-in panel (behind the flap).
    InsideRight,
}

impl Panel {
    /// Every panel: the outside page left to right, then the inside page left to right.
    pub const ALL: [Panel; 6] = [
        Panel::Flap,
        Panel::Back,
        Panel::Cover,
        Panel::InsideLeft,
        Panel::InsideMiddle,
        Panel::InsideRight,
    ];

    /// Page index: 0 for the outside, 1 for the inside.
    pub fn page(self) -> usize {
        match self {
            Panel::Flap | Panel::Back | Panel::Cover => 0,
            _ => 1,
        }
    }

    /// Position on its page, 0 to 2 from the left.
    pub fn index(self) -> usize {
        match self {
            Panel::Flap | Panel::InsideLeft => 0,
            Panel::Back | Panel::InsideMiddle => 1,
            Panel::Cover | Panel::InsideRight => 2,
        }
    }

    /// The name used in messages.
    pub fn name(self) -> &'static str {
        match self {
            Panel::Flap => "inside flap",
            Panel::Back => "back panel",
            Panel::Cover => "front cover",
            Panel::InsideLeft => "left inside panel",
            Panel::InsideMiddle => "middle inside panel",
            Panel::InsideRight => "right inside panel",
        }
    }

    /// The panel's rectangle on its page.
    pub fn rect(self, paper: Paper) -> Rect {
        let [[flap, back, cover], [left, middle, right]] = panels(paper);
        match self {
            Panel::Flap => flap,
            Panel::Back => back,
            Panel::Cover => cover,
            Panel::InsideLeft => left,
            Panel::InsideMiddle => middle,
            Panel::InsideRight => right,
        }
    }

    /// Where text goes on the panel: the common measure centred in the panel, between
    /// the top and bottom margins.
    pub fn text_area(self, paper: Paper) -> Rect {
        let p = self.rect(paper);
        let w = measure(paper);
        Rect::new(
            p.x + (p.w - w) / 2.0,
            TOP_MARGIN,
            w,
            p.h - TOP_MARGIN - BOTTOM_MARGIN,
        )
    }
}

/// The flat sheet, landscape: width and height in points (A4 297 × 210 mm, Letter
/// 11 × 8.5 in).
pub fn sheet_size(paper: Paper) -> (f32, f32) {
    let (w, h) = paper.size();
    (h, w)
}

/// Panel rectangles, `[page][panel]`, each page's panels left to right as that page is
/// printed. Page 0 (outside): inside flap (narrow), back panel, front cover. Page 1
/// (inside): left, middle, right (narrow, the fold-in panel). A4 panels are 97 and
/// 100 mm wide, Letter panels 3.625 and 3.6875 in; each page's widths sum to the
/// sheet's width, and each inside panel is the mirror image of the outside panel on
/// the other side of the paper.
pub fn panels(paper: Paper) -> [[Rect; 3]; 2] {
    let (w, h) = sheet_size(paper);
    let (narrow, wide) = match paper {
        Paper::A4 => (97.0 * MM, 100.0 * MM),
        Paper::Letter => (3.625 * 72.0, 3.6875 * 72.0),
    };
    // The last panel takes what is left, so the widths sum to the sheet exactly.
    let outside = [
        Rect::new(0.0, 0.0, narrow, h),
        Rect::new(narrow, 0.0, wide, h),
        Rect::new(narrow + wide, 0.0, w - narrow - wide, h),
    ];
    // Printed on the back of the sheet, left and right swap.
    let mirror = |r: Rect| Rect::new(w - r.right(), 0.0, r.w, h);
    let inside = [mirror(outside[2]), mirror(outside[1]), mirror(outside[0])];
    [outside, inside]
}

/// Fold lines of each page as x positions from its left edge, left to right:
/// `[outside, inside]`. They are the panels' shared edges.
pub fn folds(paper: Paper) -> [Vec<f32>; 2] {
    let p = panels(paper);
    [
        vec![p[0][0].right(), p[0][1].right()],
        vec![p[1][0].right(), p[1][1].right()],
    ]
}

/// Width of the text on every panel: the narrow panel less its two side margins.
pub fn measure(paper: Paper) -> f32 {
    panels(paper)[0][0].w - 2.0 * SIDE_MARGIN
}

/// A panel's baseline grid.
#[derive(Debug, Clone, Copy)]
struct Grid {
    top: f32,
    first: f32,
    lead: f32,
}

impl Grid {
    /// The grid of the outside panels, at the designed body size in `lang`.
    fn new(area: Rect, lang: &str) -> Self {
        Grid {
            top: area.y,
            first: BODY_SIZE * 0.9,
            lead: BODY_LEADING * crate::text::script_leading(lang),
        }
    }
    /// The grid of text flowed in `style`.
    fn at(area: Rect, style: &FlowStyle) -> Self {
        Grid {
            top: area.y,
            first: style.first_baseline,
            lead: style.body.leading,
        }
    }
    /// The first grid baseline at or below `y`.
    fn at_or_below(&self, y: f32) -> f32 {
        let base = self.top + self.first;
        if y <= base {
            return base;
        }
        // A hair of tolerance so a baseline already on the grid stays put.
        base + ((y - base) / self.lead - 1e-3).ceil() * self.lead
    }
    /// The last grid baseline at or above `y`.
    fn at_or_above(&self, y: f32) -> f32 {
        let base = self.top + self.first;
        base + ((y - base) / self.lead + 1e-3).floor() * self.lead
    }
}

/// WCAG relative luminance of an sRGB colour.
fn luminance(c: Rgb) -> f32 {
    let ch = |v: u8| {
        let s = v as f32 / 255.0;
        if s <= 0.04045 {
            s / 12.92
        } else {
            ((s + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * ch(c.r) + 0.7152 * ch(c.g) + 0.0722 * ch(c.b)
}

/// The colour darkened just enough to reach a 4.5 : 1 contrast with white (WCAG AA),
/// so a pale brand colour still gives readable headings and a readable cover band.
fn legible_on_white(c: Rgb) -> Rgb {
    (0..=20)
        .map(|k| tint(c, BLACK, k as f32 * 0.05))
        .find(|t| 1.05 / (luminance(*t) + 0.05) >= 4.5)
        .unwrap_or(BLACK)
}

/// Styles of the inside panels with the body at `size` points.
fn flow_style(lang: &str, accent: Rgb, size: f32) -> FlowStyle {
    let lead = inside::TYPE.leading(size, lang);
    let mut body = ParStyle::on_grid(Family::Serif, size, lead, INK, lang);
    // Ragged right: a panel holds about 50 characters a line, where justification
    // would open visible gaps between words; hyphenation keeps the rag even.
    body.align = Align::Left;
    body.hyphenate = true;
    let mut heading = ParStyle::on_grid(Family::Sans, size * 11.0 / BODY_SIZE, lead, accent, lang);
    heading.bold = true;
    FlowStyle {
        body,
        heading,
        first_baseline: size * 0.9,
        min_lines: 2,
        paragraph_gap: 0,
    }
}

/// A photo placed but not yet prepared: its pixels are only decoded and scaled once
/// the whole layout is known to fit, so a build that fails does so quickly.
struct PendingPhoto {
    page: usize,
    index: usize,
    frame: Rect,
    tag: Tag,
}

impl PendingPhoto {
    /// The photo cropped to its frame around its focal point.
    fn item(self, content: &Content, photos: &mut dyn PhotoSource) -> Result<Item, Error> {
        let photo = content.photos.get(self.index).ok_or_else(|| {
            Error::Internal(format!("photo {} is not in the content", self.index))
        })?;
        let (iw, ih) = photos.dimensions(self.index)?;
        let image_rect = cover_crop(self.frame, iw, ih, photo.focus);
        let image = photos.prepare(self.index, image_rect.w, image_rect.h)?;
        Ok(Item {
            pos: Point {
                x: self.frame.x,
                y: self.frame.y,
            },
            content: C::Image(ImageItem {
                image,
                frame: self.frame,
                image_rect,
            }),
            tag: self.tag,
        })
    }
}

/// A photo set for the flow: caption lines, image size and grid lines taken.
struct FlowPhoto {
    caption: Vec<Line>,
    img_w: f32,
    img_h: f32,
    lines: usize,
}

/// Lays out the tri-fold: two landscape pages, outside then inside.
///
/// Fails with an input error for each panel whose content does not fit: the section
/// that overflows the inside panels (with the lines and millimetres left over), or the
/// flap or back panel when their fixed content is too tall.
pub fn layout(
    content: &Content,
    paper: Paper,
    ts: &mut Typesetter,
    photos: &mut dyn PhotoSource,
) -> Result<frame::Document, Error> {
    let accent = legible_on_white(content.organisation.brand_color.value);
    let w = measure(paper);
    let cover = cover_photo_choice(content, paper, photos)?;
    let cover_idx = cover.map(|(i, _)| i);
    let logo = photos.logo()?;
    let mut groups = Groups::default();
    let mut problems: Vec<Diagnostic> = Vec::new();

    // Outside page, in the order a reader meets it: cover, then the flap. The pull
    // quote goes on the flap when it has room there: the first thing seen on opening
    // the cover, and it never competes with the section text for space.
    let mut pending: Vec<PendingPhoto> = Vec::new();
    let (mut outside, problem) = cover_panel(
        content,
        cover,
        logo.as_ref(),
        paper,
        ts,
        &mut pending,
        &mut groups,
    );
    problems.extend(problem);
    let credits = Credits::new(content, cover_idx, w, ts);
    let quote = QuoteSet::new(content, accent, w, ts);
    let flap = flap_panel(content, paper, ts, &mut groups, &credits, quote.as_ref());
    outside.extend(flap.items);
    problems.extend(flap.problem);
    let quote_inside = if flap.quote_placed { None } else { quote };

    // Inside page: the sections flow through the three panels, photos after the first
    // paragraph of their section; a quote the flap had no room for closes the last.
    let inside = inside::inside_page(
        content,
        cover_idx,
        paper,
        ts,
        photos,
        quote_inside.as_ref(),
        accent,
        &mut groups,
    )?;
    problems.extend(inside.problem);
    pending.extend(inside.pending);
    let inside_items = inside.items;
    let anchors = inside.anchors;

    // The back panel, last in reading order.
    let back = back_panel(
        content,
        logo.as_ref(),
        paper,
        ts,
        &mut groups,
        accent,
        flap.credits_for_back,
    )?;
    outside.extend(back.items);
    problems.extend(back.problem);

    if !problems.is_empty() {
        return Err(Error::Input(problems));
    }
    let mut outline = anchors;
    if let (Some(cta), Some(y)) = (&content.call_to_action, back.heading_y) {
        outline.push((cta.heading.value.clone(), 0, y));
    }
    let pages = with_photos(content, [outside, inside_items], pending, photos)?;
    Ok(sheet(content, paper, pages, outline))
}

/// A photo's index and its pixel size.
type SizedPhoto = (usize, (u32, u32));

/// The cover photo's index and its pixel size, if there is a photo.
fn cover_photo_choice(
    content: &Content,
    paper: Paper,
    photos: &mut dyn PhotoSource,
) -> Result<Option<SizedPhoto>, Error> {
    let r = Panel::Cover.rect(paper);
    match parts::cover_choice(content, photos, r.w, r.h * COVER_PHOTO_SHARE)? {
        Some(i) => Ok(Some((i, photos.dimensions(i)?))),
        None => Ok(None),
    }
}

/// The sides' items with the pending photos painted first on theirs (nothing of ours
/// sits under them). Only now that everything fits are the photos decoded and scaled.
fn with_photos(
    content: &Content,
    mut pages: [Vec<Item>; 2],
    pending: Vec<PendingPhoto>,
    photos: &mut dyn PhotoSource,
) -> Result<[Vec<Item>; 2], Error> {
    for p in pending {
        if let Some(items) = pages.get_mut(p.page) {
            items.insert(0, p.item(content, photos)?);
        }
    }
    Ok(pages)
}

/// The two sides of the sheet as pages, the inside one with its three panels as the
/// regions its text fills.
fn sheet(
    content: &Content,
    paper: Paper,
    [outside, inside]: [Vec<Item>; 2],
    outline: Vec<(String, usize, f32)>,
) -> frame::Document {
    let (pw, ph) = sheet_size(paper);
    let first = Panel::Flap.text_area(paper);
    let last = Panel::Cover.text_area(paper);
    let margins = Rect::new(first.x, first.y, last.right() - first.x, first.h);
    let page = |items: Vec<Item>, regions: Vec<Rect>| frame::Page {
        width: pw,
        height: ph,
        bleed: 0.0,
        margins,
        items,
        regions,
    };
    let inside_regions = [Panel::InsideLeft, Panel::InsideMiddle, Panel::InsideRight]
        .map(|p| p.text_area(paper))
        .to_vec();
    frame::Document {
        pages: vec![page(outside, Vec::new()), page(inside, inside_regions)],
        info: parts::doc_info(content, outline),
        warnings: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pale_brand_colours_are_deepened_for_white_text() {
        let red = Rgb::new(0xc8, 0x10, 0x2e);
        assert_eq!(legible_on_white(red), red, "already legible: unchanged");
        let yellow = Rgb::new(0xff, 0xd7, 0x00);
        let deep = legible_on_white(yellow);
        assert_ne!(deep, yellow);
        assert!(1.05 / (luminance(deep) + 0.05) >= 4.5);
    }

    #[test]
    fn grid_snaps_to_baselines() {
        let g = Grid::new(Rect::new(0.0, 10.0, 100.0, 100.0), "en");
        let base = 10.0 + BODY_SIZE * 0.9;
        assert_eq!(g.at_or_below(0.0), base);
        assert!((g.at_or_below(base + 1.0) - (base + BODY_LEADING)).abs() < 1e-3);
        assert!((g.at_or_below(base + BODY_LEADING) - (base + BODY_LEADING)).abs() < 1e-3);
        assert!(
            (g.at_or_above(base + BODY_LEADING * 2.5) - (base + 2.0 * BODY_LEADING)).abs() < 1e-3
        );
    }
}
