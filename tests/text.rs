//! Paragraph setting: justification fills the measure, hyphens are visible, and the
//! text the runs carry is exactly the input text.

use brochure::content::model::Rgb;
use brochure::text::{Align, Family, FontBook, ParStyle, Styled, Typesetter};

const SEED: &str = "One of the barriers to treatment for pediatric cancer patients is that their families simply cannot afford to pay for the care. Furthermore, even if they are able to go to the hospital, their treatment is often ineffective due to a lack of knowledge or skill related to pediatric cancers. As a result, mistaken diagnoses, delays, and a general difficulty of treatment is common.";

fn body() -> ParStyle {
    let mut s = ParStyle::new(Family::Serif, 9.5, 13.0, Rgb::new(0, 0, 0), "en");
    s.align = Align::Justify;
    s.hyphenate = true;
    s
}

/// How far line `l` may reach past the measure: part of a final hyphen or
/// punctuation mark hangs into the margin (optical margin alignment); nothing else.
fn hang_allowance(l: &brochure::text::Line, style: &ParStyle) -> f32 {
    let last = line_text(l).trim_end().chars().last().unwrap_or(' ');
    let hangs = "-\u{ad}.,:;’”'\"–—!?)".contains(last);
    if style.align == Align::Justify && !l.last && hangs {
        0.6 * 0.5 * style.size + 0.1
    } else {
        0.1
    }
}

fn line_text(line: &brochure::text::Line) -> String {
    line.runs.iter().map(|(_, r)| r.text.as_str()).collect()
}

#[test]
fn justified_lines_fill_the_measure() {
    let mut ts = Typesetter::new(FontBook::new());
    let mut all_hanging = 0;
    for width in [160.0, 200.0, 240.0] {
        let p = ts.set(&[Styled::plain(SEED)], &body(), width);
        assert!(p.lines.len() > 3);
        let mut hanging = 0;
        for l in &p.lines[..p.lines.len() - 1] {
            let ink: f32 = l.runs.last().map(|(x, r)| x + r.width()).unwrap();
            // Trailing spaces are dropped at a break, so the ink reaches the measure,
            // and a line ending in punctuation or a hyphen hangs it into the margin.
            let hang = hang_allowance(l, &body());
            assert!(
                ink > width - 0.1 && ink < width + 0.1 + hang,
                "line '{}' is {ink} wide, not {width}",
                line_text(l)
            );
            if ink > width + 0.5 {
                hanging += 1;
            }
        }
        all_hanging += hanging;
        let last = p.lines.last().unwrap();
        assert!(last.width < width + 0.1);
    }
    assert!(all_hanging > 0, "no line hangs its punctuation");
}

#[test]
fn hyphenated_breaks_show_a_hyphen_and_text_survives() {
    let mut ts = Typesetter::new(FontBook::new());
    let p = ts.set(&[Styled::plain(SEED)], &body(), 150.0);
    let mut joined = String::new();
    let mut hyphens = 0;
    for l in &p.lines {
        let t = line_text(l);
        if l.hyphenated {
            hyphens += 1;
            assert!(t.ends_with('\u{ad}'), "{t:?}");
            // The hyphen glyph is really drawn: the last glyph has width.
            let (_, r) = l.runs.last().unwrap();
            assert!(r.glyphs.last().unwrap().advance > 1.0);
        }
        joined.push_str(&t);
        if !l.hyphenated && !l.last {
            joined.push(' ');
        }
    }
    assert!(hyphens > 0, "a narrow measure should need a hyphen");
    let cleaned: String = joined.chars().filter(|&c| c != '\u{ad}').collect();
    assert_eq!(cleaned.trim_end(), SEED);
}

#[test]
fn ragged_and_centred_lines_do_not_exceed_the_measure() {
    let mut ts = Typesetter::new(FontBook::new());
    for align in [Align::Left, Align::Center, Align::Right] {
        let mut s = body();
        s.align = align;
        let p = ts.set(&[Styled::plain(SEED)], &s, 180.0);
        for l in &p.lines {
            let (x0, _) = l.runs[0];
            let ink: f32 = l.runs.last().map(|(x, r)| x + r.width()).unwrap();
            assert!(x0 >= -0.01 && ink <= 180.1, "{align:?}: {x0}..{ink}");
        }
    }
}

