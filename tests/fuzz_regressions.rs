//! Inputs the fuzzers in `fuzz/` once found a problem with, minimised, replayed
//! through the same checks the fuzz targets run (`fuzz/common/checks.rs`). Each must
//! now be handled: accepted, or rejected with an input error (exit code 2), without a
//! panic. The inputs live in `tests/fuzz/<target>-<name>.<ext>`.

use std::path::{Path, PathBuf};

use brochure::text::FontBook;

#[path = "../fuzz/common/checks.rs"]
mod checks;

fn input(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A fresh folder for one case, removed again when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!(
            "brochure-fuzz-regression-{}-{name}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create scratch folder");
        Scratch(dir)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

// Unused until the content target has a finding.
#[allow(dead_code)]
fn content(name: &str) {
    let dir = Scratch::new(name);
    checks::content(&input(name), &dir.0.join("content.yaml"));
}

fn photo(name: &str) {
    let dir = Scratch::new(name);
    checks::photo(&input(name), &dir.0.join("photo"), &FontBook::new(), true);
}

fn pipeline(name: &str) {
    let dir = Scratch::new(name);
    let data = input(name);
    checks::pipeline(&checks::Case::read(&data), &dir.0);
}

/// One test per saved input, named after the file.
macro_rules! cases {
    ($($(#[$attr:meta])* $test:ident: $check:ident($file:literal);)*) => {
        $(
            #[test]
            $(#[$attr])*
            fn $test() {
                $check($file);
            }
        )*

        /// Every file in tests/fuzz has a test above.
        #[test]
        fn every_saved_input_is_replayed() {
            let listed: &[&str] = &[$($file),*];
            let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz");
            let mut missing = Vec::new();
            for entry in std::fs::read_dir(&dir).expect("tests/fuzz exists").flatten() {
                let name = entry.file_name().to_string_lossy().into_owned();
                if !listed.contains(&name.as_str()) {
                    missing.push(name);
                }
            }
            assert!(missing.is_empty(), "no test replays {missing:?}");
        }
    };
}

cases! {
    /// A 25-byte JPEG with a frame header but no quantisation or Huffman tables:
    /// `image::prepare` passed it through, krilla's header reader rejected it, and
    /// `pdf::write` returned early with a transform still pushed on the page surface,
    /// whose drop then panicked (krilla `surface.rs`: `push_instructions.is_empty()`).
    /// Now prepare decodes a JPEG once before passthrough and rejects it.
    photo_jpeg_without_tables: photo("photo-jpeg-without-tables.jpg");
    /// The same photo in a brochure built from the example content.
    pipeline_jpeg_without_tables: pipeline("pipeline-jpeg-without-tables.bin");
    /// An extra font without its `hhea` table, used for a character no bundled font
    /// has: the shaper takes it, and krilla's subsetter fails at the end of
    /// `pdf::write` ("failed to subset font: malformed font"). That came back as
    /// `Error::Internal` (exit code 1) though the font file is at fault; now it is an
    /// input error naming the font. A font without `loca` failed the same way.
    pipeline_font_without_hhea: pipeline("pipeline-font-without-hhea.bin");
    /// The same with a font that has no `loca` table.
    pipeline_font_without_loca: pipeline("pipeline-font-without-loca.bin");
}
