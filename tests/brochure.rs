//! The brochure, asserted on Frames and on the PDF read back with lopdf: page count,
//! bleed, overlaps, headings, widows and orphans, links, outline and a QR code that
//! scans to the donation address.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use brochure::build::{self, LayoutKind};
use brochure::content::model::Content as Model;
use brochure::layout::Paper;
use brochure::layout::brochure::BODY_SIZE;
use brochure::layout::frame::{Content, Document, Item, MM, Rect, Role, Shape};

fn example() -> (Model, brochure::text::Typesetter) {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/content/japan-heart-cambodia.yaml"
    );
    build::load(path.as_ref()).expect("example loads")
}

fn layout(paper: Paper) -> Document {
    let (content, mut ts) = example();
    build::layout(&content, LayoutKind::Brochure, paper, &mut ts).expect("example lays out")
}

fn is_body_line(item: &Item) -> bool {
    matches!(&item.content, Content::Text(r) if r.size == BODY_SIZE)
        && item.tag.role == Role::Paragraph
}

#[test]
fn page_count_is_even_and_pages_have_the_paper_size() {
    for paper in [Paper::A4, Paper::Letter] {
        let doc = layout(paper);
        assert!(doc.pages.len() >= 4, "{paper:?}: {} pages", doc.pages.len());
        assert_eq!(
            doc.pages.len() % 2,
            0,
            "{paper:?}: booklets need an even count"
        );
        let (w, h) = paper.size();
        for p in &doc.pages {
            assert!((p.width - w).abs() < 0.01 && (p.height - h).abs() < 0.01);
        }
    }
}

#[test]
fn only_the_cover_photo_and_bands_reach_the_edge() {
    for paper in [Paper::A4, Paper::Letter] {
        let doc = layout(paper);
        // The cover photo fills the page exactly: it is meant to bleed.
        let cover = &doc.pages[0];
        let photo = cover
            .items
            .iter()
            .find_map(|i| match &i.content {
                Content::Image(img) => Some(img),
                _ => None,
            })
            .expect("the cover has a photo");
        assert_eq!(photo.frame, cover.trim());
        assert!(photo.image_rect.contains(&photo.frame, 0.01));
        for (n, page) in doc.pages.iter().enumerate() {
            for item in &page.items {
                let b = item.bounds();
                assert!(
                    page.trim().contains(&b, 0.01),
                    "{paper:?} page {n}: {:?} at {b:?} leaves the page",
                    item.tag
                );
                let bleeds = n == 0
                    && (matches!(item.content, Content::Image(_))
                        || matches!(item.content, Content::Shape(Shape::Rect { .. })));
                if !bleeds && !matches!(item.content, Content::Shape(_)) {
                    // Everything else keeps at least 15 mm from the edges.
                    let safe = Rect::new(
                        15.0 * MM,
                        15.0 * MM,
                        page.width - 30.0 * MM,
                        page.height - 30.0 * MM,
                    );
                    assert!(
                        safe.contains(&b, 0.01),
                        "{paper:?} page {n}: {:?} at {b:?} is too close to the edge",
                        item.tag
                    );
                }
            }
        }
    }
}

#[test]
fn nothing_overlaps_on_inner_and_back_pages() {
    for paper in [Paper::A4, Paper::Letter] {
        let doc = layout(paper);
        for (n, page) in doc.pages.iter().enumerate().skip(1) {
            let found = common::overlaps(page);
            assert!(
                found.is_empty(),
                "{paper:?} page {n}: overlapping items: {found:#?}"
            );
        }
    }
}

/// Columns of a page as the x of their left edge, with body line baselines in each.
fn columns(page: &brochure::layout::frame::Page) -> BTreeMap<i64, Vec<f32>> {
    let mut cols: BTreeMap<i64, Vec<f32>> = BTreeMap::new();
    for item in page.items.iter().filter(|i| is_body_line(i)) {
        let mid = page.width / 2.0;
        let key = if item.pos.x < mid { 0 } else { 1 };
        cols.entry(key).or_default().push(item.pos.y);
    }
    cols
}

