//! Photos: decode, honour EXIF orientation, convert colour, downsample, or pass a JPEG
//! through untouched when it needs no change.
//!
//! The rules [`prepare`] follows:
//!
//! * A JPEG that needs no rotation and is not far sharper than the print needs is
//!   embedded byte-for-byte ([`ImageData::Jpeg`]): no generation loss, smallest file.
//!   This includes Adobe CMYK JPEGs, whose inverted samples the PDF writer undoes
//!   with a `/Decode` array.
//! * A JPEG with an EXIF orientation other than "upright" is decoded, turned upright
//!   and re-encoded as a JPEG at quality [`JPEG_QUALITY`]. Raw pixels would be ten
//!   times larger in the PDF for no visible gain at that quality.
//! * Any photo whose effective resolution exceeds [`DOWNSAMPLE_FACTOR`] × the
//!   placement's `max_ppi` is resampled (Lanczos3) to `max_ppi`. JPEGs come back as
//!   JPEGs; PNGs stay lossless rasters, because PNG is what people use for logos,
//!   charts and cut-outs, where JPEG artefacts show.
//! * PNGs always become [`ImageData::Raster`]: 8 bits a channel, gray or RGB, with
//!   transparency split off as a soft mask.
//!
//! Layout needs the aspect ratio before it knows the placement; [`probe`] reads it
//! from the file headers without decoding pixels.

mod cache;
mod error;
mod jpeg;
pub mod logo;
mod process;

use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use cache::PhotoCache;
pub use error::{ImageError, MAX_PIXELS};

use image::ImageFormat;
use image::metadata::Orientation;

use crate::files::{ReadError, read_limited};
use crate::limits::MAX_PHOTO_BYTES;

/// JPEG quality used whenever a photo has to be re-encoded (rotation, downsampling).
///
/// 90 is visually lossless for photographs in print while keeping files small.
pub const JPEG_QUALITY: u8 = 90;

/// How far above `max_ppi` a photo may be before it is downsampled.
///
/// Resampling a JPEG costs a generation of compression; below this factor the saving
/// in file size is not worth that loss, so the original bytes are kept.
pub const DOWNSAMPLE_FACTOR: f32 = 1.5;

/// Pixel data ready for the PDF writer.
#[derive(Debug, Clone)]
pub enum ImageData {
    /// A JPEG embedded as is (DCT passthrough): either the original file, or a
    /// re-encoded JPEG after rotation or downsampling.
    Jpeg {
        /// The JPEG file's bytes.
        bytes: Arc<Vec<u8>>,
        /// Colour components: 1 gray, 3 RGB/YCbCr, 4 CMYK/YCCK.
        components: u8,
        /// Adobe APP14 CMYK, stored inverted: the writer must invert via /Decode.
        adobe_inverted: bool,
    },
    /// Decoded pixels, 8 bits a channel, row-major.
    Raster {
        /// 1 (gray) or 3 (RGB) channels.
        channels: u8,
        /// `width * height * channels` bytes; shared so that clones are cheap when
        /// one photo appears in many documents.
        pixels: Arc<Vec<u8>>,
        /// Optional `width * height` alpha (soft mask); `None` when fully opaque.
        alpha: Option<Arc<Vec<u8>>>,
        /// The source's ICC profile, kept so that wide-gamut or calibrated images
        /// keep their colours; only present when it matches `channels`.
        icc: Option<Arc<Vec<u8>>>,
    },
}

/// A photo prepared for embedding: display size in pixels (after EXIF orientation) and data.
#[derive(Debug, Clone)]
pub struct PreparedImage {
    /// Width in pixels as displayed.
    pub width: u32,
    /// Height in pixels as displayed.
    pub height: u32,
    /// The pixels.
    pub data: ImageData,
    /// EXIF orientation (1–8) the PDF writer applies when drawing: a rotated JPEG that
    /// needs no resampling is embedded as stored and turned by the page, losslessly.
    /// 1 means the data is upright.
    pub orientation: u8,
    /// Where it came from, for messages and caching.
    pub source: PathBuf,
    /// What was noticed and mended while preparing it, worded for the author (data
    /// after the end of a JPEG, say); shown as warnings.
    pub warnings: Vec<String>,
}

