//! Findings that are recorded as regression tests but not fixed yet, which the fuzz
//! targets step around so that they keep looking for other problems instead of
//! rediscovering these. Set `BROCHURE_FUZZ_ALL` to step around nothing.

/// Whether the photo is a JPEG whose headers the PDF writer's JPEG reader (zune-jpeg,
/// through krilla) rejects. `image::prepare` passes such a photo through and the PDF
/// writer then panics (`tests/fuzz/photo-jpeg-without-tables.jpg`).
pub fn jpeg_the_writer_rejects(photo: &[u8]) -> bool {
    if !photo.starts_with(&[0xFF, 0xD8, 0xFF]) || std::env::var_os("BROCHURE_FUZZ_ALL").is_some() {
        return false;
    }
    let mut decoder = zune_jpeg::JpegDecoder::new(std::io::Cursor::new(photo));
    decoder.decode_headers().is_err() || decoder.dimensions().is_none() || decoder.input_colorspace().is_none()
}
