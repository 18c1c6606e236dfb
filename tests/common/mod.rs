//! Geometry helpers shared by the layout tests.

use std::collections::BTreeMap;

use brochure::layout::frame::{Content, Document, Item, Page, Rect, Role, Shape};
use brochure::layout::measure;

/// Lowest fill a text column or panel may have.
#[allow(dead_code)]
pub const MIN_FILL: f32 = 0.8;
/// Lowest resolution a layout may enlarge a photo to.
#[allow(dead_code)]
pub const MIN_PPI: f32 = 150.0;

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

/// The text of every tagged element, lines joined as a reader would: runs on one
/// baseline join directly, a line ending at a hyphenation point joins the next without
/// a space, other lines with one.
#[allow(dead_code)]
pub fn elements(doc: &Document) -> Vec<String> {
    let mut order: Vec<(Role, u32)> = Vec::new();
    let mut text: BTreeMap<usize, String> = BTreeMap::new();
    let mut last: Option<(usize, f32, f32)> = None;
    for (p, page) in doc.pages.iter().enumerate() {
        for item in &page.items {
            let Content::Text(run) = &item.content else {
                continue;
            };
            if item.tag.role == Role::Artifact {
                continue;
            }
            let key = (item.tag.role.clone(), item.tag.group);
            let k = order.iter().position(|o| *o == key).unwrap_or_else(|| {
                order.push(key);
                order.len() - 1
            });
            let same_line = last.is_some_and(|(lp, y, right)| {
                lp == p && (y - item.pos.y).abs() < 0.5 && (item.pos.x - right).abs() < 1.0
            });
            let t = text.entry(k).or_default();
            let joined = t.ends_with('\u{ad}') || t.ends_with('-') || t.ends_with('/');
            if !t.is_empty() && !same_line && !joined {
                t.push(' ');
            }
            t.push_str(&run.text);
            last = Some((p, item.pos.y, item.pos.x + run.width()));
        }
    }
    text.into_values().map(|t| normalise(&t)).collect()
}

#[allow(dead_code)]
pub fn normalise(t: &str) -> String {
    t.replace('\u{ad}', "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[allow(dead_code)]
pub fn occurrences(haystack: &[String], needle: &str) -> usize {
    haystack.iter().map(|e| e.matches(needle).count()).sum()
}

#[allow(dead_code)]
pub fn warns_short(doc: &Document) -> bool {
    doc.warnings
        .iter()
        .any(|w| w.message.contains("the text is short"))
}

/// Every problem a designer would see in one document.
#[allow(dead_code)]
pub fn document_problems(
    doc: &Document,
    content: &brochure::content::model::Content,
    kind: brochure::build::LayoutKind,
    short: bool,
) -> Vec<String> {
    let mut out = Vec::new();
    let underfilled = measure::min_fill(&doc.pages).is_some_and(|m| m.2 < MIN_FILL);
    if underfilled != warns_short(doc) {
        out.push(format!(
            "underfilled {underfilled}, but warned {}",
            warns_short(doc)
        ));
    }
    if underfilled && !short {
        out.push("content of this length must fill the layout".into());
    }
    for (p, page) in doc.pages.iter().enumerate() {
        out.extend(
            overlaps_over_bands(page)
                .into_iter()
                .map(|o| format!("page {}: overlap {o}", p + 1)),
        );
        out.extend(
            logo_crowding(page)
                .into_iter()
                .map(|o| format!("page {}: {o}", p + 1)),
        );
        out.extend(
            outside_trim(page)
                .into_iter()
                .map(|o| format!("page {}: {o}", p + 1)),
        );
        for (r, region) in page.regions.iter().enumerate() {
            let f = measure::fill(page, *region);
            if f < MIN_FILL && !(short && warns_short(doc)) {
                out.push(format!(
                    "page {} region {}: {:.0} % filled",
                    p + 1,
                    r + 1,
                    f * 100.0
                ));
            }
        }
        for item in &page.items {
            if let Content::Image(img) = &item.content {
                let ppi = img.image.width as f32 / (img.image_rect.w / 72.0);
                if ppi < MIN_PPI - 0.5 {
                    out.push(format!("page {}: a photo at {ppi:.0} ppi", p + 1));
                }
            }
        }
    }
    let logos = doc
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .filter(|i| matches!(i.content, Content::Logo(_)))
        .count();
    let want = match (content.organisation.logo.is_some(), doc.pages.len()) {
        (false, _) => 0,
        // The fact sheet's title band; a cover and a back page or panel otherwise.
        (true, 1) => 1,
        (true, _) => 2,
    };
    if logos != want {
        out.push(format!("{logos} logos printed, {want} expected"));
    }
    let text = elements(doc);
    // The text that flows: the letter in the donor letter, the sections elsewhere.
    let mut once: Vec<String> = match (kind, &content.letter) {
        (brochure::build::LayoutKind::DonorLetter, Some(l)) => l
            .paragraphs
            .iter()
            .map(|p| normalise(&p.plain_text()))
            .chain([&l.greeting, &l.sign_off, &l.name].map(|f| normalise(&f.value)))
            .chain(l.role.iter().map(|r| normalise(&r.value)))
            .collect(),
        _ => content
            .sections
            .iter()
            .flat_map(|s| s.paragraphs.iter().map(|p| normalise(&p.plain_text())))
            .collect(),
    };
    once.extend(
        content
            .key_figures
            .iter()
            .map(|f| normalise(&f.label.value)),
    );
    for needle in once {
        let n = occurrences(&text, &needle);
        if n != 1 {
            let short: String = needle.chars().take(50).collect();
            out.push(format!("printed {n} times: {short:?}"));
        }
    }
    out
}

/// Items that leave the trim (plus bleed).
#[allow(dead_code)]
pub fn outside_trim(page: &Page) -> Vec<String> {
    let b = page.bleed + 0.01;
    page.items
        .iter()
        .filter(|i| !matches!(i.content, Content::Link { .. }))
        .map(|i| (i, i.bounds()))
        .filter(|(_, r)| {
            r.x < -b || r.y < -b || r.right() > page.width + b || r.bottom() > page.height + b
        })
        .map(|(i, r)| format!("outside the trim: {:?} at {r:?}", i.tag))
        .collect()
}