/// Where and how sharp a photo will be printed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placement {
    /// Width of the whole image on the page in points (the full image rectangle,
    /// larger than the visible frame when the photo is cropped).
    pub width_pt: f32,
    /// Height of the whole image on the page in points.
    pub height_pt: f32,
    /// The resolution beyond which pixels are wasted, e.g. 300 for offset print.
    pub max_ppi: f32,
}

impl Placement {
    /// Whether the numbers describe a real placement. Zero, negative or non-finite
    /// sizes cannot give a resolution, so such a placement is treated as absent.
    fn is_usable(&self) -> bool {
        [self.width_pt, self.height_pt, self.max_ppi]
            .iter()
            .all(|v| v.is_finite() && *v > 0.0)
    }
}

/// Pixels per inch of `px` pixels printed across `pt` points (1/72 inch).
///
/// Returns infinity when `pt` is zero or negative.
pub fn effective_ppi(px: u32, pt: f32) -> f32 {
    if pt <= 0.0 {
        return f32::INFINITY;
    }
    (f64::from(px) * 72.0 / f64::from(pt)) as f32
}

impl PreparedImage {
    /// Whether the data is a CMYK JPEG.
    pub fn is_cmyk(&self) -> bool {
        matches!(self.data, ImageData::Jpeg { components: 4, .. })
    }

    /// The same photo with CMYK data converted to RGB; other photos are returned
    /// unchanged (a cheap clone).
    ///
    /// For outputs that may not contain device CMYK, such as PDF/A without a CMYK
    /// output profile. The conversion is the decoder's uncalibrated one, which
    /// reproduces colours of untagged CMYK well enough for screen and office print.
    ///
    /// # Errors
    ///
    /// [`ImageError::Corrupt`] if the JPEG data cannot be decoded.
    pub fn without_cmyk(&self) -> Result<PreparedImage, ImageError> {
        let ImageData::Jpeg {
            bytes,
            components: 4,
            ..
        } = &self.data
        else {
            return Ok(self.clone());
        };
        let decoded = process::decode(bytes, ImageFormat::Jpeg, &self.source)?;
        // The decoder has already converted CMYK to RGB; a CMYK profile no longer applies.
        let rgb = image::DynamicImage::ImageRgb8(decoded.image.to_rgb8());
        let data = process::encode_jpeg(&rgb, None, &self.source)?;
        Ok(PreparedImage {
            width: self.width,
            height: self.height,
            data,
            orientation: self.orientation,
            source: self.source.clone(),
            warnings: self.warnings.clone(),
        })
    }
}

/// The formats `prepare` accepts.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    /// Starts with the JPEG start-of-image marker.
    Jpeg,
    /// Starts with the PNG signature.
    Png,
}

/// Display size in pixels (after EXIF orientation), read from the headers only.
///
/// Fails like [`prepare`] for missing, foreign, damaged or oversized files, so
/// problems surface when layout first looks at the photo.
///
/// # Errors
///
/// Any [`ImageError`] except those only found while decoding pixels.
pub fn probe(path: &Path) -> Result<(u32, u32), ImageError> {
    let bytes = read(path)?;
    let (width, height) = match sniff(&bytes, path)? {
        Kind::Jpeg => {
            let info = jpeg::parse(&bytes).map_err(|m| corrupt(path, "JPEG", m))?;
            display_size(info.width, info.height, info.orientation)
        }
        Kind::Png => {
            let header = process::png_header(&bytes, path)?;
            display_size(header.width, header.height, header.orientation)
        }
    };
    check_size(path, width, height)?;
    Ok((width, height))
}

/// Loads a photo and makes it ready for the PDF writer.
///
/// `placement` is the size at which the whole image will be printed and the
/// resolution cap; without it nothing is downsampled. See the module documentation
/// for when bytes pass through and when pixels are re-encoded.
///
/// # Errors
///
/// An [`ImageError`] saying what is wrong with the file, worded for the author.
pub fn prepare(path: &Path, placement: Option<Placement>) -> Result<PreparedImage, ImageError> {
    prepare_checked(path, placement, false)
}

/// [`prepare`]; `validated` says the file's JPEG data has already been decoded once
/// without error (by an earlier call for another size), so passthrough need not decode
/// it again.
pub(crate) fn prepare_checked(
    path: &Path,
    placement: Option<Placement>,
    validated: bool,
) -> Result<PreparedImage, ImageError> {
    let bytes = read(path)?;
    let placement = placement.filter(Placement::is_usable);
    match sniff(&bytes, path)? {
        Kind::Jpeg => prepare_jpeg(bytes, path, placement, validated),
        Kind::Png => prepare_png(&bytes, path, placement),
    }
}

