//! Loading content files: the example loads into the model, and every kind of mistake
//! gives a diagnostic that names the place (line and/or field path) and a fix.

use std::path::{Path, PathBuf};

use brochure::content::{self, Inline, PhotoPlacement, Rgb};
use brochure::diag::render;
use brochure::{Diagnostic, Error};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn example_path() -> PathBuf {
    root().join("content/japan-heart-cambodia.yaml")
}

/// A path next to the example, so its relative photo paths resolve the same way.
fn test_path() -> PathBuf {
    root().join("content/test.yaml")
}

/// The dogs photo's placement line in the example (the last `placement: auto`).
const DOGS_PLACEMENT: &str = "placement: auto\n    section: Pediatric";

/// A replacement for [`DOGS_PLACEMENT`] that keeps the section line.
fn dogs(placement: &str) -> String {
    format!("{placement}\n    section: Pediatric")
}

/// The example's English as a one-language file, which the tests edit line by line.
fn example() -> String {
    std::fs::read_to_string(root().join("tests/fixtures/english-example.yaml"))
        .expect("example content file is readable")
}

/// The example with `from` replaced by `to`; fails loudly if `from` is not there, so an
/// edit of the example cannot quietly turn a test into a no-op.
fn edited(from: &str, to: &str) -> String {
    let src = example();
    assert!(src.contains(from), "example no longer contains {from:?}");
    src.replacen(from, to, 1)
}

/// 1-based number of the first line of `src` containing `needle`.
fn line_of(src: &str, needle: &str) -> u32 {
    let index = src
        .lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("{needle:?} not in source"));
    u32::try_from(index + 1).unwrap()
}

/// The diagnostics parsing `src` produces; fails if it parses.
fn problems(src: &str) -> Vec<Diagnostic> {
    match content::parse(src, &test_path()) {
        Ok(_) => panic!("expected problems, but the content parsed"),
        Err(Error::Input(diags)) => {
            assert!(!diags.is_empty());
            diags
        }
        Err(other) => panic!("expected input problems, got {other}"),
    }
}

/// The single diagnostic for `src`.
fn problem(src: &str) -> Diagnostic {
    let mut diags = problems(src);
    assert_eq!(diags.len(), 1, "expected one problem, got {diags:#?}");
    diags.remove(0)
}

fn line(d: &Diagnostic) -> u32 {
    d.span.as_ref().map_or(0, |s| s.line)
}

fn path(d: &Diagnostic) -> &str {
    d.span.as_ref().map_or("", |s| s.path.as_str())
}

fn help(d: &Diagnostic) -> &str {
    d.help.as_deref().unwrap_or("")
}

fn text_of(p: &content::Paragraph) -> String {
    p.plain_text()
}

#[test]
fn example_loads() {
    let c = content::load(&example_path()).expect("example is valid");
    assert_eq!(c.lang.as_str(), "en");
    assert_eq!(c.title.value, "Caring for children with cancer in Cambodia");
    assert_eq!(c.organisation.name.value, "Japan Heart Cambodia");
    assert_eq!(c.organisation.website.value, "https://www.japanheart.org");
    assert_eq!(c.organisation.brand_color.value, Rgb::new(0xc8, 0x10, 0x2e));

    assert_eq!(c.sections.len(), 2);
    assert_eq!(c.sections[0].heading.value, "Mission & History");
    assert_eq!(c.sections[1].heading.value, "Pediatric Cancer Treatment");
    assert_eq!(c.sections[0].paragraphs.len(), 6);
    assert_eq!(c.sections[1].paragraphs.len(), 3);

    assert_eq!(c.key_figures.len(), 6);
    assert_eq!(c.key_figures[4].value.value, "< 20 %");
    assert_eq!(c.key_figures[0].value.value, "2004");

    assert_eq!(c.photos.len(), 3);
    let photo = &c.photos[0];
    assert!(photo.file.value.exists(), "{}", photo.file.value.display());
    // The fact sheet shows the first photo, so the paint brushes stay first.
    assert!(
        photo
            .file
            .value
            .ends_with("assets/photos/paint-brushes.jpg")
    );
    assert_eq!(photo.focus, (0.5, 0.45));
    assert_eq!(photo.file.span.path, "photos[0].file");
    let placements: Vec<PhotoPlacement> = c.photos.iter().map(|p| p.placement).collect();
    assert_eq!(
        placements,
        [
            PhotoPlacement::Auto,
            PhotoPlacement::Cover,
            PhotoPlacement::Auto
        ]
    );
    let sections: Vec<Option<usize>> = c.photos.iter().map(|p| p.section).collect();
    assert_eq!(sections, [Some(0), None, Some(1)]);
    assert!(c.photos.iter().all(|p| p.file.value.exists()));
    assert!(c.fonts.is_empty());
    assert_eq!(c.source_path, example_path());
}

#[test]
fn example_quote_chart_and_call_to_action() {
    let c = content::load(&example_path()).unwrap();
    let quote = c.quote.expect("the example has a quote");
    assert_eq!(
        quote.text.value,
        "Medical Care is not just treatments, but something that enhances the quality of \
         life of the people involved."
    );
    assert_eq!(quote.attribution.value, "Japan Heart, Mission & History");
    assert_eq!(quote.text.span.path, "quote.text");

    let chart = c.chart.expect("the example has a chart");
    assert_eq!(chart.title.value, "Children who survive cancer");
    assert_eq!(chart.unit.as_ref().map(|u| u.value.as_str()), Some("%"));
    let values: Vec<f64> = chart.bars.iter().map(|b| b.value.value).collect();
    assert_eq!(values, [20.0, 80.0]);
    let displays: Vec<Option<&str>> = chart
        .bars
        .iter()
        .map(|b| b.display.as_ref().map(|d| d.value.as_str()))
        .collect();
    assert_eq!(displays, [Some("< 20 %"), Some("> 80 %")]);
    assert_eq!(chart.bars[1].label.value, "Developed countries");
    assert_eq!(chart.bars[1].value.span.path, "chart.bars[1].value");
    // Not written in the file: a chart in per cent runs to 100.
    assert_eq!(chart.max.as_ref().map(|m| m.value), Some(100.0));
    assert_eq!(
        chart.source.value,
        "Japan Heart Cambodia, Pediatric Cancer Treatment"
    );

    let cta = c.call_to_action.expect("the example has a call to action");
    assert_eq!(cta.heading.value, "How you can help");
    assert_eq!(cta.donate_url.value, "https://www.japanheart.org");
    assert_eq!(cta.paragraphs.len(), 2);
    assert!(text_of(&cta.paragraphs[1]).ends_with("keep treatment free for children in Cambodia."));
    assert_eq!(cta.paragraphs[0].span.path, "call_to_action.body");
    let details: Vec<&str> = cta.details.iter().map(|d| d.value.as_str()).collect();
    assert_eq!(
        details,
        [
            "Japan Heart Children's Medical Center, Ponhea Leu, Kandal Province, Cambodia",
            "Online: www.japanheart.org"
        ]
    );
}

#[test]
fn example_spans_point_at_the_source() {
    let src = example();
    let c = content::parse(&src, &example_path()).unwrap();
    assert_eq!(c.title.span.line, line_of(&src, "title: Caring"));
    assert_eq!(c.sections[1].heading.span.path, "sections[1].heading");
    // Each paragraph points at its own first line.
    let p = &c.sections[0].paragraphs[1];
    assert_eq!(p.span.line, line_of(&src, "Through our experiences"));
    assert_eq!(p.span.column, 7);
    assert_eq!(p.span.path, "sections[0].body");
    assert_eq!(
        c.sections[1].paragraphs[2].span.line,
        line_of(&src, "Before Japan Heart began")
    );
}

#[test]
fn example_paragraphs_and_inline_markup() {
    let c = content::load(&example_path()).unwrap();
    let first = &c.sections[0].paragraphs[0];
    let text = text_of(first);
    // Lines of a paragraph are joined with single spaces; typography stays as typed.
    assert!(text.starts_with("Since its inception in 2004, with the mission “to deliver healthcare to medically-isolated areas,” Japan Heart"));
    assert!(!text.contains('\n') && !text.contains("  ") && !text.contains('*'));
    let emphasised: Vec<&str> = first
        .inlines
        .iter()
        .filter_map(|Inline::Text { text, emphasis, .. }| emphasis.then_some(text.as_str()))
        .collect();
    assert_eq!(emphasised.len(), 1);
    assert!(emphasised[0].starts_with("Help realize a society"));
    assert!(emphasised[0].ends_with("appreciates their lives on earth."));

    let strong = c.sections[1].paragraphs[0]
        .inlines
        .iter()
        .find_map(|Inline::Text { text, strong, .. }| strong.then_some(text.as_str()));
    assert_eq!(strong, Some("600 cases per year"));
}

