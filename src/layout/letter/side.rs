//! The side column: a photo at the top, the key figures under it and the call to
//! action with its QR code at the foot. The photo takes the room the other two leave,
//! up to its own shape and never enlarged below 150 ppi; when they leave too little,
//! the column is an error naming what takes the room.

use crate::compose;
use crate::content::model::{CallToAction, Content, Photo};
use crate::diag::{Diagnostic, Error};
use crate::layout::frame::{Item, MM, Point, Rect, Role};
use crate::layout::parts::{self, Groups, INK, MUTED, Setter};
use crate::layout::{Paper, PhotoSource};
use crate::text::{Align, Family, ParStyle, Styled, Typesetter};

/// Space between the photo, the figures and the call to action.
const GAP: f32 = 7.0 * MM;
/// The smallest photo worth printing, caption aside; below it the column is too full.
const MIN_IMAGE_H: f32 = 22.0 * MM;
/// Most of the column the photo takes, however much room is left.
const MAX_PHOTO_SHARE: f32 = 0.5;
/// Inner padding of the call to action's tinted panel.
const PAD: f32 = 3.5 * MM;
/// Width of the QR code, quiet zone included.
const QR_SIZE: f32 = 24.0 * MM;

/// The type of the figures and the call to action, as a share of their design size,
/// largest first: a full column steps down before it is an error.
const SCALES: [f32; 4] = [1.0, 0.95, 0.9, 0.85];

/// Sets the side column in `area`.
pub(super) fn column(
    content: &Content,
    area: Rect,
    paper: Paper,
    ts: &mut Typesetter,
    photos: &mut dyn PhotoSource,
    groups: &mut Groups,
) -> Result<Vec<Item>, Error> {
    let photo_index = content
        .cover_photo()
        .and_then(|i| content.photos.get(i).map(|p| (i, p)));
    let mut over = Parts::default();
    for scale in SCALES {
        // Measured first, with numbers thrown away, so the photo knows its room.
        let mut scratch = Groups::default();
        let figs_h = figures(
            content,
            area.x,
            0.0,
            area.w,
            scale,
            &mut Setter::new(ts, &mut scratch),
        );
        let cta_h = match &content.call_to_action {
            Some(cta) => {
                call_to_action(
                    content,
                    cta,
                    area.x,
                    0.0,
                    area.w,
                    scale,
                    &mut Setter::new(ts, &mut scratch),
                )? + GAP
            }
            None => 0.0,
        };
        let photo_h = match photo_index {
            Some((_, p)) => MIN_IMAGE_H + caption_height(content, p, area.w, ts) + GAP,
            None => 0.0,
        };
        if photo_h + figs_h + cta_h > area.h + 0.01 {
            over = Parts {
                photo: photo_h,
                figures: figs_h,
                call_to_action: cta_h,
                room: area.h,
            };
            continue;
        }
        let mut out = Setter::new(ts, groups);
        let mut top = area.y;
        if let Some((index, p)) = photo_index {
            let room = area.h - figs_h - cta_h - GAP;
            top += photo(content, p, index, area, room, &mut out, photos)? + GAP;
        }
        figures(content, area.x, top, area.w, scale, &mut out);
        if let Some(cta) = &content.call_to_action {
            let y = area.bottom() - cta_h + GAP;
            call_to_action(content, cta, area.x, y, area.w, scale, &mut out)?;
        }
        return Ok(out.items);
    }
    Err(overfull(content, paper, &over))
}

/// Heights the side column's parts need, against the room it has.
#[derive(Debug, Default)]
struct Parts {
    photo: f32,
    figures: f32,
    call_to_action: f32,
    room: f32,
}

/// The caption's style in the side column.
fn caption_style(content: &Content) -> ParStyle {
    parts::free_caption_style(content.lang.as_str())
}

/// Height of photo `p`'s caption `width` wide, with the gap above it.
fn caption_height(content: &Content, p: &Photo, width: f32, ts: &mut Typesetter) -> f32 {
    let style = caption_style(content);
    let lines = ts.set(&parts::caption_pieces(p), &style, width).lines;
    3.0 + lines.len() as f32 * style.leading
}

