//! The multi-page brochure: a full-bleed cover, inner pages of two flowing columns
//! (key figures, chart, photos, pull quote), and a back page with the call to action,
//! a QR code and photo credits. The page count is kept even so it prints as a booklet.

use crate::compose::{self, Block};
use crate::content::model::{Content, PhotoPlacement, Quote, Rgb};
use crate::diag::{Diagnostic, Error};
use crate::layout::fit::{MIN_FILL, TypeRange};
use crate::layout::flow::{self, Entry, FigurePlacement, FlowStyle, Region, RegionSource};
use crate::layout::frame::{self, Content as C, Item, MM, Point, Rect, Role, Shape, Tag};
use crate::layout::parts::{self, Groups, INK, MUTED, place_lines};
use crate::layout::{Paper, PhotoSource, chart, qr};
use crate::text::{Align, Family, ParStyle, Styled, Typesetter};

/// Body text size of the brochure.
pub const BODY_SIZE: f32 = 9.4;
/// The brochure's baseline grid.
pub const BODY_LEADING: f32 = 13.0;

/// Ids of the figures the flow places for us.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fig {
    Photo(usize),
    Chart,
    Quote,
}

impl Fig {
    fn id(self) -> usize {
        match self {
            Fig::Chart => 0,
            Fig::Quote => 1,
            Fig::Photo(i) => 2 + i,
        }
    }
    fn from_id(id: usize) -> Fig {
        match id {
            0 => Fig::Chart,
            1 => Fig::Quote,
            i => Fig::Photo(i - 2),
        }
    }
}

/// Page geometry shared by the inner pages.
#[derive(Debug, Clone, Copy)]
struct Geometry {
    pw: f32,
    ph: f32,
    margin_x: f32,
    top: f32,
    bottom: f32,
    col_w: f32,
    gap: f32,
    lead: f32,
}

impl Geometry {
    fn new(paper: Paper) -> Self {
        let (pw, ph) = paper.size();
        let margin_x = 18.0 * MM;
        let gap = 6.0 * MM;
        Geometry {
            pw,
            ph,
            margin_x,
            top: 20.0 * MM,
            bottom: ph - 27.0 * MM,
            col_w: (pw - 2.0 * margin_x - gap) / 2.0,
            gap,
            lead: BODY_LEADING,
        }
    }
    fn text_w(&self) -> f32 {
        self.pw - 2.0 * self.margin_x
    }
    fn col_x(&self, c: usize) -> f32 {
        self.margin_x + c as f32 * (self.col_w + self.gap)
    }
    /// A page of this geometry holding `items`.
    fn page(&self, items: Vec<Item>) -> frame::Page {
        frame::Page {
            width: self.pw,
            height: self.ph,
            bleed: 0.0,
            margins: Rect::new(
                self.margin_x,
                self.top,
                self.text_w(),
                self.bottom - self.top,
            ),
            items,
            regions: Vec::new(),
        }
    }
    /// Rounds a height up to whole grid lines.
    fn snap(&self, h: f32) -> f32 {
        (h / self.lead).ceil() * self.lead
    }
}

/// Where the pull quote goes.
#[derive(Debug, Clone, Copy, PartialEq)]
enum QuoteMode {
    /// A band across both columns on this inner page (0-based), splitting its columns.
    Band(usize),
    /// Under the text of the last inner page: (page, top of the band).
    After(usize, f32),
    /// Left out (it gets a page of its own, or there is none).
    Off,
}

/// Supplies the inner pages' regions: two columns a page, the first page below the key
/// figures with the chart heading its right column, a page with the quote band split
/// into upper and lower column pairs, and page-wide photos at the top of a page.
struct InnerPages {
    g: Geometry,
    figures_h: f32,
    chart_lines: Option<usize>,
    quote: QuoteMode,
    quote_h: f32,
    max_pages: usize,
    /// Column height limit on one page, to balance the columns of the last page.
    balance: Option<(usize, f32)>,
    /// Regions of pages built so far, in reading order.
    regions: Vec<Region>,
    /// Figures placed by page construction (page-wide photos, the chart, the quote).
    placed: Vec<FigurePlacement>,
    pages: usize,
}

impl InnerPages {
    fn build_page(&mut self, wide: &mut Vec<(usize, usize, f32)>) -> Vec<FigurePlacement> {
        let g = self.g;
        let page = self.pages;
        self.pages += 1;
        let mut placed = Vec::new();
        let mut top = g.top;
        if page == 0 {
            top += self.figures_h;
        }
        // Page-wide photos waiting for a page start here, under the page's top.
        // Leave at least a third of the page for text; the rest wait for the next page.
        let limit = g.top + (g.bottom - g.top) * 0.75;
        while let Some(&(id, lines, h)) = wide.first() {
            if !placed.is_empty() && top + h > limit {
                break;
            }
            wide.remove(0);
            let _ = lines;
            placed.push(FigurePlacement {
                id,
                page,
                rect: Rect::new(g.margin_x, top, g.text_w(), h),
            });
            top += h;
        }
        let bottom = match (self.balance, self.quote) {
            (Some((p, h)), _) if p == page => (top + h).min(g.bottom),
            _ => g.bottom,
        };
        let mut col_tops = [top, top];
        if page == 0
            && let Some(lines) = self.chart_lines
        {
            let h = lines as f32 * g.lead;
            placed.push(FigurePlacement {
                id: Fig::Chart.id(),
                page,
                rect: Rect::new(g.col_x(1), top, g.col_w, h),
            });
            col_tops[1] += h;
        }
        match self.quote {
            QuoteMode::Band(p) if p == page => {
                // The band sits a little above the middle of the text area, on the grid.
                let mid = g.snap((bottom - top) * 0.42);
                let band_top = top + mid;
                placed.push(FigurePlacement {
                    id: Fig::Quote.id(),
                    page,
                    rect: Rect::new(g.margin_x, band_top, g.text_w(), self.quote_h),
                });
                let lower = band_top + self.quote_h;
                for (c, t) in col_tops.iter().enumerate() {
                    self.regions.push(Region {
                        page,
                        rect: Rect::new(g.col_x(c), *t, g.col_w, band_top - t),
                    });
                }
                for c in 0..2 {
                    self.regions.push(Region {
                        page,
                        rect: Rect::new(g.col_x(c), lower, g.col_w, bottom - lower),
                    });
                }
            }
            quote => {
                if let QuoteMode::After(p, y) = quote
                    && p == page
                {
                    placed.push(FigurePlacement {
                        id: Fig::Quote.id(),
                        page,
                        rect: Rect::new(g.margin_x, y, g.text_w(), self.quote_h),
                    });
                }
                for (c, t) in col_tops.iter().enumerate() {
                    self.regions.push(Region {
                        page,
                        rect: Rect::new(g.col_x(c), *t, g.col_w, bottom - t),
                    });
                }
            }
        }
        placed
    }
}