#[test]
fn inline_links_and_block_syntax() {
    let src = edited(
        "      We began by renting",
        "      2008. We visit [our site](https://www.japanheart.org) and\n      - more. We began by renting",
    );
    let c = content::parse(&src, &test_path()).unwrap();
    let p = &c.sections[0].paragraphs[5];
    assert!(text_of(p).starts_with("2008. We visit our site and - more. We began"));
    assert!(p.inlines.contains(&Inline::Text {
        text: "our site".into(),
        emphasis: false,
        strong: false,
        link: Some("https://www.japanheart.org".into()),
    }));
}

#[test]
fn bulleted_and_numbered_lists_become_items() {
    let src = edited(
        "      We began by renting",
        "      We did three things:\n      - rented a *small* space;\n      - performed two\n        operations a month;\n      1. not a number here\n      - built a hospital.\n\n      1. First.\n      2. Second.\n\n      We began by renting",
    );
    let c = content::parse(&src, &test_path()).unwrap();
    let ps = &c.sections[0].paragraphs;
    let items: Vec<(Option<&str>, String)> =
        ps.iter().map(|p| (p.item.as_deref(), text_of(p))).collect();
    let at = items
        .iter()
        .position(|(_, t)| t == "We did three things:")
        .expect("the lead-in");
    assert_eq!(items[at].0, None);
    assert_eq!(
        items[at + 1],
        (Some("•"), "rented a small space;".to_string())
    );
    // A wrapped line and a line that starts no item of this list continue the item.
    assert_eq!(
        items[at + 2],
        (
            Some("•"),
            "performed two operations a month; 1. not a number here".to_string()
        )
    );
    assert_eq!(items[at + 3], (Some("•"), "built a hospital.".to_string()));
    assert_eq!(items[at + 4], (Some("1."), "First.".to_string()));
    assert_eq!(items[at + 5], (Some("2."), "Second.".to_string()));
    assert_eq!(items[at + 6].0, None);
    // The item's span points at its own line.
    assert_eq!(ps[at + 3].span.line, line_of(&src, "- built a hospital."));
}

#[test]
fn defaults_apply() {
    let src = edited("lang: en\n", "")
        .replacen("    focus: [0.5, 0.45]\n", "", 1)
        .replacen(
            "    placement: auto\n    section: Mission & History\n",
            "",
            1,
        );
    let c = content::parse(&src, &test_path()).unwrap();
    assert_eq!(c.lang.as_str(), "en");
    assert_eq!(c.photos[0].focus, (0.5, 0.5));
    assert_eq!(c.photos[0].placement, PhotoPlacement::Auto);
    assert_eq!(c.photos[0].section, None);
    assert!(c.fonts.is_empty());
}

/// The example without its `quote:`, `chart:` and `call_to_action:` blocks.
fn without_extras() -> String {
    let src = example();
    let start = src.find("# A pull quote").expect("the example has a quote");
    src[..start].to_string()
}

/// The example with `max: {max}` added to its chart.
fn with_chart_max(max: &str) -> String {
    // Two spaces of indent: the key figures' `source:` lines have four.
    let source = "\n  source: Japan Heart Cambodia, Pediatric Cancer Treatment\n";
    edited(source, &format!("{source}  max: {max}\n"))
}

#[test]
fn quote_chart_and_call_to_action_are_optional() {
    let c = content::parse(&without_extras(), &test_path()).unwrap();
    assert!(c.quote.is_none() && c.chart.is_none() && c.call_to_action.is_none());
}

#[test]
fn typed_quotation_marks_are_removed() {
    let with_text = |text: &str| {
        let src = format!(
            "{}quote:\n  text: {text}\n  attribution: Japan Heart\n",
            without_extras()
        );
        content::parse(&src, &test_path())
            .unwrap()
            .quote
            .unwrap()
            .text
            .value
    };
    assert_eq!(with_text("“Care for all.”"), "Care for all.");
    assert_eq!(with_text("'\"Care for all.\"'"), "Care for all.");
    assert_eq!(with_text("«Care for all»"), "Care for all");
    assert_eq!(with_text("‘Children’s care’"), "Children’s care");
    // Marks that belong to two quotations, or sit inside the text, stay.
    assert_eq!(with_text("“Care” and “cure”"), "“Care” and “cure”");
    assert_eq!(
        with_text("Not “Medical Care” alone"),
        "Not “Medical Care” alone"
    );
}

#[test]
fn chart_scale_end() {
    // Without a unit, the scale ends at the largest value.
    let c = content::parse(&edited("  unit: \"%\"\n", ""), &test_path()).unwrap();
    assert_eq!(c.chart.unwrap().max.map(|m| m.value), Some(80.0));
    // In per cent, a value above 100 stretches the scale.
    let c = content::parse(&edited("value: 80", "value: 150"), &test_path()).unwrap();
    assert_eq!(c.chart.unwrap().max.map(|m| m.value), Some(150.0));
    // As written, with its place.
    let src = with_chart_max("90.5");
    let max = content::parse(&src, &test_path())
        .unwrap()
        .chart
        .unwrap()
        .max
        .unwrap();
    assert_eq!(max.value, 90.5);
    assert_eq!(max.span.line, line_of(&src, "max: 90.5"));
    assert_eq!(max.span.path, "chart.max");
}

#[test]
fn short_colour_and_other_languages_accepted() {
    let c = content::parse(&edited("\"#c8102e\"", "\"#C12\""), &test_path()).unwrap();
    assert_eq!(c.organisation.brand_color.value, Rgb::new(0xcc, 0x11, 0x22));
    let c = content::parse(&edited("lang: en", "lang: km"), &test_path()).unwrap();
    assert_eq!(c.lang.as_str(), "km");
    assert_eq!(
        content::supported_langs().collect::<Vec<_>>(),
        ["en", "ja", "km"]
    );
}

#[test]
fn fonts_resolve_against_the_content_folder() {
    let src = format!("{}fonts:\n  - ../fonts/NotoSans-Regular.ttf\n", example());
    let c = content::parse(&src, &test_path()).unwrap();
    assert_eq!(c.fonts.len(), 1);
    assert!(c.fonts[0].value.exists());
    assert_eq!(c.fonts[0].span.path, "fonts[0]");
}

// ---- bad cases ---------------------------------------------------------------------

#[test]
fn bad_yaml_syntax_unclosed_quote() {
    let src = edited(
        "title: Caring for children with cancer in Cambodia",
        "title: \"Caring for children with cancer in Cambodia",
    );
    let d = problem(&src);
    assert_eq!(line(&d), line_of(&src, "title: \"Caring"));
    assert_eq!(d.span.as_ref().unwrap().column, 8);
    assert!(d.message.contains("quote"), "{d}");
    assert!(help(&d).contains("closing quote"), "{d}");
}

#[test]
fn bad_yaml_syntax_tab_indent() {
    let src = edited("  tagline:", "\ttagline:");
    let d = problem(&src);
    assert_eq!(line(&d), line_of(&src, "\ttagline:"));
    assert!(d.message.contains("not valid YAML"), "{d}");
    assert!(help(&d).contains("spaces"), "{d}");
}

#[test]
fn bad_yaml_syntax_colon_in_text() {
    let src = edited("tagline: Equal access", "tagline: Equal: access");
    let d = problem(&src);
    assert_eq!(line(&d), line_of(&src, "tagline: Equal:"));
    assert!(help(&d).contains("double quotes"), "{d}");
}

#[test]
fn wrong_type_text_where_list_expected() {
    let src = example();
    let start = src.find("sections:").unwrap();
    let end = src.find("photos:").unwrap();
    let src = format!(
        "{}sections: Mission and history\n\n{}",
        &src[..start],
        &src[end..]
    );
    let d = problem(&src);
    assert_eq!(line(&d), line_of(&src, "sections: Mission"));
    assert_eq!(path(&d), "sections");
    assert!(d.message.contains("should be a list"), "{d}");
    assert!(d.message.contains("Mission and history"), "{d}");
    assert!(help(&d).contains("- heading:"), "{d}");
}

#[test]
fn wrong_type_list_where_number_expected() {
    let src = edited("[0.5, 0.45]", "[0.5, [1]]");
    let d = problem(&src);
    assert_eq!(line(&d), line_of(&src, "focus: [0.5, [1]]"));
    assert_eq!(path(&d), "photos[0].focus[1]");
    assert!(d.message.contains("a number"), "{d}");
    assert!(help(&d).contains("focus: [0.5, 0.45]"), "{d}");
}

