//! The bar chart: its bars, their values and the end of its scale.

use serde_saphyr::Spanned;

use super::{Checker, span_of, span_with_path};
use crate::content::checks::{echo_number, grouped};
use crate::content::model::{Chart, ChartBar, ChartStyle, Sp, Span};
use crate::content::raw::{RawChart, RawChartBar, SpannedList};
use crate::content::schema;
use crate::limits::MAX_CHART_VALUE;

/// Fewest bars a chart may have: one bar compares nothing.
const MIN_BARS: usize = 2;

/// Most bars a chart may have: more stop being readable at print size.
const MAX_BARS: usize = crate::limits::MAX_CHART_BARS;

/// End of the scale for a chart in per cent, unless a value goes beyond it.
const PERCENT_MAX: f64 = 100.0;

impl Checker<'_> {
    pub(super) fn chart(&mut self, value: Option<Spanned<RawChart>>) -> Option<Chart> {
        let value = value?;
        let span = span_of(&value.referenced, "chart");
        let raw = value.value;
        let title = self.text(raw.title, &span, "chart.title".into(), "title");
        let unit = self.optional_text(raw.unit, "chart.unit".into(), "unit");
        let reported = self.diagnostics.len();
        let bars = self.chart_bars(raw.bars, &span);
        // Only judge the scale against values that are all known to be good.
        let bars_ok = self.diagnostics.len() == reported;
        let source = self.text(raw.source, &span, "chart.source".into(), "source");
        let max = self.chart_max(raw.max, &bars, bars_ok, unit.as_ref(), &span);
        let style = self.chart_style(raw.style);
        Some(Chart {
            title,
            unit,
            style,
            bars,
            source,
            max: Some(max),
            digits: Default::default(),
        })
    }

    fn chart_bars(
        &mut self,
        value: Option<SpannedList<RawChartBar>>,
        chart: &Span,
    ) -> Vec<ChartBar> {
        const PATH: &str = "chart.bars";
        let Some(list) = value else {
            self.missing(chart, PATH, "bars");
            return Vec::new();
        };
        let count = list.value.len();
        if count < MIN_BARS {
            let has = if count == 0 {
                "no bars".to_string()
            } else {
                format!("only {}", bars_word(count))
            };
            self.report(
                span_of(&list.referenced, PATH),
                format!("`{PATH}` has {has}; a chart needs at least {MIN_BARS}"),
                format!(
                    "a chart compares things: add {} (at least {MIN_BARS} in all), for \
                     example:\n{}\nA single number fits better as a key figure",
                    bars_word(MIN_BARS - count),
                    schema::example_for("bars").unwrap_or_default()
                ),
            );
        }
        let mut bars = Vec::with_capacity(count);
        for (i, item) in list.value.into_iter().enumerate() {
            let path = format!("{PATH}[{i}]");
            let span = span_of(&item.referenced, path.clone());
            if i == MAX_BARS {
                self.report(
                    span.clone(),
                    format!("`{PATH}` has {}; at most {MAX_BARS} fit", bars_word(count)),
                    format!(
                        "remove {} from here on, or combine the smallest ones; a chart with \
                         more bars cannot be read at print size",
                        bars_word(count - MAX_BARS)
                    ),
                );
            }
            let raw = item.value;
            bars.push(ChartBar {
                label: self.text(raw.label, &span, format!("{path}.label"), "label"),
                value: self.bar_value(raw.value, &span, format!("{path}.value")),
                display: self.optional_text(raw.display, format!("{path}.display"), "display"),
                highlight: raw.highlight.is_some_and(|h| h.value),
            });
        }
        bars
    }

    /// `style:` `bars` (the default) or `columns`.
    fn chart_style(&mut self, value: Option<Spanned<String>>) -> ChartStyle {
        let Some(value) = value else {
            return ChartStyle::default();
        };
        match value.value.trim() {
            "bars" => ChartStyle::Bars,
            "columns" => ChartStyle::Columns,
            other => {
                self.report(
                    span_of(&value.referenced, "chart.style"),
                    format!("`chart.style` is `{other}`, which is not a chart style"),
                    "write `style: bars` for horizontal bars or `style: columns` for vertical \
                     columns (best for a series over time), or leave it out for bars",
                );
                ChartStyle::default()
            }
        }
    }

    /// A bar's value: a finite number, 0 or more. A bad one is reported and read as 0.
    fn bar_value(&mut self, value: Option<Spanned<f64>>, bar: &Span, path: String) -> Sp<f64> {
        let Some(value) = value else {
            self.missing(bar, &path, "value");
            return Sp::new(0.0, span_with_path(bar, &path));
        };
        let span = span_of(&value.referenced, path);
        let number = value.value;
        if !number.is_finite() {
            self.report(
                span.clone(),
                format!(
                    "`{}` is `{}`, which is not a number a bar can show",
                    span.path,
                    echo_number(number)
                ),
                "write a plain number such as 20",
            );
            return Sp::new(0.0, span);
        }
        if number < 0.0 {
            self.report(
                span.clone(),
                format!(
                    "`{}` is {}, but a bar cannot be shorter than nothing",
                    span.path,
                    echo_number(number)
                ),
                "bar values must be 0 or more; to show a fall, chart the amounts themselves \
                 (before and after) as two bars",
            );
            return Sp::new(0.0, span);
        }
        if self.too_large(&span, number) {
            return Sp::new(0.0, span);
        }
        Sp::new(number, span)
    }

    /// The end of the chart's scale: `max:` as written, or else 100 for a chart in per
    /// cent and the largest value otherwise (never less than the largest value).
    fn chart_max(
        &mut self,
        value: Option<Spanned<f64>>,
        bars: &[ChartBar],
        bars_ok: bool,
        unit: Option<&Sp<String>>,
        chart: &Span,
    ) -> Sp<f64> {
        let largest = bars
            .iter()
            .map(|bar| &bar.value)
            .reduce(|a, b| if b.value > a.value { b } else { a });
        let largest_value = largest.map_or(0.0, |v| v.value);
        let percent = unit.is_some_and(|u| u.value == "%");
        let default = if percent {
            largest_value.max(PERCENT_MAX)
        } else {
            largest_value
        };
        let default_words = if percent {
            "100, or the largest value if that is more"
        } else {
            "the largest value"
        };
        let Some(value) = value else {
            if let (true, Some(first), true) = (bars_ok, bars.first(), default <= 0.0) {
                self.report(
                    first.value.span.clone(),
                    "every bar in `chart.bars` is 0, so the chart has nothing to show",
                    "check the values; to show empty bars on purpose, give the end of the scale \
                     with `max:`, e.g. `max: 100`",
                );
            }
            return Sp::new(default, span_with_path(chart, "chart.max"));
        };
        let span = span_of(&value.referenced, "chart.max");
        let number = value.value;
        if !number.is_finite() || number <= 0.0 {
            self.report(
                span.clone(),
                format!(
                    "`chart.max` is `{}`, but the end of the scale must be above 0",
                    echo_number(number)
                ),
                format!(
                    "write a plain number such as 100, at least as large as the largest bar, or \
                     leave `max:` out to use {default_words}"
                ),
            );
            return Sp::new(default, span);
        }
        if self.too_large(&span, number) {
            return Sp::new(default, span);
        }
        if bars_ok
            && let Some(largest) = largest
            && largest.value > number
        {
            self.report(
                span.clone(),
                format!(
                    "`chart.max` is {}, less than `{}` ({}): that bar would run off the scale",
                    echo_number(number),
                    largest.span.path,
                    echo_number(largest.value)
                ),
                format!(
                    "make `max:` at least {}, or leave it out to use {default_words}",
                    echo_number(largest.value)
                ),
            );
        }
        Sp::new(number, span)
    }

    /// Reports a chart number above [`MAX_CHART_VALUE`]; true if it is.
    fn too_large(&mut self, span: &Span, number: f64) -> bool {
        if number <= MAX_CHART_VALUE {
            return false;
        }
        // Written out, the limit reads better than `1e15`.
        let limit = grouped(MAX_CHART_VALUE as u64);
        self.report(
            span.clone(),
            format!(
                "`{}` is {}, more than a chart can show (at most {limit})",
                span.path,
                echo_number(number)
            ),
            "give the numbers in a larger unit (thousands, millions or billions) and name \
             that unit in `unit:`, e.g. `unit: million people`",
        );
        true
    }
}

/// "1 bar", "3 bars".
fn bars_word(count: usize) -> String {
    if count == 1 {
        "1 bar".to_string()
    } else {
        format!("{count} bars")
    }
}