impl RegionSource for InnerPages {
    fn region(
        &mut self,
        index: usize,
        wide: &mut Vec<(usize, usize, f32)>,
    ) -> Option<(Region, Vec<FigurePlacement>)> {
        let mut placed = Vec::new();
        while index >= self.regions.len() {
            if self.pages >= self.max_pages {
                return None;
            }
            placed.extend(self.build_page(wide));
        }
        self.placed.extend(placed.iter().cloned());
        let region = self.regions.get(index).copied()?;
        Some((region, placed))
    }
}

/// Styles of the brochure with the body at `size` points.
fn styles(lang: &str, brand: Rgb, size: f32) -> (FlowStyle, ParStyle) {
    let lead = TYPE.leading(size);
    let mut body = ParStyle::new(Family::Serif, size, lead, INK, lang);
    body.align = Align::Justify;
    body.hyphenate = true;
    let mut heading = ParStyle::new(
        Family::Sans,
        size * 13.0 / BODY_SIZE,
        lead * 1.15,
        brand,
        lang,
    );
    heading.bold = true;
    let mut quote = ParStyle::new(Family::Serif, 17.0, 23.0, brand, lang);
    quote.italic = true;
    quote.align = Align::Center;
    (
        FlowStyle {
            body,
            heading,
            first_baseline: size * 0.9,
            min_lines: 2,
            paragraph_gap: 0,
        },
        quote,
    )
}

/// Lays out the brochure. The body is planned at its designed size first; when that
/// leaves an odd page count (which would need a blank page) or columns short, the
/// other sizes of [`TYPE`] and the open paragraph style are planned too, and the plan
/// with an even count and the fullest columns is built.
pub fn layout(
    content: &Content,
    paper: Paper,
    ts: &mut Typesetter,
    photos: &mut dyn PhotoSource,
) -> Result<frame::Document, Error> {
    let g = Geometry::new(paper);
    let cover_idx = parts::cover_choice(content, photos, g.pw, g.ph)?;
    let mut best: Option<(Score, Planned)> = None;
    let mut first_error = None;
    for (size, gap) in candidates() {
        let planned = match plan(content, paper, (size, gap), cover_idx, ts, photos) {
            Ok(p) => p,
            Err(e) => {
                first_error.get_or_insert(e);
                continue;
            }
        };
        // An odd count with the quote on an inner page: the quote on a page of its own
        // makes it even, and no blank page is needed.
        let alternative =
            quote_on_own_page(content, paper, &planned, (size, gap), cover_idx, ts, photos);
        for planned in std::iter::once(planned).chain(alternative) {
            let score = Score::of(&planned);
            if best.as_ref().is_none_or(|(b, _)| score.better_than(b)) {
                best = Some((score, planned));
            }
        }
        if best.as_ref().is_some_and(|(b, _)| b.good()) {
            break;
        }
    }
    match best {
        Some((_, planned)) => assemble(content, paper, cover_idx, planned, ts, photos),
        None => Err(first_error.unwrap_or_else(|| Error::Internal("no brochure plan".into()))),
    }
}

/// Where the text of the last inner page is designed to end: a booklet's last text
/// page may stop short with its columns balanced, as long as they fill at least
/// [`LAST_PAGE_MIN`] of the page; below that the page counts as short in full.
fn last_page_bottom(page: &frame::Page, g: Geometry, top: f32) -> f32 {
    let end = page
        .items
        .iter()
        .filter(|i| i.tag.role != Role::Artifact)
        .map(|i| i.bounds().bottom())
        .fold(top, f32::max)
        .min(g.bottom);
    if end - top >= (g.bottom - top) * LAST_PAGE_MIN {
        end
    } else {
        g.bottom
    }
}

/// Least share of its page the last inner page's balanced columns must fill.
const LAST_PAGE_MIN: f32 = 0.5;

/// The plan with its quote moved from an inner page to a page of its own, when that
/// turns an odd page count even: the inner pages planned again without the quote, so
/// their photos take the room it leaves.
fn quote_on_own_page(
    content: &Content,
    paper: Paper,
    p: &Planned,
    style: (f32, usize),
    cover_idx: Option<usize>,
    ts: &mut Typesetter,
    photos: &mut dyn PhotoSource,
) -> Option<Planned> {
    let pages = 2 + p.n_inner + usize::from(p.quote_page);
    if content.quote.is_none() || p.quote_page || pages.is_multiple_of(2) {
        return None;
    }
    let mut without = content.clone();
    without.quote = None;
    let mut alt = plan(&without, paper, style, cover_idx, ts, photos).ok()?;
    alt.quote_page = true;
    (2 + alt.n_inner + 1).is_multiple_of(2).then_some(alt)
}

/// Body sizes the brochure may be set at.
pub const TYPE: TypeRange = TypeRange {
    min: 8.5,
    natural: BODY_SIZE,
    max: 11.0,
    leading_ratio: BODY_LEADING / BODY_SIZE,
};

/// The plans to try, the designed one first, then nearest sizes first, each size with
/// indented and then open paragraphs.
fn candidates() -> Vec<(f32, usize)> {
    let mut sizes = TYPE.sizes();
    sizes.sort_by(|a, b| (a - BODY_SIZE).abs().total_cmp(&(b - BODY_SIZE).abs()));
    sizes.into_iter().flat_map(|s| [(s, 0), (s, 1)]).collect()
}

/// A photo that flows with the text: its caption set at column and at page width,
/// its height over width, and its placement.
type FlowingPhoto = (
    Vec<crate::text::Line>,
    Vec<crate::text::Line>,
    f32,
    PhotoPlacement,
);

/// A planned brochure: everything the pages are built from.
#[derive(Clone)]
struct Planned {
    g: Geometry,
    figures_h: f32,
    flowed: flow::Flowed,
    n_inner: usize,
    quote_page: bool,
    photo_sets: Vec<Option<(f32, usize, bool)>>,
    flowing: Vec<Option<FlowingPhoto>>,
    cap_style: ParStyle,
    quote_style: ParStyle,
}