#[test]
fn unknown_field_suggests_the_right_one() {
    let src = edited("    caption: Colour", "    captoin: Colour");
    let d = problem(&src);
    assert_eq!(line(&d), line_of(&src, "captoin:"));
    assert_eq!(path(&d), "photos[0].captoin");
    assert!(d.message.contains("unknown field `captoin`"), "{d}");
    assert!(help(&d).contains("did you mean `caption`?"), "{d}");
    assert!(
        help(&d).contains("`file`, `caption`, `credit`, `alt`, `focus`"),
        "{d}"
    );
}

#[test]
fn unknown_field_in_the_wrong_group_says_where_it_belongs() {
    let src = edited(
        "title: Caring for children with cancer in Cambodia\n",
        "title: Caring for children with cancer in Cambodia\ntagline: Care\n",
    );
    let d = problem(&src);
    assert_eq!(line(&d), line_of(&src, "tagline: Care"));
    assert!(help(&d).contains("belongs under `organisation:`"), "{d}");
}

#[test]
fn missing_required_field_names_path_and_parent_line() {
    let src = edited(
        "    credit: Photo “Picture 1A” by Trevor “Freespace”, CC BY 4.0\n",
        "",
    );
    let d = problem(&src);
    assert_eq!(path(&d), "photos[0].credit");
    // The photo's first line, since the missing field has no line of its own.
    assert_eq!(
        line(&d),
        line_of(&src, "- file: ../assets/photos/paint-brushes.jpg")
    );
    assert!(
        d.message
            .contains("missing required field `photos[0].credit`"),
        "{d}"
    );
    assert!(help(&d).contains("credit:"), "{d}");
}

#[test]
fn missing_photo_file() {
    let src = edited("paint-brushes.jpg", "paint-brush.jpg");
    let d = problem(&src);
    assert_eq!(line(&d), line_of(&src, "paint-brush.jpg"));
    assert_eq!(path(&d), "photos[0].file");
    assert!(d.message.contains("not found"), "{d}");
    // The resolved path, so the user sees where it was looked for.
    assert!(d.message.contains("assets/photos/paint-brush.jpg"), "{d}");
    assert!(
        help(&d).contains("did you mean `paint-brushes.jpg`?"),
        "{d}"
    );
    assert!(help(&d).contains("relative to the folder"), "{d}");
}

#[test]
fn bad_colour() {
    let src = edited("\"#c8102e\"", "\"#c8102g\"");
    let d = problem(&src);
    assert_eq!(line(&d), line_of(&src, "brand_color:"));
    assert_eq!(path(&d), "organisation.brand_color");
    assert!(d.message.contains("#c8102g"), "{d}");
    assert!(help(&d).contains("\"#c8102e\""), "{d}");
}

#[test]
fn colour_without_quotes_is_explained() {
    let src = edited("\"#c8102e\"", "#c8102e");
    let d = problem(&src);
    assert_eq!(line(&d), line_of(&src, "brand_color:"));
    assert!(d.message.contains("comment"), "{d}");
    assert!(help(&d).contains("double quotes"), "{d}");
}

#[test]
fn focus_out_of_range() {
    let src = edited("[0.5, 0.45]", "[0.5, 1.45]");
    let d = problem(&src);
    assert_eq!(line(&d), line_of(&src, "focus: [0.5, 1.45]"));
    assert_eq!(path(&d), "photos[0].focus[1]");
    assert!(d.message.contains("1.45"), "{d}");
    assert!(help(&d).contains("0 to 1"), "{d}");
}

#[test]
fn focus_wrong_length() {
    let src = edited("[0.5, 0.45]", "[0.5, 0.45, 0.1]");
    let d = problem(&src);
    assert_eq!(path(&d), "photos[0].focus");
    assert!(d.message.contains("exactly two numbers"), "{d}");
}

#[test]
fn bad_url() {
    let src = edited("https://www.japanheart.org", "www.japanheart.org");
    let d = problem(&src);
    assert_eq!(line(&d), line_of(&src, "website:"));
    assert_eq!(path(&d), "organisation.website");
    assert!(help(&d).contains("`https://www.japanheart.org`"), "{d}");
}

#[test]
fn bad_link_in_prose() {
    let src = edited("We began by renting", "We [began](japanheart) by renting");
    let d = problem(&src);
    assert_eq!(line(&d), line_of(&src, "We [began]"));
    assert_eq!(path(&d), "sections[0].body");
    assert!(help(&d).contains("https://"), "{d}");
}

#[test]
fn bad_lang() {
    let src = edited("lang: en", "lang: jp");
    let d = problem(&src);
    assert_eq!(line(&d), line_of(&src, "lang: jp"));
    assert_eq!(path(&d), "lang");
    assert!(help(&d).contains("did you mean `ja` (Japanese)?"), "{d}");
    assert!(
        help(&d).contains("`en` (English), `ja` (Japanese), `km` (Khmer)"),
        "{d}"
    );
}

#[test]
fn empty_heading() {
    let src = edited("heading: Mission & History", "heading: \"\"");
    let d = problem(&src);
    assert_eq!(line(&d), line_of(&src, "heading: \"\""));
    assert_eq!(path(&d), "sections[0].heading");
    assert!(d.message.contains("empty"), "{d}");
    assert!(help(&d).contains("heading:"), "{d}");
}

#[test]
fn empty_body() {
    let src = example();
    let start = src.find("  - heading: Pediatric").unwrap();
    let end = src.find("photos:").unwrap();
    let src = format!(
        "{}  - heading: Pediatric Cancer Treatment\n    body: \"  \"\n\n{}",
        &src[..start],
        &src[end..]
    );
    let d = problem(&src);
    assert_eq!(line(&d), line_of(&src, "body: \"  \""));
    assert_eq!(path(&d), "sections[1].body");
    assert!(d.message.contains("empty"), "{d}");
    assert!(help(&d).contains("body: |"), "{d}");
}

#[test]
fn duplicate_heading() {
    let src = edited(
        "heading: Pediatric Cancer Treatment",
        "heading: Mission & history",
    );
    let diags = problems(&src);
    assert_eq!(diags.len(), 2, "{diags:#?}");
    // The photo that named the renamed section no longer finds it.
    assert_eq!(path(&diags[1]), "photos[2].section");
    let d = &diags[0];
    assert_eq!(line(d), line_of(&src, "heading: Mission & history"));
    assert_eq!(path(d), "sections[1].heading");
    assert!(d.message.contains("used twice"), "{d}");
    let first = line_of(&src, "heading: Mission & History");
    assert!(help(d).contains(&format!("line {first}")), "{d}");
}

#[test]
fn missing_font_file() {
    let src = format!(
        "{}fonts:\n  - ../fonts/NotoSans-Regular.ttf\n  - ../fonts/NotoSans-Regulr.ttf\n",
        example()
    );
    let d = problem(&src);
    assert_eq!(line(&d), line_of(&src, "NotoSans-Regulr.ttf"));
    assert_eq!(path(&d), "fonts[1]");
    assert!(d.message.contains("font file"), "{d}");
    assert!(
        help(&d).contains("did you mean `NotoSans-Regular.ttf`?"),
        "{d}"
    );
}

#[test]
fn several_problems_reported_together() {
    let src = edited("lang: en", "lang: fr")
        .replacen("\"#c8102e\"", "\"red\"", 1)
        .replacen("[0.5, 0.45]", "[2, 0.45]", 1)
        .replacen("https://www.japanheart.org", "japanheart", 1)
        .replacen("heading: Pediatric Cancer Treatment", "heading: \"\"", 1);
    let diags = problems(&src);
    assert!(diags.len() >= 3, "{diags:#?}");
    let paths: Vec<&str> = diags.iter().map(path).collect();
    assert_eq!(
        paths,
        [
            "lang",
            "organisation.website",
            "organisation.brand_color",
            "sections[1].heading",
            "photos[0].focus[0]"
        ]
    );
    // In file order, each with its line and a fix.
    let lines: Vec<u32> = diags.iter().map(line).collect();
    assert!(lines.windows(2).all(|w| w[0] <= w[1]), "{lines:?}");
    assert!(diags.iter().all(|d| line(d) > 0 && !help(d).is_empty()));
}

// ---- bad cases: quote, chart, call to action, photo placement ------------------------

