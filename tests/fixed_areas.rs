//! Fixed areas never overflow silently: each field that sits in a box of fixed size
//! (title band, captions, quote, call to action, contact, footer) is made far too
//! long, and every layout on every paper must either still lay it out cleanly
//! (nothing overlapping, nothing off the page) or fail naming that field.

mod common;

use brochure::build::{self, LayoutKind};
use brochure::content::model::{Content, Sp};
use brochure::diag::Error;
use brochure::layout::Paper;
use brochure::layout::frame::{Content as C, Document};

fn words(n: usize) -> String {
    (0..n)
        .map(|i| ["grant", "clinic", "village", "families", "support"][i % 5])
        .collect::<Vec<_>>()
        .join(" ")
}

type Edit = fn(&mut Content);

/// Each long field with the path its error must name.
fn edits() -> Vec<(&'static str, Edit)> {
    fn set(field: &mut Sp<String>, text: String) {
        field.value = text;
    }
    vec![
        ("title", |c| set(&mut c.title, words(40))),
        ("organisation.name", |c| {
            set(&mut c.organisation.name, words(30))
        }),
        ("organisation.tagline", |c| {
            set(&mut c.organisation.tagline, words(80))
        }),
        ("organisation.contact", |c| {
            set(&mut c.organisation.contact, words(90))
        }),
        ("photos[0].caption", |c| {
            set(&mut c.photos[0].caption, words(150))
        }),
        ("photos[0].credit", |c| {
            set(&mut c.photos[0].credit, words(120))
        }),
        ("quote.text", |c| {
            if let Some(q) = &mut c.quote {
                set(&mut q.text, words(300));
            }
        }),
        ("call_to_action.heading", |c| {
            if let Some(a) = &mut c.call_to_action {
                set(&mut a.heading, words(40));
            }
        }),
        ("call_to_action.details", |c| {
            if let Some(a) = &mut c.call_to_action {
                let d = a.details[0].clone();
                a.details = (0..500).map(|_| d.clone()).collect();
            }
        }),
        ("key_figures[0].label", |c| {
            set(&mut c.key_figures[0].label, words(120))
        }),
        ("letter.greeting", |c| {
            if let Some(l) = &mut c.letter {
                set(&mut l.greeting, words(900));
            }
        }),
        ("letter.name", |c| {
            if let Some(l) = &mut c.letter {
                set(&mut l.name, words(900));
            }
        }),
        ("letter.body", |c| {
            if let Some(l) = &mut c.letter {
                let p = l.paragraphs[0].clone();
                l.paragraphs = (0..40).map(|_| p.clone()).collect();
            }
        }),
    ]
}

/// Problems in a document that built: overlaps and items off the page.
fn damage(doc: &Document) -> Vec<String> {
    let mut out = Vec::new();
    for (p, page) in doc.pages.iter().enumerate() {
        out.extend(
            common::overlaps_over_bands(page)
                .into_iter()
                .map(|o| format!("page {}: {o}", p + 1)),
        );
        for item in &page.items {
            if matches!(item.content, C::Link { .. }) {
                continue;
            }
            let r = item.bounds();
            if !page.trim().contains(&r, page.bleed + 0.05) {
                out.push(format!(
                    "page {}: {:?} off the page at {r:?}",
                    p + 1,
                    item.tag
                ));
            }
        }
    }
    out
}

#[test]
fn a_field_too_long_for_its_box_is_an_error_naming_it() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/content/japan-heart-cambodia.yaml"
    );
    let (original, mut ts) = build::load(path.as_ref()).expect("example loads");
    let mut failures = Vec::new();
    for (field, edit) in edits() {
        let mut content = original.clone();
        edit(&mut content);
        for kind in LayoutKind::ALL {
            for paper in [Paper::A4, Paper::Letter] {
                let what = format!("{field} in the {} on {}", kind.title(), paper.name());
                match build::layout(&content, kind, paper, &mut ts) {
                    Ok(doc) => {
                        let d = damage(&doc);
                        if !d.is_empty() {
                            failures.push(format!(
                                "{what}: built with {} problems, first {}",
                                d.len(),
                                d[0]
                            ));
                        }
                    }
                    Err(Error::Input(ds)) => {
                        let named = ds.iter().any(|d| {
                            d.span.as_ref().is_some_and(|s| {
                                s.path.starts_with(field.split('[').next().unwrap_or(field))
                            }) || d.message.contains(field)
                        });
                        if !named {
                            let m: Vec<String> = ds.iter().map(|d| d.message.clone()).collect();
                            failures
                                .push(format!("{what}: the error does not name the field: {m:?}"));
                        }
                    }
                    Err(e) => failures.push(format!("{what}: {e}")),
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} problems:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
