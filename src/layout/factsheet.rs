//! The one-page fact sheet: title band, key-figures box, two justified columns with a
//! photo, and a footer.
//!
//! The body fits its page both ways. Text is set as large as the page allows within
//! [`TYPE`]; the photo heads the right-hand column, as tall as its shape asks for and
//! shrinking line by line when the text needs the room. When even the largest type
//! leaves the columns short, a photo sharp enough for it spans both columns above the
//! text, and the columns are balanced so they end level. Text that does not fit at the
//! smallest size is an error naming the section that overflows.

use crate::compose;
use crate::content::model::{Content, Photo};
use crate::diag::{Diagnostic, Error};
use crate::layout::fit::{self, MIN_FILL, TypeRange};
use crate::layout::flow::{Entry, FlowStyle, Flowed, Overflow};
use crate::layout::frame::{self, Item, MM, Rect, Role, Tag};
use crate::layout::logo;
use crate::layout::measure;
use crate::layout::parts::{self, Groups};
use crate::layout::{Paper, PhotoSource};
use crate::text::{Align, Family, Line, ParStyle, Typesetter};

pub use crate::layout::parts::{INK, MUTED};

/// Body text size in points the fact sheet is designed at.
pub const BODY_SIZE: f32 = 8.6;
/// Baseline-to-baseline distance of body text at [`BODY_SIZE`]: the grid.
pub const BODY_LEADING: f32 = 11.4;
/// The body sizes the fit may choose from.
pub const TYPE: TypeRange = TypeRange {
    min: 8.0,
    natural: BODY_SIZE,
    max: 10.5,
    leading_ratio: BODY_LEADING / BODY_SIZE,
};

const MARGIN_X: f32 = 18.0 * MM;
const MARGIN_TOP: f32 = 15.0 * MM;
const MARGIN_BOTTOM: f32 = 15.0 * MM;
const COLUMN_GAP: f32 = 6.0 * MM;
/// Tallest share of the body a photo heading the right-hand column may take.
const COLUMN_PHOTO_SHARE: f32 = 0.4;
/// Smallest photo, in grid lines, the text may shrink it to.
const MIN_PHOTO_LINES: usize = 6;

/// Type of the body at one size.
fn styles(lang: &str, size: f32) -> FlowStyle {
    let lead = TYPE.leading(size, lang);
    let mut body = ParStyle::on_grid(Family::Serif, size, lead, INK, lang);
    body.align = Align::Justify;
    body.hyphenate = true;
    let mut heading = ParStyle::on_grid(Family::Sans, size * 10.5 / BODY_SIZE, lead, INK, lang);
    heading.bold = true;
    FlowStyle {
        first_baseline: size * 0.9,
        body,
        heading,
        min_lines: 2,
        paragraph_gap: 0,
    }
}

/// The two text columns between the key figures and the footer.
#[derive(Debug, Clone, Copy)]
struct Body {
    x: f32,
    top: f32,
    bottom: f32,
    col_w: f32,
}

impl Body {
    fn width(&self) -> f32 {
        2.0 * self.col_w + COLUMN_GAP
    }
    fn right_x(&self) -> f32 {
        self.x + self.col_w + COLUMN_GAP
    }
    /// The columns as designed, full height.
    fn columns(&self) -> [Rect; 2] {
        let h = self.bottom - self.top;
        [
            Rect::new(self.x, self.top, self.col_w, h),
            Rect::new(self.right_x(), self.top, self.col_w, h),
        ]
    }
}

/// Where the photo goes.
#[derive(Debug, Clone, Copy, PartialEq)]
enum PhotoAt {
    /// No photo.
    None,
    /// Heading the right-hand column, taking this many grid lines with its caption.
    Column(usize),
    /// Across both columns above the text, taking this many grid lines.
    Wide(usize),
}

/// One way of filling the body: a type size, where the photo goes, the text flowed.
struct Plan {
    style: FlowStyle,
    photo: PhotoAt,
    caption: Vec<Line>,
    flowed: Flowed,
    group: u32,
    fill: f32,
}

