//! Flowing blocks through regions (columns, panels) on a baseline grid: keep-with-next
//! for headings, widow and orphan control for paragraphs, and figures that float to
//! the next column (column-wide) or the next page's top (page-wide) when they do not fit.

use std::collections::VecDeque;

use crate::compose::Block;
use crate::layout::frame::{Content, Item, Point, Rect, Role, Tag};
use crate::text::{Line, ParStyle, Styled, Typesetter};

mod work;
use work::Work;

/// Styles for flowing text.
#[derive(Debug, Clone)]
pub struct FlowStyle {
    /// Body paragraphs.
    pub body: ParStyle,
    /// Section headings.
    pub heading: ParStyle,
    /// Distance from a column's top to its first baseline.
    pub first_baseline: f32,
    /// Lines a paragraph must keep together at a column's foot and top.
    pub min_lines: usize,
    /// Blank grid lines between paragraphs. With 0 a paragraph starts with an indent;
    /// with more, paragraphs are set as blocks without one (the open style a layout
    /// may choose when the text is short).
    pub paragraph_gap: usize,
}

/// Where flowing stopped when the regions ran out.
#[derive(Debug, Clone, PartialEq)]
pub struct Overflow {
    /// Section of the first block that did not fit.
    pub section: usize,
    /// Grid lines that did not fit.
    pub lines: usize,
    /// Height that did not fit, in points.
    pub height: f32,
}

/// A figure placed by the flow: which one, on which page, and its rectangle (the grid
/// lines it occupies, including the blank line under it).
#[derive(Debug, Clone, PartialEq)]
pub struct FigurePlacement {
    /// The caller's figure id.
    pub id: usize,
    /// Page index given by the region source.
    pub page: usize,
    /// The reserved rectangle.
    pub rect: Rect,
}

/// Result of flowing.
#[derive(Debug, Clone, Default)]
pub struct Flowed {
    /// Placed items with their page index, in reading order.
    pub items: Vec<(usize, Item)>,
    /// (heading text, page index, y of the heading's top) for the outline.
    pub anchors: Vec<(String, usize, f32)>,
    /// Where figures went; the caller draws them.
    pub figures: Vec<FigurePlacement>,
    /// Regions used (the last one may be partly empty).
    pub regions_used: usize,
    /// What did not fit.
    pub overflow: Option<Overflow>,
}

/// A block ready to be placed: text set to the column width, or a figure of known size.
#[derive(Debug, Clone)]
pub enum Entry {
    /// Lines of a heading or paragraph.
    Text {
        /// The set lines.
        lines: Vec<Line>,
        /// Heading text when the entry is a heading.
        heading: Option<String>,
        /// Section index.
        section: usize,
        /// For a list item: its indent and the marker hanging before it.
        hang: Option<Hang>,
    },
    /// A figure the caller draws into the rectangle the flow reserves.
    Figure {
        /// The caller's id for it.
        id: usize,
        /// Grid lines it needs, including one blank line below.
        lines: usize,
        /// Spans the whole page width (placed at the top of a page).
        wide: bool,
        /// Section index.
        section: usize,
    },
}

impl Entry {
    fn section(&self) -> usize {
        match self {
            Entry::Text { section, .. } | Entry::Figure { section, .. } => *section,
        }
    }
    fn line_count(&self) -> usize {
        match self {
            Entry::Text { lines, heading, .. } => lines.len() + usize::from(heading.is_some()),
            Entry::Figure { lines, .. } => *lines,
        }
    }
}

/// A list item's hanging indent: every line starts `indent` in from the column's
/// edge, and the marker sits at the edge on the first line.
#[derive(Debug, Clone)]
pub struct Hang {
    /// Distance from the column's edge to the text.
    pub indent: f32,
    /// The marker, set; `None` on the rest of an item split across regions.
    pub marker: Option<Line>,
}

/// A region to flow into: a rectangle on a page.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Region {
    /// Page index (the source's numbering).
    pub page: usize,
    /// The rectangle; its top is a grid line.
    pub rect: Rect,
}

/// Supplies regions one after another. When a region starts a new page, the source may
/// place pending page-wide figures at its top and return the region below them.
pub trait RegionSource {
    /// Region number `index`, or `None` when there is no more room. `wide` holds the
    /// page-wide figures waiting (id, height in points); the source removes those it
    /// places and reports them in the returned list.
    fn region(
        &mut self,
        index: usize,
        wide: &mut Vec<(usize, usize, f32)>,
    ) -> Option<(Region, Vec<FigurePlacement>)>;
}

/// A fixed list of regions on one page.
pub struct FixedRegions<'a> {
    /// The page index the regions are on.
    pub page: usize,
    /// The regions in reading order.
    pub rects: &'a [Rect],
}

