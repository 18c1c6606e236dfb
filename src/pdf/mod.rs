//! PDF writing: pages of frames in, bytes out. The only module that knows krilla.

mod extract;
mod image;
mod tags;

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
    let mut structure = tags::Structure::new(doc);
    for page in &doc.pages {
        resources.load(page)?;
        write_page(&mut kdoc, page, &resources, &mut structure)?;
    }
    kdoc.set_tag_tree(structure.tree());
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

fn write_page(
    kdoc: &mut KDocument,
    page: &Page,
    res: &Resources<'_>,
    structure: &mut tags::Structure<'_>,
) -> Result<(), Error> {
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
            if let Content::Link { w, h, url } = &item.content {
                let r = Rect::new(item.pos.x + b, item.pos.y + b, *w, *h);
                links.push((r, url.clone(), &item.tag));
                continue;
            }
            if matches!(item.content, Content::Space { .. }) {
                continue;
            }
            let id = s.start_tagged(structure.content_tag(item));
            match &item.content {
                Content::Text(run) => draw_text(&mut s, item.pos, run, res),
                Content::Shape(shape) => draw_shape(&mut s, item.pos, shape),
                Content::Image(img) => draw_image(&mut s, img, res),
                Content::Logo(logo) => draw_logo(&mut s, logo, res),
                Content::Space { .. } | Content::Link { .. } => {}
            }
            s.end_tagged();
            structure.add(&item.tag, id);
        }
        s.pop();
        s.finish();
    }
    for (r, url, tag) in links {
        let Some(rect) = KRect::from_xywh(r.x, r.y, r.w, r.h) else {
            continue;
        };
        let link = Annotation::new_link(
            LinkAnnotation::new(rect, Target::Action(LinkAction::new(url.clone()).into())),
            Some(format!("Link to {url}")),
        );
        if structure.has_element(tag) {
            let id = kpage.add_tagged_annotation(link);
            structure.add_link(tag, id);
        } else {
            kpage.add_annotation(link);
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
    let glyphs: Vec<KrillaGlyph> = extract::in_extraction_order(&run.glyphs, &run.text)
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