#[test]
fn styles_and_links_make_runs() {
    let mut ts = Typesetter::new(FontBook::new());
    let pieces = [
        Styled::plain("Visit "),
        Styled {
            text: "our website".into(),
            link: Some("https://example.org".into()),
            bold: true,
            ..Default::default()
        },
        Styled::plain(" today."),
    ];
    let p = ts.set(&pieces, &body(), 300.0);
    assert_eq!(p.lines.len(), 1);
    let l = &p.lines[0];
    assert!(l.runs.len() >= 3);
    assert_eq!(l.links.len(), 1);
    let (a, b, url) = &l.links[0];
    assert!(b > a && url == "https://example.org");
    let fonts: std::collections::HashSet<_> = l.runs.iter().map(|(_, r)| r.font).collect();
    assert!(fonts.len() >= 2, "bold text uses another face");
}

#[test]
fn khmer_and_japanese_shape_with_their_fonts() {
    let mut ts = Typesetter::new(FontBook::new());
    let mut s = body();
    s.lang = "km".into();
    let p = ts.set(&[Styled::plain("មន្ទីរពេទ្យកុមារ")], &s, 300.0);
    let run = &p.lines[0].runs[0].1;
    assert!(ts.fonts.get(run.font).unwrap().name.contains("Khmer"));
    s.lang = "ja".into();
    let p = ts.set(
        &[Styled::plain("小児がんの子どもたちに医療を届けます。")],
        &s,
        60.0,
    );
    assert!(p.lines.len() > 1, "Japanese breaks between characters");
    assert!(
        ts.fonts
            .get(p.lines[0].runs[0].1.font)
            .unwrap()
            .name
            .contains("CJK")
    );
}

#[test]
fn content_fonts_are_checked_and_registered() {
    let mut book = FontBook::new();
    let root = env!("CARGO_MANIFEST_DIR");
    let fams = book
        .add_file(format!("{root}/fonts/NotoSerif-Bold.ttf").as_ref())
        .expect("a TrueType font loads");
    assert!(fams.iter().any(|f| f == "Noto Serif"), "{fams:?}");
    assert_eq!(book.extra_families(), ["Noto Serif".to_string()]);
    let err = book
        .add_file(format!("{root}/README.md").as_ref())
        .unwrap_err();
    assert!(err.contains("TrueType or OpenType"), "{err}");
    assert!(book.add_file("no/such/font.ttf".as_ref()).is_err());
}

#[test]
fn a_word_longer_than_the_measure_breaks_instead_of_overrunning() {
    let mut ts = Typesetter::new(FontBook::new());
    let long = "Supercalifragilisticexpialidociousnessandevenlongerwordsthatneverend";
    let text = format!(
        "Before {long} after, and https://example.org/a/very/long/path/that/goes/on/and/on/forever more."
    );
    for align in [Align::Justify, Align::Left] {
        let mut s = body();
        s.align = align;
        let p = ts.set(&[Styled::plain(text.clone())], &s, 120.0);
        for l in &p.lines {
            let ink: f32 = l.runs.last().map(|(x, r)| x + r.width()).unwrap();
            assert!(
                ink <= 120.0 + hang_allowance(l, &s),
                "{align:?}: line '{}' is {ink} wide",
                line_text(l)
            );
        }
        let joined: String = p.lines.iter().map(line_text).collect::<Vec<_>>().join("");
        let cleaned: String = joined
            .chars()
            .filter(|&c| c != '\u{ad}' && c != ' ')
            .collect();
        assert_eq!(cleaned, text.replace(' ', ""));
    }
}

#[test]
fn web_addresses_break_after_their_marks_with_no_space_and_no_hyphen() {
    let mut ts = Typesetter::new(FontBook::new());
    let url = "https://highland-eyecare.example.org/accounts/2025/annual-report/summary.pdf";
    let pieces = brochure::compose::linked(&format!(
        "Our audited accounts are published every year at {url} together with the results."
    ));
    for width in [90.0, 120.0, 160.0] {
        let p = ts.set(&pieces, &body(), width);
        let texts: Vec<String> = p.lines.iter().map(line_text).collect();
        for (k, l) in p.lines.iter().enumerate() {
            let t = &texts[k];
            assert!(
                !t.ends_with("https:") && !t.ends_with("https:/") && !t.ends_with("https://"),
                "{texts:?}"
            );
            assert!(
                !l.hyphenated || !t.contains("example"),
                "no hyphen added in the address: {texts:?}"
            );
            // Within the address, glyphs sit at their natural advances: no justification
            // space opens after a slash.
            for (_, r) in &l.runs {
                if r.text.len() > 3 && url.contains(r.text.as_str()) {
                    let natural = ts.measure(&[Styled::plain(r.text.clone())], &body());
                    assert!(
                        (r.width() - natural).abs() < 0.05,
                        "{:?} is {} wide, not {natural}",
                        r.text,
                        r.width()
                    );
                }
            }
        }
        let joined: String = texts.concat().replace('\u{ad}', "");
        assert!(joined.replace(' ', "").contains(url), "{texts:?}");
    }
}

