//! One content file, several languages: translated fields, the edition picked, the
//! fallback to the default language and what `check` says about it, and the mistakes a
//! translator can make.

use std::path::{Path, PathBuf};

use brochure::content::{self, Content};
use brochure::{Diagnostic, Error};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A path next to the example, so relative photo paths resolve.
fn test_path() -> PathBuf {
    root().join("content/test.yaml")
}

fn example() -> String {
    std::fs::read_to_string(root().join("tests/fixtures/english-example.yaml")).expect("example")
}

/// The example with `from` replaced by `to` (which must be there).
fn edited(src: &str, from: &str, to: &str) -> String {
    assert!(src.contains(from), "example no longer contains {from:?}");
    src.replacen(from, to, 1)
}

/// An English-only example with a translated title and one translated key figure.
fn two_languages() -> String {
    let src = example();
    let title = src
        .lines()
        .find(|l| l.starts_with("title:"))
        .expect("title line")
        .to_string();
    let src = edited(
        &src,
        &title,
        "title:\n  en: Caring for children\n  ja: 子どもたちの医療\n  km: ការថែទាំកុមារ",
    );
    let label = src
        .lines()
        .find(|l| l.trim_start().starts_with("label:"))
        .expect("a label")
        .to_string();
    edited(
        &src,
        &label,
        "    label:\n      en: children treated\n      ja: 治療を受けた子ども",
    )
}

fn parse(src: &str, lang: Option<&str>) -> Result<Content, Error> {
    content::parse_edition(src, &test_path(), lang)
}

fn problems(src: &str, lang: Option<&str>) -> Vec<Diagnostic> {
    match parse(src, lang) {
        Ok(_) => panic!("expected problems, but the content parsed"),
        Err(Error::Input(d)) => d,
        Err(e) => panic!("expected input problems, got {e}"),
    }
}

#[test]
fn each_edition_reads_its_own_language() {
    let src = two_languages();
    let en = parse(&src, None).expect("default edition");
    assert_eq!(en.lang.as_str(), "en");
    assert_eq!(en.title.value, "Caring for children");
    assert_eq!(en.key_figures[0].label.value, "children treated");
    let langs: Vec<&str> = en.languages.iter().map(|l| l.as_str()).collect();
    assert_eq!(langs, ["en", "ja", "km"]);
    assert!(en.untranslated.is_empty());

    let ja = parse(&src, Some("ja")).expect("Japanese edition");
    assert_eq!(ja.lang.as_str(), "ja");
    assert_eq!(ja.title.value, "子どもたちの医療");
    assert_eq!(ja.key_figures[0].label.value, "治療を受けた子ども");
    // Untranslated fields (plain strings) are the same in every edition.
    assert_eq!(ja.organisation.name.value, en.organisation.name.value);
    assert!(ja.untranslated.is_empty());
}

#[test]
fn a_missing_translation_falls_back_and_is_named() {
    let src = two_languages();
    let km = parse(&src, Some("km")).expect("Khmer edition");
    assert_eq!(km.title.value, "ការថែទាំកុមារ");
    // The label has no Khmer: the English is used, and the field is named.
    assert_eq!(km.key_figures[0].label.value, "children treated");
    let paths: Vec<&str> = km.untranslated.iter().map(|s| s.path.as_str()).collect();
    assert_eq!(paths, ["key_figures[0].label"]);
    let line = km.untranslated[0].line as usize;
    assert!(
        src.lines()
            .nth(line - 1)
            .unwrap()
            .contains("en: children treated")
    );

    let warning = brochure::preflight::untranslated_warning(&km).expect("a warning");
    assert!(warning.message.contains("Khmer (`km`)"), "{warning}");
    assert!(
        warning.message.contains("`key_figures[0].label`"),
        "{warning}"
    );
    assert!(
        warning.help.as_deref().unwrap_or("").contains("km: …"),
        "{warning}"
    );
}

#[test]
fn an_edition_the_file_does_not_have_is_an_error() {
    let d = problems(&example(), Some("ja"));
    assert_eq!(d.len(), 1);
    assert!(d[0].message.contains("no Japanese (`ja`) text"), "{}", d[0]);
    assert!(
        d[0].help.as_deref().unwrap_or("").contains("`en`"),
        "{}",
        d[0]
    );
}

#[test]
fn a_key_that_is_not_a_language_is_named_with_a_fix() {
    let src = edited(
        &two_languages(),
        "  ja: 子どもたちの医療",
        "  jp: 子どもたちの医療",
    );
    let d = problems(&src, None);
    assert_eq!(d.len(), 1, "{d:#?}");
    assert_eq!(d[0].span.as_ref().unwrap().path, "title");
    assert!(d[0].message.contains("`jp:`"), "{}", d[0]);
    assert!(
        d[0].help.as_deref().unwrap().contains("did you mean `ja:`"),
        "{}",
        d[0]
    );
}

