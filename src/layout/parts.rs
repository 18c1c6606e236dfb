//! Parts shared by the layouts: the title block, the key-figures box, photos with
//! captions, running footers. Each returns items and the height it used.

use crate::content::model::{CallToAction, Content, Photo, Rgb, Sp};
use crate::diag::{Diagnostic, Error};
use crate::layout::flow::push_line;
use crate::layout::frame::{
    Content as C, DocInfo, Document, ImageItem, Item, MM, Page, Point, Rect, Role, Shape, Tag,
};
use crate::layout::{Paper, PhotoSource, cover_crop, qr, tint};
use crate::text::{Align, Family, Line, ParStyle, Styled, Typesetter};

/// Near-black for body text: softer than pure black on paper, still high contrast.
pub const INK: Rgb = Rgb::new(0x22, 0x22, 0x22);
/// Grey for captions, sources and footers.
pub const MUTED: Rgb = Rgb::new(0x5c, 0x5c, 0x5c);
/// Paper white.
pub const WHITE: Rgb = Rgb::new(0xff, 0xff, 0xff);

/// First of the groups read after everything else on a page (a fact sheet's footer
/// with the organisation's website and contact), whatever was numbered before.
pub const CLOSING_GROUP: u32 = u32::MAX - 8;

/// Numbers structure groups in reading order.
#[derive(Debug, Default)]
pub struct Groups(u32);

impl Groups {
    /// Starts after `n`.
    pub fn starting_at(n: u32) -> Self {
        Groups(n)
    }
    /// The next group number.
    pub fn fresh(&mut self) -> u32 {
        self.0 += 1;
        self.0
    }
    /// The last number handed out.
    pub fn last(&self) -> u32 {
        self.0
    }
    /// A tag with a fresh group.
    pub fn tag(&mut self, role: Role) -> Tag {
        Tag {
            role,
            group: self.fresh(),
        }
    }
}

/// A page or panel being set: the typesetter, the element groups and the items so far.
pub struct Setter<'a> {
    /// Sets text.
    pub ts: &'a mut Typesetter,
    /// Numbers the elements in reading order.
    pub groups: &'a mut Groups,
    /// What is placed so far, in painting order.
    pub items: Vec<Item>,
}

impl<'a> Setter<'a> {
    /// An empty page or panel.
    pub fn new(ts: &'a mut Typesetter, groups: &'a mut Groups) -> Self {
        Setter {
            ts,
            groups,
            items: Vec::new(),
        }
    }

    /// Sets `text` `width` wide in `style` with its first baseline at `at`, as one
    /// element of `role`; returns the baseline after the last line.
    pub fn text(
        &mut self,
        text: &[Styled],
        style: &ParStyle,
        at: Point,
        width: f32,
        role: Role,
    ) -> f32 {
        let set = self.ts.set(text, style, width);
        let tag = self.groups.tag(role);
        place_lines(&mut self.items, &set.lines, at.x, at.y, style.leading, &tag)
    }
}

/// Places lines from baseline `y` down by `leading`; returns the baseline after the last.
pub fn place_lines(
    items: &mut Vec<Item>,
    lines: &[Line],
    x: f32,
    y: f32,
    leading: f32,
    tag: &Tag,
) -> f32 {
    let mut y = y;
    for l in lines {
        push_line(items, l, x, y, tag.clone());
        y += leading;
    }
    y
}

