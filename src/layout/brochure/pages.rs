//! The brochure's own pages and bands: the cover, the quote band and page, the notes
//! page, the back page and the running footers.

use super::*;
use crate::layout::logo;
use crate::layout::words::words;

pub(super) fn quote_pieces(q: &Quote, lang: &str) -> Vec<Styled> {
    vec![Styled::plain(words(lang).quoted(&q.text.value))]
}

/// The pull quote: large italic between two rules, attribution under it.
pub(super) fn quote_band(
    q: &Quote,
    rect: Rect,
    style: &ParStyle,
    brand: Rgb,
    lang: &str,
    ts: &mut Typesetter,
    groups: &mut Groups,
) -> Vec<Item> {
    let mut items = Vec::new();
    let w = rect.w * 0.8;
    let x = rect.x + (rect.w - w) / 2.0;
    let set = ts.set(&quote_pieces(q, lang), style, w);
    let mut attr_style = ParStyle::new(Family::Sans, 8.5, 11.0, MUTED, lang);
    attr_style.align = Align::Center;
    let attr = ts.set(
        &[Styled::plain(format!(
            "{}{}",
            words(lang).attribution_dash,
            q.attribution.value
        ))],
        &attr_style,
        w,
    );
    let text_h =
        set.lines.len() as f32 * style.leading + attr.lines.len() as f32 * attr_style.leading + 4.0;
    let y0 = rect.y + (rect.h - text_h) / 2.0;
    let rule = |y: f32| Item {
        pos: Point {
            x: rect.x + rect.w * 0.3,
            y,
        },
        content: C::Shape(Shape::Line {
            dx: rect.w * 0.4,
            dy: 0.0,
            width: 1.2,
            color: brand,
        }),
        tag: Tag::ARTIFACT,
    };
    items.push(rule(rect.y + 4.0));
    let tag = groups.tag(Role::Paragraph);
    let y = place_lines(
        &mut items,
        &set.lines,
        x,
        y0 + style.size,
        style.leading,
        &tag,
    );
    place_lines(
        &mut items,
        &attr.lines,
        x,
        y - style.leading + 4.0 + attr_style.leading,
        attr_style.leading,
        &tag,
    );
    items.push(rule(rect.bottom() - 4.0 - rect.h.min(0.0)));
    items
}

/// Shares of the cover's height its colour band may take: the designed third, and
/// the most a long title may push it to before it is an error.
pub(super) const COVER_BAND: f32 = 0.34;
pub(super) const COVER_BAND_MAX: f32 = 0.6;
/// Padding above and below the title block in the band.
pub(super) const COVER_BAND_PAD: f32 = 14.0 * MM;
/// The logo's box on the cover band, and the gap between its plate and the title.
const COVER_LOGO_MAX_W: f32 = 45.0 * MM;
const COVER_LOGO_MAX_H: f32 = 16.0 * MM;
const COVER_LOGO_GAP: f32 = 8.0 * MM;

