//! Horizontal bar charts drawn as vectors: a title, one labelled bar per value with the
//! value printed at its end, a light scale, and the source in small type underneath.

use crate::content::model::{Chart, Rgb};
use crate::layout::factsheet::{INK, MUTED};
use crate::layout::flow::push_line;
use crate::layout::frame::{Content, Item, Point, Rect, Role, Shape, Tag};
use crate::layout::tint;
use crate::text::{Family, Line, ParStyle, Styled, Typesetter};

const WHITE: Rgb = Rgb::new(0xff, 0xff, 0xff);
/// Neutral grey the comparison bars are mixed towards, so the first bar stands out.
const NEUTRAL: Rgb = Rgb::new(0xbf, 0xbf, 0xbf);

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

/// A laid-out chart.
#[derive(Debug, Clone)]
pub struct ChartBlock {
    /// What to draw, in painting order.
    pub items: Vec<Item>,
    /// Height from the origin to the bottom of the lowest item.
    pub height: f32,
    /// Each bar's rectangle, in the order of the chart's bars (zero width for values
    /// at or below zero).
    pub bars: Vec<Rect>,
}

/// End of the scale: the chart's `max`, else 100 for percentages, else the largest
/// value; never zero, so bar lengths stay finite.
pub fn scale_max(chart: &Chart) -> f64 {
    let max = match &chart.max {
        Some(m) => m.value,
        None if unit(chart) == "%" => 100.0,
        None => chart.bars.iter().map(|b| b.value.value).fold(0.0, f64::max),
    };
    if max.is_finite() && max > 0.0 {
        max
    } else {
        1.0
    }
}

/// The text printed at a bar's end: its `display`, else the number and unit.
pub fn display_value(chart: &Chart, index: usize) -> String {
    let Some(bar) = chart.bars.get(index) else {
        return String::new();
    };
    match &bar.display {
        Some(d) => d.value.clone(),
        None => with_unit(&number(bar.value.value), unit(chart)),
    }
}

/// The chart described in words, for the figure's text alternative.
pub fn alt_text(chart: &Chart) -> String {
    let title = chart.title.value.trim();
    let mut alt = format!("Bar chart: {title}");
    if !title.ends_with(['.', '!', '?', ':']) {
        alt.push('.');
    }
    let bars: Vec<String> = chart
        .bars
        .iter()
        .enumerate()
        .map(|(i, bar)| format!("{}: {}", bar.label.value.trim(), display_value(chart, i)))
        .collect();
    if !bars.is_empty() {
        alt.push(' ');
        alt.push_str(&bars.join("; "));
        alt.push('.');
    }
    alt.push(' ');
    alt.push_str(&source_line(chart));
    alt
}

