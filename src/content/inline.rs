//! Inline markup inside a paragraph: `*emphasis*`, `**strong**` and `[links](url)`.
//!
//! Only inline Markdown is meant. Block syntax (a leading `#`, `-`, `>`, `1.` and so
//! on) is neutralised before parsing, so a paragraph that happens to start with
//! "2018. A new ward…" or "- 40 doctors" prints as written instead of turning into a
//! heading or a list.

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

use crate::content::model::Inline;

/// One paragraph turned into styled runs, plus what a caller has to check or refuse.
#[derive(Debug, Default)]
pub(crate) struct ParsedParagraph {
    /// Styled runs in reading order, neighbours with equal style merged.
    pub inlines: Vec<Inline>,
    /// Every link target with the index of the paragraph line it is on.
    pub links: Vec<(usize, String)>,
    /// Index of the paragraph line of each `![image](…)`, which prose cannot hold.
    pub images: Vec<usize>,
}

/// Parses a paragraph given as its lines, already trimmed. Lines are joined with single
/// spaces.
pub(crate) fn parse_paragraph(lines: &[&str]) -> ParsedParagraph {
    let text = lines
        .iter()
        .map(|line| escape_block_start(line))
        .collect::<Vec<_>>()
        .join("\n");
    let mut out = ParsedParagraph::default();
    let (mut emphasis, mut strong, mut image_depth) = (0usize, 0usize, 0usize);
    let mut link_stack: Vec<String> = Vec::new();
    // Default options: no smart punctuation, so quotes and dashes stay as typed.
    for (event, range) in Parser::new_ext(&text, Options::empty()).into_offset_iter() {
        let line = text
            .get(..range.start)
            .map_or(0, |before| before.matches('\n').count());
        let style = (emphasis > 0, strong > 0, link_stack.last().cloned());
        match event {
            Event::Start(Tag::Emphasis) => emphasis += 1,
            Event::End(TagEnd::Emphasis) => emphasis = emphasis.saturating_sub(1),
            Event::Start(Tag::Strong) => strong += 1,
            Event::End(TagEnd::Strong) => strong = strong.saturating_sub(1),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            }) => {
                // `<name@example.org>` gives the bare address; it is a mail link.
                let target = if link_type == LinkType::Email {
                    format!("mailto:{dest_url}")
                } else {
                    dest_url.into_string()
                };
                out.links.push((line, target.clone()));
                link_stack.push(target);
            }
            Event::End(TagEnd::Link) => {
                link_stack.pop();
            }
            Event::Start(Tag::Image { .. }) => {
                out.images.push(line);
                image_depth += 1;
            }
            Event::End(TagEnd::Image) => image_depth = image_depth.saturating_sub(1),
            _ if image_depth > 0 => {}
            Event::Text(t) | Event::Html(t) | Event::InlineHtml(t) => {
                push(&mut out.inlines, &t, style)
            }
            // Code spans are not a fact sheet style; keep the backticks as typed.
            Event::Code(t) => push(&mut out.inlines, &format!("`{t}`"), style),
            Event::SoftBreak | Event::HardBreak => {
                let before = out
                    .inlines
                    .last()
                    .and_then(|Inline::Text { text, .. }| text.chars().next_back());
                let after = text
                    .get(range.end..)
                    .and_then(|rest| rest.trim_start_matches('\\').chars().next());
                if !joins_without_space(before, after) {
                    push(&mut out.inlines, " ", style)
                }
            }
            _ => {}
        }
    }
    out
}

/// Whether two lines of the file join without a space: Chinese and Japanese put none
/// between words, so a line broken after `。` or inside a sentence must not open a
/// gap there. Korean, which spaces its words, joins with a space like Latin text.
pub(crate) fn joins_without_space(before: Option<char>, after: Option<char>) -> bool {
    before.is_some_and(is_unspaced_wide) || after.is_some_and(is_unspaced_wide)
}

/// A character of a script written without spaces between words: CJK ideographs,
/// kana, CJK punctuation and fullwidth forms.
fn is_unspaced_wide(c: char) -> bool {
    matches!(
        c as u32,
        0x2E80..=0x303F
            | 0x3041..=0x33FF
            | 0x3400..=0x4DBF
            | 0x4E00..=0x9FFF
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFF60
            | 0xFFE0..=0xFFE6
            | 0x20000..=0x3FFFD
    )
}

