//! Vector QR codes: the symbol drawn as filled rectangles, so it stays sharp at any
//! print resolution and costs a few hundred bytes of PDF.

use qrcode::{Color, EcLevel, QrCode};

use crate::content::model::Rgb;
use crate::layout::frame::{Content, Item, MM, Point, Rect, Role, Shape, Tag};

/// Light modules of margin every scanner expects around the symbol (ISO/IEC 18004).
pub const QUIET_ZONE: usize = 4;

/// Smallest module we print: below 0.4 mm phone cameras at arm's length start to fail.
pub const MIN_MODULE: f32 = 0.4 * MM;

/// Error correction level M restores 15 % of damaged modules: enough for folds and
/// scuffs on paper without making the symbol much denser than level L.
const EC_LEVEL: EcLevel = EcLevel::M;

const WHITE: Rgb = Rgb::new(0xff, 0xff, 0xff);

/// A placed QR symbol.
#[derive(Debug, Clone)]
pub struct QrSymbol {
    /// What to draw, in painting order: a white background over the whole square
    /// (an artifact), the dark modules (one [`Role::Figure`] element whose text
    /// alternative names the URL, in the group the caller passed) and a link over the
    /// whole square (an artifact, as links from text are).
    pub items: Vec<Item>,
    /// Side of the square the symbol occupies, quiet zone included: what layouts place.
    pub size: f32,
    /// Side of one module in points.
    pub module: f32,
    /// Modules per side of the code itself, quiet zone excluded.
    pub modules: usize,
    /// The code's modules, row by row, `true` for dark; quiet zone excluded.
    pub dark: Vec<Vec<bool>>,
}

impl QrSymbol {
    /// The square the symbol occupies, quiet zone included.
    pub fn bounds(&self) -> Rect {
        self.items.first().map_or_else(Rect::default, Item::bounds)
    }
}

/// Encodes `data` at our error correction level; the error says why it cannot be.
fn encode(data: &str) -> Result<QrCode, String> {
    if data.is_empty() {
        return Err("there is nothing to encode in the QR code".to_string());
    }
    QrCode::with_error_correction_level(data.as_bytes(), EC_LEVEL)
        .map_err(|e| format!("\"{data}\" cannot be encoded as a QR code: {e}"))
}

/// Modules per side, quiet zone included, of the symbol that encodes `data`.
pub fn side_in_modules(data: &str) -> Result<usize, String> {
    encode(data).map(|c| c.width() + 2 * QUIET_ZONE)
}

/// The module size that makes the symbol for `data`, quiet zone included, exactly
/// `width` points wide; `None` when that module would be smaller than [`MIN_MODULE`]
/// (too small to scan reliably) or `data` cannot be encoded at all.
pub fn module_size_for(width: f32, data: &str) -> Option<f32> {
    let side = side_in_modules(data).ok()?;
    let module = width / side as f32;
    (module.is_finite() && module >= MIN_MODULE).then_some(module)
}

impl QrSymbol {
    /// The symbol with its text alternative replaced by `text`, for a reader in
    /// another language than the default English description.
    pub fn described(mut self, text: &str) -> Self {
        for item in &mut self.items {
            if let Role::Figure(alt) = &mut item.tag.role {
                *alt = text.to_string();
            }
        }
        self
    }
}

