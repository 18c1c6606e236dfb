//! The whole build: a content file, a photo and maybe a font in a folder, built into
//! one layout on one paper size. The input is a [`checks::Case`], read by the
//! `Arbitrary` impl below in the format described in `fuzz/README.md`, simple enough
//! for `fuzz/seeds.py` to write seeds in. See `common/checks.rs`.

#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use arbitrary::{Arbitrary, Unstructured};
use libfuzzer_sys::fuzz_target;

#[path = "../common/checks.rs"]
mod checks;
#[path = "../common/known.rs"]
mod known;

/// A case as the fuzzer sees it.
#[derive(Debug)]
struct Input<'a>(checks::Case<'a>);

impl<'a> Arbitrary<'a> for Input<'a> {
    fn arbitrary(u: &mut Unstructured<'a>) -> arbitrary::Result<Self> {
        let data = u.bytes(u.len())?;
        Ok(Input(checks::Case::read(data)))
    }
}

/// A folder for this process, emptied before each case.
fn folder() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| std::env::temp_dir().join(format!("brochure-fuzz-pipeline-{}", std::process::id())))
}

fuzz_target!(|input: Input| {
    if known::jpeg_the_writer_rejects(input.0.photo) {
        return;
    }
    checks::pipeline(&input.0, folder());
});
