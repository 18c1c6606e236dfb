//! The back panel: the call to action with the donation link and a QR code, then the
//! organisation's contact details at the foot (above the photo credits when the flap
//! had no room for them). Without a call to action the contact details stand alone.

use super::*;
use crate::content::model::CallToAction;
use crate::image::logo::Logo;
use crate::layout::logo;

/// The logo's box above the contact details.
const LOGO_MAX_W: f32 = 38.0 * MM;
const LOGO_MAX_H: f32 = 11.0 * MM;

/// What the back panel produced.
pub(super) struct BackPanel {
    pub(super) items: Vec<Item>,
    pub(super) problem: Option<Diagnostic>,
    /// Top of the call to action's heading, for the outline.
    pub(super) heading_y: Option<f32>,
}

/// The back panel being set.
struct Back<'a> {
    content: &'a Content,
    area: Rect,
    accent: Rgb,
    out: parts::Setter<'a>,
}

/// Lays out the back panel; `credits` are the photo credits when they are its to place.
#[allow(clippy::too_many_arguments)]
pub(super) fn back_panel(
    content: &Content,
    logo: Option<&Logo>,
    paper: Paper,
    ts: &mut Typesetter,
    groups: &mut Groups,
    accent: Rgb,
    credits: Option<Credits>,
) -> Result<BackPanel, Error> {
    let area = Panel::Back.text_area(paper);
    let mut back = Back {
        content,
        area,
        accent,
        out: parts::Setter::new(ts, groups),
    };
    // The foot: the credits under the contact block when they are ours to place.
    let credits_h = credits
        .as_ref()
        .map_or(0.0, |c| c.height() + BLOCK_GAP * 0.6);
    if let Some(c) = &credits {
        let placed = c.place(area.x, area.bottom(), area.w, back.out.groups);
        back.out.items.extend(placed);
    }
    let top_end = match &content.call_to_action {
        Some(cta) => back.call_to_action(cta)?,
        None => area.y,
    };
    // Contact details: at the foot under a rule, or heading the panel when there is no
    // call to action.
    let lead_in = content.call_to_action.is_none();
    let (contact, contact_h) = contact_block(content, area.w, accent, logo, back.out.ts, lead_in);
    let contact_top = if lead_in {
        area.y
    } else {
        area.bottom() - credits_h - contact_h
    };
    let base = back.out.groups.last();
    for mut item in contact {
        item.translate(area.x, contact_top);
        if item.tag.role != Role::Artifact {
            item.tag.group += base;
        }
        back.out.items.push(item);
    }
    *back.out.groups = Groups::starting_at(base + 3);
    let (needed_end, limit) = if lead_in {
        (contact_top + contact_h + credits_h, area.bottom())
    } else {
        (top_end + BLOCK_GAP, contact_top)
    };
    Ok(BackPanel {
        items: back.out.items,
        problem: (needed_end > limit + 0.01).then(|| overfull(content, needed_end - limit)),
        heading_y: content.call_to_action.as_ref().map(|_| area.y),
    })
}

/// The error for a back panel whose content is taller than the panel.
fn overfull(content: &Content, over: f32) -> Diagnostic {
    let span = content
        .call_to_action
        .as_ref()
        .map(|c| c.heading.span.clone())
        .unwrap_or_else(|| content.organisation.contact.span.clone());
    let panel = Panel::Back.name();
    Diagnostic::new(
        &content.source_path,
        Some(span),
        format!(
            "the call to action and contact details do not fit on the tri-fold's {panel}: {:.0} mm too tall",
            over / MM
        ),
    )
    .with_help(format!(
        "the {panel} is full; shorten the call to action's text or its details"
    ))
}

