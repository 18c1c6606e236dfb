//! Pixel work: decoding, orientation, resampling and re-encoding, all through the
//! `image` crate.

use std::io::Cursor;
use std::path::Path;
use std::sync::Arc;

use image::codecs::jpeg::JpegEncoder;
use image::imageops::FilterType;
use image::metadata::Orientation;
use image::{
    DynamicImage, ExtendedColorType, ImageDecoder, ImageEncoder, ImageFormat, ImageReader,
};

use super::{ImageData, ImageError, JPEG_QUALITY};

/// A decoded image with what the header said about it.
pub(crate) struct Decoded {
    /// The pixels as stored (not yet turned upright).
    pub image: DynamicImage,
    /// The embedded ICC profile, if any.
    pub icc: Option<Vec<u8>>,
}

/// What a PNG's header chunks say, read without decoding pixels.
pub(crate) struct PngHeader {
    /// Stored width.
    pub width: u32,
    /// Stored height.
    pub height: u32,
    /// Orientation from an `eXIf` chunk before the image data.
    pub orientation: Orientation,
}

/// "PNG" or "JPEG", for messages.
fn format_name(format: ImageFormat) -> &'static str {
    if format == ImageFormat::Png {
        "PNG"
    } else {
        "JPEG"
    }
}

/// Turns a decoder failure into the error the author sees.
fn decode_error(path: &Path, format: ImageFormat, e: image::ImageError) -> ImageError {
    match e {
        image::ImageError::Unsupported(u) => ImageError::UnsupportedEncoding {
            path: path.to_path_buf(),
            detail: u.to_string(),
        },
        image::ImageError::Limits(l) => ImageError::Corrupt {
            path: path.to_path_buf(),
            format: format_name(format),
            message: format!("decoding would need too much memory ({l})"),
        },
        other => ImageError::Corrupt {
            path: path.to_path_buf(),
            format: format_name(format),
            message: other.to_string(),
        },
    }
}

/// Reads a PNG's size and orientation from its header chunks.
pub(crate) fn png_header(bytes: &[u8], path: &Path) -> Result<PngHeader, ImageError> {
    let err = |e| decode_error(path, ImageFormat::Png, e);
    let mut decoder = ImageReader::with_format(Cursor::new(bytes), ImageFormat::Png)
        .into_decoder()
        .map_err(err)?;
    let (width, height) = decoder.dimensions();
    // A broken eXIf chunk should not make an otherwise good PNG unusable.
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    Ok(PngHeader {
        width,
        height,
        orientation,
    })
}

/// Decodes all pixels of a JPEG or PNG held in memory.
pub(crate) fn decode(
    bytes: &[u8],
    format: ImageFormat,
    path: &Path,
) -> Result<Decoded, ImageError> {
    let err = |e| decode_error(path, format, e);
    let mut decoder = ImageReader::with_format(Cursor::new(bytes), format)
        .into_decoder()
        .map_err(err)?;
    // A damaged profile only loses colour management, not the photo.
    let icc = decoder.icc_profile().ok().flatten();
    let image = DynamicImage::from_decoder(decoder).map_err(err)?;
    Ok(Decoded { image, icc })
}

/// Decodes a JPEG's picture data once, strictly, so that damage a lenient decoder
/// would paint over (a bad Huffman code, a scan cut short, a stray marker) is found
/// before the bytes are passed through to the PDF untouched. The pixels are dropped.
pub(crate) fn check_jpeg_data(bytes: &[u8], path: &Path) -> Result<(), ImageError> {
    let options = zune_core::options::DecoderOptions::default()
        .set_strict_mode(true)
        .set_max_width(usize::MAX)
        .set_max_height(usize::MAX);
    zune_jpeg::JpegDecoder::new_with_options(Cursor::new(bytes), options)
        .decode()
        .map(|_| ())
        .map_err(|e| ImageError::Corrupt {
            path: path.to_path_buf(),
            format: "JPEG",
            message: format!("its picture data is damaged ({e})"),
        })
}

/// Brings pixels to 8 bits a channel, turns them upright and, when `target` is
/// given, resamples them to that size.
pub(crate) fn finish_pixels(
    image: DynamicImage,
    orientation: Orientation,
    target: Option<(u32, u32)>,
) -> DynamicImage {
    let mut image = to_8bit(image);
    image.apply_orientation(orientation);
    match target {
        Some((w, h)) if (w, h) != (image.width(), image.height()) => resample(image, w, h),
        _ => image,
    }
}