#[test]
fn quote_missing_attribution() {
    let src = edited("  attribution: Japan Heart, Mission & History\n", "");
    let d = problem(&src);
    assert_eq!(path(&d), "quote.attribution");
    // The quote's first line, since the missing field has no line of its own.
    assert_eq!(line(&d), line_of(&src, "  text: >-"));
    assert!(
        d.message
            .contains("missing required field `quote.attribution`"),
        "{d}"
    );
    assert!(help(&d).contains("to `quote`"), "{d}");
    assert!(help(&d).contains("attribution: Japan Heart"), "{d}");
}

#[test]
fn quote_of_only_quotation_marks_is_empty() {
    let src = format!(
        "{}quote:\n  text: \"“ ”\"\n  attribution: Japan Heart\n",
        without_extras()
    );
    let d = problem(&src);
    assert_eq!(path(&d), "quote.text");
    assert_eq!(line(&d), line_of(&src, "  text: \"“ ”\""));
    assert!(d.message.contains("empty"), "{d}");
}

#[test]
fn chart_with_one_bar() {
    let src = edited(
        "    - label: Developed countries\n      value: 80\n      display: \"> 80 %\"\n",
        "",
    );
    let d = problem(&src);
    assert_eq!(path(&d), "chart.bars");
    assert_eq!(line(&d), line_of(&src, "- label: Cambodia"));
    assert!(d.message.contains("only 1 bar"), "{d}");
    assert!(d.message.contains("at least 2"), "{d}");
    assert!(help(&d).contains("add 1 bar"), "{d}");
    assert!(help(&d).contains("- label:"), "{d}");
}

#[test]
fn chart_with_too_many_bars() {
    let bar = "    - label: Cambodia\n      value: 20\n";
    let src = edited(bar, &bar.repeat(13));
    let d = problem(&src);
    assert_eq!(path(&d), "chart.bars[12]");
    // The thirteenth bar is the first that does not fit.
    let thirteenth = src
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains("- label: Cambodia"))
        .nth(12)
        .map(|(i, _)| u32::try_from(i + 1).unwrap())
        .unwrap();
    assert_eq!(line(&d), thirteenth);
    assert!(
        d.message.contains("14 bars") && d.message.contains("at most 12"),
        "{d}"
    );
    assert!(help(&d).contains("remove 2 bars"), "{d}");
}

#[test]
fn chart_value_negative() {
    let src = edited("value: 20", "value: -20");
    let d = problem(&src);
    assert_eq!(path(&d), "chart.bars[0].value");
    assert_eq!(line(&d), line_of(&src, "value: -20"));
    assert!(d.message.contains("-20"), "{d}");
    assert!(help(&d).contains("0 or more"), "{d}");
}

#[test]
fn chart_value_not_finite() {
    let src = edited("value: 20", "value: .inf");
    let d = problem(&src);
    assert_eq!(path(&d), "chart.bars[0].value");
    assert_eq!(line(&d), line_of(&src, "value: .inf"));
    assert!(help(&d).contains("number such as 20"), "{d}");
}

#[test]
fn chart_value_a_string() {
    let src = edited("value: 20", "value: 20 %");
    let d = problem(&src);
    assert_eq!(path(&d), "chart.bars[0].value");
    assert_eq!(line(&d), line_of(&src, "value: 20 %"));
    assert_eq!(d.span.as_ref().unwrap().column, 14);
    assert!(d.message.contains("should be a number"), "{d}");
    assert!(d.message.contains("the text `20 %`"), "{d}");
    assert!(help(&d).contains("without quotes"), "{d}");
    assert!(help(&d).contains("display:"), "{d}");
    assert!(help(&d).contains("value: 20"), "{d}");
}

#[test]
fn chart_max_below_a_value() {
    let src = with_chart_max("50");
    let d = problem(&src);
    assert_eq!(path(&d), "chart.max");
    assert_eq!(line(&d), line_of(&src, "max: 50"));
    assert!(d.message.contains("chart.bars[1].value"), "{d}");
    assert!(d.message.contains("80"), "{d}");
    assert!(help(&d).contains("at least 80"), "{d}");
    assert!(help(&d).contains("leave it out"), "{d}");
}

#[test]
fn unknown_field_in_chart() {
    let src = edited("  unit: \"%\"", "  units: \"%\"");
    let d = problem(&src);
    assert_eq!(path(&d), "chart.units");
    assert_eq!(line(&d), line_of(&src, "units:"));
    assert!(
        d.message.contains("unknown field `units` in `chart`"),
        "{d}"
    );
    assert!(help(&d).contains("did you mean `unit`?"), "{d}");
    assert!(
        help(&d).contains("`title`, `unit`, `bars`, `source`, `max`"),
        "{d}"
    );
}

#[test]
fn unknown_field_in_a_chart_bar() {
    let src = edited("      display: \"< 20 %\"", "      dispaly: \"< 20 %\"");
    let d = problem(&src);
    assert_eq!(path(&d), "chart.bars[0].dispaly");
    assert!(help(&d).contains("did you mean `display`?"), "{d}");
    assert!(help(&d).contains("`label`, `value`, `display`"), "{d}");
}

#[test]
fn chart_field_at_the_top_level_says_where_it_belongs() {
    let src = edited(
        "title: Caring for children with cancer in Cambodia\n",
        "title: Caring for children with cancer in Cambodia\nbars: []\n",
    );
    let d = problem(&src);
    assert_eq!(path(&d), "bars");
    assert!(help(&d).contains("belongs under `chart:`"), "{d}");
}

#[test]
fn bad_donate_url() {
    let src = edited(
        "donate_url: https://www.japanheart.org",
        "donate_url: japanheart.org/donate",
    );
    let d = problem(&src);
    assert_eq!(path(&d), "call_to_action.donate_url");
    assert_eq!(line(&d), line_of(&src, "donate_url: japanheart"));
    assert!(d.message.contains("not a web address"), "{d}");
    assert!(help(&d).contains("`https://japanheart.org/donate`"), "{d}");

    let src = edited(
        "donate_url: https://www.japanheart.org",
        "donate_url: mailto:give@example.org",
    );
    let d = problem(&src);
    assert_eq!(path(&d), "call_to_action.donate_url");
    assert!(
        help(&d).contains("e-mail address cannot be used here"),
        "{d}"
    );
}

#[test]
fn call_to_action_missing_donate_url() {
    let src = edited("  donate_url: https://www.japanheart.org\n", "");
    let d = problem(&src);
    assert_eq!(path(&d), "call_to_action.donate_url");
    assert_eq!(line(&d), line_of(&src, "heading: How you can help"));
    assert!(
        d.message
            .contains("missing required field `call_to_action.donate_url`"),
        "{d}"
    );
    assert!(help(&d).contains("donate_url: https://"), "{d}");
}

#[test]
fn call_to_action_detail_with_colon_needs_quotes() {
    let src = edited(
        "    - \"Online: www.japanheart.org\"",
        "    - Online: www.japanheart.org",
    );
    let d = problem(&src);
    assert_eq!(path(&d), "call_to_action.details[1]");
    assert_eq!(line(&d), line_of(&src, "- Online: www"));
    assert!(d.message.contains("a group of fields"), "{d}");
    assert!(help(&d).contains("double quotes"), "{d}");
}

#[test]
fn call_to_action_body_is_checked_like_a_section() {
    let src = edited(
        "Japan Heart provides free surgeries",
        "Japan Heart provides [free](japanheart) surgeries",
    );
    let d = problem(&src);
    assert_eq!(path(&d), "call_to_action.body");
    assert_eq!(line(&d), line_of(&src, "[free](japanheart)"));
    assert!(help(&d).contains("https://"), "{d}");
}

#[test]
fn unknown_placement() {
    let src = edited(DOGS_PLACEMENT, &dogs("placement: colum"));
    let d = problem(&src);
    assert_eq!(path(&d), "photos[2].placement");
    assert_eq!(line(&d), line_of(&src, "placement: colum"));
    assert!(d.message.contains("`colum`"), "{d}");
    assert!(help(&d).contains("did you mean `column`?"), "{d}");
    assert!(
        help(&d).contains("`auto`") && help(&d).contains("`page`"),
        "{d}"
    );

    let d = problem(&edited("placement: cover", "placement: Cover"));
    assert!(help(&d).contains("did you mean `cover`?"), "{d}");
    let d = problem(&edited(DOGS_PLACEMENT, &dogs("placement: full-width")));
    assert!(help(&d).contains("did you mean `page`?"), "{d}");
}

#[test]
fn placement_of_the_wrong_type() {
    let src = edited(DOGS_PLACEMENT, &dogs("placement: [column]"));
    let d = problem(&src);
    assert_eq!(path(&d), "photos[2].placement");
    assert!(d.message.contains("one of `auto`"), "{d}");
    assert!(help(&d).contains("placement: column"), "{d}");
}

