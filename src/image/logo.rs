//! The organisation's logo: an SVG drawing kept as vectors, or a PNG or JPEG picture.
//!
//! A drawing stays sharp at every size and costs a few kilobytes, so it is what a print
//! shop asks for. Its text must already be outlines: the build has none of the
//! designer's fonts, and a logo set in a substitute font is a different logo.

use std::fmt;
use std::path::Path;
use std::sync::Arc;

use super::{PhotoCache, Placement, PreparedImage};
use crate::files::{ReadError, read_limited};
use crate::limits::MAX_LOGO_BYTES;

/// A parsed SVG drawing, ready for the PDF writer.
pub struct VectorImage {
    tree: usvg::Tree,
}

impl VectorImage {
    /// The parsed drawing.
    pub fn tree(&self) -> &usvg::Tree {
        &self.tree
    }
}

impl fmt::Debug for VectorImage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = self.tree.size();
        write!(f, "VectorImage({} × {})", s.width(), s.height())
    }
}

/// What a logo is drawn from.
#[derive(Debug, Clone)]
pub enum Graphic {
    /// An SVG drawing.
    Vector(Arc<VectorImage>),
    /// A PNG or JPEG picture.
    Raster(Arc<PreparedImage>),
}

/// A logo ready to be placed.
#[derive(Debug, Clone)]
pub struct Logo {
    /// Width over height, as drawn.
    pub aspect: f32,
    /// The drawing or picture.
    pub graphic: Graphic,
}

/// Why a logo could not be used, with what to do about it.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{message}")]
pub struct LogoError {
    /// The problem, naming the file.
    pub message: String,
    /// How to fix it.
    pub help: String,
}

/// The widest a raster logo is ever printed, in points: it is prepared for this size,
/// so a huge PNG is reduced once instead of embedded whole.
const MAX_PRINTED_WIDTH_PT: f32 = 60.0 * crate::layout::frame::MM;

/// Loads the logo at `path`: an `.svg` is parsed, anything else decoded as a picture.
pub fn load(path: &Path) -> Result<Logo, LogoError> {
    let is_svg = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("svg"));
    if is_svg {
        load_svg(path)
    } else {
        load_raster(path)
    }
}

fn load_svg(path: &Path) -> Result<Logo, LogoError> {
    let shown = path.display();
    let data = read_limited(path, MAX_LOGO_BYTES).map_err(|e| read_error(path, &e))?;
    if let Some(line) = text_element_line(&data) {
        return Err(LogoError {
            message: format!("the logo {shown} has text in it (line {line} of the SVG)"),
            help: "convert the text to outlines in your drawing program (Inkscape: Path ▸ \
                   Object to Path; Illustrator: Type ▸ Create Outlines) and save the SVG again, \
                   or export the logo as a PNG"
                .into(),
        });
    }
    let tree = usvg::Tree::from_data(&data, &svg_options()).map_err(|e| LogoError {
        message: format!("the logo {shown} is not an SVG drawing that can be read: {e}"),
        help: "open it in a drawing program and save it again as plain SVG, or export the \
               logo as a PNG"
            .into(),
    })?;
    let size = tree.size();
    if !tree.root().has_children() {
        return Err(LogoError {
            message: format!("the logo {shown} draws nothing"),
            help: "check that the SVG file is the logo itself and not an empty page".into(),
        });
    }
    Ok(Logo {
        aspect: size.width() / size.height(),
        graphic: Graphic::Vector(Arc::new(VectorImage { tree })),
    })
}

/// Options that keep the parser to the file itself: no pictures are read from other
/// files (that would be an unbounded read behind the author's back), no system fonts.
fn svg_options() -> usvg::Options<'static> {
    usvg::Options {
        image_href_resolver: usvg::ImageHrefResolver {
            resolve_data: usvg::ImageHrefResolver::default_data_resolver(),
            resolve_string: Box::new(|_, _| None),
        },
        ..usvg::Options::default()
    }
}

/// The line of the first `<text>` element, if any. The parser would drop such text
/// silently for want of fonts, so it is looked for in the source.
fn text_element_line(data: &[u8]) -> Option<usize> {
    let text = String::from_utf8_lossy(data);
    let mut at = 0;
    while let Some(i) = text[at..].find('<') {
        let start = at + i + 1;
        let name_end = text[start..]
            .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .map_or(text.len(), |j| start + j);
        let name = &text[start..name_end];
        let local = name.rsplit(':').next().unwrap_or(name);
        if local == "text" {
            return Some(text[..start].matches('\n').count() + 1);
        }
        at = start;
    }
    None
}

fn load_raster(path: &Path) -> Result<Logo, LogoError> {
    let shown = path.display();
    let cache = PhotoCache::global();
    let wrap = |e: super::ImageError| LogoError {
        message: format!("the logo {shown} cannot be used: {e}"),
        help: e.help().into(),
    };
    let (w, h) = cache.probe(path).map_err(wrap)?;
    let aspect = w.max(1) as f32 / h.max(1) as f32;
    let placement = Placement {
        width_pt: MAX_PRINTED_WIDTH_PT,
        height_pt: MAX_PRINTED_WIDTH_PT / aspect,
        max_ppi: 600.0,
    };
    let image = cache.prepare(path, Some(placement)).map_err(wrap)?;
    Ok(Logo {
        aspect,
        graphic: Graphic::Raster(image),
    })
}

fn read_error(path: &Path, e: &ReadError) -> LogoError {
    LogoError {
        message: format!("the logo {} cannot be read: {e}", path.display()),
        help: "check the path in `organisation.logo` and that the file may be read".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_text_elements_with_or_without_a_prefix() {
        assert_eq!(
            text_element_line(b"<svg>\n<text x='1'>A</text></svg>"),
            Some(2)
        );
        assert_eq!(
            text_element_line(b"<svg><svg:text>A</svg:text></svg>"),
            Some(1)
        );
        assert_eq!(text_element_line(b"<svg><textPath/><texture/></svg>"), None);
        assert_eq!(text_element_line(b"<svg><path d='M0 0'/></svg>"), None);
    }
}