impl RegionSource for FixedRegions<'_> {
    fn region(
        &mut self,
        index: usize,
        _wide: &mut Vec<(usize, usize, f32)>,
    ) -> Option<(Region, Vec<FigurePlacement>)> {
        let page = self.page;
        self.rects
            .get(index)
            .map(|r| (Region { page, rect: *r }, Vec::new()))
    }
}

/// Sets every text block to `width` once, so several placements (trying different
/// column shapes) reuse the same lines.
pub fn set_blocks(
    blocks: &[Block],
    width: f32,
    style: &FlowStyle,
    ts: &mut Typesetter,
) -> Vec<Entry> {
    blocks
        .iter()
        .map(|b| set_block(b, width, style, ts))
        .collect()
}

/// Sets one block (figures become entries needing `0` lines: callers size them).
pub fn set_block(b: &Block, width: f32, style: &FlowStyle, ts: &mut Typesetter) -> Entry {
    match b {
        Block::Heading { text, section } => Entry::Text {
            lines: ts
                .set(&[Styled::plain(text.clone())], &style.heading, width)
                .lines,
            heading: Some(text.clone()),
            section: *section,
            hang: None,
        },
        Block::Paragraph {
            pieces,
            first,
            section,
            item,
        } => {
            let mut s = style.body.clone();
            if let Some(marker) = item {
                // The marker hangs before the text: at least 1.2 em, more for "12.".
                let mut m = style.body.clone();
                m.align = crate::text::Align::Left;
                m.hyphenate = false;
                let marker = ts
                    .set(&[Styled::plain(marker.clone())], &m, width)
                    .lines
                    .into_iter()
                    .next();
                let indent = marker
                    .as_ref()
                    .map_or(0.0, |l| l.width + 0.45 * s.size)
                    .max(1.2 * s.size);
                return Entry::Text {
                    lines: ts.set(pieces, &s, (width - indent).max(1.0)).lines,
                    heading: None,
                    section: *section,
                    hang: Some(Hang { indent, marker }),
                };
            }
            if !first && style.paragraph_gap == 0 {
                s.indent = style.body.size;
            }
            Entry::Text {
                lines: ts.set(pieces, &s, width).lines,
                heading: None,
                section: *section,
                hang: None,
            }
        }
    }
}

/// Places entries into a fixed list of columns on one page.
pub fn place(
    entries: &[Entry],
    columns: &[Rect],
    style: &FlowStyle,
    next_group: &mut u32,
) -> Flowed {
    flow_regions(
        entries,
        &mut FixedRegions {
            page: 0,
            rects: columns,
        },
        style,
        next_group,
    )
}

/// Places entries into the regions a source supplies.
///
/// One [`Work`] state walks the entries: each is placed in the current region, split
/// across it and the next (paragraphs), held back for the next region's top (figures,
/// headings that would lose their text) or the next page's (page-wide figures).
pub fn flow_regions(
    entries: &[Entry],
    source: &mut dyn RegionSource,
    style: &FlowStyle,
    next_group: &mut u32,
) -> Flowed {
    let mut pending_wide = Vec::new();
    let Some((region, placed)) = source.region(0, &mut pending_wide) else {
        return Flowed {
            overflow: overflow(&entries.iter().cloned().collect(), style.body.leading),
            ..Flowed::default()
        };
    };
    let entries = entries.iter().cloned().collect();
    let mut work = Work::new(
        source,
        style,
        next_group,
        (region, placed, pending_wide),
        entries,
    );
    work.run();
    work.finish()
}

/// Empty regions a figure may skip before it is reported as too tall for any: enough
/// to get past the short regions of a page to a full column.
const MAX_EMPTY_TRIES: usize = 4;

fn overflow(rest: &VecDeque<Entry>, lead: f32) -> Option<Overflow> {
    let first = rest.front()?;
    let lines: usize = rest.iter().map(Entry::line_count).sum();
    Some(Overflow {
        section: first.section(),
        lines,
        height: lines as f32 * lead,
    })
}

fn take(next: &mut u32) -> u32 {
    *next += 1;
    *next
}

fn push_line_on(
    items: &mut Vec<(usize, Item)>,
    page: usize,
    line: &Line,
    x: f32,
    y: f32,
    tag: Tag,
) {
    let mut v = Vec::new();
    push_line(&mut v, line, x, y, tag);
    items.extend(v.into_iter().map(|i| (page, i)));
}

/// Places a set line with its left edge at `x` and baseline at `y`.
pub fn push_line(items: &mut Vec<Item>, line: &Line, x: f32, y: f32, tag: Tag) {
    for (dx, run) in &line.runs {
        items.push(Item {
            pos: Point { x: x + dx, y },
            content: Content::Text(run.clone()),
            tag: tag.clone(),
        });
    }
    for (a, b, url) in &line.links {
        items.push(Item {
            pos: Point {
                x: x + a,
                y: y - line.ascent,
            },
            content: Content::Link {
                w: b - a,
                h: line.ascent + line.descent,
                url: url.clone(),
            },
            tag: tag.clone(),
        });
    }
}