/// Lays out the fact sheet on one page of `paper`.
pub fn layout(
    content: &Content,
    paper: Paper,
    ts: &mut Typesetter,
    photos: &mut dyn PhotoSource,
) -> Result<frame::Document, Error> {
    let (pw, ph) = paper.size();
    let lang = content.lang.0.as_str();
    let inner_w = pw - 2.0 * MARGIN_X;
    let mut items: Vec<Item> = Vec::new();
    let mut groups = Groups::default();

    let (band, band_h) = title_band(content, pw, photos.logo()?, ts, &mut groups);
    items.extend(band);
    let figs_top = band_h + 5.0 * MM;
    let (figs, figs_h) = parts::key_figures(content, MARGIN_X, figs_top, inner_w, ts, &mut groups);
    items.extend(figs);
    // Footer: the website (linked) on the left, contact on the right.
    // The footer is content here, not page furniture: the only place the website and
    // contact are given. It is read last.
    let closing = |n| Tag {
        role: Role::Paragraph,
        group: parts::CLOSING_GROUP + n,
    };
    let (foot, rule_y) = parts::footer(
        [
            (&[parts::website_piece(content)], closing(0)),
            (
                &compose::linked(&content.organisation.contact.value),
                closing(1),
            ),
        ],
        MARGIN_X,
        ph - MARGIN_BOTTOM - 2.5,
        inner_w,
        0.4,
        lang,
        ts,
    );
    items.extend(foot);

    let footer_h = ph - MARGIN_BOTTOM - rule_y;
    check_fixed_areas(content, paper, band_h, figs_h, footer_h)?;
    let body = Body {
        x: MARGIN_X,
        top: figs_top + figs_h + 4.0 * MM,
        bottom: rule_y - 3.0 * MM,
        col_w: (inner_w - COLUMN_GAP) / 2.0,
    };
    let photo = content.photos.first();
    let dims = match photo {
        Some(_) => Some(photos.dimensions(0)?),
        None => None,
    };
    let plan = choose(content, &body, photo.zip(dims), groups.last(), ts, paper)?;
    groups = Groups::starting_at(plan.group);
    if let Some((p, (iw, _))) = photo.zip(dims) {
        items.extend(draw_photo(p, iw, &plan, &body, photos, &mut groups)?);
    }
    let outline = plan
        .flowed
        .anchors
        .iter()
        .map(|(t, _, y)| (t.clone(), 0usize, *y))
        .collect();
    items.extend(plan.flowed.items.into_iter().map(|(_, i)| i));
    let margins = Rect::new(
        MARGIN_X,
        MARGIN_TOP,
        inner_w,
        ph - MARGIN_TOP - MARGIN_BOTTOM,
    );
    let page = parts::one_page(paper, margins, items, body.columns().to_vec());
    Ok(parts::document(content, vec![page], outline))
}

/// The logo's box in the title band.
const LOGO_MAX_W: f32 = 50.0 * MM;
const LOGO_MAX_H: f32 = 15.0 * MM;

/// The title band: brand colour to the page edges, its text inside the margins, the
/// logo (if any) on a plate at the right, centred on the band. Returns its height.
fn title_band(
    content: &Content,
    pw: f32,
    logo: Option<crate::image::logo::Logo>,
    ts: &mut Typesetter,
    groups: &mut Groups,
) -> (Vec<Item>, f32) {
    let inner_w = pw - 2.0 * MARGIN_X;
    let plate = logo.map(|l| logo::on_plate(&l, LOGO_MAX_W, LOGO_MAX_H));
    let (plate_w, plate_h) = plate.as_ref().map_or((0.0, 0.0), |(_, size)| *size);
    let text_w = if plate.is_some() {
        inner_w - plate_w - COLUMN_GAP
    } else {
        inner_w
    };
    let (text, text_end) = parts::title_block(
        content,
        &content.title.value,
        &content.organisation.name.value,
        MARGIN_X,
        MARGIN_TOP,
        text_w,
        26.0,
        ts,
        groups,
    );
    let band_h = (text_end + 6.0 * MM).max(plate_h + 2.0 * COLUMN_GAP);
    let brand = content.organisation.brand_color.value;
    let mut items = vec![parts::filled_rect(0.0, 0.0, pw, band_h, brand)];
    if let Some((plate, _)) = plate {
        let x = pw - MARGIN_X - plate_w;
        items.extend(logo::moved(plate, x, (band_h - plate_h) / 2.0));
    }
    items.extend(text);
    (items, band_h)
}

