//! PDF writing: pages of frames in, bytes out. The only module that knows krilla.

mod image;

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::sync::Arc;

use krilla::Document as KDocument;
use krilla::SerializeSettings;
use krilla::action::LinkAction;
use krilla::annotation::{Annotation, LinkAnnotation, Target};
use krilla::color::rgb;
use krilla::destination::XyzDestination;
use krilla::geom::{Path, PathBuilder, Point, Rect as KRect, Size, Transform};
use krilla::metadata::{DateTime, Metadata};
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::{Fill, FillRule, Stroke};
use krilla::surface::Surface;
use krilla::text::{Font, GlyphId, KrillaGlyph};
use krilla_svg::{SurfaceExt, SvgSettings};

use crate::content::model::Rgb;
use crate::diag::{Diagnostic, Error};
use crate::image::PreparedImage;
use crate::image::logo::Graphic;
use crate::layout::frame::{
    Content, Document, FontId, ImageItem, LogoItem, Page, Point as FPoint, Rect, Shape, TextRun,
};
use crate::text::FontBook;

/// Writes a laid-out document to PDF bytes.
///
/// Every font and photo a page uses is made ready before the page is started, so a
/// failure stops between pages, never in the middle of drawing one.
pub fn write(doc: &Document, fonts: &FontBook) -> Result<Vec<u8>, Error> {
    let settings = SerializeSettings {
        // Keeps files small and identical for identical input.
        compress_content_streams: true,
        ..SerializeSettings::default()
    };
    let mut kdoc = KDocument::new_with(settings);
    let mut resources = Resources::new(fonts);
    for page in &doc.pages {
        resources.load(page)?;
        write_page(&mut kdoc, page, &resources)?;
    }
    kdoc.set_metadata(metadata(doc));
    if !doc.info.outline.is_empty() {
        kdoc.set_outline(outline(doc));
    }
    kdoc.finish().map_err(|e| resources.explain(&e))
}

/// The document information dictionary and XMP metadata.
fn metadata(doc: &Document) -> Metadata {
    let mut meta = Metadata::new()
        .title(doc.info.title.clone())
        .authors(vec![doc.info.author.clone()])
        .language(doc.info.lang.clone())
        .creator(format!("brochure {}", env!("CARGO_PKG_VERSION")))
        .producer(format!("brochure {}", env!("CARGO_PKG_VERSION")));
    if !doc.info.subject.is_empty() {
        meta = meta.description(doc.info.subject.clone());
    }
    if let Some(secs) = doc.info.created {
        meta = meta.creation_date(datetime(secs));
    }
    meta
}

/// The PDF outline (bookmarks) from the document's outline entries.
fn outline(doc: &Document) -> Outline {
    let mut outline = Outline::new();
    for (title, page, y) in &doc.info.outline {
        let bleed = doc.pages.get(*page).map_or(0.0, |p| p.bleed);
        outline.push_child(OutlineNode::new(
            title.clone(),
            XyzDestination::new(*page, Point::from_xy(0.0, y + bleed)),
        ));
    }
    outline
}

/// Fonts and photos in krilla's form, each made once per document.
struct Resources<'a> {
    book: &'a FontBook,
    fonts: HashMap<u32, Font>,
    images: HashMap<*const PreparedImage, krilla::image::Image>,
}

impl<'a> Resources<'a> {
    fn new(book: &'a FontBook) -> Self {
        Resources {
            book,
            fonts: HashMap::new(),
            images: HashMap::new(),
        }
    }

    /// Makes ready every font and photo `page` uses that is not ready yet.
    fn load(&mut self, page: &Page) -> Result<(), Error> {
        for item in &page.items {
            match &item.content {
                Content::Text(run) if !self.fonts.contains_key(&run.font.0) => {
                    let e = self.book.get(run.font).ok_or_else(|| {
                        Error::Internal(format!("font {} is not in the font book", run.font.0))
                    })?;
                    let f = Font::new(e.data.clone().into(), e.index)
                        .ok_or_else(|| font_error(&e.name, "it cannot be read"))?;
                    self.fonts.insert(run.font.0, f);
                }
                Content::Image(img) => self.load_image(&img.image)?,
                Content::Logo(LogoItem {
                    graphic: Graphic::Raster(img),
                    ..
                }) => self.load_image(img)?,
                _ => {}
            }
        }
        Ok(())
    }

