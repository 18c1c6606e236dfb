//! The back page: the call to action in a tinted panel with the donation link and a
//! QR code, the logo and contact details, the tagline as a closing line, and the photo
//! credits at the foot.

use super::*;
use crate::image::logo::Logo;
use crate::layout::logo;
use crate::layout::words::words;

/// The logo's box above the contact details.
const LOGO_MAX_W: f32 = 45.0 * MM;
const LOGO_MAX_H: f32 = 14.0 * MM;

/// Type of the back page's text.
struct Styles {
    heading: ParStyle,
    body: ParStyle,
    link: ParStyle,
    caption: ParStyle,
    label: ParStyle,
    detail: ParStyle,
    credit: ParStyle,
    closing: ParStyle,
}

impl Styles {
    fn new(lang: &str, brand: Rgb) -> Self {
        let mut heading = ParStyle::new(Family::Sans, 22.0, 26.0, brand, lang);
        heading.bold = true;
        let mut body = ParStyle::new(Family::Serif, 10.5, 15.0, INK, lang);
        body.hyphenate = true;
        let mut link = ParStyle::new(Family::Sans, 13.0, 16.0, brand, lang);
        link.bold = true;
        let mut caption = ParStyle::new(Family::Sans, 7.5, 9.0, MUTED, lang);
        caption.align = Align::Center;
        let mut label = ParStyle::new(Family::Sans, 8.0, 11.0, MUTED, lang);
        label.bold = true;
        label.tracking = 1.0;
        let mut closing = ParStyle::new(Family::Serif, 18.0, 24.0, brand, lang);
        closing.italic = true;
        closing.align = Align::Center;
        Styles {
            heading,
            body,
            link,
            caption,
            label,
            detail: ParStyle::new(Family::Sans, 9.5, 13.0, INK, lang),
            credit: ParStyle::new(Family::Sans, 7.0, 8.8, MUTED, lang),
            closing,
        }
    }
}

/// The back page, top to bottom: call to action, contact, closing line, credits.
pub(super) fn back_page(
    content: &Content,
    paper: Paper,
    ts: &mut Typesetter,
    photos: &mut dyn PhotoSource,
    groups: &mut Groups,
) -> Result<frame::Page, Error> {
    let g = Geometry::new(paper);
    let mut back = Back {
        content,
        g,
        st: Styles::new(&content.lang.0, content.organisation.brand_color.value),
        out: parts::Setter::new(ts, groups),
    };
    let mut y = g.top;
    if content.call_to_action.is_some() {
        y = back.cta_panel()? + 12.0 * MM;
    }
    y = back.contact_block(y, photos.logo()?);
    let credits_top = back.credits();
    back.closing_line(y, credits_top);
    Ok(g.page(back.out.items))
}

/// The back page being set: what every part of it needs.
struct Back<'a> {
    content: &'a Content,
    g: Geometry,
    st: Styles,
    out: parts::Setter<'a>,
}

