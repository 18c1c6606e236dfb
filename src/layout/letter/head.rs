//! The letterhead: the logo (or the organisation's name in its colour) at the left,
//! the name, tagline and address flush right, a rule in the brand colour under both.

use crate::compose;
use crate::content::model::Content;
use crate::diag::{Diagnostic, Error};
use crate::image::logo::Logo;
use crate::layout::frame::{Content as C, Item, MM, Point, Rect, Role, Shape, Tag};
use crate::layout::logo;
use crate::layout::parts::{self, Groups, MUTED};
use crate::layout::{Paper, tint};
use crate::text::{Align, Family, ParStyle, Styled};

use super::Typesetter;

/// The logo's box.
const LOGO_MAX_W: f32 = 48.0 * MM;
const LOGO_MAX_H: f32 = 16.0 * MM;
/// Width of the address block at the right.
const ADDRESS_W: f32 = 72.0 * MM;
/// Most of the page the letterhead may take; past it the field that grew is at fault.
const MAX_SHARE: f32 = 0.2;

/// Sets the letterhead from `top` across `width`; returns its items and its height,
/// down to the rule.
pub(super) fn letterhead(
    content: &Content,
    logo: Option<Logo>,
    x: f32,
    top: f32,
    width: f32,
    ts: &mut Typesetter,
    groups: &mut Groups,
) -> (Vec<Item>, f32) {
    let lang = content.lang.as_str();
    let org = &content.organisation;
    let brand = org.brand_color.value;
    let mut out = parts::Setter::new(ts, groups);
    let left_w = width - ADDRESS_W - 6.0 * MM;
    // Left: the logo, or the name set large in the brand colour with the tagline.
    let left_end;
    let mut right: Vec<(Vec<Styled>, ParStyle)> = Vec::new();
    let mut small = ParStyle::new(Family::Sans, 7.8, 10.0, MUTED, lang);
    small.align = Align::Right;
    match &logo {
        Some(l) => {
            let (w, h) = logo::fitted(l, LOGO_MAX_W.min(left_w), LOGO_MAX_H);
            out.items.push(logo::item(l, Rect::new(x, top, w, h)));
            left_end = top + h + logo::clear_space(h);
            let mut name = small.clone();
            name.bold = true;
            name.color = parts::INK;
            name.size = 9.0;
            right.push((vec![Styled::plain(org.name.value.clone())], name));
            right.push((
                vec![Styled::plain(org.tagline.value.clone())],
                small.clone(),
            ));
        }
        None => {
            let mut name = ParStyle::new(Family::Sans, 16.0, 18.5, brand, lang);
            name.bold = true;
            let at = Point { x, y: top + 13.0 };
            let pieces = [Styled::plain(org.name.value.clone())];
            let y = out.text(&pieces, &name, at, left_w, Role::Heading(1));
            let tagline = ParStyle::new(Family::Sans, 9.0, 11.5, MUTED, lang);
            let at = Point {
                x,
                y: y - name.leading + 2.0 + tagline.leading,
            };
            let pieces = [Styled::plain(org.tagline.value.clone())];
            left_end =
                out.text(&pieces, &tagline, at, left_w, Role::Paragraph) - tagline.leading + 3.0;
        }
    }
    right.push((compose::linked(&org.contact.value), small.clone()));
    right.push((vec![parts::website_piece(content)], small));
    // Right: flush right, its first line level with the top of the left.
    let rx = x + width - ADDRESS_W;
    let mut y = top + 8.0;
    for (pieces, style) in right {
        let at = Point { x: rx, y };
        y = out.text(&pieces, &style, at, ADDRESS_W, Role::Paragraph);
    }
    // From the baseline after the last line back to that line's descenders.
    let right_end = y - 10.0 + 3.0;
    let rule_y = left_end.max(right_end) + 2.0 * MM;
    out.items.push(Item {
        pos: Point { x, y: rule_y },
        content: C::Shape(Shape::Line {
            dx: width,
            dy: 0.0,
            width: 1.2,
            color: tint(brand, parts::WHITE, 0.2),
        }),
        tag: Tag::ARTIFACT,
    });
    (out.items, rule_y - top)
}

/// Reports a letterhead grown past its share of the page, naming the field that takes
/// most of it.
pub(super) fn check_height(content: &Content, paper: Paper, h: f32) -> Result<(), Error> {
    let (_, ph) = paper.size();
    let max = ph * MAX_SHARE;
    if h <= max {
        return Ok(());
    }
    let o = &content.organisation;
    let fields = [
        (&o.name, 16.0),
        (&o.tagline, 9.0),
        (&o.contact, 7.8),
        (&o.website, 7.8),
    ];
    let field = parts::largest_field(&fields).unwrap_or(&o.name);
    Err(Error::input(
        Diagnostic::new(
            &content.source_path,
            Some(field.span.clone()),
            format!(
                "`{}` is too long for the donor letter's letterhead on {}: the letterhead would be {:.0} mm tall, {:.0} mm more than it may take",
                field.span.path,
                paper.name(),
                h / MM,
                (h - max) / MM
            ),
        )
        .with_help("shorten it; the letter has one page, and the letter itself needs the room"),
    ))
}