    fn load_image(&mut self, img: &Arc<PreparedImage>) -> Result<(), Error> {
        if let Entry::Vacant(slot) = self.images.entry(Arc::as_ptr(img)) {
            let i = image::to_krilla(img).map_err(|e| {
                Error::input(
                    Diagnostic::new(
                        &img.source,
                        None,
                        format!(
                            "picture {} cannot be embedded in a PDF: {e}",
                            img.source.display()
                        ),
                    )
                    .with_help(
                        "open it in an image editor and save it again as a standard 8-bit \
                         RGB JPEG or PNG",
                    ),
                )
            })?;
            slot.insert(i);
        }
        Ok(())
    }

    /// What a failure of the PDF writer means for the user: a font that cannot be
    /// subset is a problem with that font file; anything else is a bug.
    fn explain(&self, e: &krilla::error::KrillaError) -> Error {
        if let krilla::error::KrillaError::Font(font, message) = e {
            let name = self
                .fonts
                .iter()
                .find(|(_, f)| *f == font)
                .and_then(|(id, _)| self.book.get(FontId(*id)))
                .map_or("a font", |e| e.name.as_str());
            return font_error(name, message);
        }
        Error::Internal(format!("the PDF writer failed: {e:?}"))
    }
}

/// A font file that cannot go into the PDF.
fn font_error(name: &str, why: &str) -> Error {
    Error::input(
        Diagnostic::new(
            name,
            None,
            format!("font {name} cannot be embedded in the PDF: {why}"),
        )
        .with_help("use another TrueType or OpenType font file, or remove it from `fonts:`"),
    )
}

fn write_page(kdoc: &mut KDocument, page: &Page, res: &Resources<'_>) -> Result<(), Error> {
    let b = page.bleed;
    let (w, h) = (page.width + 2.0 * b, page.height + 2.0 * b);
    let mut settings = PageSettings::from_wh(w, h)
        .ok_or_else(|| Error::Internal(format!("invalid page size {w} x {h}")))?;
    if b > 0.0 {
        let trim = KRect::from_xywh(b, b, page.width, page.height);
        settings = settings
            .with_trim_box(trim)
            .with_bleed_box(KRect::from_xywh(0.0, 0.0, w, h));
    }
    let mut kpage = kdoc.start_page_with(settings);
    let mut links = Vec::new();
    {
        let mut s = kpage.surface();
        s.push_transform(&Transform::from_translate(b, b));
        for item in &page.items {
            match &item.content {
                Content::Text(run) => draw_text(&mut s, item.pos, run, res),
                Content::Shape(shape) => draw_shape(&mut s, item.pos, shape),
                Content::Image(img) => draw_image(&mut s, img, res),
                Content::Logo(logo) => draw_logo(&mut s, logo, res),
                Content::Space { .. } => {}
                Content::Link { w, h, url } => links.push((
                    Rect::new(item.pos.x + b, item.pos.y + b, *w, *h),
                    url.clone(),
                )),
            }
        }
        s.pop();
        s.finish();
    }
    for (r, url) in links {
        if let Some(rect) = KRect::from_xywh(r.x, r.y, r.w, r.h) {
            kpage.add_annotation(Annotation::new_link(
                LinkAnnotation::new(rect, Target::Action(LinkAction::new(url.clone()).into())),
                Some(format!("Link to {url}")),
            ));
        }
    }
    kpage.finish();
    Ok(())
}

/// Draws one glyph run; its font was made ready by [`Resources::load`].
fn draw_text(s: &mut Surface<'_>, pos: FPoint, run: &TextRun, res: &Resources<'_>) {
    let Some(font) = res.fonts.get(&run.font.0) else {
        return;
    };
    let glyphs: Vec<KrillaGlyph> = in_extraction_order(&run.glyphs, &run.text)
        .iter()
        .map(|g| KrillaGlyph {
            glyph_id: GlyphId::new(g.id as u32),
            text_range: g.text_range.clone(),
            x_advance: g.advance / run.size,
            x_offset: g.x_offset / run.size,
            y_offset: g.y_offset / run.size,
            y_advance: 0.0,
            location: None,
        })
        .collect();
    s.set_fill(Some(fill(run.color)));
    s.draw_glyphs(
        Point::from_xy(pos.x, pos.y),
        &glyphs,
        font.clone(),
        &run.text,
        run.size,
        false,
    );
}

