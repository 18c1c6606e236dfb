//! The brochure's own pages and bands: the cover, the quote band and page, the notes
//! page, the back page and the running footers.

use super::*;

pub(super) fn quote_pieces(q: &Quote) -> Vec<Styled> {
    vec![Styled::plain(format!("“{}”", q.text.value))]
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
    let set = ts.set(&quote_pieces(q), style, w);
    let mut attr_style = ParStyle::new(Family::Sans, 8.5, 11.0, MUTED, lang);
    attr_style.align = Align::Center;
    let attr = ts.set(
        &[Styled::plain(format!("— {}", q.attribution.value))],
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
    let mut probe = Groups::default();
    let (_, end) = title_block(content, g, 0.0, ts, &mut probe);
    let need = end + 2.0 * COVER_BAND_PAD;
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
            items.push(parts::filled_rect(
                0.0,
                0.0,
                g.pw,
                band_top,
                crate::layout::tint(brand, parts::WHITE, 0.9),
            ));
        }
        items.push(parts::photo_item(photo, i, frame, photos, groups)?);
    }
    items.push(parts::filled_rect(
        0.0,
        band_top,
        g.pw,
        g.ph - band_top,
        brand,
    ));
    let (block, end) = title_block(content, g, band_top, ts, groups);
    // Centre the block in the band, a little above the middle.
    let shift = ((g.ph - band_top) - (end - band_top)) * 0.45;
    items.extend(block.into_iter().map(|mut item| {
        item.translate(0.0, shift);
        item
    }));
    Ok(g.page(items))
}

