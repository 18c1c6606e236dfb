//! Text: fonts, shaping, line breaking, hyphenation and justification. The only
//! module that knows the shaper.

pub mod breaking;
mod cjk;
mod fallback;
pub mod fonts;
mod hyphenate;
mod kept;
mod line;
mod model;
pub mod paragraph;
mod segment;

pub use cjk::{has_white_after, is_japanese_letter, scripts_meet};
pub use fonts::{FontBook, FontEntry};
pub use paragraph::{Align, Family, Line, ParStyle, SetParagraph, Styled, Typesetter};

/// The primary language of a BCP 47 tag: `km` for `km-KH`, `en` for `en_GB`.
pub fn primary_language(lang: &str) -> &str {
    lang.split(['-', '_']).next().unwrap_or("")
}

/// How much more leading than Latin text a language's body needs. Khmer stacks a
/// subscript consonant and a vowel below its letters and up to two signs above them,
/// so lines set at a Latin leading nearly touch: it is set 15 % more openly. Japanese
/// fills its whole em with every character, with no ascenders or descenders to open
/// the lines, and reads best with half to three quarters of an em between them: it
/// is set 20 % more openly (1.6 times the size, where Latin body text sets at about
/// 1.33). Every other language the layouts know sets at the Latin leading.
pub fn script_leading(lang: &str) -> f32 {
    match primary_language(lang) {
        "km" => KHMER_LEADING,
        "ja" => JAPANESE_LEADING,
        _ => 1.0,
    }
}

/// The Khmer body's leading over the Latin one's.
const KHMER_LEADING: f32 = 1.15;

/// The Japanese body's leading over the Latin one's.
const JAPANESE_LEADING: f32 = 1.2;

/// Whether `c` is Khmer (the Khmer or Khmer Symbols blocks): a script set without
/// spaces between words and justified between its clusters.
pub fn is_khmer_char(c: char) -> bool {
    matches!(c as u32, 0x1780..=0x17FF | 0x19E0..=0x19FF)
}