/// Most of the page the title band, the key figures and the footer may take: beyond
/// them the body has no room to be a body, and the field that grew is at fault.
const BAND_MAX_SHARE: f32 = 0.24;
const FIGURES_MAX_SHARE: f32 = 0.3;
const FOOTER_MAX: f32 = 16.0 * MM;

/// Reports a fixed area grown past its limit, naming the field that takes most of it.
fn check_fixed_areas(
    content: &Content,
    paper: Paper,
    band_h: f32,
    figs_h: f32,
    footer_h: f32,
) -> Result<(), Error> {
    let (_, ph) = paper.size();
    let o = &content.organisation;
    let figure_labels: Vec<(&crate::content::model::Sp<String>, f32)> = content
        .key_figures
        .iter()
        .flat_map(|f| [(&f.label, 7.6), (&f.value, 20.0)])
        .collect();
    let areas = [
        (
            "title band",
            band_h,
            ph * BAND_MAX_SHARE,
            vec![(&content.title, 8.0), (&o.name, 26.0), (&o.tagline, 11.0)],
        ),
        (
            "key figures box",
            figs_h,
            ph * FIGURES_MAX_SHARE,
            figure_labels,
        ),
        (
            "footer",
            footer_h,
            FOOTER_MAX,
            vec![(&o.contact, 7.0), (&o.website, 7.0)],
        ),
    ];
    for (what, h, max, fields) in areas {
        if h <= max {
            continue;
        }
        let Some(field) = parts::largest_field(&fields) else {
            continue;
        };
        return Err(Error::input(
            Diagnostic::new(
                &content.source_path,
                Some(field.span.clone()),
                format!(
                    "`{}` is too long for the fact sheet's {what} on {}: the {what} would be {:.0} mm tall, {:.0} mm more than it may take",
                    field.span.path,
                    paper.name(),
                    h / MM,
                    (h - max) / MM
                ),
            )
            .with_help("shorten it; the fact sheet has one page, and the body text needs the room"),
        ));
    }
    Ok(())
}

/// The fitting loop. Sizes largest first, the photo in the column at a comfortable
/// size: the first that holds the text wins, and if even the largest leaves the
/// columns short, the photo across both columns is weighed against it. Only when no
/// size holds the text with a comfortable photo may the photo shrink further.
fn choose(
    content: &Content,
    body: &Body,
    photo: Option<(&Photo, (u32, u32))>,
    group: u32,
    ts: &mut Typesetter,
    paper: Paper,
) -> Result<Plan, Error> {
    let lang = content.lang.0.as_str();
    let blocks = compose::body_blocks(content);
    let sizes = TYPE.sizes();
    let mut last_overflow = None;
    for min_share in [0.75, 0.0] {
        for (k, size) in sizes.iter().enumerate() {
            let style = styles(lang, *size);
            let entries: Vec<Entry> =
                crate::layout::flow::set_blocks(&blocks, body.col_w, &style, ts);
            let column = column_plan(&entries, &style, body, photo, min_share, group, ts);
            let plan = match column {
                Ok(plan) => plan,
                Err(o) => {
                    last_overflow = Some(o);
                    continue;
                }
            };
            if plan.fill >= MIN_FILL || k > 0 {
                return Ok(plan);
            }
            // Short content at the largest size: the photo may span both columns.
            let wide = wide_plan(&entries, &style, body, photo, group, ts);
            return Ok(match wide {
                Some(w) if w.fill > plan.fill => w,
                _ => plan,
            });
        }
    }
    Err(overflow_error(content, last_overflow, paper))
}

