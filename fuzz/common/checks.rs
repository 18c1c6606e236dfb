//! What each fuzz target checks, shared with `tests/fuzz_regressions.rs` so that a
//! saved finding is replayed through exactly the calls that found it.
//!
//! Every check panics on a finding: a panic in the library, an error that is not an
//! input error (exit code 2), or a broken promise listed at the check. Returning
//! means the input was handled correctly, whether it was accepted or rejected.

#![allow(dead_code)]

use std::path::Path;
use std::sync::Arc;

use brochure::build::{BuildOptions, LayoutKind, build};
use brochure::image::{self, PhotoCache, Placement, PreparedImage};
use brochure::layout::Paper;
use brochure::layout::frame::{
    Content, DocInfo, Document, ImageItem, Item, Page, Point, Rect, Role, Tag,
};
use brochure::text::FontBook;

/// With `BROCHURE_FUZZ_VERBOSE` set, says what became of an input (for checking
/// that seeds reach as far as they should).
fn tell(what: &str, result: &dyn std::fmt::Debug) {
    if std::env::var_os("BROCHURE_FUZZ_VERBOSE").is_some() {
        eprintln!("{what}: {result:?}");
    }
}

/// Content target: `data`, if UTF-8, parsed as a content file at `path`.
pub fn content(data: &[u8], path: &Path) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let result = brochure::content::parse(text, path);
    tell("content", &result.as_ref().map(|_| ()));
    if let Err(e) = result {
        assert_eq!(
            e.exit_code(),
            2,
            "content::parse gave a non-input error: {e}"
        );
    }
}

/// Sizes the layouts print photos at: a full A4 cover, a column figure, a thumbnail.
pub const PLACEMENTS: [(f32, f32); 3] = [(595.0, 842.0), (240.0, 160.0), (20.0, 30.0)];

/// Photo target: `data` written to `path`, probed, prepared at each of
/// [`PLACEMENTS`], and (if `write`) each prepared photo written to a one-page PDF.
/// Also a finding: `prepare` accepting a photo that `probe` rejected.
pub fn photo(data: &[u8], path: &Path, fonts: &FontBook, write: bool) {
    std::fs::write(path, data).expect("write the photo");
    let probed = image::probe(path);
    for (w, h) in PLACEMENTS {
        let placement = Placement {
            width_pt: w,
            height_pt: h,
            max_ppi: 300.0,
        };
        let prepared = image::prepare(path, Some(placement));
        tell("prepare", &prepared.as_ref().map(|i| (i.width, i.height)));
        let Ok(img) = prepared else {
            continue;
        };
        assert!(
            probed.is_ok(),
            "prepare accepted a photo that probe rejected: {probed:?}"
        );
        if !write {
            continue;
        }
        if img.is_cmyk() {
            // What output without device CMYK does; an image error is a fine answer.
            let _ = img.without_cmyk();
        }
        let written = brochure::pdf::write(&one_page(img, w, h), fonts);
        tell("pdf", &written.as_ref().map(Vec::len));
        if let Err(e) = written {
            // Only the photo can be at fault, and then it must say so as an input
            // error; anything else is a bug in preparing or writing.
            assert_eq!(
                e.exit_code(),
                2,
                "the PDF writer failed on a prepared photo: {e}"
            );
        }
    }
}

/// One A4 page showing `img` as a figure in a frame of about `w` × `h` points.
fn one_page(img: PreparedImage, w: f32, h: f32) -> Document {
    let frame = Rect::new(36.0, 36.0, w.min(523.0), h.min(770.0));
    Document {
        pages: vec![Page {
            width: 595.0,
            height: 842.0,
            bleed: 0.0,
            margins: Rect::new(36.0, 36.0, 523.0, 770.0),
            items: vec![Item {
                pos: Point {
                    x: frame.x,
                    y: frame.y,
                },
                content: Content::Image(ImageItem {
                    image: Arc::new(img),
                    frame,
                    image_rect: frame,
                }),
                tag: Tag {
                    role: Role::Figure("a photo".into()),
                    group: 1,
                },
            }],
            regions: Vec::new(),
        }],
        info: DocInfo {
            title: "photo".into(),
            lang: "en".into(),
            created: Some(0),
            ..DocInfo::default()
        },
        warnings: Vec::new(),
    }
}

/// The example content; template mode edits a copy of it.
const EXAMPLE: &str = include_str!("../../content/japan-heart-cambodia.yaml");

/// Values of the example that template mode may replace, by slot number, and whether
/// every occurrence is replaced (else the first only).
pub const SLOTS: &[(&str, bool)] = &[
    ("Caring for children with cancer in Cambodia", false),
    ("Japan Heart Cambodia\n", false),
    (
        "Equal access to medical care for every child, wherever they are born.",
        false,
    ),
    ("https://www.japanheart.org", false),
    ("\"#c8102e\"", false),
    ("\"~600\"", false),
    ("Mission & History\n", true),
    ("Pediatric Cancer Treatment\n", true),
    ("[0.5, 0.45]", false),
    ("Waiting, watching, hoping.", false),
    ("value: 80", false),
    ("lang: en", false),
    ("placement: cover", false),
    ("How you can help", false),
    ("of the people involved.", false),
    ("Through our experiences with all the patients", false),
    ("unit: \"%\"", false),
    ("placement: auto", false),
];

