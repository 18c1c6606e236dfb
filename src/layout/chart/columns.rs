//! Vertical columns for a series over time: the scale on the left, one column per bar
//! from a common baseline, each value printed above its column and its label below.

use super::{
    ChartBlock, Scale, Styles, alt_text, bar_fill, bar_item, bump, display_value, height_of, scale,
    scale_line, source_block, tick_label, title_block,
};
use crate::content::model::{Chart, Rgb};
use crate::layout::flow::push_line;
use crate::layout::frame::{Item, MM, Point, Rect, Role, Tag};
use crate::text::{Line, Styled, Typesetter};

/// Widest a column may be, however few there are.
const MAX_COLUMN_W: f32 = 14.0 * MM;
/// A column's share of its slot; the rest is the gap between columns.
const COLUMN_SHARE: f32 = 0.62;
/// Space between the tick labels and the plot.
const TICK_GAP: f32 = 4.0;
/// Smallest size the values above the columns are set at when the slots are narrow.
const MIN_VALUE_SIZE: f32 = 5.5;

/// The plot rectangle and its scale.
struct Plot {
    rect: Rect,
    scale: Scale,
}

impl Plot {
    /// The y of `value` on the scale.
    fn y_of(&self, value: f64) -> f32 {
        self.rect.bottom() - self.rect.h * self.scale.share(value)
    }

    /// Width of one bar's slot.
    fn slot(&self, bars: usize) -> f32 {
        self.rect.w / bars.max(1) as f32
    }
}

/// Lays out `chart` as vertical columns `width` points wide with its top-left corner
/// at `origin`; see [`super::chart`] for the tags.
pub fn column_chart(
    chart: &Chart,
    width: f32,
    origin: Point,
    brand: Rgb,
    ts: &mut Typesetter,
    lang: &str,
    group: &mut u32,
) -> ChartBlock {
    let st = Styles::new(lang);
    let mut items = Vec::new();
    let mut cursor = title_block(&mut items, chart, &st, (origin, width), ts, group);
    let figure = Tag {
        role: Role::Figure(alt_text(chart, lang)),
        group: bump(group),
    };
    let scale = scale(chart);
    let tick_w = scale_ticks_width(chart, &scale, &st, ts);
    let slot = (width - tick_w - TICK_GAP) / chart.bars.len().max(1) as f32;
    // The caller checked [`fits`]; unset values would only leave the columns unlabelled.
    let values = value_lines(chart, slot, &st, ts).unwrap_or_default();
    let value_h = values
        .iter()
        .map(|l| l.ascent + l.descent)
        .fold(0.0f32, f32::max);
    let plot = Plot {
        rect: Rect::new(
            origin.x + tick_w + TICK_GAP,
            cursor + value_h + 3.0,
            width - tick_w - TICK_GAP,
            (width * 0.42).clamp(26.0 * MM, 42.0 * MM),
        ),
        scale,
    };
    scale_lines(&mut items, chart, &plot, origin.x, &st, ts, &figure);
    let bars = draw_columns(&mut items, chart, &plot, &values, brand, &figure);
    cursor = column_labels(&mut items, chart, &plot, &st, ts, &figure) + 4.0;
    source_block(&mut items, chart, &st, (origin.x, cursor, width), ts, group);
    ChartBlock {
        height: height_of(&items, origin.y),
        items,
        bars,
    }
}

/// The values to print above the columns, one line each, set small enough to fit
/// their slots (down to [`MIN_VALUE_SIZE`]); `None` when even that is too wide, and
/// columns this narrow cannot carry their values.
fn value_lines(chart: &Chart, slot: f32, st: &Styles, ts: &mut Typesetter) -> Option<Vec<Line>> {
    let texts: Vec<String> = (0..chart.bars.len())
        .map(|i| display_value(chart, i))
        .collect();
    let room = slot - 2.0;
    let mut style = st.value.clone();
    let natural = texts
        .iter()
        .map(|t| ts.measure(&[Styled::plain(t.as_str())], &style))
        .fold(0.0f32, f32::max);
    if natural > room {
        style.size *= room / natural;
        if style.size < MIN_VALUE_SIZE {
            return None;
        }
        style.leading = style.size * 1.2;
    }
    texts
        .iter()
        .map(|t| {
            ts.set(&[Styled::plain(t.as_str())], &style, 10_000.0)
                .lines
                .into_iter()
                .next()
        })
        .collect()
}