#[test]
fn a_detail_with_a_colon_still_asks_for_quotes() {
    let src = edited(
        &example(),
        "    - \"Online: www.japanheart.org\"",
        "    - Online: www.japanheart.org",
    );
    let d = problems(&src, None);
    assert_eq!(d.len(), 1, "{d:#?}");
    assert_eq!(
        d[0].span.as_ref().unwrap().path,
        "call_to_action.details[1]"
    );
    assert!(d[0].message.contains("a group of fields"), "{}", d[0]);
    assert!(
        d[0].help.as_deref().unwrap().contains("double quotes"),
        "{}",
        d[0]
    );
}

#[test]
fn every_translated_field_needs_the_default_language() {
    let src = edited(&two_languages(), "  en: Caring for children\n", "");
    let d = problems(&src, Some("ja"));
    assert_eq!(d.len(), 1, "{d:#?}");
    assert_eq!(d[0].span.as_ref().unwrap().path, "title");
    assert!(d[0].message.contains("none in English (`en`)"), "{}", d[0]);
}

#[test]
fn numbers_and_yes_keep_the_characters_written() {
    let src = edited(&example(), "  - value: \"2004\"", "  - value: 2004.50");
    let c = parse(&src, None).expect("parses");
    assert_eq!(c.key_figures[0].value.value, "2004.50");
    let src = edited(
        &example(),
        "  - value: \"2004\"",
        "  - value: yes  # a comment",
    );
    let c = parse(&src, None).expect("parses");
    assert_eq!(c.key_figures[0].value.value, "yes");
}

#[test]
fn a_photo_names_its_section_in_the_default_language_in_every_edition() {
    let src = example();
    let src = edited(
        &src,
        "  - heading: Mission & History",
        "  - heading:\n      en: Mission & History\n      ja: 使命と歩み",
    );
    let ja = parse(&src, Some("ja")).expect("Japanese edition");
    assert_eq!(ja.sections[0].heading.value, "使命と歩み");
    assert_eq!(ja.photos[0].section, Some(0));
}

#[test]
fn japanese_lines_join_without_a_space() {
    let src = two_languages();
    let src = edited(
        &src,
        "  ja: 子どもたちの医療",
        "  ja: |-\n    子どもたちの\n    医療をカンボジアで",
    );
    let ja = parse(&src, Some("ja")).expect("Japanese edition");
    assert_eq!(ja.title.value, "子どもたちの医療をカンボジアで");
}

#[test]
fn a_japanese_caption_meets_its_credit_without_a_space() {
    use brochure::build::{self, LayoutKind};
    use brochure::layout::Paper;
    let path = root().join("content/japan-heart-cambodia.yaml");
    let (content, mut ts) = build::load_edition(&path, Some("ja")).expect("edition loads");
    let doc = build::layout(&content, LayoutKind::Factsheet, Paper::A4, &mut ts).expect("lays out");
    let text = run_texts(&doc).concat();
    // 。 carries half an em of white after it; a space would double the gap.
    assert!(text.contains("欠かせません。写真"), "{text}");
    assert!(!text.contains("。 "), "{text}");
}

#[test]
fn a_language_given_twice_is_named_with_both_lines() {
    let src = edited(
        &two_languages(),
        "  ja: 子どもたちの医療\n",
        "  ja: 子どもたちの医療\n  ja: 子どもの医療\n",
    );
    let d = problems(&src, None);
    assert_eq!(d.len(), 1, "{d:#?}");
    assert!(d[0].message.contains("`ja` is written twice"), "{}", d[0]);
}

#[test]
fn every_edition_of_the_example_sets_cleanly() {
    use brochure::build::{self, LayoutKind};
    use brochure::layout::Paper;
    use brochure::report::Report;
    let path = root().join("content/japan-heart-cambodia.yaml");
    for lang in ["en", "ja", "km"] {
        let (content, mut ts) = build::load_edition(&path, Some(lang)).expect("edition loads");
        assert!(
            content.untranslated.is_empty(),
            "{lang}: {:?}",
            content.untranslated
        );
        for kind in LayoutKind::ALL {
            let doc = build::layout(&content, kind, Paper::A4, &mut ts).expect("lays out");
            let r = Report::of(&doc);
            let name = format!("{lang} {}", kind.name());
            assert!(r.lines > 40, "{name}: {r}");
            assert_eq!(r.overfull, 0, "{name}: {r}");
            assert_eq!(r.missing_glyphs, 0, "{name}: {r}");
            assert!(r.hyphen_run <= 2, "{name}: {r}");
            assert!(r.stretch_max < 4.0, "{name}: {r}");
            assert!(r.fill.iter().all(|f| f.2 >= 0.8), "{name}: {r}");
        }
    }
}

