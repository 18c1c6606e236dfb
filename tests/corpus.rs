//! Every layout on every paper, for the bundled example and a corpus of contrasting
//! organisations (`tests/corpus/`): what a designer checks by eye, asserted on Frames.
//!
//! For each document: it builds, or fails with a message that names what does not
//! fit; nothing overlaps; nothing leaves the trim; every text column and panel is at
//! least 80 % filled; every paragraph, caption and key figure is printed exactly once;
//! no photo is enlarged below 150 ppi.

mod common;

use std::path::{Path, PathBuf};

use brochure::build::{self, LayoutKind};
use brochure::layout::Paper;
use brochure::layout::frame::Content;

fn corpus() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<PathBuf> = std::fs::read_dir(root.join("tests/corpus"))
        .expect("corpus folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    files.sort();
    files.push(root.join("content/japan-heart-cambodia.yaml"));
    files
}

/// Documents whose text is more than the layout holds: they must fail, naming the
/// section that does not fit.
fn expected_failure(file: &Path, kind: LayoutKind) -> Option<&'static str> {
    let name = file.file_stem()?.to_str()?;
    match (name, kind) {
        ("long-clinic", LayoutKind::Factsheet) => Some("the fact sheet is one page"),
        ("long-clinic", LayoutKind::Trifold) => Some("does not fit in the tri-fold"),
        _ => None,
    }
}

/// Organisations with less text than a layout needs: that layout may leave columns
/// short, and must then say so with a warning. The library has two paragraphs; the
/// shelter's 560 words and two photos fill the fact sheet but only about three
/// quarters of the brochure's and the tri-fold's columns.
fn is_short(file: &Path, kind: LayoutKind) -> bool {
    match file.file_stem().and_then(|s| s.to_str()) {
        Some("tiny-library") => true,
        // A three-paragraph letter leaves the foot of the page blank.
        Some("portrait-shelter") if kind == LayoutKind::DonorLetter => true,
        Some("portrait-shelter") => kind != LayoutKind::Factsheet,
        // 470 words and three photos that cannot grow past 150 ppi: two thirds of the
        // fact sheet's and the tri-fold's columns, with type at its largest.
        Some("small-photos") => kind != LayoutKind::Brochure,
        _ => false,
    }
}

#[test]
fn every_layout_fits_every_organisation() {
    let mut failures = Vec::new();
    let mut built = 0;
    for file in corpus() {
        let (content, mut ts) = build::load(&file).expect("corpus content loads");
        let name = file
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("?")
            .to_string();
        for kind in LayoutKind::ALL {
            for paper in [Paper::A4, Paper::Letter] {
                let what = format!("{name} {} {}", kind.title(), paper.name());
                if !kind.applies_to(&content) {
                    // Asked for all the same, the layout says what the content lacks.
                    match build::layout(&content, kind, paper, &mut ts) {
                        Err(e) if messages(&e).contains("needs a `letter:` group") => {}
                        Err(e) => failures.push(format!("{what}: {}", messages(&e))),
                        Ok(_) => failures.push(format!("{what}: built without a letter")),
                    }
                    continue;
                }
                match (
                    build::layout(&content, kind, paper, &mut ts),
                    expected_failure(&file, kind),
                ) {
                    (Ok(doc), None) => {
                        built += 1;
                        if has_notes_page(&doc) {
                            failures.push(format!("{what}: a blank Notes page"));
                        }
                        failures.extend(
                            common::document_problems(&doc, &content, kind, is_short(&file, kind))
                                .into_iter()
                                .map(|p| format!("{what}: {p}")),
                        );
                    }
                    (Ok(_), Some(want)) => {
                        failures.push(format!("{what}: built, but should fail with {want:?}"))
                    }
                    (Err(e), Some(want)) if messages(&e).contains(want) => {}
                    (Err(e), _) => failures.push(format!("{what}: {}", messages(&e))),
                }
            }
        }
    }
    assert!(built >= 18, "only {built} documents built");
    assert!(
        failures.is_empty(),
        "{} problems:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Whether a page is the ruled "Notes" page a brochure falls back on to keep its page
/// count even: the corpus's content is always distributed over the pages instead.
fn has_notes_page(doc: &brochure::layout::frame::Document) -> bool {
    doc.pages.iter().any(|p| {
        p.items
            .iter()
            .any(|i| matches!(&i.content, Content::Text(r) if r.text == "Notes"))
    })
}

fn messages(e: &brochure::diag::Error) -> String {
    match e {
        brochure::diag::Error::Input(ds) => ds
            .iter()
            .map(|d| d.message.clone())
            .collect::<Vec<_>>()
            .join("; "),
        other => other.to_string(),
    }
}

#[test]
fn list_items_hang_their_markers() {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/long-clinic.yaml");
    let (content, mut ts) = build::load(&file).expect("corpus content loads");
    let doc = build::layout(&content, LayoutKind::Brochure, Paper::A4, &mut ts).expect("builds");
    let mut markers = 0;
    for page in &doc.pages {
        let runs: Vec<(f32, f32, f32, &str)> = page
            .items
            .iter()
            .filter_map(|i| match &i.content {
                Content::Text(r) => Some((i.pos.x, i.pos.y, r.width(), r.text.as_str())),
                _ => None,
            })
            .collect();
        for (k, (x, y, w, t)) in runs.iter().enumerate() {
            if !(*t == "•"
                || (t.ends_with('.')
                    && t.len() <= 3
                    && t.chars().next().is_some_and(|c| c.is_ascii_digit())))
            {
                continue;
            }
            markers += 1;
            // The item's text starts on the marker's baseline, clear of it, and its
            // next line starts at the same indent, not under the marker.
            let (tx, ty, _, _) = runs[k + 1];
            assert!(
                (ty - y).abs() < 0.01 && tx > x + w,
                "{t:?} at {x}: text at {tx}"
            );
            let (nx, ny, _, _) = runs[k + 2];
            if ny > ty && (nx - x).abs() > 1.0 {
                assert!(
                    (nx - tx).abs() < 0.01,
                    "{t:?}: second line at {nx}, first at {tx}"
                );
            }
        }
    }
    assert_eq!(markers, 4 + 5, "four bullets and five numbers");
}