/// The glyphs prepared for text extraction, every glyph drawn exactly where it was.
///
/// Glyphs that share a text range are written inside one /ActualText span, and text
/// extraction (poppler) takes the span to begin where its first glyph does and end
/// where its last glyph's own width ends; a gap of a tenth of an em to the next glyph
/// reads as a space.
///
/// - Marks of zero width, such as a Khmer subscript consonant, sit inside their base.
///   As the last glyph of a span the span seemed to end at the mark, and the gap
///   became a space inside the word ("ម្នា ក់"). So the glyph that starts furthest left
///   goes first, the one that ends furthest right last, and marks between.
/// - A run of Khmer between spaces (a phrase: Khmer has no spaces between words) is one
///   span with its text, so the space that justification puts between its clusters is
///   never read as a space.
/// - Elsewhere, within a cluster the glyphs with width carry its text and marks none.
fn in_extraction_order(
    glyphs: &[crate::layout::frame::Glyph],
    text: &str,
) -> Vec<crate::layout::frame::Glyph> {
    let khmer = |g: &crate::layout::frame::Glyph| {
        let t = text.get(g.text_range.clone()).unwrap_or("");
        // Zero-width joiners and spaces belong to the phrase they sit in.
        !t.is_empty()
            && t.chars()
                .all(|c| crate::text::is_khmer_char(c) || matches!(c, '\u{200B}'..='\u{200D}'))
    };
    let mut out = Vec::with_capacity(glyphs.len());
    let mut pen = 0.0;
    let same_span = |a: &crate::layout::frame::Glyph, b: &crate::layout::frame::Glyph| {
        a.text_range == b.text_range || (khmer(a) && khmer(b))
    };
    for span in glyphs.chunk_by(same_span) {
        let start = pen;
        let mut placed: Vec<(f32, bool, &crate::layout::frame::Glyph)> = Vec::new();
        for g in span {
            placed.push((pen + g.x_offset, g.advance.abs() < 1e-4, g));
            pen += g.advance;
        }
        let range = span.first().map_or(0, |g| g.text_range.start)
            ..span.last().map_or(0, |g| g.text_range.end);
        let phrase = span.len() > 1 && span.iter().any(|g| g.text_range != range);
        let has_base = placed.iter().any(|(_, mark, _)| !mark);
        if span.len() > 1 && has_base {
            // Glyphs with width by where they are drawn, then the marks, which then
            // move to just after the first glyph.
            placed.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.total_cmp(&b.0)));
            let marks = placed.iter().filter(|p| p.1).count();
            if let Some(rest) = placed.get_mut(1..) {
                rest.rotate_right(marks);
            }
        }
        let mut at = start;
        for (x, mark, g) in placed {
            let text_range = if phrase {
                range.clone()
            } else if mark && has_base {
                g.text_range.end..g.text_range.end
            } else {
                g.text_range.clone()
            };
            out.push(crate::layout::frame::Glyph {
                x_offset: x - at,
                text_range,
                ..g.clone()
            });
            at += g.advance;
        }
    }
    out
}

/// Draws a filled rectangle or a stroked line.
fn draw_shape(s: &mut Surface<'_>, pos: FPoint, shape: &Shape) {
    match shape {
        Shape::Rect { w, h, fill: c } => {
            if let Some(p) = rect_path(Rect::new(pos.x, pos.y, *w, *h)) {
                s.set_stroke(None);
                s.set_fill(Some(fill(*c)));
                s.draw_path(&p);
            }
        }
        Shape::Line {
            dx,
            dy,
            width,
            color,
        } => {
            let mut pb = PathBuilder::new();
            pb.move_to(pos.x, pos.y);
            pb.line_to(pos.x + dx, pos.y + dy);
            if let Some(p) = pb.finish() {
                s.set_fill(None);
                s.set_stroke(Some(Stroke {
                    paint: rgb_color(*color).into(),
                    width: *width,
                    ..Stroke::default()
                }));
                s.draw_path(&p);
                s.set_stroke(None);
            }
        }
    }
}

/// Draws a photo clipped to its frame, turned by its EXIF orientation. Every push is
/// popped on every path.
fn draw_image(s: &mut Surface<'_>, img: &ImageItem, res: &Resources<'_>) {
    let Some(kimg) = res.images.get(&Arc::as_ptr(&img.image)) else {
        return;
    };
    let Some(clip) = rect_path(img.frame) else {
        return;
    };
    // A rotated JPEG is embedded as stored and turned here.
    let o = img.image.orientation;
    let (w, h) = (img.image_rect.w, img.image_rect.h);
    let (sw, sh) = if (5..=8).contains(&o) { (h, w) } else { (w, h) };
    let Some(size) = Size::from_wh(sw, sh) else {
        return;
    };
    s.push_clip_path(&clip, &FillRule::NonZero);
    s.push_transform(&Transform::from_translate(
        img.image_rect.x,
        img.image_rect.y,
    ));
    s.push_transform(&orientation_transform(o, sw, sh));
    s.draw_image(kimg.clone(), size);
    s.pop();
    s.pop();
    s.pop();
}