/// Appends text with a style, extending the previous run when the style is the same.
fn push(
    inlines: &mut Vec<Inline>,
    text: &str,
    (emphasis, strong, link): (bool, bool, Option<String>),
) {
    if let Some(Inline::Text {
        text: last,
        emphasis: e,
        strong: s,
        link: l,
    }) = inlines.last_mut()
        && *e == emphasis
        && *s == strong
        && *l == link
    {
        last.push_str(text);
        return;
    }
    inlines.push(Inline::Text {
        text: text.to_string(),
        emphasis,
        strong,
        link,
    });
}

/// Backslash-escapes a line's first character when Markdown would read it as the start
/// of a block (heading, list, quote, rule, fence, HTML, link definition). A backslash
/// before punctuation always yields the character itself, so this never changes text.
fn escape_block_start(line: &str) -> String {
    let Some(first) = line.chars().next() else {
        return String::new();
    };
    let rest = &line[first.len_utf8()..];
    let escape_first = match first {
        '#' | '>' | '-' | '+' | '=' | '~' | '|' => true,
        // `*` and `_` also open emphasis, which must keep working at a line start.
        '*' | '_' => {
            rest.is_empty()
                || rest.starts_with([' ', '\t'])
                || line.chars().all(|c| c == first || c == ' ' || c == '\t')
        }
        '`' => line.starts_with("```"),
        '<' => !["<http://", "<https://", "<mailto:"]
            .iter()
            .any(|p| line.to_ascii_lowercase().starts_with(p)),
        // `[label]: target` would vanish as a link reference definition.
        '[' => rest
            .find(']')
            .is_some_and(|i| rest[i + 1..].starts_with(':')),
        _ => false,
    };
    if escape_first {
        return format!("\\{line}");
    }
    // `2018. A new ward` or `3) …` would start a numbered list: escape the `.` or `)`.
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    if (1..=9).contains(&digits) {
        let after = &line[digits..];
        if after.starts_with(['.', ')'])
            && (after.len() == 1 || after[1..].starts_with([' ', '\t']))
        {
            return format!("{}\\{}", &line[..digits], after);
        }
    }
    line.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(p: &ParsedParagraph) -> String {
        p.inlines
            .iter()
            .map(|Inline::Text { text, .. }| text.as_str())
            .collect()
    }

    #[test]
    fn japanese_lines_join_without_a_space() {
        let p = parse_paragraph(&["子どもたちの", "命を守る。", "Thank you", "very much."]);
        assert_eq!(plain(&p), "子どもたちの命を守る。Thank you very much.");
        // Korean spaces its words: its lines join with one.
        let p = parse_paragraph(&["감사합니다", "여러분"]);
        assert_eq!(plain(&p), "감사합니다 여러분");
        let p = parse_paragraph(&["**東京**", "大阪"]);
        assert_eq!(plain(&p), "東京大阪");
    }

    #[test]
    fn styles_and_links() {
        let p = parse_paragraph(&[
            "Some *em* and **strong**",
            "text with [a link](https://x.org).",
        ]);
        assert_eq!(plain(&p), "Some em and strong text with a link.");
        assert_eq!(p.links, vec![(1, "https://x.org".to_string())]);
        assert!(p.inlines.contains(&Inline::Text {
            text: "em".into(),
            emphasis: true,
            strong: false,
            link: None
        }));
        assert!(p.inlines.contains(&Inline::Text {
            text: "a link".into(),
            emphasis: false,
            strong: false,
            link: Some("https://x.org".into())
        }));
    }

    #[test]
    fn block_syntax_is_text() {
        for line in [
            "# Not a heading",
            "- not a list",
            "* not a list",
            "> not a quote",
            "2018. A year",
            "1) one",
            "---",
            "***",
            "```",
            "<div>x</div>",
            "[a]: b",
            "+ plus",
        ] {
            let p = parse_paragraph(&[line]);
            assert_eq!(plain(&p), line, "{line}");
        }
        let p = parse_paragraph(&["first line", "- second", "==="]);
        assert_eq!(plain(&p), "first line - second ===");
    }

    #[test]
    fn typography_kept() {
        let line = "“Quoted” -- text... it's 20\u{a0}% — `code`";
        assert_eq!(plain(&parse_paragraph(&[line])), line);
    }

    #[test]
    fn images_reported() {
        let p = parse_paragraph(&["a", "see ![alt](x.png) here"]);
        assert_eq!(p.images, vec![1]);
        assert_eq!(plain(&p), "a see  here");
    }
}
