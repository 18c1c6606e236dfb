//! Layout: blocks in, pages of positioned [`frame::Item`]s out.

pub mod brochure;
pub mod chart;
pub mod factsheet;
pub mod fit;
pub mod flow;
pub mod frame;
pub mod letter;
pub mod logo;
pub mod measure;
pub mod parts;
pub mod qr;
pub mod trifold;
pub mod words;

use std::sync::Arc;

use crate::content::model::Rgb;
use crate::diag::Error;
use crate::image::PreparedImage;
use crate::image::logo::Logo;
use frame::{MM, Rect};

/// Paper sizes we lay out for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Paper {
    /// ISO A4, 210 × 297 mm.
    #[default]
    A4,
    /// US Letter, 8.5 × 11 in.
    Letter,
}

impl Paper {
    /// Width and height in points.
    pub fn size(self) -> (f32, f32) {
        match self {
            Paper::A4 => (210.0 * MM, 297.0 * MM),
            Paper::Letter => (8.5 * 72.0, 11.0 * 72.0),
        }
    }

    /// Name as the user types it.
    pub fn name(self) -> &'static str {
        match self {
            Paper::A4 => "A4",
            Paper::Letter => "US Letter",
        }
    }
}

/// Where layout gets photos: their size first (to choose a crop), then the prepared
/// image for the size it will be shown at. The build keeps a cache behind this.
pub trait PhotoSource {
    /// Display size in pixels (after EXIF orientation) of photo `index`.
    fn dimensions(&mut self, index: usize) -> Result<(u32, u32), Error>;
    /// The photo prepared to be drawn `width_pt` × `height_pt`.
    fn prepare(
        &mut self,
        index: usize,
        width_pt: f32,
        height_pt: f32,
    ) -> Result<Arc<PreparedImage>, Error>;
    /// The organisation's logo, if the content has one.
    fn logo(&mut self) -> Result<Option<Logo>, Error>;
}

/// Where to draw a `iw` × `ih` image so that it covers `frame` without distortion,
/// keeping the focal point (fractions of width and height) as central as the crop allows.
pub fn cover_crop(frame: Rect, iw: u32, ih: u32, focus: (f32, f32)) -> Rect {
    let (iw, ih) = (iw.max(1) as f32, ih.max(1) as f32);
    let s = (frame.w / iw).max(frame.h / ih);
    let (w, h) = (iw * s, ih * s);
    // Rounding can leave w a hair under frame.w: clamp to a range that is never empty.
    let x = (frame.w / 2.0 - focus.0 * w).clamp((frame.w - w).min(0.0), 0.0);
    let y = (frame.h / 2.0 - focus.1 * h).clamp((frame.h - h).min(0.0), 0.0);
    Rect::new(frame.x + x, frame.y + y, w, h)
}

/// Mixes `a` towards `b` by `t` (0 gives `a`, 1 gives `b`).
pub fn tint(a: Rgb, b: Rgb, t: f32) -> Rgb {
    let m = |x: u8, y: u8| (x as f32 + (y as f32 - x as f32) * t).round() as u8;
    Rgb::new(m(a.r, b.r), m(a.g, b.g), m(a.b, b.b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_photos_are_framed_where_they_stay_sharp() {
        // 451 px at 150 ppi is 216.5 pt: narrower than an 84 mm column.
        let w = parts::sharp_width(84.0 * MM, 451);
        assert!((w - 451.0 / 150.0 * 72.0).abs() < 0.01);
        assert_eq!(parts::sharp_width(84.0 * MM, 3000), 84.0 * MM);
        for (iw, ih) in [(512, 512), (451, 300), (300, 900), (5312, 2988)] {
            let (w, h) = parts::sharp_frame(280.0, 330.0, (iw, ih));
            assert!(w <= 280.0 && h <= 330.0);
            assert!((w / h - 280.0 / 330.0).abs() < 1e-3, "the box's shape");
            assert!(parts::cover_ppi(iw, ih, w, h) >= parts::MIN_ENLARGED_PPI - 0.01);
        }
        assert_eq!(
            parts::sharp_frame(280.0, 330.0, (5312, 2988)),
            (280.0, 330.0)
        );
    }

    #[test]
    fn cover_crop_covers_and_keeps_aspect() {
        let f = Rect::new(10.0, 20.0, 200.0, 100.0);
        for (iw, ih, focus) in [
            (5312, 2988, (0.5, 0.5)),
            (595, 842, (0.5, 0.5)),
            (400, 400, (0.5, 0.5)),
            (1000, 200, (0.9, 0.1)),
            (300, 900, (0.0, 1.0)),
        ] {
            let r = cover_crop(f, iw, ih, focus);
            assert!(r.contains(&f, 0.01), "{r:?} must cover {f:?}");
            assert!((r.w / r.h - iw as f32 / ih as f32).abs() < 1e-3);
        }
    }
}
