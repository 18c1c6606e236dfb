//! Horizontal bars: labels in a column on the left, bars from a common axis, each value
//! printed at its bar's end, the scale underneath.

use super::{
    ChartBlock, Scale, Styles, alt_text, bar_fill, bar_item, bump, display_value, height_of, scale,
    scale_line, source_block, tick_label, title_block,
};
use crate::content::model::{Chart, Rgb};
use crate::layout::flow::push_line;
use crate::layout::frame::{Item, Point, Rect, Role, Tag};
use crate::text::{Line, ParStyle, Styled, Typesetter};

/// Thickness of a bar in points.
const BAR_H: f32 = 11.0;
/// Space between two rows of bars.
const ROW_GAP: f32 = 5.0;
/// Space between the label column and the axis.
const LABEL_GAP: f32 = 6.0;
/// Space between a bar's end and its value.
const VALUE_GAP: f32 = 4.0;
/// Room the scale lines reach above the first bar and below the last.
const PLOT_PAD: f32 = 3.0;
/// Largest share of the width the label column may take.
const LABEL_SHARE: f32 = 0.4;
/// Largest share of the width reserved for the values after the longest bar.
const VALUE_SHARE: f32 = 0.3;

/// One bar's row: its label and value set, and where the row sits.
struct Row {
    label: Vec<Line>,
    value: Vec<Line>,
    top: f32,
    height: f32,
}

/// The plot: where the axis starts, how wide it runs, and its scale.
struct Plot {
    x: f32,
    w: f32,
    top: f32,
    bottom: f32,
    scale: Scale,
}

/// Lays out `chart` as horizontal bars `width` points wide with its top-left corner at
/// `origin`; see [`super::chart`] for the tags.
pub fn bar_chart(
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
    let (rows, plot) = rows_and_plot(chart, width, origin.x, cursor + PLOT_PAD, &st, ts);
    let figure = Tag {
        role: Role::Figure(alt_text(chart, lang)),
        group: bump(group),
    };
    // Scale lines first, so the bars and text paint over them.
    for (k, v) in plot.scale.ticks().iter().enumerate() {
        let at = Point {
            x: plot.x + plot.w * plot.scale.share(*v),
            y: plot.top - PLOT_PAD,
        };
        items.push(scale_line(
            at,
            0.0,
            plot.bottom - plot.top + PLOT_PAD,
            k == 0,
            &figure,
        ));
    }
    let bars = draw_bars(&mut items, chart, &rows, &plot, brand, &figure);
    for (row, bar) in rows.iter().zip(&bars) {
        row_text(
            &mut items,
            row,
            origin.x,
            bar.right() + VALUE_GAP,
            &st.label,
            &figure,
        );
    }
    cursor = scale_labels(
        &mut items,
        chart,
        &plot,
        (origin.x, width),
        &st,
        ts,
        &figure,
    );
    source_block(&mut items, chart, &st, (origin.x, cursor, width), ts, group);
    ChartBlock {
        height: height_of(&items, origin.y),
        items,
        bars,
    }
}

/// Sets each bar's label and value and sizes the plot between the label column and
/// the room the longest value needs, so the longest bar and its value always fit.
fn rows_and_plot(
    chart: &Chart,
    width: f32,
    x: f32,
    top: f32,
    st: &Styles,
    ts: &mut Typesetter,
) -> (Vec<Row>, Plot) {
    let labels: Vec<String> = chart
        .bars
        .iter()
        .map(|b| b.label.value.trim().to_string())
        .collect();
    let values: Vec<String> = (0..chart.bars.len())
        .map(|i| display_value(chart, i))
        .collect();
    // Half a point of slack so setting to the measured width never wraps.
    let label_w = (widest(ts, &labels, &st.label) + 0.5).min(width * LABEL_SHARE);
    let value_w = (widest(ts, &values, &st.value) + 0.5).min(width * VALUE_SHARE);
    let mut rows = Vec::with_capacity(labels.len());
    let mut y = top;
    for (label, value) in labels.iter().zip(&values) {
        let label = ts
            .set(&[Styled::plain(label.as_str())], &st.label, label_w)
            .lines;
        let value = ts
            .set(&[Styled::plain(value.as_str())], &st.value, value_w)
            .lines;
        let lines = label.len().max(value.len()).max(1);
        let height = BAR_H.max(lines as f32 * st.label.leading);
        rows.push(Row {
            label,
            value,
            top: y,
            height,
        });
        y += height + ROW_GAP;
    }
    let bottom = if rows.is_empty() {
        top + BAR_H
    } else {
        y - ROW_GAP
    } + PLOT_PAD;
    let plot = Plot {
        x: x + label_w + LABEL_GAP,
        w: (width - label_w - LABEL_GAP - VALUE_GAP - value_w).max(0.0),
        top,
        bottom,
        scale: scale(chart),
    };
    (rows, plot)
}