/// How good a plan is: an even page count without a blank page first, then the
/// fill of its emptiest column.
#[derive(Debug, Clone, Copy)]
struct Score {
    even: bool,
    fill: f32,
}

impl Score {
    fn of(p: &Planned) -> Score {
        // Cover, inner pages, the quote's page and the back.
        let pages = 2 + p.n_inner + usize::from(p.quote_page);
        Score {
            even: pages.is_multiple_of(2),
            fill: inner_fill(p),
        }
    }
    fn good(&self) -> bool {
        self.even && self.fill >= MIN_FILL
    }
    fn better_than(&self, other: &Score) -> bool {
        (self.even, self.fill >= MIN_FILL) > (other.even, other.fill >= MIN_FILL)
            || ((self.even, self.fill >= MIN_FILL) == (other.even, other.fill >= MIN_FILL)
                && self.fill > other.fill + 0.01)
    }
}

/// The fill of the emptiest inner column of a plan, photos and quote counted.
fn inner_fill(p: &Planned) -> f32 {
    let g = p.g;
    let mut worst = 1.0f32;
    for page in 0..p.n_inner {
        let mut items: Vec<Item> = p
            .flowed
            .items
            .iter()
            .filter(|(pg, _)| *pg == page)
            .map(|(_, i)| i.clone())
            .collect();
        items.extend(
            p.flowed
                .figures
                .iter()
                .filter(|f| f.page == page)
                .map(|f| parts::filled_rect(f.rect.x, f.rect.y, f.rect.w, f.rect.h, INK)),
        );
        let top = if page == 0 {
            g.top + p.figures_h
        } else {
            g.top
        };
        for c in 0..2 {
            let col = Rect::new(g.col_x(c), top, g.col_w, g.bottom - top);
            worst = worst.min(crate::layout::measure::fill_items(&items, col));
        }
    }
    worst
}

