//! Charts drawn as vectors from the content's numbers: horizontal bars for comparing
//! things ([`bars`]) or vertical columns for a series over time ([`columns`]). Both
//! have a title, a scale of round numbers (steps of 1, 2 or 5 times a power of ten,
//! with thousands separators), the values printed at the bars, and the source in small
//! type underneath. A bar the content marks `highlight: true` is drawn in the brand
//! colour and the others muted; with none marked, all bars are equal.

mod bars;
mod columns;

use crate::content::model::{Chart, ChartStyle, Rgb};
use crate::layout::factsheet::{INK, MUTED};
use crate::layout::flow::push_line;
use crate::layout::frame::{Content, Item, Point, Rect, Role, Shape, Tag};
use crate::layout::tint;
use crate::text::{Family, Line, ParStyle, Styled, Typesetter};

const WHITE: Rgb = Rgb::new(0xff, 0xff, 0xff);
/// Neutral grey the other bars are mixed towards, so a highlighted bar stands out.
const NEUTRAL: Rgb = Rgb::new(0xbf, 0xbf, 0xbf);
/// Most intervals on a scale: more ticks than this crowd a small chart.
const MAX_INTERVALS: f64 = 6.0;

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

/// The type a chart is set in.
struct Styles {
    title: ParStyle,
    label: ParStyle,
    value: ParStyle,
    tick: ParStyle,
    source: ParStyle,
}

impl Styles {
    fn new(lang: &str) -> Styles {
        let mut title = ParStyle::new(Family::Sans, 9.0, 11.5, INK, lang);
        title.bold = true;
        let label = ParStyle::new(Family::Sans, 8.0, 9.6, INK, lang);
        let mut value = label.clone();
        value.bold = true;
        let tick = ParStyle::new(Family::Sans, 6.5, 8.0, MUTED, lang);
        let source = tick.clone();
        Styles {
            title,
            label,
            value,
            tick,
            source,
        }
    }
}

/// Lays out `chart` `width` points wide with its top-left corner at `origin`, as bars
/// or columns as its `style` says; columns too many for the width to print their values
/// legibly (at 5.5 pt or more) are drawn as bars instead.
///
/// Tags, in reading order, each taking the next number after `group` (which is left at
/// the last one used): the title as a paragraph; the bars, labels, values and scale as
/// one figure whose text alternative is [`alt_text`]; the source line as a caption.
pub fn chart(
    chart: &Chart,
    width: f32,
    origin: Point,
    brand: Rgb,
    ts: &mut Typesetter,
    lang: &str,
    group: &mut u32,
) -> ChartBlock {
    // Columns too narrow for their values are drawn as bars, which always have room.
    if chart.style == ChartStyle::Columns && columns::fits(chart, width, ts, lang) {
        columns::column_chart(chart, width, origin, brand, ts, lang, group)
    } else {
        bars::bar_chart(chart, width, origin, brand, ts, lang, group)
    }
}

pub use bars::bar_chart;

/// A chart's scale: from 0 to `end` in ticks `step` apart.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scale {
    /// The value at the end of the axis, a whole number of steps.
    pub end: f64,
    /// Distance between ticks: 1, 2 or 5 times a power of ten.
    pub step: f64,
}

impl Scale {
    /// The tick values from 0 to the end.
    pub fn ticks(&self) -> Vec<f64> {
        let n = (self.end / self.step).round() as usize;
        (0..=n).map(|k| k as f64 * self.step).collect()
    }

    /// Where `value` falls along the axis, 0 to 1.
    pub fn share(&self, value: f64) -> f32 {
        let share = (value / self.end).clamp(0.0, 1.0);
        if share.is_nan() { 0.0 } else { share as f32 }
    }
}

/// The scale for `chart`: at least [`scale_max`], in the smallest round step that
/// needs no more than six intervals, so 6 850 gives 0–8 000 in steps of 2 000 and a
/// per-cent chart 0–100 in steps of 20.
pub fn scale(chart: &Chart) -> Scale {
    let top = scale_max(chart);
    let power = 10f64.powf(top.log10().floor() - 1.0);
    let step = [1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0]
        .iter()
        .map(|m| m * power)
        .find(|step| (top / step - 1e-9).ceil() <= MAX_INTERVALS)
        .unwrap_or(top);
    let end = ((top / step - 1e-9).ceil() * step).max(step);
    Scale { end, step }
}

