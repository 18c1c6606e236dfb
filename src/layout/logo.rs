//! The organisation's logo as a component: drawn at its own shape inside a box, with
//! clear space around it that nothing else may enter.
//!
//! On a colour band or a photo the logo sits on a white plate whose padding is the
//! clear space, so a logo in the brand colour never disappears into the band.

use super::frame::{Content, Item, LogoItem, Rect, Tag};
use super::parts::filled_rect;
use crate::content::model::Rgb;
use crate::image::logo::Logo;

/// Clear space on every side of a logo, as a fraction of its drawn height.
///
/// A quarter of the height is the usual minimum of brand guidelines: enough that the
/// logo reads as a mark of its own, not part of the text beside it.
pub const CLEAR_SPACE: f32 = 0.25;

/// The largest size at the logo's own aspect that fits `max_w` × `max_h`.
pub fn fitted(logo: &Logo, max_w: f32, max_h: f32) -> (f32, f32) {
    let aspect = logo.aspect.max(f32::MIN_POSITIVE);
    let w = max_w.min(max_h * aspect);
    (w, w / aspect)
}

/// The clear space around a logo drawn `h` tall.
pub fn clear_space(h: f32) -> f32 {
    h * CLEAR_SPACE
}

/// The logo drawn in `rect` (already at its aspect), as page furniture: the name it
/// stands for is printed as text beside it, so the logo is not read out again.
pub fn item(logo: &Logo, rect: Rect) -> Item {
    Item {
        pos: super::frame::Point {
            x: rect.x,
            y: rect.y,
        },
        content: Content::Logo(LogoItem {
            graphic: logo.graphic.clone(),
            rect,
        }),
        tag: Tag::ARTIFACT,
    }
}

/// A logo fitted to `max_w` × `max_h` on a white plate padded by its clear space,
/// with the plate's top-left corner at the origin (the caller moves it into place).
/// Returns the items and the plate's size.
pub fn on_plate(logo: &Logo, max_w: f32, max_h: f32) -> (Vec<Item>, (f32, f32)) {
    let (w, h) = fitted(logo, max_w, max_h);
    let pad = clear_space(h);
    let plate = (w + 2.0 * pad, h + 2.0 * pad);
    let items = vec![
        filled_rect(0.0, 0.0, plate.0, plate.1, Rgb::new(255, 255, 255)),
        item(logo, Rect::new(pad, pad, w, h)),
    ];
    (items, plate)
}

/// Moves items by (`dx`, `dy`).
pub fn moved(items: Vec<Item>, dx: f32, dy: f32) -> impl Iterator<Item = Item> {
    items.into_iter().map(move |mut i| {
        i.translate(dx, dy);
        i
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::image::logo::{Graphic, Logo};
    use std::sync::Arc;

    fn logo(aspect: f32) -> Logo {
        let img = crate::image::PreparedImage {
            width: 10,
            height: 10,
            data: crate::image::ImageData::Raster {
                channels: 1,
                pixels: Arc::new(vec![0; 100]),
                alpha: None,
                icc: None,
            },
            orientation: 1,
            source: "logo.png".into(),
            warnings: Vec::new(),
        };
        Logo {
            aspect,
            graphic: Graphic::Raster(Arc::new(img)),
        }
    }

    #[test]
    fn a_wide_logo_is_limited_by_width_and_a_tall_one_by_height() {
        assert_eq!(fitted(&logo(4.0), 40.0, 20.0), (40.0, 10.0));
        assert_eq!(fitted(&logo(0.5), 40.0, 20.0), (10.0, 20.0));
    }

    #[test]
    fn the_plate_pads_the_logo_by_its_clear_space() {
        let (items, plate) = on_plate(&logo(2.0), 40.0, 20.0);
        assert_eq!(items[1].bounds(), Rect::new(5.0, 5.0, 40.0, 20.0));
        assert_eq!(plate, (50.0, 30.0));
        assert_eq!(items[0].bounds(), Rect::new(0.0, 0.0, 50.0, 30.0));
    }
}
