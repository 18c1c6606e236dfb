//! Text: fonts, shaping, line breaking, hyphenation and justification. The only
//! module that knows the shaper.

pub mod breaking;
pub mod fonts;
pub mod paragraph;

pub use fonts::{FontBook, FontEntry};
pub use paragraph::{Align, Family, Line, ParStyle, SetParagraph, Styled, Typesetter};