#[test]
fn a_year_and_a_word_joined_by_a_hyphen_stay_together() {
    let mut ts = Typesetter::new(FontBook::new());
    let text = "The new ward opens in the 2027-spring term when the building is done.";
    for width in [100.0, 110.0, 120.0, 130.0, 140.0] {
        let p = ts.set(&[Styled::plain(text)], &body(), width);
        for l in &p.lines {
            assert!(
                !line_text(l).ends_with("2027-"),
                "{width}: {:?}",
                line_text(l)
            );
        }
    }
}

#[test]
fn a_number_stays_with_its_percent_sign_and_a_comparison_with_its_number() {
    let mut ts = Typesetter::new(FontBook::new());
    let text = "Survival is < 20 % in Cambodia, against more than 80 % in developed countries, and near 90 % where care is complete.";
    for align in [Align::Justify, Align::Left] {
        let mut style = body();
        style.align = align;
        for width in (40..=160).step_by(3) {
            let p = ts.set(&[Styled::plain(text)], &style, width as f32);
            let lines: Vec<String> = p.lines.iter().map(line_text).collect();
            let squeeze = |s: &str| s.replace(['\u{ad}', ' '], "");
            assert_eq!(squeeze(&lines.concat()), squeeze(text), "{width}");
            for l in &lines {
                assert!(!l.starts_with('%'), "{width}: {lines:?}");
                assert!(!l.trim_end().ends_with('<'), "{width}: {lines:?}");
            }
        }
    }
}

#[test]
fn never_more_than_two_hyphenated_lines_in_a_row() {
    let mut ts = Typesetter::new(FontBook::new());
    // Long words in narrow columns, where hyphens come thick: at no width may three
    // lines in a row end in one.
    let text = "international responsibility communities accommodation counselling \
                independent sustainable organisations internationally responsibilities \
                administration accommodations understanding collaboration \
                representatives unfortunately characteristically incomprehensibility \
                environmental considerations telecommunication infrastructure";
    let mut worst = 0;
    for mm in [30.0, 34.0, 38.0, 42.0, 46.0, 50.0, 55.0] {
        let set = ts.set(&[Styled::plain(text)], &body(), mm * 72.0 / 25.4);
        let mut run = 0;
        for line in &set.lines {
            run = if line.hyphenated { run + 1 } else { 0 };
            worst = worst.max(run);
            assert!(run <= 2, "three hyphens in a row at {mm} mm");
        }
    }
    assert!(worst >= 1, "the text does hyphenate");
}

/// A paragraph of the example's Khmer edition: few spaces, words the dictionary finds.
const KHMER: &str = "នៅកម្ពុជា ចំនួនអ្នកជំងឺមហារីកកុមារត្រូវបានគេប៉ាន់ស្មានថាមានប្រហែល 600 ករណីក្នុងមួយឆ្នាំ ដែលក្នុងនោះមានតែ 200 ករណីប៉ុណ្ណោះដែលទទួលបានការព្យាបាល។ ជាលទ្ធផល អត្រារស់រានមានជីវិតពីជំងឺមហារីកទាំងនេះមានតិចជាង 20% ខណៈដែលនៅប្រទេសអភិវឌ្ឍន៍ អត្រានេះមានជាង 80%។";

/// The same paragraph in Japanese.
const JAPANESE: &str = "カンボジアでは、小児がんの患者数は年間約600人と考えられていますが、そのうち治療を受けられるのはわずか200人です。その結果、先進国では80%を超える小児がんの生存率が、カンボジアでは20%未満にとどまっています。";

const MM: f32 = 72.0 / 25.4;

fn justified(lang: &str, family: Family) -> ParStyle {
    let mut s = ParStyle::new(family, 9.0, 14.0, Rgb::new(0, 0, 0), lang);
    s.align = Align::Justify;
    s
}