/// The fill of bar `index`: the brand colour for a highlighted bar, or for every bar
/// when none is highlighted; a muted tint otherwise.
fn bar_fill(chart: &Chart, index: usize, brand: Rgb) -> Rgb {
    let any = chart.bars.iter().any(|b| b.highlight);
    let this = chart.bars.get(index).is_some_and(|b| b.highlight);
    if !any || this {
        brand
    } else {
        tint(brand, NEUTRAL, 0.6)
    }
}

/// A tick's label: the number, and the unit after the last one.
fn tick_label(scale: &Scale, value: f64, chart: &Chart) -> String {
    let v = chart.digits.write(&number(value));
    if (value - scale.end).abs() < scale.step * 1e-6 {
        with_unit(&v, unit(chart))
    } else {
        v
    }
}

/// A scale line across the plot: the one at zero is the axis, darker than the rest.
fn scale_line(at: Point, dx: f32, dy: f32, axis: bool, tag: &Tag) -> Item {
    let (width, color) = if axis {
        (0.6, MUTED)
    } else {
        (0.35, tint(MUTED, WHITE, 0.75))
    };
    Item {
        pos: at,
        content: Content::Shape(Shape::Line {
            dx,
            dy,
            width,
            color,
        }),
        tag: tag.clone(),
    }
}

/// A filled bar, unless it has no size.
fn bar_item(rect: Rect, fill: Rgb, tag: &Tag) -> Option<Item> {
    (rect.w > 0.0 && rect.h > 0.0).then(|| Item {
        pos: Point {
            x: rect.x,
            y: rect.y,
        },
        content: Content::Shape(Shape::Rect {
            w: rect.w,
            h: rect.h,
            fill,
        }),
        tag: tag.clone(),
    })
}

/// Sets `text` on lines one `leading` apart from `top`, tagged; returns the bottom.
fn text_block(
    items: &mut Vec<Item>,
    ts: &mut Typesetter,
    text: &str,
    style: &ParStyle,
    (x, top, width): (f32, f32, f32),
    tag: Tag,
) -> f32 {
    let set = ts.set(&[Styled::plain(text)], style, width);
    if set.lines.is_empty() {
        return top;
    }
    place_lines(items, &set.lines, x, top, style.leading, tag)
}

/// The chart's title as a tagged paragraph from `origin`; returns where the plot
/// starts, a little below it.
fn title_block(
    items: &mut Vec<Item>,
    chart: &Chart,
    st: &Styles,
    (origin, width): (Point, f32),
    ts: &mut Typesetter,
    group: &mut u32,
) -> f32 {
    let tag = Tag {
        role: Role::Paragraph,
        group: bump(group),
    };
    let title = chart.title.value.trim();
    let bottom = text_block(
        items,
        ts,
        title,
        &st.title,
        (origin.x, origin.y, width),
        tag,
    );
    if title.is_empty() {
        bottom
    } else {
        bottom + 5.0
    }
}

/// The "Source: …" line as a tagged caption from `top`.
fn source_block(
    items: &mut Vec<Item>,
    chart: &Chart,
    st: &Styles,
    at: (f32, f32, f32),
    ts: &mut Typesetter,
    group: &mut u32,
) {
    let tag = Tag {
        role: Role::Caption,
        group: bump(group),
    };
    text_block(
        items,
        ts,
        &source_line(chart, &st.source.lang),
        &st.source,
        at,
        tag,
    );
}

/// The bottom of the lowest item, from `top`.
fn height_of(items: &[Item], top: f32) -> f32 {
    items
        .iter()
        .map(|i| i.bounds().bottom())
        .fold(top, f32::max)
        - top
}

/// End of the scale's data: the chart's `max`, else 100 for percentages, else the largest
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
        None => with_unit(&chart.digits.write(&number(bar.value.value)), unit(chart)),
    }
}