/// Whether `chart` can be drawn as columns `width` wide with every value legible over
/// its column; the caller draws bars otherwise.
pub fn fits(chart: &Chart, width: f32, ts: &mut Typesetter, lang: &str) -> bool {
    let st = Styles::new(lang);
    let tick_w = scale_ticks_width(chart, &scale(chart), &st, ts);
    let slot = (width - tick_w - TICK_GAP) / chart.bars.len().max(1) as f32;
    value_lines(chart, slot, &st, ts).is_some()
}

/// Width of the widest tick label.
fn scale_ticks_width(chart: &Chart, scale: &Scale, st: &Styles, ts: &mut Typesetter) -> f32 {
    scale
        .ticks()
        .iter()
        .map(|v| ts.measure(&[Styled::plain(tick_label(scale, *v, chart))], &st.tick))
        .fold(0.0f32, f32::max)
        + 0.5
}

/// The horizontal scale lines with their labels right-aligned on the left.
fn scale_lines(
    items: &mut Vec<Item>,
    chart: &Chart,
    plot: &Plot,
    x: f32,
    st: &Styles,
    ts: &mut Typesetter,
    tag: &Tag,
) {
    let label_right = plot.rect.x - TICK_GAP;
    for (k, v) in plot.scale.ticks().iter().enumerate() {
        let y = plot.y_of(*v);
        let at = Point { x: plot.rect.x, y };
        items.push(scale_line(at, plot.rect.w, 0.0, k == 0, tag));
        let text = tick_label(&plot.scale, *v, chart);
        if let Some(l) = ts
            .set(&[Styled::plain(text)], &st.tick, 10_000.0)
            .lines
            .first()
        {
            let lx = (label_right - l.width).max(x);
            push_line(items, l, lx, y + 0.35 * st.tick.size, tag.clone());
        }
    }
}

/// The columns, centred in their slots, each with its value above it.
fn draw_columns(
    items: &mut Vec<Item>,
    chart: &Chart,
    plot: &Plot,
    values: &[Line],
    brand: Rgb,
    tag: &Tag,
) -> Vec<Rect> {
    let slot = plot.slot(chart.bars.len());
    let col_w = (slot * COLUMN_SHARE).min(MAX_COLUMN_W);
    let mut bars = Vec::with_capacity(chart.bars.len());
    for (i, bar) in chart.bars.iter().enumerate() {
        let top = plot.y_of(bar.value.value);
        let centre = plot.rect.x + slot * (i as f32 + 0.5);
        let rect = Rect::new(centre - col_w / 2.0, top, col_w, plot.rect.bottom() - top);
        items.extend(bar_item(rect, bar_fill(chart, i, brand), tag));
        if let Some(l) = values.get(i) {
            push_line(
                items,
                l,
                centre - l.width / 2.0,
                top - 2.0 - l.descent,
                tag.clone(),
            );
        }
        bars.push(rect);
    }
    bars
}

/// Each column's label under the baseline, centred on its slot and wrapped to it.
/// Returns the bottom of the lowest label.
fn column_labels(
    items: &mut Vec<Item>,
    chart: &Chart,
    plot: &Plot,
    st: &Styles,
    ts: &mut Typesetter,
    tag: &Tag,
) -> f32 {
    let slot = plot.slot(chart.bars.len());
    let top = plot.rect.bottom() + 2.5;
    let mut bottom = top;
    let mut style = st.label.clone();
    style.size = 7.0;
    style.leading = 8.4;
    for (i, bar) in chart.bars.iter().enumerate() {
        let set = ts.set(&[Styled::plain(bar.label.value.trim())], &style, slot - 1.0);
        let centre = plot.rect.x + slot * (i as f32 + 0.5);
        let mut baseline = top + set.lines.first().map_or(0.0, |l| l.ascent);
        for l in &set.lines {
            push_line(items, l, centre - l.width / 2.0, baseline, tag.clone());
            bottom = bottom.max(baseline + l.descent);
            baseline += style.leading;
        }
    }
    bottom
}