#[test]
fn headings_are_never_last_in_a_column() {
    for paper in [Paper::A4, Paper::Letter] {
        let doc = layout(paper);
        let mut headings = 0;
        for page in &doc.pages {
            let cols = columns(page);
            for h in page.items.iter().filter(|i| i.tag.role == Role::Heading(2)) {
                let Content::Text(run) = &h.content else {
                    continue;
                };
                if run.size == BODY_SIZE {
                    continue;
                }
                headings += 1;
                let key = if h.pos.x < page.width / 2.0 { 0 } else { 1 };
                let below: BTreeSet<i64> = cols
                    .get(&key)
                    .map(|ys| {
                        ys.iter()
                            .filter(|y| **y > h.pos.y)
                            .map(|y| (*y * 10.0) as i64)
                            .collect()
                    })
                    .unwrap_or_default();
                // The call to action's heading on the back page is followed by its text
                // in a larger size; it has no column below it to check.
                if below.is_empty()
                    && page
                        .items
                        .iter()
                        .any(|i| i.pos.y > h.pos.y && matches!(i.content, Content::Text(_)))
                {
                    continue;
                }
                assert!(
                    below.len() >= 2,
                    "{paper:?}: heading at {:?} keeps fewer than two lines",
                    h.pos
                );
            }
        }
        assert!(headings >= 2, "{paper:?}: section headings are set");
    }
}

#[test]
fn no_single_line_widows_or_orphans() {
    for paper in [Paper::A4, Paper::Letter] {
        let doc = layout(paper);
        // Lines of each paragraph piece per page and column.
        let mut pieces: BTreeMap<(usize, i64, u32), usize> = BTreeMap::new();
        let mut sizes: BTreeMap<u32, usize> = BTreeMap::new();
        for (n, page) in doc.pages.iter().enumerate() {
            let mut seen = BTreeSet::new();
            for item in page.items.iter().filter(|i| is_body_line(i)) {
                let col = i64::from(item.pos.x >= page.width / 2.0);
                if seen.insert((col, item.tag.group, (item.pos.y * 10.0) as i64)) {
                    *pieces.entry((n, col, item.tag.group)).or_default() += 1;
                    *sizes.entry(item.tag.group).or_default() += 1;
                }
            }
        }
        for ((n, col, g), count) in &pieces {
            assert!(
                *count >= 2 || sizes[g] == 1,
                "{paper:?}: page {n} column {col} has a single line of paragraph {g}"
            );
        }
    }
}

#[test]
fn outline_lists_the_sections_and_the_call_to_action() {
    let (content, mut ts) = example();
    let doc = build::layout(&content, LayoutKind::Brochure, Paper::A4, &mut ts).unwrap();
    let titles: Vec<&str> = doc
        .info
        .outline
        .iter()
        .map(|(t, _, _)| t.as_str())
        .collect();
    for s in &content.sections {
        assert!(titles.contains(&s.heading.value.as_str()), "{titles:?}");
    }
    let cta = content
        .call_to_action
        .as_ref()
        .expect("the example has a call to action");
    assert_eq!(titles.last(), Some(&cta.heading.value.as_str()));
    for (_, page, y) in &doc.info.outline {
        assert!(*page > 0 && *page < doc.pages.len() && *y > 0.0);
    }
}

#[test]
fn the_back_page_links_and_encodes_the_donation_address() {
    let (content, mut ts) = example();
    let doc = build::layout(&content, LayoutKind::Brochure, Paper::A4, &mut ts).unwrap();
    let url = &content.call_to_action.as_ref().unwrap().donate_url.value;
    let back = doc.pages.last().unwrap();
    assert!(
        back.items
            .iter()
            .any(|i| matches!(&i.content, Content::Link { url: u, .. } if u == url))
    );
    // Paint the QR modules and decode them.
    let modules: Vec<&Item> = back
        .items
        .iter()
        .filter(|i| matches!(&i.tag.role, Role::Figure(alt) if alt.contains("QR")))
        .filter(|i| matches!(i.content, Content::Shape(Shape::Rect { .. })))
        .collect();
    assert!(!modules.is_empty(), "the back page has a QR code");
    let area = modules
        .iter()
        .map(|i| i.bounds())
        .reduce(|a, b| a.union(&b))
        .unwrap();
    let scale = 8.0; // pixels per point
    let pad = 20usize;
    let (w, h) = (
        (area.w * scale) as usize + 2 * pad,
        (area.h * scale) as usize + 2 * pad,
    );
    let mut buf = vec![255u8; w * h];
    for m in &modules {
        let Content::Shape(Shape::Rect { fill, .. }) = &m.content else {
            continue;
        };
        let grey = ((fill.r as u32 + fill.g as u32 + fill.b as u32) / 3) as u8;
        let b = m.bounds();
        let x0 = ((b.x - area.x) * scale) as usize + pad;
        let y0 = ((b.y - area.y) * scale) as usize + pad;
        let x1 = ((b.right() - area.x) * scale) as usize + pad;
        let y1 = ((b.bottom() - area.y) * scale) as usize + pad;
        for y in y0..y1.min(h) {
            buf[y * w + x0..y * w + x1.min(w)].fill(grey);
        }
    }
    let mut img = rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| buf[y * w + x]);
    let grids = img.detect_grids();
    assert_eq!(grids.len(), 1);
    let (_, text) = grids[0].decode().expect("the QR code decodes");
    assert_eq!(&text, url);
    // Modules of at least 0.4 mm.
    let smallest = modules
        .iter()
        .map(|m| m.bounds())
        .filter(|b| b.w < area.w * 0.9)
        .map(|b| b.h)
        .fold(f32::MAX, f32::min);
    assert!(smallest >= 0.4 * MM - 0.01, "module {smallest} pt");
}

