//! The inner pages' regions: two columns a page, under the key figures on the first,
//! the chart heading its right column, page-wide photos at the top of a page, and the
//! quote band splitting a page's columns or standing under them.

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
    /// Column height limit on every page, to spread short text over more pages.
    pub(super) spread: Option<f32>,
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
        top = self.wide_photos(page, top, wide, &mut placed);
        let bottom = match (self.balance, self.quote) {
            (Some((p, h)), _) if p == page => (top + h).min(g.bottom),
            _ => g.bottom,
        };
        let bottom = self.spread.map_or(bottom, |h| bottom.min(top + h));
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
        self.columns(page, col_tops, bottom, &mut placed);
        placed
    }

    /// Places the page-wide photos waiting for a page at its top, leaving at least a
    /// quarter of the page for text (the rest wait for the next page); returns where
    /// the text starts.
    fn wide_photos(
        &self,
        page: usize,
        mut top: f32,
        wide: &mut Vec<(usize, usize, f32)>,
        placed: &mut Vec<FigurePlacement>,
    ) -> f32 {
        let g = self.g;
        let limit = g.top + (g.bottom - g.top) * 0.75;
        while let Some(&(id, _, h)) = wide.first() {
            if !placed.is_empty() && top + h > limit {
                break;
            }
            wide.remove(0);
            placed.push(FigurePlacement {
                id,
                page,
                rect: Rect::new(g.margin_x, top, g.text_w(), h),
            });
            top += h;
        }
        top
    }

    /// The page's two columns from `col_tops` to `bottom`, around the pull quote when
    /// it is this page's: across the middle as a band, or under the text.
    fn columns(
        &mut self,
        page: usize,
        col_tops: [f32; 2],
        bottom: f32,
        placed: &mut Vec<FigurePlacement>,
    ) {
        let g = self.g;
        let top = col_tops[0];
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