#[test]
fn the_layouts_own_words_follow_the_edition() {
    use brochure::build::{self, LayoutKind};
    use brochure::layout::Paper;
    use brochure::layout::frame::{Content as Item, Role};
    let path = root().join("content/japan-heart-cambodia.yaml");
    let (content, mut ts) = build::load_edition(&path, Some("km")).expect("Khmer edition");
    let texts = |kind: LayoutKind, ts: &mut brochure::text::Typesetter| {
        let doc = build::layout(&content, kind, Paper::A4, ts).expect("lays out");
        let mut words = Vec::new();
        let mut figures = Vec::new();
        for item in doc.pages.iter().flat_map(|p| &p.items) {
            if let Item::Text(r) = &item.content {
                words.push(r.text.clone());
            }
            if let Role::Figure(alt) = &item.tag.role {
                figures.push(alt.clone());
            }
        }
        (words.concat(), figures)
    };
    let (sheet, _) = texts(LayoutKind::Factsheet, &mut ts);
    assert!(sheet.contains("ប្រភព៖"), "the sources line is in Khmer");
    assert!(!sheet.contains("Sources:"));
    let (letter, figures) = texts(LayoutKind::DonorLetter, &mut ts);
    assert!(
        letter.contains("ស្កេនដោយកាមេរ៉ាទូរស័ព្ទរបស់អ្នក"),
        "the QR caption is in Khmer"
    );
    assert!(
        figures
            .iter()
            .any(|f| f.starts_with("កូដ QR ភ្ជាប់ទៅ https://")),
        "{figures:?}"
    );
    let (leaflet, _) = texts(LayoutKind::Trifold, &mut ts);
    assert!(
        leaflet.contains("ប្រភពរូបថត") && leaflet.contains("ក្របមុខ"),
        "credits in Khmer"
    );
}

#[test]
fn khmer_words_are_read_checked_and_warned_about() {
    let src = format!("{}khmer_words:\n  - ជប៉ុនហាត\n  - Zebrafish\n", example());
    let c = parse(&src, None).expect("parses");
    let words: Vec<&str> = c.khmer_words.iter().map(|w| w.value.as_str()).collect();
    assert_eq!(words, ["ជប៉ុនហាត", "Zebrafish"]);
    assert_eq!(c.khmer_words[1].span.path, "khmer_words[1]");
    // The English file has neither word in its text.
    let unused = brochure::preflight::unused_word_warnings(&c);
    assert_eq!(unused.len(), 2, "{unused:?}");
    assert!(
        unused[0].message.contains("appears nowhere"),
        "{}",
        unused[0]
    );

    let long = "ក".repeat(61);
    let d = problems(
        &format!("{}khmer_words:\n  - \"\"\n  - {long}\n", example()),
        None,
    );
    assert_eq!(d.len(), 2, "{d:?}");
    assert_eq!(d[0].span.as_ref().unwrap().path, "khmer_words[0]");
    assert!(d[1].message.contains("61 characters"), "{}", d[1]);
    let d = problems(&format!("{}khmer_words: ជប៉ុនហាត\n", example()), None);
    assert!(d[0].message.contains("starting with `- `"), "{}", d[0]);
}

#[test]
fn the_example_never_splits_its_khmer_names() {
    use brochure::build::{self, LayoutKind};
    use brochure::layout::Paper;
    let path = root().join("content/japan-heart-cambodia.yaml");
    let (content, mut ts) = build::load_edition(&path, Some("km")).expect("Khmer edition");
    assert!(content.khmer_words.iter().any(|w| w.value == "ជប៉ុនហាត"));
    assert!(brochure::preflight::unused_word_warnings(&content).is_empty());
    // Splits of each name into a line end and the next line's start.
    let splits: Vec<(String, String)> = ["ជប៉ុនហាត", "ពញាឮ"]
        .iter()
        .flat_map(|w| {
            w.char_indices()
                .skip(1)
                .map(|(i, _)| (w[..i].to_string(), w[i..].to_string()))
        })
        .collect();
    for kind in LayoutKind::ALL {
        let doc = build::layout(&content, kind, Paper::A4, &mut ts).expect("lays out");
        let lines: Vec<&str> = run_texts(&doc).into_iter().map(str::trim).collect();
        for pair in lines.windows(2) {
            let [a, b] = pair else { continue };
            assert!(
                !splits
                    .iter()
                    .any(|(l, r)| a.ends_with(l) && b.starts_with(r)),
                "{}: a name is split between {a:?} and {b:?}",
                kind.name()
            );
        }
    }
}