/// The photo at the column's top with its caption, at most `room` tall in all (the
/// caller leaves it room for [`MIN_IMAGE_H`]); returns the height it takes.
fn photo(
    content: &Content,
    p: &Photo,
    index: usize,
    area: Rect,
    room: f32,
    out: &mut Setter,
    photos: &mut dyn PhotoSource,
) -> Result<f32, Error> {
    let (iw, ih) = photos.dimensions(index)?;
    let cap_style = caption_style(content);
    let caption = out
        .ts
        .set(&parts::caption_pieces(p), &cap_style, area.w)
        .lines;
    let cap_h = 3.0 + caption.len() as f32 * cap_style.leading;
    let natural = area.w * ih as f32 / iw.max(1) as f32;
    let h = natural
        .min(room - cap_h)
        .min(area.h * MAX_PHOTO_SHARE)
        .max(MIN_IMAGE_H);
    let (w, h) = parts::sharp_frame(area.w, h, (iw, ih));
    let block = parts::photo_block(
        p, index, area.x, area.y, w, h, &caption, &cap_style, photos, out.groups,
    )?;
    out.items.extend(block);
    Ok(h + cap_h)
}

/// The key figures from `top`, one a row (two when there are more than four), with a
/// hairline between rows and their sources under them; returns the height.
fn figures(content: &Content, x: f32, top: f32, width: f32, scale: f32, out: &mut Setter) -> f32 {
    let lang = content.lang.as_str();
    let figs = &content.key_figures;
    let cols = if figs.len() > 4 { 2 } else { 1 };
    let gutter = 4.0 * MM;
    let cell_w = (width - gutter * (cols - 1) as f32) / cols as f32;
    let mut value = ParStyle::new(
        Family::Sans,
        0.0,
        0.0,
        content.organisation.brand_color.value,
        lang,
    );
    value.bold = true;
    value.hyphenate = false;
    let max = if cols == 1 { 18.0 } else { 14.0 } * scale;
    let size = value_size(content, &value, cell_w, max, out.ts);
    value.size = size;
    value.leading = size * 1.1;
    let label = ParStyle::new(Family::Sans, 7.6 * scale, 9.4 * scale, INK, lang);
    let mut y = top;
    for row in figs.chunks(cols) {
        if y > top {
            out.items.push(parts::rule(x, y - 2.0 * MM, width));
        }
        let mut row_end = y;
        for (c, f) in row.iter().enumerate() {
            let cx = x + c as f32 * (cell_w + gutter);
            // Value and label read as one element, as in every layout's figures.
            let tag = out.groups.tag(Role::Paragraph);
            let v = out
                .ts
                .set(&[Styled::plain(f.value.value.clone())], &value, cell_w);
            let by = parts::place_lines(
                &mut out.items,
                &v.lines,
                cx,
                y + size * 0.8,
                value.leading,
                &tag,
            );
            let l = out
                .ts
                .set(&[Styled::plain(f.label.value.clone())], &label, cell_w);
            let ly = by - value.leading + 2.5 + label.size;
            let end = parts::place_lines(&mut out.items, &l.lines, cx, ly, label.leading, &tag);
            row_end = row_end.max(end - label.leading + 2.0);
        }
        y = row_end + 4.0 * MM;
    }
    let (src, end) = parts::figure_sources(content, x, y - 2.0 * MM, width, out.ts, out.groups);
    out.items.extend(src);
    end - top
}

/// The figures' value size: `max`, or less so that the widest value fits its cell on
/// one line.
fn value_size(
    content: &Content,
    style: &ParStyle,
    cell_w: f32,
    max: f32,
    ts: &mut Typesetter,
) -> f32 {
    let mut s = style.clone();
    s.size = max;
    s.leading = max * 1.1;
    let widest = content
        .key_figures
        .iter()
        .map(|f| {
            ts.set(&[Styled::plain(f.value.value.clone())], &s, f32::MAX / 4.0)
                .lines
                .iter()
                .map(|l| l.width)
                .fold(0.0, f32::max)
        })
        .fold(0.0, f32::max);
    if widest <= cell_w {
        max
    } else {
        (max * cell_w / widest).floor().max(9.0)
    }
}

