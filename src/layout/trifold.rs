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

use crate::compose::{self, Block};
use crate::content::model::{Content, Rgb, Span};
use crate::diag::{Diagnostic, Error};
use crate::layout::flow::{self, Entry, FlowStyle, Flowed};
use crate::layout::frame::{
    self, Content as C, ImageItem, Item, MM, Point, Rect, Role, Shape, Tag,
};
use crate::layout::parts::{self, Groups, INK, MUTED, WHITE, place_lines};
use crate::layout::{Paper, PhotoSource, chart, cover_crop, qr, tint};
use crate::text::{Align, Family, Line, ParStyle, Styled, Typesetter};

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
    fn new(area: Rect) -> Self {
        Grid {
            top: area.y,
            first: BODY_SIZE * 0.9,
            lead: BODY_LEADING,
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

/// Styles of the inside panels.
fn flow_style(lang: &str, accent: Rgb) -> FlowStyle {
    let mut body = ParStyle::new(Family::Serif, BODY_SIZE, BODY_LEADING, INK, lang);
    // Ragged right: a panel holds about 50 characters a line, where justification
    // would open visible gaps between words; hyphenation keeps the rag even.
    body.align = Align::Left;
    body.hyphenate = true;
    let mut heading = ParStyle::new(Family::Sans, 11.0, BODY_LEADING, accent, lang);
    heading.bold = true;
    FlowStyle {
        body,
        heading,
        first_baseline: BODY_SIZE * 0.9,
        min_lines: 2,
    }
}

/// The photo credits, set once so they can be measured before choosing their panel.
#[derive(Clone)]
struct Credits {
    head: Vec<Line>,
    lines: Vec<Line>,
    style: ParStyle,
}

impl Credits {
    fn new(content: &Content, cover: Option<usize>, width: f32, ts: &mut Typesetter) -> Self {
        let lang = content.lang.0.as_str();
        let style = ParStyle::new(Family::Sans, 6.5, 8.2, MUTED, lang);
        let mut head_style = style.clone();
        head_style.bold = true;
        let head = if content.photos.is_empty() {
            Vec::new()
        } else {
            ts.set(&[Styled::plain("Photo credits")], &head_style, width)
                .lines
        };
        let mut lines = Vec::new();
        for (i, p) in content.photos.iter().enumerate() {
            // The cover photo has no caption in print: say where it is instead.
            let what = if Some(i) == cover {
                "Cover".to_string()
            } else {
                p.caption.value.trim().trim_end_matches('.').to_string()
            };
            let text = format!("{what}: {}", p.credit.value);
            lines.extend(ts.set(&[Styled::plain(text)], &style, width).lines);
        }
        Credits { head, lines, style }
    }
    /// Height from the rule above to the last baseline.
    fn height(&self) -> f32 {
        if self.head.is_empty() {
            return 0.0;
        }
        4.0 + self.style.size + (self.head.len() + self.lines.len() - 1) as f32 * self.style.leading
    }
    /// Places the credits with the last baseline at `bottom`.
    fn place(&self, x: f32, bottom: f32, width: f32, groups: &mut Groups) -> Vec<Item> {
        let mut items = Vec::new();
        if self.head.is_empty() {
            return items;
        }
        let top = bottom - self.height();
        items.push(parts::rule(x, top, width));
        let tag = groups.tag(Role::Caption);
        let y = place_lines(
            &mut items,
            &self.head,
            x,
            top + 4.0 + self.style.size,
            self.style.leading,
            &tag,
        );
        place_lines(&mut items, &self.lines, x, y, self.style.leading, &tag);
        items
    }
}

/// The pull quote, set once so it can be measured before choosing its place: on the
/// flap, or else at the foot of the right inside panel.
struct QuoteSet {
    text: Vec<Line>,
    attribution: Vec<Line>,
    style: ParStyle,
    attr_style: ParStyle,
}

impl QuoteSet {
    /// Space above the first quote line for the rule.
    const RULE_GAP: f32 = 9.0;

    fn new(content: &Content, accent: Rgb, width: f32, ts: &mut Typesetter) -> Option<Self> {
        let q = content.quote.as_ref()?;
        let lang = content.lang.0.as_str();
        let mut style = ParStyle::new(Family::Serif, 12.5, 16.0, accent, lang);
        style.italic = true;
        let attr_style = ParStyle::new(Family::Sans, 7.5, 10.0, MUTED, lang);
        let text = ts
            .set(
                &[Styled::plain(format!("“{}”", q.text.value.trim()))],
                &style,
                width,
            )
            .lines;
        let attribution = ts
            .set(
                &[Styled::plain(format!("— {}", q.attribution.value.trim()))],
                &attr_style,
                width,
            )
            .lines;
        Some(QuoteSet {
            text,
            attribution,
            style,
            attr_style,
        })
    }
    /// Height from the rule to the attribution's last baseline.
    fn height(&self) -> f32 {
        Self::RULE_GAP
            + self.style.size
            + (self.text.len().max(1) - 1) as f32 * self.style.leading
            + 4.0
            + self.attribution.len() as f32 * self.attr_style.leading
    }
    /// Places the quote with the attribution's last baseline at `bottom`.
    fn place(&self, x: f32, bottom: f32, accent: Rgb, groups: &mut Groups) -> Vec<Item> {
        let mut items = Vec::new();
        let top = bottom - self.height();
        items.push(Item {
            pos: Point { x, y: top },
            content: C::Shape(Shape::Line {
                dx: 18.0 * MM,
                dy: 0.0,
                width: 1.5,
                color: accent,
            }),
            tag: Tag::ARTIFACT,
        });
        let tag = groups.tag(Role::Paragraph);
        let y = place_lines(
            &mut items,
            &self.text,
            x,
            top + Self::RULE_GAP + self.style.size,
            self.style.leading,
            &tag,
        );
        place_lines(
            &mut items,
            &self.attribution,
            x,
            y - self.style.leading + 4.0 + self.attr_style.leading,
            self.attr_style.leading,
            &tag,
        );
        items
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

/// A photo set for the flow: caption lines, image height and grid lines taken.
struct FlowPhoto {
    caption: Vec<Line>,
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
    let (pw, ph) = sheet_size(paper);
    let lang = content.lang.0.as_str();
    let brand = content.organisation.brand_color.value;
    let accent = legible_on_white(brand);
    let style = flow_style(lang, accent);
    let lead = BODY_LEADING;
    let w = measure(paper);
    let cover_idx = content.cover_photo();
    let mut groups = Groups::default();
    let mut problems: Vec<Diagnostic> = Vec::new();

    // Outside page, in the order a reader meets it: cover, then the flap. The pull
    // quote goes on the flap when it has room there: the first thing seen on opening
    // the cover, and it never competes with the section text for space.
    let mut pending: Vec<PendingPhoto> = Vec::new();
    let (mut outside, problem) =
        cover_panel(content, cover_idx, paper, ts, &mut pending, &mut groups);
    problems.extend(problem);
    let credits = Credits::new(content, cover_idx, w, ts);
    let quote = QuoteSet::new(content, accent, w, ts);
    let flap = flap_panel(content, paper, ts, &mut groups, &credits, quote.as_ref());
    outside.extend(flap.items);
    problems.extend(flap.problem);
    let quote_inside = if flap.quote_placed { None } else { quote };

    // Inside page: the sections flow through the three panels, photos after the first
    // paragraph of their section.
    let inside_areas = [
        Panel::InsideLeft.text_area(paper),
        Panel::InsideMiddle.text_area(paper),
        Panel::InsideRight.text_area(paper),
    ];
    let panel_h = inside_areas[0].h;
    let cap_style = parts::caption_style(lang, 9.0);
    // Each photo's caption and natural height at the measure (None for the cover).
    let mut flow_photos: Vec<Option<(Vec<Line>, f32)>> = Vec::new();
    for (i, p) in content.photos.iter().enumerate() {
        if Some(i) == cover_idx {
            flow_photos.push(None);
            continue;
        }
        let caption = ts.set(&parts::caption_pieces(p), &cap_style, w).lines;
        let (iw, ih) = photos.dimensions(i)?;
        flow_photos.push(Some((caption, w * ih as f32 / iw.max(1) as f32)));
    }
    // A photo capped at `cap` points high: its image height and the grid lines it
    // takes with its caption and a blank line under it.
    let photo_size = |i: usize, cap: f32| -> Option<FlowPhoto> {
        let (caption, natural) = flow_photos.get(i)?.as_ref()?;
        let img_h = (natural.min(cap) / lead).ceil() * lead - lead * 0.3;
        let total = img_h + 3.0 + caption.len() as f32 * cap_style.leading;
        Some(FlowPhoto {
            caption: caption.clone(),
            img_h,
            lines: (total / lead).ceil() as usize + 1,
        })
    };
    let blocks = compose::body_blocks(content);
    let mut entries: Vec<Entry> = Vec::new();
    let mut seen = vec![false; content.sections.len()];
    for b in &blocks {
        entries.push(flow::set_block(b, w, &style, ts));
        let Block::Paragraph {
            section,
            first: true,
            ..
        } = b
        else {
            continue;
        };
        if seen
            .get_mut(*section)
            .is_none_or(|seen| std::mem::replace(seen, true))
        {
            continue;
        }
        for (i, p) in content.photos.iter().enumerate() {
            let home = p.section.unwrap_or(i % content.sections.len().max(1));
            if matches!(flow_photos.get(i), Some(Some(_))) && home == *section {
                entries.push(Entry::Figure {
                    id: i,
                    lines: 0,
                    wide: false,
                    section: *section,
                });
            }
        }
    }

    // Photos as large as the panels allow: caps from 42 % of a panel down to a fifth,
    // the first that lets everything fit wins. A quote that did not fit on the flap
    // closes the right inside panel, if the text leaves room for it.
    let right_grid = Grid::new(inside_areas[2]);
    let last_baseline = right_grid.at_or_above(inside_areas[2].bottom());
    let quote_top = quote_inside.as_ref().map(|q| last_baseline - q.height());
    let base = groups.last();
    let run = |cap: f32, reserve_to: Option<f32>, rows: Option<usize>| -> (Flowed, u32) {
        let mut rects = inside_areas;
        if let Some(rows) = rows {
            // Every panel cut to `rows` grid lines (a hair over, so the last fits).
            for r in &mut rects {
                r.h = style.first_baseline + (rows - 1) as f32 * lead + 0.5;
            }
        }
        if let Some(top) = reserve_to {
            // Text stops a blank grid line above the quote's rule.
            let last = right_grid.at_or_above(top - lead);
            rects[2].h = last - rects[2].y + 0.5;
        }
        let sized: Vec<Entry> = entries
            .iter()
            .map(|e| match e {
                Entry::Figure { id, section, .. } => Entry::Figure {
                    id: *id,
                    lines: photo_size(*id, cap).map_or(0, |p| p.lines),
                    wide: false,
                    section: *section,
                },
                other => other.clone(),
            })
            .collect();
        let mut n = base;
        let f = flow::flow_regions(
            &sized,
            &mut flow::FixedRegions {
                page: 1,
                rects: &rects,
            },
            &style,
            &mut n,
        );
        (f, n)
    };
    let caps = [0.42, 0.36, 0.3, 0.25, 0.2].map(|s| s * panel_h);
    let reserves = if quote_top.is_some() {
        vec![quote_top, None]
    } else {
        vec![None]
    };
    let mut chosen = None;
    'search: for reserve in &reserves {
        for cap in caps {
            let (f, n) = run(cap, *reserve, None);
            if f.overflow.is_none() {
                chosen = Some((f, n, cap, reserve.is_some()));
                break 'search;
            }
        }
    }
    let (mut flowed, mut next, cap, quote_used) = chosen.unwrap_or_else(|| {
        let [.., cap] = caps;
        let (f, n) = run(cap, None, None);
        (f, n, cap, false)
    });
    // When the text reaches the right panel and nothing is anchored at its foot, the
    // three panels are balanced: cut to the fewest equal grid lines that still hold
    // everything, so the columns end level instead of the last one stopping short.
    if flowed.overflow.is_none() && !quote_used && flowed.regions_used == 3 {
        let used: usize = lines_used(&flowed, &inside_areas).iter().sum();
        let full = ((panel_h - style.first_baseline) / lead).floor() as usize + 1;
        for rows in used.div_ceil(3)..full {
            let (f, n) = run(cap, None, Some(rows));
            if f.overflow.is_none() {
                (flowed, next) = (f, n);
                break;
            }
        }
    }
    if let Some(o) = &flowed.overflow {
        problems.push(inside_overflow(content, o, &flowed, &inside_areas));
    }
    groups = Groups::starting_at(next);
    let mut inside: Vec<Item> = flowed.items.into_iter().map(|(_, i)| i).collect();
    for fp in &flowed.figures {
        if let (Some(p), Some(photo)) = (photo_size(fp.id, cap), content.photos.get(fp.id)) {
            let frame = Rect::new(fp.rect.x, fp.rect.y, fp.rect.w, p.img_h);
            pending.push(PendingPhoto {
                page: 1,
                index: fp.id,
                frame,
                tag: groups.tag(Role::Figure(photo.alt.value.clone())),
            });
            let tag = groups.tag(Role::Caption);
            place_lines(
                &mut inside,
                &p.caption,
                frame.x,
                frame.bottom() + 3.0 + cap_style.size,
                cap_style.leading,
                &tag,
            );
        }
    }
    if let (true, Some(q)) = (quote_used, &quote_inside) {
        inside.extend(q.place(inside_areas[2].x, last_baseline, accent, &mut groups));
    }

    // The back panel, last in reading order.
    let back = back_panel(
        content,
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
    // Only now that everything fits are the photos decoded and scaled.
    let mut pages = [outside, inside];
    for p in pending {
        // Photos paint first: nothing of ours sits under them.
        if let Some(items) = pages.get_mut(p.page) {
            items.insert(0, p.item(content, photos)?);
        }
    }
    let [outside, inside] = pages;

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
    let mut outline = flowed.anchors;
    if let (Some(cta), Some(y)) = (&content.call_to_action, back.heading_y) {
        outline.push((cta.heading.value.clone(), 0, y));
    }
    Ok(frame::Document {
        pages: vec![page(outside, Vec::new()), page(inside, inside_regions)],
        info: parts::doc_info(content, outline),
        warnings: Vec::new(),
    })
}

/// Grid lines each inside panel uses, from the flow's items and figures.
fn lines_used(flowed: &Flowed, areas: &[Rect; 3]) -> [usize; 3] {
    let mut used = [0usize; 3];
    let lead = BODY_LEADING;
    let first = BODY_SIZE * 0.9;
    let panel_of = |x: f32| areas.iter().position(|a| x >= a.x - 0.5 && x < a.right());
    for (_, item) in &flowed.items {
        if let (C::Text(_), Some(k)) = (&item.content, panel_of(item.pos.x))
            && let (Some(area), Some(n)) = (areas.get(k), used.get_mut(k))
        {
            let line = ((item.pos.y - area.y - first) / lead).round() as usize + 1;
            *n = (*n).max(line);
        }
    }
    for fp in &flowed.figures {
        if let Some(k) = panel_of(fp.rect.x)
            && let (Some(area), Some(n)) = (areas.get(k), used.get_mut(k))
        {
            let line = ((fp.rect.bottom() - area.y) / lead).round() as usize;
            *n = (*n).max(line);
        }
    }
    used
}

/// The error for text that does not fit the inside panels, with each panel's fill.
fn inside_overflow(
    content: &Content,
    o: &flow::Overflow,
    flowed: &Flowed,
    areas: &[Rect; 3],
) -> Diagnostic {
    // Overflowing text belongs to a section, so there is one to name.
    let section = content.sections.get(o.section).or(content.sections.last());
    let used = lines_used(flowed, areas);
    let capacity = ((areas[0].h - BODY_SIZE * 0.9) / BODY_LEADING).floor() as usize + 1;
    let fill: Vec<String> = [Panel::InsideLeft, Panel::InsideMiddle, Panel::InsideRight]
        .iter()
        .zip(used)
        .map(|(p, n)| format!("{} {n} of {capacity} lines", p.name()))
        .collect();
    Diagnostic::new(
        &content.source_path,
        section.map(|s| s.heading.span.clone()),
        format!(
            "section \"{}\" does not fit in the tri-fold: {} line{} ({:.0} mm) are left over after the three inside panels",
            section.map_or("", |s| s.heading.value.as_str()),
            o.lines,
            if o.lines == 1 { "" } else { "s" },
            o.height / MM
        ),
    )
    .with_help(format!(
        "the three inside panels are full ({}); shorten the text by about {} words, or remove a photo",
        fill.join(", "),
        (o.lines * 8).max(5)
    ))
}

/// The front cover: the cover photo over the top of the panel to its edges, then the
/// organisation, title and tagline in white on a band of the brand colour, and the
/// website at the foot. A long title takes room from the photo (down to
/// [`COVER_PHOTO_MIN`] of the panel); beyond that the cover is reported as overfull.
fn cover_panel(
    content: &Content,
    cover_idx: Option<usize>,
    paper: Paper,
    ts: &mut Typesetter,
    pending: &mut Vec<PendingPhoto>,
    groups: &mut Groups,
) -> (Vec<Item>, Option<Diagnostic>) {
    let panel = Panel::Cover.rect(paper);
    let area = Panel::Cover.text_area(paper);
    let lang = content.lang.0.as_str();
    // White text needs a dark enough band; a pale brand colour is deepened.
    let band = legible_on_white(content.organisation.brand_color.value);
    let title = |top: f32, ts: &mut Typesetter, groups: &mut Groups| {
        parts::title_block(
            content,
            &content.organisation.name.value,
            &content.title.value,
            area.x,
            top,
            area.w,
            COVER_TITLE_SIZE,
            ts,
            groups,
        )
    };
    let (_, title_h) = title(0.0, ts, &mut Groups::default());
    let mut site = ParStyle::new(Family::Sans, 8.0, 10.0, tint(band, WHITE, 0.8), lang);
    site.bold = true;
    let url = content.organisation.website.value.clone();
    let site_lines = ts
        .set(
            &[Styled {
                text: parts::display_url(&url),
                link: Some(url),
                ..Default::default()
            }],
            &site,
            area.w,
        )
        .lines;
    let site_base = area.bottom() - (site_lines.len().max(1) - 1) as f32 * site.leading;
    // Room the band needs under its top: padding, the title block, a gap, the website.
    let pad = 10.0 * MM;
    let room = pad + title_h + BLOCK_GAP + site.size;
    let photo_h = (site_base - room).min(panel.h * COVER_PHOTO_SHARE);
    let problem = (photo_h < panel.h * COVER_PHOTO_MIN).then(|| {
        Diagnostic::new(
            &content.source_path,
            Some(content.title.span.clone()),
            format!(
                "the title and tagline do not fit on the tri-fold's {}: {:.0} mm too tall",
                Panel::Cover.name(),
                (panel.h * COVER_PHOTO_MIN - photo_h) / MM
            ),
        )
        .with_help("shorten the title or the tagline")
    });
    let photo_h = photo_h.max(panel.h * COVER_PHOTO_MIN);
    let mut items = Vec::new();
    // The photo bleeds to the sheet's top and outer edge but stops at the fold.
    let band_top = match cover_idx.and_then(|i| Some((i, content.photos.get(i)?))) {
        Some((i, photo)) => {
            pending.push(PendingPhoto {
                page: 0,
                index: i,
                frame: Rect::new(panel.x, panel.y, panel.w, photo_h),
                tag: groups.tag(Role::Figure(photo.alt.value.clone())),
            });
            photo_h
        }
        None => 0.0,
    };
    items.push(parts::filled_rect(
        panel.x,
        band_top,
        panel.w,
        panel.h - band_top,
        band,
    ));
    let (block, _) = title(photo_h + pad, ts, groups);
    items.extend(block);
    // The website at the foot of the band, where a reader looks last.
    let tag = groups.tag(Role::Paragraph);
    place_lines(
        &mut items,
        &site_lines,
        area.x,
        site_base,
        site.leading,
        &tag,
    );
    (items, problem)
}

/// What the flap produced.
struct FlapPanel {
    items: Vec<Item>,
    problem: Option<Diagnostic>,
    /// Whether the pull quote went on the flap.
    quote_placed: bool,
    /// The photo credits when the flap had no room for them: the back panel takes them.
    credits_for_back: Option<Credits>,
}

/// The inside flap: the key figures, the chart and the pull quote stacked from the
/// top with even gaps, and the photo credits at the foot; the quote and the credits
/// only when there is room for them.
fn flap_panel(
    content: &Content,
    paper: Paper,
    ts: &mut Typesetter,
    groups: &mut Groups,
    credits: &Credits,
    quote: Option<&QuoteSet>,
) -> FlapPanel {
    let area = Panel::Flap.text_area(paper);
    let lang = content.lang.0.as_str();
    let accent = legible_on_white(content.organisation.brand_color.value);
    // Blocks are laid out from y = 0 and moved into place once their gaps are known.
    let mut blocks: Vec<(Vec<Item>, f32)> = Vec::new();
    blocks.push(parts::key_figures(content, area.x, 0.0, area.w, ts, groups));
    if let Some(c) = &content.chart {
        let mut n = groups.last();
        let block = chart::chart(
            c,
            area.w,
            Point { x: area.x, y: 0.0 },
            accent,
            ts,
            lang,
            &mut n,
        );
        *groups = Groups::starting_at(n);
        blocks.push((block.items, block.height));
    }
    let fixed_h: f32 =
        blocks.iter().map(|b| b.1).sum::<f32>() + BLOCK_GAP * (blocks.len() - 1) as f32;
    let mut problem = None;
    if fixed_h > area.h {
        let span: Option<Span> = content
            .chart
            .as_ref()
            .map(|c| c.title.span.clone())
            .or_else(|| content.key_figures.first().map(|f| f.value.span.clone()));
        let what = if content.chart.is_some() {
            "the key figures and the chart"
        } else {
            "the key figures"
        };
        problem = Some(
            Diagnostic::new(
                &content.source_path,
                span,
                format!(
                    "{what} do not fit on the tri-fold's {}: {:.0} mm too tall",
                    Panel::Flap.name(),
                    (fixed_h - area.h) / MM
                ),
            )
            .with_help(format!(
                "the {} is full; shorten the key figures' labels{}",
                Panel::Flap.name(),
                if content.chart.is_some() {
                    " or remove the chart"
                } else {
                    ""
                }
            )),
        );
    }
    let credits_h = credits.height();
    let credits_here = credits_h > 0.0 && fixed_h + BLOCK_GAP + credits_h <= area.h;
    let foot = if credits_here {
        credits_h + BLOCK_GAP
    } else {
        0.0
    };
    let quote_placed = quote.is_some_and(|q| fixed_h + BLOCK_GAP + q.height() + foot <= area.h);
    let quote_h = quote.filter(|_| quote_placed).map_or(0.0, QuoteSet::height);
    // Even gaps between the stacked blocks, within reason: leftover room goes above
    // the credits, so the blocks never drift apart across the whole panel.
    let stacked = blocks.len() + usize::from(quote_placed);
    let content_h = blocks.iter().map(|b| b.1).sum::<f32>() + quote_h;
    let gap = if stacked > 1 {
        ((area.h - foot - content_h) / (stacked - 1) as f32).clamp(BLOCK_GAP, 2.2 * BLOCK_GAP)
    } else {
        BLOCK_GAP
    };
    let mut items = Vec::new();
    let mut y = area.y;
    for (block, h) in blocks {
        for mut item in block {
            item.translate(0.0, y);
            items.push(item);
        }
        y += h + gap;
    }
    if let (true, Some(q)) = (quote_placed, quote) {
        items.extend(q.place(area.x, y + q.height(), accent, groups));
    }
    let credits_for_back = if credits_here {
        items.extend(credits.place(area.x, area.bottom(), area.w, groups));
        None
    } else {
        Some(credits.clone())
    };
    FlapPanel {
        items,
        problem,
        quote_placed,
        credits_for_back,
    }
}

/// What the back panel produced.
struct BackPanel {
    items: Vec<Item>,
    problem: Option<Diagnostic>,
    /// Top of the call to action's heading, for the outline.
    heading_y: Option<f32>,
}

/// The back panel: the call to action with the donation link and a QR code, then the
/// organisation's contact details at the foot (above the photo credits when the flap
/// had no room for them). Without a call to action the contact details stand alone.
fn back_panel(
    content: &Content,
    paper: Paper,
    ts: &mut Typesetter,
    groups: &mut Groups,
    accent: Rgb,
    credits: Option<Credits>,
) -> Result<BackPanel, Error> {
    let area = Panel::Back.text_area(paper);
    let grid = Grid::new(area);
    let lang = content.lang.0.as_str();
    let mut items = Vec::new();
    let mut heading_y = None;
    let mut top_end = area.y;

    // The foot: contact block, and the credits under it when they are ours to place.
    let credits_h = credits
        .as_ref()
        .map_or(0.0, |c| c.height() + BLOCK_GAP * 0.6);
    let contact_bottom = area.bottom() - credits_h;
    if let Some(c) = &credits {
        items.extend(c.place(area.x, area.bottom(), area.w, groups));
    }

    if let Some(cta) = &content.call_to_action {
        let mut h = ParStyle::new(Family::Sans, 15.0, 18.0, accent, lang);
        h.bold = true;
        let set = ts.set(&[Styled::plain(cta.heading.value.clone())], &h, area.w);
        let tag = groups.tag(Role::Heading(2));
        heading_y = Some(area.y);
        let after = place_lines(
            &mut items,
            &set.lines,
            area.x,
            area.y + 0.75 * h.size,
            h.leading,
            &tag,
        );
        // Body text on the panel's grid, like the inside panels.
        let mut body = ParStyle::new(Family::Serif, BODY_SIZE, BODY_LEADING, INK, lang);
        body.hyphenate = true;
        let mut y = grid.at_or_below(after - h.leading + BODY_LEADING * 1.4);
        for (k, p) in cta.paragraphs.iter().enumerate() {
            let mut s = body.clone();
            if k > 0 {
                s.indent = BODY_SIZE;
            }
            let set = ts.set(&compose::pieces(p), &s, area.w);
            let tag = groups.tag(Role::Paragraph);
            y = place_lines(&mut items, &set.lines, area.x, y, BODY_LEADING, &tag);
        }
        // The donation address as a link, one blank grid line under the text.
        let url = cta.donate_url.value.clone();
        let mut link = ParStyle::new(Family::Sans, 10.0, BODY_LEADING, accent, lang);
        link.bold = true;
        let set = ts.set(
            &[
                Styled {
                    text: "Give online: ".to_string(),
                    bold: false,
                    color: Some(INK),
                    ..Default::default()
                },
                Styled {
                    text: parts::display_url(&url),
                    link: Some(url.clone()),
                    ..Default::default()
                },
            ],
            &link,
            area.w,
        );
        let tag = groups.tag(Role::Paragraph);
        y = place_lines(
            &mut items,
            &set.lines,
            area.x,
            y + BODY_LEADING * 0.5,
            BODY_LEADING,
            &tag,
        );
        // The QR code under it, its dark modules flush with the text's left edge.
        let module = qr::module_size_for(QR_SIZE, &url).ok_or_else(|| {
            Error::input(
                Diagnostic::new(
                    &content.source_path,
                    Some(cta.donate_url.span.clone()),
                    "the donation address is too long for a QR code that prints at a scannable size on the tri-fold's back panel",
                )
                .with_help("use a shorter address (for example a short link to the donation page)"),
            )
        })?;
        let quiet = qr::QUIET_ZONE as f32 * module;
        let qr_top = y - BODY_LEADING + BODY_SIZE * 0.4;
        let sym = qr::qr_code(
            &url,
            Point {
                x: area.x - quiet,
                y: qr_top,
            },
            module,
            INK,
            groups.fresh(),
        )
        .map_err(|e| Error::Internal(format!("QR code: {e}")))?;
        items.extend(sym.items);
        // Beside the code, what it is for, centred on its dark modules.
        let cap_x = area.x - quiet + sym.size + 1.0 * MM;
        let mut cap = ParStyle::new(Family::Sans, 8.0, 10.0, MUTED, lang);
        cap.align = Align::Left;
        let set = ts.set(
            &[Styled::plain(
                "Scan with your phone’s camera to give online.",
            )],
            &cap,
            area.right() - cap_x,
        );
        let n = set.lines.len() as f32;
        let tag = groups.tag(Role::Caption);
        place_lines(
            &mut items,
            &set.lines,
            cap_x,
            qr_top + sym.size / 2.0 - (n * cap.leading) / 2.0 + cap.size * 0.8,
            cap.leading,
            &tag,
        );
        y = qr_top + sym.size - quiet;
        // Further ways to give.
        let det = ParStyle::new(Family::Sans, 8.0, 10.5, INK, lang);
        // A detail that repeats the contact line is left out: the foot shows it.
        let details: Vec<_> = cta
            .details
            .iter()
            .filter(|d| d.value.trim() != content.organisation.contact.value.trim())
            .collect();
        if !details.is_empty() {
            y += 5.0 * MM;
            for d in details {
                let set = ts.set(&compose::linked(&d.value), &det, area.w);
                let tag = groups.tag(Role::Paragraph);
                y = place_lines(
                    &mut items,
                    &set.lines,
                    area.x,
                    y + det.size,
                    det.leading,
                    &tag,
                ) - det.leading
                    + 2.0;
            }
        }
        top_end = y;
    }

    // Contact details: at the foot under a rule, or heading the panel when there is no
    // call to action.
    let (contact, contact_h) = contact_block(
        content,
        area.w,
        accent,
        ts,
        content.call_to_action.is_none(),
    );
    let contact_top = if content.call_to_action.is_some() {
        contact_bottom - contact_h
    } else {
        area.y
    };
    for mut item in contact {
        item.translate(area.x, contact_top);
        if item.tag.role != Role::Artifact {
            item.tag.group += groups.last();
        }
        items.push(item);
    }
    *groups = Groups::starting_at(groups.last() + 3);
    let needed_end = if content.call_to_action.is_some() {
        top_end + BLOCK_GAP
    } else {
        contact_top + contact_h + credits_h
    };
    let limit = if content.call_to_action.is_some() {
        contact_top
    } else {
        area.bottom()
    };
    let problem = (needed_end > limit + 0.01).then(|| {
        let span = content
            .call_to_action
            .as_ref()
            .map(|c| c.heading.span.clone())
            .unwrap_or_else(|| content.organisation.contact.span.clone());
        Diagnostic::new(
            &content.source_path,
            Some(span),
            format!(
                "the call to action and contact details do not fit on the tri-fold's {}: {:.0} mm too tall",
                Panel::Back.name(),
                (needed_end - limit) / MM
            ),
        )
        .with_help(format!(
            "the {} is full; shorten the call to action's text or its details",
            Panel::Back.name()
        ))
    });
    Ok(BackPanel {
        items,
        problem,
        heading_y,
    })
}

/// The organisation's name, contact line and website, with its top-left at the origin;
/// groups 1 to 3 (the caller shifts them). `lead_in` sets the name as a heading for a
/// panel without a call to action; otherwise a rule sits above it.
fn contact_block(
    content: &Content,
    width: f32,
    accent: Rgb,
    ts: &mut Typesetter,
    lead_in: bool,
) -> (Vec<Item>, f32) {
    let lang = content.lang.0.as_str();
    let mut items = Vec::new();
    let det = ParStyle::new(Family::Sans, 8.0, 10.5, INK, lang);
    let mut name = if lead_in {
        ParStyle::new(Family::Sans, 15.0, 18.0, accent, lang)
    } else {
        ParStyle::new(Family::Sans, 9.0, 11.5, INK, lang)
    };
    name.bold = true;
    let mut y = 0.0;
    if !lead_in {
        items.push(parts::rule(0.0, 0.0, width));
        y = 4.0;
    }
    let set = ts.set(
        &[Styled::plain(content.organisation.name.value.clone())],
        &name,
        width,
    );
    let role = if lead_in {
        Role::Heading(2)
    } else {
        Role::Paragraph
    };
    let tag = Tag { role, group: 1 };
    y = place_lines(
        &mut items,
        &set.lines,
        0.0,
        y + name.size * 0.9,
        name.leading,
        &tag,
    );
    y += det.leading - name.leading + 1.0;
    let set = ts.set(
        &compose::linked(&content.organisation.contact.value),
        &det,
        width,
    );
    let tag = Tag {
        role: Role::Paragraph,
        group: 2,
    };
    y = place_lines(&mut items, &set.lines, 0.0, y, det.leading, &tag);
    let set = ts.set(&[parts::website_piece(content)], &det, width);
    let tag = Tag {
        role: Role::Paragraph,
        group: 3,
    };
    y = place_lines(&mut items, &set.lines, 0.0, y, det.leading, &tag);
    (items, y - det.leading + 2.5)
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
        let g = Grid::new(Rect::new(0.0, 10.0, 100.0, 100.0));
        let base = 10.0 + BODY_SIZE * 0.9;
        assert_eq!(g.at_or_below(0.0), base);
        assert!((g.at_or_below(base + 1.0) - (base + BODY_LEADING)).abs() < 1e-3);
        assert!((g.at_or_below(base + BODY_LEADING) - (base + BODY_LEADING)).abs() < 1e-3);
        assert!(
            (g.at_or_above(base + BODY_LEADING * 2.5) - (base + 2.0 * BODY_LEADING)).abs() < 1e-3
        );
    }
}