/// One build to try; the format is described in `fuzz/README.md`.
#[derive(Debug)]
pub struct Case<'a> {
    pub layout: LayoutKind,
    pub paper: Paper,
    pub content: ContentText<'a>,
    pub photo: &'a [u8],
    pub font: Option<&'a [u8]>,
}

/// Where the content file's text comes from.
#[derive(Debug)]
pub enum ContentText<'a> {
    /// The example, photo paths pointing at the fuzzed photo, with some values
    /// replaced: `slot byte, text, NUL`, repeated.
    Template(&'a [u8]),
    /// The whole content file (used if UTF-8).
    Raw(&'a [u8]),
}

/// A length-prefixed part: u32 little-endian length, then that many bytes (what is
/// left, if fewer).
fn part<'a>(data: &mut &'a [u8]) -> &'a [u8] {
    let mut len = [0u8; 4];
    let n = data.len().min(4);
    len[..n].copy_from_slice(&data[..n]);
    *data = &data[n..];
    let len = (u32::from_le_bytes(len) as usize).min(data.len());
    let (part, rest) = data.split_at(len);
    *data = rest;
    part
}

impl<'a> Case<'a> {
    /// Reads a case; every input is some case.
    pub fn read(mut data: &'a [u8]) -> Case<'a> {
        let byte = |data: &mut &'a [u8]| {
            let (b, rest) = data.split_first().map_or((0, &[][..]), |(b, r)| (*b, r));
            *data = rest;
            b
        };
        let layout = LayoutKind::ALL[usize::from(byte(&mut data)) % 3];
        let flags = byte(&mut data);
        let paper = if flags & 1 == 0 {
            Paper::A4
        } else {
            Paper::Letter
        };
        let text = part(&mut data);
        let content = if flags & 2 == 0 {
            ContentText::Template(text)
        } else {
            ContentText::Raw(text)
        };
        let photo = part(&mut data);
        let font = (flags & 4 != 0).then(|| part(&mut data));
        Case {
            layout,
            paper,
            content,
            photo,
            font,
        }
    }

    /// The content file's text, or `None` for text that is not UTF-8.
    pub fn content_text(&self) -> Option<String> {
        match self.content {
            ContentText::Raw(bytes) => std::str::from_utf8(bytes).ok().map(str::to_owned),
            ContentText::Template(edits) => {
                let mut text = EXAMPLE
                    .replace("../assets/photos/paint-brushes.jpg", "photo.jpg")
                    .replace(
                        "../assets/photos/dandelions-seeding-5312x2988.jpg",
                        "photo.jpg",
                    )
                    .replace(
                        "../assets/photos/dogs-at-window-exif-orientation-6.jpg",
                        "photo.jpg",
                    );
                for edit in edits.split(|b| *b == 0).filter(|e| !e.is_empty()) {
                    let (&slot, value) = edit.split_first()?;
                    let value = std::str::from_utf8(value).ok()?;
                    let (needle, all) = SLOTS[usize::from(slot) % SLOTS.len()];
                    // Keep the line break a value ends with, so the next key stays put.
                    let value = if needle.ends_with('\n') {
                        format!("{value}\n")
                    } else {
                        value.to_owned()
                    };
                    text = if all {
                        text.replace(needle, &value)
                    } else {
                        text.replacen(needle, &value, 1)
                    };
                }
                if self.font.is_some() {
                    text.push_str("\nfonts:\n  - font.ttf\n");
                }
                Some(text)
            }
        }
    }
}

/// Files a case writes into its folder, besides the output.
const INPUTS: [&str; 3] = ["content.yaml", "photo.jpg", "font.ttf"];

/// Pipeline target: the case's files written into `dir` (emptied first), then built.
/// Also findings: a failed build leaving a file at the output path, a successful one
/// whose file differs in size from its report, and any other file left in `dir`.
pub fn pipeline(case: &Case, dir: &Path) {
    let Some(text) = case.content_text() else {
        return;
    };
    std::fs::create_dir_all(dir).expect("create the case folder");
    for entry in std::fs::read_dir(dir)
        .expect("list the case folder")
        .flatten()
    {
        let _ = std::fs::remove_file(entry.path());
    }
    // The same paths get new bytes, possibly within one tick of the file clock.
    PhotoCache::global().clear();
    let content = dir.join("content.yaml");
    std::fs::write(&content, text).expect("write content");
    std::fs::write(dir.join("photo.jpg"), case.photo).expect("write photo");
    if let Some(font) = case.font {
        std::fs::write(dir.join("font.ttf"), font).expect("write font");
    }
    let output = dir.join("out.pdf");
    let result = build(&BuildOptions {
        content,
        layout: case.layout,
        paper: case.paper,
        output: output.clone(),
        lang: None,
        created: Some(0),
    });
    tell("build", &result);
    match result {
        Ok(report) => {
            let len = std::fs::metadata(&output)
                .expect("the PDF exists after a build")
                .len();
            assert_eq!(
                len as usize, report.bytes,
                "the PDF on disk is not the one reported"
            );
        }
        Err(e) => {
            assert_eq!(
                e.exit_code(),
                2,
                "the build failed with a non-input error: {e}"
            );
            assert!(
                !output.exists(),
                "a failed build left a file at the output path"
            );
        }
    }
    for entry in std::fs::read_dir(dir)
        .expect("list the case folder")
        .flatten()
    {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        assert!(
            INPUTS.contains(&name.as_ref()) || name == "out.pdf",
            "the build left {name} behind in the output folder"
        );
    }
}
