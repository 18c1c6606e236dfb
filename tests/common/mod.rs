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

/// Whether an item is ink that nothing may overlap: text, photos and logos.
fn solid(item: &Item) -> bool {
    matches!(
        item.content,
        Content::Text(_) | Content::Image(_) | Content::Logo(_)
    )
}

/// Items inside a logo's clear space, described for a failure message. What lies
/// under the logo's plate (a band, a photo), painted before it and covered by it, is
/// not counted; anything painted over the clear space, or not covered, is.
#[allow(dead_code)]
pub fn logo_crowding(page: &Page) -> Vec<String> {
    use brochure::layout::logo::clear_space;
    let mut out = Vec::new();
    for (k, item) in page.items.iter().enumerate() {
        let Content::Logo(logo) = &item.content else {
            continue;
        };
        let r = logo.rect;
        let c = clear_space(r.h);
        let zone = Rect::new(r.x - c, r.y - c, r.w + 2.0 * c, r.h + 2.0 * c);
        let covered = |i: usize| {
            page.items[i + 1..k].iter().any(|p| {
                matches!(p.content, Content::Shape(Shape::Rect { .. }))
                    && p.bounds().contains(&zone, 0.01)
            })
        };
        for (j, other) in page.items.iter().enumerate() {
            if j == k || !ink_box(other).overlaps(&zone, 0.05) {
                continue;
            }
            let beneath = j < k
                && (covered(j)
                    || matches!(other.content, Content::Shape(Shape::Rect { .. }))
                        && other.bounds().contains(&zone, 0.01));
            if !beneath && !matches!(other.content, Content::Link { .. }) {
                out.push(format!(
                    "item {j} {:?} at {:?} is inside the logo's clear space {zone:?}",
                    other.tag,
                    other.bounds()
                ));
            }
        }
    }
    out
}

/// Text and image items of a page whose ink overlaps, described for a failure message.
/// Backgrounds and rules are meant to sit under text and are not counted.
#[allow(dead_code)]
pub fn overlaps(page: &Page) -> Vec<String> {
    let solid: Vec<(usize, Rect)> = page
        .items
        .iter()
        .enumerate()
        .filter(|(_, i)| solid(i))
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
        .filter(|(_, i)| solid(i))
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