/// Lays out `chart` as a horizontal bar chart `width` points wide with its top-left
/// corner at `origin`. Bars are `value / max` of the plot width (clamped to the plot),
/// the first in `brand` and any others in a muted tint of it.
///
/// Tags, in reading order, each taking the next number after `group` (which is left at
/// the last one used): the title as a paragraph; the bars, labels, values and scale as
/// one figure whose text alternative is [`alt_text`]; the source line as a caption.
pub fn bar_chart(
    chart: &Chart,
    width: f32,
    origin: Point,
    brand: Rgb,
    ts: &mut Typesetter,
    lang: &str,
    group: &mut u32,
) -> ChartBlock {
    let mut title_style = ParStyle::new(Family::Sans, 9.0, 11.5, INK, lang);
    title_style.bold = true;
    let label_style = ParStyle::new(Family::Sans, 8.0, 9.6, INK, lang);
    let mut value_style = label_style.clone();
    value_style.bold = true;
    let tick_style = ParStyle::new(Family::Sans, 6.5, 8.0, MUTED, lang);
    let source_style = ParStyle::new(Family::Sans, 6.5, 8.0, MUTED, lang);

    let mut items = Vec::new();
    let mut cursor = origin.y;

    // Title.
    let title = ts.set(
        &[Styled::plain(chart.title.value.trim())],
        &title_style,
        width,
    );
    if !title.lines.is_empty() {
        let tag = Tag {
            role: Role::Paragraph,
            group: bump(group),
        };
        cursor = place_lines(
            &mut items,
            &title.lines,
            origin.x,
            cursor,
            title_style.leading,
            tag,
        );
        cursor += 5.0;
    }

    // Columns: labels as wide as the longest (within a cap), values likewise, the plot
    // takes what is left, so the longest bar and its value always fit.
    let labels: Vec<String> = chart
        .bars
        .iter()
        .map(|b| b.label.value.trim().to_string())
        .collect();
    let values: Vec<String> = (0..chart.bars.len())
        .map(|i| display_value(chart, i))
        .collect();
    let widest = |ts: &mut Typesetter, texts: &[String], style: &ParStyle| {
        texts
            .iter()
            .map(|t| ts.measure(&[Styled::plain(t.as_str())], style))
            .fold(0.0f32, f32::max)
    };
    // Half a point of slack so setting to the measured width never wraps.
    let label_w = (widest(ts, &labels, &label_style) + 0.5).min(width * LABEL_SHARE);
    let value_w = (widest(ts, &values, &value_style) + 0.5).min(width * VALUE_SHARE);
    let plot_x = origin.x + label_w + LABEL_GAP;
    let plot_w = (width - label_w - LABEL_GAP - VALUE_GAP - value_w).max(0.0);
    let max = scale_max(chart);

    // Rows: each as tall as its bar or its wrapped label or value, the bar centred.
    struct Row {
        label: Vec<Line>,
        value: Vec<Line>,
        top: f32,
        height: f32,
    }
    let plot_top = cursor + PLOT_PAD;
    let mut rows = Vec::with_capacity(chart.bars.len());
    let mut y = plot_top;
    for (label, value) in labels.iter().zip(&values) {
        let label = ts
            .set(&[Styled::plain(label.as_str())], &label_style, label_w)
            .lines;
        let value = ts
            .set(&[Styled::plain(value.as_str())], &value_style, value_w)
            .lines;
        let lines = label.len().max(value.len()).max(1);
        let height = BAR_H.max(lines as f32 * label_style.leading);
        rows.push(Row {
            label,
            value,
            top: y,
            height,
        });
        y += height + ROW_GAP;
    }
    let plot_bottom = if rows.is_empty() {
        plot_top + BAR_H
    } else {
        y - ROW_GAP
    } + PLOT_PAD;

    let figure = Tag {
        role: Role::Figure(alt_text(chart)),
        group: bump(group),
    };
    // Scale lines first, so the bars and text paint over them; the one at zero is the axis.
    for k in 0..=4 {
        let (line_w, color) = if k == 0 {
            (0.6, MUTED)
        } else {
            (0.35, tint(MUTED, WHITE, 0.75))
        };
        items.push(Item {
            pos: Point {
                x: plot_x + plot_w * k as f32 / 4.0,
                y: plot_top - PLOT_PAD,
            },
            content: Content::Shape(Shape::Line {
                dx: 0.0,
                dy: plot_bottom - plot_top + PLOT_PAD,
                width: line_w,
                color,
            }),
            tag: figure.clone(),
        });
    }
    let muted_bar = tint(brand, NEUTRAL, 0.6);
    let mut bars = Vec::with_capacity(rows.len());
    for (i, (row, bar)) in rows.iter().zip(&chart.bars).enumerate() {
        let share = (bar.value.value / max).clamp(0.0, 1.0);
        let share = if share.is_nan() { 0.0 } else { share };
        let rect = Rect::new(
            plot_x,
            row.top + (row.height - BAR_H) / 2.0,
            plot_w * share as f32,
            BAR_H,
        );
        bars.push(rect);
        if rect.w > 0.0 {
            items.push(Item {
                pos: Point {
                    x: rect.x,
                    y: rect.y,
                },
                content: Content::Shape(Shape::Rect {
                    w: rect.w,
                    h: rect.h,
                    fill: if i == 0 { brand } else { muted_bar },
                }),
                tag: figure.clone(),
            });
        }
    }
    for (row, bar) in rows.iter().zip(&bars) {
        let centre = row.top + row.height / 2.0;
        for (lines, x) in [
            (&row.label, origin.x),
            (&row.value, bar.right() + VALUE_GAP),
        ] {
            // Centre the block of lines on the bar; 0.35 em is half a capital's height.
            let first = centre - (lines.len().max(1) - 1) as f32 * label_style.leading / 2.0
                + 0.35 * label_style.size;
            for (k, l) in lines.iter().enumerate() {
                let baseline = first + k as f32 * label_style.leading;
                push_line(&mut items, l, x, baseline, figure.clone());
            }
        }
    }

    // Scale labels under the plot, centred on their lines; fewer when they would crowd.
    // Each label with its position, 0 to 4 quarters along the scale.
    let ticks: Vec<(usize, Line)> = (0..=4)
        .filter_map(|k| {
            let v = number(max * k as f64 / 4.0);
            let text = if k == 4 {
                with_unit(&v, unit(chart))
            } else {
                v
            };
            ts.set(&[Styled::plain(text)], &tick_style, width)
                .lines
                .into_iter()
                .next()
                .map(|line| (k, line))
        })
        .collect();
    let widest_tick = ticks.iter().map(|(_, l)| l.width).fold(0.0f32, f32::max);
    let step = if plot_w / 4.0 >= widest_tick + 3.0 {
        1
    } else if plot_w / 2.0 >= widest_tick + 3.0 {
        2
    } else {
        4
    };
    let tick_base = plot_bottom + 2.0 + 0.75 * tick_style.size;
    for (k, l) in ticks.iter().filter(|(k, _)| k % step == 0) {
        let centre = plot_x + plot_w * *k as f32 / 4.0;
        let x = (centre - l.width / 2.0)
            .min(origin.x + width - l.width)
            .max(origin.x);
        push_line(&mut items, l, x, tick_base, figure.clone());
    }
    cursor = tick_base + ticks.first().map_or(0.0, |(_, l)| l.descent) + 4.0;

    // Source.
    let source = ts.set(&[Styled::plain(source_line(chart))], &source_style, width);
    if !source.lines.is_empty() {
        let tag = Tag {
            role: Role::Caption,
            group: bump(group),
        };
        place_lines(
            &mut items,
            &source.lines,
            origin.x,
            cursor,
            source_style.leading,
            tag,
        );
    }

    let bottom = items
        .iter()
        .map(|i| i.bounds().bottom())
        .fold(origin.y, f32::max);
    ChartBlock {
        items,
        height: bottom - origin.y,
        bars,
    }
}

