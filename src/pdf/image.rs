//! Hands prepared photos to krilla: JPEGs as DCT passthrough, rasters as
//! Flate-compressed samples with an optional soft mask.
//!
//! What krilla 0.8 does with a JPEG (checked in its `graphics/image.rs` and
//! `stream.rs`): it reads the headers only for size, colour space and ICC profile,
//! then writes the bytes unchanged as a `/DCTDecode` stream. For 4-component
//! (CMYK or YCCK) JPEGs it always writes `/Decode [1 0 1 0 1 0 1 0]`, which is right
//! for Adobe-style inverted CMYK — the only kind `crate::image::prepare` lets
//! through.

use std::hash::{Hash, Hasher};
use std::sync::Arc;

use krilla::Data;
use krilla::image::{BitsPerComponent, CustomImage, Image, ImageColorspace};

use crate::image::{ImageData, PreparedImage};

/// Converts a prepared photo into a krilla image, with interpolation on.
///
/// Interpolation smooths photos that end up enlarged below their native resolution.
/// PDF/A forbids it; use [`to_krilla_with`] with `false` for PDF/A output.
pub(crate) fn to_krilla(img: &PreparedImage) -> Result<Image, String> {
    to_krilla_with(img, true)
}

/// Converts a prepared photo into a krilla image, choosing whether viewers may
/// interpolate it.
///
/// The result is cheap to clone; build it once per photo and reuse it across pages
/// and documents, as krilla compresses raster data only once per image.
pub(crate) fn to_krilla_with(img: &PreparedImage, interpolate: bool) -> Result<Image, String> {
    match &img.data {
        ImageData::Jpeg { bytes, .. } => {
            let image = Image::from_jpeg(Data::from(Arc::clone(bytes)), interpolate)?;
            // A mismatch would stretch the photo; it means the prepared size is wrong.
            // Turned photos are stored with width and height swapped.
            let stored = if (5..=8).contains(&img.orientation) {
                (img.height, img.width)
            } else {
                (img.width, img.height)
            };
            if image.size() != stored {
                return Err(format!(
                    "JPEG is {} × {} pixels but was prepared as {} × {}",
                    image.size().0,
                    image.size().1,
                    img.width,
                    img.height
                ));
            }
            Ok(image)
        }
        ImageData::Raster {
            channels,
            pixels,
            alpha,
            icc,
        } => {
            let raster = Raster::new(
                img.width,
                img.height,
                *channels,
                pixels,
                alpha.as_ref(),
                icc.as_ref(),
            )?;
            Image::from_custom(raster, interpolate)
        }
    }
}

/// 8-bit gray or RGB samples with optional alpha, in the shape krilla's
/// [`CustomImage`] wants. Holds the shared buffers, so cloning is cheap.
#[derive(Clone)]
struct Raster {
    /// Width in pixels.
    width: u32,
    /// Height in pixels.
    height: u32,
    /// Gray or RGB.
    space: ImageColorspace,
    /// Interleaved colour samples.
    pixels: Arc<Vec<u8>>,
    /// One alpha sample a pixel, if not opaque.
    alpha: Option<Arc<Vec<u8>>>,
    /// ICC profile matching `space`.
    icc: Option<Arc<Vec<u8>>>,
}

impl Raster {
    /// Checks the buffer sizes up front: krilla asserts them later, on a worker,
    /// where a mismatch would be a panic instead of an error.
    fn new(
        width: u32,
        height: u32,
        channels: u8,
        pixels: &Arc<Vec<u8>>,
        alpha: Option<&Arc<Vec<u8>>>,
        icc: Option<&Arc<Vec<u8>>>,
    ) -> Result<Raster, String> {
        let space = match channels {
            1 => ImageColorspace::Luma,
            3 => ImageColorspace::Rgb,
            n => return Err(format!("raster with {n} channels; expected 1 or 3")),
        };
        let area = u64::from(width) * u64::from(height);
        if pixels.len() as u64 != area * u64::from(channels) {
            return Err(format!(
                "raster has {} bytes, expected {width} × {height} × {channels}",
                pixels.len()
            ));
        }
        if let Some(a) = alpha
            && a.len() as u64 != area
        {
            return Err(format!(
                "soft mask has {} bytes, expected {width} × {height}",
                a.len()
            ));
        }
        Ok(Raster {
            width,
            height,
            space,
            pixels: Arc::clone(pixels),
            alpha: alpha.cloned(),
            icc: icc.cloned(),
        })
    }
}

