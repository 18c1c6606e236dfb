//! The donor letter, asserted on its Frame: one page, the letter in its column from the
//! greeting down to the signature, the side column beside it, nothing over anything.

mod common;

use std::path::Path;

use brochure::build::{self, LayoutKind};
use brochure::layout::Paper;
use brochure::layout::frame::{Content, Document, Item, Role};

fn letter(file: &str, paper: Paper) -> (Document, brochure::content::model::Content) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
    let (content, mut ts) = build::load(&path).expect("loads");
    let doc = build::layout(&content, LayoutKind::DonorLetter, paper, &mut ts).expect("builds");
    (doc, content)
}

/// The first text item whose run starts with `start`.
fn line<'a>(doc: &'a Document, start: &str) -> &'a Item {
    doc.pages[0]
        .items
        .iter()
        .find(|i| matches!(&i.content, Content::Text(r) if r.text.starts_with(start)))
        .unwrap_or_else(|| panic!("no line starts with {start:?}"))
}

#[test]
fn the_letter_reads_from_greeting_to_signature_in_its_column() {
    for paper in [Paper::A4, Paper::Letter] {
        let (doc, _) = letter("tests/corpus/long-clinic.yaml", paper);
        assert_eq!(doc.pages.len(), 1);
        let page = &doc.pages[0];
        let column = page.regions[0];
        let date = line(&doc, "14 November 2026");
        let greeting = line(&doc, "Dear Mrs Okafor,");
        let sign_off = line(&doc, "With my thanks");
        let name = line(&doc, "Dr Nima Sherpa");
        let role = line(&doc, "Medical Director");
        assert!(date.pos.y < greeting.pos.y && greeting.pos.y < sign_off.pos.y);
        // The date stands flush right in the letter's column.
        assert!(
            (date.bounds().right() - column.right()).abs() < 1.0,
            "{:?}",
            date.bounds()
        );
        // Room for a handwritten signature: at least two blank lines.
        let lead = name.pos.y - sign_off.pos.y;
        let size = match &sign_off.content {
            Content::Text(r) => r.size,
            _ => unreachable!(),
        };
        assert!(
            lead > 3.0 * size * 1.3,
            "only {lead} pt from sign-off to name"
        );
        assert!(
            page.items
                .iter()
                .any(|i| matches!(i.content, Content::Space { h, .. } if h > 2.0 * size)),
            "the signature's room is kept in the frame"
        );
        assert!(role.pos.y > name.pos.y);
        // The letter's lines stay in its column; the side column's items stay right of it.
        for item in &page.items {
            let b = item.bounds();
            if let Content::Text(_) = item.content
                && b.y > column.y
                && b.x < column.right()
            {
                assert!(
                    b.right() <= column.right() + 0.5,
                    "{:?} leaves the column",
                    item.tag
                );
            }
        }
        assert!(
            common::overlaps(page).is_empty(),
            "{:?}",
            common::overlaps(page)
        );
        // The call to action's QR code and the photo sit beside the letter.
        let beside = |i: &Item| i.bounds().x > column.right();
        assert!(
            page.items.iter().any(|i| beside(i)
                && matches!(i.tag.role, Role::Figure(ref a) if a.starts_with("QR code")))
        );
        assert!(
            page.items
                .iter()
                .any(|i| beside(i) && matches!(i.content, Content::Image(_)))
        );
    }
}

#[test]
fn the_letterhead_carries_the_logo_and_the_address() {
    let (doc, content) = letter("tests/corpus/tiny-library.yaml", Paper::A4);
    let page = &doc.pages[0];
    let logo = page
        .items
        .iter()
        .find(|i| matches!(i.content, Content::Logo(_)))
        .expect("the logo")
        .bounds();
    let column = page.regions[0];
    assert!(logo.bottom() < column.y, "the logo heads the page");
    let text = common::elements(&doc);
    let o = &content.organisation;
    for field in [&o.name.value, &o.tagline.value, &o.contact.value] {
        let once = text
            .iter()
            .filter(|e| **e == common::normalise(field))
            .count();
        assert_eq!(once, 1, "{field} in {text:?}");
    }
    assert!(
        common::logo_crowding(page).is_empty(),
        "{:?}",
        common::logo_crowding(page)
    );
}

#[test]
fn a_short_letter_is_set_large_and_warned() {
    let (doc, _) = letter("tests/corpus/tiny-library.yaml", Paper::A4);
    let size = match &line(&doc, "Dear").content {
        Content::Text(r) => r.size,
        _ => unreachable!(),
    };
    assert_eq!(size, brochure::layout::letter::TYPE.max);
    assert!(common::warns_short(&doc));
}

#[test]
fn a_long_letter_is_set_smaller_but_not_below_the_floor() {
    let (long, _) = letter("tests/corpus/long-clinic.yaml", Paper::A4);
    let size = match &line(&long, "Dear Mrs Okafor,").content {
        Content::Text(r) => r.size,
        _ => unreachable!(),
    };
    let t = brochure::layout::letter::TYPE;
    assert!(size < t.max && size >= t.min, "{size}");
    assert!(!common::warns_short(&long));
}