/// A kicker line, a large title (`big`) and the tagline, in white, starting with the
/// kicker's top at `top`. Returns the items and the y of the tagline's last baseline.
#[allow(clippy::too_many_arguments)]
pub fn title_block(
    content: &Content,
    kicker_text: &str,
    big: &str,
    x: f32,
    top: f32,
    width: f32,
    name_size: f32,
    ts: &mut Typesetter,
    groups: &mut Groups,
) -> (Vec<Item>, f32) {
    let lang = content.lang.0.as_str();
    let brand = content.organisation.brand_color.value;
    let mut items = Vec::new();
    let mut kicker = ParStyle::new(Family::Sans, 8.0, 10.0, tint(brand, WHITE, 0.75), lang);
    kicker.bold = true;
    kicker.tracking = 1.2;
    let mut name = ParStyle::new(Family::Sans, name_size, name_size * 1.12, WHITE, lang);
    name.bold = true;
    let tag_size = (name_size * 0.42).clamp(11.0, 14.0);
    let tagline = ParStyle::new(Family::Sans, tag_size, tag_size * 1.3, WHITE, lang);
    let k = ts.set(&[Styled::plain(kicker_text.to_uppercase())], &kicker, width);
    let n = ts.set(&[Styled::plain(big.to_string())], &name, width);
    let t = ts.set(
        &[Styled::plain(content.organisation.tagline.value.clone())],
        &tagline,
        width,
    );
    let mut y = top + k.lines.first().map_or(kicker.size, |l| l.ascent);
    let tag = groups.tag(Role::Paragraph);
    y = place_lines(&mut items, &k.lines, x, y, kicker.leading, &tag);
    y += name.size * 0.95 - kicker.leading;
    y += kicker.leading;
    let tag = groups.tag(Role::Heading(1));
    y = place_lines(&mut items, &n.lines, x, y, name.leading, &tag);
    // Clear the title's descenders before the tagline.
    y += name.size * 0.3 - name.leading + tagline.leading;
    let tag = groups.tag(Role::Paragraph);
    y = place_lines(&mut items, &t.lines, x, y, tagline.leading, &tag);
    (items, y - tagline.leading)
}

/// The key-figures box (a tinted panel with a grid of big numbers and labels) and the
/// figures' sources under it. Returns the items and the total height.
pub fn key_figures(
    content: &Content,
    x: f32,
    top: f32,
    width: f32,
    ts: &mut Typesetter,
    groups: &mut Groups,
) -> (Vec<Item>, f32) {
    let lang = content.lang.0.as_str();
    let brand = content.organisation.brand_color.value;
    let figs = &content.key_figures;
    let mut items = Vec::new();
    let cols = grid_columns(figs.len(), width);
    let rows = figs.len().div_ceil(cols);
    let pad = 4.0 * MM;
    let gutter = 5.0 * MM;
    let cell_w = (width - 2.0 * pad - gutter * (cols as f32 - 1.0)) / cols as f32;
    let mut value_style = ParStyle::new(Family::Sans, 20.0, 22.0, brand, lang);
    value_style.bold = true;
    let label_style = ParStyle::new(Family::Sans, 7.6, 9.4, INK, lang);
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
        let h = v.lines.len() as f32 * value_style.leading
            - (value_style.leading - value_style.size)
            + 3.0
            + l.lines.len() as f32 * label_style.leading;
        if let Some(row) = row_h.get_mut(i / cols) {
            *row = row.max(h);
        }
        cells.push((v, l));
    }
    let row_gap = 3.5 * MM;
    let box_h = pad * 2.0 + row_h.iter().sum::<f32>() + row_gap * (rows as f32 - 1.0);
    items.push(filled_rect(x, top, width, box_h, tint(brand, WHITE, 0.93)));
    let mut row_y = top + pad;
    for (r, h) in row_h.iter().enumerate() {
        for c in 0..cols {
            let Some((v, l)) = cells.get(r * cols + c) else {
                break;
            };
            let cx = x + pad + c as f32 * (cell_w + gutter);
            let tag = groups.tag(Role::Paragraph);
            let by = place_lines(
                &mut items,
                &v.lines,
                cx,
                row_y + value_style.size * 0.8,
                value_style.leading,
                &tag,
            );
            let label_top = by - value_style.leading + value_style.size * 0.2 + 3.0;
            place_lines(
                &mut items,
                &l.lines,
                cx,
                label_top + label_style.size * 0.9,
                label_style.leading,
                &tag,
            );
        }
        row_y += h + row_gap;
    }
    let (src, end) = figure_sources(content, x, top + box_h + 2.0, width, ts, groups);
    items.extend(src);
    (items, end - top)
}