impl Back<'_> {
    /// Heading, paragraphs on the panel's grid, the donation link, the QR code and
    /// further ways to give; returns where they end.
    fn call_to_action(&mut self, cta: &CallToAction) -> Result<f32, Error> {
        let (area, lang) = (self.area, self.content.lang.0.as_str());
        let mut h = ParStyle::new(Family::Sans, 15.0, 18.0, self.accent, lang);
        h.bold = true;
        let heading = [Styled::plain(cta.heading.value.clone())];
        let at = Point {
            x: area.x,
            y: area.y + 0.75 * h.size,
        };
        let after = self.out.text(&heading, &h, at, area.w, Role::Heading(2));
        // Body text on the panel's grid, like the inside panels.
        let grid = Grid::new(area, lang);
        let mut body = ParStyle::on_grid(Family::Serif, BODY_SIZE, grid.lead, INK, lang);
        body.hyphenate = true;
        let mut y = grid.at_or_below(after - h.leading + grid.lead * 1.4);
        for (k, p) in cta.paragraphs.iter().enumerate() {
            let mut s = body.clone();
            if k > 0 {
                s.indent = BODY_SIZE;
            }
            let at = Point { x: area.x, y };
            y = self
                .out
                .text(&compose::pieces(p), &s, at, area.w, Role::Paragraph);
        }
        y = self.donate_link(cta, y)?;
        Ok(self.details(cta, y))
    }

    /// The donation address as a link one half line under the text, and the QR code
    /// under it; returns the bottom of the code's dark modules.
    fn donate_link(&mut self, cta: &CallToAction, y: f32) -> Result<f32, Error> {
        let (area, lang) = (self.area, self.content.lang.0.as_str());
        let url = cta.donate_url.value.clone();
        let mut link = ParStyle::new(Family::Sans, 10.0, BODY_LEADING, self.accent, lang);
        link.bold = true;
        let pieces = [
            Styled {
                text: crate::layout::words::words(lang).give_online.to_string(),
                bold: false,
                color: Some(INK),
                ..Default::default()
            },
            Styled {
                text: parts::display_url(&url),
                link: Some(url.clone()),
                ..Default::default()
            },
        ];
        let at = Point {
            x: area.x,
            y: y + BODY_LEADING * 0.5,
        };
        let y = self.out.text(&pieces, &link, at, area.w, Role::Paragraph);
        self.qr(cta, y - BODY_LEADING + BODY_SIZE * 0.4)
    }

    /// The QR code from `top`, its dark modules flush with the text's left edge, and
    /// beside it what it is for; returns the bottom of its dark modules.
    fn qr(&mut self, cta: &CallToAction, top: f32) -> Result<f32, Error> {
        let area = self.area;
        let mut cap = ParStyle::new(Family::Sans, 8.0, 10.0, MUTED, &self.content.lang.0);
        cap.align = Align::Left;
        let place = "on the tri-fold's back panel";
        let at = (area.x, top);
        parts::donation_qr(
            self.content,
            cta,
            at,
            area.right(),
            QR_SIZE,
            &cap,
            place,
            &mut self.out,
        )
    }

    /// Further ways to give from `y`, leaving out one that repeats the contact line
    /// (the foot shows it); returns where they end.
    fn details(&mut self, cta: &CallToAction, mut y: f32) -> f32 {
        let (area, lang) = (self.area, self.content.lang.0.as_str());
        let det = ParStyle::new(Family::Sans, 8.0, 10.5, INK, lang);
        let contact = self.content.organisation.contact.value.trim();
        let details: Vec<_> = cta
            .details
            .iter()
            .filter(|d| d.value.trim() != contact)
            .collect();
        if details.is_empty() {
            return y;
        }
        y += 5.0 * MM;
        for d in details {
            let at = Point {
                x: area.x,
                y: y + det.size,
            };
            y = self.out.text(
                &compose::linked(&d.value),
                &det,
                at,
                area.w,
                Role::Paragraph,
            ) - det.leading
                + 2.0;
        }
        y
    }
}

/// The organisation's name, contact line and website, with its top-left at the origin;
/// groups 1 to 3 (the caller shifts them). `lead_in` sets the name as a heading for a
/// panel without a call to action; otherwise a rule sits above it.
pub(super) fn contact_block(
    content: &Content,
    width: f32,
    accent: Rgb,
    logo: Option<&Logo>,
    ts: &mut Typesetter,
    lead_in: bool,
) -> (Vec<Item>, f32) {
    let lang = content.lang.0.as_str();
    let mut items = Vec::new();
    let det = ParStyle::new(Family::Sans, 8.0, 10.5, INK, lang);
    let (mut name, role) = if lead_in {
        let style = ParStyle::new(Family::Sans, 15.0, 18.0, accent, lang);
        (style, Role::Heading(2))
    } else {
        (
            ParStyle::new(Family::Sans, 9.0, 11.5, INK, lang),
            Role::Paragraph,
        )
    };
    name.bold = true;
    let mut y = 0.0;
    if !lead_in {
        items.push(parts::rule(0.0, 0.0, width));
        y = 4.0;
    }
    if let Some(l) = logo {
        // Clear of the rule above and of the name below by the logo's clear space.
        let (w, h) = logo::fitted(l, LOGO_MAX_W, LOGO_MAX_H);
        let space = logo::clear_space(h);
        let top = if lead_in { 0.0 } else { space };
        items.push(logo::item(l, Rect::new(0.0, top, w, h)));
        y = top + h + space;
    }
    let org = &content.organisation;
    let set = ts.set(&[Styled::plain(org.name.value.clone())], &name, width);
    let tag = Tag { role, group: 1 };
    y = place_lines(
        &mut items,
        &set.lines,
        0.0,
        y + name.size * 0.9,
        name.leading,
        &tag,
    );
    y += det.leading - name.leading + 1.0;
    let rest = [
        compose::linked(&org.contact.value),
        vec![parts::website_piece(content)],
    ];
    for (group, pieces) in (2..).zip(rest) {
        let set = ts.set(&pieces, &det, width);
        let tag = Tag {
            role: Role::Paragraph,
            group,
        };
        y = place_lines(&mut items, &set.lines, 0.0, y, det.leading, &tag);
    }
    (items, y - det.leading + 2.5)
}