/// The text of every run of the document, in drawing order.
fn run_texts(doc: &brochure::layout::frame::Document) -> Vec<&str> {
    use brochure::layout::frame::Content as Item;
    doc.pages
        .iter()
        .flat_map(|p| &p.items)
        .filter_map(|i| match &i.content {
            Item::Text(r) => Some(r.text.as_str()),
            _ => None,
        })
        .collect()
}

/// The median baseline-to-baseline distance over type size between neighbouring
/// lines of a column, in every layout of the example's edition `lang`.
fn median_leading_ratio(lang: &str) -> f32 {
    let ratios = leading_ratios(lang);
    ratios[ratios.len() / 2]
}

/// Baseline-to-baseline distance over type size of every pair of neighbouring lines
/// of one size flush at one left edge (a paragraph, a label, a caption), in every
/// layout of the example's edition `lang`, smallest first.
fn leading_ratios(lang: &str) -> Vec<f32> {
    use brochure::build::{self, LayoutKind};
    use brochure::layout::Paper;
    use brochure::layout::frame::Content as Item;
    let path = root().join("content/japan-heart-cambodia.yaml");
    let (content, mut ts) = build::load_edition(&path, Some(lang)).expect("edition loads");
    let mut ratios = Vec::new();
    for kind in LayoutKind::ALL {
        let doc = build::layout(&content, kind, Paper::A4, &mut ts).expect("lays out");
        for page in &doc.pages {
            let mut lines: Vec<(f32, f32, f32)> = page
                .items
                .iter()
                .filter_map(|item| match &item.content {
                    Item::Text(r) if r.line.is_some() => Some((item.pos.x, item.pos.y, r.size)),
                    _ => None,
                })
                .collect();
            lines.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
            for w in lines.windows(2) {
                let [(x0, y0, s0), (x1, y1, s1)] = w else {
                    continue;
                };
                let dy = y1 - y0;
                if (x1 - x0).abs() < 0.01 && s0 == s1 && dy > 0.0 && dy < 2.5 * s0 {
                    ratios.push(dy / s0);
                }
            }
        }
    }
    ratios.sort_by(f32::total_cmp);
    ratios
}

#[test]
fn khmer_is_set_more_openly_than_latin() {
    let (en, km) = (median_leading_ratio("en"), median_leading_ratio("km"));
    // Stacked subscripts and signs above need room: about a fifth more than Latin.
    assert!(km >= 1.5, "Khmer lines at {km}× their size");
    assert!(km > en * 1.1, "Khmer {km}× against English {en}×");
}

#[test]
fn small_khmer_text_is_set_openly_too() {
    // Key-figure labels, captions, sources and chart labels stack the same marks as
    // the body: none is set at a Latin leading (a label's 9.4 pt on 7.6 pt, 1.24×).
    // The tightest is the title's, 1.12 × 1.15.
    let ratios = leading_ratios("km");
    let tightest = ratios.first().copied().unwrap_or(0.0);
    assert!(tightest >= 1.28, "Khmer lines {tightest}× their size");
}

#[test]
fn a_khmer_edition_that_writes_khmer_digits_gets_them_in_the_chart_too() {
    use brochure::build::{self, LayoutKind};
    use brochure::content::model::Digits;
    use brochure::layout::Paper;
    let src = std::fs::read_to_string(root().join("content/japan-heart-cambodia.yaml"))
        .expect("the example");
    // The Khmer translations with their numbers in Khmer digits.
    let khmer_digits: String = src
        .lines()
        .map(|l| {
            if l.chars().any(brochure::text::is_khmer_char) {
                Digits::Khmer.write(l)
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    let km = parse(&khmer_digits, Some("km")).expect("the Khmer edition");
    assert_eq!(km.chart.as_ref().map(|c| c.digits), Some(Digits::Khmer));
    let en = parse(&khmer_digits, Some("en")).expect("the English edition");
    assert_eq!(en.chart.as_ref().map(|c| c.digits), Some(Digits::Latin));
    // The example as it is writes 0-9 in Khmer too, and its chart keeps them.
    let as_is = parse(&src, Some("km")).expect("the Khmer edition");
    assert_eq!(as_is.chart.as_ref().map(|c| c.digits), Some(Digits::Latin));

    let mut ts = brochure::text::Typesetter::new(brochure::text::FontBook::new());
    let doc = build::layout(&km, LayoutKind::Brochure, Paper::A4, &mut ts).expect("lays out");
    let texts = run_texts(&doc);
    assert!(
        texts.contains(&"៨០"),
        "the scale is in Khmer digits: {texts:?}"
    );
    assert!(!texts.contains(&"80"));
}
