//! Photos: decode, honour EXIF orientation, convert colour, downsample, or pass a JPEG
//! through untouched when it needs no change.

use std::path::PathBuf;
use std::sync::Arc;

/// Pixel data ready for the PDF writer.
#[derive(Debug, Clone)]
pub enum ImageData {
    /// A JPEG embedded byte-for-byte (DCT passthrough).
    Jpeg {
        /// The file's bytes, unchanged.
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
        /// `width * height * channels` bytes.
        pixels: Vec<u8>,
        /// Optional `width * height` alpha (soft mask).
        alpha: Option<Vec<u8>>,
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
    /// Where it came from, for messages and caching.
    pub source: PathBuf,
}
