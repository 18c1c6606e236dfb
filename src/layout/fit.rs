//! The fitting tools every layout shares: columns balanced on the grid, and a type
//! range a layout steps through to set its text as large as the room allows.

use crate::layout::flow::{self, Entry, FlowStyle, Flowed};
use crate::layout::frame::Rect;

/// Fewest share of its column a layout's text and figures should fill; a layout below
/// it looks unfinished, and the fit tries larger type and photos first.
pub const MIN_FILL: f32 = 0.8;

/// A designer's range of body sizes for a layout, in points, with the leading kept
/// in proportion: the fit tries them largest first and keeps the first that holds the
/// text, so short content is set larger and long content smaller, never below the
/// floor.
#[derive(Debug, Clone, Copy)]
pub struct TypeRange {
    /// Smallest body size.
    pub min: f32,
    /// The size the layout is designed at.
    pub natural: f32,
    /// Largest body size.
    pub max: f32,
    /// Leading over size at the natural size.
    pub leading_ratio: f32,
}

impl TypeRange {
    /// The sizes to try, largest first: half-point steps down to the natural size,
    /// then on to the floor in smaller steps (long text loses room a little at a time).
    pub fn sizes(&self) -> Vec<f32> {
        let mut out = Vec::new();
        let mut s = self.max;
        while s > self.natural + 0.01 {
            out.push(s);
            s -= 0.5;
        }
        out.push(self.natural);
        let mut s = self.natural - 0.3;
        while s > self.min + 0.01 {
            out.push(s);
            s -= 0.3;
        }
        if self.min < self.natural {
            out.push(self.min);
        }
        out
    }

    /// Leading for body size `size` in language `lang` (more open for Khmer, see
    /// [`crate::text::script_leading`]), rounded to a tenth of a point.
    pub fn leading(&self, size: f32, lang: &str) -> f32 {
        let ratio = self.leading_ratio * crate::text::script_leading(lang);
        (size * ratio * 10.0).round() / 10.0
    }
}

/// Flows `entries` into `columns` with every column ending at the same grid line, as
/// high as the text allows: the lowest common bottom at which nothing is left over.
/// Columns never grow past their own bottoms. Returns `None` if even the full columns
/// do not hold the text.
pub fn balance(
    entries: &[Entry],
    columns: &[Rect],
    style: &FlowStyle,
    group: &mut u32,
) -> Option<Flowed> {
    let lead = style.body.leading;
    let top = columns.iter().map(|c| c.y).fold(f32::MAX, f32::min);
    let bottom = columns.iter().map(|c| c.bottom()).fold(0.0f32, f32::max);
    let at = |lines: usize| -> Vec<Rect> {
        let limit = top + style.first_baseline + lines as f32 * lead;
        columns
            .iter()
            .map(|c| Rect::new(c.x, c.y, c.w, (limit.min(c.bottom()) - c.y).max(0.0)))
            .collect()
    };
    let try_at = |lines: usize, group: &mut u32| {
        let mut g = *group;
        let f = flow::place(entries, &at(lines), style, &mut g);
        (f.overflow.is_none()).then_some((f, g))
    };
    let full = ((bottom - top - style.first_baseline) / lead)
        .floor()
        .max(0.0) as usize;
    try_at(full, group)?;
    // The lowest bottom that fits: fitting is monotone in the height.
    let (mut lo, mut hi) = (0usize, full);
    while lo < hi {
        let mid = (lo + hi) / 2;
        if try_at(mid, group).is_some() {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    let (flowed, g) = try_at(hi, group)?;
    *group = g;
    Some(flowed)
}

/// The lowest point any placed text or figure of `flowed` reaches.
pub fn content_bottom(flowed: &Flowed) -> f32 {
    flowed
        .items
        .iter()
        .map(|(_, i)| i.bounds().bottom())
        .chain(flowed.figures.iter().map(|f| f.rect.bottom()))
        .fold(0.0, f32::max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_run_from_the_largest_to_the_floor() {
        let r = TypeRange {
            min: 8.0,
            natural: 8.6,
            max: 10.5,
            leading_ratio: 11.4 / 8.6,
        };
        let s = r.sizes();
        assert_eq!(s.first(), Some(&10.5));
        assert_eq!(s.last(), Some(&8.0));
        assert!(s.contains(&8.6));
        assert!(s.windows(2).all(|w| w[0] > w[1]));
        assert!((r.leading(8.6, "en") - 11.4).abs() < 0.01);
        // Khmer and Japanese open up by their scripts' factors, rounded to a tenth.
        assert!((r.leading(8.6, "km") - 13.1).abs() < 0.01);
        assert!((r.leading(8.6, "ja") - 13.7).abs() < 0.01);
        assert!((r.leading(8.6, "fr") - 11.4).abs() < 0.01);
    }
}
