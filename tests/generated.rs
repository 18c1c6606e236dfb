//! Generated content: organisations of random length, photo count and aspect, built in
//! every layout on every paper. Each must build with every property the corpus checks
//! (see `corpus.rs`), or fail with messages that point at a field and say how to fix it.
//!
//! The cases come from a fixed seed, so a run is repeatable; `BROCHURE_CASES` raises
//! their number for a longer search outside CI.

mod common;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use brochure::build::{self, LayoutKind};
use brochure::layout::Paper;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestRng, TestRunner};

/// Photos of every shape: landscape, panorama, portrait, square, gray, with alpha.
const PHOTOS: &[&str] = &[
    "paint-brushes.jpg",
    "dandelions-seeding-5312x2988.jpg",
    "astronaut-eileen-collins.png",
    "dogs-at-window-exif-orientation-6.jpg",
    "cameraman-grayscale.png",
    "mountains-picos-de-europa-cmyk.jpg",
    "retina-fundus.jpg",
    "cat-chelsea-rgba-cutout.png",
];

const WORDS: &[&str] = &[
    "the",
    "children",
    "families",
    "village",
    "clinic",
    "nurses",
    "doctors",
    "school",
    "water",
    "every",
    "month",
    "we",
    "visit",
    "and",
    "treat",
    "train",
    "local",
    "staff",
    "with",
    "support",
    "from",
    "donors",
    "who",
    "believe",
    "that",
    "care",
    "should",
    "reach",
    "everyone",
    "wherever",
    "they",
    "live",
    "our",
    "team",
    "travels",
    "by",
    "boat",
    "road",
    "mountain",
    "paths",
    "to",
    "bring",
    "medicine",
    "books",
    "food",
    "shelter",
    "hope",
    "communities",
    "programme",
    "volunteers",
    "operations",
    "treatment",
    "education",
    "partners",
    "government",
    "hospital",
    "district",
    "year",
    "since",
    "founded",
    "mothers",
    "babies",
    "vaccinations",
    "screening",
    "patients",
    "surgery",
    "recovery",
    "follow-up",
    "transport",
    "accommodation",
    "counselling",
    "independent",
    "sustainable",
    "responsibility",
    "international",
    "well-being",
];

/// One generated organisation.
#[derive(Debug, Clone)]
struct Org {
    name_words: usize,
    sections: Vec<Vec<Para>>,
    figures: usize,
    photos: Vec<usize>,
    quote: bool,
    chart_bars: Option<usize>,
    cta: bool,
    /// The letter's paragraphs, in words, if it has one.
    letter: Option<Vec<usize>>,
    seed: u64,
}

#[derive(Debug, Clone)]
enum Para {
    Text(usize),
    List(usize),
}

fn para() -> impl Strategy<Value = Para> {
    prop_oneof![
        6 => (12usize..140).prop_map(Para::Text),
        1 => (2usize..6).prop_map(Para::List),
    ]
}

fn org() -> impl Strategy<Value = Org> {
    (
        1usize..6,
        prop::collection::vec(prop::collection::vec(para(), 1..5), 1..6),
        3usize..=8,
        prop::collection::vec(0..PHOTOS.len(), 1..=8),
        any::<bool>(),
        prop::option::of(2usize..=12),
        any::<bool>(),
        prop::option::of(prop::collection::vec(15usize..110, 1..7)),
        any::<u64>(),
    )
        .prop_map(
            |(name_words, sections, figures, photos, quote, chart_bars, cta, letter, seed)| Org {
                name_words,
                sections,
                figures,
                photos,
                quote,
                chart_bars,
                cta,
                letter,
                seed,
            },
        )
}

/// Words drawn from `seed`: the same organisation always reads the same.
struct Words(u64);

impl Words {
    fn next(&mut self) -> &'static str {
        // xorshift: enough to vary the text, and repeatable.
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        WORDS[(self.0 % WORDS.len() as u64) as usize]
    }
    fn sentence(&mut self, n: usize) -> String {
        let mut s = String::new();
        for i in 0..n {
            if i > 0 {
                s.push(' ');
            }
            s.push_str(self.next());
            if i + 1 < n && i % 11 == 10 {
                s.push(',');
            }
        }
        let mut c = s.chars();
        let first = c.next().map(|f| f.to_uppercase().collect::<String>());
        format!("{}{}.", first.unwrap_or_default(), c.as_str())
    }
    fn title(&mut self, n: usize) -> String {
        let s = self.sentence(n);
        s.trim_end_matches('.').to_string()
    }
}

