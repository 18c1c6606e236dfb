//! Widgets drawn as vectors: the QR code must scan once painted, and the bar chart's
//! geometry must be exact and stay inside its column.

use brochure::content::model::{Chart, ChartBar, ChartStyle, Rgb, Sp, Span};
use brochure::layout::chart::{self, alt_text, bar_chart};
use brochure::layout::frame::{Content, Item, MM, Point, Rect, Role, Shape};
use brochure::layout::qr::{MIN_MODULE, QUIET_ZONE, module_size_for, qr_code, side_in_modules};
use brochure::text::{FontBook, Typesetter};

const URL: &str = "https://www.japanheart.org";
const DARK: Rgb = Rgb::new(0x22, 0x22, 0x22);
const BRAND: Rgb = Rgb::new(0xc8, 0x10, 0x2e);

fn module_rects(items: &[Item]) -> Vec<Rect> {
    items
        .iter()
        .filter(|i| matches!(i.tag.role, Role::Figure(_)))
        .filter(|i| matches!(i.content, Content::Shape(Shape::Rect { .. })))
        .map(Item::bounds)
        .collect()
}

/// Paints the symbol's rectangles, in order and in their colours, into a greyscale
/// bitmap of `px` pixels per module; the page around the symbol is mid grey, so only a
/// symbol that brings its own light quiet zone can scan.
fn rasterise(items: &[Item], origin: Point, module: f32, side: usize, px: usize) -> Vec<u8> {
    let n = side * px;
    let mut buf = vec![128u8; n * n];
    let scale = px as f32 / module;
    for item in items {
        let Content::Shape(Shape::Rect { w, h, fill }) = &item.content else {
            continue;
        };
        let grey = ((fill.r as u32 * 299 + fill.g as u32 * 587 + fill.b as u32 * 114) / 1000) as u8;
        let x0 = ((item.pos.x - origin.x) * scale).round() as usize;
        let y0 = ((item.pos.y - origin.y) * scale).round() as usize;
        let x1 = ((item.pos.x + w - origin.x) * scale).round() as usize;
        let y1 = ((item.pos.y + h - origin.y) * scale).round() as usize;
        for y in y0..y1.min(n) {
            buf[y * n + x0..y * n + x1.min(n)].fill(grey);
        }
    }
    buf
}

#[test]
fn qr_code_decodes_to_the_url() {
    let origin = Point { x: 40.0, y: 500.0 };
    let module = module_size_for(25.0 * MM, URL).expect("25 mm is large enough");
    let sym = qr_code(URL, origin, module, DARK, 7).expect("the URL encodes");
    let side = sym.modules + 2 * QUIET_ZONE;
    assert!((sym.size - 25.0 * MM).abs() < 1e-3, "size {}", sym.size);
    assert_eq!(side, side_in_modules(URL).unwrap());

    let px = 4;
    let buf = rasterise(&sym.items, origin, module, side, px);
    let n = side * px;
    let mut img = rqrr::PreparedImage::prepare_from_greyscale(n, n, |x, y| buf[y * n + x]);
    let grids = img.detect_grids();
    assert_eq!(grids.len(), 1, "exactly one symbol is found");
    let (_, text) = grids[0].decode().expect("the symbol decodes");
    assert_eq!(text, URL);

    // The dark matrix agrees with what was painted.
    for (r, row) in sym.dark.iter().enumerate() {
        for (c, &d) in row.iter().enumerate() {
            let x = (QUIET_ZONE + c) * px + px / 2;
            let y = (QUIET_ZONE + r) * px + px / 2;
            assert_eq!(buf[y * n + x] < 128, d, "module ({c}, {r})");
        }
    }
}

#[test]
fn qr_code_keeps_a_quiet_zone_and_a_scannable_module() {
    let origin = Point { x: 10.0, y: 20.0 };
    let module = module_size_for(25.0 * MM, URL).unwrap();
    assert!(module >= 0.4 * MM, "module {} mm", module / MM);
    assert!(module >= MIN_MODULE);
    let sym = qr_code(URL, origin, module, DARK, 1).unwrap();
    let q = QUIET_ZONE as f32 * module;
    let code = Rect::new(
        origin.x + q,
        origin.y + q,
        sym.size - 2.0 * q,
        sym.size - 2.0 * q,
    );
    let rects = module_rects(&sym.items);
    assert!(!rects.is_empty());
    for r in &rects {
        assert!(code.contains(r, 1e-3), "{r:?} reaches into the quiet zone");
    }
    // The white background and the link cover the whole square, quiet zone included.
    let square = Rect::new(origin.x, origin.y, sym.size, sym.size);
    assert_eq!(sym.bounds(), square);
    let first = &sym.items[0];
    assert!(matches!(
        first.content,
        Content::Shape(Shape::Rect {
            fill: Rgb {
                r: 255,
                g: 255,
                b: 255
            },
            ..
        })
    ));
    assert_eq!(first.bounds(), square);
    let link = sym
        .items
        .iter()
        .find_map(|i| match &i.content {
            Content::Link { url, .. } => Some((i.bounds(), url.clone())),
            _ => None,
        })
        .expect("a link");
    assert_eq!(link, (square, URL.to_string()));
    // The modules form one figure with a text alternative naming the URL.
    for i in sym
        .items
        .iter()
        .filter(|i| matches!(i.tag.role, Role::Figure(_)))
    {
        assert_eq!(
            i.tag.role,
            Role::Figure(format!("QR code linking to {URL}"))
        );
        assert_eq!(i.tag.group, 1);
    }
}

