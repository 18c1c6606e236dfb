//! The one-page fact sheet: title band, key-figures box, two justified columns with a
//! photo, and a footer. Fixed space: content that does not fit is an error.

use crate::compose;
use crate::content::model::Content;
use crate::diag::{Diagnostic, Error};
use crate::layout::flow::{self, FlowStyle};
use crate::layout::frame::{self, Item, MM, Rect};
use crate::layout::parts::{self, Groups};
use crate::layout::{Paper, PhotoSource};
use crate::text::{Align, Family, ParStyle, Typesetter};

pub use crate::layout::parts::{INK, MUTED};

/// Body text size in points.
pub const BODY_SIZE: f32 = 8.6;
/// Baseline-to-baseline distance of body text: the fact sheet's grid.
pub const BODY_LEADING: f32 = 11.4;

/// Type scale and grid of the fact sheet.
struct Scale {
    body: ParStyle,
    heading: ParStyle,
}

fn scale(lang: &str) -> Scale {
    let mut body = ParStyle::new(Family::Serif, BODY_SIZE, BODY_LEADING, INK, lang);
    body.align = Align::Justify;
    body.hyphenate = true;
    let mut heading = ParStyle::new(Family::Sans, 10.5, BODY_LEADING, INK, lang);
    heading.bold = true;
    Scale { body, heading }
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
    let brand = content.organisation.brand_color.value;
    let sc = scale(lang);
    let lead = sc.body.leading;
    let margin_x = 18.0 * MM;
    let margin_top = 15.0 * MM;
    let margin_bottom = 15.0 * MM;
    let inner_w = pw - 2.0 * margin_x;
    let margins = Rect::new(
        margin_x,
        margin_top,
        inner_w,
        ph - margin_top - margin_bottom,
    );
    let mut items: Vec<Item> = Vec::new();
    let mut groups = Groups::default();

    // Title band: brand colour to the page edges; its text sits inside the margins.
    let (band, band_end) = parts::title_block(
        content,
        &content.title.value,
        &content.organisation.name.value,
        margin_x,
        margin_top,
        inner_w,
        26.0,
        ts,
        &mut groups,
    );
    let band_h = band_end + 6.0 * MM;
    items.push(parts::filled_rect(0.0, 0.0, pw, band_h, brand));
    items.extend(band);

    // Key figures and their sources.
    let (figs, figs_h) = parts::key_figures(
        content,
        margin_x,
        band_h + 5.0 * MM,
        inner_w,
        ts,
        &mut groups,
    );
    items.extend(figs);
    let sy = band_h + 5.0 * MM + figs_h;

    // Footer: the website (linked) on the left, contact on the right.
    let (foot, rule_y) = parts::footer(
        &[parts::website_piece(content)],
        &crate::compose::linked(&content.organisation.contact.value),
        margin_x,
        ph - margin_bottom - 2.5,
        inner_w,
        0.4,
        lang,
        ts,
    );
    items.extend(foot);

    // Body: two columns between the sources line and the footer rule, on the grid.
    let col_gap = 6.0 * MM;
    let col_w = (inner_w - col_gap) / 2.0;
    let body_top = sy + 4.0 * MM;
    let body_bottom = rule_y - 3.0 * MM;
    let body_h = body_bottom - body_top;
    let style = FlowStyle {
        body: sc.body.clone(),
        heading: sc.heading.clone(),
        first_baseline: sc.body.size * 0.9,
        min_lines: 2,
    };
    let blocks = compose::body_blocks(content);
    let right_x = margin_x + col_w + col_gap;

    // The photo heads the right-hand column, its height a whole number of grid lines:
    // as tall as its shape asks for (up to 40 % of the column), shrunk line by line
    // down to a third of that if the text needs the room.
    let photo = content.photos.first().map(|p| (0usize, p));
    let cap_style = parts::caption_style(lang, lead * 0.75);
    let (cap, natural_lines) = match photo {
        Some((idx, p)) => {
            let cap = ts.set(&parts::caption_pieces(p), &cap_style, col_w);
            let (iw, ih) = photos.dimensions(idx)?;
            let natural = (col_w * ih as f32 / iw as f32).min(body_h * 0.4);
            let cap_h = cap.lines.len() as f32 * cap_style.leading;
            (Some(cap), ((natural + cap_h + 4.0) / lead).ceil() as usize)
        }
        None => (None, 0),
    };
    let min_lines = natural_lines
        .div_ceil(3)
        .max(usize::from(photo.is_some()) * 6);
    let entries = flow::set_blocks(&blocks, col_w, &style, ts);
    let mut photo_lines = natural_lines;
    let attempt = loop {
        let mut g = groups.last();
        // One blank grid line between the credit and the text that follows.
        let right_top = if photo.is_some() {
            body_top + (photo_lines + 1) as f32 * lead
        } else {
            body_top
        };
        let columns = [
            Rect::new(margin_x, body_top, col_w, body_h),
            Rect::new(right_x, right_top, col_w, body_bottom - right_top),
        ];
        let flowed = flow::place(&entries, &columns, &style, &mut g);
        if flowed.overflow.is_none() || photo_lines <= min_lines {
            break (flowed, photo_lines, g);
        }
        photo_lines -= 1;
    };
    let (flowed, photo_lines, g) = attempt;
    groups = Groups::starting_at(g);
    if let (Some((idx, p)), Some(cap)) = (photo, cap) {
        let cap_h = cap.lines.len() as f32 * cap_style.leading;
        let img_h = photo_lines as f32 * lead - cap_h - 4.0 - (lead - sc.body.size);
        items.extend(parts::photo_block(
            p,
            idx,
            right_x,
            body_top,
            col_w,
            img_h,
            &cap.lines,
            &cap_style,
            photos,
            &mut groups,
        )?);
    }
    if let Some(o) = flowed.overflow {
        // Overflowing text belongs to a section, so there is one to name.
        let section = content.sections.get(o.section).or(content.sections.last());
        return Err(Error::input(
            Diagnostic::new(
                &content.source_path,
                section.map(|s| s.heading.span.clone()),
                format!(
                    "the fact sheet is one page and the text does not fit: section \"{}\" overflows by {} line{} ({:.0} mm) on {}",
                    section.map_or("", |s| s.heading.value.as_str()),
                    o.lines,
                    if o.lines == 1 { "" } else { "s" },
                    o.height / MM,
                    paper.name(),
                ),
            )
            .with_help(format!(
                "shorten the text by about {} words, or drop a paragraph; the fact sheet has one page",
                (o.lines * 9).max(5)
            )),
        ));
    }
    items.extend(flowed.items.into_iter().map(|(_, i)| i));

    let page = frame::Page {
        width: pw,
        height: ph,
        bleed: 0.0,
        margins,
        items,
    };
    let outline = flowed
        .anchors
        .iter()
        .map(|(t, _, y)| (t.clone(), 0usize, *y))
        .collect();
    Ok(frame::Document {
        pages: vec![page],
        info: parts::doc_info(content, outline),
        warnings: Vec::new(),
    })
}