/// Each key figure's source once, in small type from `top`; returns the items and
/// where they end.
pub fn figure_sources(
    content: &Content,
    x: f32,
    top: f32,
    width: f32,
    ts: &mut Typesetter,
    groups: &mut Groups,
) -> (Vec<Item>, f32) {
    let mut sources: Vec<&str> = Vec::new();
    for f in &content.key_figures {
        if !sources.contains(&f.source.value.as_str()) {
            sources.push(&f.source.value);
        }
    }
    let style = ParStyle::new(Family::Sans, 6.5, 8.0, MUTED, &content.lang.0);
    let words = super::words::words(&content.lang.0);
    let text = [Styled::plain(words.sentence(&format!(
        "{}{}",
        words.sources,
        sources.join(words.list_separator)
    )))];
    let set = ts.set(&text, &style, width);
    let tag = groups.tag(Role::Caption);
    let mut items = Vec::new();
    let end = place_lines(
        &mut items,
        &set.lines,
        x,
        top + style.size,
        style.leading,
        &tag,
    );
    (items, end - style.leading + 2.0)
}

/// Columns of the key-figures grid: rows stay full where they can (2×2, 3×2, 4×2) and a
/// narrow box keeps two columns, so a figure never gets less than about 35 mm.
pub fn grid_columns(count: usize, width: f32) -> usize {
    match count {
        _ if width < 80.0 * MM => count.clamp(1, 2),
        0..=3 => count.max(1),
        4 => 2,
        5 | 6 | 9 => 3,
        _ => 4,
    }
}

/// Fewest pixels per inch a layout enlarges a photo to on its own account (to fill
/// room); a photo the content places large may be printed softer, with a warning.
pub const MIN_ENLARGED_PPI: f32 = 150.0;

/// The width a photo `iw` pixels wide is printed at in a column `width` wide: the whole
/// column, unless that would enlarge it below [`MIN_ENLARGED_PPI`]; then the width at
/// which it stays that sharp (the photo is framed narrower, at the column's left edge).
pub fn sharp_width(width: f32, iw: u32) -> f32 {
    width.min(iw as f32 / MIN_ENLARGED_PPI * 72.0)
}

/// The frame of at most `max_w` × `max_h`, of that shape, that a `iw` × `ih` photo
/// covers at [`MIN_ENLARGED_PPI`] or more: the whole box, or the box scaled down.
pub fn sharp_frame(max_w: f32, max_h: f32, (iw, ih): (u32, u32)) -> (f32, f32) {
    let limit = |px: u32, pt: f32| px as f32 / MIN_ENLARGED_PPI * 72.0 / pt.max(f32::MIN_POSITIVE);
    let s = limit(iw, max_w).min(limit(ih, max_h)).min(1.0);
    (max_w * s, max_h * s)
}

/// Pixels per inch of a `iw` × `ih` photo cropped to cover a `w` × `h` frame.
pub fn cover_ppi(iw: u32, ih: u32, w: f32, h: f32) -> f32 {
    let scale = (w / iw.max(1) as f32).max(h / ih.max(1) as f32);
    72.0 / scale
}

/// The photo for a cover frame `w` × `h`: the one the content places `cover`, else
/// the one that is sharpest there (the first of equals), so a small photo does not
/// end up blown up across a page while a large one waits inside.
pub fn cover_choice(
    content: &Content,
    photos: &mut dyn PhotoSource,
    w: f32,
    h: f32,
) -> Result<Option<usize>, Error> {
    if let Some(i) = content
        .photos
        .iter()
        .position(|p| p.placement == crate::content::model::PhotoPlacement::Cover)
    {
        return Ok(Some(i));
    }
    let mut best: Option<(usize, f32)> = None;
    for i in 0..content.photos.len() {
        let (iw, ih) = photos.dimensions(i)?;
        let ppi = cover_ppi(iw, ih, w, h);
        if best.is_none_or(|(_, b)| ppi > b + 0.5) {
            best = Some((i, ppi));
        }
    }
    Ok(best.map(|(i, _)| i))
}

/// Of several texts sharing a fixed box, each with its type size, the one that takes
/// most of the room: the field an overflow message should name.
pub fn largest_field<'a>(fields: &[(&'a Sp<String>, f32)]) -> Option<&'a Sp<String>> {
    fields
        .iter()
        .max_by(|a, b| weight(a).total_cmp(&weight(b)))
        .map(|(f, _)| *f)
}

fn weight((field, size): &(&Sp<String>, f32)) -> f32 {
    field.value.chars().count() as f32 * size * size
}

/// Caption style for photos with exactly `leading` (a fraction of a body grid);
/// [`free_caption_style`] for a caption off the grid.
pub fn caption_style(lang: &str, leading: f32) -> ParStyle {
    ParStyle::on_grid(Family::Sans, 7.2, leading, MUTED, lang)
}

