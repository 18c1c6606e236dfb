//! Text: fonts, shaping, line breaking, hyphenation and justification. The only
//! module that knows the shaper.

pub mod breaking;
pub mod fonts;
mod hyphenate;
mod kept;
mod line;
mod model;
pub mod paragraph;
mod segment;

pub use fonts::{FontBook, FontEntry};
pub use paragraph::{Align, Family, Line, ParStyle, SetParagraph, Styled, Typesetter};

/// Whether `c` is Khmer (the Khmer or Khmer Symbols blocks): a script set without
/// spaces between words and justified between its clusters.
pub fn is_khmer_char(c: char) -> bool {
    matches!(c as u32, 0x1780..=0x17FF | 0x19E0..=0x19FF)
}
