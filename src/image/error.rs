//! Why a photo could not be used, worded for the person who wrote the content file.

use std::path::{Path, PathBuf};

/// Largest photo accepted, in pixels: [`crate::limits::MAX_PHOTO_PIXELS`].
pub const MAX_PIXELS: u64 = crate::limits::MAX_PHOTO_PIXELS;

/// Why a photo could not be prepared.
///
/// Every message names the file and is meant to be shown to the author as is;
/// [`ImageError::help`] gives the matching suggestion. The type is `Clone` so that a
/// cache can hand the same failure to every document that uses the photo.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ImageError {
    /// The file does not exist.
    #[error("photo not found: {}", path.display())]
    NotFound {
        /// The path as given.
        path: PathBuf,
    },
    /// The file exists but could not be read (permissions, a folder, an I/O fault).
    #[error("cannot read photo {}: {reason}", path.display())]
    Unreadable {
        /// The path as given.
        path: PathBuf,
        /// The operating system's explanation.
        reason: String,
    },
    /// The file is not a JPEG or PNG image.
    #[error(
        "{} is not a JPEG or PNG image ({detail}); photos must be JPEG or PNG files",
        path.display()
    )]
    UnsupportedFormat {
        /// The path as given.
        path: PathBuf,
        /// What the file appears to be instead.
        detail: String,
    },
    /// A JPEG or PNG that uses a variant that cannot be reproduced faithfully.
    #[error("photo {} cannot be used: {detail}", path.display())]
    UnsupportedEncoding {
        /// The path as given.
        path: PathBuf,
        /// Which feature is the problem.
        detail: String,
    },
    /// The file claims to be a JPEG or PNG but its data is damaged.
    #[error("photo {} is damaged or not a valid {format} file: {message}", path.display())]
    Corrupt {
        /// The path as given.
        path: PathBuf,
        /// "JPEG" or "PNG".
        format: &'static str,
        /// The decoder's explanation.
        message: String,
    },
    /// A file larger than [`crate::limits::MAX_PHOTO_BYTES`].
    #[error(
        "photo {} is too large a file: {}; the limit is {}",
        path.display(),
        crate::files::human_size(*bytes),
        crate::files::human_size(crate::limits::MAX_PHOTO_BYTES)
    )]
    FileTooLarge {
        /// The path as given.
        path: PathBuf,
        /// Its size in bytes (at least).
        bytes: u64,
    },
    /// More pixels than [`MAX_PIXELS`].
    #[error(
        "photo {} is too large: {width} × {height} pixels ({:.0} megapixels); the limit is {} megapixels",
        path.display(),
        (*width as f64) * (*height as f64) / 1e6,
        MAX_PIXELS / 1_000_000
    )]
    TooLarge {
        /// The path as given.
        path: PathBuf,
        /// Width in pixels.
        width: u32,
        /// Height in pixels.
        height: u32,
    },
}

impl ImageError {
    /// A suggestion for fixing the problem, to show under the message.
    pub fn help(&self) -> &'static str {
        match self {
            ImageError::NotFound { .. } => {
                "check the spelling and folder of the file name in the content file, and that the photo has been copied there"
            }
            ImageError::Unreadable { .. } => {
                "check that the path names a file (not a folder) and that the file may be read by the current user"
            }
            ImageError::UnsupportedFormat { .. } => {
                "save the photo as JPEG (photographs) or PNG (graphics and cut-outs with transparency) and point the content file at it"
            }
            ImageError::UnsupportedEncoding { .. } => {
                "open the photo in an image editor and save it again as a standard 8-bit RGB JPEG or PNG"
            }
            ImageError::Corrupt { .. } => {
                "open the file in an image viewer; if it does not show, export or download it again"
            }
            ImageError::FileTooLarge { .. } => {
                "save the photo again as a JPEG at quality 85–90; a photo for a full A4 page needs no more than about 5 MB"
            }
            ImageError::TooLarge { .. } => {
                "scale the photo down in an image editor; about 3500 pixels on the long side is enough for a full A4 page at 300 ppi"
            }
        }
    }

    /// The photo the error is about.
    pub fn path(&self) -> &Path {
        match self {
            ImageError::NotFound { path }
            | ImageError::Unreadable { path, .. }
            | ImageError::UnsupportedFormat { path, .. }
            | ImageError::UnsupportedEncoding { path, .. }
            | ImageError::Corrupt { path, .. }
            | ImageError::FileTooLarge { path, .. }
            | ImageError::TooLarge { path, .. } => path,
        }
    }
}