impl Back<'_> {
    /// The call to action in a tinted panel: heading, paragraphs, the donation address
    /// as a link and as a QR code beside the text. Returns the panel's bottom.
    fn cta_panel(&mut self) -> Result<f32, Error> {
        let (content, g) = (self.content, self.g);
        let Some(cta) = &content.call_to_action else {
            return Ok(g.top);
        };
        let (pad, qr_w) = (9.0 * MM, 34.0 * MM);
        let inner_w = g.text_w() - 2.0 * pad;
        let text_w = inner_w - qr_w - 8.0 * MM;
        let panel_at = self.out.items.len();
        let (x, top) = (g.margin_x + pad, g.top);
        let h = self.st.heading.clone();
        let heading = [Styled::plain(cta.heading.value.clone())];
        let at = Point {
            x,
            y: top + pad + h.size * 0.8,
        };
        let body_top =
            self.out.text(&heading, &h, at, inner_w, Role::Heading(2)) - h.leading + 6.0 * MM;
        let body = self.st.body.clone();
        let mut ty = body_top;
        for p in &cta.paragraphs {
            let at = Point {
                x,
                y: ty + body.size,
            };
            // Half a line between paragraphs; `ty` is where the next one's top is.
            ty = self
                .out
                .text(&compose::pieces(p), &body, at, text_w, Role::Paragraph)
                - body.size
                + body.leading * 0.5;
        }
        let url = cta.donate_url.value.clone();
        let link = Styled {
            text: parts::display_url(&url),
            link: Some(url.clone()),
            ..Default::default()
        };
        let ls = self.st.link.clone();
        let at = Point {
            x,
            y: ty + body.leading * 0.5 + ls.size,
        };
        ty = self.out.text(&[link], &ls, at, text_w, Role::Paragraph) - ls.leading;
        let qx = g.margin_x + g.text_w() - pad - qr_w;
        let qy = self.qr_block(Point { x: qx, y: body_top }, qr_w)?;
        let panel_bottom = ty.max(qy) + pad;
        let tint = parts::tint_of(content.organisation.brand_color.value, 0.93);
        let panel = parts::filled_rect(g.margin_x, top, g.text_w(), panel_bottom - top, tint);
        self.out.items.insert(panel_at, panel);
        Ok(panel_bottom)
    }

    /// The QR code for the donation address with its caption under it; returns the
    /// caption's bottom.
    fn qr_block(&mut self, at: Point, qr_w: f32) -> Result<f32, Error> {
        let content = self.content;
        let Some(cta) = &content.call_to_action else {
            return Ok(at.y);
        };
        let url = &cta.donate_url.value;
        let module = qr::module_size_for(qr_w, url).ok_or_else(|| {
            let d = Diagnostic::new(
                &content.source_path,
                Some(cta.donate_url.span.clone()),
                "the donation address is too long for a QR code that prints at a scannable size",
            );
            Error::input(
                d.with_help("use a shorter address, for example a short link to the donation page"),
            )
        })?;
        let described = format!("{}{url}", words(&self.content.lang.0).qr_code_to);
        let sym = qr::qr_code(url, at, module, INK, self.out.groups.fresh())
            .map_err(|e| Error::Internal(format!("QR code: {e}")))?
            .described(&described);
        let qr_bottom = at.y + sym.size;
        self.out.items.extend(sym.items);
        let cap = self.st.caption.clone();
        let caption = [Styled::plain(words(&cap.lang).scan_to_give_short)];
        let at = Point {
            x: at.x,
            y: qr_bottom + 2.0 + cap.size,
        };
        Ok(self.out.text(&caption, &cap, at, qr_w, Role::Caption) - cap.leading)
    }

    /// The logo (with its clear space under it), then the organisation, its address,
    /// website, and any further ways to give that do not repeat them, from `y`.
    /// Returns the baseline after the last line.
    fn contact_block(&mut self, mut y: f32, logo: Option<Logo>) -> f32 {
        let (content, g) = (self.content, self.g);
        if let Some(l) = logo {
            let (w, h) = logo::fitted(&l, LOGO_MAX_W, LOGO_MAX_H);
            self.out
                .items
                .push(logo::item(&l, Rect::new(g.margin_x, y, w, h)));
            y += h + logo::clear_space(h);
        }
        let (x, w) = (g.margin_x, g.text_w());
        let label = self.st.label.clone();
        let at = Point {
            x,
            y: y + label.size,
        };
        y = self.out.text(
            &[Styled::plain(words(&label.lang).contact)],
            &label,
            at,
            w,
            Role::Paragraph,
        ) + 2.0;
        let det = self.st.detail.clone();
        let mut name = det.clone();
        name.bold = true;
        let org = &content.organisation;
        let mut lines = vec![
            compose::linked(&org.contact.value),
            vec![parts::website_piece(content)],
        ];
        if let Some(cta) = &content.call_to_action {
            let host = parts::display_url(&org.website.value);
            let new = |d: &&crate::content::Sp<String>| {
                d.value != org.contact.value && !d.value.contains(&host)
            };
            lines.extend(
                cta.details
                    .iter()
                    .filter(new)
                    .map(|d| compose::linked(&d.value)),
            );
        }
        // The name and every line under it are one element.
        let set = self
            .out
            .ts
            .set(&[Styled::plain(org.name.value.clone())], &name, w);
        let tag = self.out.groups.tag(Role::Paragraph);
        y = place_lines(&mut self.out.items, &set.lines, x, y, det.leading, &tag);
        for pieces in lines {
            let set = self.out.ts.set(&pieces, &det, w);
            y = place_lines(&mut self.out.items, &set.lines, x, y, det.leading, &tag);
        }
        y
    }

    /// The photo credits at the foot of the page under a rule; returns the rule's y.
    fn credits(&mut self) -> f32 {
        let g = self.g;
        let style = self.st.credit.clone();
        let mut lines = Vec::new();
        for p in &self.content.photos {
            let credit = Styled::plain(format!("{} — {}", p.caption.value, p.credit.value));
            lines.extend(self.out.ts.set(&[credit], &style, g.text_w()).lines);
        }
        let mut head = style.clone();
        head.bold = true;
        let hset = self.out.ts.set(
            &[Styled::plain(words(&head.lang).photo_credits)],
            &head,
            g.text_w(),
        );
        let total = (lines.len() + hset.lines.len()) as f32 * style.leading;
        let start = g.bottom - total;
        let rule_y = start - style.leading;
        self.out
            .items
            .push(parts::rule(g.margin_x, rule_y, g.text_w()));
        let tag = self.out.groups.tag(Role::Caption);
        let y = place_lines(
            &mut self.out.items,
            &hset.lines,
            g.margin_x,
            start,
            style.leading,
            &tag,
        );
        place_lines(
            &mut self.out.items,
            &lines,
            g.margin_x,
            y,
            style.leading,
            &tag,
        );
        rule_y
    }

    /// The tagline closes the brochure, centred in the space between the contact
    /// details (`above`) and the credits (`below`), when there is room for it.
    fn closing_line(&mut self, above: f32, below: f32) {
        let g = self.g;
        let style = self.st.closing.clone();
        let tagline = [Styled::plain(
            self.content.organisation.tagline.value.clone(),
        )];
        let set = self.out.ts.set(&tagline, &style, g.text_w() * 0.75);
        let h = set.lines.len() as f32 * style.leading;
        let (free_top, free_bottom) = (above + 8.0 * MM, below - 8.0 * MM);
        if free_bottom - free_top > h {
            let y = free_top + (free_bottom - free_top - h) / 2.0 + style.size;
            let tag = self.out.groups.tag(Role::Paragraph);
            let x = g.margin_x + g.text_w() * 0.125;
            place_lines(&mut self.out.items, &set.lines, x, y, style.leading, &tag);
        }
    }
}