/// The cover: the cover photo and, in a band of the brand colour, the organisation,
/// the title and the tagline. A photo sharp enough covers the whole page under the
/// band; one that is not fills only the part above the band, at its own shape, or is
/// framed at the size it stays sharp at. A title too long for the band is an error.
pub(super) fn cover(
    content: &Content,
    cover_idx: Option<usize>,
    paper: Paper,
    ts: &mut Typesetter,
    photos: &mut dyn PhotoSource,
    groups: &mut Groups,
) -> Result<frame::Page, Error> {
    let g = Geometry::new(paper);
    let brand = content.organisation.brand_color.value;
    let plate = (photos.logo()?).map(|l| logo::on_plate(&l, COVER_LOGO_MAX_W, COVER_LOGO_MAX_H));
    let (plate_w, plate_h) = plate.as_ref().map_or((0.0, 0.0), |(_, size)| *size);
    let title_w = (g.text_w() * 0.85).min(g.text_w() - plate_w - COVER_LOGO_GAP);
    let (_, end) = title_block(content, g, 0.0, title_w, ts, &mut Groups::default());
    let block_h = end.max(plate_h);
    let need = block_h + 2.0 * COVER_BAND_PAD;
    if need > g.ph * COVER_BAND_MAX {
        return Err(Error::input(cover_overflow(
            content,
            need - g.ph * COVER_BAND_MAX,
        )));
    }
    let mut band_top = g.ph - need.max(g.ph * COVER_BAND);
    let mut items = Vec::new();
    if let Some((i, photo)) = cover_idx.and_then(|i| Some((i, content.photos.get(i)?))) {
        let (iw, ih) = photos.dimensions(i)?;
        let frame = cover_photo_frame(g, (iw, ih), &mut band_top);
        if frame.h < band_top - 1.0 {
            // A framed photo sits on a pale tint of the brand colour.
            let pale = crate::layout::tint(brand, parts::WHITE, 0.9);
            items.push(parts::filled_rect(0.0, 0.0, g.pw, band_top, pale));
        }
        items.push(parts::photo_item(photo, i, frame, photos, groups)?);
    }
    let band_h = g.ph - band_top;
    items.push(parts::filled_rect(0.0, band_top, g.pw, band_h, brand));
    let (block, _) = title_block(content, g, band_top, title_w, ts, groups);
    // Centre the block in the band, a little above the middle; the logo's plate
    // stands level with the block's top.
    let shift = (band_h - block_h) * 0.45;
    items.extend(logo::moved(block, 0.0, shift));
    if let Some((plate, _)) = plate {
        let x = g.margin_x + g.text_w() - plate_w;
        items.extend(logo::moved(plate, x, band_top + shift));
    }
    Ok(g.page(items))
}

/// The cover's organisation, title and tagline from `top`; returns the bottom.
pub(super) fn title_block(
    content: &Content,
    g: Geometry,
    top: f32,
    width: f32,
    ts: &mut Typesetter,
    groups: &mut Groups,
) -> (Vec<Item>, f32) {
    parts::title_block(
        content,
        &content.organisation.name.value,
        &content.title.value,
        g.margin_x,
        top,
        width,
        30.0,
        ts,
        groups,
    )
}

/// Where the cover photo goes: the whole page when it is sharp enough there, else the
/// part above the band (which may grow, down to 40 % of the page, to keep the photo's
/// shape), else a frame of the size it is sharp at, centred above the band.
pub(super) fn cover_photo_frame(g: Geometry, (iw, ih): (u32, u32), band_top: &mut f32) -> Rect {
    let sharp = |w: f32, h: f32| parts::cover_ppi(iw, ih, w, h) >= parts::MIN_ENLARGED_PPI;
    if sharp(g.pw, g.ph) {
        return Rect::new(0.0, 0.0, g.pw, g.ph);
    }
    let shape_h = g.pw * ih as f32 / iw.max(1) as f32;
    let top_h = band_top.min(shape_h.max(g.ph * 0.4));
    if sharp(g.pw, top_h) {
        *band_top = top_h;
        return Rect::new(0.0, 0.0, g.pw, top_h);
    }
    let room = *band_top - 2.0 * g.margin_x;
    let w = (iw as f32 / parts::MIN_ENLARGED_PPI * 72.0).min(g.text_w());
    let h = (w * ih as f32 / iw.max(1) as f32).min(room);
    let w = (h * iw as f32 / ih.max(1) as f32).min(w);
    Rect::new((g.pw - w) / 2.0, (*band_top - h) / 2.0, w, h)
}

/// The error for a title block too tall for the cover band: it names the field that
/// takes most of the room.
pub(super) fn cover_overflow(content: &Content, over: f32) -> Diagnostic {
    let o = &content.organisation;
    let field = parts::largest_field(&[(&content.title, 30.0), (&o.tagline, 12.6), (&o.name, 8.0)])
        .unwrap_or(&content.title);
    Diagnostic::new(
        &content.source_path,
        Some(field.span.clone()),
        format!(
            "`{}` does not fit on the brochure's cover: the title band would be {:.0} mm too tall",
            field.span.path,
            over / MM
        ),
    )
    .with_help(
        "shorten it; the cover holds a title of about three short lines and a tagline of two",
    )
}

