//! Flowing blocks through regions (columns, panels) on a baseline grid: keep-with-next
//! for headings, widow and orphan control for paragraphs, and figures that float to
//! the next column (column-wide) or the next page's top (page-wide) when they do not fit.

use std::collections::VecDeque;

use crate::compose::Block;
use crate::layout::frame::{Content, Item, Point, Rect, Role, Tag};
use crate::text::{Line, ParStyle, Styled, Typesetter};

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
pub fn flow_regions(
    entries: &[Entry],
    source: &mut dyn RegionSource,
    style: &FlowStyle,
    next_group: &mut u32,
) -> Flowed {
    let lead = style.body.leading;
    let mut out = Flowed::default();
    let mut queue: VecDeque<Entry> = entries.iter().cloned().collect();
    // Column-wide figures waiting for the next region's top; page-wide ones waiting for
    // the next page: (id, lines, height).
    let mut pending_col: VecDeque<Entry> = VecDeque::new();
    let mut pending_wide: Vec<(usize, usize, f32)> = Vec::new();

    // Group of a paragraph whose remaining lines wait for the next region.
    let mut carry: Option<u32> = None;
    let mut index = 0usize;
    let Some((mut region, placed)) = source.region(index, &mut pending_wide) else {
        out.overflow = overflow(&queue, lead);
        return out;
    };
    out.figures.extend(placed);
    let mut line = 0usize;
    let capacity = |r: &Region| -> usize {
        if r.rect.h < style.first_baseline {
            0
        } else {
            ((r.rect.h - style.first_baseline) / lead).floor() as usize + 1
        }
    };

    // Empty regions in a row that a waiting figure did not fit.
    let mut stuck = 0usize;
    // Whether the last thing placed in this region was (part of) a paragraph.
    let mut after_paragraph = false;
    let mut after_item = false;
    loop {
        // Waiting column figures go first at the top of a fresh region.
        let entry = if line == 0 && !pending_col.is_empty() {
            pending_col.pop_front()
        } else {
            queue.pop_front()
        };
        let Some(entry) = entry else {
            // The text has ended with a figure still waiting: it heads the next region.
            if pending_col.is_empty() {
                break;
            }
            let Some(r) = next_region(source, &mut index, &mut pending_wide, &mut out.figures)
            else {
                break;
            };
            region = r;
            line = 0;
            continue;
        };
        let cap = capacity(&region);
        let free = cap.saturating_sub(line);
        let c = region.rect;
        let baseline = |line: usize| c.y + style.first_baseline + line as f32 * lead;
        let mut advance = false;
        let is_paragraph = matches!(entry, Entry::Text { heading: None, .. });
        let is_item = matches!(entry, Entry::Text { hang: Some(_), .. });
        let line_before = line;
        match entry {
            Entry::Figure {
                id,
                lines,
                wide: true,
                ..
            } => {
                pending_wide.push((id, lines, lines as f32 * lead));
            }
            // Under text a figure keeps a blank grid line above it, so the photo does
            // not touch the descenders of the line before.
            Entry::Figure { id, lines, .. } if lines + usize::from(line > 0) <= free => {
                line += usize::from(line > 0);
                out.figures.push(FigurePlacement {
                    id,
                    page: region.page,
                    rect: Rect::new(c.x, c.y + line as f32 * lead, c.w, lines as f32 * lead),
                });
                line += lines;
            }
            e @ Entry::Figure { .. } => {
                if line == 0 {
                    // Too tall for this empty region, which may be a short one (under
                    // the figures box, above a quote band): try the next regions, and
                    // give up only when it fits in none of them.
                    stuck += 1;
                    if stuck > MAX_EMPTY_TRIES {
                        queue.push_front(e);
                        break;
                    }
                    pending_col.push_front(e);
                    advance = true;
                } else {
                    pending_col.push_back(e);
                }
            }
            Entry::Text {
                lines,
                heading: Some(text),
                section,
                ..
            } => {
                // Keep a heading with the first lines of its text; a blank grid line
                // above it unless it starts the column.
                let gap = usize::from(line > 0);
                let next_min = match queue.front() {
                    Some(Entry::Text {
                        lines: l,
                        heading: None,
                        ..
                    }) => l.len().min(style.min_lines),
                    _ => 0,
                };
                if gap + lines.len() + next_min > free && line > 0 {
                    queue.push_front(Entry::Text {
                        lines,
                        heading: Some(text),
                        section,
                        hang: None,
                    });
                    advance = true;
                } else if lines.len() + next_min > free {
                    // Does not fit even in this empty region: try the next ones.
                    queue.push_front(Entry::Text {
                        lines,
                        heading: Some(text),
                        section,
                        hang: None,
                    });
                    stuck += 1;
                    if stuck > MAX_EMPTY_TRIES {
                        break;
                    }
                    advance = true;
                } else {
                    line += gap;
                    let group = take(next_group);
                    out.anchors.push((
                        text.clone(),
                        region.page,
                        baseline(line) - style.heading.size,
                    ));
                    for l in &lines {
                        let tag = Tag {
                            role: Role::Heading(2),
                            group,
                        };
                        push_line_on(&mut out.items, region.page, l, c.x, baseline(line), tag);
                        line += 1;
                    }
                }
            }
            Entry::Text {
                lines,
                heading: None,
                section,
                hang,
            } => {
                // Open style: a blank line before a paragraph that follows another in
                // this region (not before the rest of a split one).
                // Items of one list stay together.
                let tight = is_item && after_item;
                if style.paragraph_gap > 0
                    && line > 0
                    && after_paragraph
                    && !tight
                    && carry.is_none()
                {
                    line += style.paragraph_gap;
                    if line >= cap {
                        queue.push_front(Entry::Text {
                            lines,
                            heading: None,
                            section,
                            hang,
                        });
                        after_paragraph = false;
                        let Some(r) =
                            next_region(source, &mut index, &mut pending_wide, &mut out.figures)
                        else {
                            break;
                        };
                        region = r;
                        line = 0;
                        continue;
                    }
                }
                let free = cap.saturating_sub(line);
                let n = lines.len();
                let mut k = n.min(free);
                if k < n {
                    // No orphan at the foot, no widow at the top: at least min_lines
                    // each side of a break.
                    if n - k < style.min_lines {
                        k = n.saturating_sub(style.min_lines);
                    }
                    if k < style.min_lines {
                        k = 0;
                    }
                }
                if k == 0 && line == 0 && n > 0 {
                    // Not even min_lines fit in an empty region: place what fits.
                    k = n.min(cap);
                    if k == 0 {
                        // This region holds no line at all: try the next ones.
                        queue.push_front(Entry::Text {
                            lines,
                            heading: None,
                            section,
                            hang,
                        });
                        stuck += 1;
                        if stuck > MAX_EMPTY_TRIES {
                            break;
                        }
                        let Some(r) =
                            next_region(source, &mut index, &mut pending_wide, &mut out.figures)
                        else {
                            break;
                        };
                        region = r;
                        line = 0;
                        continue;
                    }
                }
                // The rest of a paragraph split across regions stays one element.
                let group = carry.take().unwrap_or_else(|| take(next_group));
                let (now, rest) = lines.split_at_checked(k).unwrap_or((lines.as_slice(), &[]));
                let tag = Tag {
                    role: Role::Paragraph,
                    group,
                };
                let indent = hang.as_ref().map_or(0.0, |h| h.indent);
                if let (Some(marker), false) = (
                    hang.as_ref().and_then(|h| h.marker.as_ref()),
                    now.is_empty(),
                ) {
                    push_line_on(
                        &mut out.items,
                        region.page,
                        marker,
                        c.x,
                        baseline(line),
                        tag.clone(),
                    );
                }
                for l in now {
                    push_line_on(
                        &mut out.items,
                        region.page,
                        l,
                        c.x + indent,
                        baseline(line),
                        tag.clone(),
                    );
                    line += 1;
                }
                if k < n {
                    // The rest keeps the indent; its marker is already printed.
                    queue.push_front(Entry::Text {
                        lines: rest.to_vec(),
                        heading: None,
                        section,
                        hang: hang.map(|h| Hang {
                            marker: if now.is_empty() { h.marker } else { None },
                            ..h
                        }),
                    });
                    carry = Some(group);
                    advance = true;
                }
            }
        }
        if line > 0 {
            stuck = 0;
        }
        // A figure sent on to the next region leaves the paragraphs around it adjacent.
        if line != line_before {
            after_paragraph = is_paragraph;
            after_item = is_item;
        }
        if advance || line >= cap {
            after_paragraph = false;
            let Some(r) = next_region(source, &mut index, &mut pending_wide, &mut out.figures)
            else {
                break;
            };
            region = r;
            line = 0;
        }
    }
    // Page-wide figures still waiting after the text ended get pages of their own.
    while !pending_wide.is_empty() && queue.is_empty() && pending_col.is_empty() {
        index += 1;
        match source.region(index, &mut pending_wide) {
            Some((_, placed)) => out.figures.extend(placed),
            None => break,
        }
    }
    out.regions_used = index + 1;
    let mut rest: VecDeque<Entry> = pending_col;
    rest.extend(queue);
    if !rest.is_empty() || !pending_wide.is_empty() {
        out.overflow = overflow(&rest, lead).or(Some(Overflow {
            section: 0,
            lines: pending_wide.iter().map(|w| w.1).sum(),
            height: pending_wide.iter().map(|w| w.2).sum(),
        }));
    }
    out
}

/// The next region from `source`, with the page-wide figures it placed recorded.
fn next_region(
    source: &mut dyn RegionSource,
    index: &mut usize,
    wide: &mut Vec<(usize, usize, f32)>,
    figures: &mut Vec<FigurePlacement>,
) -> Option<Region> {
    *index += 1;
    let (region, placed) = source.region(*index, wide)?;
    figures.extend(placed);
    Some(region)
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
            tag: Tag::ARTIFACT,
        });
    }
}
