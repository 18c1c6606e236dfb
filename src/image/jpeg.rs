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
    /// Whether an end-of-image marker follows the scans. Entropy-coded data escapes
    /// every 0xFF, so a missing one means the file was cut short.
    pub complete: bool,
    /// Offset just past the end-of-image marker; bytes after it are not part of
    /// the picture.
    pub end: Option<usize>,
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

/// Walks the marker segments to the first scan, then the scans to the end-of-image
/// marker, checking on the way what a decoder or PDF reader would choke on: one
/// frame header only, Huffman tables that make a code, segments inside the file.
///
/// Returns a plain message on malformed data; the caller adds the file name.
pub(crate) fn parse(bytes: &[u8]) -> Result<JpegInfo, String> {
    if bytes.len() < 4 || !bytes.starts_with(&[0xFF, 0xD8]) {
        return Err("missing start-of-image marker".into());
    }
    let mut header = Header::default();
    let mut pos = 2;
    // Ends at the first scan, giving the offset of its data.
    let scan_start = loop {
        let segment = next_segment(bytes, pos)?;
        pos = segment.next;
        match segment.marker {
            0xD9 => return Err("image ends before any picture data".into()),
            0xDA => break pos,
            marker => header.read(marker, segment.payload)?,
        }
    };
    let Some((sof, precision, width, height, components)) = header.frame else {
        return Err("no frame header before the picture data".into());
    };
    if width == 0 || height == 0 {
        return Err(format!(
            "frame header gives an empty size {width} × {height}"
        ));
    }
    let end = find_end(bytes, scan_start, &mut header)?;
    Ok(JpegInfo {
        width,
        height,
        components,
        precision,
        sof,
        adobe_transform: header.adobe_transform,
        orientation: header.orientation.unwrap_or(Orientation::NoTransforms),
        complete: end.is_some(),
        end,
    })
}

/// What the segments before the first scan said.
#[derive(Default)]
struct Header {
    /// Marker, precision, width, height and components of the frame header.
    frame: Option<(u8, u8, u32, u32, u8)>,
    adobe_transform: Option<u8>,
    orientation: Option<Orientation>,
}

impl Header {
    /// Takes in one segment.
    fn read(&mut self, marker: u8, payload: &[u8]) -> Result<(), String> {
        match marker {
            // SOF0–SOF15, except DHT (C4), JPG (C8) and DAC (CC), which share the range.
            0xC0..=0xCF if !matches!(marker, 0xC4 | 0xC8 | 0xCC) => {
                if self.frame.is_some() {
                    return Err("it has a second frame header (two pictures in one file)".into());
                }
                let [precision, h1, h0, w1, w0, components, ..] = *payload else {
                    return Err("frame header is too short".into());
                };
                let height = u32::from(u16::from_be_bytes([h1, h0]));
                let width = u32::from(u16::from_be_bytes([w1, w0]));
                self.frame = Some((marker, precision, width, height, components));
            }
            0xC4 => check_huffman_tables(payload)?,
            0xE1 if self.orientation.is_none() => {
                if let Some(exif) = payload.strip_prefix(b"Exif\0\0") {
                    self.orientation = Some(
                        Orientation::from_exif_chunk(exif).unwrap_or(Orientation::NoTransforms),
                    );
                }
            }
            // "Adobe", version (2), flags0 (2), flags1 (2), transform (1).
            0xEE if payload.starts_with(b"Adobe") => {
                if let Some(&transform) = payload.get(11) {
                    self.adobe_transform = Some(transform);
                }
            }
            _ => {}
        }
        Ok(())
    }
}

/// One marker and, for markers that have one, its payload.
struct Segment<'a> {
    marker: u8,
    payload: &'a [u8],
    /// Offset just past the segment.
    next: usize,
}

/// Reads the marker at `pos` (after any fill bytes) and its segment.
fn next_segment(bytes: &[u8], mut pos: usize) -> Result<Segment<'_>, String> {
    if bytes.get(pos) != Some(&0xFF) {
        return Err(format!("expected a marker at byte {pos}"));
    }
    // Markers may be preceded by any number of 0xFF fill bytes.
    while bytes.get(pos) == Some(&0xFF) {
        pos += 1;
    }
    let Some(&marker) = bytes.get(pos) else {
        return Err("file ends inside a marker".into());
    };
    pos += 1;
    // Standalone markers carry no length.
    if matches!(marker, 0x01 | 0xD0..=0xD9) {
        return Ok(Segment {
            marker,
            payload: &[],
            next: pos,
        });
    }
    let len = match bytes.get(pos..pos + 2) {
        Some(&[a, b]) => usize::from(u16::from_be_bytes([a, b])),
        _ => return Err("file ends inside a segment header".into()),
    };
    let Some(payload) = bytes.get(pos + 2..pos + len).filter(|_| len >= 2) else {
        return Err(format!(
            "segment 0xFF{marker:02X} runs past the end of the file"
        ));
    };
    Ok(Segment {
        marker,
        payload,
        next: pos + len,
    })
}

/// Follows the entropy-coded data from `pos` through any further scans and tables to
/// the end-of-image marker; returns the offset just past it, or `None` when the file
/// is cut short. Entropy-coded data escapes every 0xFF, so a marker is unambiguous.
fn find_end(bytes: &[u8], mut pos: usize, header: &mut Header) -> Result<Option<usize>, String> {
    loop {
        let Some(ff) = bytes
            .get(pos..)
            .and_then(|rest| rest.iter().position(|&b| b == 0xFF))
        else {
            return Ok(None);
        };
        let at = pos + ff;
        match bytes.get(at + 1) {
            None => return Ok(None),
            // A stuffed zero, a fill byte, or a restart marker: still picture data.
            Some(0x00 | 0xD0..=0xD7) => pos = at + 2,
            Some(0xFF) => pos = at + 1,
            Some(0xD9) => return Ok(Some(at + 2)),
            Some(_) => {
                let segment = next_segment(bytes, at)?;
                header.read(segment.marker, segment.payload)?;
                pos = segment.next;
            }
        }
    }
}

/// Checks the Huffman tables of a DHT segment: valid class and slot, and code lengths
/// that fit in the code space (an overfull table cannot be decoded).
fn check_huffman_tables(mut payload: &[u8]) -> Result<(), String> {
    while let Some((&class_slot, rest)) = payload.split_first() {
        if class_slot >> 4 > 1 || class_slot & 0x0F > 3 {
            return Err(format!(
                "Huffman table has an invalid class or slot 0x{class_slot:02X}"
            ));
        }
        let Some((counts, rest)) = rest.split_at_checked(16) else {
            return Err("Huffman table is cut short".into());
        };
        let mut next: u32 = 0;
        for (i, &count) in counts.iter().enumerate() {
            next += u32::from(count);
            if next > 1 << (i + 1) {
                return Err("Huffman table is damaged (its code lengths do not fit)".into());
            }
            next <<= 1;
        }
        let symbols: usize = counts.iter().map(|&c| usize::from(c)).sum();
        if symbols > 256 {
            return Err("Huffman table is damaged (more than 256 symbols)".into());
        }
        payload = rest
            .get(symbols..)
            .ok_or_else(|| "Huffman table is cut short".to_string())?;
    }
    Ok(())
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