#[test]
fn the_brochure_writes_a_pdf_with_links_outline_and_pages() {
    let dir = std::env::temp_dir().join(format!("brochure-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join("b.pdf");
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/content/japan-heart-cambodia.yaml"
    );
    build::build(&build::BuildOptions {
        content: path.into(),
        layout: LayoutKind::Brochure,
        paper: Paper::Letter,
        output: out.clone(),
        lang: None,
        created: Some(1_700_000_000),
    })
    .unwrap();
    let pdf = lopdf::Document::load(&out).unwrap();
    let pages = pdf.get_pages();
    assert!(pages.len() >= 4 && pages.len().is_multiple_of(2));
    for id in pages.values() {
        let page = pdf.get_dictionary(*id).unwrap();
        let mb = page.get(b"MediaBox").unwrap().as_array().unwrap();
        let n: Vec<f32> = mb.iter().map(|o| o.as_float().unwrap()).collect();
        assert!((n[2] - n[0] - 612.0).abs() < 0.5 && (n[3] - n[1] - 792.0).abs() < 0.5);
    }
    // Link annotations: the donation address is among them.
    let (content, _) = example();
    let url = content.call_to_action.unwrap().donate_url.value;
    let mut uris = Vec::new();
    for id in pages.values() {
        for a in pdf.get_page_annotations(*id).unwrap_or_default() {
            if let Ok(action) = a.get(b"A").and_then(|o| o.as_dict())
                && let Ok(u) = action.get(b"URI")
            {
                uris.push(String::from_utf8_lossy(u.as_str().unwrap()).into_owned());
            }
        }
    }
    assert!(uris.contains(&url), "{uris:?}");
    // Outline entries equal the section headings (and the call to action).
    let catalog = pdf.catalog().unwrap();
    let outlines = pdf
        .get_dictionary(catalog.get(b"Outlines").unwrap().as_reference().unwrap())
        .unwrap();
    let mut next = outlines
        .get(b"First")
        .ok()
        .and_then(|o| o.as_reference().ok());
    let mut titles = Vec::new();
    while let Some(id) = next {
        let d = pdf.get_dictionary(id).unwrap();
        let t = d.get(b"Title").unwrap();
        titles.push(lopdf::decode_text_string(t).unwrap());
        next = d.get(b"Next").ok().and_then(|o| o.as_reference().ok());
    }
    let mut expected: Vec<String> = content
        .sections
        .iter()
        .map(|s| s.heading.value.clone())
        .collect();
    expected.push("How you can help".into());
    assert_eq!(titles, expected);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn every_layout_is_reproducible() {
    let dir = std::env::temp_dir().join(format!("brochure-repro-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/content/japan-heart-cambodia.yaml"
    );
    for kind in [LayoutKind::Brochure, LayoutKind::Trifold] {
        let mut outputs = Vec::new();
        for n in 0..2 {
            let out = dir.join(format!("{}-{n}.pdf", kind.name()));
            build::build(&build::BuildOptions {
                content: path.into(),
                layout: kind,
                paper: Paper::A4,
                output: out.clone(),
                lang: None,
                created: Some(1_700_000_000),
            })
            .unwrap();
            outputs.push(std::fs::read(&out).unwrap());
        }
        assert!(
            outputs[0] == outputs[1],
            "{} differs between two builds",
            kind.name()
        );
    }
    std::fs::remove_dir_all(&dir).ok();
}