/// Caption style for photos off the body grid, with the script's leading.
pub fn free_caption_style(lang: &str) -> ParStyle {
    ParStyle::new(Family::Sans, 7.2, 9.0, MUTED, lang)
}

/// Caption and credit as one small paragraph: the caption in italic, then the credit.
/// A caption ending in a full-width mark (。) needs no space: the mark has its own.
pub fn caption_pieces(photo: &Photo) -> Vec<Styled> {
    let caption = &photo.caption.value;
    let gap = match caption.chars().next_back() {
        Some(c) if crate::text::has_white_after(c) => "",
        _ => " ",
    };
    vec![
        Styled {
            text: format!("{caption}{gap}"),
            italic: true,
            ..Default::default()
        },
        Styled::plain(photo.credit.value.clone()),
    ]
}

/// A photo cropped to `frame` around its focal point.
pub fn photo_item(
    photo: &Photo,
    index: usize,
    frame: Rect,
    photos: &mut dyn PhotoSource,
    groups: &mut Groups,
) -> Result<Item, Error> {
    let (iw, ih) = photos.dimensions(index)?;
    let image_rect = cover_crop(frame, iw, ih, photo.focus);
    let image = photos.prepare(index, image_rect.w, image_rect.h)?;
    Ok(Item {
        pos: Point {
            x: frame.x,
            y: frame.y,
        },
        content: C::Image(ImageItem {
            image,
            frame,
            image_rect,
        }),
        tag: groups.tag(Role::Figure(photo.alt.value.clone())),
    })
}

/// A photo of `width` whose frame plus caption take exactly `lines` grid lines of
/// `leading`, placed with its top at `top`. Returns the items.
#[allow(clippy::too_many_arguments)]
pub fn photo_block(
    photo: &Photo,
    index: usize,
    x: f32,
    top: f32,
    width: f32,
    height: f32,
    caption: &[Line],
    cap_style: &ParStyle,
    photos: &mut dyn PhotoSource,
    groups: &mut Groups,
) -> Result<Vec<Item>, Error> {
    let mut items = Vec::new();
    let frame = Rect::new(x, top, width, height);
    items.push(photo_item(photo, index, frame, photos, groups)?);
    let tag = groups.tag(Role::Caption);
    place_lines(
        &mut items,
        caption,
        x,
        top + height + 3.0 + cap_style.size,
        cap_style.leading,
        &tag,
    );
    Ok(items)
}

/// The donation QR code `size` wide (quiet zone included) from `top`, its dark
/// modules flush with the text's left edge `x`, and beside it, up to `right`, what it
/// is for in `caption`; returns the bottom of its dark modules. An address too long
/// for a scannable code at that size is an error saying where the code is (`place`).
#[allow(clippy::too_many_arguments)]
pub fn donation_qr(
    content: &Content,
    cta: &CallToAction,
    (x, top): (f32, f32),
    right: f32,
    size: f32,
    caption: &ParStyle,
    place: &str,
    out: &mut Setter,
) -> Result<f32, Error> {
    let url = &cta.donate_url.value;
    let module = qr::module_size_for(size, url).ok_or_else(|| {
        let d = Diagnostic::new(
            &content.source_path,
            Some(cta.donate_url.span.clone()),
            format!("the donation address is too long for a QR code that prints at a scannable size {place}"),
        );
        Error::input(
            d.with_help("use a shorter address (for example a short link to the donation page)"),
        )
    })?;
    // The white quiet zone sits in the margin or padding to the left.
    let quiet = qr::QUIET_ZONE as f32 * module;
    let at = Point {
        x: x - quiet,
        y: top,
    };
    let described = format!("{}{url}", super::words::words(&caption.lang).qr_code_to);
    let sym = qr::qr_code(url, at, module, INK, out.groups.fresh())
        .map_err(|e| Error::Internal(format!("QR code: {e}")))?
        .described(&described);
    out.items.extend(sym.items);
    // Beside the code, what it is for, centred on its dark modules.
    let cap_x = x - quiet + sym.size + 1.0 * MM;
    let text = [Styled::plain(
        super::words::words(&caption.lang).scan_to_give,
    )];
    let cap_w = (right - cap_x).max(10.0 * MM);
    let lines = out.ts.set(&text, caption, cap_w).lines.len() as f32;
    let y = top + sym.size / 2.0 - (lines * caption.leading) / 2.0 + caption.size * 0.8;
    out.text(&text, caption, Point { x: cap_x, y }, cap_w, Role::Caption);
    Ok(top + sym.size - quiet)
}

