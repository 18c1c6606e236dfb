//! PDF writing: pages of frames in, bytes out. The only module that knows krilla.

mod image;

use std::collections::HashMap;
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

use crate::content::model::Rgb;
use crate::diag::Error;
use crate::image::PreparedImage;
use crate::layout::frame::{Content, Document, Page, Rect, Shape};
use crate::text::FontBook;

/// Writes a laid-out document to PDF bytes.
pub fn write(doc: &Document, fonts: &FontBook) -> Result<Vec<u8>, Error> {
    let settings = SerializeSettings {
        // Keeps files small and identical for identical input.
        compress_content_streams: true,
        ..SerializeSettings::default()
    };
    let mut kdoc = KDocument::new_with(settings);
    let mut font_cache: HashMap<u32, Font> = HashMap::new();
    let mut image_cache: HashMap<*const PreparedImage, krilla::image::Image> = HashMap::new();

    for page in &doc.pages {
        write_page(&mut kdoc, page, fonts, &mut font_cache, &mut image_cache)?;
    }

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
    kdoc.set_metadata(meta);

    if !doc.info.outline.is_empty() {
        let mut outline = Outline::new();
        for (title, page, y) in &doc.info.outline {
            let bleed = doc.pages.get(*page).map_or(0.0, |p| p.bleed);
            outline.push_child(OutlineNode::new(
                title.clone(),
                XyzDestination::new(*page, Point::from_xy(0.0, y + bleed)),
            ));
        }
        kdoc.set_outline(outline);
    }

    kdoc.finish()
        .map_err(|e| Error::Internal(format!("the PDF writer failed: {e:?}")))
}

fn write_page(
    kdoc: &mut KDocument,
    page: &Page,
    fonts: &FontBook,
    font_cache: &mut HashMap<u32, Font>,
    image_cache: &mut HashMap<*const PreparedImage, krilla::image::Image>,
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
            match &item.content {
                Content::Text(run) => {
                    let font = match font_cache.get(&run.font.0) {
                        Some(f) => f.clone(),
                        None => {
                            let e = fonts.get(run.font);
                            let f = Font::new(e.data.clone().into(), e.index).ok_or_else(|| {
                                Error::Internal(format!("font {} could not be read", e.name))
                            })?;
                            font_cache.insert(run.font.0, f.clone());
                            f
                        }
                    };
                    let glyphs: Vec<KrillaGlyph> = run
                        .glyphs
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
                        Point::from_xy(item.pos.x, item.pos.y),
                        &glyphs,
                        font,
                        &run.text,
                        run.size,
                        false,
                    );
                }
                Content::Shape(Shape::Rect { w, h, fill: c }) => {
                    if let Some(p) = rect_path(Rect::new(item.pos.x, item.pos.y, *w, *h)) {
                        s.set_stroke(None);
                        s.set_fill(Some(fill(*c)));
                        s.draw_path(&p);
                    }
                }
                Content::Shape(Shape::Line {
                    dx,
                    dy,
                    width,
                    color,
                }) => {
                    let mut pb = PathBuilder::new();
                    pb.move_to(item.pos.x, item.pos.y);
                    pb.line_to(item.pos.x + dx, item.pos.y + dy);
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
                Content::Image(img) => {
                    let key = Arc::as_ptr(&img.image);
                    let kimg = match image_cache.get(&key) {
                        Some(i) => i.clone(),
                        None => {
                            let i = image::to_krilla(&img.image).map_err(|e| {
                                Error::Internal(format!(
                                    "photo {} could not be embedded: {e}",
                                    img.image.source.display()
                                ))
                            })?;
                            image_cache.insert(key, i.clone());
                            i
                        }
                    };
                    let Some(clip) = rect_path(img.frame) else {
                        continue;
                    };
                    // A rotated JPEG is embedded as stored and turned here.
                    let o = img.image.orientation;
                    let (w, h) = (img.image_rect.w, img.image_rect.h);
                    let (sw, sh) = if (5..=8).contains(&o) { (h, w) } else { (w, h) };
                    let Some(size) = Size::from_wh(sw, sh) else {
                        continue;
                    };
                    s.push_clip_path(&clip, &FillRule::NonZero);
                    s.push_transform(&Transform::from_translate(
                        img.image_rect.x,
                        img.image_rect.y,
                    ));
                    s.push_transform(&orientation_transform(o, sw, sh));
                    s.draw_image(kimg, size);
                    s.pop();
                    s.pop();
                    s.pop();
                }
                Content::Link { w, h, url } => {
                    links.push((
                        Rect::new(item.pos.x + b, item.pos.y + b, *w, *h),
                        url.clone(),
                    ));
                }
            }
        }
        s.pop();
        finish_surface(s);
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

fn finish_surface(s: Surface<'_>) {
    s.finish();
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
