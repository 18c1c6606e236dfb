//! Geometry of the tri-fold leaflet, asserted on Frames (no PDF parsing): the sheet and
//! its panels, text clear of folds and edges, overlaps, headings kept with their text,
//! the back panel's link and QR code, and overflow errors.

mod common;

use std::collections::BTreeSet;
use std::sync::OnceLock;

use brochure::build::{self, LayoutKind};
use brochure::content::model::Content as Model;
use brochure::layout::Paper;
use brochure::layout::frame::{Content, Document, Item, MM, Rect, Role, Shape};
use brochure::layout::trifold::{
    self, BODY_LEADING, EDGE_CLEARANCE, FOLD_CLEARANCE, Panel, QR_SIZE,
};
use brochure::text::Typesetter;

const PAPERS: [Paper; 2] = [Paper::A4, Paper::Letter];
const IN: f32 = 72.0;

fn load() -> (Model, Typesetter) {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/content/japan-heart-cambodia.yaml"
    );
    build::load(path.as_ref()).expect("example loads")
}

/// The example laid out once per paper size and shared: preparing photos is slow.
fn example(paper: Paper) -> &'static Document {
    static DOCS: OnceLock<Vec<Document>> = OnceLock::new();
    let docs = DOCS.get_or_init(|| {
        let (content, mut ts) = load();
        PAPERS
            .iter()
            .map(|&p| {
                build::layout(&content, LayoutKind::Trifold, p, &mut ts).expect("example fits")
            })
            .collect()
    });
    &docs[PAPERS
        .iter()
        .position(|&p| p == paper)
        .expect("a known paper")]
}

fn is_text(item: &Item) -> bool {
    matches!(item.content, Content::Text(_))
}

/// A line of body text: the fit sets the body within `trifold::TYPE`, larger than
/// labels and captions and smaller than the quote.
fn is_body_line(item: &Item) -> bool {
    matches!(&item.content, Content::Text(r) if (trifold::TYPE.min..=trifold::TYPE.max).contains(&r.size))
        && item.tag.role == Role::Paragraph
}

/// The grid of the body lines among `items`.
fn body_leading(items: &[Item]) -> f32 {
    items
        .iter()
        .find(|i| is_body_line(i))
        .and_then(|i| match &i.content {
            Content::Text(r) => Some(trifold::TYPE.leading(r.size, &r.lang)),
            _ => None,
        })
        .unwrap_or(BODY_LEADING)
}

/// The inside panel (0 to 2) an x position lies in.
fn inside_panel_of(paper: Paper, x: f32) -> usize {
    trifold::panels(paper)[1]
        .iter()
        .position(|p| x >= p.x && x < p.right())
        .expect("inside the sheet")
}