/// A filled rectangle behind other items (a band, a panel): decoration, not content.
pub fn filled_rect(x: f32, y: f32, w: f32, h: f32, fill: Rgb) -> Item {
    Item {
        pos: Point { x, y },
        content: C::Shape(Shape::Rect { w, h, fill }),
        tag: Tag::ARTIFACT,
    }
}

/// A light tint of a colour for panels behind text (`t` of the way to white).
pub fn tint_of(c: Rgb, t: f32) -> Rgb {
    tint(c, WHITE, t)
}

/// A hairline rule.
pub fn rule(x: f32, y: f32, width: f32) -> Item {
    Item {
        pos: Point { x, y },
        content: C::Shape(Shape::Line {
            dx: width,
            dy: 0.0,
            width: 0.5,
            color: tint(MUTED, WHITE, 0.5),
        }),
        tag: Tag::ARTIFACT,
    }
}

/// A footer: a hairline, then the pieces of the first side flush left and those of
/// the second flush right, each side with its tag (an artifact for running page
/// furniture), the last baseline at `baseline`. Returns the items and the rule's y.
#[allow(clippy::too_many_arguments)]
pub fn footer(
    [(left, left_tag), (right, right_tag)]: [(&[Styled], Tag); 2],
    x: f32,
    baseline: f32,
    width: f32,
    split: f32,
    lang: &str,
    ts: &mut Typesetter,
) -> (Vec<Item>, f32) {
    let style = ParStyle::new(Family::Sans, 7.5, 9.0, MUTED, lang);
    let mut items = Vec::new();
    let l = ts.set(left, &style, width * split);
    let mut rs = style.clone();
    rs.align = Align::Right;
    let r = ts.set(right, &rs, width * (1.0 - split));
    let n = l.lines.len().max(r.lines.len()).max(1) as f32;
    let first = baseline - (n - 1.0) * style.leading;
    let rule_y = first - style.size - 4.0;
    items.push(rule(x, rule_y, width));
    place_lines(&mut items, &l.lines, x, first, style.leading, &left_tag);
    place_lines(
        &mut items,
        &r.lines,
        x + width * split,
        first,
        style.leading,
        &right_tag,
    );
    (items, rule_y)
}

/// The organisation's website as a linked piece in the brand colour.
pub fn website_piece(content: &Content) -> Styled {
    Styled {
        text: content.organisation.website.value.clone(),
        link: Some(content.organisation.website.value.clone()),
        color: Some(content.organisation.brand_color.value),
        bold: true,
        ..Default::default()
    }
}

/// A page of `paper` without bleed: its margins, items and the text regions whose
/// fill is judged.
pub fn one_page(paper: Paper, margins: Rect, items: Vec<Item>, regions: Vec<Rect>) -> Page {
    let (width, height) = paper.size();
    Page {
        width,
        height,
        bleed: 0.0,
        margins,
        items,
        regions,
    }
}

/// A document of `pages` with the content's information and its outline, and no
/// warnings yet (the build adds them).
pub fn document(
    content: &Content,
    pages: Vec<Page>,
    outline: Vec<(String, usize, f32)>,
) -> Document {
    Document {
        pages,
        info: doc_info(content, outline),
        warnings: Vec::new(),
    }
}

/// Document information shared by every layout: title, author, subject, language.
pub fn doc_info(content: &Content, outline: Vec<(String, usize, f32)>) -> DocInfo {
    DocInfo {
        title: format!(
            "{} — {}",
            content.organisation.name.value, content.title.value
        ),
        author: content.organisation.name.value.clone(),
        subject: content.organisation.tagline.value.clone(),
        lang: content.lang.0.clone(),
        created: None,
        outline,
    }
}

/// A URL as people read it: without the scheme and trailing slash.
pub fn display_url(url: &str) -> String {
    url.trim_start_matches("https://")
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_string()
}
