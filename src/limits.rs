//! Every size limit `brochure` enforces, in one place.
//!
//! Each limit exists so that no input, however large or hostile, can make a build read
//! without end, take gigabytes of memory or run for minutes. Crossing one is an input
//! error that names the limit and says how to get under it; none is ever a hang or a
//! crash. The same numbers are documented for authors in `docs/content-format.md`
//! ("Limits"); a test checks that the two agree.

/// Largest content file read, in bytes (10 MB). The longest real content files are a
/// few tens of kilobytes.
pub const MAX_CONTENT_BYTES: u64 = 10_000_000;

/// Largest photo file read, in bytes (100 MB).
pub const MAX_PHOTO_BYTES: u64 = 100_000_000;

/// Largest photo accepted, in pixels (100 megapixels).
///
/// Decoding allocates 3–8 bytes a pixel, several times over while rotating and
/// resampling; beyond this a single photo could take gigabytes of memory.
pub const MAX_PHOTO_PIXELS: u64 = 100_000_000;

/// Largest font file read, in bytes (50 MB). Full CJK fonts are about 20 MB.
pub const MAX_FONT_BYTES: u64 = 50_000_000;

/// Largest logo file read, in bytes (10 MB). A logo is a drawing or a small picture;
/// an SVG logo is usually a few kilobytes, a PNG one a few hundred.
pub const MAX_LOGO_BYTES: u64 = 10_000_000;

/// Most font files a content file may add.
pub const MAX_FONTS: usize = 16;

/// Longest paragraph, in characters (200 000 characters). About 60 printed pages of
/// text; line breaking a paragraph costs memory in proportion to its length. Every
/// other single text (a title, a caption) has the same limit.
pub const MAX_PARAGRAPH_CHARS: usize = 200_000;

/// Deepest nesting of lists and maps in a content file (32 levels). The format itself
/// needs four levels; the margin is for YAML written in unusual styles.
pub const MAX_NESTING_DEPTH: usize = 32;

/// Fewest key figures a layout is built with: every layout's grid takes 3 to
/// [`MAX_KEY_FIGURES`].
pub const MIN_KEY_FIGURES: usize = 3;

/// Most key figures a content file may have.
pub const MAX_KEY_FIGURES: usize = 8;

/// Most prose sections a content file may have.
pub const MAX_SECTIONS: usize = 40;

/// Most photos a content file may have.
pub const MAX_PHOTOS: usize = 40;

/// Most bars in a chart.
pub const MAX_CHART_BARS: usize = 12;

/// Largest number a chart bar's `value` or the chart's `max` may be (10^15, written
/// `1 000 000 000 000 000` in the documentation). Beyond it a number has more digits
/// than a chart can print, and past about 9 × 10^18 it no longer even converts to a
/// whole number.
pub const MAX_CHART_VALUE: f64 = 1e15;

/// Most values that aliases (`*name`) may repeat in all, counted as YAML events. Real
/// content files use no aliases; this stops "billion laughs" files, where a few lines
/// of aliases expand into billions of values.
pub const MAX_ALIAS_EVENTS: usize = 10_000;

/// Longest value echoed back in a message, in characters; longer ones are shortened
/// with an ellipsis so that a runaway value cannot flood the terminal.
pub const MAX_ECHO_CHARS: usize = 60;

/// Most entries in `khmer_words:` (500). Each is looked for in every paragraph, so
/// the list is bounded like every other input; a long name list is a few dozen.
pub const MAX_KEPT_WORDS: usize = 500;

/// Longest entry in `khmer_words:`, in characters (60). A word kept whole must fit on
/// one line of the narrowest column.
pub const MAX_KEPT_WORD_CHARS: usize = 60;