/// Places lines one `leading` apart with the first line's top at `top`; returns the
/// bottom of the last line.
fn place_lines(
    items: &mut Vec<Item>,
    lines: &[Line],
    x: f32,
    top: f32,
    leading: f32,
    tag: Tag,
) -> f32 {
    let mut baseline = top + lines.first().map_or(0.0, |l| l.ascent);
    let mut bottom = top;
    for l in lines {
        push_line(items, l, x, baseline, tag.clone());
        bottom = baseline + l.descent;
        baseline += leading;
    }
    bottom
}

/// "Source: …", unless the text already says so.
fn source_line(chart: &Chart) -> String {
    let s = chart.source.value.trim();
    let mut line = if s.to_lowercase().starts_with("source") {
        s.to_string()
    } else {
        format!("Source: {s}")
    };
    if !line.ends_with(['.', '!', '?']) {
        line.push('.');
    }
    line
}

fn unit(chart: &Chart) -> &str {
    chart.unit.as_ref().map_or("", |u| u.value.trim())
}

/// A number and its unit, held together by a no-break space so they never part.
fn with_unit(number: &str, unit: &str) -> String {
    if unit.is_empty() {
        number.to_string()
    } else {
        format!("{number}\u{a0}{unit}")
    }
}

/// A number as people write it: whole numbers without decimals, others with at most two.
fn number(v: f64) -> String {
    if (v - v.round()).abs() < 1e-9 {
        format!("{}", v.round() as i64)
    } else {
        let s = format!("{v:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// The next structure-group number.
fn bump(group: &mut u32) -> u32 {
    *group += 1;
    *group
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_naturally() {
        assert_eq!(number(100.0), "100");
        assert_eq!(number(12.5), "12.5");
        assert_eq!(number(9.25), "9.25");
        assert_eq!(number(1.0 / 3.0), "0.33");
        assert_eq!(with_unit("20", "%"), "20\u{a0}%");
        assert_eq!(with_unit("20", ""), "20");
    }
}
