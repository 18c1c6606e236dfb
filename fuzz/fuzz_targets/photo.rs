//! Photos: any bytes must probe and prepare to an image or an image error, and every
//! prepared image must go through the PDF writer. See `common/checks.rs`.

#![no_main]

use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};

use brochure::text::FontBook;
use libfuzzer_sys::fuzz_target;

#[path = "../common/checks.rs"]
mod checks;
#[path = "../common/known.rs"]
mod known;

/// One file for this process, overwritten by every input.
fn photo_path() -> &'static PathBuf {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("brochure-fuzz-photo-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp folder");
        dir.join("photo")
    })
}

/// The bundled fonts, loaded once: the page has no text, but the writer wants a book.
fn fonts() -> &'static Mutex<FontBook> {
    static FONTS: OnceLock<Mutex<FontBook>> = OnceLock::new();
    FONTS.get_or_init(|| Mutex::new(FontBook::new()))
}

fuzz_target!(|data: &[u8]| {
    let fonts = fonts().lock().unwrap_or_else(|e| e.into_inner());
    // A known finding still goes through probe and prepare, just not the writer.
    let write = !known::jpeg_the_writer_rejects(data);
    checks::photo(data, photo_path(), &fonts, write);
});
