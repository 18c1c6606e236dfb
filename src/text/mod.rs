//! Text: fonts, shaping, line breaking, hyphenation and justification. The only
//! module that knows the shaper.

pub mod breaking;
pub mod fonts;
mod hyphenate;
mod line;
mod model;
pub mod paragraph;
mod segment;

pub use fonts::{FontBook, FontEntry};
pub use paragraph::{Align, Family, Line, ParStyle, SetParagraph, Styled, Typesetter};
