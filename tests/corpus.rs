//! Every layout on every paper, for the bundled example and a corpus of contrasting
//! organisations (`tests/corpus/`): what a designer checks by eye, asserted on Frames.
//!
//! For each document: it builds, or fails with a message that names what does not
//! fit; nothing overlaps; nothing leaves the trim; every text column and panel is at
//! least 80 % filled; every paragraph, caption and key figure is printed exactly once;
//! no photo is enlarged below 150 ppi.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use brochure::build::{self, LayoutKind};
use brochure::layout::Paper;
use brochure::layout::frame::{Content, Document, Page, Role};
use brochure::layout::measure;

/// Lowest fill a text column or panel may have.
const MIN_FILL: f32 = 0.8;
/// Lowest resolution a layout may enlarge a photo to.
const MIN_PPI: f32 = 150.0;

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

/// The text of every tagged element, lines joined as a reader would: runs on one
/// baseline join directly, a line ending at a hyphenation point joins the next without
/// a space, other lines with one.
fn elements(doc: &Document) -> Vec<String> {
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

fn normalise(t: &str) -> String {
    t.replace('\u{ad}', "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn occurrences(haystack: &[String], needle: &str) -> usize {
    haystack.iter().map(|e| e.matches(needle).count()).sum()
}

/// Organisations with less text than a layout needs: that layout may leave columns
/// short, and must then say so with a warning. The library has two paragraphs; the
/// shelter's 560 words and two photos fill the fact sheet but only about three
/// quarters of the brochure's and the tri-fold's columns.
fn is_short(file: &Path, kind: LayoutKind) -> bool {
    match file.file_stem().and_then(|s| s.to_str()) {
        Some("tiny-library") => true,
        Some("portrait-shelter") => kind != LayoutKind::Factsheet,
        _ => false,
    }
}

fn warns_short(doc: &Document) -> bool {
    doc.warnings
        .iter()
        .any(|w| w.message.contains("the text is short"))
}

/// Every problem a designer would see in one document.
fn problems(
    doc: &Document,
    content: &brochure::content::model::Content,
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
            common::overlaps_over_bands(page)
                .into_iter()
                .map(|o| format!("page {}: overlap {o}", p + 1)),
        );
        out.extend(
            common::logo_crowding(page)
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
    let mut once: Vec<String> = content
        .sections
        .iter()
        .flat_map(|s| s.paragraphs.iter().map(|p| normalise(&p.plain_text())))
        .collect();
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
fn outside_trim(page: &Page) -> Vec<String> {
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
                match (
                    build::layout(&content, kind, paper, &mut ts),
                    expected_failure(&file, kind),
                ) {
                    (Ok(doc), None) => {
                        built += 1;
                        failures.extend(
                            problems(&doc, &content, is_short(&file, kind))
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
