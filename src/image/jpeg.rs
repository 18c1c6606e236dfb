//! Reads what the passthrough decision needs from a JPEG's markers, without
//! decoding any pixels: frame size and type, component count, the Adobe colour
//! transform and the EXIF orientation.

use image::metadata::Orientation;

/// Facts about a JPEG taken from the markers before the first scan.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct JpegInfo {
    /// Stored width in pixels (before EXIF orientation).
    pub width: u32,
    /// Stored height in pixels.
    pub height: u32,
    /// Number of colour components in the frame.
    pub components: u8,
    /// Bits per sample (8, or 12 for extended JPEGs).
    pub precision: u8,
    /// The start-of-frame marker (0xC0 baseline, 0xC2 progressive, ...).
    pub sof: u8,
    /// Transform byte of an Adobe APP14 segment, if there is one.
    pub adobe_transform: Option<u8>,
    /// Orientation from the first EXIF APP1 segment; `NoTransforms` when absent.
    pub orientation: Orientation,
    /// Whether an end-of-image marker follows the first scan. Entropy-coded data
    /// escapes every 0xFF, so a missing one means the file was cut short.
    pub complete: bool,
}

impl JpegInfo {
    /// Whether a PDF reader's `DCTDecode` filter can take the data as it is: baseline,
    /// extended or progressive Huffman coding with 8-bit samples. Lossless,
    /// hierarchical and arithmetic-coded JPEGs are outside what PDF readers decode.
    pub fn dct_compatible(&self) -> bool {
        matches!(self.sof, 0xC0..=0xC2)
            && self.precision == 8
            && matches!(self.components, 1 | 3 | 4)
    }

    /// Whether this is a CMYK JPEG in the Adobe convention (inverted samples).
    pub fn adobe_inverted(&self) -> bool {
        self.components == 4 && self.adobe_transform.is_some()
    }

    /// A short name of the coding, for messages.
    pub fn coding_name(&self) -> String {
        let kind = match self.sof {
            0xC0 => "baseline",
            0xC1 => "extended sequential",
            0xC2 => "progressive",
            0xC3 => "lossless",
            0xC5..=0xC7 => "hierarchical",
            0xC9..=0xCB => "arithmetic-coded",
            _ => "arithmetic-coded hierarchical",
        };
        format!("{kind} {}-bit JPEG", self.precision)
    }
}

/// Whether `orientation` turns the image by a quarter, swapping width and height.
pub(crate) fn swaps_axes(orientation: Orientation) -> bool {
    matches!(
        orientation,
        Orientation::Rotate90
            | Orientation::Rotate270
            | Orientation::Rotate90FlipH
            | Orientation::Rotate270FlipH
    )
}