/// Plans the inner pages with the body at `size` points and `gap` blank lines between
/// paragraphs: the photos' sizes, the quote's place, the flow and the page count.
fn plan(
    content: &Content,
    paper: Paper,
    (size, gap): (f32, usize),
    cover_idx: Option<usize>,
    ts: &mut Typesetter,
    photos: &mut dyn PhotoSource,
) -> Result<Planned, Error> {
    let mut g = Geometry::new(paper);
    g.lead = TYPE.leading(size);
    let lang = content.lang.0.as_str();
    let brand = content.organisation.brand_color.value;
    let (mut style, quote_style) = styles(lang, brand, size);
    style.paragraph_gap = gap;
    let lead = g.lead;

    // Measure the fixed pieces once: key figures, chart, quote, photos.
    let mut probe_groups = Groups::default();
    let (_, figs_h) = parts::key_figures(content, 0.0, 0.0, g.text_w(), ts, &mut probe_groups);
    let figures_h = g.snap(figs_h + 4.0 * MM);
    let chart_lines = content.chart.as_ref().map(|c| {
        let mut n = 0;
        let block = chart::chart(c, g.col_w, Point::default(), brand, ts, lang, &mut n);
        ((block.height + 2.0) / lead).ceil() as usize + 1
    });
    let quote_lines = content.quote.as_ref().map(|q| {
        let set = ts.set(&quote_pieces(q), &quote_style, g.text_w() * 0.8);
        set.lines.len() as f32 * quote_style.leading + 2.0 * lead
    });
    let quote_h = quote_lines.map_or(0.0, |h| g.snap(h + 8.0));
    if let Some(q) = &content.quote {
        let room = (g.bottom - g.top) * QUOTE_MAX_SHARE;
        if quote_h > room {
            return Err(Error::input(
                Diagnostic::new(
                    &content.source_path,
                    Some(q.text.span.clone()),
                    format!(
                        "`quote.text` is too long for the brochure: its band would be {:.0} mm tall, where at most {:.0} mm fits ({:.0} mm too long)",
                        quote_h / MM,
                        room / MM,
                        (quote_h - room) / MM
                    ),
                )
                .with_help("shorten the quote to two or three sentences; a pull quote is a line or two the eye catches"),
            ));
        }
    }

    // Body blocks, with photos after the first paragraph of their section.
    let blocks = compose::body_blocks(content);
    let cap_style = parts::caption_style(lang, 9.0);
    // Photos that flow with the text (the cover photo does not): caption lines at
    // column and page width, height-to-width ratio, placement.
    let mut flowing = Vec::new();
    let mut photo_px = Vec::new();
    for (i, p) in content.photos.iter().enumerate() {
        if Some(i) == cover_idx && p.placement == PhotoPlacement::Cover {
            flowing.push(None);
            continue;
        }
        let narrow = ts.set(&parts::caption_pieces(p), &cap_style, g.col_w).lines;
        let wide = ts
            .set(&parts::caption_pieces(p), &cap_style, g.text_w())
            .lines;
        let (iw, ih) = photos.dimensions(i)?;
        photo_px.resize(i, 0);
        photo_px.push(iw);
        flowing.push(Some((
            narrow,
            wide,
            ih as f32 / iw.max(1) as f32,
            p.placement,
        )));
    }
    // Photo heights for a cap on their share of the text height; with `promote`, the
    // last photo without a placement hint may span the page (it usually lands on the
    // last inner page, where there is room to spare).
    let last_auto = flowing
        .iter()
        .rposition(|f| matches!(f, Some((_, _, _, PhotoPlacement::Auto))));
    let sizes = |frac: f32, promote: bool| -> Vec<Option<(f32, usize, bool)>> {
        flowing
            .iter()
            .enumerate()
            .map(|(i, f)| {
                f.as_ref().map(|(narrow, wide_cap, ratio, placement)| {
                    // Promoted only when it has the pixels to span the page sharply.
                    let sharp = photo_px.get(i).is_some_and(|&px| {
                        px as f32 >= parts::MIN_ENLARGED_PPI * g.text_w() / 72.0
                    });
                    let wide = *placement == PhotoPlacement::Page
                        || (promote && Some(i) == last_auto && sharp);
                    let (w, cap) = if wide {
                        (g.text_w(), wide_cap)
                    } else {
                        (g.col_w, narrow)
                    };
                    let max_h = (g.bottom - g.top) * if wide { frac * 1.2 } else { frac };
                    // Whole grid lines: rounded up (a sliver of the photo cropped)
                    // unless that would enlarge it below the sharpness floor.
                    let h0 = (w * ratio).min(max_h);
                    let up = g.snap(h0) - lead * 0.3;
                    let px_h = photo_px.get(i).map_or(0.0, |&px| px as f32 * ratio);
                    let img_h = if up <= w * ratio || px_h / (up / 72.0) >= parts::MIN_ENLARGED_PPI
                    {
                        up
                    } else {
                        ((h0 + lead * 0.3) / lead).floor().max(1.0) * lead - lead * 0.3
                    };
                    let total = img_h + 3.0 + cap.len() as f32 * cap_style.leading;
                    (img_h, (total / lead).ceil() as usize + 1, wide)
                })
            })
            .collect()
    };
    enum Slot {
        Text(Entry),
        Photo(usize, usize),
    }
    let mut slots = Vec::new();
    let mut sections_seen = vec![false; content.sections.len()];
    for b in &blocks {
        slots.push(Slot::Text(flow::set_block(b, g.col_w, &style, ts)));
        if let Block::Paragraph {
            section,
            first: true,
            ..
        } = b
            && sections_seen
                .get_mut(*section)
                .is_some_and(|seen| !std::mem::replace(seen, true))
        {
            for (i, p) in content.photos.iter().enumerate() {
                let home = p.section.unwrap_or(i % content.sections.len().max(1));
                if matches!(flowing.get(i), Some(Some(_))) && home == *section {
                    slots.push(Slot::Photo(i, *section));
                }
            }
        }
    }
    let entries_for = |sizes: &[Option<(f32, usize, bool)>]| -> Vec<Entry> {
        slots
            .iter()
            .filter_map(|s| match s {
                Slot::Text(e) => Some(e.clone()),
                Slot::Photo(i, section) => {
                    sizes
                        .get(*i)
                        .copied()
                        .flatten()
                        .map(|(_, lines, wide)| Entry::Figure {
                            id: Fig::Photo(*i).id(),
                            lines,
                            wide,
                            section: *section,
                        })
                }
            })
            .collect()
    };

    struct Attempt {
        flowed: flow::Flowed,
        pages: InnerPages,
        n: usize,
        frac: f32,
        promote: bool,
    }
    let run = |quote: QuoteMode,
               (frac, promote): (f32, bool),
               balance: Option<(usize, f32)>|
     -> Attempt {
        let mut pages = InnerPages {
            g,
            figures_h,
            chart_lines,
            quote: if quote_lines.is_some() {
                quote
            } else {
                QuoteMode::Off
            },
            quote_h,
            max_pages: 40,
            balance,
            regions: Vec::new(),
            placed: Vec::new(),
            pages: 0,
        };
        let mut n = 0u32;
        let flowed = flow::flow_regions(
            &entries_for(&sizes(frac, promote)),
            &mut pages,
            &style,
            &mut n,
        );
        let used = flowed
            .items
            .iter()
            .map(|(pg, _)| *pg + 1)
            .chain(flowed.figures.iter().map(|fp| fp.page + 1))
            .max()
            .unwrap_or(1)
            .min(pages.pages.max(1));
        Attempt {
            flowed,
            pages,
            n: used,
            frac,
            promote,
        }
    };
    // Where the columns of the last page end: the lowest ink in each column.
    let bottoms = |a: &Attempt| -> [f32; 2] {
        let page = a.n - 1;
        let mid = g.margin_x + g.text_w() / 2.0;
        let mut b = [0.0f32; 2];
        for (pg, item) in &a.flowed.items {
            if *pg == page {
                let r = item.bounds();
                if let Some(bottom) = b.get_mut(usize::from(r.x >= mid)) {
                    *bottom = bottom.max(r.bottom());
                }
            }
        }
        for fp in a.flowed.figures.iter().filter(|f| f.page == page) {
            if Fig::from_id(fp.id) == Fig::Quote {
                continue;
            }
            let right = fp.rect.x >= mid;
            // A wide figure ends both columns.
            let wide = fp.rect.w > g.col_w * 1.5;
            for (c, bottom) in b.iter_mut().enumerate() {
                if (c == 1) == right || wide {
                    *bottom = bottom.max(fp.rect.bottom() - lead);
                }
            }
        }
        b
    };

    // Photos as large as the page count allows; the last page's columns balanced; the
    // quote under them when there is room. Failing that, the quote splits the columns
    // of an inner page, or gets a page of its own.
    // The fewest pages the text can take, with photos at their smallest; then the
    // largest photos that keep that count.
    let base = run(QuoteMode::Off, (SMALLEST_PHOTO_SHARE, false), None);
    let mut chosen: Option<(Attempt, bool)> = None;
    // The first balanced attempt, for a quote that gets a page of its own.
    let mut first_balanced: Option<Attempt> = None;
    let variants = [true, false]
        .into_iter()
        .flat_map(|p| [0.6, 0.5, 0.42, 0.32, 0.25, SMALLEST_PHOTO_SHARE].map(|f| (f, p)));
    if base.flowed.overflow.is_none() {
        for v in variants {
            let a = run(QuoteMode::Off, v, None);
            if a.flowed.overflow.is_some() || a.n != base.n {
                continue;
            }
            let last = a.n - 1;
            // Columns start under whatever heads the page (figures, a wide photo).
            let top = a
                .pages
                .regions
                .iter()
                .filter(|r| r.page == last)
                .map(|r| r.rect.y)
                .fold(f32::MAX, f32::min)
                .min(g.bottom);
            let [b0, b1] = bottoms(&a);
            let used = (b0.max(top) - top) + (b1.max(top) - top);
            // Balance: the smallest column height that still holds the last page.
            let mut balanced = a;
            let start = ((used / 2.0) / lead).floor() as usize;
            let full = ((g.bottom - top) / lead).floor() as usize;
            for lines in start..=full {
                let t = run(QuoteMode::Off, v, Some((last, lines as f32 * lead + lead)));
                if t.flowed.overflow.is_none() && t.n == base.n {
                    balanced = t;
                    break;
                }
            }
            let [b0, b1] = bottoms(&balanced);
            let end = g.snap(b0.max(b1).max(top) - g.top) + g.top + lead;
            let room = g.bottom - end;
            if content.quote.is_none() {
                chosen = Some((balanced, false));
                break;
            }
            if room >= quote_h {
                let bal = balanced.pages.balance;
                let t = run(QuoteMode::After(last, end), v, bal);
                if t.flowed.overflow.is_none() && t.n == base.n {
                    chosen = Some((t, false));
                    break;
                }
            }
            if first_balanced.is_none() {
                first_balanced = Some(balanced);
            }
        }
    }
    if chosen.is_none() {
        for mode in [QuoteMode::Band(1), QuoteMode::Band(0)] {
            let a = run(mode, (0.32, false), None);
            let band_used = matches!(mode, QuoteMode::Band(k) if k < a.n);
            if a.flowed.overflow.is_none() && band_used && a.n % 2 == 0 {
                chosen = Some((a, false));
                break;
            }
        }
    }
    let (chosen_attempt, quote_page) = match chosen {
        Some(c) => c,
        None => {
            // The quote fits neither under the columns nor across them: it gets a
            // page of its own (never left out); the columns balanced as they were for
            // the largest photos.
            let a = first_balanced.unwrap_or_else(|| run(QuoteMode::Off, (0.32, false), None));
            (a, content.quote.is_some())
        }
    };
    let photo_sets: Vec<Option<(f32, usize, bool)>> =
        sizes(chosen_attempt.frac, chosen_attempt.promote);
    let (flowed, pages_src, n_inner) = (
        chosen_attempt.flowed,
        chosen_attempt.pages,
        chosen_attempt.n,
    );
    if let Some(o) = &flowed.overflow {
        // Overflowing text belongs to a section, so there is one to name.
        let section = content.sections.get(o.section).or(content.sections.last());
        return Err(Error::input(
            Diagnostic::new(
                &content.source_path,
                section.map(|s| s.heading.span.clone()),
                format!(
                    "section \"{}\" does not fit in the brochure's {} inner pages: {} lines ({:.0} mm) are left over",
                    section.map_or("", |s| s.heading.value.as_str()),
                    pages_src.max_pages,
                    o.lines,
                    o.height / MM
                ),
            )
            .with_help("shorten the text, or check for a photo or chart too tall for a column"),
        ));
    }
    Ok(Planned {
        g,
        figures_h,
        flowed,
        n_inner,
        quote_page,
        photo_sets,
        flowing,
        cap_style,
        quote_style,
    })
}

