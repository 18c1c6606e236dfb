//! Flowing blocks through columns on a baseline grid, with keep-with-next for headings
//! and widow and orphan control for paragraphs.

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
}

/// Where flowing stopped when the columns were full.
#[derive(Debug, Clone, PartialEq)]
pub struct Overflow {
    /// Section of the first block that did not fit.
    pub section: usize,
    /// Grid lines that did not fit.
    pub lines: usize,
    /// Height that did not fit, in points.
    pub height: f32,
}

/// Result of flowing: items, outline anchors and any overflow.
#[derive(Debug, Clone, Default)]
pub struct Flowed {
    /// Placed items per column, in reading order.
    pub items: Vec<Item>,
    /// (heading text, column index, y of the heading's top) for the outline.
    pub anchors: Vec<(String, usize, f32)>,
    /// What did not fit.
    pub overflow: Option<Overflow>,
}

/// A block set to a column width, waiting to be placed.
#[derive(Debug, Clone)]
pub struct Entry {
    lines: Vec<Line>,
    /// Heading text when the entry is a heading.
    heading: Option<String>,
    section: usize,
}

/// Sets every block to `width` once, so several placements (trying different column
/// shapes) reuse the same lines.
pub fn set_blocks(
    blocks: &[Block],
    width: f32,
    style: &FlowStyle,
    ts: &mut Typesetter,
) -> Vec<Entry> {
    blocks
        .iter()
        .map(|b| match b {
            Block::Heading { text, section } => Entry {
                lines: ts
                    .set(&[Styled::plain(text.clone())], &style.heading, width)
                    .lines,
                heading: Some(text.clone()),
                section: *section,
            },
            Block::Paragraph {
                pieces,
                first,
                section,
            } => {
                let mut s = style.body.clone();
                if !first {
                    s.indent = style.body.size;
                }
                Entry {
                    lines: ts.set(pieces, &s, width).lines,
                    heading: None,
                    section: *section,
                }
            }
        })
        .collect()
}

/// Flows blocks through `columns` (top to bottom, then the next column). Every baseline
/// lies on the grid `column.y + first_baseline + k * body.leading`.
pub fn flow(
    blocks: &[Block],
    columns: &[Rect],
    style: &FlowStyle,
    ts: &mut Typesetter,
    next_group: &mut u32,
) -> Flowed {
    let Some(width) = columns.first().map(|c| c.w) else {
        return Flowed::default();
    };
    let entries = set_blocks(blocks, width, style, ts);
    place(&entries, columns, style, next_group)
}

/// Places set blocks into columns, which must all have the width they were set to.
pub fn place(
    entries: &[Entry],
    columns: &[Rect],
    style: &FlowStyle,
    next_group: &mut u32,
) -> Flowed {
    let lead = style.body.leading;
    let mut out = Flowed::default();
    let mut queue: VecDeque<Entry> = entries.iter().cloned().collect();

    let (mut col, mut line) = (0usize, 0usize);
    while let Some(entry) = queue.pop_front() {
        let Some(c) = columns.get(col).copied() else {
            queue.push_front(entry);
            break;
        };
        let cap = if c.h < style.first_baseline {
            0
        } else {
            ((c.h - style.first_baseline) / lead).floor() as usize + 1
        };
        let free = cap.saturating_sub(line);
        let baseline = |line: usize| c.y + style.first_baseline + line as f32 * lead;
        if let Some(text) = &entry.heading {
            // Keep a heading with the first lines of its text; a blank grid line above
            // it unless it starts the column.
            let gap = usize::from(line > 0);
            let next_min = queue
                .front()
                .filter(|e| e.heading.is_none())
                .map_or(0, |e| e.lines.len().min(style.min_lines));
            if gap + entry.lines.len() + next_min > free && line > 0 {
                queue.push_front(entry);
                col += 1;
                line = 0;
                continue;
            }
            line += gap;
            let group = take(next_group);
            out.anchors
                .push((text.clone(), col, baseline(line) - style.heading.size));
            for l in &entry.lines {
                let tag = Tag {
                    role: Role::Heading(2),
                    group,
                };
                push_line(&mut out.items, l, c.x, baseline(line), tag);
                line += 1;
            }
            continue;
        }
        let n = entry.lines.len();
        let mut k = n.min(free);
        if k < n {
            // No orphan at the foot, no widow at the top: at least min_lines each side.
            if n - k < style.min_lines {
                k = n.saturating_sub(style.min_lines);
            }
            if k < style.min_lines {
                k = 0;
            }
        }
        let group = take(next_group);
        for l in &entry.lines[..k] {
            let tag = Tag {
                role: Role::Paragraph,
                group,
            };
            push_line(&mut out.items, l, c.x, baseline(line), tag);
            line += 1;
        }
        if k < n {
            queue.push_front(Entry {
                lines: entry.lines[k..].to_vec(),
                heading: None,
                section: entry.section,
            });
            col += 1;
            line = 0;
        }
    }
    if let Some(first) = queue.front() {
        let lines: usize = queue
            .iter()
            .map(|e| e.lines.len() + usize::from(e.heading.is_some()))
            .sum();
        out.overflow = Some(Overflow {
            section: first.section,
            lines,
            height: lines as f32 * lead,
        });
    }
    out
}

fn take(next: &mut u32) -> u32 {
    let g = *next;
    *next += 1;
    g
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