/// The chart described in words, for the figure's text alternative.
pub fn alt_text(chart: &Chart, lang: &str) -> String {
    let words = super::words::words(lang);
    let title = chart.title.value.trim();
    let kind = match chart.style {
        ChartStyle::Bars => words.bar_chart,
        ChartStyle::Columns => words.column_chart,
    };
    let mut alt = words.sentence(&format!("{kind}{}{title}", words.colon));
    let bars: Vec<String> = chart
        .bars
        .iter()
        .enumerate()
        .map(|(i, bar)| {
            let value = display_value(chart, i);
            format!("{}{}{value}", bar.label.value.trim(), words.colon)
        })
        .collect();
    if !bars.is_empty() {
        alt.push(' ');
        alt.push_str(&words.sentence(&bars.join(words.list_separator)));
    }
    alt.push(' ');
    alt.push_str(&source_line(chart, lang));
    alt
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
fn source_line(chart: &Chart, lang: &str) -> String {
    let words = super::words::words(lang);
    let s = chart.source.value.trim();
    let label = words.source.trim_end().trim_end_matches([':', '：', '៖']);
    let line = if s.to_lowercase().starts_with(&label.to_lowercase()) {
        s.to_string()
    } else {
        format!("{}{s}", words.source)
    };
    words.sentence(&line)
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

/// A number as people write it: whole numbers without decimals, others with at most
/// two; thousands separated by commas (`8,000`). A chart's labels, not its values,
/// hold years, so a value is always a quantity.
fn number(v: f64) -> String {
    let s = if (v - v.round()).abs() < 1e-9 {
        format!("{}", v.round() as i64)
    } else {
        let s = format!("{v:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    };
    let (int, frac) = s
        .split_once('.')
        .map_or((s.as_str(), None), |(i, f)| (i, Some(f)));
    let (sign, digits) = int.strip_prefix('-').map_or(("", int), |d| ("-", d));
    if digits.len() < 4 {
        return s;
    }
    let mut grouped = String::from(sign);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(d);
    }
    if let Some(f) = frac {
        grouped.push('.');
        grouped.push_str(f);
    }
    grouped
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
        assert_eq!(number(8000.0), "8,000");
        assert_eq!(number(999.0), "999");
        assert_eq!(number(12000.0), "12,000");
        assert_eq!(number(1_234_567.5), "1,234,567.5");
    }

    #[test]
    fn scales_step_in_ones_twos_and_fives() {
        use crate::content::model::{ChartBar, Sp, Span};
        let chart = |values: &[f64], unit: &str| Chart {
            title: Sp::new("t".into(), Span::default()),
            unit: Some(Sp::new(unit.into(), Span::default())),
            style: ChartStyle::Bars,
            bars: values
                .iter()
                .map(|v| ChartBar {
                    label: Sp::new("x".into(), Span::default()),
                    value: Sp::new(*v, Span::default()),
                    display: None,
                    highlight: false,
                })
                .collect(),
            source: Sp::new("s".into(), Span::default()),
            max: None,
            digits: Default::default(),
        };
        for (values, unit, end, step) in [
            (&[20.0, 80.0][..], "%", 100.0, 20.0),
            (&[3900.0, 6850.0][..], "", 8000.0, 2000.0),
            (&[2625.0, 10500.0][..], "", 12000.0, 2000.0),
            (&[3.0, 7.0][..], "", 8.0, 2.0),
            (&[0.4, 0.9][..], "", 1.0, 0.2),
            (&[41.0, 80.0][..], "", 80.0, 20.0),
        ] {
            let s = scale(&chart(values, unit));
            assert!(
                (s.end - end).abs() < 1e-9 && (s.step - step).abs() < 1e-9,
                "{values:?}: {s:?}"
            );
            assert!(s.ticks().len() <= 7);
            let m = s.step / 10f64.powf(s.step.log10().floor());
            assert!(
                [1.0, 2.0, 5.0].iter().any(|x| (m - x).abs() < 1e-6),
                "{s:?}"
            );
        }
    }
}