/// The photo (if any) heading the right-hand column, from its natural height down to
/// `min_share` of it, and the text balanced around it; the largest photo that lets the
/// text fit. `Err` holds what is left over with the smallest photo.
fn column_plan(
    entries: &[Entry],
    style: &FlowStyle,
    body: &Body,
    photo: Option<(&Photo, (u32, u32))>,
    min_share: f32,
    group: u32,
    ts: &mut Typesetter,
) -> Result<Plan, Overflow> {
    let lead = style.body.leading;
    let Some((p, (iw, ih))) = photo else {
        return flow_plan(entries, style, body, PhotoAt::None, Vec::new(), group)
            .ok_or_else(|| leftover(entries, &body.columns(), style));
    };
    let cap_style = parts::caption_style(&style.body.lang, lead * 0.75);
    let caption = ts
        .set(&parts::caption_pieces(p), &cap_style, body.col_w)
        .lines;
    let natural_h = (parts::sharp_width(body.col_w, iw) * ih as f32 / iw.max(1) as f32)
        .min((body.bottom - body.top) * COLUMN_PHOTO_SHARE);
    let natural = photo_lines(
        natural_h,
        caption.len() as f32 * cap_style.leading,
        &style.body,
    );
    let min = ((natural as f32 * min_share).ceil() as usize)
        .max(MIN_PHOTO_LINES)
        .min(natural);
    for lines in (min..=natural).rev() {
        if let Some(plan) = flow_plan(
            entries,
            style,
            body,
            PhotoAt::Column(lines),
            caption.clone(),
            group,
        ) {
            return Ok(plan);
        }
    }
    let top = body.top + (min + 1) as f32 * lead;
    let [left, right] = body.columns();
    let right = Rect::new(right.x, top, right.w, body.bottom - top);
    Err(leftover(entries, &[left, right], style))
}

/// The photo across both columns at its natural shape, as tall as the text leaves room
/// for, when it has the pixels to be printed that wide.
fn wide_plan(
    entries: &[Entry],
    style: &FlowStyle,
    body: &Body,
    photo: Option<(&Photo, (u32, u32))>,
    group: u32,
    ts: &mut Typesetter,
) -> Option<Plan> {
    let (p, (iw, ih)) = photo?;
    // Spanning both columns only when it stays sharp at that width.
    if !crate::preflight::sharp_enough(iw as f32 / (body.width() / 72.0)) {
        return None;
    }
    let lead = style.body.leading;
    let cap_style = parts::caption_style(&style.body.lang, lead * 0.75);
    let caption = ts
        .set(&parts::caption_pieces(p), &cap_style, body.width())
        .lines;
    let h = body.width() * ih as f32 / iw.max(1) as f32;
    let natural = photo_lines(h, caption.len() as f32 * cap_style.leading, &style.body);
    (MIN_PHOTO_LINES..=natural).rev().find_map(|lines| {
        flow_plan(
            entries,
            style,
            body,
            PhotoAt::Wide(lines),
            caption.clone(),
            group,
        )
    })
}

/// Whole grid lines for a photo at most `h` tall and its caption: rounded down, so the
/// frame is never taller than the photo's own shape and it is never enlarged to fill
/// it. The inverse of [`photo_height`].
fn photo_lines(h: f32, cap_h: f32, body: &ParStyle) -> usize {
    ((h + cap_h + 4.0 + body.leading - body.size) / body.leading).floor() as usize
}

/// Height of a photo frame that takes `lines` grid lines with its caption.
fn photo_height(lines: usize, cap_h: f32, body: &ParStyle) -> f32 {
    lines as f32 * body.leading - cap_h - 4.0 - (body.leading - body.size)
}