#[test]
fn section_naming_no_heading() {
    let src = edited(
        "section: Pediatric Cancer Treatment",
        "section: Paediatric Cancer Treatment",
    );
    let d = problem(&src);
    assert_eq!(path(&d), "photos[2].section");
    assert_eq!(line(&d), line_of(&src, "section: Paediatric"));
    assert!(d.message.contains("not the heading of any section"), "{d}");
    assert!(
        help(&d).contains("did you mean `Pediatric Cancer Treatment`?"),
        "{d}"
    );
    assert!(
        help(&d).contains("`Mission & History`, `Pediatric Cancer Treatment`"),
        "{d}"
    );

    // Exactly as written: a difference in case is pointed out, not guessed at.
    let d = problem(&edited(
        "section: Mission & History",
        "section: mission & history",
    ));
    assert_eq!(path(&d), "photos[0].section");
    assert!(
        help(&d).contains("did you mean `Mission & History`?"),
        "{d}"
    );
}

#[test]
fn two_cover_photos() {
    let src = edited(DOGS_PLACEMENT, &dogs("placement: cover"));
    let d = problem(&src);
    assert_eq!(path(&d), "photos[2].placement");
    assert_eq!(
        line(&d),
        line_of(&src, "section: Pediatric Cancer Treatment") - 1
    );
    assert!(
        d.message.contains("`photos[1]` is already the cover"),
        "{d}"
    );
    let first = line_of(&src, "- file: ../assets/photos/dandelions");
    assert!(help(&d).contains(&format!("line {first}")), "{d}");
    assert!(help(&d).contains("only one photo"), "{d}");
}

#[test]
fn new_problems_reported_together() {
    let src = edited("value: 20", "value: -20")
        .replacen("  attribution: Japan Heart, Mission & History\n", "", 1)
        .replacen(DOGS_PLACEMENT, &dogs("placement: colum"), 1)
        .replacen("section: Mission & History", "section: Mission", 1)
        .replacen(
            "donate_url: https://www.japanheart.org",
            "donate_url: japanheart",
            1,
        );
    let diags = problems(&src);
    let paths: Vec<&str> = diags.iter().map(path).collect();
    assert_eq!(
        paths,
        [
            "photos[0].section",
            "photos[2].placement",
            "quote.attribution",
            "chart.bars[0].value",
            "call_to_action.donate_url"
        ]
    );
    assert!(diags.iter().all(|d| line(d) > 0 && !help(d).is_empty()));
}

#[test]
fn missing_top_level_fields_reported_together() {
    let diags = problems("lang: en\ntitle: Hello\n");
    let paths: Vec<&str> = diags.iter().map(path).collect();
    assert_eq!(paths, ["organisation", "key_figures", "sections", "photos"]);
    assert!(diags.iter().all(|d| line(d) == 1 && !help(d).is_empty()));
}

#[test]
fn empty_file() {
    for src in ["", "\n\n", "# only a comment\n", "~\n"] {
        let d = problem(src);
        assert_eq!(line(&d), 1);
        assert!(d.message.contains("empty"), "{d}");
        assert!(help(&d).contains("title:"), "{d}");
    }
}

#[test]
fn top_level_list() {
    let d = problem("- lang: en\n- title: x\n");
    assert_eq!(line(&d), 1);
    assert!(d.message.contains("but this one is a list"), "{d}");
    assert!(help(&d).contains("left margin"), "{d}");
}

#[test]
fn duplicate_key_and_second_document() {
    let src = edited(
        "title: Caring for children with cancer in Cambodia\n",
        "title: Caring for children with cancer in Cambodia\ntitle: Again\n",
    );
    let d = problem(&src);
    assert_eq!(line(&d), line_of(&src, "title: Again"));
    assert!(
        help(&d).contains(&format!("line {}", line_of(&src, "title: Caring"))),
        "{d}"
    );

    let src = format!("{}---\nlang: en\n", example());
    let d = problem(&src);
    assert!(d.message.contains("second document"), "{d}");
    assert!(help(&d).contains("---"), "{d}");
}

#[test]
fn empty_lists_and_pictures_in_prose() {
    let src = edited("photos:\n", "photos: []\nold_photos:\n");
    let d = problem(&src);
    assert_eq!(path(&d), "old_photos");
    assert!(help(&d).contains("did you mean `photos`?"), "{d}");

    let src = example();
    let start = src.find("photos:").unwrap();
    let d = problem(&format!("{}photos: []\n", &src[..start]));
    assert_eq!(path(&d), "photos");
    assert!(d.message.contains("at least one"), "{d}");

    let src = edited(
        "We began by renting",
        "![ward](ward.jpg) We began by renting",
    );
    let d = problem(&src);
    assert_eq!(line(&d), line_of(&src, "![ward]"));
    assert!(help(&d).contains("photos:"), "{d}");
}