/// The cover's organisation, title and tagline from `top`; returns the bottom.
pub(super) fn title_block(
    content: &Content,
    g: Geometry,
    top: f32,
    ts: &mut Typesetter,
    groups: &mut Groups,
) -> (Vec<Item>, f32) {
    parts::title_block(
        content,
        &content.organisation.name.value,
        &content.title.value,
        g.margin_x,
        top,
        g.text_w() * 0.85,
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

/// A page of its own for the quote: a photo across the top, the quote large below.
pub(super) fn quote_page_of(
    content: &Content,
    q: &Quote,
    cover_idx: Option<usize>,
    paper: Paper,
    ts: &mut Typesetter,
    photos: &mut dyn PhotoSource,
    groups: &mut Groups,
) -> Result<frame::Page, Error> {
    let g = Geometry::new(paper);
    let lang = content.lang.0.as_str();
    let brand = content.organisation.brand_color.value;
    let (_, quote_style) = styles(lang, brand, BODY_SIZE);
    let mut items = Vec::new();
    let photo_h = g.snap((g.bottom - g.top) * 0.55);
    // Prefer a photo not used elsewhere; the cover photo otherwise.
    let pick = content
        .photos
        .iter()
        .position(|p| p.placement == PhotoPlacement::Page)
        .or(cover_idx);
    if let Some((i, photo)) = pick.and_then(|i| Some((i, content.photos.get(i)?))) {
        items.push(parts::photo_item(
            photo,
            i,
            Rect::new(g.margin_x, g.top, g.text_w(), photo_h),
            photos,
            groups,
        )?);
    }
    let rect = Rect::new(
        g.margin_x,
        g.top + photo_h + 10.0 * MM,
        g.text_w(),
        60.0 * MM,
    );
    items.extend(quote_band(q, rect, &quote_style, brand, lang, ts, groups));
    Ok(g.page(items))
}

/// A page left for notes, so the back page falls on an even page.
pub(super) fn notes_page(content: &Content, paper: Paper, ts: &mut Typesetter) -> frame::Page {
    let g = Geometry::new(paper);
    let lang = content.lang.0.as_str();
    let mut items = Vec::new();
    let mut h = ParStyle::new(Family::Sans, 13.0, 15.0, INK, lang);
    h.bold = true;
    let set = ts.set(&[Styled::plain("Notes")], &h, g.text_w());
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

/// The back page: the call to action in a tinted panel with the donation link and a
/// QR code, the tagline as a closing line, contact details and the photo credits.
pub(super) fn back_page(
    content: &Content,
    paper: Paper,
    ts: &mut Typesetter,
    groups: &mut Groups,
) -> Result<frame::Page, Error> {
    let g = Geometry::new(paper);
    let lang = content.lang.0.as_str();
    let brand = content.organisation.brand_color.value;
    let mut items = Vec::new();
    let mut y = g.top;
    let pad = 9.0 * MM;
    let qr_w = 34.0 * MM;
    let inner_w = g.text_w() - 2.0 * pad;
    let text_w = inner_w - qr_w - 8.0 * MM;
    if let Some(cta) = &content.call_to_action {
        let panel_at = items.len();
        let x = g.margin_x + pad;
        let mut h = ParStyle::new(Family::Sans, 22.0, 26.0, brand, lang);
        h.bold = true;
        let set = ts.set(&[Styled::plain(cta.heading.value.clone())], &h, inner_w);
        let tag = groups.tag(Role::Heading(2));
        let mut ty = place_lines(
            &mut items,
            &set.lines,
            x,
            y + pad + h.size * 0.8,
            h.leading,
            &tag,
        );
        let body_top = ty - h.leading + 6.0 * MM;
        let mut body = ParStyle::new(Family::Serif, 10.5, 15.0, INK, lang);
        body.hyphenate = true;
        ty = body_top;
        for p in &cta.paragraphs {
            let set = ts.set(&compose::pieces(p), &body, text_w);
            let tag = groups.tag(Role::Paragraph);
            // Half a line between paragraphs; `ty` is where the next one's top is.
            ty = place_lines(
                &mut items,
                &set.lines,
                x,
                ty + body.size,
                body.leading,
                &tag,
            ) - body.size
                + body.leading * 0.5;
        }
        // The donation address as a link, and as a QR code beside the text.
        let mut link_style = ParStyle::new(Family::Sans, 13.0, 16.0, brand, lang);
        link_style.bold = true;
        let url = cta.donate_url.value.clone();
        let set = ts.set(
            &[Styled {
                text: parts::display_url(&url),
                link: Some(url.clone()),
                ..Default::default()
            }],
            &link_style,
            text_w,
        );
        let tag = groups.tag(Role::Paragraph);
        ty = place_lines(
            &mut items,
            &set.lines,
            x,
            ty + body.leading * 0.5 + link_style.size,
            link_style.leading,
            &tag,
        ) - link_style.leading;
        let module = qr::module_size_for(qr_w, &url).ok_or_else(|| {
            Error::input(
                Diagnostic::new(
                    &content.source_path,
                    Some(cta.donate_url.span.clone()),
                    "the donation address is too long for a QR code that prints at a scannable size",
                )
                .with_help("use a shorter address, for example a short link to the donation page"),
            )
        })?;
        let qx = g.margin_x + g.text_w() - pad - qr_w;
        let sym = qr::qr_code(
            &url,
            Point { x: qx, y: body_top },
            module,
            INK,
            groups.fresh(),
        )
        .map_err(|e| Error::Internal(format!("QR code: {e}")))?;
        let qr_bottom = body_top + sym.size;
        items.extend(sym.items);
        let mut cap = ParStyle::new(Family::Sans, 7.5, 9.0, MUTED, lang);
        cap.align = Align::Center;
        let set = ts.set(&[Styled::plain("Scan to give online")], &cap, qr_w);
        let tag = groups.tag(Role::Caption);
        let qy = place_lines(
            &mut items,
            &set.lines,
            qx,
            qr_bottom + 2.0 + cap.size,
            cap.leading,
            &tag,
        ) - cap.leading;
        let panel_bottom = ty.max(qy) + pad;
        items.insert(
            panel_at,
            parts::filled_rect(
                g.margin_x,
                y,
                g.text_w(),
                panel_bottom - y,
                parts::tint_of(brand, 0.93),
            ),
        );
        y = panel_bottom + 12.0 * MM;
    }

    // Contact: the organisation, its address, website, and any further ways to give
    // that do not repeat them.
    let mut label = ParStyle::new(Family::Sans, 8.0, 11.0, MUTED, lang);
    label.bold = true;
    label.tracking = 1.0;
    let det = ParStyle::new(Family::Sans, 9.5, 13.0, INK, lang);
    let mut name = det.clone();
    name.bold = true;
    let set = ts.set(&[Styled::plain("CONTACT")], &label, g.text_w());
    let tag = groups.tag(Role::Paragraph);
    y = place_lines(
        &mut items,
        &set.lines,
        g.margin_x,
        y + label.size,
        label.leading,
        &tag,
    ) + 2.0;
    let tag = groups.tag(Role::Paragraph);
    let set = ts.set(
        &[Styled::plain(content.organisation.name.value.clone())],
        &name,
        g.text_w(),
    );
    y = place_lines(&mut items, &set.lines, g.margin_x, y, det.leading, &tag);
    let contact = &content.organisation.contact.value;
    let set = ts.set(&compose::linked(contact), &det, g.text_w());
    y = place_lines(&mut items, &set.lines, g.margin_x, y, det.leading, &tag);
    let set = ts.set(&[parts::website_piece(content)], &det, g.text_w());
    y = place_lines(&mut items, &set.lines, g.margin_x, y, det.leading, &tag);
    let host = parts::display_url(&content.organisation.website.value);
    if let Some(cta) = &content.call_to_action {
        for d in &cta.details {
            if d.value == *contact || d.value.contains(&host) {
                continue;
            }
            let set = ts.set(&compose::linked(&d.value), &det, g.text_w());
            y = place_lines(&mut items, &set.lines, g.margin_x, y, det.leading, &tag);
        }
    }

    // Photo credits at the foot of the page.
    let credit_style = ParStyle::new(Family::Sans, 7.0, 8.8, MUTED, lang);
    let mut lines = Vec::new();
    for p in &content.photos {
        lines.extend(
            ts.set(
                &[Styled::plain(format!(
                    "{} — {}",
                    p.caption.value, p.credit.value
                ))],
                &credit_style,
                g.text_w(),
            )
            .lines,
        );
    }
    let mut head = credit_style.clone();
    head.bold = true;
    let hset = ts.set(&[Styled::plain("Photo credits")], &head, g.text_w());
    let total = (lines.len() + hset.lines.len()) as f32 * credit_style.leading;
    let start = g.bottom - total;
    items.push(parts::rule(
        g.margin_x,
        start - credit_style.leading,
        g.text_w(),
    ));
    let tag = groups.tag(Role::Caption);
    let yy = place_lines(
        &mut items,
        &hset.lines,
        g.margin_x,
        start,
        credit_style.leading,
        &tag,
    );
    place_lines(
        &mut items,
        &lines,
        g.margin_x,
        yy,
        credit_style.leading,
        &tag,
    );

    // The tagline closes the brochure, centred in the space that is left.
    let mut closing = ParStyle::new(Family::Serif, 18.0, 24.0, brand, lang);
    closing.italic = true;
    closing.align = Align::Center;
    let set = ts.set(
        &[Styled::plain(content.organisation.tagline.value.clone())],
        &closing,
        g.text_w() * 0.75,
    );
    let h = set.lines.len() as f32 * closing.leading;
    let free_top = y + 8.0 * MM;
    let free_bottom = start - credit_style.leading - 8.0 * MM;
    if free_bottom - free_top > h {
        let ty = free_top + (free_bottom - free_top - h) / 2.0 + closing.size;
        let tag = groups.tag(Role::Paragraph);
        place_lines(
            &mut items,
            &set.lines,
            g.margin_x + g.text_w() * 0.125,
            ty,
            closing.leading,
            &tag,
        );
    }
    Ok(g.page(items))
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
        &[left],
        &[right],
        g.margin_x,
        baseline,
        g.text_w(),
        split,
        lang,
        ts,
    );
    items
}