/// Flows the text, balanced, around the photo placed at `at`.
fn flow_plan(
    entries: &[Entry],
    style: &FlowStyle,
    body: &Body,
    at: PhotoAt,
    caption: Vec<Line>,
    group: u32,
) -> Option<Plan> {
    let lead = style.body.leading;
    let [left, right] = body.columns();
    // One blank grid line between the photo's caption and the text that follows.
    let below = |lines: usize| body.top + (lines + 1) as f32 * lead;
    let columns = match at {
        PhotoAt::None => [left, right],
        PhotoAt::Column(lines) => [
            left,
            Rect::new(right.x, below(lines), right.w, body.bottom - below(lines)),
        ],
        PhotoAt::Wide(lines) => {
            let top = below(lines);
            [
                Rect::new(left.x, top, left.w, body.bottom - top),
                Rect::new(right.x, top, right.w, body.bottom - top),
            ]
        }
    };
    let mut g = group;
    let flowed = fit::balance(entries, &columns, style, &mut g)?;
    let fill = plan_fill(&flowed, body, at, lead);
    Some(Plan {
        style: style.clone(),
        photo: at,
        caption,
        flowed,
        group: g,
        fill,
    })
}

/// The lowest fill of the two columns, with the photo's lines counted as filled.
fn plan_fill(flowed: &Flowed, body: &Body, at: PhotoAt, lead: f32) -> f32 {
    let mut items: Vec<Item> = flowed.items.iter().map(|(_, i)| i.clone()).collect();
    let block =
        |x: f32, w: f32, lines: usize| parts::filled_rect(x, body.top, w, lines as f32 * lead, INK);
    match at {
        PhotoAt::None => {}
        PhotoAt::Column(lines) => items.push(block(body.right_x(), body.col_w, lines)),
        PhotoAt::Wide(lines) => items.push(block(body.x, body.width(), lines)),
    }
    body.columns()
        .iter()
        .map(|c| measure::fill_items(&items, *c))
        .fold(1.0, f32::min)
}

/// What is left over when `entries` are flowed into `columns`.
fn leftover(entries: &[Entry], columns: &[Rect], style: &FlowStyle) -> Overflow {
    let mut g = 0;
    crate::layout::flow::place(entries, columns, style, &mut g)
        .overflow
        .unwrap_or(Overflow {
            section: 0,
            lines: 0,
            height: 0.0,
        })
}

/// The photo (`iw` pixels wide) and its caption where the plan put them.
fn draw_photo(
    p: &Photo,
    iw: u32,
    plan: &Plan,
    body: &Body,
    photos: &mut dyn PhotoSource,
    groups: &mut Groups,
) -> Result<Vec<Item>, Error> {
    let (x, w, lines) = match plan.photo {
        PhotoAt::None => return Ok(Vec::new()),
        PhotoAt::Column(lines) => (body.right_x(), parts::sharp_width(body.col_w, iw), lines),
        PhotoAt::Wide(lines) => (body.x, body.width(), lines),
    };
    let lead = plan.style.body.leading;
    let cap_style = parts::caption_style(&plan.style.body.lang, lead * 0.75);
    let cap_h = plan.caption.len() as f32 * cap_style.leading;
    let img_h = photo_height(lines, cap_h, &plan.style.body);
    parts::photo_block(
        p,
        0,
        x,
        body.top,
        w,
        img_h,
        &plan.caption,
        &cap_style,
        photos,
        groups,
    )
}

/// The text does not fit even at the smallest size: name the section and the amount.
fn overflow_error(content: &Content, o: Option<Overflow>, paper: Paper) -> Error {
    let o = o.unwrap_or(Overflow {
        section: 0,
        lines: 0,
        height: 0.0,
    });
    // Overflowing text belongs to a section, so there is one to name.
    let section = content.sections.get(o.section).or(content.sections.last());
    Error::input(
        Diagnostic::new(
            &content.source_path,
            section.map(|s| s.heading.span.clone()),
            format!(
                "the fact sheet is one page and the text does not fit: section \"{}\" overflows by {} line{} ({:.0} mm) on {}, with the body set at its smallest size ({} pt)",
                section.map_or("", |s| s.heading.value.as_str()),
                o.lines,
                if o.lines == 1 { "" } else { "s" },
                o.height / MM,
                paper.name(),
                TYPE.min,
            ),
        )
        .with_help(format!(
            "shorten the text by about {} words, or drop a paragraph; the fact sheet has one page",
            (o.lines * 9).max(5)
        )),
    )
}