/// Builds the pages of a plan: cover, inner pages, the quote's own page if it has
/// one, a notes page if the count would be odd, and the back page.
fn assemble(
    content: &Content,
    paper: Paper,
    cover_idx: Option<usize>,
    p: Planned,
    ts: &mut Typesetter,
    photos: &mut dyn PhotoSource,
) -> Result<frame::Document, Error> {
    let Planned {
        g,
        figures_h,
        flowed,
        n_inner,
        quote_page,
        photo_sets,
        flowing,
        cap_style,
        quote_style,
    } = p;
    let lang = content.lang.0.as_str();
    let brand = content.organisation.brand_color.value;
    // Assemble pages: cover, inner pages, optional quote page, optional blank, back.
    let mut groups = Groups::default();
    let mut pages: Vec<frame::Page> = Vec::new();
    pages.push(cover(content, cover_idx, paper, ts, photos, &mut groups)?);

    let mut inner: Vec<Vec<Item>> = vec![Vec::new(); n_inner];
    // Key figures at the top of the first inner page.
    let (figs, _) = parts::key_figures(content, g.margin_x, g.top, g.text_w(), ts, &mut groups);
    if let Some(first) = inner.first_mut() {
        first.extend(figs);
    }
    let mut placements: Vec<FigurePlacement> = flowed.figures.clone();
    placements.sort_by_key(|p| (p.page, p.rect.y as i64));
    let mut text_groups_base = groups.last();
    for fp in &placements {
        let Some(page_items) = inner.get_mut(fp.page) else {
            continue;
        };
        match Fig::from_id(fp.id) {
            Fig::Chart => {
                if let Some(c) = &content.chart {
                    let mut n = groups.last();
                    let block = chart::chart(
                        c,
                        fp.rect.w,
                        Point {
                            x: fp.rect.x,
                            y: fp.rect.y + 2.0,
                        },
                        brand,
                        ts,
                        lang,
                        &mut n,
                    );
                    groups = Groups::starting_at(n);
                    page_items.extend(block.items);
                }
            }
            Fig::Quote => {
                if let Some(q) = &content.quote {
                    page_items.extend(quote_band(
                        q,
                        fp.rect,
                        &quote_style,
                        brand,
                        lang,
                        ts,
                        &mut groups,
                    ));
                }
            }
            Fig::Photo(i) => {
                if let (
                    Some(photo),
                    Some(Some((img_h, _, wide))),
                    Some(Some((narrow, wide_cap, _, _))),
                ) = (content.photos.get(i), photo_sets.get(i), flowing.get(i))
                {
                    let cap = if *wide { wide_cap } else { narrow };
                    page_items.extend(parts::photo_block(
                        photo,
                        i,
                        fp.rect.x,
                        fp.rect.y,
                        fp.rect.w,
                        *img_h,
                        cap,
                        &cap_style,
                        photos,
                        &mut groups,
                    )?);
                }
            }
        }
    }
    // Text items carry group numbers from the flow; shift them after ours.
    text_groups_base = text_groups_base.max(groups.last());
    let mut max_group = text_groups_base;
    for (page, mut item) in flowed.items {
        if item.tag.role != Role::Artifact {
            item.tag.group += text_groups_base;
            max_group = max_group.max(item.tag.group);
        }
        if let Some(v) = inner.get_mut(page) {
            v.push(item);
        }
    }
    groups = Groups::starting_at(max_group);
    for (i, items) in inner.into_iter().enumerate() {
        let mut page = g.page(items);
        let top = if i == 0 { g.top + figures_h } else { g.top };
        let bottom = if i + 1 == n_inner {
            last_page_bottom(&page, g, top)
        } else {
            g.bottom
        };
        page.regions = (0..2)
            .map(|c| Rect::new(g.col_x(c), top, g.col_w, bottom - top))
            .collect();
        pages.push(page);
    }
    if quote_page && let Some(q) = &content.quote {
        pages.push(quote_page_of(
            content,
            q,
            cover_idx,
            paper,
            ts,
            photos,
            &mut groups,
        )?);
    }
    let back = back_page(content, paper, ts, &mut groups)?;
    if (pages.len() + 1) % 2 == 1 {
        // Keep the count even: a blank page before the back (notes).
        pages.push(notes_page(content, paper, ts));
    }
    pages.push(back);

    // Running footers on every page but the cover.
    let total = pages.len();
    for (i, page) in pages.iter_mut().enumerate().skip(1) {
        page.items.extend(running_footer(content, i, total, g, ts));
    }

    let mut outline: Vec<(String, usize, f32)> = flowed
        .anchors
        .iter()
        .map(|(t, p, y)| (t.clone(), p + 1, *y))
        .collect();
    if let Some(cta) = &content.call_to_action {
        outline.push((cta.heading.value.clone(), total - 1, g.top));
    }
    Ok(frame::Document {
        pages,
        info: parts::doc_info(content, outline),
        warnings: Vec::new(),
    })
}

