//! Geometry helpers shared by the layout tests.

use brochure::layout::frame::{Content, Item, Page, Rect, Shape};

/// Tight box of a text item: from cap height to descender, so that lines on a grid
/// tighter than the font's full ascent plus descent do not count as overlapping.
pub fn ink_box(item: &Item) -> Rect {
    match &item.content {
        Content::Text(r) => Rect::new(
            item.pos.x,
            item.pos.y - 0.72 * r.size,
            r.width(),
            0.93 * r.size,
        ),
        _ => item.bounds(),
    }
}

/// Text and image items of a page whose ink overlaps, described for a failure message.
/// Backgrounds and rules are meant to sit under text and are not counted.
#[allow(dead_code)]
pub fn overlaps(page: &Page) -> Vec<String> {
    let solid: Vec<(usize, Rect)> = page
        .items
        .iter()
        .enumerate()
        .filter(|(_, i)| matches!(i.content, Content::Text(_) | Content::Image(_)))
        .map(|(k, i)| (k, ink_box(i)))
        .collect();
    let mut out = Vec::new();
    for (a, ra) in &solid {
        for (b, rb) in &solid {
            if a < b && ra.overlaps(rb, 0.05) {
                out.push(format!(
                    "items {a} {:?} {ra:?} and {b} {:?} {rb:?}",
                    page.items[*a].tag, page.items[*b].tag
                ));
            }
        }
    }
    out
}

/// Like [`overlaps`], except that text may sit on a photo where a filled box painted
/// between them (a colour band over a cover photo) holds the whole line.
#[allow(dead_code)]
pub fn overlaps_over_bands(page: &Page) -> Vec<String> {
    let on_band = |img: usize, text: usize| {
        let t = ink_box(&page.items[text]);
        page.items[img.min(text)..img.max(text)].iter().any(|i| {
            matches!(i.content, Content::Shape(Shape::Rect { .. })) && i.bounds().contains(&t, 0.01)
        })
    };
    let mut out = Vec::new();
    let solid: Vec<(usize, Rect, bool)> = page
        .items
        .iter()
        .enumerate()
        .filter(|(_, i)| matches!(i.content, Content::Text(_) | Content::Image(_)))
        .map(|(k, i)| (k, ink_box(i), matches!(i.content, Content::Image(_))))
        .collect();
    for (a, ra, ia) in &solid {
        for (b, rb, ib) in &solid {
            if a < b && ra.overlaps(rb, 0.05) {
                let banded = match (ia, ib) {
                    (true, false) => on_band(*a, *b),
                    (false, true) => on_band(*b, *a),
                    _ => false,
                };
                if !banded {
                    out.push(format!(
                        "items {a} {:?} {ra:?} and {b} {:?} {rb:?}",
                        page.items[*a].tag, page.items[*b].tag
                    ));
                }
            }
        }
    }
    out
}