/// A page of its own for the quote: set large, centred on the page. Every photo is
/// shown on the cover or inside already, and a photo is never printed twice.
pub(super) fn quote_page_of(
    content: &Content,
    q: &Quote,
    paper: Paper,
    ts: &mut Typesetter,
    groups: &mut Groups,
) -> frame::Page {
    let g = Geometry::new(paper);
    let lang = content.lang.0.as_str();
    let brand = content.organisation.brand_color.value;
    let mut style = styles(lang, brand, BODY_SIZE).1;
    style.size *= QUOTE_PAGE_SCALE;
    style.leading *= QUOTE_PAGE_SCALE;
    let rect = Rect::new(g.margin_x, g.top, g.text_w(), g.bottom - g.top);
    let band = quote_band(q, rect, &style, brand, lang, ts, groups);
    // The band's rules frame the text, not the whole page: move them to it.
    g.page(tighten_rules(band, 12.0 * MM))
}

/// How much larger the quote is set on a page of its own than in a band.
const QUOTE_PAGE_SCALE: f32 = 1.4;

/// The two rules of a quote band moved to `gap` above its first line and below its
/// last.
fn tighten_rules(mut items: Vec<Item>, gap: f32) -> Vec<Item> {
    let text = items
        .iter()
        .filter(|i| matches!(i.content, C::Text(_)))
        .map(Item::bounds)
        .reduce(|a, b| a.union(&b));
    let Some(text) = text else {
        return items;
    };
    let mut rules = items
        .iter_mut()
        .filter(|i| matches!(i.content, C::Shape(Shape::Line { .. })));
    if let (Some(first), Some(last)) = (rules.next(), rules.next()) {
        first.pos.y = text.y - gap;
        last.pos.y = text.bottom() + gap;
    }
    items
}

/// A page left for notes, so the back page falls on an even page.
pub(super) fn notes_page(content: &Content, paper: Paper, ts: &mut Typesetter) -> frame::Page {
    let g = Geometry::new(paper);
    let lang = content.lang.0.as_str();
    let mut items = Vec::new();
    let mut h = ParStyle::new(Family::Sans, 13.0, 15.0, INK, lang);
    h.bold = true;
    let set = ts.set(&[Styled::plain(words(lang).notes)], &h, g.text_w());
    place_lines(
        &mut items,
        &set.lines,
        g.margin_x,
        g.top + 13.0,
        15.0,
        &Tag::ARTIFACT,
    );
    let mut y = g.top + 13.0 + 2.0 * g.lead;
    while y < g.bottom - g.lead {
        items.push(parts::rule(g.margin_x, y, g.text_w()));
        y += 2.0 * g.lead;
    }
    g.page(items)
}

/// Organisation and title on the inside edge, page number on the outside edge.
pub(super) fn running_footer(
    content: &Content,
    index: usize,
    total: usize,
    g: Geometry,
    ts: &mut Typesetter,
) -> Vec<Item> {
    let lang = content.lang.0.as_str();
    let label = Styled::plain(format!(
        "{} · {}",
        content.organisation.name.value, content.title.value
    ));
    let number = Styled {
        text: format!("{} / {}", index + 1, total),
        bold: true,
        ..Default::default()
    };
    let baseline = g.ph - 16.0 * MM;
    // Odd page numbers (1-based) are right-hand pages: number on the right.
    let (left, right) = if (index + 1) % 2 == 1 {
        (label, number)
    } else {
        (number, label)
    };
    let split = if (index + 1) % 2 == 1 { 0.8 } else { 0.2 };
    let (items, _) = parts::footer(
        [(&[left], Tag::ARTIFACT), (&[right], Tag::ARTIFACT)],
        g.margin_x,
        baseline,
        g.text_w(),
        split,
        lang,
        ts,
    );
    items
}