#[test]
fn qr_code_merges_runs_and_refuses_tiny_modules() {
    let module = module_size_for(25.0 * MM, URL).unwrap();
    let sym = qr_code(URL, Point::default(), module, DARK, 1).unwrap();
    let dark = sym.dark.iter().flatten().filter(|d| **d).count();
    let rects = module_rects(&sym.items);
    assert!(
        rects.len() < dark,
        "{} rectangles for {dark} dark modules",
        rects.len()
    );
    // The rectangles cover exactly the dark area.
    let area: f32 = rects.iter().map(|r| r.w * r.h).sum();
    assert!((area - dark as f32 * module * module).abs() < 1e-2 * module * module);

    let side = side_in_modules(URL).unwrap() as f32;
    assert_eq!(module_size_for(side * MIN_MODULE * 0.99, URL), None);
    assert_eq!(module_size_for(8.0 * MM, URL), None);
    assert!(module_size_for(side * MIN_MODULE * 1.01, URL).is_some());
    assert!(qr_code(URL, Point::default(), 0.3 * MM, DARK, 1).is_err());
    assert!(qr_code("", Point::default(), module, DARK, 1).is_err());
    let too_long = "x".repeat(5000);
    assert_eq!(module_size_for(500.0 * MM, &too_long), None);
    assert!(qr_code(&too_long, Point::default(), module, DARK, 1).is_err());
}

fn sp<T>(value: T) -> Sp<T> {
    Sp::new(value, Span::default())
}

fn survival_chart() -> Chart {
    Chart {
        title: sp("Children who survive cancer".to_string()),
        unit: Some(sp("%".to_string())),
        style: ChartStyle::Bars,
        bars: vec![
            ChartBar {
                label: sp("Cambodia".to_string()),
                value: sp(20.0),
                display: Some(sp("< 20 %".to_string())),
                highlight: false,
            },
            ChartBar {
                label: sp("Developed countries".to_string()),
                value: sp(80.0),
                display: None,
                highlight: false,
            },
        ],
        source: sp("WHO Global Initiative for Childhood Cancer, 2020".to_string()),
        max: None,
        digits: Default::default(),
    }
}

fn texts(items: &[Item]) -> Vec<(Rect, String)> {
    items
        .iter()
        .filter_map(|i| match &i.content {
            Content::Text(run) => Some((i.bounds(), run.text.clone())),
            _ => None,
        })
        .collect()
}

