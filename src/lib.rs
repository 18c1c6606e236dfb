//! `brochure` turns an organisation's content — prose sections, key figures, photos —
//! into print-quality PDF fact sheets, brochures and tri-folds.
//!
//! The pipeline is visible in the modules: [`content`] loads and validates YAML,
//! [`compose`] turns the model into blocks for a layout, [`layout`] places blocks on
//! pages of [`layout::frame`] items, and [`pdf`] writes those frames. [`text`] shapes
//! and breaks text; [`image`] decodes and prepares photos.

// The people who run this are not programmers: a panic in their build is a crash that
// names no file and no line. Every failure must be an error message instead, so library
// code may not unwrap, expect, panic or index unchecked; the few spots that index
// directly allow it locally and state why the index is in range.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

pub mod build;
pub mod compose;
pub mod content;
pub mod diag;
pub mod files;
pub mod image;
pub mod layout;
pub mod limits;
pub mod pdf;
pub mod preflight;
pub mod report;
pub mod text;

pub use diag::{Diagnostic, Error, Severity};