/// The content file for `org`, with photos from `assets/photos`.
fn yaml(org: &Org, assets: &Path) -> String {
    let mut w = Words(org.seed | 1);
    let mut y = String::new();
    let name = w.title(org.name_words);
    writeln!(y, "title: {}", w.title(3)).unwrap();
    writeln!(
        y,
        "organisation:\n  name: {name}\n  tagline: {}",
        w.sentence(8)
    )
    .unwrap();
    y.push_str("  website: https://generated.example.org\n");
    writeln!(
        y,
        "  contact: {name}, 1 Main Road\n  brand_color: \"#2d6a4f\""
    )
    .unwrap();
    y.push_str("key_figures:\n");
    for i in 0..org.figures {
        writeln!(
            y,
            "  - value: \"{}\"\n    label: {}",
            10 + i * 37,
            w.sentence(4)
        )
        .unwrap();
        y.push_str("    source: Annual report 2025\n");
    }
    y.push_str("sections:\n");
    for (k, paras) in org.sections.iter().enumerate() {
        writeln!(
            y,
            "  - heading: Section {} {}\n    body: |",
            k + 1,
            w.title(2)
        )
        .unwrap();
        for (j, p) in paras.iter().enumerate() {
            if j > 0 {
                y.push('\n');
            }
            match p {
                Para::Text(n) => {
                    let mut text = String::new();
                    let mut left = *n;
                    while left > 0 {
                        let len = left.min(9 + left % 7);
                        text.push_str(&w.sentence(len));
                        text.push(' ');
                        left -= len;
                    }
                    writeln!(y, "      {}", text.trim_end()).unwrap();
                }
                Para::List(n) => {
                    for _ in 0..*n {
                        writeln!(y, "      - {}", w.sentence(6)).unwrap();
                    }
                }
            }
        }
    }
    y.push_str("photos:\n");
    for (i, p) in org.photos.iter().enumerate() {
        let file = assets.join(PHOTOS[*p]);
        writeln!(y, "  - file: {}", file.display()).unwrap();
        writeln!(
            y,
            "    caption: {}\n    credit: Photo {i}, CC0",
            w.sentence(7)
        )
        .unwrap();
        writeln!(y, "    alt: {}", w.sentence(5)).unwrap();
    }
    if org.quote {
        writeln!(
            y,
            "quote:\n  text: {}\n  attribution: A parent",
            w.sentence(18)
        )
        .unwrap();
    }
    if let Some(bars) = org.chart_bars {
        y.push_str("chart:\n  title: Patients a year\n  source: Our records\n  bars:\n");
        for b in 0..bars {
            writeln!(
                y,
                "    - label: \"{}\"\n      value: {}",
                2014 + b,
                120 + b * 85
            )
            .unwrap();
        }
    }
    if org.cta {
        writeln!(
            y,
            "call_to_action:\n  heading: Help us\n  body: {}",
            w.sentence(25)
        )
        .unwrap();
        y.push_str("  donate_url: https://generated.example.org/give\n");
    }
    if let Some(paragraphs) = &org.letter {
        y.push_str("letter:\n  greeting: Dear friend,\n  body: |\n");
        for (k, n) in paragraphs.iter().enumerate() {
            if k > 0 {
                y.push('\n');
            }
            writeln!(y, "    {}", w.sentence(*n)).unwrap();
        }
        writeln!(y, "  sign_off: With thanks,\n  name: {}", w.title(2)).unwrap();
    }
    y
}

/// Every problem with one build of `org` on `paper`: a document must have the
/// corpus's properties, an error must point at a field and say what to do.
fn check(file: &Path, kind: LayoutKind, paper: Paper) -> Result<(), TestCaseError> {
    let (content, mut ts) = match build::load(file) {
        Ok(loaded) => loaded,
        Err(e) => return Err(TestCaseError::fail(format!("does not load: {e:?}"))),
    };
    match build::layout(&content, kind, paper, &mut ts) {
        Ok(doc) => {
            let problems = common::document_problems(&doc, &content, kind, true);
            prop_assert!(
                problems.is_empty(),
                "{}: {}",
                kind.title(),
                problems.join("; ")
            );
        }
        Err(brochure::diag::Error::Input(ds)) => {
            for d in &ds {
                prop_assert!(
                    d.span.is_some() && d.help.is_some(),
                    "{} {}: an error without a field or a fix: {}",
                    kind.title(),
                    paper.name(),
                    d.message
                );
            }
        }
        Err(e) => prop_assert!(false, "{} {}: {e:?}", kind.title(), paper.name()),
    }
    Ok(())
}

#[test]
fn generated_organisations_build_or_say_why() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let assets = root.join("assets/photos");
    let dir: PathBuf = std::env::temp_dir().join(format!("brochure-gen-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let cases = std::env::var("BROCHURE_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(6);
    let config = Config {
        cases,
        // Each case is six documents; shrinking a failure a few steps is enough to
        // make it readable.
        max_shrink_iters: 8,
        failure_persistence: None,
        ..Config::default()
    };
    let rng = TestRng::deterministic_rng(RngAlgorithm::ChaCha);
    let mut runner = TestRunner::new_with_rng(config, rng);
    let file = dir.join("content.yaml");
    let result = runner.run(&org(), |org| {
        std::fs::write(&file, yaml(&org, &assets)).unwrap();
        for kind in LayoutKind::ALL {
            for paper in [Paper::A4, Paper::Letter] {
                if kind == LayoutKind::DonorLetter && org.letter.is_none() {
                    continue;
                }
                check(&file, kind, paper)?;
            }
        }
        Ok(())
    });
    let _ = std::fs::remove_dir_all(&dir);
    if let Err(e) = result {
        panic!("{e}");
    }
}