/// Draws a logo: a drawing as vector paths (its text, if any, as outlines, so the
/// organisation's name is not extracted twice), a picture as a picture.
fn draw_logo(s: &mut Surface<'_>, logo: &LogoItem, res: &Resources<'_>) {
    let r = logo.rect;
    let Some(size) = Size::from_wh(r.w, r.h) else {
        return;
    };
    s.push_transform(&Transform::from_translate(r.x, r.y));
    match &logo.graphic {
        Graphic::Vector(v) => {
            let settings = SvgSettings {
                embed_text: false,
                ..SvgSettings::default()
            };
            s.draw_svg(v.tree(), size, settings);
        }
        Graphic::Raster(img) => {
            if let Some(kimg) = res.images.get(&Arc::as_ptr(img)) {
                s.draw_image(kimg.clone(), size);
            }
        }
    }
    s.pop();
}

/// Maps an image drawn as stored (`sw` × `sh`, y down) to its display orientation,
/// for the EXIF orientations 1–8.
fn orientation_transform(o: u8, sw: f32, sh: f32) -> Transform {
    // u = sx*x + kx*y + tx; v = ky*x + sy*y + ty
    let (sx, ky, kx, sy, tx, ty) = match o {
        2 => (-1.0, 0.0, 0.0, 1.0, sw, 0.0),
        3 => (-1.0, 0.0, 0.0, -1.0, sw, sh),
        4 => (1.0, 0.0, 0.0, -1.0, 0.0, sh),
        5 => (0.0, 1.0, 1.0, 0.0, 0.0, 0.0),
        6 => (0.0, 1.0, -1.0, 0.0, sh, 0.0),
        7 => (0.0, -1.0, -1.0, 0.0, sh, sw),
        8 => (0.0, -1.0, 1.0, 0.0, 0.0, sw),
        _ => (1.0, 0.0, 0.0, 1.0, 0.0, 0.0),
    };
    Transform::from_row(sx, ky, kx, sy, tx, ty)
}

fn rect_path(r: Rect) -> Option<Path> {
    let mut pb = PathBuilder::new();
    pb.push_rect(KRect::from_xywh(r.x, r.y, r.w, r.h)?);
    pb.finish()
}

fn rgb_color(c: Rgb) -> rgb::Color {
    rgb::Color::new(c.r, c.g, c.b)
}

fn fill(c: Rgb) -> Fill {
    Fill {
        paint: rgb_color(c).into(),
        ..Fill::default()
    }
}

/// Converts seconds since the Unix epoch to a UTC date (civil-from-days algorithm).
fn datetime(secs: i64) -> DateTime {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    DateTime::new(year.clamp(0, 9999) as u16)
        .month(month as u8)
        .day(day as u8)
        .hour((rem / 3600) as u8)
        .minute((rem % 3600 / 60) as u8)
        .second((rem % 60) as u8)
        .utc_offset_hour(0)
        .utc_offset_minute(0)
}

#[cfg(test)]
mod tests {
    use crate::layout::frame::Glyph;

    fn glyph(id: u16, advance: f32, x_offset: f32, text: std::ops::Range<usize>) -> Glyph {
        Glyph {
            id,
            advance,
            x_offset,
            y_offset: 0.0,
            text_range: text,
        }
    }

    /// Where each glyph is drawn: pen position plus offset.
    fn drawn(glyphs: &[Glyph]) -> Vec<(u16, f32)> {
        let mut pen = 0.0;
        let mut out: Vec<(u16, f32)> = glyphs
            .iter()
            .map(|g| {
                let at = (g.id, pen + g.x_offset);
                pen += g.advance;
                at
            })
            .collect();
        out.sort_by_key(|g| g.0);
        out
    }

    /// A Khmer cluster as shaped: a base-and-vowel ligature, then a subscript moved back
    /// under it; then the next letter.
    #[test]
    fn marks_follow_their_base_without_text_and_nothing_moves() {
        let shaped = [
            glyph(1, 12.0, 0.0, 0..12),
            glyph(2, 0.0, -4.6, 0..12),
            glyph(3, 7.0, 0.0, 12..15),
        ];
        let out = super::in_extraction_order(&shaped, "abcdefghijklmno");
        assert_eq!(drawn(&out), drawn(&shaped));
        assert_eq!(out.iter().map(|g| g.id).collect::<Vec<_>>(), [1, 2, 3]);
        // The base carries the cluster's text; the mark carries none.
        assert_eq!(out[0].text_range, 0..12);
        assert_eq!(out[1].text_range, 12..12);
        assert_eq!(out[2].text_range, 12..15);
    }