#[test]
fn load_reports_missing_and_non_utf8_files() {
    let missing = root().join("content/does-not-exist.yaml");
    match content::load(&missing) {
        Err(Error::Input(d)) => {
            assert_eq!(d[0].file, missing);
            assert!(d[0].message.contains("not found"));
        }
        other => panic!("{other:?}"),
    }
    let binary = root().join("tests/fixtures/content/not-utf8.yaml");
    match content::load(&binary) {
        Err(Error::Input(d)) => {
            assert!(d[0].message.contains("UTF-8"), "{}", d[0]);
            assert_eq!(line(&d[0]), 2);
            assert!(!help(&d[0]).is_empty());
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn key_figure_count_helper() {
    let c = content::load(&example_path()).unwrap();
    assert!(content::check_key_figure_count(&c, 4..=6).is_none());
    let d = content::check_key_figure_count(&c, 4..=5).expect("six is too many");
    assert!(
        d.message.contains("4 to 5") && d.message.contains('6'),
        "{d}"
    );
    assert_eq!(path(&d), "key_figures");
    assert_eq!(line(&d), c.key_figures[5].value.span.line);
    assert!(help(&d).contains("remove 1"), "{d}");
    let d = content::check_key_figure_count(&c, 7..=8).expect("six is too few");
    assert!(help(&d).contains("add 1"), "{d}");
}

#[test]
fn rendered_output_shows_line_caret_and_help() {
    let src = edited("lang: en", "lang: jp");
    let diags = problems(&src);
    let out = render(&diags, Some(&src));
    let n = line_of(&src, "lang: jp");
    assert!(out.contains("error: `lang` is `jp`"), "{out}");
    assert!(
        out.contains(&format!("--> {}:{n}:7", test_path().display())),
        "{out}"
    );
    assert!(out.contains(&format!("{n} | lang: jp")), "{out}");
    // The caret line: the gutter, then carets under `jp` labelled with the field path.
    assert!(
        out.lines()
            .any(|l| l.trim_start().starts_with('|') && l.trim_end().ends_with("      ^^ lang")),
        "{out}"
    );
    assert!(out.contains("help: did you mean `ja`"), "{out}");
    assert!(
        !out.contains('\u{1b}'),
        "plain output has no colour codes: {out:?}"
    );

    // Without the source text the location is still given.
    let out = render(&diags, None);
    assert!(out.contains(&format!(":{n}:7")), "{out}");
    assert!(out.contains("help:"), "{out}");
}

// ---- robustness --------------------------------------------------------------------

/// Parses and renders `src`; the point is that neither panics.
fn survives(src: &str) {
    if let Err(Error::Input(diags)) = content::parse(src, &test_path()) {
        assert!(!diags.is_empty());
        let _ = render(&diags, Some(src));
    }
}

#[test]
fn odd_inputs_do_not_panic() {
    let cases = [
        "",
        " ",
        "\t",
        "\t\t\n\t",
        "-",
        "---",
        "...",
        ":",
        "- - -",
        "[",
        "{",
        "]]]",
        "&a [*a, *a]",
        "*nope",
        "!!binary AAAA",
        "lang: [1, 2]",
        "title: {a: b}",
        "organisation: []",
        "key_figures: {}",
        "sections:\n  - \n",
        "photos:\n  - file:\n    focus: []\n",
        "photos:\n  - focus: [.nan, .inf]\n",
        "photos:\n  - focus: [1e999999, -1e999999]\n",
        "photos:\n  - focus: [99999999999999999999999999999999999999, 0]\n",
        "key_figures:\n  - value: 99999999999999999999999999999999999999\n",
        "title: \"\\uD800\"",
        "title: \"\\x00\"",
        "\u{feff}lang: en\n",
        "lang: en\r\ntitle: x\r\n",
        "\u{0}\u{1}\u{2}\u{7f}",
        "ሰላም: 世界\n",
        "? [a, b]\n: c\n",
        "a: &x b\nc: *x\n",
        "<<: {title: x}\n",
        "sections:\n  - heading: x\n    body: |\n      # h\n\n      > q\n\n      ```\n\n      [a]: b\n",
        "fonts: [\"\", \"/\", \".\", \"..\"]\n",
        "photos:\n  - file: /\n  - file: .\n  - file: \"\\0\"\n",
        "photos:\n  - placement: [cover]\n    section: {a: b}\n  - placement: \"\"\n",
        "photos:\n  - placement: cover\n  - placement: cover\n    section: x\n",
        "quote: x\n",
        "quote:\n  text: \"“\"\n",
        "quote:\n  text: \"„‘’“\"\n  attribution: \"»\"\n",
        "chart:\n  bars: [1, 2]\n",
        "chart:\n  max: .nan\n  bars:\n    - value: .inf\n    - value: -.inf\n",
        "chart:\n  max: -1\n  unit: \"\"\n  bars: []\n",
        "chart:\n  bars:\n    - value: 0\n    - value: 0\n",
        "chart:\n  bars:\n    - value: 1e999999\n    - value: 99999999999999999999999999\n",
        "call_to_action:\n  details: [[], {}, \"\"]\n  body: \"\"\n  donate_url: \"\"\n",
        "call_to_action: []\n",
    ];
    for case in cases {
        survives(case);
    }
    survives(&"a:\n ".repeat(500));
    survives(&"[".repeat(10_000));
    survives(&"- ".repeat(10_000));
    survives(&format!("title: {}\n", "x".repeat(200_000)));
    survives(&format!("{}: 1\n", "k".repeat(10_000)));
}

#[test]
fn mutated_examples_do_not_panic() {
    let base: Vec<char> = example().chars().collect();
    let specials: Vec<char> = ":-[]{}#&*!|>'\"%@`,?~ \t\n\\é日\u{0}".chars().collect();
    // A fixed xorshift generator keeps the test repeatable.
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = |below: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        usize::try_from(state % u64::try_from(below.max(1)).unwrap()).unwrap()
    };
    for _ in 0..400 {
        let mut chars = base.clone();
        for _ in 0..1 + next(4) {
            let at = next(chars.len());
            match next(4) {
                0 => {
                    let len = next(40).min(chars.len() - at);
                    chars.drain(at..at + len);
                }
                1 => chars.insert(at, specials[next(specials.len())]),
                2 => chars.truncate(at),
                _ => {
                    let len = next(60).min(chars.len() - at);
                    let copy: Vec<char> = chars[at..at + len].to_vec();
                    let to = next(chars.len());
                    chars.splice(to..to, copy);
                }
            }
        }
        let src: String = chars.into_iter().collect();
        survives(&src);
    }
}

#[test]
fn windows_line_endings_and_byte_order_mark() {
    let src = format!("\u{feff}{}", example().replace('\n', "\r\n"));
    let c = content::parse(&src, &test_path()).expect("CRLF with a BOM loads");
    assert_eq!(c.sections[0].paragraphs.len(), 6);
    assert_eq!(c.sections[1].paragraphs.len(), 3);
    assert_eq!(
        c.sections[0].paragraphs[1].span.line,
        line_of(&src, "Through our experiences")
    );
    assert!(!text_of(&c.sections[0].paragraphs[0]).contains('\r'));
    assert_eq!(c.lang.as_str(), "en");
}

// ---- text that prints differently from how it reads ----------------------------------

#[test]
fn text_that_shows_nothing_is_refused() {
    // Written as YAML escapes, so the test file itself stays readable.
    for blank in [
        "\\u00a0",
        "\\u202f\\u3000",
        "\\u200b",
        "\\u200c\\u200d\\u2060",
        "\\ufeff",
        "\\u00ad",
        "\\u034f\\ufe0f",
        "\\u2028\\u00a0",
    ] {
        let src = edited(
            "title: Caring for children with cancer in Cambodia",
            &format!("title: \"{blank}\""),
        );
        let d = problem(&src);
        assert_eq!(path(&d), "title", "{blank}");
        assert_eq!(line(&d), line_of(&src, "title: \""));
        assert!(d.message.contains("`title` has no visible text"), "{d}");
        assert!(help(&d).contains("no-break"), "{d}");
        assert!(help(&d).contains("title:"), "{d}");
    }
}

#[test]
fn every_kind_of_text_field_must_show_something() {
    let cases = [
        (
            "  name: Japan Heart Cambodia",
            "  name: \"\\u3000\"",
            "organisation.name",
        ),
        (
            "heading: Mission & History",
            "heading: \"\\u200b\"",
            "sections[0].heading",
        ),
        (
            "caption: Colour and play belong on a children's ward as much as medicine does.",
            "caption: \"\\u00a0\\u00a0\"",
            "photos[0].caption",
        ),
        (
            "    - label: Cambodia",
            "    - label: \"\\ufeff\"",
            "chart.bars[0].label",
        ),
        (
            "      display: \"< 20 %\"",
            "      display: \"\\u200d\"",
            "chart.bars[0].display",
        ),
        ("  unit: \"%\"", "  unit: \"\\u00ad\"", "chart.unit"),
        (
            "    - \"Online: www.japanheart.org\"",
            "    - \"\\u2060\"",
            "call_to_action.details[1]",
        ),
        (
            "section: Pediatric Cancer Treatment",
            "section: \"\\u00a0\"",
            "photos[2].section",
        ),
    ];
    for (from, to, field) in cases {
        let d = problem(&edited(from, to));
        assert_eq!(path(&d), field, "{d}");
        assert_eq!(d.message, format!("`{field}` has no visible text"), "{d}");
        assert!(!help(&d).is_empty(), "{d}");
    }
    // A list item's text follows the dash.
    let d = problem(&edited(
        "    - \"Online: www.japanheart.org\"",
        "    - \"\\u2060\"",
    ));
    assert!(help(&d).contains("`- `"), "{d}");
}

#[test]
fn no_break_spaces_inside_real_text_are_kept() {
    let src = edited("value: \"~40\"", "value: \"40\\u00a0%\"");
    let c = content::parse(&src, &test_path()).expect("a no-break space in text is fine");
    assert_eq!(c.key_figures[2].value.value, "40\u{a0}%");
    // Khmer separates words with zero-width spaces; that text shows plenty.
    let src = edited(
        "title: Caring for children with cancer in Cambodia",
        "title: \"\u{1781}\u{17d2}\u{1798}\u{17c2}\u{179a}\\u200b\u{1780}\"",
    );
    assert!(content::parse(&src, &test_path()).is_ok());
}

#[test]
fn body_that_shows_nothing_is_refused() {
    let src = example();
    let start = src.find("  - heading: Pediatric").unwrap();
    let end = src.find("photos:").unwrap();
    let src = format!(
        "{}  - heading: Pediatric Cancer Treatment\n    body: \"\\u00a0\\n\\n\\u200b\"\n\n{}",
        &src[..start],
        &src[end..]
    );
    let d = problem(&src);
    assert_eq!(path(&d), "sections[1].body");
    assert!(d.message.contains("has no visible text"), "{d}");
    assert!(help(&d).contains("body: |"), "{d}");
}

#[test]
fn direction_controls_in_names_and_addresses_are_refused() {
    let d = problem(&edited(
        "  name: Japan Heart Cambodia",
        "  name: \"Japan Heart \\u202eaidobmaC\"",
    ));
    assert_eq!(path(&d), "organisation.name");
    assert!(d.message.contains("U+202E (right-to-left override)"), "{d}");
    assert!(d.message.contains("could read differently"), "{d}");
    assert!(help(&d).contains("remove the U+202E character"), "{d}");

    let src = edited(
        "  website: https://www.japanheart.org",
        "  website: \"https://www.japanheart.org/\\u202egro.elpmaxe\"",
    );
    let d = problem(&src);
    assert_eq!(path(&d), "organisation.website");
    assert_eq!(line(&d), line_of(&src, "  website:"));
    assert!(d.message.contains("U+202E"), "{d}");
    assert!(
        d.message
            .contains("printed address could differ from the one it links to"),
        "{d}"
    );

    for (control, name) in [
        ("\\u200f", "U+200F"),
        ("\\u061c", "U+061C"),
        ("\\u2066", "U+2066"),
        ("\\u202a", "U+202A"),
    ] {
        let d = problem(&edited(
            "donate_url: https://www.japanheart.org",
            &format!("donate_url: \"https://www.japanheart.org{control}\""),
        ));
        assert_eq!(path(&d), "call_to_action.donate_url");
        assert!(d.message.contains(name), "{d}");
    }
    let d = problem(&edited(
        "credit: Photo by Clemens Engelhardt, CC0",
        "credit: \"Photo by \\u2067Clemens Engelhardt\\u2069, CC0\"",
    ));
    assert_eq!(path(&d), "photos[1].credit");
    assert!(d.message.contains("U+2067"), "{d}");
}

#[test]
fn right_to_left_letters_are_fine() {
    let src = edited(
        "  name: Japan Heart Cambodia",
        "  name: Japan Heart \u{627}\u{644}\u{64a}\u{627}\u{628}\u{627}\u{646}",
    );
    assert!(content::parse(&src, &test_path()).is_ok());
}

#[test]
fn direction_controls_in_prose_are_refused() {
    let src = edited("We began by renting", "We began by \u{202e}renting");
    let d = problem(&src);
    assert_eq!(path(&d), "sections[0].body");
    assert_eq!(line(&d), line_of(&src, "We began by \u{202e}"));
    assert!(
        d.message
            .contains("paragraph 6 of `sections[0].body` (“Mission & History”)"),
        "{d}"
    );
    assert!(d.message.contains("U+202E"), "{d}");
    assert!(help(&d).contains("remove the U+202E character"), "{d}");

    let src = edited(
        "We began by renting",
        "We [began](https://example.org/\u{202e}gpj.exe) by renting",
    );
    let d = problem(&src);
    assert!(d.message.starts_with("a link in paragraph 6"), "{d}");
    assert!(d.message.contains("where the link leads"), "{d}");
}

// ---- numbers, files and links ---------------------------------------------------------

#[test]
fn chart_numbers_beyond_the_limit() {
    let src = edited("value: 20", "value: 1e308");
    let d = problem(&src);
    assert_eq!(path(&d), "chart.bars[0].value");
    assert_eq!(line(&d), line_of(&src, "value: 1e308"));
    assert!(d.message.contains("more than a chart can show"), "{d}");
    assert!(d.message.contains("1 000 000 000 000 000"), "{d}");
    assert!(d.message.contains("1e308"), "{d}");
    assert!(help(&d).contains("unit:"), "{d}");

    // Written out in full, the number is still not echoed whole.
    let digits = format!("1{}", "0".repeat(308));
    let d = problem(&edited("value: 20", &format!("value: {digits}")));
    assert_eq!(path(&d), "chart.bars[0].value");
    assert!(!d.message.contains(&"0".repeat(30)), "{d}");
    assert!(d.message.chars().count() < 200, "{d}");

    let d = problem(&with_chart_max("1e20"));
    assert_eq!(path(&d), "chart.max");
    assert!(d.message.contains("more than a chart can show"), "{d}");

    // The limit itself is fine.
    let src = edited("value: 80", "value: 1e15").replacen("value: 20", "value: 1e14", 1);
    assert!(content::parse(&src, &test_path()).is_ok());
}

#[test]
fn long_values_are_shortened_in_messages() {
    let long = "x".repeat(5000);
    let d = problem(&edited("lang: en", &format!("lang: {long}")));
    assert!(d.message.contains('…'), "{d}");
    assert!(d.message.chars().count() < 200, "{d}");
    let d = problem(&edited("[0.5, 0.45]", "[0.5, 1e308]"));
    assert!(d.message.contains("1e308"), "{d}");
    let d = problem(&edited("\"#c8102e\"", &format!("\"{long}\"")));
    assert!(d.message.chars().count() < 200, "{d}");
    // Wrong types and unknown fields, reported while reading the YAML.
    let d = problem(&edited("value: 20", &format!("value: {long}")));
    assert!(d.message.chars().count() < 200, "{d}");
    let d = problem(&edited(
        "    caption: Colour",
        &format!("    {long}: Colour"),
    ));
    assert!(d.message.chars().count() < 200, "{d}");
    assert!(path(&d).chars().count() < 100, "{d}");
}

#[test]
fn photos_and_fonts_must_be_local_files() {
    for address in [
        "https://example.org/ward.jpg",
        "http://example.org/ward.jpg",
        "ftp://example.org/ward.jpg",
        "www.example.org/ward.jpg",
    ] {
        let src = edited("../assets/photos/paint-brushes.jpg", address);
        let d = problem(&src);
        assert_eq!(path(&d), "photos[0].file", "{address}");
        assert_eq!(line(&d), line_of(&src, address));
        assert!(d.message.contains("is a web address"), "{d}");
        assert!(
            help(&d)
                .contains("photos must be local files: download the photo and give its file name"),
            "{d}"
        );
        assert!(!d.message.contains("not found"), "{d}");
    }
    let d = problem(&edited(
        "../assets/photos/paint-brushes.jpg",
        "file:///home/me/ward.jpg",
    ));
    assert!(help(&d).contains("`/home/me/ward.jpg`"), "{d}");

    let d = problem(&format!(
        "{}fonts:\n  - https://example.org/NotoSansKhmer.ttf\n",
        example()
    ));
    assert_eq!(path(&d), "fonts[0]");
    assert!(
        help(&d).contains("fonts must be local files: download the font and give its file name"),
        "{d}"
    );
}

#[test]
fn links_lead_only_to_web_pages_and_mail() {
    for target in [
        "javascript:alert(1)",
        "file:///etc/passwd",
        "ftp://example.org/report.pdf",
        "data:text/html,hello",
        "tel:+855123456",
    ] {
        let src = edited(
            "We began by renting",
            &format!("We [began]({target}) by renting"),
        );
        let d = problem(&src);
        assert_eq!(path(&d), "sections[0].body", "{target}");
        assert_eq!(line(&d), line_of(&src, "We [began]"));
        assert!(d.message.contains(&format!("leads to `{target}`")), "{d}");
        assert!(d.message.contains("(“Mission & History”)"), "{d}");
        assert!(help(&d).contains("`https://…`"), "{d}");
    }
    // Autolinks too.
    let d = problem(&edited(
        "We began by renting",
        "We began <javascript:alert(1)> by renting",
    ));
    assert!(d.message.contains("javascript:"), "{d}");
    // Relative paths have no address.
    let d = problem(&edited(
        "We began by renting",
        "We [began](../page.html) by renting",
    ));
    assert!(d.message.contains("has no usable address"), "{d}");
    // A long target is shortened.
    let target = format!("javascript:{}", "a".repeat(1000));
    let d = problem(&edited(
        "We began by renting",
        &format!("We [began]({target}) by renting"),
    ));
    assert!(
        d.message.contains('…') && d.message.chars().count() < 250,
        "{d}"
    );
    // Mail autolinks are links to mail.
    let src = edited(
        "We began by renting",
        "Write to <give@example.org>. We began by renting",
    );
    let c = content::parse(&src, &test_path()).expect("a mail autolink is fine");
    let linked = c.sections[0].paragraphs[5]
        .inlines
        .iter()
        .any(|i| matches!(i, Inline::Text { link: Some(l), .. } if l == "mailto:give@example.org"));
    assert!(linked, "{:?}", c.sections[0].paragraphs[5].inlines);
}

// ---- limits -------------------------------------------------------------------------------

/// `src` parsed within `seconds`; the point of a limit is that it is never a hang.
fn problems_within(src: &str, seconds: u64) -> Vec<Diagnostic> {
    let start = std::time::Instant::now();
    let diags = problems(src);
    let took = start.elapsed();
    assert!(
        took < std::time::Duration::from_secs(seconds),
        "took {took:?}"
    );
    diags
}

#[test]
fn paragraph_too_long() {
    let words = "care ".repeat(40_001);
    let src = edited(
        "We began by renting",
        &format!("{words}We began by renting"),
    );
    let diags = problems_within(&src, 10);
    assert_eq!(diags.len(), 1, "{diags:#?}");
    let d = &diags[0];
    assert_eq!(path(d), "sections[0].body");
    assert_eq!(line(d), line_of(&src, "care care"));
    assert!(
        d.message.contains("paragraph 6 of `sections[0].body`"),
        "{d}"
    );
    assert!(d.message.contains("characters long"), "{d}");
    assert!(d.message.contains("at most 200 000"), "{d}");
    assert!(help(d).contains("blank line"), "{d}");

    let src = edited(
        "keep treatment free for\n",
        &format!("keep treatment free for {}\n", "x".repeat(200_001)),
    );
    let d = problem(&src);
    assert_eq!(path(&d), "call_to_action.body");
}

#[test]
fn too_many_key_figures_sections_photos_and_fonts() {
    let figure = "  - value: \"2004\"\n    label: Japan Heart founded\n    source: Mission\n";
    let src = edited(
        "key_figures:\n",
        &format!("key_figures:\n{}", figure.repeat(3)),
    );
    let d = problem(&src);
    assert_eq!(path(&d), "key_figures[8]");
    assert!(
        d.message
            .contains("`key_figures` has 9 key figures; a content file can have at most 8"),
        "{d}"
    );
    assert!(help(&d).contains("remove 1 key figure"), "{d}");

    let sections: String = (0..39)
        .map(|i| format!("  - heading: Extra {i}\n    body: Text.\n"))
        .collect();
    let src = edited("sections:\n", &format!("sections:\n{sections}"));
    let d = problem(&src);
    assert_eq!(path(&d), "sections[40]");
    assert!(
        d.message
            .contains("has 41 sections; a content file can have at most 40"),
        "{d}"
    );

    let photo =
        "  - file: ../assets/photos/paint-brushes.jpg\n    caption: c\n    credit: c\n    alt: a\n";
    let src = edited("photos:\n", &format!("photos:\n{}", photo.repeat(38)));
    let d = problem(&src);
    assert_eq!(path(&d), "photos[40]");
    assert!(
        d.message
            .contains("has 41 photos; a content file can have at most 40"),
        "{d}"
    );
    assert!(help(&d).contains("remove 1 photo"), "{d}");

    let fonts = "  - ../fonts/NotoSans-Regular.ttf\n".repeat(17);
    let d = problem(&format!("{}fonts:\n{fonts}", example()));
    assert_eq!(path(&d), "fonts[16]");
    assert!(
        d.message
            .contains("has 17 font files; a content file can have at most 16"),
        "{d}"
    );
}

#[test]
fn content_larger_than_the_limit() {
    let src = format!("{}# {}\n", example(), "x".repeat(10_000_000));
    let d = problem(&src);
    assert!(
        d.message
            .contains("more than the 10 MB a content file can have"),
        "{d}"
    );
    assert!(help(&d).contains("right file"), "{d}");
}

#[test]
fn deep_nesting_is_refused_quickly() {
    // No field of the format nests deeply, so reading stops at the first level that
    // does not fit; the nesting limit itself is tested where the YAML is read.
    let src = format!("title: x\nkey_figures:\n  {}x\n", "- ".repeat(10_000));
    let d = problems_within(&src, 5).remove(0);
    assert_eq!(line(&d), 3, "{d}");
    assert!(!help(&d).is_empty(), "{d}");
    for src in [
        format!(
            "title: x\nsections: {}{}\n",
            "[".repeat(10_000),
            "]".repeat(10_000)
        ),
        format!("title: x\nsections: {}\n", "{a: ".repeat(10_000)),
        format!("title: x\nsections: {}\n", "[{a: ".repeat(5_000)),
    ] {
        let d = problems_within(&src, 5).remove(0);
        assert_eq!(line(&d), 2, "{d}");
        assert!(!help(&d).is_empty(), "{d}");
    }
}

#[test]
fn alias_bombs_are_refused_quickly() {
    // Nine levels of ten aliases each: a billion values once written out.
    let mut bomb = String::from("fonts: &a0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n");
    for level in 1..10 {
        let refs = vec![format!("*a{}", level - 1); 10].join(", ");
        bomb.push_str(&format!("title: &a{level} [{refs}]\n"));
    }
    let d = problems_within(&bomb, 5).remove(0);
    assert!(line(&d) > 0, "{d}");
    assert!(!help(&d).is_empty(), "{d}");

    // A long text repeated through aliases: small file, huge content.
    let mut src = edited(
        "title: Caring for children with cancer in Cambodia",
        &format!("title: &t \"{}\"", "x".repeat(1_000_000)),
    );
    let figures = "  - value: *t\n    label: *t\n    source: *t\n".repeat(8);
    src = src.replacen("key_figures:\n", &format!("key_figures:\n{figures}"), 1);
    let d = problems_within(&src, 10).remove(0);
    assert!(d.message.contains("alias"), "{d}");
    assert!(line(&d) > 0, "{d}");

    // Many aliases of a small group.
    let photo = "  - file: ../assets/photos/paint-brushes.jpg\n    caption: c\n    credit: c\n    alt: a\n    focus: *f\n";
    let photos = format!(
        "{}{}",
        photo.replace("*f", "&f [0.5, 0.5]"),
        photo.repeat(3000)
    );
    let src = edited("photos:\n", &format!("photos:\n{photos}"));
    let d = problems_within(&src, 10).remove(0);
    assert!(d.message.contains("alias"), "{d}");
}

#[test]
fn duplicate_keys_in_a_group_name_both_lines() {
    let src = edited(
        "    caption: Waiting, watching, hoping.\n",
        "    caption: Waiting, watching, hoping.\n    credit: Again\n",
    );
    let d = problem(&src);
    let first = line_of(&src, "credit: Again");
    let second = line_of(&src, "credit: Photo “friends”");
    assert_eq!(line(&d), second);
    assert_eq!(path(&d), "photos[2].credit");
    assert!(d.message.contains("`credit` is written twice"), "{d}");
    assert!(
        d.message
            .contains(&format!("on line {first} and again on line {second}")),
        "{d}"
    );
    assert!(help(&d).contains(&format!("line {first}")), "{d}");
}

/// The rows of the "Limits" table in docs/content-format.md: first cell, second cell.
fn documented_limits() -> (String, Vec<(String, String)>) {
    let docs = std::fs::read_to_string(root().join("docs/content-format.md")).unwrap();
    let start = docs
        .find("\n## Limits\n")
        .expect("the docs have a Limits section");
    let section = &docs[start + 1..];
    let end = section[3..].find("\n## ").map_or(section.len(), |i| i + 3);
    let section = section[..end].to_string();
    let rows = section
        .lines()
        .filter(|l| l.starts_with('|') && !l.starts_with("|---"))
        .skip(1)
        .map(|l| {
            let cells: Vec<&str> = l.split('|').map(str::trim).collect();
            (cells[1].to_string(), cells[2].to_string())
        })
        .collect();
    (section, rows)
}

/// `200 000` for 200000, as the docs write numbers.
fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

fn mb(bytes: u64) -> String {
    assert!(
        bytes.is_multiple_of(1_000_000),
        "limits in bytes are whole megabytes"
    );
    format!("{} MB", bytes / 1_000_000)
}

#[test]
fn limits_are_documented_as_enforced() {
    use brochure::limits::*;
    let (section, rows) = documented_limits();
    let value_of = |label: &str| {
        let rows: Vec<&(String, String)> = rows.iter().filter(|(l, _)| l.contains(label)).collect();
        assert_eq!(rows.len(), 1, "one row for {label:?} in {rows:?}");
        rows[0].1.clone()
    };
    let expected = [
        ("content file", mb(MAX_CONTENT_BYTES)),
        (
            "paragraph",
            format!("{} characters", grouped(MAX_PARAGRAPH_CHARS as u64)),
        ),
        ("inside each other", format!("{MAX_NESTING_DEPTH} levels")),
        ("aliases", grouped(MAX_ALIAS_EVENTS as u64)),
        ("`key_figures`", MAX_KEY_FIGURES.to_string()),
        ("`sections`", MAX_SECTIONS.to_string()),
        ("`photos`", MAX_PHOTOS.to_string()),
        ("`chart.bars`", MAX_CHART_BARS.to_string()),
        ("`max`", grouped(MAX_CHART_VALUE as u64)),
        ("`fonts`", MAX_FONTS.to_string()),
        (
            "`khmer_words`",
            format!("{MAX_KEPT_WORDS}, each at most {MAX_KEPT_WORD_CHARS} characters"),
        ),
        ("photo file", mb(MAX_PHOTO_BYTES)),
        (
            "in pixels",
            format!("{} megapixels", MAX_PHOTO_PIXELS / 1_000_000),
        ),
        ("font file", mb(MAX_FONT_BYTES)),
        ("logo file", mb(MAX_LOGO_BYTES)),
    ];
    for (label, value) in &expected {
        assert_eq!(&value_of(label), value, "the docs' value for {label:?}");
    }
    assert_eq!(
        rows.len(),
        expected.len(),
        "a documented limit is not checked here"
    );
    assert!(section.contains(&format!("shortened to {MAX_ECHO_CHARS} characters")));
}