#[test]
fn bar_chart_geometry_is_exact_and_contained() {
    let mut ts = Typesetter::new(FontBook::new());
    let chart = survival_chart();
    let origin = Point { x: 50.0, y: 100.0 };
    for width in [60.0 * MM, 85.0 * MM, 170.0 * MM] {
        let mut group = 3;
        let block = bar_chart(&chart, width, origin, BRAND, &mut ts, "en", &mut group);
        assert_eq!(group, 6, "title, figure and caption take one group each");

        let bars: Vec<&Item> = block
            .items
            .iter()
            .filter(|i| matches!(i.content, Content::Shape(Shape::Rect { .. })))
            .collect();
        assert_eq!(bars.len(), 2);
        let (a, b) = (bars[0].bounds(), bars[1].bounds());
        assert_eq!(vec![a, b], block.bars);
        let ratio = a.w / b.w;
        assert!(
            (ratio / 0.25 - 1.0).abs() < 1e-3,
            "bar widths {} and {} are not 20:80",
            a.w,
            b.w
        );
        // With max None and unit %, the scale ends at 100: the 80 bar is 80 % of the plot,
        // whose right end is the 100 tick line.
        let ticks: Vec<Rect> = block
            .items
            .iter()
            .filter(|i| matches!(i.content, Content::Shape(Shape::Line { .. })))
            .map(Item::bounds)
            .collect();
        // A per-cent scale runs 0 to 100 in steps of 20.
        assert_eq!(ticks.len(), 6);
        let plot_w = ticks[5].x + ticks[5].w / 2.0 - a.x;
        assert!((b.w / plot_w - 0.8).abs() < 1e-3);
        assert!(b.right() <= origin.x + width);
        assert!(
            (a.x - (ticks[0].x + ticks[0].w / 2.0)).abs() < 1e-3,
            "bars start at the axis"
        );
        assert!(
            matches!(bars[0].content, Content::Shape(Shape::Rect { fill, .. }) if fill == BRAND)
        );

        let bottom = origin.y + block.height;
        for item in &block.items {
            let r = item.bounds();
            assert!(
                r.x >= origin.x - 1e-3 && r.right() <= origin.x + width + 1e-3,
                "width {width}: {:?} at {r:?} leaves [{}, {}]",
                item.content,
                origin.x,
                origin.x + width
            );
            assert!(r.y >= origin.y - 1e-3 && r.bottom() <= bottom + 1e-3);
        }

        let runs = texts(&block.items);
        let all: String = runs
            .iter()
            .map(|(_, t)| t.as_str())
            .collect::<Vec<_>>()
            .join("|");
        assert!(
            runs.iter()
                .any(|(_, t)| t.contains("WHO Global Initiative")),
            "no source in {all}"
        );
        let source = block
            .items
            .iter()
            .find(|i| i.tag.role == Role::Caption)
            .expect("a caption");
        assert!(matches!(&source.content, Content::Text(r) if r.text.starts_with("Source:")));
        for t in [
            "Children who survive cancer",
            "Cambodia",
            "< 20 %",
            "80\u{a0}%",
        ] {
            assert!(runs.iter().any(|(_, r)| r.contains(t)), "no {t:?} in {all}");
        }
        // Scale labels sit under the plot: at least 0 and the end of the scale.
        let plot_bottom = b.bottom();
        let tick_labels: Vec<&String> = runs
            .iter()
            .filter(|(r, _)| r.y > plot_bottom)
            .map(|(_, t)| t)
            .collect();
        assert!(tick_labels.iter().any(|t| *t == "0"), "{tick_labels:?}");
        assert!(
            tick_labels.iter().any(|t| *t == "100\u{a0}%"),
            "{tick_labels:?}"
        );
        if width > 100.0 * MM {
            for t in ["20", "40", "60", "80"] {
                assert!(
                    tick_labels.iter().any(|l| *l == t),
                    "no {t} in {tick_labels:?}"
                );
            }
        }
    }
}

#[test]
fn bar_chart_is_one_tagged_figure() {
    let mut ts = Typesetter::new(FontBook::new());
    let chart = survival_chart();
    let mut group = 0;
    let block = bar_chart(
        &chart,
        85.0 * MM,
        Point::default(),
        BRAND,
        &mut ts,
        "en",
        &mut group,
    );
    let alt = alt_text(&chart, "en");
    assert_eq!(
        alt,
        "Bar chart: Children who survive cancer. Cambodia: < 20 %; Developed countries: 80\u{a0}%. \
         Source: WHO Global Initiative for Childhood Cancer, 2020."
    );
    for item in &block.items {
        match (&item.tag.role, &item.content) {
            (Role::Paragraph, Content::Text(r)) => {
                assert_eq!(item.tag.group, 1);
                assert!(r.text.contains("Children"));
            }
            (Role::Figure(a), _) => {
                assert_eq!(a, &alt);
                assert_eq!(item.tag.group, 2);
            }
            (Role::Caption, Content::Text(_)) => assert_eq!(item.tag.group, 3),
            other => panic!("unexpected item {other:?}"),
        }
    }
    // Each bar's label is level with its bar.
    for (bar, label) in block.bars.iter().zip(["Cambodia", "Developed countries"]) {
        let item = block
            .items
            .iter()
            .find(|i| matches!(&i.content, Content::Text(r) if r.text.starts_with(label.split(' ').next().unwrap())))
            .unwrap();
        assert!(
            item.pos.y > bar.y && item.pos.y < bar.bottom(),
            "{label} beside its bar"
        );
    }
}