fn quote_pieces(q: &Quote) -> Vec<Styled> {
    vec![Styled::plain(format!("“{}”", q.text.value))]
}

/// The pull quote: large italic between two rules, attribution under it.
fn quote_band(
    q: &Quote,
    rect: Rect,
    style: &ParStyle,
    brand: Rgb,
    lang: &str,
    ts: &mut Typesetter,
    groups: &mut Groups,
) -> Vec<Item> {
    let mut items = Vec::new();
    let w = rect.w * 0.8;
    let x = rect.x + (rect.w - w) / 2.0;
    let set = ts.set(&quote_pieces(q), style, w);
    let mut attr_style = ParStyle::new(Family::Sans, 8.5, 11.0, MUTED, lang);
    attr_style.align = Align::Center;
    let attr = ts.set(
        &[Styled::plain(format!("— {}", q.attribution.value))],
        &attr_style,
        w,
    );
    let text_h =
        set.lines.len() as f32 * style.leading + attr.lines.len() as f32 * attr_style.leading + 4.0;
    let y0 = rect.y + (rect.h - text_h) / 2.0;
    let rule = |y: f32| Item {
        pos: Point {
            x: rect.x + rect.w * 0.3,
            y,
        },
        content: C::Shape(Shape::Line {
            dx: rect.w * 0.4,
            dy: 0.0,
            width: 1.2,
            color: brand,
        }),
        tag: Tag::ARTIFACT,
    };
    items.push(rule(rect.y + 4.0));
    let tag = groups.tag(Role::Paragraph);
    let y = place_lines(
        &mut items,
        &set.lines,
        x,
        y0 + style.size,
        style.leading,
        &tag,
    );
    place_lines(
        &mut items,
        &attr.lines,
        x,
        y - style.leading + 4.0 + attr_style.leading,
        attr_style.leading,
        &tag,
    );
    items.push(rule(rect.bottom() - 4.0 - rect.h.min(0.0)));
    items
}

/// Smallest share of a page's text height a photo may be cut to so the text fits in
/// fewer pages.
const SMALLEST_PHOTO_SHARE: f32 = 0.2;

/// Most of a page's text height the pull quote's band may take.
const QUOTE_MAX_SHARE: f32 = 0.4;

/// Shares of the cover's height its colour band may take: the designed third, and
/// the most a long title may push it to before it is an error.
const COVER_BAND: f32 = 0.34;
const COVER_BAND_MAX: f32 = 0.6;
/// Padding above and below the title block in the band.
const COVER_BAND_PAD: f32 = 14.0 * MM;

/// The cover: the cover photo and, in a band of the brand colour, the organisation,
/// the title and the tagline. A photo sharp enough covers the whole page under the
/// band; one that is not fills only the part above the band, at its own shape, or is
/// framed at the size it stays sharp at. A title too long for the band is an error.
fn cover(
    content: &Content,
    cover_idx: Option<usize>,
    paper: Paper,
    ts: &mut Typesetter,
    photos: &mut dyn PhotoSource,
    groups: &mut Groups,
) -> Result<frame::Page, Error> {
    let g = Geometry::new(paper);
    let brand = content.organisation.brand_color.value;
    let mut probe = Groups::default();
    let (_, end) = title_block(content, g, 0.0, ts, &mut probe);
    let need = end + 2.0 * COVER_BAND_PAD;
    if need > g.ph * COVER_BAND_MAX {
        return Err(Error::input(cover_overflow(
            content,
            need - g.ph * COVER_BAND_MAX,
        )));
    }
    let mut band_top = g.ph - need.max(g.ph * COVER_BAND);
    let mut items = Vec::new();
    if let Some((i, photo)) = cover_idx.and_then(|i| Some((i, content.photos.get(i)?))) {
        let (iw, ih) = photos.dimensions(i)?;
        let frame = cover_photo_frame(g, (iw, ih), &mut band_top);
        if frame.h < band_top - 1.0 {
            // A framed photo sits on a pale tint of the brand colour.
            items.push(parts::filled_rect(
                0.0,
                0.0,
                g.pw,
                band_top,
                crate::layout::tint(brand, parts::WHITE, 0.9),
            ));
        }
        items.push(parts::photo_item(photo, i, frame, photos, groups)?);
    }
    items.push(parts::filled_rect(
        0.0,
        band_top,
        g.pw,
        g.ph - band_top,
        brand,
    ));
    let (block, end) = title_block(content, g, band_top, ts, groups);
    // Centre the block in the band, a little above the middle.
    let shift = ((g.ph - band_top) - (end - band_top)) * 0.45;
    items.extend(block.into_iter().map(|mut item| {
        item.translate(0.0, shift);
        item
    }));
    Ok(g.page(items))
}

/// The cover's organisation, title and tagline from `top`; returns the bottom.
fn title_block(
    content: &Content,
    g: Geometry,
    top: f32,
    ts: &mut Typesetter,
    groups: &mut Groups,
) -> (Vec<Item>, f32) {
    parts::title_block(
        content,
        &content.organisation.name.value,
        &content.title.value,
        g.margin_x,
        top,
        g.text_w() * 0.85,
        30.0,
        ts,
        groups,
    )
}