/// Walks the marker segments up to the first scan.
///
/// Returns a plain message on malformed data; the caller adds the file name.
pub(crate) fn parse(bytes: &[u8]) -> Result<JpegInfo, String> {
    if bytes.len() < 4 || bytes[0] != 0xFF || bytes[1] != 0xD8 {
        return Err("missing start-of-image marker".into());
    }
    let mut pos = 2;
    let mut frame: Option<(u8, u8, u32, u32, u8)> = None;
    let mut adobe_transform = None;
    let mut orientation = None;

    // Ends at the first scan, giving the offset of its data.
    let scan_start = loop {
        // Markers may be preceded by any number of 0xFF fill bytes.
        if pos >= bytes.len() || bytes[pos] != 0xFF {
            return Err(format!("expected a marker at byte {pos}"));
        }
        while pos < bytes.len() && bytes[pos] == 0xFF {
            pos += 1;
        }
        let Some(&marker) = bytes.get(pos) else {
            return Err("file ends inside a marker".into());
        };
        pos += 1;

        match marker {
            // Standalone markers carry no length.
            0x01 | 0xD0..=0xD7 => continue,
            0xD9 => return Err("image ends before any picture data".into()),
            0xDA => break pos,
            _ => {}
        }

        let len = match bytes.get(pos..pos + 2) {
            Some(b) => usize::from(u16::from_be_bytes([b[0], b[1]])),
            None => return Err("file ends inside a segment header".into()),
        };
        if len < 2 || pos + len > bytes.len() {
            return Err(format!(
                "segment 0xFF{marker:02X} runs past the end of the file"
            ));
        }
        let payload = &bytes[pos + 2..pos + len];
        pos += len;

        match marker {
            // SOF0–SOF15, except DHT (C4), JPG (C8) and DAC (CC), which share the range.
            0xC0..=0xCF if !matches!(marker, 0xC4 | 0xC8 | 0xCC) => {
                if payload.len() < 6 {
                    return Err("frame header is too short".into());
                }
                let precision = payload[0];
                let height = u32::from(u16::from_be_bytes([payload[1], payload[2]]));
                let width = u32::from(u16::from_be_bytes([payload[3], payload[4]]));
                let components = payload[5];
                if frame.is_none() {
                    frame = Some((marker, precision, width, height, components));
                }
            }
            0xE1 if orientation.is_none() && payload.starts_with(b"Exif\0\0") => {
                orientation = Some(
                    Orientation::from_exif_chunk(&payload[6..])
                        .unwrap_or(Orientation::NoTransforms),
                );
            }
            // "Adobe", version (2), flags0 (2), flags1 (2), transform (1).
            0xEE if payload.len() >= 12 && payload.starts_with(b"Adobe") => {
                adobe_transform = Some(payload[11]);
            }
            _ => {}
        }
    };

    let Some((sof, precision, width, height, components)) = frame else {
        return Err("no frame header before the picture data".into());
    };
    if width == 0 || height == 0 {
        return Err(format!(
            "frame header gives an empty size {width} × {height}"
        ));
    }
    Ok(JpegInfo {
        width,
        height,
        components,
        precision,
        sof,
        adobe_transform,
        orientation: orientation.unwrap_or(Orientation::NoTransforms),
        // Searched from the end, where the marker normally is.
        complete: bytes[scan_start..]
            .windows(2)
            .rev()
            .any(|w| w == [0xFF, 0xD9]),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A minimal header: SOI, optional extra segments, SOF0 and SOS.
    fn header(extra: &[u8], components: u8) -> Vec<u8> {
        let mut v = vec![0xFF, 0xD8];
        v.extend_from_slice(extra);
        v.extend_from_slice(&[
            0xFF,
            0xC0,
            0x00,
            8 + 3 * components,
            8,
            0x00,
            0x20,
            0x00,
            0x40,
        ]);
        v.push(components);
        for id in 0..components {
            v.extend_from_slice(&[id + 1, 0x11, 0]);
        }
        v.extend_from_slice(&[0xFF, 0xDA, 0x00, 0x02, 0xFF, 0xD9]);
        v
    }

    #[test]
    fn reads_frame_and_adobe_marker() {
        let mut app14 = vec![0xFF, 0xEE, 0x00, 14];
        app14.extend_from_slice(b"Adobe\x00\x64\x00\x00\x00\x00\x02");
        let info = parse(&header(&app14, 4)).unwrap();
        assert_eq!((info.width, info.height, info.components), (64, 32, 4));
        assert_eq!(info.adobe_transform, Some(2));
        assert!(info.adobe_inverted());
        assert!(info.dct_compatible());
        assert!(info.complete);
        assert_eq!(info.orientation, Orientation::NoTransforms);
    }

    #[test]
    fn reads_exif_orientation() {
        // Little-endian TIFF header, one IFD entry: tag 0x112, SHORT, count 1, value 8.
        let mut exif = b"Exif\0\0II*\0\x08\0\0\0\x01\0".to_vec();
        exif.extend_from_slice(&[0x12, 0x01, 3, 0, 1, 0, 0, 0, 8, 0, 0, 0]);
        let mut app1 = vec![0xFF, 0xE1];
        app1.extend_from_slice(&((exif.len() + 2) as u16).to_be_bytes());
        app1.extend_from_slice(&exif);
        let info = parse(&header(&app1, 3)).unwrap();
        assert_eq!(info.orientation, Orientation::Rotate270);
        assert!(swaps_axes(info.orientation));
    }

    #[test]
    fn rejects_truncated_and_foreign_data() {
        assert!(parse(b"hello, world").is_err());
        let full = header(&[], 3);
        assert!(parse(&full[..10]).is_err());
        assert!(!parse(&full[..full.len() - 2]).unwrap().complete);
    }
}
