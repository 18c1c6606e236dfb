//! Measures of a laid-out page that a designer judges by eye: how much of each text
//! column or panel holds content.

use crate::layout::frame::{Content, Item, MM, Page, Rect, Shape};

/// Gaps up to this tall count as filled: the space between paragraphs, above a
/// heading or around a photo is part of a full column, an empty half-column is not.
pub const FILL_GAP: f32 = 8.0 * MM;

/// A gap next to text counts as filled up to this many times its size, if that is
/// more than [`FILL_GAP`]: a blank line between paragraphs of large or openly led
/// type (a letter, Japanese at 1.7 times its size) is paragraph space, not emptiness.
const TEXT_GAP: f32 = 2.8;

/// The share of `region`'s height (0 to 1) that holds content: text, photos, charts
/// and tinted boxes that overlap the region, with gaps up to [`FILL_GAP`] counted as
/// filled. Hairlines (rules, scale lines) do not count.
pub fn fill(page: &Page, region: Rect) -> f32 {
    fill_items(&page.items, region)
}

/// [`fill`] for items not yet on a page, as a layout weighs its options.
pub fn fill_items(items: &[Item], region: Rect) -> f32 {
    if region.h <= 0.0 {
        return 1.0;
    }
    // Each span with the gap it bridges to the next: more beside larger text.
    let mut spans: Vec<(f32, f32, f32)> = items
        .iter()
        .filter(|i| counts(i))
        .map(|i| (ink(i), gap_beside(i)))
        .filter(|(r, _)| r.x < region.right() && r.right() > region.x)
        .map(|(r, g)| (r.y.max(region.y), r.bottom().min(region.bottom()), g))
        .filter(|(a, b, _)| b > a)
        .collect();
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut covered = 0.0;
    // Start, end and bridged gap of the run being merged; the region's top edge starts
    // a run, so a gap of less than FILL_GAP there counts as filled too.
    let mut run: Option<(f32, f32, f32)> = None;
    for (a, b, g) in spans {
        match run {
            Some((s, e, rg)) if a - e <= rg.max(g) => run = Some((s, e.max(b), g)),
            Some((s, e, _)) => {
                covered += e - s;
                run = Some((a, b, g));
            }
            None if a - region.y <= FILL_GAP.max(g) => run = Some((region.y, b, g)),
            None => run = Some((a, b, g)),
        }
    }
    if let Some((s, e, g)) = run {
        let e = if region.bottom() - e <= FILL_GAP.max(g) {
            region.bottom()
        } else {
            e
        };
        covered += e - s;
    }
    (covered / region.h).clamp(0.0, 1.0)
}

/// The lowest fill of any region of the document's pages, with where it is: (page,
/// region, fill). `None` when no page has regions.
pub fn min_fill(pages: &[Page]) -> Option<(usize, usize, f32)> {
    pages
        .iter()
        .enumerate()
        .flat_map(|(p, page)| {
            page.regions
                .iter()
                .enumerate()
                .map(move |(r, region)| (p, r, fill(page, *region)))
        })
        .min_by(|a, b| a.2.total_cmp(&b.2))
}

/// The gap next to `item` that still counts as filled.
fn gap_beside(item: &Item) -> f32 {
    match &item.content {
        Content::Text(r) => FILL_GAP.max(TEXT_GAP * r.size),
        _ => FILL_GAP,
    }
}

fn counts(item: &Item) -> bool {
    !matches!(item.content, Content::Shape(Shape::Line { .. }))
}

/// The box an item inks: a text line from cap height to descender (Khmer from its
/// signs above to its subscripts below), so a column of
/// lines on a tight grid does not count as taller than it looks.
fn ink(item: &Item) -> Rect {
    match &item.content {
        // Khmer reaches higher (signs above) and lower (subscripts and vowels below).
        Content::Text(r) if r.text.chars().any(crate::text::is_khmer_char) => Rect::new(
            item.pos.x,
            item.pos.y - 0.9 * r.size,
            r.width(),
            1.35 * r.size,
        ),
        Content::Text(r) => Rect::new(
            item.pos.x,
            item.pos.y - 0.72 * r.size,
            r.width(),
            0.93 * r.size,
        ),
        _ => item.bounds(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::model::Rgb;
    use crate::layout::frame::{Point, Tag};

    fn block(y: f32, h: f32) -> Item {
        Item {
            pos: Point { x: 10.0, y },
            content: Content::Shape(Shape::Rect {
                w: 50.0,
                h,
                fill: Rgb::new(0, 0, 0),
            }),
            tag: Tag::ARTIFACT,
        }
    }

    /// A line of text at `size` whose baseline is at `y`.
    fn line(y: f32, size: f32) -> Item {
        use crate::layout::frame::{FontId, Glyph, TextRun};
        Item {
            pos: Point { x: 10.0, y },
            content: Content::Text(TextRun {
                font: FontId(0),
                size,
                color: Rgb::new(0, 0, 0),
                glyphs: vec![Glyph {
                    id: 1,
                    advance: 50.0,
                    x_offset: 0.0,
                    y_offset: 0.0,
                    text_range: 0..1,
                }],
                text: "x".into(),
                lang: "en".into(),
                ascent: size,
                descent: 0.0,
                line: None,
            }),
            tag: Tag::ARTIFACT,
        }
    }

    fn page(items: Vec<Item>) -> Page {
        Page {
            width: 200.0,
            height: 400.0,
            bleed: 0.0,
            margins: Rect::new(0.0, 0.0, 200.0, 400.0),
            items,
            regions: vec![Rect::new(0.0, 0.0, 100.0, 400.0)],
        }
    }

    #[test]
    fn half_a_column_is_half_full_and_small_gaps_count_as_filled() {
        let r = Rect::new(0.0, 0.0, 100.0, 400.0);
        assert_eq!(fill(&page(vec![]), r), 0.0);
        assert!((fill(&page(vec![block(0.0, 200.0)]), r) - 0.5).abs() < 1e-3);
        // Two blocks 10 pt apart (under FILL_GAP) and reaching the foot: all filled.
        let full = page(vec![block(0.0, 195.0), block(205.0, 195.0)]);
        assert!((fill(&full, r) - 1.0).abs() < 1e-3);
        // A block outside the column's x range does not fill it.
        let mut aside = block(0.0, 400.0);
        aside.pos.x = 150.0;
        assert_eq!(fill(&page(vec![aside]), r), 0.0);
        // A blank line between paragraphs of 12 pt type led at 1.75: 30 pt of white,
        // wider than FILL_GAP, is still paragraph space; the same gap between boxes is not.
        let r = Rect::new(0.0, 0.0, 100.0, 60.0);
        let text = |b: f32| page(vec![line(10.0, 12.0), line(10.0 + b, 12.0)]);
        let gap = 30.0 + 0.93 * 12.0;
        assert!(fill(&text(gap), r) > 0.99, "{}", fill(&text(gap), r));
        assert!(fill(&text(gap + 20.0), r) < 0.5);
        let boxes = page(vec![block(0.0, 50.0), block(80.0, 40.0)]);
        assert!(fill(&boxes, Rect::new(0.0, 0.0, 100.0, 120.0)) < 0.8);
        assert_eq!(
            min_fill(&[page(vec![block(0.0, 100.0)])]).map(|m| m.0),
            Some(0)
        );
    }
}