/// Where the cover photo goes: the whole page when it is sharp enough there, else the
/// part above the band (which may grow, down to 40 % of the page, to keep the photo's
/// shape), else a frame of the size it is sharp at, centred above the band.
fn cover_photo_frame(g: Geometry, (iw, ih): (u32, u32), band_top: &mut f32) -> Rect {
    let sharp = |w: f32, h: f32| parts::cover_ppi(iw, ih, w, h) >= parts::MIN_ENLARGED_PPI;
    if sharp(g.pw, g.ph) {
        return Rect::new(0.0, 0.0, g.pw, g.ph);
    }
    let shape_h = g.pw * ih as f32 / iw.max(1) as f32;
    let top_h = band_top.min(shape_h.max(g.ph * 0.4));
    if sharp(g.pw, top_h) {
        *band_top = top_h;
        return Rect::new(0.0, 0.0, g.pw, top_h);
    }
    let room = *band_top - 2.0 * g.margin_x;
    let w = (iw as f32 / parts::MIN_ENLARGED_PPI * 72.0).min(g.text_w());
    let h = (w * ih as f32 / iw.max(1) as f32).min(room);
    let w = (h * iw as f32 / ih.max(1) as f32).min(w);
    Rect::new((g.pw - w) / 2.0, (*band_top - h) / 2.0, w, h)
}

/// The error for a title block too tall for the cover band: it names the field that
/// takes most of the room.
fn cover_overflow(content: &Content, over: f32) -> Diagnostic {
    let o = &content.organisation;
    let field = parts::largest_field(&[(&content.title, 30.0), (&o.tagline, 12.6), (&o.name, 8.0)])
        .unwrap_or(&content.title);
    Diagnostic::new(
        &content.source_path,
        Some(field.span.clone()),
        format!(
            "`{}` does not fit on the brochure's cover: the title band would be {:.0} mm too tall",
            field.span.path,
            over / MM
        ),
    )
    .with_help(
        "shorten it; the cover holds a title of about three short lines and a tagline of two",
    )
}

/// A page of its own for the quote: a photo across the top, the quote large below.
fn quote_page_of(
    content: &Content,
    q: &Quote,
    cover_idx: Option<usize>,
    paper: Paper,
    ts: &mut Typesetter,
    photos: &mut dyn PhotoSource,
    groups: &mut Groups,
) -> Result<frame::Page, Error> {
    let g = Geometry::new(paper);
    let lang = content.lang.0.as_str();
    let brand = content.organisation.brand_color.value;
    let (_, quote_style) = styles(lang, brand, BODY_SIZE);
    let mut items = Vec::new();
    let photo_h = g.snap((g.bottom - g.top) * 0.55);
    // Prefer a photo not used elsewhere; the cover photo otherwise.
    let pick = content
        .photos
        .iter()
        .position(|p| p.placement == PhotoPlacement::Page)
        .or(cover_idx);
    if let Some((i, photo)) = pick.and_then(|i| Some((i, content.photos.get(i)?))) {
        items.push(parts::photo_item(
            photo,
            i,
            Rect::new(g.margin_x, g.top, g.text_w(), photo_h),
            photos,
            groups,
        )?);
    }
    let rect = Rect::new(
        g.margin_x,
        g.top + photo_h + 10.0 * MM,
        g.text_w(),
        60.0 * MM,
    );
    items.extend(quote_band(q, rect, &quote_style, brand, lang, ts, groups));
    Ok(g.page(items))
}

/// A page left for notes, so the back page falls on an even page.
fn notes_page(content: &Content, paper: Paper, ts: &mut Typesetter) -> frame::Page {
    let g = Geometry::new(paper);
    let lang = content.lang.0.as_str();
    let mut items = Vec::new();
    let mut h = ParStyle::new(Family::Sans, 13.0, 15.0, INK, lang);
    h.bold = true;
    let set = ts.set(&[Styled::plain("Notes")], &h, g.text_w());
    place_lines(
        &mut items,
        &set.lines,
        g.margin_x,
        g.top + 13.0,
        15.0,
        &Tag::ARTIFACT,
    );
    let mut y = g.top + 13.0 + 2.0 * g.lead;
    while y < g.bottom - g.lead {
        items.push(parts::rule(g.margin_x, y, g.text_w()));
        y += 2.0 * g.lead;
    }
    g.page(items)
}

