//! Planning the inner pages: their regions, the flow of text and photos through them,
//! and where the quote goes.

use super::*;

/// Where the pull quote goes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum QuoteMode {
    /// A band across both columns on this inner page (0-based), splitting its columns.
    Band(usize),
    /// Under the text of the last inner page: (page, top of the band).
    After(usize, f32),
    /// Left out (it gets a page of its own, or there is none).
    Off,
}

/// Supplies the inner pages' regions: two columns a page, the first page below the key
/// figures with the chart heading its right column, a page with the quote band split
/// into upper and lower column pairs, and page-wide photos at the top of a page.
pub(super) struct InnerPages {
    pub(super) g: Geometry,
    pub(super) figures_h: f32,
    pub(super) chart_lines: Option<usize>,
    pub(super) quote: QuoteMode,
    pub(super) quote_h: f32,
    pub(super) max_pages: usize,
    /// Column height limit on one page, to balance the columns of the last page.
    pub(super) balance: Option<(usize, f32)>,
    /// Regions of pages built so far, in reading order.
    pub(super) regions: Vec<Region>,
    /// Figures placed by page construction (page-wide photos, the chart, the quote).
    pub(super) placed: Vec<FigurePlacement>,
    pub(super) pages: usize,
}

impl InnerPages {
    pub(super) fn build_page(
        &mut self,
        wide: &mut Vec<(usize, usize, f32)>,
    ) -> Vec<FigurePlacement> {
        let g = self.g;
        let page = self.pages;
        self.pages += 1;
        let mut placed = Vec::new();
        let mut top = g.top;
        if page == 0 {
            top += self.figures_h;
        }
        // Page-wide photos waiting for a page start here, under the page's top.
        // Leave at least a third of the page for text; the rest wait for the next page.
        let limit = g.top + (g.bottom - g.top) * 0.75;
        while let Some(&(id, lines, h)) = wide.first() {
            if !placed.is_empty() && top + h > limit {
                break;
            }
            wide.remove(0);
            let _ = lines;
            placed.push(FigurePlacement {
                id,
                page,
                rect: Rect::new(g.margin_x, top, g.text_w(), h),
            });
            top += h;
        }
        let bottom = match (self.balance, self.quote) {
            (Some((p, h)), _) if p == page => (top + h).min(g.bottom),
            _ => g.bottom,
        };
        let mut col_tops = [top, top];
        if page == 0
            && let Some(lines) = self.chart_lines
        {
            let h = lines as f32 * g.lead;
            placed.push(FigurePlacement {
                id: Fig::Chart.id(),
                page,
                rect: Rect::new(g.col_x(1), top, g.col_w, h),
            });
            col_tops[1] += h;
        }
        match self.quote {
            QuoteMode::Band(p) if p == page => {
                // The band sits a little above the middle of the text area, on the grid.
                let mid = g.snap((bottom - top) * 0.42);
                let band_top = top + mid;
                placed.push(FigurePlacement {
                    id: Fig::Quote.id(),
                    page,
                    rect: Rect::new(g.margin_x, band_top, g.text_w(), self.quote_h),
                });
                let lower = band_top + self.quote_h;
                for (c, t) in col_tops.iter().enumerate() {
                    self.regions.push(Region {
                        page,
                        rect: Rect::new(g.col_x(c), *t, g.col_w, band_top - t),
                    });
                }
                for c in 0..2 {
                    self.regions.push(Region {
                        page,
                        rect: Rect::new(g.col_x(c), lower, g.col_w, bottom - lower),
                    });
                }
            }
            quote => {
                if let QuoteMode::After(p, y) = quote
                    && p == page
                {
                    placed.push(FigurePlacement {
                        id: Fig::Quote.id(),
                        page,
                        rect: Rect::new(g.margin_x, y, g.text_w(), self.quote_h),
                    });
                }
                for (c, t) in col_tops.iter().enumerate() {
                    self.regions.push(Region {
                        page,
                        rect: Rect::new(g.col_x(c), *t, g.col_w, bottom - t),
                    });
                }
            }
        }
        placed
    }
}

impl RegionSource for InnerPages {
    fn region(
        &mut self,
        index: usize,
        wide: &mut Vec<(usize, usize, f32)>,
    ) -> Option<(Region, Vec<FigurePlacement>)> {
        let mut placed = Vec::new();
        while index >= self.regions.len() {
            if self.pages >= self.max_pages {
                return None;
            }
            placed.extend(self.build_page(wide));
        }
        self.placed.extend(placed.iter().cloned());
        let region = self.regions.get(index).copied()?;
        Some((region, placed))
    }
}