/// Each glyph of the justified line `l` beside the same glyph of its text set
/// naturally: (advance justified, advance natural, the glyph's text). `None` when the
/// line shapes differently on its own (a hyphen glyph at its end).
fn beside_natural(
    ts: &mut Typesetter,
    l: &brochure::text::Line,
    style: &ParStyle,
) -> Option<Vec<(f32, f32, String)>> {
    let text = line_text(l);
    let mut natural = style.clone();
    natural.align = Align::Left;
    let set = ts.set(&[Styled::plain(text.trim_end())], &natural, 10_000.0);
    let glyphs = |line: &brochure::text::Line| -> Vec<(f32, String)> {
        line.runs
            .iter()
            .flat_map(|(_, r)| {
                r.glyphs.iter().map(|g| {
                    let t = r.text.get(g.text_range.clone()).unwrap_or("");
                    (g.advance, t.to_string())
                })
            })
            .collect()
    };
    let (just, nat) = (glyphs(l), glyphs(&set.lines[0]));
    (just.len() == nat.len()).then(|| {
        just.into_iter()
            .zip(nat)
            .map(|((a, t), (n, _))| (a, n, t))
            .collect()
    })
}

/// Each glyph's advance in the justified line `l` less its advance set naturally: the
/// space justification put after it, with whether it is a space.
fn added_space(
    ts: &mut Typesetter,
    l: &brochure::text::Line,
    style: &ParStyle,
) -> Vec<(f32, bool)> {
    let pairs = beside_natural(ts, l, style)
        .unwrap_or_else(|| panic!("line {:?} shapes differently alone", line_text(l)));
    pairs
        .into_iter()
        .map(|(a, n, t)| (a - n, t.trim().is_empty()))
        .collect()
}

#[test]
fn khmer_breaks_between_words_and_justifies_between_clusters() {
    let mut ts = Typesetter::new(FontBook::new());
    let style = justified("km", Family::Sans);
    for mm in [55.0, 70.0, 84.0] {
        let p = ts.set(&[Styled::plain(KHMER)], &style, mm * MM);
        assert!(p.lines.len() > 2);
        let mut widest = 0.0f32;
        for (i, l) in p.lines.iter().enumerate() {
            let text = line_text(l);
            // Every line is a piece of the source: nothing inserted, nothing lost.
            assert!(KHMER.contains(text.trim()), "{mm} mm: {text:?}");
            // No line starts with a vowel sign or a subscript: breaks fall between words.
            let first = text.chars().next().unwrap() as u32;
            assert!(
                !(0x17B6..=0x17D3).contains(&first),
                "{mm} mm line {i}: {text:?}"
            );
            if l.last {
                continue;
            }
            for (gap, space) in added_space(&mut ts, l, &style) {
                if !space {
                    widest = widest.max(gap);
                }
            }
        }
        let joined: String = p.lines.iter().map(line_text).collect::<String>();
        let strip = |t: &str| t.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        assert_eq!(strip(&joined), strip(KHMER));
        // Where the source has no space, clusters open up by at most half an em.
        assert!(widest <= 0.5 * style.size, "{mm} mm: a gap of {widest} pt");
    }
}

#[test]
fn japanese_keeps_kinsoku_and_justifies_between_characters() {
    let mut ts = Typesetter::new(FontBook::new());
    let style = justified("ja", Family::Sans);
    for mm in [55.0, 70.0, 84.0] {
        let p = ts.set(&[Styled::plain(JAPANESE)], &style, mm * MM);
        let joined: String = p.lines.iter().map(line_text).collect();
        assert_eq!(joined, JAPANESE, "no space is inserted at {mm} mm");
        for (i, l) in p.lines.iter().enumerate() {
            let text = line_text(l);
            let first = text.chars().next().unwrap();
            let last = text.chars().last().unwrap();
            assert!(
                !"、。」）ー々ぁぃぅぇぉっゃゅょァィゥェォッャュョ".contains(first),
                "{mm} mm line {i} starts with {first}"
            );
            assert!(!"「（".contains(last), "{mm} mm line {i} ends with {last}");
            if !l.last {
                let ink: f32 = l.runs.last().map(|(x, r)| x + r.width()).unwrap();
                assert!(
                    (ink - mm * MM).abs() < 0.1,
                    "{mm} mm line {i} is {ink} wide"
                );
            }
        }
    }
}

