//! Content files: any text must parse to content or to input errors. The file is
//! said to live in an empty temp folder, so every photo or font it names is missing
//! (or found outside, for paths that climb out of it). See `common/checks.rs`.

#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

#[path = "../common/checks.rs"]
mod checks;

fn content_path() -> &'static PathBuf {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("brochure-fuzz-content-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp folder");
        dir.join("content.yaml")
    })
}

fuzz_target!(|data: &[u8]| checks::content(data, content_path()));