/// The JPEG branch of [`prepare`]: passthrough when possible, else decode and re-encode.
fn prepare_jpeg(
    mut bytes: Vec<u8>,
    path: &Path,
    placement: Option<Placement>,
    validated: bool,
) -> Result<PreparedImage, ImageError> {
    let info = jpeg::parse(&bytes).map_err(|m| corrupt(path, "JPEG", m))?;
    let (width, height) = display_size(info.width, info.height, info.orientation);
    check_size(path, width, height)?;

    if info.components == 4 && !info.adobe_inverted() {
        // Without the Adobe marker nothing says whether the samples are inverted,
        // and both the PDF writer and the decoder would assume they are.
        return Err(ImageError::UnsupportedEncoding {
            path: path.to_path_buf(),
            detail: "it is a CMYK JPEG without an Adobe colour marker, so its colours \
                     cannot be reproduced reliably"
                .into(),
        });
    }

    if !info.complete {
        // Passthrough would embed the damage; a decoder would fail on it anyway.
        return Err(corrupt(
            path,
            "JPEG",
            "the file is cut short (it has no end-of-image marker)".into(),
        ));
    }

    let warnings = cut_trailing_data(&mut bytes, info.end, path);

    let target = downsample_target(width, height, placement);
    if target.is_none() && info.dct_compatible() {
        if !validated {
            // Passthrough hands the data to every PDF reader as is: decode it once, so
            // damage is reported here rather than by a reader or the PDF writer.
            process::check_jpeg_data(&bytes, path)?;
        }
        // Embedded as stored; a rotated one is turned when drawn, without re-encoding.
        return Ok(PreparedImage {
            width,
            height,
            data: ImageData::Jpeg {
                components: info.components,
                adobe_inverted: info.adobe_inverted(),
                bytes: Arc::new(bytes),
            },
            orientation: info.orientation.to_exif(),
            source: path.to_path_buf(),
            warnings,
        });
    }

    let decoded = process::decode(&bytes, ImageFormat::Jpeg, path).map_err(|e| {
        // A JPEG flavour PDF cannot carry and the decoder cannot read either.
        match e {
            ImageError::Corrupt { message, .. } if !info.dct_compatible() => {
                ImageError::UnsupportedEncoding {
                    path: path.to_path_buf(),
                    detail: format!("it is a {} ({message})", info.coding_name()),
                }
            }
            other => other,
        }
    })?;
    // The CMYK decoder output is RGB, so a CMYK profile would no longer apply.
    let icc = decoded.icc.filter(|_| info.components != 4);
    let pixels = process::finish_pixels(decoded.image, info.orientation, target);
    let data = process::encode_jpeg(&pixels, icc, path)?;
    Ok(PreparedImage {
        width: pixels.width(),
        height: pixels.height(),
        data,
        orientation: 1,
        source: path.to_path_buf(),
        warnings,
    })
}

/// Cuts off what follows the end-of-image marker at `end` (often a second picture or
/// an editor's data, which a PDF must not carry) and says so.
fn cut_trailing_data(bytes: &mut Vec<u8>, end: Option<usize>, path: &Path) -> Vec<String> {
    let Some(end) = end.filter(|&end| end < bytes.len()) else {
        return Vec::new();
    };
    let extra = u64::try_from(bytes.len() - end).unwrap_or(u64::MAX);
    bytes.truncate(end);
    vec![format!(
        "photo {} has {} of other data after the end of the picture; it was left out",
        path.display(),
        crate::files::human_size(extra)
    )]
}

/// The PNG branch of [`prepare`]: always decoded to an 8-bit raster.
fn prepare_png(
    bytes: &[u8],
    path: &Path,
    placement: Option<Placement>,
) -> Result<PreparedImage, ImageError> {
    let header = process::png_header(bytes, path)?;
    let (width, height) = display_size(header.width, header.height, header.orientation);
    check_size(path, width, height)?;
    let target = downsample_target(width, height, placement);

    let decoded = process::decode(bytes, ImageFormat::Png, path)?;
    let pixels = process::finish_pixels(decoded.image, header.orientation, target);
    let (width, height) = (pixels.width(), pixels.height());
    Ok(PreparedImage {
        width,
        height,
        data: process::to_raster(&pixels, decoded.icc),
        orientation: 1,
        source: path.to_path_buf(),
        warnings: Vec::new(),
    })
}