const MIXED: &str =
    "ジャパンハートは2004年にSmile for Allを始め、100%の子どもに医療を届けることを目指しています。";

#[test]
fn a_quarter_em_opens_where_japanese_meets_latin_and_nowhere_else() {
    let mut ts = Typesetter::new(FontBook::new());
    let mut style = justified("ja", Family::Serif);
    style.align = Align::Left;
    let p = ts.set(&[Styled::plain(MIXED)], &style, 400.0 * MM);
    assert_eq!(p.lines.len(), 1);
    // One face for kana, kanji, letters and figures: the Japanese face's own Latin.
    assert_eq!(p.lines[0].runs.len(), 1, "{:?}", line_text(&p.lines[0]));
    let (_, run) = &p.lines[0].runs[0];
    let mut widened = Vec::new();
    for g in &run.glyphs {
        let t = &run.text[g.text_range.clone()];
        let natural = ts.measure(&[Styled::plain(t)], &style);
        // Kerning in context moves a glyph by a few hundredths of an em at most.
        let extra = (g.advance - natural) / style.size;
        if extra > 0.15 {
            assert!((extra - 0.25).abs() < 0.06, "{t}: {extra} em");
            widened.push(t.to_string());
        }
    }
    // Before 2, 年, S and を; not at 、 or %, nor between letters or between kana.
    assert_eq!(widened, ["は", "4", "に", "l"], "{widened:?}");
    let squeeze = |s: &str| s.replace(' ', "");
    let natural = ts.measure(&[Styled::plain(MIXED)], &style);
    assert!((p.lines[0].width - natural).abs() < 0.01);
    assert!(squeeze(&line_text(&p.lines[0])) == squeeze(MIXED));
}

const PUNCTUATED: &str = "病院は、「『命』を救う」（小児がん）、と言う。";

#[test]
fn consecutive_japanese_punctuation_closes_up_to_half_an_em() {
    let mut ts = Typesetter::new(FontBook::new());
    let mut style = justified("ja", Family::Sans);
    style.align = Align::Left;
    let p = ts.set(&[Styled::plain(PUNCTUATED)], &style, 400.0 * MM);
    assert_eq!(p.lines.len(), 1);
    assert_eq!(line_text(&p.lines[0]), PUNCTUATED);
    let mut halved = Vec::new();
    let mut pen = 0.0;
    let mut ink_edges = Vec::new();
    for (_, run) in &p.lines[0].runs {
        for g in &run.glyphs {
            let t = &run.text[g.text_range.clone()];
            let em = g.advance / style.size;
            if em < 0.75 {
                assert!((em - 0.5).abs() < 0.01, "{t}: {em} em");
                halved.push(t.to_string());
            }
            ink_edges.push((t.to_string(), pen + g.x_offset));
            pen += g.advance;
        }
    }
    // The first of a closing pair gives up its white after the ink, the second of two
    // opening brackets its white before; a lone mark keeps its em.
    assert_eq!(halved, ["、", "『", "」", "）"], "{halved:?}");
    // The second opening bracket is drawn half an em to the left of its pen position.
    let (_, x) = ink_edges.iter().find(|(t, _)| t == "『").unwrap();
    let (_, before) = ink_edges.iter().find(|(t, _)| t == "「").unwrap();
    assert!(
        (x - before - 0.5 * style.size).abs() < 0.01,
        "『 at {x}, 「 at {before}"
    );
    let natural = ts.measure(&[Styled::plain(PUNCTUATED)], &style);
    assert!((p.lines[0].width - natural).abs() < 0.01);
    let chars = PUNCTUATED.chars().count() as f32;
    assert!(
        (natural / style.size - (chars - 2.0)).abs() < 0.1,
        "{natural}"
    );
}

#[test]
fn justified_mixed_japanese_fills_the_measure_and_keeps_its_text() {
    let mut ts = Typesetter::new(FontBook::new());
    let style = justified("ja", Family::Serif);
    for mm in (30..=90).step_by(4) {
        let p = ts.set(&[Styled::plain(MIXED)], &style, mm as f32 * MM);
        // Only the space a line ends at goes.
        let joined = p.lines.iter().map(line_text).collect::<Vec<_>>().join(" ");
        assert_eq!(joined.replace(' ', ""), MIXED.replace(' ', ""), "{mm} mm");
        for l in &p.lines[..p.lines.len() - 1] {
            let ink: f32 = l.runs.last().map(|(x, r)| x + r.width()).unwrap();
            assert!(
                (ink - mm as f32 * MM).abs() < 0.1,
                "{mm} mm: {:?} is {ink} wide",
                line_text(l)
            );
        }
    }
}