#[test]
fn bar_chart_scale_defaults_to_the_largest_value() {
    let mut ts = Typesetter::new(FontBook::new());
    let mut chart = survival_chart();
    chart.unit = Some(sp("children".to_string()));
    chart.bars[0].value = sp(150.0);
    chart.bars[1].value = sp(600.0);
    chart.bars[1].display = None;
    let mut group = 0;
    let block = bar_chart(
        &chart,
        120.0 * MM,
        Point::default(),
        BRAND,
        &mut ts,
        "en",
        &mut group,
    );
    let plot_end = block
        .items
        .iter()
        .filter(|i| matches!(i.content, Content::Shape(Shape::Line { .. })))
        .map(|i| i.pos.x)
        .fold(f32::MIN, f32::max);
    // The largest bar fills the plot; the other is in proportion.
    assert!((block.bars[1].right() - plot_end).abs() < 1e-3);
    assert!((block.bars[0].w / block.bars[1].w - 0.25).abs() < 1e-4);
    let runs = texts(&block.items);
    assert!(runs.iter().any(|(_, t)| t == "600\u{a0}children"));
    // An explicit max wins, and values past it stop at the plot's end.
    chart.max = Some(sp(300.0));
    let block = bar_chart(
        &chart,
        120.0 * MM,
        Point::default(),
        BRAND,
        &mut ts,
        "en",
        &mut group,
    );
    assert!((block.bars[0].w / block.bars[1].w - 0.5).abs() < 1e-4);
}

fn fills(items: &[Item]) -> Vec<Rgb> {
    items
        .iter()
        .filter_map(|i| match i.content {
            Content::Shape(Shape::Rect { fill, .. }) => Some(fill),
            _ => None,
        })
        .collect()
}

#[test]
fn only_a_highlighted_bar_stands_out() {
    let mut ts = Typesetter::new(FontBook::new());
    let mut chart = survival_chart();
    let mut group = 0;
    let plain = bar_chart(
        &chart,
        85.0 * MM,
        Point::default(),
        BRAND,
        &mut ts,
        "en",
        &mut group,
    );
    assert_eq!(fills(&plain.items), [BRAND, BRAND], "no bar is marked");
    chart.bars[1].highlight = true;
    let marked = bar_chart(
        &chart,
        85.0 * MM,
        Point::default(),
        BRAND,
        &mut ts,
        "en",
        &mut group,
    );
    let f = fills(&marked.items);
    assert_ne!(f[0], BRAND);
    assert_eq!(f[1], BRAND);
}

/// A time series: five years of operations.
fn series(bars: usize) -> Chart {
    Chart {
        title: sp("Operations per year".to_string()),
        unit: None,
        style: ChartStyle::Columns,
        bars: (0..bars)
            .map(|i| ChartBar {
                label: sp(format!("{}", 2014 + i)),
                value: sp(3900.0 + 750.0 * i as f64),
                display: None,
                highlight: i + 1 == bars,
            })
            .collect(),
        source: sp("Clinical records".to_string()),
        max: None,
        digits: Default::default(),
    }
}

#[test]
fn column_chart_rises_from_one_baseline_and_stays_inside() {
    let mut ts = Typesetter::new(FontBook::new());
    let origin = Point { x: 40.0, y: 60.0 };
    for (bars, width) in [(5, 60.0 * MM), (12, 120.0 * MM), (2, 170.0 * MM)] {
        let c = series(bars);
        let mut group = 0;
        let block = chart::chart(&c, width, origin, BRAND, &mut ts, "en", &mut group);
        assert_eq!(block.bars.len(), bars);
        assert!(
            block.bars[0].w < block.bars[0].h,
            "{bars} in {width} are columns"
        );
        let base = block.bars[0].bottom();
        for (i, (r, b)) in block.bars.iter().zip(&c.bars).enumerate() {
            assert!((r.bottom() - base).abs() < 1e-3, "one baseline");
            let ratio = r.h / block.bars[0].h;
            let want = (b.value.value / c.bars[0].value.value) as f32;
            assert!((ratio - want).abs() < 1e-3, "bar {i}: {ratio} vs {want}");
            if let Some(next) = block.bars.get(i + 1) {
                assert!(r.right() < next.x, "columns do not touch");
            }
        }
        for item in &block.items {
            let r = item.bounds();
            assert!(
                r.x >= origin.x - 0.01 && r.right() <= origin.x + width + 0.01,
                "{bars} bars in {width}: {:?} at {r:?}",
                item.content
            );
            assert!(r.y >= origin.y - 0.01 && r.bottom() <= origin.y + block.height + 0.01);
        }
        let runs = texts(&block.items);
        // Tick labels are round numbers with thousands separators.
        assert!(
            runs.iter().any(|(_, t)| t == "2,000" || t == "5,000"),
            "{runs:?}"
        );
        for b in &c.bars {
            assert_eq!(runs.iter().filter(|(_, t)| *t == b.label.value).count(), 1);
        }
        assert!(alt_text(&c, "en").starts_with("Column chart: Operations per year."));
    }
    // Twelve five-digit values cannot sit over columns in a 55 mm panel: bars instead.
    let c = series(12);
    let block = chart::chart(&c, 55.0 * MM, origin, BRAND, &mut ts, "en", &mut 0);
    assert!(
        block
            .bars
            .iter()
            .all(|b| (b.h - block.bars[0].h).abs() < 1e-3)
    );
    assert!(block.bars[11].w > block.bars[0].w);
}