/// The call to action on a tinted panel from `top`: heading, text, the donation
/// address as a link and the QR code with what it is for, then further ways to give;
/// returns the panel's height.
fn call_to_action(
    content: &Content,
    cta: &CallToAction,
    x: f32,
    top: f32,
    width: f32,
    scale: f32,
    out: &mut Setter,
) -> Result<f32, Error> {
    let lang = content.lang.as_str();
    let brand = content.organisation.brand_color.value;
    let panel = out.items.len();
    let (ix, iw) = (x + PAD, width - 2.0 * PAD);
    let mut h = ParStyle::new(Family::Sans, 12.0, 14.5, brand, lang);
    h.bold = true;
    let heading = [Styled::plain(cta.heading.value.clone())];
    let mut y = out.text(
        &heading,
        &h,
        Point {
            x: ix,
            y: top + PAD + 10.0,
        },
        iw,
        Role::Heading(2),
    );
    let mut text = ParStyle::new(Family::Sans, 8.2 * scale, 11.0 * scale, INK, lang);
    text.align = Align::Left;
    text.hyphenate = true;
    y += text.leading - h.leading + 2.0;
    for p in &cta.paragraphs {
        y = out.text(
            &compose::pieces(p),
            &text,
            Point { x: ix, y },
            iw,
            Role::Paragraph,
        ) + 2.0;
    }
    let mut link = text.clone();
    link.bold = true;
    link.color = brand;
    let url = &cta.donate_url.value;
    let pieces = [Styled {
        text: parts::display_url(url),
        link: Some(url.clone()),
        ..Default::default()
    }];
    y = out.text(&pieces, &link, Point { x: ix, y }, iw, Role::Paragraph);
    let mut cap = ParStyle::new(Family::Sans, 7.2, 9.0, MUTED, lang);
    cap.align = Align::Left;
    let at = (ix, y - text.leading + 4.0);
    let place = "beside the donor letter";
    y = parts::donation_qr(content, cta, at, ix + iw, QR_SIZE, &cap, place, out)?;
    let det = ParStyle::new(Family::Sans, 7.6 * scale, 9.6 * scale, MUTED, lang);
    y += det.size + 3.0;
    // A detail that repeats the contact line is in the letterhead already.
    let contact = content.organisation.contact.value.trim();
    for d in cta.details.iter().filter(|d| d.value.trim() != contact) {
        y = out.text(
            &compose::linked(&d.value),
            &det,
            Point { x: ix, y },
            iw,
            Role::Paragraph,
        );
    }
    let bottom = y - det.leading + 2.0 + PAD;
    let tint = parts::filled_rect(x, top, width, bottom - top, parts::tint_of(brand, 0.92));
    out.items.insert(panel, tint);
    Ok(bottom - top)
}

/// The side column is taller than the page allows: name the field in the part that
/// takes most of it.
fn overfull(content: &Content, paper: Paper, parts: &Parts) -> Error {
    let over = parts.photo + parts.figures + parts.call_to_action - parts.room;
    let photo = content.cover_photo().and_then(|i| content.photos.get(i));
    let (span, help) = match (photo, &content.call_to_action) {
        (Some(p), _) if parts.photo >= parts.figures.max(parts.call_to_action) => {
            let field = parts::largest_field(&[(&p.caption, 1.0), (&p.credit, 1.0)]);
            (
                field.unwrap_or(&p.caption).span.clone(),
                "shorten the photo's caption or credit",
            )
        }
        (_, Some(cta)) if parts.call_to_action > parts.figures => {
            // Characters weighed by the area their type size gives them.
            let chars = |n: usize, size: f32| n as f32 * size * size;
            let body = cta.paragraphs.iter().map(|p| p.plain_text().len()).sum();
            let body = chars(body, 8.2);
            let details = chars(cta.details.iter().map(|d| d.value.len()).sum(), 7.6);
            let heading = chars(cta.heading.value.len(), 12.0);
            let span = match cta.details.first() {
                Some(d) if details >= body.max(heading) => d.span.clone(),
                _ if body >= heading => body_span(cta),
                _ => cta.heading.span.clone(),
            };
            (span, "shorten the call to action's text or its details")
        }
        _ => {
            let figures: Vec<_> = content
                .key_figures
                .iter()
                .flat_map(|f| [(&f.label, 7.6), (&f.value, 18.0)])
                .collect();
            let field = parts::largest_field(&figures).unwrap_or(&content.organisation.name);
            (
                field.span.clone(),
                "use fewer key figures or shorter labels, or shorten the call to action",
            )
        }
    };
    side_error(content, paper, over, span, help)
}

/// The call to action's body, as a span naming the field.
fn body_span(cta: &CallToAction) -> crate::content::model::Span {
    let first = cta
        .paragraphs
        .first()
        .map_or(&cta.heading.span, |p| &p.span);
    crate::content::model::Span {
        path: "call_to_action.body".into(),
        ..first.clone()
    }
}

fn side_error(
    content: &Content,
    paper: Paper,
    over: f32,
    span: crate::content::model::Span,
    help: &str,
) -> Error {
    Error::input(
        Diagnostic::new(
            &content.source_path,
            Some(span.clone()),
            format!(
                "`{}` is too long for the side column of the donor letter on {}: the photo, key figures and call to action are {:.0} mm taller than the page",
                span.path,
                paper.name(),
                over / MM
            ),
        )
        .with_help(help),
    )
}