/// The pixel size to resample to, or `None` when the photo is not too sharp.
///
/// Uses the lower resolution of the two axes, so that a non-proportional
/// placement never ends up below `max_ppi` on either axis; the aspect ratio of the
/// pixels is kept.
fn downsample_target(width: u32, height: u32, placement: Option<Placement>) -> Option<(u32, u32)> {
    let p = placement?;
    let ppi = effective_ppi(width, p.width_pt).min(effective_ppi(height, p.height_pt));
    if ppi <= p.max_ppi * DOWNSAMPLE_FACTOR {
        return None;
    }
    let scale = f64::from(p.max_ppi) / f64::from(ppi);
    let scaled = |px: u32| ((f64::from(px) * scale).round() as u32).max(1);
    Some((scaled(width), scaled(height)))
}

/// Width and height as displayed, given the stored size and the EXIF orientation.
fn display_size(width: u32, height: u32, orientation: Orientation) -> (u32, u32) {
    if jpeg::swaps_axes(orientation) {
        (height, width)
    } else {
        (width, height)
    }
}

/// Refuses images above [`MAX_PIXELS`] before any pixel memory is allocated.
fn check_size(path: &Path, width: u32, height: u32) -> Result<(), ImageError> {
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(ImageError::TooLarge {
            path: path.to_path_buf(),
            width,
            height,
        });
    }
    Ok(())
}

/// Reads the whole file, up to [`MAX_PHOTO_BYTES`], refusing special files.
fn read(path: &Path) -> Result<Vec<u8>, ImageError> {
    let path_buf = || path.to_path_buf();
    read_limited(path, MAX_PHOTO_BYTES).map_err(|e| match e {
        ReadError::NotFound => ImageError::NotFound { path: path_buf() },
        ReadError::TooLarge { size, .. } => ImageError::FileTooLarge {
            path: path_buf(),
            bytes: size,
        },
        other => ImageError::Unreadable {
            path: path_buf(),
            reason: other.to_string(),
        },
    })
}

/// Decides the format from the content, not the file name, and says what a
/// rejected file looks like instead.
fn sniff(bytes: &[u8], path: &Path) -> Result<Kind, ImageError> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Ok(Kind::Jpeg);
    }
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Ok(Kind::Png);
    }
    let detail = if bytes.is_empty() {
        "the file is empty".to_string()
    } else if looks_like_text(bytes) {
        "it contains text, not image data".to_string()
    } else if let Ok(format) = image::guess_format(bytes) {
        format!("it is a {} image", format_name(format))
    } else {
        "its contents are not a recognised image format".to_string()
    };
    Err(ImageError::UnsupportedFormat {
        path: path.to_path_buf(),
        detail,
    })
}

/// Whether the start of the file reads as text: UTF-8 without control characters
/// other than whitespace. Checked before magic numbers because some (BMP's "BM",
/// PNM's "P1") are also common words.
fn looks_like_text(bytes: &[u8]) -> bool {
    let head = bytes.get(..512).unwrap_or(bytes);
    let text = match std::str::from_utf8(head) {
        Ok(t) => t,
        // The cut may have split a multi-byte character.
        Err(e) if e.error_len().is_none() => head
            .get(..e.valid_up_to())
            .and_then(|h| std::str::from_utf8(h).ok())
            .unwrap_or_default(),
        Err(_) => return false,
    };
    !text.is_empty()
        && text
            .chars()
            .all(|c| !c.is_control() || matches!(c, '\n' | '\r' | '\t'))
}

/// A format's usual name for messages, e.g. "GIF".
fn format_name(format: ImageFormat) -> String {
    match format.extensions_str().first() {
        Some(ext) => ext.to_ascii_uppercase(),
        None => format!("{format:?}"),
    }
}

/// Shorthand for [`ImageError::Corrupt`].
fn corrupt(path: &Path, format: &'static str, message: String) -> ImageError {
    ImageError::Corrupt {
        path: path.to_path_buf(),
        format,
        message,
    }
}