    /// A mark the shaper put first goes after the base, which then starts the cluster.
    #[test]
    fn a_leading_mark_moves_behind_the_glyph_with_width() {
        let shaped = [glyph(5, 0.0, 3.0, 0..6), glyph(6, 9.0, 0.0, 0..6)];
        let out = super::in_extraction_order(&shaped, "abcdef");
        assert_eq!(drawn(&out), drawn(&shaped));
        assert_eq!(out.iter().map(|g| g.id).collect::<Vec<_>>(), [6, 5]);
        assert_eq!(out[0].text_range, 0..6);
        assert_eq!(out[1].text_range, 6..6);
        // Two glyphs with width (a pre-base vowel and its consonant) keep the text
        // together, in the order they are drawn.
        let shaped = [glyph(7, 5.0, 0.0, 0..6), glyph(8, 8.0, 0.0, 0..6)];
        let out = super::in_extraction_order(&shaped, "abcdef");
        assert_eq!(out, shaped);
    }

    /// A Khmer phrase (no space in it) becomes one piece of text, whatever the space
    /// justification opened between its clusters; the space after it stays its own.
    #[test]
    fn a_khmer_phrase_is_one_piece_of_text() {
        let text = "ម្នាក់ ក";
        let (a, b, c) = ("ម្នា".len(), "ម្នាក់".len(), "ម្នាក់ ".len());
        let shaped = [
            glyph(1, 12.0, 0.0, 0..a),
            glyph(2, 0.0, -4.6, 0..a),
            glyph(3, 7.5, 0.0, a..b),
            glyph(4, 0.0, -2.0, a..b),
            glyph(5, 3.0, 0.0, b..c),
            glyph(6, 7.0, 0.0, c..text.len()),
        ];
        let out = super::in_extraction_order(&shaped, text);
        assert_eq!(drawn(&out), drawn(&shaped));
        let ranges: Vec<_> = out.iter().map(|g| g.text_range.clone()).collect();
        assert_eq!(ranges[..4], [0..b, 0..b, 0..b, 0..b]);
        assert_eq!(ranges[4..], [b..c, c..text.len()]);
        // The phrase starts with its leftmost glyph and ends with the one that ends
        // furthest right.
        assert_eq!(out[0].id, 1);
        assert_eq!(out[3].id, 3);
    }

    /// Where the stored image's corners land for each EXIF orientation.
    #[test]
    fn orientations_map_corners_into_the_display_box() {
        let (sw, sh) = (30.0f32, 20.0f32);
        // (orientation, where stored top-left goes, where stored top-right goes)
        let cases = [
            (1, (0.0, 0.0), (sw, 0.0)),
            (2, (sw, 0.0), (0.0, 0.0)),
            (3, (sw, sh), (0.0, sh)),
            (4, (0.0, sh), (sw, sh)),
            (5, (0.0, 0.0), (0.0, sw)),
            (6, (sh, 0.0), (sh, sw)),
            (7, (sh, sw), (sh, 0.0)),
            (8, (0.0, sw), (0.0, 0.0)),
        ];
        for (o, tl, tr) in cases {
            let t = super::orientation_transform(o, sw, sh);
            let map = |x: f32, y: f32| {
                (
                    t.sx() * x + t.kx() * y + t.tx(),
                    t.ky() * x + t.sy() * y + t.ty(),
                )
            };
            assert_eq!(map(0.0, 0.0), tl, "orientation {o}: top-left");
            assert_eq!(map(sw, 0.0), tr, "orientation {o}: top-right");
            // Every corner stays inside the display box.
            let (dw, dh) = if o >= 5 { (sh, sw) } else { (sw, sh) };
            for (x, y) in [(0.0, 0.0), (sw, 0.0), (0.0, sh), (sw, sh)] {
                let (u, v) = map(x, y);
                assert!(
                    (0.0..=dw).contains(&u) && (0.0..=dh).contains(&v),
                    "{o}: {u},{v}"
                );
            }
        }
    }

    #[test]
    fn epoch_to_date() {
        // 2026-11-25T16:18:12Z
        let d = super::datetime(1_795_623_492);
        let s = format!("{d:?}");
        assert!(s.contains("2026"), "{s}");
    }
}