#[test]
fn words_flex_at_most_two_percent_and_spaces_take_the_rest() {
    let mut ts = Typesetter::new(FontBook::new());
    let style = body();
    let mut flexed = 0;
    for mm in [55.0, 70.0, 84.0] {
        let p = ts.set(&[Styled::plain(SEED)], &style, mm * MM);
        for l in p.lines.iter().filter(|l| !l.last) {
            let text = line_text(l);
            // Compared only where the shaping matches (not a line ending in a hyphen).
            let Some(pairs) = beside_natural(&mut ts, l, &style) else {
                continue;
            };
            for (w, n, t) in &pairs {
                if t.trim().is_empty() || t.contains('\u{ad}') || *n <= 0.0 {
                    continue;
                }
                let r = w / n;
                assert!(
                    (0.98 - 1e-3..=1.02 + 1e-3).contains(&r),
                    "{mm} mm {text:?}: {r}"
                );
                if (r - 1.0).abs() > 1e-3 {
                    flexed += 1;
                }
            }
        }
    }
    assert!(flexed > 0, "no word took any flexibility");
}

/// Khmer with names the dictionary does not know: ជប៉ុនហាត ("Japan Heart") and the
/// district ពញាឮ.
const KHMER_NAMES: &str = "ជប៉ុនហាតមកដល់កម្ពុជា ដោយចាប់ផ្ដើមពីការវះកាត់ពីរដងក្នុងមួយខែ។ មជ្ឈមណ្ឌលវេជ្ជសាស្ត្រកុមារជប៉ុនហាត ស្រុកពញាឮ ខេត្តកណ្ដាល ព្យាបាលកុមារជំងឺមហារីកដោយឥតគិតថ្លៃ។ ជប៉ុនហាតកម្ពុជាថែទាំកុមារគ្រប់រូប។";

/// How many line breaks fall inside `word` when `text` is set at 40 to 90 mm.
fn breaks_inside(ts: &mut Typesetter, text: &str, word: &str) -> usize {
    let strip = |t: &str| t.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let (source, word) = (strip(text), strip(word));
    let inside: Vec<std::ops::Range<usize>> = source
        .match_indices(&word)
        .map(|(i, w)| i + 1..i + w.len())
        .collect();
    let style = justified("km", Family::Sans);
    let mut count = 0;
    for mm in (40..=90).step_by(2) {
        let p = ts.set(&[Styled::plain(text)], &style, mm as f32 * MM);
        let mut at = 0;
        for l in &p.lines {
            at += strip(&line_text(l)).len();
            count += inside.iter().filter(|r| r.contains(&at)).count();
        }
        assert_eq!(at, source.len(), "{mm} mm loses or adds text");
    }
    count
}

#[test]
fn khmer_words_are_never_split_and_still_break_at_their_edges() {
    let mut ts = Typesetter::new(FontBook::new());
    // The dictionary alone splits the name: the list is what keeps it whole.
    assert!(breaks_inside(&mut ts, KHMER_NAMES, "ជប៉ុនហាត") > 0);
    ts.keep_whole(["ជប៉ុនហាត".to_string(), "ពញាឮ".into()]);
    assert_eq!(breaks_inside(&mut ts, KHMER_NAMES, "ជប៉ុនហាត"), 0);
    assert_eq!(breaks_inside(&mut ts, KHMER_NAMES, "ពញាឮ"), 0);
    // A line may still end right after the name, before the next Khmer word.
    let style = justified("km", Family::Sans);
    let ends_after = (40..=90).step_by(2).any(|mm| {
        let p = ts.set(&[Styled::plain(KHMER_NAMES)], &style, mm as f32 * MM);
        p.lines
            .iter()
            .any(|l| line_text(l).trim_end().ends_with("ជប៉ុនហាត"))
    });
    assert!(ends_after, "no line ends at the name");
}