/// Builds the QR symbol for `data` (a URL) with its top-left corner, quiet zone
/// included, at `origin`, modules `module` points wide and dark modules in `color`
/// (pick a dark colour: scanners need contrast against the white background).
///
/// The modules are tagged `Role::Figure("QR code linking to <data>")` in `group`,
/// which the caller allocates so the figure takes its place in reading order.
/// Fails when `data` cannot be encoded or `module` is below [`MIN_MODULE`].
pub fn qr_code(
    data: &str,
    origin: Point,
    module: f32,
    color: Rgb,
    group: u32,
) -> Result<QrSymbol, String> {
    if !module.is_finite() || module < MIN_MODULE {
        return Err(format!(
            "QR modules of {:.2} mm are too small to scan; at least {:.1} mm are needed",
            module / MM,
            MIN_MODULE / MM
        ));
    }
    let code = encode(data)?;
    let n = code.width();
    let colors = code.to_colors();
    let dark: Vec<Vec<bool>> = colors
        .chunks(n)
        .map(|row| row.iter().map(|c| *c == Color::Dark).collect())
        .collect();
    let size = (n + 2 * QUIET_ZONE) as f32 * module;

    let mut items = Vec::new();
    // White under the quiet zone too, so the symbol scans on a tinted or photo background.
    items.push(Item {
        pos: origin,
        content: Content::Shape(Shape::Rect {
            w: size,
            h: size,
            fill: WHITE,
        }),
        tag: Tag::ARTIFACT,
    });
    let tag = Tag {
        role: Role::Figure(format!("QR code linking to {data}")),
        group,
    };
    let left = origin.x + QUIET_ZONE as f32 * module;
    let top = origin.y + QUIET_ZONE as f32 * module;
    for (col, row, w, h) in merged_rects(&dark) {
        items.push(Item {
            pos: Point {
                x: left + col as f32 * module,
                y: top + row as f32 * module,
            },
            content: Content::Shape(Shape::Rect {
                w: w as f32 * module,
                h: h as f32 * module,
                fill: color,
            }),
            tag: tag.clone(),
        });
    }
    items.push(Item {
        pos: origin,
        content: Content::Link {
            w: size,
            h: size,
            url: data.to_string(),
        },
        tag,
    });
    Ok(QrSymbol {
        items,
        size,
        module,
        modules: n,
        dark,
    })
}

/// Covers the dark modules with few rectangles: each row's horizontal runs, then runs
/// with the same columns in consecutive rows stacked into one taller rectangle (a
/// finder pattern becomes five). Returns (column, row, width, height)
/// in modules, sorted top to bottom, left to right.
fn merged_rects(dark: &[Vec<bool>]) -> Vec<(usize, usize, usize, usize)> {
    let mut done = Vec::new();
    // Open rectangles: (first column, end column, first row).
    let mut open: Vec<(usize, usize, usize)> = Vec::new();
    for (r, row) in dark.iter().enumerate() {
        let runs = runs(row);
        let mut next = Vec::with_capacity(runs.len());
        for &(a, b) in &runs {
            let start = open
                .iter()
                .find(|&&(oa, ob, _)| oa == a && ob == b)
                .map_or(r, |&(_, _, s)| s);
            next.push((a, b, start));
        }
        for &(a, b, s) in &open {
            if !runs.contains(&(a, b)) {
                done.push((a, s, b - a, r - s));
            }
        }
        open = next;
    }
    for (a, b, s) in open {
        done.push((a, s, b - a, dark.len() - s));
    }
    done.sort_by_key(|&(c, r, _, _)| (r, c));
    done
}

/// Maximal runs of `true` in a row, as half-open column ranges.
fn runs(row: &[bool]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, &d) in row.iter().enumerate() {
        match (d, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, row.len()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merged_rects_cover_exactly_the_dark_modules() {
        let dark = vec![
            vec![true, true, false, true],
            vec![true, true, false, false],
            vec![false, true, true, true],
        ];
        let rects = merged_rects(&dark);
        let mut painted = vec![vec![0u8; 4]; 3];
        for (c, r, w, h) in &rects {
            for row in painted.iter_mut().skip(*r).take(*h) {
                for cell in row.iter_mut().skip(*c).take(*w) {
                    *cell += 1;
                }
            }
        }
        for (r, row) in dark.iter().enumerate() {
            for (c, &d) in row.iter().enumerate() {
                assert_eq!(painted[r][c], u8::from(d), "module ({c}, {r})");
            }
        }
        // The 2 × 2 block at the top left is one rectangle.
        assert!(rects.contains(&(0, 0, 2, 2)));
        assert_eq!(rects.len(), 3);
    }
}