impl Hash for Raster {
    // krilla identifies images by this hash to store each one once per PDF, so it
    // must cover the content, not the buffer addresses.
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.width.hash(state);
        self.height.hash(state);
        self.space.hash(state);
        self.pixels.hash(state);
        self.alpha.hash(state);
        self.icc.hash(state);
    }
}

impl CustomImage for Raster {
    fn color_channel(&self) -> &[u8] {
        &self.pixels
    }

    fn alpha_channel(&self) -> Option<&[u8]> {
        self.alpha.as_deref().map(Vec::as_slice)
    }

    fn bits_per_component(&self) -> BitsPerComponent {
        BitsPerComponent::Eight
    }

    fn size(&self) -> (u32, u32) {
        (self.width, self.height)
    }

    fn icc_profile(&self) -> Option<&[u8]> {
        self.icc.as_deref().map(Vec::as_slice)
    }

    fn color_space(&self) -> ImageColorspace {
        self.space
    }
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};
    use std::sync::OnceLock;

    use krilla::configure::{Archival, ConfigurationBuilder, Validator};
    use krilla::geom::Size;
    use krilla::metadata::{DateTime, Metadata};
    use krilla::page::PageSettings;
    use krilla::{Document, SerializeSettings};
    use lopdf::Object;

    use super::*;
    use crate::image::{Placement, prepare};

    const PHOTOS: [&str; 8] = [
        "paint-brushes.jpg",
        "dogs-at-window-exif-orientation-6.jpg",
        "mountains-picos-de-europa-cmyk.jpg",
        "cat-chelsea-rgba-cutout.png",
        "cameraman-grayscale.png",
        "astronaut-eileen-collins.png",
        "dandelions-seeding-5312x2988.jpg",
        "retina-fundus.jpg",
    ];

    fn photo(name: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("assets/photos")
            .join(name)
    }

    /// Prepares a photo as if printed `width_mm` wide at up to 300 ppi.
    fn prepared(name: &str, width_mm: f32) -> PreparedImage {
        let path = photo(name);
        let (w, h) = crate::image::probe(&path).unwrap();
        let width_pt = width_mm / 25.4 * 72.0;
        let placement = Placement {
            width_pt,
            height_pt: width_pt * h as f32 / w as f32,
            max_ppi: 300.0,
        };
        prepare(&path, Some(placement)).unwrap()
    }

    /// Draws each image on its own A4 page and returns the finished PDF.
    fn render(images: &[PreparedImage], settings: SerializeSettings, interpolate: bool) -> Vec<u8> {
        try_render(images, settings, interpolate).unwrap()
    }

    /// Like [`render`], returning krilla's complaint instead of panicking.
    fn try_render(
        images: &[PreparedImage],
        settings: SerializeSettings,
        interpolate: bool,
    ) -> Result<Vec<u8>, String> {
        let mut doc = Document::new_with(settings);
        for img in images {
            let kimg = to_krilla_with(img, interpolate).unwrap();
            let mut page = doc.start_page_with(PageSettings::from_wh(595.0, 842.0).unwrap());
            let mut surface = page.surface();
            let size = Size::from_wh(400.0, 400.0 * img.height as f32 / img.width as f32);
            surface.draw_image(kimg, size.unwrap());
            surface.finish();
            page.finish();
        }
        doc.set_metadata(Metadata::new().creation_date(DateTime::new(2025)));
        doc.finish().map_err(|e| format!("{e:?}"))
    }

    /// The image `XObject`s of a PDF as (dictionary, raw stream bytes).
    fn xobjects(pdf: &[u8]) -> Vec<(lopdf::Dictionary, Vec<u8>)> {
        let doc = lopdf::Document::load_mem(pdf).unwrap();
        doc.objects
            .values()
            .filter_map(|o| match o {
                Object::Stream(s)
                    if s.dict.get(b"Subtype").ok() == Some(&Object::Name(b"Image".to_vec())) =>
                {
                    Some((s.dict.clone(), s.content.clone()))
                }
                _ => None,
            })
            .collect()
    }

    fn name(dict: &lopdf::Dictionary, key: &[u8]) -> Option<Vec<u8>> {
        match dict.get(key).ok()? {
            Object::Name(n) => Some(n.clone()),
            Object::Array(a) => match a.first()? {
                Object::Name(n) => Some(n.clone()),
                _ => None,
            },
            _ => None,
        }
    }

    /// Every sample photo at 120 mm wide, prepared once: decoding and resampling
    /// are slow in unoptimised test builds.
    fn all_photos() -> &'static [PreparedImage] {
        static ALL: OnceLock<Vec<PreparedImage>> = OnceLock::new();
        ALL.get_or_init(|| PHOTOS.iter().map(|n| prepared(n, 120.0)).collect())
    }

    #[test]
    fn every_sample_photo_makes_a_valid_document() {
        let images = all_photos();
        let pdf = render(images, SerializeSettings::default(), true);
        assert!(pdf.starts_with(b"%PDF-"));
        // Eight photos, plus soft masks for the cut-out.
        let objects = xobjects(&pdf);
        assert!(objects.len() >= PHOTOS.len(), "{} images", objects.len());
    }

    #[test]
    fn passthrough_jpeg_is_embedded_byte_for_byte() {
        let img = prepared("paint-brushes.jpg", 120.0);
        let ImageData::Jpeg { bytes, .. } = &img.data else {
            panic!("expected passthrough");
        };
        let original = std::fs::read(photo("paint-brushes.jpg")).unwrap();
        assert_eq!(**bytes, original);
        let pdf = render(&[img], SerializeSettings::default(), true);
        let objects = xobjects(&pdf);
        let (dict, content) = objects
            .iter()
            .find(|(d, _)| name(d, b"Filter").as_deref() == Some(b"DCTDecode"))
            .expect("a DCTDecode image");
        assert_eq!(*content, original);
        assert_eq!(dict.get(b"Interpolate").ok(), Some(&Object::Boolean(true)));
    }

    #[test]
    fn adobe_cmyk_gets_an_inverting_decode_array() {
        let img = prepared("mountains-picos-de-europa-cmyk.jpg", 180.0);
        assert!(matches!(
            img.data,
            ImageData::Jpeg {
                components: 4,
                adobe_inverted: true,
                ..
            }
        ));
        let pdf = render(&[img], SerializeSettings::default(), true);
        let (dict, _) = xobjects(&pdf).into_iter().next().unwrap();
        assert_eq!(
            name(&dict, b"ColorSpace").as_deref(),
            Some(&b"DeviceCMYK"[..])
        );
        let decode: Vec<f32> = dict
            .get(b"Decode")
            .unwrap()
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o.as_float().unwrap())
            .collect();
        assert_eq!(decode, [1.0, 0.0].repeat(4));
    }

    #[test]
    fn alpha_becomes_a_soft_mask_and_gray_stays_gray() {
        let cat = prepared("cat-chelsea-rgba-cutout.png", 120.0);
        let gray = prepared("cameraman-grayscale.png", 120.0);
        let pdf = render(&[cat, gray], SerializeSettings::default(), false);
        let objects = xobjects(&pdf);
        let with_mask = objects
            .iter()
            .filter(|(d, _)| d.get(b"SMask").is_ok())
            .count();
        assert_eq!(with_mask, 1);
        assert!(
            objects
                .iter()
                .any(
                    |(d, _)| name(d, b"ColorSpace").as_deref() == Some(&b"DeviceGray"[..])
                        && d.get(b"SMask").is_err()
                        && d.get(b"Width").unwrap().as_i64().unwrap() == 512
                )
        );
    }

    #[test]
    fn pdf_a_output_works_without_interpolation_and_cmyk() {
        let config = ConfigurationBuilder::new()
            .set_validator(Validator::A(Archival::A2_B))
            .finish()
            .unwrap();
        let settings = SerializeSettings {
            configuration: config,
            ..SerializeSettings::default()
        };
        let cmyk = prepared("mountains-picos-de-europa-cmyk.jpg", 180.0);
        assert!(cmyk.is_cmyk());
        // Device CMYK without an output profile and interpolation are both refused.
        let refused = try_render(std::slice::from_ref(&cmyk), settings.clone(), false);
        assert!(refused.unwrap_err().contains("MissingCMYKProfile"));
        let paint = prepared("paint-brushes.jpg", 120.0);
        let refused = try_render(&[paint], settings.clone(), true);
        assert!(refused.unwrap_err().contains("ImageInterpolation"));

        let mut images: Vec<PreparedImage> = all_photos()
            .iter()
            .map(|i| i.without_cmyk().unwrap())
            .collect();
        images.push(cmyk.without_cmyk().unwrap());
        assert!(images.iter().all(|i| !i.is_cmyk()));
        render(&images, settings, false);
    }

    #[test]
    fn inconsistent_raster_is_an_error_not_a_panic() {
        let img = PreparedImage {
            width: 4,
            height: 4,
            data: ImageData::Raster {
                channels: 3,
                pixels: Arc::new(vec![0; 10]),
                alpha: None,
                icc: None,
            },
            orientation: 1,
            source: PathBuf::from("x.png"),
            warnings: Vec::new(),
        };
        assert!(to_krilla(&img).is_err());
    }
}
