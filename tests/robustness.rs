//! Odd but valid content must never crash a layout: every layout either builds or
//! reports an input problem.

use brochure::build::{self, LayoutKind};
use brochure::layout::Paper;

fn example() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/english-example.yaml"
    ))
    .unwrap()
    .replace(
        "../assets/",
        concat!(env!("CARGO_MANIFEST_DIR"), "/assets/"),
    )
}

/// Lays out `yaml` in every layout and paper; panics only if the program does.
fn survives(name: &str, yaml: &str) {
    let path = std::env::temp_dir().join(format!(
        "brochure-robust-{}-{name}.yaml",
        std::process::id()
    ));
    std::fs::write(&path, yaml).unwrap();
    for kind in LayoutKind::ALL {
        for paper in [Paper::A4, Paper::Letter] {
            match build::load(&path) {
                Ok((content, mut ts)) => match build::layout(&content, kind, paper, &mut ts) {
                    Ok(doc) => {
                        assert!(!doc.pages.is_empty(), "{name}: {kind:?} made no page");
                        brochure::pdf::write(&doc, &ts.fonts).expect("a laid-out document writes");
                    }
                    Err(e) => assert_eq!(e.exit_code(), 2, "{name}: {kind:?}: {e:?}"),
                },
                Err(e) => assert_eq!(e.exit_code(), 2, "{name}: {e:?}"),
            }
        }
    }
    std::fs::remove_file(&path).ok();
}

#[test]
fn japanese_and_khmer_prose() {
    let src = example()
        .replace("lang: en", "lang: ja")
        .replace(
            "Through our experiences with all the patients",
            "カンボジアでは、小児がんの患者は年間約600人と考えられていますが、治療を受けられるのはそのうち200人だけです。Through our experiences with all the patients",
        )
        .replace(
            "We began by renting a small space",
            "មន្ទីរពេទ្យកុមារ ផ្តល់ការព្យាបាលដោយឥតគិតថ្លៃ។ We began by renting a small space",
        );
    survives("cjk", &src);
}

#[test]
fn very_long_words_titles_and_labels() {
    let long = "Pneumonoultramicroscopicsilicovolcanoconiosis".repeat(3);
    let src = example()
        .replace("name: Japan Heart Cambodia", &format!("name: {long}"))
        .replace(
            "title: Caring for children with cancer in Cambodia",
            &format!("title: {long} {long}"),
        )
        .replace(
            "label: doctors believed to have survived the Khmer Rouge",
            &format!("label: {long}"),
        )
        .replace("heading: Mission & History", &format!("heading: {long}"))
        .replace("section: Mission & History", &format!("section: {long}"));
    survives("long", &src);
}

#[test]
fn tiny_content_and_no_optional_blocks() {
    let src = example();
    let cut = src.find("\n# A pull quote").map_or(src.len(), |i| i);
    let mut small = src[..cut].to_string();
    // One short paragraph per section.
    small = small.replace(
        "In Cambodia, the number of patients with pediatric cancer is thought to be around",
        "Short. In Cambodia, the number of patients with pediatric cancer is thought to be around",
    );
    survives("no-extras", &small);
}

#[test]
fn hard_photos_everywhere() {
    let src = example()
        .replace("paint-brushes.jpg", "mountains-picos-de-europa-cmyk.jpg")
        .replace(
            "dandelions-seeding-5312x2988.jpg",
            "cat-chelsea-rgba-cutout.png",
        )
        .replace(
            "dogs-at-window-exif-orientation-6.jpg",
            "cameraman-grayscale.png",
        );
    survives("photos", &src);
}
