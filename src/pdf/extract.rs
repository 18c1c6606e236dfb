//! Glyph order for text extraction: how a run's glyphs are written so that readers
//! that rebuild text from positions (poppler) and from /ActualText give the source.

/// The glyphs prepared for text extraction, every glyph drawn exactly where it was.
///
/// Glyphs that share a text range are written inside one /ActualText span, and text
/// extraction (poppler) takes the span to begin where its first glyph does and end
/// where its last glyph's own width ends; a gap of a tenth of an em to the next glyph
/// reads as a space.
///
/// - Marks of zero width, such as a Khmer subscript consonant, sit inside their base.
///   As the last glyph of a span the span seemed to end at the mark, and the gap
///   became a space inside the word ("ម្នា ក់"). So the glyph that starts furthest left
///   goes first, the one that ends furthest right last, and marks between.
/// - A run of Khmer between spaces (a phrase: Khmer has no spaces between words) is one
///   span with its text, so the space that justification puts between its clusters is
///   never read as a space.
/// - Elsewhere, within a cluster the glyphs with width carry its text and marks none.
pub(super) fn in_extraction_order(
    glyphs: &[crate::layout::frame::Glyph],
    text: &str,
) -> Vec<crate::layout::frame::Glyph> {
    let khmer = |g: &crate::layout::frame::Glyph| {
        let t = text.get(g.text_range.clone()).unwrap_or("");
        // Zero-width joiners and spaces belong to the phrase they sit in.
        !t.is_empty()
            && t.chars()
                .all(|c| crate::text::is_khmer_char(c) || matches!(c, '\u{200B}'..='\u{200D}'))
    };
    let mut out = Vec::with_capacity(glyphs.len());
    let mut pen = 0.0;
    let same_span = |a: &crate::layout::frame::Glyph, b: &crate::layout::frame::Glyph| {
        a.text_range == b.text_range || (khmer(a) && khmer(b))
    };
    for span in glyphs.chunk_by(same_span) {
        let start = pen;
        let mut placed: Vec<(f32, bool, &crate::layout::frame::Glyph)> = Vec::new();
        for g in span {
            placed.push((pen + g.x_offset, g.advance.abs() < 1e-4, g));
            pen += g.advance;
        }
        let range = span.first().map_or(0, |g| g.text_range.start)
            ..span.last().map_or(0, |g| g.text_range.end);
        let phrase = span.len() > 1 && span.iter().any(|g| g.text_range != range);
        let has_base = placed.iter().any(|(_, mark, _)| !mark);
        if span.len() > 1 && has_base {
            // Glyphs with width by where they are drawn, then the marks, which then
            // move to just after the first glyph.
            placed.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.total_cmp(&b.0)));
            let marks = placed.iter().filter(|p| p.1).count();
            if let Some(rest) = placed.get_mut(1..) {
                rest.rotate_right(marks);
            }
        }
        let mut at = start;
        for (x, mark, g) in placed {
            let text_range = if phrase {
                range.clone()
            } else if mark && has_base {
                g.text_range.end..g.text_range.end
            } else {
                g.text_range.clone()
            };
            out.push(crate::layout::frame::Glyph {
                x_offset: x - at,
                text_range,
                ..g.clone()
            });
            at += g.advance;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::layout::frame::Glyph;

    fn glyph(id: u16, advance: f32, x_offset: f32, text: std::ops::Range<usize>) -> Glyph {
        Glyph {
            id,
            advance,
            x_offset,
            y_offset: 0.0,
            text_range: text,
        }
    }

    /// Where each glyph is drawn: pen position plus offset.
    fn drawn(glyphs: &[Glyph]) -> Vec<(u16, f32)> {
        let mut pen = 0.0;
        let mut out: Vec<(u16, f32)> = glyphs
            .iter()
            .map(|g| {
                let at = (g.id, pen + g.x_offset);
                pen += g.advance;
                at
            })
            .collect();
        out.sort_by_key(|g| g.0);
        out
    }

    /// A Khmer cluster as shaped: a base-and-vowel ligature, then a subscript moved back
    /// under it; then the next letter.
    #[test]
    fn marks_follow_their_base_without_text_and_nothing_moves() {
        let shaped = [
            glyph(1, 12.0, 0.0, 0..12),
            glyph(2, 0.0, -4.6, 0..12),
            glyph(3, 7.0, 0.0, 12..15),
        ];
        let out = super::in_extraction_order(&shaped, "abcdefghijklmno");
        assert_eq!(drawn(&out), drawn(&shaped));
        assert_eq!(out.iter().map(|g| g.id).collect::<Vec<_>>(), [1, 2, 3]);
        // The base carries the cluster's text; the mark carries none.
        assert_eq!(out[0].text_range, 0..12);
        assert_eq!(out[1].text_range, 12..12);
        assert_eq!(out[2].text_range, 12..15);
    }

    /// A mark the shaper put first goes after the base, which then starts the cluster.
    #[test]
    fn a_leading_mark_moves_behind_the_glyph_with_width() {
        let shaped = [glyph(5, 0.0, 3.0, 0..6), glyph(6, 9.0, 0.0, 0..6)];
        let out = super::in_extraction_order(&shaped, "abcdef");
        assert_eq!(drawn(&out), drawn(&shaped));
        assert_eq!(out.iter().map(|g| g.id).collect::<Vec<_>>(), [6, 5]);
        assert_eq!(out[0].text_range, 0..6);
        assert_eq!(out[1].text_range, 6..6);
        // Two glyphs with width (a pre-base vowel and its consonant) keep the text
        // together, in the order they are drawn.
        let shaped = [glyph(7, 5.0, 0.0, 0..6), glyph(8, 8.0, 0.0, 0..6)];
        let out = super::in_extraction_order(&shaped, "abcdef");
        assert_eq!(out, shaped);
    }

    /// A Khmer phrase (no space in it) becomes one piece of text, whatever the space
    /// justification opened between its clusters; the space after it stays its own.
    #[test]
    fn a_khmer_phrase_is_one_piece_of_text() {
        let text = "ម្នាក់ ក";
        let (a, b, c) = ("ម្នា".len(), "ម្នាក់".len(), "ម្នាក់ ".len());
        let shaped = [
            glyph(1, 12.0, 0.0, 0..a),
            glyph(2, 0.0, -4.6, 0..a),
            glyph(3, 7.5, 0.0, a..b),
            glyph(4, 0.0, -2.0, a..b),
            glyph(5, 3.0, 0.0, b..c),
            glyph(6, 7.0, 0.0, c..text.len()),
        ];
        let out = super::in_extraction_order(&shaped, text);
        assert_eq!(drawn(&out), drawn(&shaped));
        let ranges: Vec<_> = out.iter().map(|g| g.text_range.clone()).collect();
        assert_eq!(ranges[..4], [0..b, 0..b, 0..b, 0..b]);
        assert_eq!(ranges[4..], [b..c, c..text.len()]);
        // The phrase starts with its leftmost glyph and ends with the one that ends
        // furthest right.
        assert_eq!(out[0].id, 1);
        assert_eq!(out[3].id, 3);
    }
}