fn texts_in(page: &[Item], area: Rect) -> String {
    page.iter()
        .filter(|i| area.contains(&i.bounds(), 0.01))
        .filter_map(|i| match &i.content {
            Content::Text(r) => Some(r.text.as_str()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn the_layout_is_listed_and_named() {
    assert!(LayoutKind::ALL.contains(&LayoutKind::Trifold));
    assert_eq!(LayoutKind::Trifold.name(), "trifold");
}

#[test]
fn the_example_fits_on_a4_and_letter() {
    // `example` fails the test with the error if either paper overflows.
    for paper in PAPERS {
        assert_eq!(example(paper).pages.len(), 2);
    }
}

#[test]
fn two_landscape_pages_of_the_sheet_size() {
    for (paper, w, h) in [
        (Paper::A4, 297.0 * MM, 210.0 * MM),
        (Paper::Letter, 11.0 * IN, 8.5 * IN),
    ] {
        let doc = example(paper);
        assert_eq!(doc.pages.len(), 2, "{paper:?}: outside and inside");
        for page in &doc.pages {
            assert!(
                (page.width - w).abs() < 0.01,
                "{paper:?}: width {}",
                page.width
            );
            assert!(
                (page.height - h).abs() < 0.01,
                "{paper:?}: height {}",
                page.height
            );
            assert!(page.width > page.height, "landscape");
        }
        assert_eq!(
            trifold::sheet_size(paper),
            (doc.pages[0].width, doc.pages[0].height)
        );
    }
}

#[test]
fn panel_widths_follow_the_roll_fold() {
    for (paper, narrow, wide) in [
        (Paper::A4, 97.0 * MM, 100.0 * MM),
        (Paper::Letter, 3.625 * IN, 3.6875 * IN),
    ] {
        let (w, h) = trifold::sheet_size(paper);
        let p = trifold::panels(paper);
        // Outside: flap (narrow), back, cover. Inside: left, middle, right (narrow).
        let expected = [[narrow, wide, wide], [wide, wide, narrow]];
        for (page, widths) in expected.iter().enumerate() {
            let mut x = 0.0;
            for (k, want) in widths.iter().enumerate() {
                let r = p[page][k];
                assert!(
                    (r.w - want).abs() < 0.01,
                    "{paper:?} page {page} panel {k}: {}",
                    r.w / MM
                );
                assert!((r.x - x).abs() < 0.01, "panels are contiguous");
                assert!(
                    r.y == 0.0 && (r.h - h).abs() < 0.01,
                    "panels are full height"
                );
                x = r.right();
            }
            let sum: f32 = p[page].iter().map(|r| r.w).sum();
            assert!((sum - w).abs() < 0.01, "{paper:?}: widths sum to the sheet");
        }
        // Each inside panel backs the mirrored outside panel: the flap backs the
        // fold-in panel, the cover backs the left inside panel.
        for k in 0..3 {
            let outside = p[0][2 - k];
            assert!((p[1][k].x - (w - outside.right())).abs() < 0.01);
        }
        let folds = trifold::folds(paper);
        for page in 0..2 {
            assert_eq!(folds[page].len(), 2);
            assert!((folds[page][0] - p[page][0].right()).abs() < 0.01);
            assert!((folds[page][1] - p[page][1].right()).abs() < 0.01);
        }
        // The named panels agree with the table.
        for panel in Panel::ALL {
            assert_eq!(panel.rect(paper), p[panel.page()][panel.index()]);
            assert!(panel.rect(paper).contains(&panel.text_area(paper), 0.0));
        }
        assert_eq!(Panel::Flap.rect(paper).w, Panel::InsideRight.rect(paper).w);
    }
}

#[test]
fn text_areas_keep_their_clearances() {
    for paper in PAPERS {
        let (w, h) = trifold::sheet_size(paper);
        let folds = trifold::folds(paper);
        for panel in Panel::ALL {
            let a = panel.text_area(paper);
            for f in &folds[panel.page()] {
                assert!(a.right() <= f - FOLD_CLEARANCE || a.x >= f + FOLD_CLEARANCE);
            }
            assert!(a.x >= EDGE_CLEARANCE && a.right() <= w - EDGE_CLEARANCE);
            assert!(a.y >= EDGE_CLEARANCE && a.bottom() <= h - EDGE_CLEARANCE);
        }
    }
}

#[test]
fn no_text_comes_near_a_fold_or_the_sheet_edge() {
    for paper in PAPERS {
        let doc = example(paper);
        let folds = trifold::folds(paper);
        for (n, page) in doc.pages.iter().enumerate() {
            let mut checked = 0;
            for item in &page.items {
                if !matches!(item.content, Content::Text(_) | Content::Link { .. }) {
                    continue;
                }
                let b = item.bounds();
                for f in &folds[n] {
                    assert!(
                        b.right() <= f - FOLD_CLEARANCE + 0.01 || b.x >= f + FOLD_CLEARANCE - 0.01,
                        "{paper:?} page {n}: {:?} at {b:?} is within 6 mm of the fold at {:.1} mm",
                        item.tag,
                        f / MM
                    );
                }
                let sheet = Rect::new(
                    EDGE_CLEARANCE,
                    EDGE_CLEARANCE,
                    page.width - 2.0 * EDGE_CLEARANCE,
                    page.height - 2.0 * EDGE_CLEARANCE,
                );
                assert!(
                    sheet.contains(&b, 0.01),
                    "{paper:?} page {n}: {:?} at {b:?} is within 8 mm of the edge",
                    item.tag
                );
                checked += 1;
            }
            assert!(checked > 50, "page {n} has text");
        }
    }
}

#[test]
fn nothing_crosses_a_fold_and_everything_is_on_the_sheet() {
    for paper in PAPERS {
        let doc = example(paper);
        let folds = trifold::folds(paper);
        for (n, page) in doc.pages.iter().enumerate() {
            for item in &page.items {
                let b = item.bounds();
                assert!(
                    page.trim().contains(&b, 0.01),
                    "{paper:?} page {n}: {:?} at {b:?} leaves the sheet",
                    item.tag
                );
                for f in &folds[n] {
                    assert!(
                        !(b.x < f - 0.01 && b.right() > f + 0.01),
                        "{paper:?} page {n}: {:?} at {b:?} crosses the fold at {:.1} mm",
                        item.tag,
                        f / MM
                    );
                }
            }
        }
    }
}

#[test]
fn no_two_text_or_image_items_overlap() {
    for paper in PAPERS {
        let doc = example(paper);
        for (n, page) in doc.pages.iter().enumerate() {
            let found = common::overlaps(page);
            assert!(
                found.is_empty(),
                "{paper:?} page {n}: overlapping items: {found:#?}"
            );
        }
    }
}

#[test]
fn the_cover_photo_fills_the_top_of_the_front_panel_only() {
    let (content, _) = load();
    let cover_file = &content
        .photos
        .iter()
        .find(|p| p.placement == brochure::content::model::PhotoPlacement::Cover)
        .expect("the example names a cover photo")
        .file
        .value;
    for paper in PAPERS {
        let doc = example(paper);
        let panel = Panel::Cover.rect(paper);
        let covers: Vec<_> = doc.pages[0]
            .items
            .iter()
            .filter_map(|i| match &i.content {
                Content::Image(img) => Some(img),
                _ => None,
            })
            .collect();
        assert_eq!(covers.len(), 1, "one photo outside: the cover");
        let img = covers[0];
        assert_eq!(&img.image.source, cover_file);
        let f = img.frame;
        assert!((f.x - panel.x).abs() < 0.01 && (f.right() - panel.right()).abs() < 0.01);
        assert!(f.y == 0.0, "bleeds to the top edge");
        assert!(
            f.h > panel.h * 0.5 && f.h < panel.h * 0.7,
            "about 60 % of the panel"
        );
        assert!(
            img.image_rect.contains(&f, 0.01),
            "the photo covers its frame"
        );
        // The cover photo is not repeated inside.
        for item in &doc.pages[1].items {
            if let Content::Image(i) = &item.content {
                assert_ne!(&i.image.source, cover_file);
            }
        }
        // Name, title and tagline on the cover panel.
        let cover_text = texts_in(&doc.pages[0].items, panel);
        assert!(cover_text.contains(&content.title.value), "{cover_text}");
        assert!(cover_text.contains(&content.organisation.name.value.to_uppercase()));
        assert!(cover_text.contains("Equal access"));
    }
}

#[test]
fn the_flap_holds_the_key_figures_and_the_chart() {
    let (content, _) = load();
    for paper in PAPERS {
        let doc = example(paper);
        let flap = Panel::Flap.rect(paper);
        let text = texts_in(&doc.pages[0].items, flap);
        for f in &content.key_figures {
            assert!(
                text.contains(&f.value.value),
                "{} on the flap",
                f.value.value
            );
        }
        assert!(text.contains("Sources:"));
        assert!(text.contains("Photo credits"));
        let chart = doc.pages[0]
            .items
            .iter()
            .filter(|i| matches!(&i.tag.role, Role::Figure(alt) if alt.starts_with("Bar chart")))
            .collect::<Vec<_>>();
        assert!(!chart.is_empty(), "{paper:?}: the chart is drawn");
        assert!(chart.iter().all(|i| flap.contains(&i.bounds(), 0.01)));
    }
}

/// Rasterises the QR figure's rectangles (dark modules) with a quiet zone and decodes it.
fn decode_qr(modules: &[Rect]) -> String {
    let bbox = modules.iter().skip(1).fold(modules[0], |a, r| a.union(r));
    // The first rectangle is the top row of the top-left finder: 7 modules wide.
    let first = modules
        .iter()
        .min_by(|a, b| (a.y, a.x).partial_cmp(&(b.y, b.x)).unwrap())
        .unwrap();
    let module = first.w / 7.0;
    let n = (bbox.w / module).round() as usize;
    assert!((bbox.w - n as f32 * module).abs() < 0.05, "whole modules");
    let px = 4;
    let side = (n + 8) * px;
    let mut buf = vec![255u8; side * side];
    for r in modules {
        let c0 = ((r.x - bbox.x) / module).round() as usize + 4;
        let r0 = ((r.y - bbox.y) / module).round() as usize + 4;
        let cw = (r.w / module).round() as usize;
        let rh = (r.h / module).round() as usize;
        for y in r0 * px..(r0 + rh) * px {
            for x in c0 * px..(c0 + cw) * px {
                buf[y * side + x] = 0;
            }
        }
    }
    let mut img = rqrr::PreparedImage::prepare_from_greyscale(side, side, |x, y| buf[y * side + x]);
    let grids = img.detect_grids();
    assert_eq!(grids.len(), 1, "one symbol");
    grids[0].decode().expect("the symbol decodes").1
}

#[test]
fn the_back_panel_links_the_donation_page_and_has_a_scannable_qr_code() {
    let (content, _) = load();
    let url = &content.call_to_action.as_ref().unwrap().donate_url.value;
    for paper in PAPERS {
        let doc = example(paper);
        let back = Panel::Back.rect(paper);
        let items = &doc.pages[0].items;
        let links: Vec<&Item> = items
            .iter()
            .filter(|i| matches!(&i.content, Content::Link { url: u, .. } if u == url))
            .collect();
        let on_back = links
            .iter()
            .filter(|l| back.contains(&l.bounds(), 0.01))
            .count();
        assert!(
            on_back >= 2,
            "{paper:?}: the address in text and the QR code link"
        );
        let qr: Vec<Rect> = items
            .iter()
            .filter(|i| matches!(&i.tag.role, Role::Figure(alt) if alt.starts_with("QR code")))
            // The symbol's link is part of the figure too.
            .filter(|i| !matches!(i.content, Content::Link { .. }))
            .map(|i| {
                assert!(matches!(i.content, Content::Shape(Shape::Rect { .. })));
                i.bounds()
            })
            .collect();
        assert!(qr.len() > 20, "{paper:?}: the QR figure is drawn");
        assert!(qr.iter().all(|r| back.contains(r, 0.01)));
        assert_eq!(&decode_qr(&qr), url);
        // About 30 mm with the quiet zone: the dark part is between 20 and 30 mm.
        let bbox = qr.iter().skip(1).fold(qr[0], |a, r| a.union(r));
        assert!(bbox.w > 20.0 * MM && bbox.w < QR_SIZE, "{} mm", bbox.w / MM);
        let text = texts_in(items, back);
        assert!(text.contains(&content.call_to_action.as_ref().unwrap().heading.value));
        assert!(text.contains(&content.organisation.website.value));
    }
}

#[test]
fn without_a_call_to_action_the_back_panel_shows_the_contact_details() {
    let (mut content, mut ts) = load();
    content.call_to_action = None;
    for paper in PAPERS {
        let doc = build::layout(&content, LayoutKind::Trifold, paper, &mut ts).expect("fits");
        let back = Panel::Back.rect(paper);
        let items = &doc.pages[0].items;
        assert!(
            !items
                .iter()
                .any(|i| matches!(&i.tag.role, Role::Figure(alt) if alt.starts_with("QR code")))
        );
        let text = texts_in(items, back);
        assert!(text.contains(&content.organisation.name.value));
        assert!(text.contains("Ponhea Leu"));
        assert!(text.contains(&content.organisation.website.value));
    }
}

#[test]
fn the_sections_flow_through_the_inside_panels_in_order() {
    let (content, _) = load();
    for paper in PAPERS {
        let doc = example(paper);
        let inside = &doc.pages[1].items;
        let mut headings: Vec<(usize, i64, String)> = inside
            .iter()
            .filter(|i| i.tag.role == Role::Heading(2))
            .filter_map(|i| match &i.content {
                Content::Text(r) => Some((
                    inside_panel_of(paper, i.pos.x),
                    (i.pos.y * 100.0) as i64,
                    r.text.clone(),
                )),
                _ => None,
            })
            .collect();
        headings.sort();
        let order: Vec<&str> = headings.iter().map(|h| h.2.as_str()).collect();
        let sections: Vec<&str> = content
            .sections
            .iter()
            .map(|s| s.heading.value.as_str())
            .collect();
        assert_eq!(order, sections, "{paper:?}");
        assert_eq!(headings[0].0, 0, "the first section opens the left panel");
        let panels_with_body: BTreeSet<usize> = inside
            .iter()
            .filter(|i| is_body_line(i))
            .map(|i| inside_panel_of(paper, i.pos.x))
            .collect();
        assert_eq!(
            panels_with_body.len(),
            3,
            "{paper:?}: the text reaches all three panels"
        );
        // Photos in the flow fill a panel's text width.
        for item in inside {
            if let Content::Image(img) = &item.content {
                let k = inside_panel_of(paper, img.frame.x);
                let area = [Panel::InsideLeft, Panel::InsideMiddle, Panel::InsideRight][k]
                    .text_area(paper);
                assert!(area.contains(&img.frame, 0.01));
                assert!((img.frame.w - area.w).abs() < 0.01);
            }
        }
        // Outline: the section headings on the inside page.
        for s in &sections {
            assert!(
                doc.info.outline.iter().any(|(t, p, _)| t == s && *p == 1),
                "{s} in the outline"
            );
        }
        assert_eq!(doc.info.lang, "en");
        assert!(doc.info.title.contains(&content.organisation.name.value));
    }
}

#[test]
fn body_baselines_sit_on_one_grid_per_panel() {
    for paper in PAPERS {
        let doc = example(paper);
        let mut per_panel: [Vec<f32>; 3] = Default::default();
        for item in doc.pages[1].items.iter().filter(|i| is_body_line(i)) {
            per_panel[inside_panel_of(paper, item.pos.x)].push(item.pos.y);
        }
        let first = per_panel[0][0];
        for ys in &mut per_panel {
            ys.sort_by(f32::total_cmp);
            ys.dedup();
            assert!(ys.len() > 10);
            for y in ys.iter() {
                let steps = (y - first) / body_leading(&doc.pages[1].items);
                assert!(
                    (steps - steps.round()).abs() < 0.01,
                    "{paper:?}: baseline {y} is off the grid"
                );
            }
        }
    }
}

#[test]
fn headings_are_followed_by_two_body_lines_in_their_panel() {
    for paper in PAPERS {
        let doc = example(paper);
        let inside = &doc.pages[1].items;
        let mut headings = 0;
        for h in inside
            .iter()
            .filter(|i| i.tag.role == Role::Heading(2) && is_text(i))
        {
            headings += 1;
            let k = inside_panel_of(paper, h.pos.x);
            let below: BTreeSet<i64> = inside
                .iter()
                .filter(|i| is_body_line(i))
                .filter(|i| inside_panel_of(paper, i.pos.x) == k && i.pos.y > h.pos.y)
                .map(|i| (i.pos.y * 100.0) as i64)
                .collect();
            assert!(
                below.len() >= 2,
                "{paper:?}: heading at {:?} has fewer than two body lines after it",
                h.pos
            );
        }
        assert!(headings >= 2);
    }
}

#[test]
fn headings_keep_with_their_text_when_the_panels_are_packed() {
    // Extra paragraphs shift the second heading towards a panel's foot; whatever
    // the text length, a heading never ends a panel.
    let (base, mut ts) = load();
    for extra in 0..6 {
        let mut content = base.clone();
        let p = content.sections[0].paragraphs[1].clone();
        for _ in 0..extra {
            content.sections[0].paragraphs.push(p.clone());
        }
        let Ok(doc) = build::layout(&content, LayoutKind::Trifold, Paper::A4, &mut ts) else {
            continue;
        };
        let inside = &doc.pages[1].items;
        for h in inside
            .iter()
            .filter(|i| i.tag.role == Role::Heading(2) && is_text(i))
        {
            let k = inside_panel_of(Paper::A4, h.pos.x);
            let below = inside
                .iter()
                .filter(|i| is_body_line(i))
                .filter(|i| inside_panel_of(Paper::A4, i.pos.x) == k && i.pos.y > h.pos.y)
                .map(|i| (i.pos.y * 100.0) as i64)
                .collect::<BTreeSet<_>>();
            assert!(below.len() >= 2, "{extra} extra: heading at {:?}", h.pos);
        }
    }
}

/// The example with section `s`'s paragraphs repeated `times` more times.
fn padded(s: usize, times: usize) -> (Model, Typesetter) {
    let (mut content, ts) = load();
    let extra = content.sections[s].paragraphs.clone();
    for _ in 0..times {
        content.sections[s].paragraphs.extend(extra.iter().cloned());
    }
    (content, ts)
}

#[test]
fn too_much_text_is_an_overflow_error_naming_the_section() {
    for (s, name) in [(1, "Pediatric Cancer Treatment"), (0, "Mission & History")] {
        for paper in PAPERS {
            let (mut content, mut ts) = padded(s, 3);
            if s == 0 {
                // Only the first section is too long: the second goes.
                content.sections.truncate(1);
            }
            let err = build::layout(&content, LayoutKind::Trifold, paper, &mut ts).unwrap_err();
            assert_eq!(err.exit_code(), 2);
            let brochure::Error::Input(d) = err else {
                panic!("an input error")
            };
            assert_eq!(d.len(), 1, "only the inside overflows: {d:?}");
            let m = &d[0].message;
            assert!(m.contains(name), "{m}");
            assert!(m.contains("lines") && m.contains("mm"), "{m}");
            assert!(d[0].span.as_ref().is_some_and(|sp| sp.line > 0));
            let help = d[0].help.as_deref().unwrap_or_default();
            assert!(help.contains("three inside panels are full"), "{help}");
            assert!(help.contains("left inside panel") && help.contains("right inside panel"));
        }
    }
}

#[test]
fn an_overfull_flap_is_an_error_naming_the_flap() {
    let (mut content, mut ts) = load();
    for f in &mut content.key_figures {
        f.label.value = f.label.value.repeat(6);
    }
    let err = build::layout(&content, LayoutKind::Trifold, Paper::A4, &mut ts).unwrap_err();
    let brochure::Error::Input(d) = err else {
        panic!("an input error")
    };
    assert!(
        d.iter()
            .any(|d| d.message.contains("inside flap") && d.message.contains("mm")),
        "{d:?}"
    );
}

#[test]
fn an_overfull_back_panel_is_an_error_naming_it() {
    let (mut content, mut ts) = load();
    let cta = content.call_to_action.as_mut().unwrap();
    let p = cta.paragraphs.clone();
    for _ in 0..4 {
        cta.paragraphs.extend(p.iter().cloned());
    }
    let err = build::layout(&content, LayoutKind::Trifold, Paper::A4, &mut ts).unwrap_err();
    let brochure::Error::Input(d) = err else {
        panic!("an input error")
    };
    assert!(
        d.iter()
            .any(|d| d.message.contains("back panel") && d.message.contains("mm")),
        "{d:?}"
    );
}

#[test]
fn no_single_line_widows_or_orphans_in_the_panels() {
    for paper in PAPERS {
        let doc = example(paper);
        let inside = &doc.pages[1];
        // Distinct body lines of each paragraph piece per panel.
        let mut pieces: std::collections::BTreeMap<(usize, u32), std::collections::BTreeSet<i64>> =
            Default::default();
        let mut whole: std::collections::BTreeMap<u32, std::collections::BTreeSet<(usize, i64)>> =
            Default::default();
        for item in inside.items.iter().filter(|i| is_body_line(i)) {
            let panel = inside_panel_of(paper, item.pos.x);
            let y = (item.pos.y * 10.0) as i64;
            pieces.entry((panel, item.tag.group)).or_default().insert(y);
            whole.entry(item.tag.group).or_default().insert((panel, y));
        }
        assert!(!pieces.is_empty());
        for ((panel, group), lines) in &pieces {
            assert!(
                lines.len() >= 2 || whole[group].len() == 1,
                "{paper:?}: panel {panel} has a single line of paragraph {group}"
            );
        }
    }
}