fn widest(ts: &mut Typesetter, texts: &[String], style: &ParStyle) -> f32 {
    texts
        .iter()
        .map(|t| ts.measure(&[Styled::plain(t.as_str())], style))
        .fold(0.0f32, f32::max)
}

/// The bars, centred in their rows; returns their rectangles in the chart's order.
fn draw_bars(
    items: &mut Vec<Item>,
    chart: &Chart,
    rows: &[Row],
    plot: &Plot,
    brand: Rgb,
    tag: &Tag,
) -> Vec<Rect> {
    let mut bars = Vec::with_capacity(rows.len());
    for (i, (row, bar)) in rows.iter().zip(&chart.bars).enumerate() {
        let rect = Rect::new(
            plot.x,
            row.top + (row.height - BAR_H) / 2.0,
            plot.w * plot.scale.share(bar.value.value),
            BAR_H,
        );
        bars.push(rect);
        items.extend(bar_item(rect, bar_fill(chart, i, brand), tag));
    }
    bars
}

/// A row's label at `label_x` and its value at `value_x`, each centred on the bar.
fn row_text(
    items: &mut Vec<Item>,
    row: &Row,
    label_x: f32,
    value_x: f32,
    style: &ParStyle,
    tag: &Tag,
) {
    let centre = row.top + row.height / 2.0;
    for (lines, x) in [(&row.label, label_x), (&row.value, value_x)] {
        // 0.35 em is half a capital's height.
        let first =
            centre - (lines.len().max(1) - 1) as f32 * style.leading / 2.0 + 0.35 * style.size;
        for (k, l) in lines.iter().enumerate() {
            push_line(items, l, x, first + k as f32 * style.leading, tag.clone());
        }
    }
}

/// Scale labels under the plot, centred on their lines; every second (or only the ends)
/// when they would crowd. Returns where the source line starts.
fn scale_labels(
    items: &mut Vec<Item>,
    chart: &Chart,
    plot: &Plot,
    (x, width): (f32, f32),
    st: &Styles,
    ts: &mut Typesetter,
    tag: &Tag,
) -> f32 {
    let ticks: Vec<(f32, Line)> = plot
        .scale
        .ticks()
        .iter()
        .filter_map(|v| {
            let text = tick_label(&plot.scale, *v, chart);
            let line = ts
                .set(&[Styled::plain(text)], &st.tick, width)
                .lines
                .into_iter()
                .next()?;
            Some((plot.scale.share(*v), line))
        })
        .collect();
    let intervals = ticks.len().saturating_sub(1).max(1);
    let widest = ticks.iter().map(|(_, l)| l.width).fold(0.0f32, f32::max);
    let every = (1..=intervals)
        .find(|k| {
            intervals.is_multiple_of(*k) && plot.w * *k as f32 / intervals as f32 >= widest + 3.0
        })
        .unwrap_or(intervals);
    let base = plot.bottom + 2.0 + 0.75 * st.tick.size;
    for (k, (share, l)) in ticks.iter().enumerate() {
        if k % every != 0 {
            continue;
        }
        let centre = plot.x + plot.w * share;
        let lx = (centre - l.width / 2.0).min(x + width - l.width).max(x);
        push_line(items, l, lx, base, tag.clone());
    }
    base + ticks.first().map_or(0.0, |(_, l)| l.descent) + 4.0
}
