//! The one-page fact sheet: title band, key-figures box, two justified columns with a
//! photo, and a footer. Fixed space: content that does not fit is an error.

use std::sync::Arc;

use crate::compose;
use crate::content::model::{Content, Photo, Rgb};
use crate::diag::{Diagnostic, Error};
use crate::image::PreparedImage;
use crate::layout::flow::{self, FlowStyle, push_line};
use crate::layout::frame::{
    self, Content as C, DocInfo, ImageItem, Item, MM, Point, Rect, Role, Shape, Tag,
};
use crate::layout::{Paper, PhotoSource, cover_crop, tint};
use crate::text::{Align, Family, ParStyle, Styled, Typesetter};

/// Near-black for body text: softer than pure black on paper, still high contrast.
pub const INK: Rgb = Rgb::new(0x22, 0x22, 0x22);
/// Grey for captions, sources and the footer.
pub const MUTED: Rgb = Rgb::new(0x5c, 0x5c, 0x5c);
const WHITE: Rgb = Rgb::new(0xff, 0xff, 0xff);

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
    let mut group = 0u32;

    // Title band: brand colour to the page edges; its text sits inside the margins.
    let mut kicker = ParStyle::new(Family::Sans, 8.0, 10.0, tint(brand, WHITE, 0.75), lang);
    kicker.bold = true;
    kicker.tracking = 1.2;
    let mut name = ParStyle::new(Family::Sans, 26.0, 30.0, WHITE, lang);
    name.bold = true;
    let tagline = ParStyle::new(Family::Sans, 11.0, 14.0, WHITE, lang);
    let k = ts.set(
        &[Styled::plain(content.title.value.to_uppercase())],
        &kicker,
        inner_w,
    );
    let n = ts.set(
        &[Styled::plain(content.organisation.name.value.clone())],
        &name,
        inner_w,
    );
    let t = ts.set(
        &[Styled::plain(content.organisation.tagline.value.clone())],
        &tagline,
        inner_w,
    );
    let mut y = margin_top + k.lines.first().map_or(kicker.size, |l| l.ascent);
    let band_items_start = items.len();
    let g = bump(&mut group);
    for l in &k.lines {
        push_line(
            &mut items,
            l,
            margin_x,
            y,
            Tag {
                role: Role::Paragraph,
                group: g,
            },
        );
        y += kicker.leading;
    }
    y += name.size * 0.95;
    let g = bump(&mut group);
    for l in &n.lines {
        push_line(
            &mut items,
            l,
            margin_x,
            y,
            Tag {
                role: Role::Heading(1),
                group: g,
            },
        );
        y += name.leading;
    }
    y += tagline.size * 0.15 - name.leading + tagline.leading;
    let g = bump(&mut group);
    for l in &t.lines {
        push_line(
            &mut items,
            l,
            margin_x,
            y,
            Tag {
                role: Role::Paragraph,
                group: g,
            },
        );
        y += tagline.leading;
    }
    let band_h = y - tagline.leading + 6.0 * MM;
    items.insert(
        band_items_start,
        Item {
            pos: Point { x: 0.0, y: 0.0 },
            content: C::Shape(Shape::Rect {
                w: pw,
                h: band_h,
                fill: brand,
            }),
            tag: Tag::ARTIFACT,
        },
    );

    // Key figures: a tinted box, a grid of up to three columns.
    let figs = &content.key_figures;
    let cols = if figs.len() == 4 { 2 } else { 3 };
    let rows = figs.len().div_ceil(cols);
    let pad = 4.0 * MM;
    let gutter = 5.0 * MM;
    let cell_w = (inner_w - 2.0 * pad - gutter * (cols as f32 - 1.0)) / cols as f32;
    let mut value_style = ParStyle::new(Family::Sans, 20.0, 22.0, brand, lang);
    value_style.bold = true;
    let label_style = ParStyle::new(Family::Sans, 7.6, 9.4, INK, lang);
    let box_top = band_h + 5.0 * MM;
    let mut cells = Vec::new();
    let mut row_h = vec![0.0f32; rows];
    for (i, f) in figs.iter().enumerate() {
        let v = ts.set(
            &[Styled::plain(f.value.value.clone())],
            &value_style,
            cell_w,
        );
        let l = ts.set(
            &[Styled::plain(f.label.value.clone())],
            &label_style,
            cell_w,
        );
        let h = value_style.size + 3.0 + l.lines.len() as f32 * label_style.leading;
        row_h[i / cols] = row_h[i / cols].max(h);
        cells.push((v, l));
    }
    let row_gap = 3.5 * MM;
    let box_h = pad * 2.0 + row_h.iter().sum::<f32>() + row_gap * (rows as f32 - 1.0);
    items.push(Item {
        pos: Point {
            x: margin_x,
            y: box_top,
        },
        content: C::Shape(Shape::Rect {
            w: inner_w,
            h: box_h,
            fill: tint(brand, WHITE, 0.93),
        }),
        tag: Tag::ARTIFACT,
    });
    let mut row_y = box_top + pad;
    for (r, h) in row_h.iter().enumerate() {
        for c in 0..cols {
            let i = r * cols + c;
            let Some((v, l)) = cells.get(i) else { break };
            let x = margin_x + pad + c as f32 * (cell_w + gutter);
            let g = bump(&mut group);
            let mut by = row_y + value_style.size * 0.8;
            for line in &v.lines {
                push_line(
                    &mut items,
                    line,
                    x,
                    by,
                    Tag {
                        role: Role::Paragraph,
                        group: g,
                    },
                );
                by += value_style.leading;
            }
            by = row_y + value_style.size + 3.0 + label_style.size * 0.9;
            for line in &l.lines {
                push_line(
                    &mut items,
                    line,
                    x,
                    by,
                    Tag {
                        role: Role::Paragraph,
                        group: g,
                    },
                );
                by += label_style.leading;
            }
        }
        row_y += h + row_gap;
    }
    // Sources of the figures, once each, in small type under the box.
    let mut sources: Vec<&str> = Vec::new();
    for f in figs {
        if !sources.contains(&f.source.value.as_str()) {
            sources.push(&f.source.value);
        }
    }
    let src_style = ParStyle::new(Family::Sans, 6.5, 8.0, MUTED, lang);
    let src = ts.set(
        &[Styled::plain(format!("Sources: {}.", sources.join("; ")))],
        &src_style,
        inner_w,
    );
    let mut sy = box_top + box_h + 2.0 + src_style.size;
    let g = bump(&mut group);
    for l in &src.lines {
        push_line(
            &mut items,
            l,
            margin_x,
            sy,
            Tag {
                role: Role::Caption,
                group: g,
            },
        );
        sy += src_style.leading;
    }

    // Footer: a hairline, the website (linked) on the left, contact on the right.
    let foot_style = ParStyle::new(Family::Sans, 7.5, 9.0, MUTED, lang);
    let foot_base = ph - margin_bottom - 2.5;
    let web = ts.set(
        &[Styled {
            text: content.organisation.website.value.clone(),
            link: Some(content.organisation.website.value.clone()),
            color: Some(brand),
            bold: true,
            ..Default::default()
        }],
        &foot_style,
        inner_w * 0.4,
    );
    let mut right = foot_style.clone();
    right.align = Align::Right;
    let contact = ts.set(
        &[Styled::plain(content.organisation.contact.value.clone())],
        &right,
        inner_w * 0.6,
    );
    let foot_lines = web.lines.len().max(contact.lines.len()) as f32;
    let rule_y = foot_base - (foot_lines - 1.0) * foot_style.leading - foot_style.size - 4.0;
    items.push(Item {
        pos: Point {
            x: margin_x,
            y: rule_y,
        },
        content: C::Shape(Shape::Line {
            dx: inner_w,
            dy: 0.0,
            width: 0.5,
            color: tint(MUTED, WHITE, 0.5),
        }),
        tag: Tag::ARTIFACT,
    });
    let first_foot = foot_base - (foot_lines - 1.0) * foot_style.leading;
    for (i, l) in web.lines.iter().enumerate() {
        let y = first_foot + i as f32 * foot_style.leading;
        push_line(&mut items, l, margin_x, y, Tag::ARTIFACT);
    }
    for (i, l) in contact.lines.iter().enumerate() {
        let y = first_foot + i as f32 * foot_style.leading;
        push_line(&mut items, l, margin_x + inner_w * 0.4, y, Tag::ARTIFACT);
    }

    // Body: two columns between the sources line and the footer rule, on the grid.
    let col_gap = 6.0 * MM;
    let col_w = (inner_w - col_gap) / 2.0;
    let body_top = sy - src_style.leading + 5.0 * MM;
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
    let cap_style = ParStyle::new(Family::Sans, 7.2, lead * 0.75, MUTED, lang);
    let (cap, natural_lines, iw, ih) = match photo {
        Some((idx, p)) => {
            let cap = ts.set(&caption_pieces(p), &cap_style, col_w);
            let (iw, ih) = photos.dimensions(idx)?;
            let natural = (col_w * ih as f32 / iw as f32).min(body_h * 0.4);
            let cap_h = cap.lines.len() as f32 * cap_style.leading;
            (
                Some(cap),
                ((natural + cap_h + 4.0) / lead).ceil() as usize,
                iw,
                ih,
            )
        }
        None => (None, 0, 1, 1),
    };
    let min_lines = natural_lines
        .div_ceil(3)
        .max(usize::from(photo.is_some()) * 6);
    let entries = flow::set_blocks(&blocks, col_w, &style, ts);
    let mut photo_lines = natural_lines;
    let attempt = loop {
        let mut g = group;
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
    group = g;
    if let (Some((idx, p)), Some(cap)) = (photo, cap) {
        let cap_h = cap.lines.len() as f32 * cap_style.leading;
        let img_h = photo_lines as f32 * lead - cap_h - 4.0 - (lead - sc.body.size);
        let frame_rect = Rect::new(right_x, body_top, col_w, img_h);
        let image_rect = cover_crop(frame_rect, iw, ih, p.focus);
        let image: Arc<PreparedImage> = photos.prepare(idx, image_rect.w, image_rect.h)?;
        items.push(Item {
            pos: Point {
                x: frame_rect.x,
                y: frame_rect.y,
            },
            content: C::Image(ImageItem {
                image,
                frame: frame_rect,
                image_rect,
            }),
            tag: Tag {
                role: Role::Figure(p.alt.value.clone()),
                group: bump(&mut group),
            },
        });
        let mut cy = body_top + img_h + 3.0 + cap_style.size;
        let g = bump(&mut group);
        for l in &cap.lines {
            push_line(
                &mut items,
                l,
                frame_rect.x,
                cy,
                Tag {
                    role: Role::Caption,
                    group: g,
                },
            );
            cy += cap_style.leading;
        }
    }
    if let Some(o) = flowed.overflow {
        let section = &content.sections[o.section];
        return Err(Error::input(
            Diagnostic::new(
                &content.source_path,
                Some(section.heading.span.clone()),
                format!(
                    "the fact sheet is one page and the text does not fit: section \"{}\" overflows by {} line{} ({:.0} mm) on {}",
                    section.heading.value,
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
    items.extend(flowed.items);

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
        info: DocInfo {
            title: format!(
                "{} — {}",
                content.organisation.name.value, content.title.value
            ),
            author: content.organisation.name.value.clone(),
            subject: content.organisation.tagline.value.clone(),
            lang: lang.to_string(),
            created: None,
            outline,
        },
    })
}

/// Caption and credit as one small paragraph: the caption, then the credit.
fn caption_pieces(photo: &Photo) -> Vec<Styled> {
    vec![
        Styled {
            text: format!("{} ", photo.caption.value),
            italic: true,
            ..Default::default()
        },
        Styled::plain(photo.credit.value.clone()),
    ]
}

/// The next structure-group number.
fn bump(group: &mut u32) -> u32 {
    *group += 1;
    *group
}
