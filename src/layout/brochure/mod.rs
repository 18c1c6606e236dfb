//! The multi-page brochure: a full-bleed cover, inner pages of two flowing columns
//! (key figures, chart, photos, pull quote), and a back page with the call to action,
//! a QR code and photo credits. The page count is kept even so it prints as a booklet.

use crate::compose::{self, BodyItem};
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

mod assemble;
mod back;
mod pages;
mod plan;
mod regions;

use assemble::*;
use back::*;
use pages::*;
use plan::*;
use regions::*;

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
        let planned = match plan(content, paper, (size, gap), cover_idx, None, ts, photos) {
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
    // Still odd: short text without a quote to move is spread over one more page,
    // instead of leaving a blank one.
    if let Some((score, planned)) = &best
        && !score.even
        && content.quote.is_none()
        && let Ok(spread) = plan(
            content,
            paper,
            planned.style,
            cover_idx,
            Some(planned.n_inner + 1),
            ts,
            photos,
        )
    {
        best = Some((Score::of(&spread), spread));
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
    let mut alt = plan(&without, paper, style, cover_idx, None, ts, photos).ok()?;
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
    /// The body size and paragraph gap it was planned with.
    style: (f32, usize),
    g: Geometry,
    figures_h: f32,
    flowed: flow::Flowed,
    n_inner: usize,
    quote_page: bool,
    photo_sets: Vec<Option<PhotoSize>>,
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