/// Converts 16-bit and float images to the 8-bit layout with the same channels.
fn to_8bit(image: DynamicImage) -> DynamicImage {
    match image {
        DynamicImage::ImageLuma8(_)
        | DynamicImage::ImageLumaA8(_)
        | DynamicImage::ImageRgb8(_)
        | DynamicImage::ImageRgba8(_) => image,
        other => {
            let color = other.color();
            match (color.has_color(), color.has_alpha()) {
                (false, false) => DynamicImage::ImageLuma8(other.to_luma8()),
                (false, true) => DynamicImage::ImageLumaA8(other.to_luma_alpha8()),
                (true, false) => DynamicImage::ImageRgb8(other.to_rgb8()),
                (true, true) => DynamicImage::ImageRgba8(other.to_rgba8()),
            }
        }
    }
}

/// Lanczos3 resampling with SIMD (fast_image_resize): several times faster than the
/// image crate's and without its full-size float buffers. Images with alpha are
/// filtered premultiplied (the resizer does it), so the colour of fully transparent
/// pixels does not bleed into soft edges.
fn resample(image: DynamicImage, width: u32, height: u32) -> DynamicImage {
    use fast_image_resize::{FilterType as F, ResizeAlg, ResizeOptions, Resizer};
    let mut out = DynamicImage::new(width, height, image.color());
    let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(F::Lanczos3));
    match Resizer::new().resize(&image, &mut out, &options) {
        Ok(()) => out,
        // Pixel layouts the fast path does not take fall back to the image crate.
        Err(_) => image.resize_exact(width, height, FilterType::Lanczos3),
    }
}

/// Whether an ICC profile describes the colour space of `gray` or RGB pixels
/// (bytes 16..20 of the profile header name the data colour space).
fn icc_matches(icc: &[u8], gray: bool) -> bool {
    let wanted: &[u8] = if gray { b"GRAY" } else { b"RGB " };
    icc.get(16..20) == Some(wanted)
}

/// Encodes opaque pixels as a baseline JPEG at [`JPEG_QUALITY`], gray or RGB.
pub(crate) fn encode_jpeg(
    image: &DynamicImage,
    icc: Option<Vec<u8>>,
    path: &Path,
) -> Result<ImageData, ImageError> {
    let gray = !image.color().has_color();
    let (buf, color, components) = if gray {
        (image.to_luma8().into_raw(), ExtendedColorType::L8, 1)
    } else {
        (image.to_rgb8().into_raw(), ExtendedColorType::Rgb8, 3)
    };
    let mut out = Vec::with_capacity(buf.len() / 8);
    let mut encoder = JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY);
    if let Some(icc) = icc.filter(|p| icc_matches(p, gray)) {
        // The JPEG encoder accepts any profile; an error here cannot happen, and
        // losing the profile would only lose colour management.
        let _ = encoder.set_icc_profile(icc);
    }
    encoder
        .write_image(&buf, image.width(), image.height(), color)
        .map_err(|e| ImageError::Corrupt {
            path: path.to_path_buf(),
            format: "JPEG",
            message: format!("re-encoding failed: {e}"),
        })?;
    Ok(ImageData::Jpeg {
        bytes: Arc::new(out),
        components,
        adobe_inverted: false,
    })
}

/// Splits 8-bit pixels into colour and alpha planes; alpha that is opaque
/// everywhere is dropped, as a soft mask would only cost space.
pub(crate) fn to_raster(image: &DynamicImage, icc: Option<Vec<u8>>) -> ImageData {
    let color = image.color();
    let gray = !color.has_color();
    let channels: u8 = if gray { 1 } else { 3 };
    let (pixels, alpha) = if color.has_alpha() {
        let (raw, n) = if gray {
            (image.to_luma_alpha8().into_raw(), 2)
        } else {
            (image.to_rgba8().into_raw(), 4)
        };
        let mut pixels = Vec::with_capacity(raw.len() / n * (n - 1));
        let mut alpha = Vec::with_capacity(raw.len() / n);
        for px in raw.chunks_exact(n) {
            if let Some((a, colour)) = px.split_last() {
                pixels.extend_from_slice(colour);
                alpha.push(*a);
            }
        }
        let alpha = alpha.iter().any(|&a| a != 255).then_some(alpha);
        (pixels, alpha)
    } else if gray {
        (image.to_luma8().into_raw(), None)
    } else {
        (image.to_rgb8().into_raw(), None)
    };
    ImageData::Raster {
        channels,
        pixels: Arc::new(pixels),
        alpha: alpha.map(Arc::new),
        icc: icc.filter(|p| icc_matches(p, gray)).map(Arc::new),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn icc_header_colour_space_is_checked() {
        let mut icc = vec![0u8; 128];
        icc[16..20].copy_from_slice(b"RGB ");
        assert!(icc_matches(&icc, false));
        assert!(!icc_matches(&icc, true));
        assert!(!icc_matches(&icc[..10], false));
    }
}
