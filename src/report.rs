//! The typesetting report (`brochure build --report`): the figures a typesetter checks
//! a proof for, read off the laid-out document. Overfull lines, how far spaces were
//! stretched, hyphenated lines and the longest run of them, widows and orphans, how
//! full each region is, and glyphs no font had.

use std::fmt;

use crate::layout::frame::{Content, Document, LineStats, Role};
use crate::layout::measure::fill;

/// The figures for one document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Report {
    /// Lines of paragraph text.
    pub lines: usize,
    /// Lines wider than their measure.
    pub overfull: usize,
    /// Inter-word spaces on lines that are not a paragraph's last.
    pub spaces: usize,
    /// Their mean width over natural width.
    pub stretch_mean: f32,
    /// The widest of them over natural width.
    pub stretch_max: f32,
    /// Lines ending with an added hyphen.
    pub hyphenated: usize,
    /// The most hyphenated lines in a row within a paragraph.
    pub hyphen_run: usize,
    /// Paragraphs whose last line stands alone at the top of a column or page.
    pub widows: usize,
    /// Paragraphs whose first line stands alone at the foot of a column or page.
    pub orphans: usize,
    /// Each region's fill: page (from 1), region (from 1), the share filled.
    pub fill: Vec<(usize, usize, f32)>,
    /// Glyphs drawn as the font's empty box (glyph 0): characters no font had.
    pub missing_glyphs: usize,
}

/// One line as the report sees it: its paragraph, page, baseline and statistics.
struct SetLine {
    group: u32,
    /// Body text, where widows and orphans matter (not labels or captions).
    paragraph: bool,
    page: usize,
    y: f32,
    stats: LineStats,
}

impl Report {
    /// The report on `doc`.
    pub fn of(doc: &Document) -> Report {
        let mut r = Report::default();
        let mut lines = Vec::new();
        for (p, page) in doc.pages.iter().enumerate() {
            for item in &page.items {
                let Content::Text(run) = &item.content else {
                    continue;
                };
                r.missing_glyphs += run.glyphs.iter().filter(|g| g.id == 0).count();
                if let Some(stats) = run.line {
                    lines.push(SetLine {
                        group: item.tag.group,
                        paragraph: item.tag.role == Role::Paragraph,
                        page: p,
                        y: item.pos.y,
                        stats,
                    });
                }
            }
            for (i, region) in page.regions.iter().enumerate() {
                r.fill.push((p + 1, i + 1, fill(page, *region)));
            }
        }
        r.count_lines(&lines);
        for paragraph in lines.chunk_by(|a, b| a.group == b.group && a.group != 0) {
            r.count_paragraph(paragraph);
        }
        r
    }

    fn count_lines(&mut self, lines: &[SetLine]) {
        let mut sum = 0.0;
        for l in lines {
            self.lines += 1;
            self.overfull += usize::from(l.stats.overfull);
            self.hyphenated += usize::from(l.stats.hyphenated);
            if !l.stats.last && l.stats.spaces > 0 {
                self.spaces += l.stats.spaces as usize;
                sum += l.stats.stretch_sum;
                self.stretch_max = self.stretch_max.max(l.stats.stretch_max);
            }
        }
        if self.spaces > 0 {
            self.stretch_mean = sum / self.spaces as f32;
        }
    }

    /// Hyphen runs, widows and orphans of one paragraph's lines, in reading order.
    fn count_paragraph(&mut self, lines: &[SetLine]) {
        let mut run = 0;
        for l in lines {
            run = if l.stats.hyphenated { run + 1 } else { 0 };
            self.hyphen_run = self.hyphen_run.max(run);
        }
        // A new column or page starts where the baseline moves up or the page changes.
        let pieces: Vec<&[SetLine]> = lines
            .chunk_by(|a, b| a.page == b.page && b.y > a.y)
            .collect();
        if pieces.len() < 2 || !lines.iter().all(|l| l.paragraph) {
            return;
        }
        if pieces.first().is_some_and(|p| p.len() == 1) {
            self.orphans += 1;
        }
        if pieces.last().is_some_and(|p| p.len() == 1) {
            self.widows += 1;
        }
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "  lines {}, overfull {}, missing glyphs {}",
            self.lines, self.overfull, self.missing_glyphs
        )?;
        writeln!(
            f,
            "  spaces {}: stretch mean {:.2}×, max {:.2}× natural",
            self.spaces, self.stretch_mean, self.stretch_max
        )?;
        writeln!(
            f,
            "  hyphenated lines {} (longest run {}), widows {}, orphans {}",
            self.hyphenated, self.hyphen_run, self.widows, self.orphans
        )?;
        let fill: Vec<String> = self
            .fill
            .iter()
            .map(|(p, i, v)| format!("p{p}.{i} {:.0} %", v * 100.0))
            .collect();
        write!(f, "  fill: {}", fill.join(", "))
    }
}
