//! Planning the inner pages: their regions, the flow of text and photos through them,
//! and where the quote goes.

use super::*;

/// Styles of the brochure with the body at `size` points.
pub(super) fn styles(lang: &str, brand: Rgb, size: f32) -> (FlowStyle, ParStyle) {
    let lead = TYPE.leading(size, lang);
    let mut body = ParStyle::on_grid(Family::Serif, size, lead, INK, lang);
    body.align = Align::Justify;
    body.hyphenate = true;
    let mut heading = ParStyle::on_grid(
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
/// Plans the inner pages with the body at `size` points and `gap` blank lines between
/// paragraphs: the photos' sizes, the quote's place, the flow and the page count.
///
/// With `spread`, the text is spread over that many inner pages instead: short text
/// that would leave an odd page count (and a blank page) takes one more.
pub(super) fn plan(
    content: &Content,
    paper: Paper,
    (size, gap): (f32, usize),
    cover_idx: Option<usize>,
    spread: Option<usize>,
    ts: &mut Typesetter,
    photos: &mut dyn PhotoSource,
) -> Result<Planned, Error> {
    let mut planner = Planner::new(content, paper, (size, gap), cover_idx, ts, photos)?;
    let (attempt, quote_page) = match spread {
        Some(pages) => (
            planner.spread(pages).ok_or_else(|| {
                Error::Internal(format!("the text could not be spread over {pages} pages"))
            })?,
            false,
        ),
        None => planner.choose(),
    };
    if let Some(o) = &attempt.flowed.overflow {
        return Err(Error::input(
            planner.overflow_error(o, attempt.pages.max_pages),
        ));
    }
    let photo_sets = planner.sizes(attempt.variant);
    let Planner {
        g,
        figures_h,
        flowing,
        cap_style,
        quote_style,
        ..
    } = planner;
    Ok(Planned {
        style: (size, gap),
        g,
        figures_h,
        flowed: attempt.flowed,
        n_inner: attempt.n,
        quote_page,
        photo_sets,
        flowing,
        cap_style,
        quote_style,
    })
}

/// A photo's height, its height in grid lines with its caption, whether it spans
/// the page, and its width (narrower than its column when it has too few pixels).
pub(super) type PhotoSize = (f32, usize, bool, f32);

/// How large the photos may be: the largest share of a page's text height, and
/// whether the last photo without a placement may span the page.
type Variant = (f32, bool);

/// What the flow runs through: a text block, or a photo of a section.
enum Slot {
    Text(Entry),
    Photo(usize, usize),
}

/// One flow of the body through the inner pages.
struct Attempt {
    flowed: flow::Flowed,
    pages: InnerPages,
    /// Inner pages used.
    n: usize,
    variant: Variant,
}

/// Everything measured once for one body size: the fixed pieces, the photos and the
/// body's blocks. Attempts at photo sizes and quote places are flowed from it.
struct Planner<'a> {
    content: &'a Content,
    g: Geometry,
    style: FlowStyle,
    quote_style: ParStyle,
    cap_style: ParStyle,
    figures_h: f32,
    chart_lines: Option<usize>,
    quote_lines: Option<f32>,
    quote_h: f32,
    flowing: Vec<Option<FlowingPhoto>>,
    photo_px: Vec<u32>,
    slots: Vec<Slot>,
    /// Column height limit on every inner page, when spreading.
    spread: Option<f32>,
}

impl<'a> Planner<'a> {
    fn new(
        content: &'a Content,
        paper: Paper,
        (size, gap): (f32, usize),
        cover_idx: Option<usize>,
        ts: &mut Typesetter,
        photos: &mut dyn PhotoSource,
    ) -> Result<Self, Error> {
        let mut g = Geometry::new(paper);
        let lang = content.lang.0.as_str();
        g.lead = TYPE.leading(size, lang);
        let brand = content.organisation.brand_color.value;
        let (mut style, quote_style) = styles(lang, brand, size);
        style.paragraph_gap = gap;
        let (_, figs_h) =
            parts::key_figures(content, 0.0, 0.0, g.text_w(), ts, &mut Groups::default());
        let chart_lines = content.chart.as_ref().map(|c| {
            let block = chart::chart(c, g.col_w, Point::default(), brand, ts, lang, &mut 0);
            ((block.height + 2.0) / g.lead).ceil() as usize + 1
        });
        let quote_lines = content.quote.as_ref().map(|q| {
            let set = ts.set(
                &quote_pieces(q, &quote_style.lang),
                &quote_style,
                g.text_w() * 0.8,
            );
            set.lines.len() as f32 * quote_style.leading + 2.0 * g.lead
        });
        let mut planner = Planner {
            content,
            g,
            style,
            quote_style,
            cap_style: parts::free_caption_style(lang),
            figures_h: g.snap(figs_h + 4.0 * MM),
            chart_lines,
            quote_lines,
            quote_h: quote_lines.map_or(0.0, |h| g.snap(h + 8.0)),
            flowing: Vec::new(),
            photo_px: Vec::new(),
            slots: Vec::new(),
            spread: None,
        };
        planner.check_quote()?;
        planner.measure_photos(cover_idx, ts, photos)?;
        planner.slots = planner.slots_of(ts);
        Ok(planner)
    }

    /// A quote taller than its band may be is an error naming it.
    fn check_quote(&self) -> Result<(), Error> {
        let (Some(q), g) = (&self.content.quote, self.g) else {
            return Ok(());
        };
        let room = (g.bottom - g.top) * QUOTE_MAX_SHARE;
        if self.quote_h <= room {
            return Ok(());
        }
        let d = Diagnostic::new(
            &self.content.source_path,
            Some(q.text.span.clone()),
            format!(
                "`quote.text` is too long for the brochure: its band would be {:.0} mm tall, where at most {:.0} mm fits ({:.0} mm too long)",
                self.quote_h / MM,
                room / MM,
                (self.quote_h - room) / MM
            ),
        );
        Err(Error::input(d.with_help(
            "shorten the quote to two or three sentences; a pull quote is a line or two the eye catches",
        )))
    }

    /// Photos that flow with the text (the cover photo does not, unless it is the
    /// only photo and was not placed on the cover by the content): caption lines at
    /// column and page width, height-to-width ratio, placement, and pixel width.
    fn measure_photos(
        &mut self,
        cover_idx: Option<usize>,
        ts: &mut Typesetter,
        photos: &mut dyn PhotoSource,
    ) -> Result<(), Error> {
        let g = self.g;
        for (i, p) in self.content.photos.iter().enumerate() {
            // The cover photo is not shown again inside, unless it is the only one.
            let others = self.content.photos.len() > 1;
            if Some(i) == cover_idx && (p.placement == PhotoPlacement::Cover || others) {
                self.flowing.push(None);
                continue;
            }
            let pieces = parts::caption_pieces(p);
            let narrow = ts.set(&pieces, &self.cap_style, g.col_w).lines;
            let wide = ts.set(&pieces, &self.cap_style, g.text_w()).lines;
            let (iw, ih) = photos.dimensions(i)?;
            self.photo_px.resize(i, 0);
            self.photo_px.push(iw);
            let ratio = ih as f32 / iw.max(1) as f32;
            self.flowing.push(Some((narrow, wide, ratio, p.placement)));
        }
        Ok(())
    }

    /// Body blocks in reading order, each section's photos after its first paragraph.
    fn slots_of(&self, ts: &mut Typesetter) -> Vec<Slot> {
        let flows = |i: usize| matches!(self.flowing.get(i), Some(Some(_)));
        compose::body_with_photos(self.content, flows)
            .into_iter()
            .map(|item| match item {
                BodyItem::Block(b) => {
                    Slot::Text(flow::set_block(&b, self.g.col_w, &self.style, ts))
                }
                BodyItem::Photo { index, section } => Slot::Photo(index, section),
            })
            .collect()
    }

    /// Photo sizes for a cap on their share of the text height; with `promote`, the
    /// last photo without a placement hint may span the page (it usually lands on the
    /// last inner page, where there is room to spare).
    fn sizes(&self, (frac, promote): Variant) -> Vec<Option<PhotoSize>> {
        let last_auto = self
            .flowing
            .iter()
            .rposition(|f| matches!(f, Some((_, _, _, PhotoPlacement::Auto))));
        self.flowing
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let (narrow, wide_cap, ratio, placement) = f.as_ref()?;
                let px = self.photo_px.get(i).copied();
                // Promoted only when it has the pixels to span the page sharply.
                let sharp = px.is_some_and(|px| {
                    px as f32 >= parts::MIN_ENLARGED_PPI * self.g.text_w() / 72.0
                });
                let wide = *placement == PhotoPlacement::Page
                    || (promote && Some(i) == last_auto && sharp);
                let cap = if wide { wide_cap } else { narrow };
                Some(self.photo_size(wide, *ratio, px, frac, cap.len()))
            })
            .collect()
    }

    /// One photo's size at a share `frac` of the text height, on whole grid lines:
    /// rounded up (a sliver of the photo cropped) unless that would enlarge it below
    /// the sharpness floor.
    fn photo_size(
        &self,
        wide: bool,
        ratio: f32,
        px: Option<u32>,
        frac: f32,
        cap_lines: usize,
    ) -> PhotoSize {
        let (g, lead) = (self.g, self.g.lead);
        let w = if wide { g.text_w() } else { g.col_w };
        let w = px.map_or(w, |px| parts::sharp_width(w, px));
        let max_h = (g.bottom - g.top) * if wide { frac * 1.2 } else { frac };
        let h0 = (w * ratio).min(max_h);
        let up = g.snap(h0) - lead * 0.3;
        let px_h = px.map_or(0.0, |px| px as f32 * ratio);
        let img_h = if up <= w * ratio || px_h / (up / 72.0) >= parts::MIN_ENLARGED_PPI {
            up
        } else {
            ((h0 + lead * 0.3) / lead).floor().max(1.0) * lead - lead * 0.3
        };
        let total = img_h + 3.0 + cap_lines as f32 * self.cap_style.leading;
        (img_h, (total / lead).ceil() as usize + 1, wide, w)
    }

    /// The flow's entries with the photos at `sizes`.
    fn entries(&self, sizes: &[Option<PhotoSize>]) -> Vec<Entry> {
        self.slots
            .iter()
            .filter_map(|s| match s {
                Slot::Text(e) => Some(e.clone()),
                Slot::Photo(i, section) => {
                    let (_, lines, wide, _) = sizes.get(*i).copied().flatten()?;
                    Some(Entry::Figure {
                        id: Fig::Photo(*i).id(),
                        lines,
                        wide,
                        section: *section,
                    })
                }
            })
            .collect()
    }

    /// Flows the body with the quote at `quote`, photos at `variant` and the columns
    /// of one page limited to `balance`.
    fn run(&self, quote: QuoteMode, variant: Variant, balance: Option<(usize, f32)>) -> Attempt {
        let mut pages = InnerPages {
            g: self.g,
            figures_h: self.figures_h,
            chart_lines: self.chart_lines,
            quote: if self.quote_lines.is_some() {
                quote
            } else {
                QuoteMode::Off
            },
            quote_h: self.quote_h,
            max_pages: 40,
            balance,
            spread: self.spread,
            regions: Vec::new(),
            placed: Vec::new(),
            pages: 0,
        };
        let entries = self.entries(&self.sizes(variant));
        let flowed = flow::flow_regions(&entries, &mut pages, &self.style, &mut 0);
        let n = flowed
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
            n,
            variant,
        }
    }

    /// Where the columns of the last page end: the lowest ink in each column.
    fn bottoms(&self, a: &Attempt) -> [f32; 2] {
        let (g, page) = (self.g, a.n - 1);
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
                    *bottom = bottom.max(fp.rect.bottom() - g.lead);
                }
            }
        }
        b
    }

    /// `a` with its last page's columns balanced: the smallest column height that
    /// still holds that page in `n` pages. Returns it and where its columns end.
    fn balanced(&self, a: Attempt, n: usize) -> (Attempt, f32) {
        let (g, lead, last) = (self.g, self.g.lead, a.n - 1);
        // Columns start under whatever heads the page (figures, a wide photo).
        let top = a
            .pages
            .regions
            .iter()
            .filter(|r| r.page == last)
            .map(|r| r.rect.y)
            .fold(f32::MAX, f32::min)
            .min(g.bottom);
        let [b0, b1] = self.bottoms(&a);
        let used = (b0.max(top) - top) + (b1.max(top) - top);
        let start = ((used / 2.0) / lead).floor() as usize;
        let full = ((g.bottom - top) / lead).floor() as usize;
        let variant = a.variant;
        let mut balanced = a;
        for lines in start..=full {
            let t = self.run(
                QuoteMode::Off,
                variant,
                Some((last, lines as f32 * lead + lead)),
            );
            if t.flowed.overflow.is_none() && t.n == n {
                balanced = t;
                break;
            }
        }
        let [b0, b1] = self.bottoms(&balanced);
        let end = g.snap(b0.max(b1).max(top) - g.top) + g.top + lead;
        (balanced, end)
    }

    /// Photos as large as the page count allows; the last page's columns balanced; the
    /// quote under them when there is room. Failing that, the quote splits the
    /// columns of an inner page, or gets a page of its own (the `true` returned).
    fn choose(&self) -> (Attempt, bool) {
        let first_balanced = match self.photos_first() {
            (Some(chosen), _) => return (chosen, false),
            (None, first_balanced) => first_balanced,
        };
        for mode in [QuoteMode::Band(1), QuoteMode::Band(0)] {
            let a = self.run(mode, (0.32, false), None);
            let band_used = matches!(mode, QuoteMode::Band(k) if k < a.n);
            if a.flowed.overflow.is_none() && band_used && a.n.is_multiple_of(2) {
                return (a, false);
            }
        }
        // The quote fits neither under the columns nor across them: it gets a page of
        // its own (never left out); the columns balanced as they were for the largest
        // photos.
        let a = first_balanced.unwrap_or_else(|| self.run(QuoteMode::Off, (0.32, false), None));
        (a, self.content.quote.is_some())
    }

    /// The largest photos that keep the fewest pages the text can take (found with
    /// photos at their smallest), the last page balanced and the quote, if any, under
    /// the columns. Failing that, the first balanced attempt (second), for a quote
    /// that gets a page of its own.
    fn photos_first(&self) -> (Option<Attempt>, Option<Attempt>) {
        let base = self.run(QuoteMode::Off, (SMALLEST_PHOTO_SHARE, false), None);
        if base.flowed.overflow.is_some() {
            return (None, None);
        }
        let n = base.n;
        let variants = [true, false]
            .into_iter()
            .flat_map(|p| [0.6, 0.5, 0.42, 0.32, 0.25, SMALLEST_PHOTO_SHARE].map(|f| (f, p)));
        let mut first_balanced = None;
        for v in variants {
            let a = self.run(QuoteMode::Off, v, None);
            if a.flowed.overflow.is_some() || a.n != n {
                continue;
            }
            let last = a.n - 1;
            let (balanced, end) = self.balanced(a, n);
            if self.content.quote.is_none() {
                return (Some(balanced), None);
            }
            if self.g.bottom - end >= self.quote_h {
                let t = self.run(QuoteMode::After(last, end), v, balanced.pages.balance);
                if t.flowed.overflow.is_none() && t.n == n {
                    return (Some(t), None);
                }
            }
            first_balanced.get_or_insert(balanced);
        }
        (None, first_balanced)
    }

    /// The text spread over `pages` inner pages, photos as large as they go: every
    /// page's columns held to the lowest height that still takes exactly that many.
    fn spread(&mut self, pages: usize) -> Option<Attempt> {
        let (g, lead) = (self.g, self.g.lead);
        let full = ((g.bottom - g.top) / lead).floor() as usize;
        let variants = [true, false]
            .into_iter()
            .flat_map(|p| [0.6, 0.5, 0.42, 0.32].map(|f| (f, p)));
        for v in variants {
            for lines in (full / 3)..=full {
                self.spread = Some(lines as f32 * lead + lead);
                let a = self.run(QuoteMode::Off, v, None);
                if a.flowed.overflow.is_none() && a.n == pages {
                    return Some(a);
                }
            }
        }
        self.spread = None;
        None
    }

    /// Text left over after every inner page: the section it belongs to is named.
    fn overflow_error(&self, o: &flow::Overflow, max_pages: usize) -> Diagnostic {
        let content = self.content;
        let section = content.sections.get(o.section).or(content.sections.last());
        Diagnostic::new(
            &content.source_path,
            section.map(|s| s.heading.span.clone()),
            format!(
                "section \"{}\" does not fit in the brochure's {} inner pages: {} lines ({:.0} mm) are left over",
                section.map_or("", |s| s.heading.value.as_str()),
                max_pages,
                o.lines,
                o.height / MM
            ),
        )
        .with_help("shorten the text, or check for a photo or chart too tall for a column")
    }
}