#[test]
fn a_kept_latin_word_is_not_hyphenated() {
    let mut ts = Typesetter::new(FontBook::new());
    let text = "Paediatric oncology at Kandal: oncology, oncology and oncology again, \
                with oncology nurses trained in oncology.";
    // Lines that end in a hyphenated piece of "oncology".
    let split = |ts: &mut Typesetter| {
        let mut n = 0;
        for mm in 25..=70 {
            let p = ts.set(&[Styled::plain(text)], &body(), mm as f32 * MM);
            n += p
                .lines
                .iter()
                .filter(|l| l.hyphenated)
                .filter(|l| {
                    let t = line_text(l);
                    let last = t.split(' ').next_back().unwrap_or("");
                    last.len() > 1 && "oncology".starts_with(last.trim_end_matches('\u{ad}'))
                })
                .count();
        }
        n
    };
    assert!(
        split(&mut ts) > 0,
        "the test text never hyphenates oncology"
    );
    ts.keep_whole(["oncology".to_string()]);
    assert_eq!(split(&mut ts), 0);
}

/// The example's nine English paragraphs, one per line: the text the comparison with
/// other typesetters was made on.
const PARAGRAPHS: &str = include_str!("fixtures/paragraphs-en.txt");

/// The widest space, over its natural width, that Typst 0.15 sets in these paragraphs
/// in Noto Serif 9.5 pt, justified and hyphenated, at 55, 70 and 84 mm.
const TYPST_WIDEST: [(f32, f32); 3] = [(55.0, 3.52), (70.0, 3.02), (84.0, 2.04)];

/// The letters of the word piece a hyphenated line ends in.
fn fragment(line: &brochure::text::Line) -> usize {
    let text = line_text(line);
    let piece = text.trim_end_matches('\u{ad}');
    let piece = piece
        .rsplit([' ', '-', '\u{2014}', '“'])
        .next()
        .unwrap_or("");
    piece.chars().filter(|c| c.is_alphabetic()).count()
}

#[test]
fn known_paragraphs_set_no_looser_than_typst_and_within_the_rules() {
    let mut ts = Typesetter::new(FontBook::new());
    let style = body();
    for (mm, typst) in TYPST_WIDEST {
        let (mut widest, mut two_letter) = (0.0f32, 0);
        for text in PARAGRAPHS.lines().filter(|l| !l.is_empty()) {
            let p = ts.set(&[Styled::plain(text)], &style, mm * MM);
            let mut run = 0;
            for l in &p.lines {
                let stats = l.runs.first().and_then(|(_, r)| r.line).unwrap_or_default();
                assert!(!stats.overfull, "{mm} mm: {:?} is overfull", line_text(l));
                run = if l.hyphenated { run + 1 } else { 0 };
                assert!(run <= 2, "{mm} mm: three hyphens in a row in {text:?}");
                if l.hyphenated {
                    let letters = fragment(l);
                    assert!(letters >= 2, "{mm} mm: {:?}", line_text(l));
                    two_letter += usize::from(letters == 2);
                }
                if !l.last {
                    widest = widest.max(stats.stretch_max);
                }
            }
        }
        assert!(widest <= typst, "{mm} mm: a space opens to {widest}×");
        assert!(mm < 84.0 || widest <= 2.5, "{mm} mm: {widest}×");
        // A two-letter fragment ("pa-") only where nothing else avoids a hole.
        assert!(
            two_letter <= 2,
            "{mm} mm: {two_letter} two-letter fragments"
        );
    }
}

#[test]
fn a_two_letter_fragment_is_taken_only_to_avoid_a_hole() {
    let mut ts = Typesetter::new(FontBook::new());
    // At 55 mm the first line can end at "of" (its spaces nearly four times their
    // width, as "patients" does not fit) or at "pa-".
    let text = "In Cambodia, the number of patients with pediatric cancer is thought to be \
                around 600 cases per year, of which only 200 receive medical treatment.";
    let p = ts.set(&[Styled::plain(text)], &body(), 55.0 * MM);
    let first = p.lines.first().expect("a line");
    assert!(
        line_text(first).ends_with("pa\u{ad}"),
        "{:?}",
        line_text(first)
    );
    // Where a line can end well otherwise, "pa-" is not used.
    for mm in [60.0, 70.0, 84.0] {
        let p = ts.set(&[Styled::plain(text)], &body(), mm * MM);
        assert!(
            p.lines.iter().all(|l| !l.hyphenated || fragment(l) > 2),
            "{mm}"
        );
    }
}