/// The back page: the call to action in a tinted panel with the donation link and a
/// QR code, the tagline as a closing line, contact details and the photo credits.
fn back_page(
    content: &Content,
    paper: Paper,
    ts: &mut Typesetter,
    groups: &mut Groups,
) -> Result<frame::Page, Error> {
    let g = Geometry::new(paper);
    let lang = content.lang.0.as_str();
    let brand = content.organisation.brand_color.value;
    let mut items = Vec::new();
    let mut y = g.top;
    let pad = 9.0 * MM;
    let qr_w = 34.0 * MM;
    let inner_w = g.text_w() - 2.0 * pad;
    let text_w = inner_w - qr_w - 8.0 * MM;
    if let Some(cta) = &content.call_to_action {
        let panel_at = items.len();
        let x = g.margin_x + pad;
        let mut h = ParStyle::new(Family::Sans, 22.0, 26.0, brand, lang);
        h.bold = true;
        let set = ts.set(&[Styled::plain(cta.heading.value.clone())], &h, inner_w);
        let tag = groups.tag(Role::Heading(2));
        let mut ty = place_lines(
            &mut items,
            &set.lines,
            x,
            y + pad + h.size * 0.8,
            h.leading,
            &tag,
        );
        let body_top = ty - h.leading + 6.0 * MM;
        let mut body = ParStyle::new(Family::Serif, 10.5, 15.0, INK, lang);
        body.hyphenate = true;
        ty = body_top;
        for p in &cta.paragraphs {
            let set = ts.set(&compose::pieces(p), &body, text_w);
            let tag = groups.tag(Role::Paragraph);
            // Half a line between paragraphs; `ty` is where the next one's top is.
            ty = place_lines(
                &mut items,
                &set.lines,
                x,
                ty + body.size,
                body.leading,
                &tag,
            ) - body.size
                + body.leading * 0.5;
        }
        // The donation address as a link, and as a QR code beside the text.
        let mut link_style = ParStyle::new(Family::Sans, 13.0, 16.0, brand, lang);
        link_style.bold = true;
        let url = cta.donate_url.value.clone();
        let set = ts.set(
            &[Styled {
                text: parts::display_url(&url),
                link: Some(url.clone()),
                ..Default::default()
            }],
            &link_style,
            text_w,
        );
        let tag = groups.tag(Role::Paragraph);
        ty = place_lines(
            &mut items,
            &set.lines,
            x,
            ty + body.leading * 0.5 + link_style.size,
            link_style.leading,
            &tag,
        ) - link_style.leading;
        let module = qr::module_size_for(qr_w, &url).ok_or_else(|| {
            Error::input(
                Diagnostic::new(
                    &content.source_path,
                    Some(cta.donate_url.span.clone()),
                    "the donation address is too long for a QR code that prints at a scannable size",
                )
                .with_help("use a shorter address, for example a short link to the donation page"),
            )
        })?;
        let qx = g.margin_x + g.text_w() - pad - qr_w;
        let sym = qr::qr_code(
            &url,
            Point { x: qx, y: body_top },
            module,
            INK,
            groups.fresh(),
        )
        .map_err(|e| Error::Internal(format!("QR code: {e}")))?;
        let qr_bottom = body_top + sym.size;
        items.extend(sym.items);
        let mut cap = ParStyle::new(Family::Sans, 7.5, 9.0, MUTED, lang);
        cap.align = Align::Center;
        let set = ts.set(&[Styled::plain("Scan to give online")], &cap, qr_w);
        let tag = groups.tag(Role::Caption);
        let qy = place_lines(
            &mut items,
            &set.lines,
            qx,
            qr_bottom + 2.0 + cap.size,
            cap.leading,
            &tag,
        ) - cap.leading;
        let panel_bottom = ty.max(qy) + pad;
        items.insert(
            panel_at,
            parts::filled_rect(
                g.margin_x,
                y,
                g.text_w(),
                panel_bottom - y,
                parts::tint_of(brand, 0.93),
            ),
        );
        y = panel_bottom + 12.0 * MM;
    }

    // Contact: the organisation, its address, website, and any further ways to give
    // that do not repeat them.
    let mut label = ParStyle::new(Family::Sans, 8.0, 11.0, MUTED, lang);
    label.bold = true;
    label.tracking = 1.0;
    let det = ParStyle::new(Family::Sans, 9.5, 13.0, INK, lang);
    let mut name = det.clone();
    name.bold = true;
    let set = ts.set(&[Styled::plain("CONTACT")], &label, g.text_w());
    let tag = groups.tag(Role::Paragraph);
    y = place_lines(
        &mut items,
        &set.lines,
        g.margin_x,
        y + label.size,
        label.leading,
        &tag,
    ) + 2.0;
    let tag = groups.tag(Role::Paragraph);
    let set = ts.set(
        &[Styled::plain(content.organisation.name.value.clone())],
        &name,
        g.text_w(),
    );
    y = place_lines(&mut items, &set.lines, g.margin_x, y, det.leading, &tag);
    let contact = &content.organisation.contact.value;
    let set = ts.set(&compose::linked(contact), &det, g.text_w());
    y = place_lines(&mut items, &set.lines, g.margin_x, y, det.leading, &tag);
    let set = ts.set(&[parts::website_piece(content)], &det, g.text_w());
    y = place_lines(&mut items, &set.lines, g.margin_x, y, det.leading, &tag);
    let host = parts::display_url(&content.organisation.website.value);
    if let Some(cta) = &content.call_to_action {
        for d in &cta.details {
            if d.value == *contact || d.value.contains(&host) {
                continue;
            }
            let set = ts.set(&compose::linked(&d.value), &det, g.text_w());
            y = place_lines(&mut items, &set.lines, g.margin_x, y, det.leading, &tag);
        }
    }

    // Photo credits at the foot of the page.
    let credit_style = ParStyle::new(Family::Sans, 7.0, 8.8, MUTED, lang);
    let mut lines = Vec::new();
    for p in &content.photos {
        lines.extend(
            ts.set(
                &[Styled::plain(format!(
                    "{} — {}",
                    p.caption.value, p.credit.value
                ))],
                &credit_style,
                g.text_w(),
            )
            .lines,
        );
    }
    let mut head = credit_style.clone();
    head.bold = true;
    let hset = ts.set(&[Styled::plain("Photo credits")], &head, g.text_w());
    let total = (lines.len() + hset.lines.len()) as f32 * credit_style.leading;
    let start = g.bottom - total;
    items.push(parts::rule(
        g.margin_x,
        start - credit_style.leading,
        g.text_w(),
    ));
    let tag = groups.tag(Role::Caption);
    let yy = place_lines(
        &mut items,
        &hset.lines,
        g.margin_x,
        start,
        credit_style.leading,
        &tag,
    );
    place_lines(
        &mut items,
        &lines,
        g.margin_x,
        yy,
        credit_style.leading,
        &tag,
    );

    // The tagline closes the brochure, centred in the space that is left.
    let mut closing = ParStyle::new(Family::Serif, 18.0, 24.0, brand, lang);
    closing.italic = true;
    closing.align = Align::Center;
    let set = ts.set(
        &[Styled::plain(content.organisation.tagline.value.clone())],
        &closing,
        g.text_w() * 0.75,
    );
    let h = set.lines.len() as f32 * closing.leading;
    let free_top = y + 8.0 * MM;
    let free_bottom = start - credit_style.leading - 8.0 * MM;
    if free_bottom - free_top > h {
        let ty = free_top + (free_bottom - free_top - h) / 2.0 + closing.size;
        let tag = groups.tag(Role::Paragraph);
        place_lines(
            &mut items,
            &set.lines,
            g.margin_x + g.text_w() * 0.125,
            ty,
            closing.leading,
            &tag,
        );
    }
    Ok(g.page(items))
}

/// Organisation and title on the inside edge, page number on the outside edge.
fn running_footer(
    content: &Content,
    index: usize,
    total: usize,
    g: Geometry,
    ts: &mut Typesetter,
) -> Vec<Item> {
    let lang = content.lang.0.as_str();
    let label = Styled::plain(format!(
        "{} · {}",
        content.organisation.name.value, content.title.value
    ));
    let number = Styled {
        text: format!("{} / {}", index + 1, total),
        bold: true,
        ..Default::default()
    };
    let baseline = g.ph - 16.0 * MM;
    // Odd page numbers (1-based) are right-hand pages: number on the right.
    let (left, right) = if (index + 1) % 2 == 1 {
        (label, number)
    } else {
        (number, label)
    };
    let split = if (index + 1) % 2 == 1 { 0.8 } else { 0.2 };
    let (items, _) = parts::footer(
        &[left],
        &[right],
        g.margin_x,
        baseline,
        g.text_w(),
        split,
        lang,
        ts,
    );
    items
}