/// Styles of the brochure with the body at `size` points.
pub(super) fn styles(lang: &str, brand: Rgb, size: f32) -> (FlowStyle, ParStyle) {
    let lead = TYPE.leading(size);
    let mut body = ParStyle::new(Family::Serif, size, lead, INK, lang);
    body.align = Align::Justify;
    body.hyphenate = true;
    let mut heading = ParStyle::new(
        Family::Sans,
        size * 13.0 / BODY_SIZE,
        lead * 1.15,
        brand,
        lang,
    );
    heading.bold = true;
    let mut quote = ParStyle::new(Family::Serif, 17.0, 23.0, brand, lang);
    quote.italic = true;
    quote.align = Align::Center;
    (
        FlowStyle {
            body,
            heading,
            first_baseline: size * 0.9,
            min_lines: 2,
            paragraph_gap: 0,
        },
        quote,
    )
}

/// Smallest share of a page's text height a photo may be cut to so the text fits in
/// fewer pages.
pub(super) const SMALLEST_PHOTO_SHARE: f32 = 0.2;

/// Most of a page's text height the pull quote's band may take.
pub(super) const QUOTE_MAX_SHARE: f32 = 0.4;

/// Plans the inner pages with the body at `size` points and `gap` blank lines between
/// paragraphs: the photos' sizes, the quote's place, the flow and the page count.
pub(super) fn plan(
    content: &Content,
    paper: Paper,
    (size, gap): (f32, usize),
    cover_idx: Option<usize>,
    ts: &mut Typesetter,
    photos: &mut dyn PhotoSource,
) -> Result<Planned, Error> {
    let mut g = Geometry::new(paper);
    g.lead = TYPE.leading(size);
    let lang = content.lang.0.as_str();
    let brand = content.organisation.brand_color.value;
    let (mut style, quote_style) = styles(lang, brand, size);
    style.paragraph_gap = gap;
    let lead = g.lead;

    // Measure the fixed pieces once: key figures, chart, quote, photos.
    let mut probe_groups = Groups::default();
    let (_, figs_h) = parts::key_figures(content, 0.0, 0.0, g.text_w(), ts, &mut probe_groups);
    let figures_h = g.snap(figs_h + 4.0 * MM);
    let chart_lines = content.chart.as_ref().map(|c| {
        let mut n = 0;
        let block = chart::chart(c, g.col_w, Point::default(), brand, ts, lang, &mut n);
        ((block.height + 2.0) / lead).ceil() as usize + 1
    });
    let quote_lines = content.quote.as_ref().map(|q| {
        let set = ts.set(&quote_pieces(q), &quote_style, g.text_w() * 0.8);
        set.lines.len() as f32 * quote_style.leading + 2.0 * lead
    });
    let quote_h = quote_lines.map_or(0.0, |h| g.snap(h + 8.0));
    if let Some(q) = &content.quote {
        let room = (g.bottom - g.top) * QUOTE_MAX_SHARE;
        if quote_h > room {
            return Err(Error::input(
                Diagnostic::new(
                    &content.source_path,
                    Some(q.text.span.clone()),
                    format!(
                        "`quote.text` is too long for the brochure: its band would be {:.0} mm tall, where at most {:.0} mm fits ({:.0} mm too long)",
                        quote_h / MM,
                        room / MM,
                        (quote_h - room) / MM
                    ),
                )
                .with_help("shorten the quote to two or three sentences; a pull quote is a line or two the eye catches"),
            ));
        }
    }

    // Body blocks, with photos after the first paragraph of their section.
    let blocks = compose::body_blocks(content);
    let cap_style = parts::caption_style(lang, 9.0);
    // Photos that flow with the text (the cover photo does not): caption lines at
    // column and page width, height-to-width ratio, placement.
    let mut flowing = Vec::new();
    let mut photo_px = Vec::new();
    for (i, p) in content.photos.iter().enumerate() {
        if Some(i) == cover_idx && p.placement == PhotoPlacement::Cover {
            flowing.push(None);
            continue;
        }
        let narrow = ts.set(&parts::caption_pieces(p), &cap_style, g.col_w).lines;
        let wide = ts
            .set(&parts::caption_pieces(p), &cap_style, g.text_w())
            .lines;
        let (iw, ih) = photos.dimensions(i)?;
        photo_px.resize(i, 0);
        photo_px.push(iw);
        flowing.push(Some((
            narrow,
            wide,
            ih as f32 / iw.max(1) as f32,
            p.placement,
        )));
    }
    // Photo heights for a cap on their share of the text height; with `promote`, the
    // last photo without a placement hint may span the page (it usually lands on the
    // last inner page, where there is room to spare).
    let last_auto = flowing
        .iter()
        .rposition(|f| matches!(f, Some((_, _, _, PhotoPlacement::Auto))));
    let sizes = |frac: f32, promote: bool| -> Vec<Option<(f32, usize, bool)>> {
        flowing
            .iter()
            .enumerate()
            .map(|(i, f)| {
                f.as_ref().map(|(narrow, wide_cap, ratio, placement)| {
                    // Promoted only when it has the pixels to span the page sharply.
                    let sharp = photo_px.get(i).is_some_and(|&px| {
                        px as f32 >= parts::MIN_ENLARGED_PPI * g.text_w() / 72.0
                    });
                    let wide = *placement == PhotoPlacement::Page
                        || (promote && Some(i) == last_auto && sharp);
                    let (w, cap) = if wide {
                        (g.text_w(), wide_cap)
                    } else {
                        (g.col_w, narrow)
                    };
                    let max_h = (g.bottom - g.top) * if wide { frac * 1.2 } else { frac };
                    // Whole grid lines: rounded up (a sliver of the photo cropped)
                    // unless that would enlarge it below the sharpness floor.
                    let h0 = (w * ratio).min(max_h);
                    let up = g.snap(h0) - lead * 0.3;
                    let px_h = photo_px.get(i).map_or(0.0, |&px| px as f32 * ratio);
                    let img_h = if up <= w * ratio || px_h / (up / 72.0) >= parts::MIN_ENLARGED_PPI
                    {
                        up
                    } else {
                        ((h0 + lead * 0.3) / lead).floor().max(1.0) * lead - lead * 0.3
                    };
                    let total = img_h + 3.0 + cap.len() as f32 * cap_style.leading;
                    (img_h, (total / lead).ceil() as usize + 1, wide)
                })
            })
            .collect()
    };
    enum Slot {
        Text(Entry),
        Photo(usize, usize),
    }
    let mut slots = Vec::new();
    let mut sections_seen = vec![false; content.sections.len()];
    for b in &blocks {
        slots.push(Slot::Text(flow::set_block(b, g.col_w, &style, ts)));
        if let Block::Paragraph {
            section,
            first: true,
            ..
        } = b
            && sections_seen
                .get_mut(*section)
                .is_some_and(|seen| !std::mem::replace(seen, true))
        {
            for (i, p) in content.photos.iter().enumerate() {
                let home = p.section.unwrap_or(i % content.sections.len().max(1));
                if matches!(flowing.get(i), Some(Some(_))) && home == *section {
                    slots.push(Slot::Photo(i, *section));
                }
            }
        }
    }
    let entries_for = |sizes: &[Option<(f32, usize, bool)>]| -> Vec<Entry> {
        slots
            .iter()
            .filter_map(|s| match s {
                Slot::Text(e) => Some(e.clone()),
                Slot::Photo(i, section) => {
                    sizes
                        .get(*i)
                        .copied()
                        .flatten()
                        .map(|(_, lines, wide)| Entry::Figure {
                            id: Fig::Photo(*i).id(),
                            lines,
                            wide,
                            section: *section,
                        })
                }
            })
            .collect()
    };

    struct Attempt {
        flowed: flow::Flowed,
        pages: InnerPages,
        n: usize,
        frac: f32,
        promote: bool,
    }
    let run = |quote: QuoteMode,
               (frac, promote): (f32, bool),
               balance: Option<(usize, f32)>|
     -> Attempt {
        let mut pages = InnerPages {
            g,
            figures_h,
            chart_lines,
            quote: if quote_lines.is_some() {
                quote
            } else {
                QuoteMode::Off
            },
            quote_h,
            max_pages: 40,
            balance,
            regions: Vec::new(),
            placed: Vec::new(),
            pages: 0,
        };
        let mut n = 0u32;
        let flowed = flow::flow_regions(
            &entries_for(&sizes(frac, promote)),
            &mut pages,
            &style,
            &mut n,
        );
        let used = flowed
            .items
            .iter()
            .map(|(pg, _)| *pg + 1)
            .chain(flowed.figures.iter().map(|fp| fp.page + 1))
            .max()
            .unwrap_or(1)
            .min(pages.pages.max(1));
        Attempt {
            flowed,
            pages,
            n: used,
            frac,
            promote,
        }
    };
    // Where the columns of the last page end: the lowest ink in each column.
    let bottoms = |a: &Attempt| -> [f32; 2] {
        let page = a.n - 1;
        let mid = g.margin_x + g.text_w() / 2.0;
        let mut b = [0.0f32; 2];
        for (pg, item) in &a.flowed.items {
            if *pg == page {
                let r = item.bounds();
                if let Some(bottom) = b.get_mut(usize::from(r.x >= mid)) {
                    *bottom = bottom.max(r.bottom());
                }
            }
        }
        for fp in a.flowed.figures.iter().filter(|f| f.page == page) {
            if Fig::from_id(fp.id) == Fig::Quote {
                continue;
            }
            let right = fp.rect.x >= mid;
            // A wide figure ends both columns.
            let wide = fp.rect.w > g.col_w * 1.5;
            for (c, bottom) in b.iter_mut().enumerate() {
                if (c == 1) == right || wide {
                    *bottom = bottom.max(fp.rect.bottom() - lead);
                }
            }
        }
        b
    };

    // Photos as large as the page count allows; the last page's columns balanced; the
    // quote under them when there is room. Failing that, the quote splits the columns
    // of an inner page, or gets a page of its own.
    // The fewest pages the text can take, with photos at their smallest; then the
    // largest photos that keep that count.
    let base = run(QuoteMode::Off, (SMALLEST_PHOTO_SHARE, false), None);
    let mut chosen: Option<(Attempt, bool)> = None;
    // The first balanced attempt, for a quote that gets a page of its own.
    let mut first_balanced: Option<Attempt> = None;
    let variants = [true, false]
        .into_iter()
        .flat_map(|p| [0.6, 0.5, 0.42, 0.32, 0.25, SMALLEST_PHOTO_SHARE].map(|f| (f, p)));
    if base.flowed.overflow.is_none() {
        for v in variants {
            let a = run(QuoteMode::Off, v, None);
            if a.flowed.overflow.is_some() || a.n != base.n {
                continue;
            }
            let last = a.n - 1;
            // Columns start under whatever heads the page (figures, a wide photo).
            let top = a
                .pages
                .regions
                .iter()
                .filter(|r| r.page == last)
                .map(|r| r.rect.y)
                .fold(f32::MAX, f32::min)
                .min(g.bottom);
            let [b0, b1] = bottoms(&a);
            let used = (b0.max(top) - top) + (b1.max(top) - top);
            // Balance: the smallest column height that still holds the last page.
            let mut balanced = a;
            let start = ((used / 2.0) / lead).floor() as usize;
            let full = ((g.bottom - top) / lead).floor() as usize;
            for lines in start..=full {
                let t = run(QuoteMode::Off, v, Some((last, lines as f32 * lead + lead)));
                if t.flowed.overflow.is_none() && t.n == base.n {
                    balanced = t;
                    break;
                }
            }
            let [b0, b1] = bottoms(&balanced);
            let end = g.snap(b0.max(b1).max(top) - g.top) + g.top + lead;
            let room = g.bottom - end;
            if content.quote.is_none() {
                chosen = Some((balanced, false));
                break;
            }
            if room >= quote_h {
                let bal = balanced.pages.balance;
                let t = run(QuoteMode::After(last, end), v, bal);
                if t.flowed.overflow.is_none() && t.n == base.n {
                    chosen = Some((t, false));
                    break;
                }
            }
            if first_balanced.is_none() {
                first_balanced = Some(balanced);
            }
        }
    }
    if chosen.is_none() {
        for mode in [QuoteMode::Band(1), QuoteMode::Band(0)] {
            let a = run(mode, (0.32, false), None);
            let band_used = matches!(mode, QuoteMode::Band(k) if k < a.n);
            if a.flowed.overflow.is_none() && band_used && a.n % 2 == 0 {
                chosen = Some((a, false));
                break;
            }
        }
    }
    let (chosen_attempt, quote_page) = match chosen {
        Some(c) => c,
        None => {
            // The quote fits neither under the columns nor across them: it gets a
            // page of its own (never left out); the columns balanced as they were for
            // the largest photos.
            let a = first_balanced.unwrap_or_else(|| run(QuoteMode::Off, (0.32, false), None));
            (a, content.quote.is_some())
        }
    };
    let photo_sets: Vec<Option<(f32, usize, bool)>> =
        sizes(chosen_attempt.frac, chosen_attempt.promote);
    let (flowed, pages_src, n_inner) = (
        chosen_attempt.flowed,
        chosen_attempt.pages,
        chosen_attempt.n,
    );
    if let Some(o) = &flowed.overflow {
        // Overflowing text belongs to a section, so there is one to name.
        let section = content.sections.get(o.section).or(content.sections.last());
        return Err(Error::input(
            Diagnostic::new(
                &content.source_path,
                section.map(|s| s.heading.span.clone()),
                format!(
                    "section \"{}\" does not fit in the brochure's {} inner pages: {} lines ({:.0} mm) are left over",
                    section.map_or("", |s| s.heading.value.as_str()),
                    pages_src.max_pages,
                    o.lines,
                    o.height / MM
                ),
            )
            .with_help("shorten the text, or check for a photo or chart too tall for a column"),
        ));
    }
    Ok(Planned {
        g,
        figures_h,
        flowed,
        n_inner,
        quote_page,
        photo_sets,
        flowing,
        cap_style,
        quote_style,
    })
}
