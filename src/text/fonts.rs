//! The font book: bundled fonts plus any the content file adds, registered with the
//! shaper and numbered so frames can refer to them by [`FontId`].

use std::path::Path;
use std::sync::Arc;

use parley::fontique::{Blob, CharmapIndex, Collection, CollectionOptions, SourceCache};
use parley::{FontContext, FontData};

use crate::layout::frame::FontId;

/// Fonts compiled into the binary, so an installed `brochure` works on any machine.
const BUNDLED: &[(&str, &[u8])] = &[
    (
        "NotoSans-Regular.ttf",
        include_bytes!("../../fonts/NotoSans-Regular.ttf"),
    ),
    (
        "NotoSans-Bold.ttf",
        include_bytes!("../../fonts/NotoSans-Bold.ttf"),
    ),
    (
        "NotoSans-Italic.ttf",
        include_bytes!("../../fonts/NotoSans-Italic.ttf"),
    ),
    (
        "NotoSans-BoldItalic.ttf",
        include_bytes!("../../fonts/NotoSans-BoldItalic.ttf"),
    ),
    (
        "NotoSerif-Regular.ttf",
        include_bytes!("../../fonts/NotoSerif-Regular.ttf"),
    ),
    (
        "NotoSerif-Bold.ttf",
        include_bytes!("../../fonts/NotoSerif-Bold.ttf"),
    ),
    (
        "NotoSerif-Italic.ttf",
        include_bytes!("../../fonts/NotoSerif-Italic.ttf"),
    ),
    (
        "NotoSansKhmer-Regular.ttf",
        include_bytes!("../../fonts/NotoSansKhmer-Regular.ttf"),
    ),
    (
        "NotoSansKhmer-Bold.ttf",
        include_bytes!("../../fonts/NotoSansKhmer-Bold.ttf"),
    ),
    (
        "NotoSansCJKjp-Regular-JIS0208.otf",
        include_bytes!("../../fonts/NotoSansCJKjp-Regular-JIS0208.otf"),
    ),
    (
        "NotoSansCJKjp-Bold-JIS0208.otf",
        include_bytes!("../../fonts/NotoSansCJKjp-Bold-JIS0208.otf"),
    ),
];

/// A font file's bytes: borrowed from the binary for bundled fonts (no copy at
/// start-up), owned for fonts loaded from disk.
pub type FontBytes = Arc<dyn AsRef<[u8]> + Send + Sync>;

/// One font file (or one face of a collection) known to the book.
#[derive(Clone)]
pub struct FontEntry {
    /// File name, for messages and tests.
    pub name: String,
    /// The font file's bytes, shared with the shaper and the PDF writer.
    pub data: FontBytes,
    /// Face index inside a collection file.
    pub index: u32,
    blob_id: u64,
    /// Where the face's character map is, to ask which characters it has.
    charmap: CharmapIndex,
}

impl std::fmt::Debug for FontEntry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FontEntry")
            .field("name", &self.name)
            .field("index", &self.index)
            .finish()
    }
}

/// All fonts available to a document, with the shaper's font context.
pub struct FontBook {
    entries: Vec<FontEntry>,
    /// Families added from the content file, used after the bundled ones for
    /// characters those lack.
    extra_families: Vec<String>,
    pub(crate) fcx: FontContext,
}

impl std::fmt::Debug for FontBook {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FontBook")
            .field("entries", &self.entries)
            .finish()
    }
}

impl Default for FontBook {
    fn default() -> Self {
        Self::new()
    }
}

impl FontBook {
    /// A book with the bundled fonts (Noto Sans, Serif, Sans Khmer, Sans CJK JP).
    pub fn new() -> Self {
        // No system fonts: output must not depend on the machine it is built on.
        let collection = Collection::new(CollectionOptions {
            shared: false,
            system_fonts: false,
        });
        let mut book = FontBook {
            entries: Vec::new(),
            extra_families: Vec::new(),
            fcx: FontContext {
                collection,
                source_cache: SourceCache::default(),
            },
        };
        for (name, bytes) in BUNDLED {
            book.register(name, Arc::new(*bytes));
        }
        book
    }

    /// Adds a font file from disk; returns the family names it provides.
    pub fn add_file(&mut self, path: &Path) -> Result<Vec<String>, String> {
        let bytes = crate::files::read_limited(path, crate::limits::MAX_FONT_BYTES).map_err(
            |e| match e {
                crate::files::ReadError::NotFound => "font file not found".to_string(),
                other => format!("cannot read font file: {other}"),
            },
        )?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let first_new = self.entries.len();
        let families = self.register(&name, Arc::new(bytes));
        if families.is_empty() {
            return Err("not a font file the shaper understands (use TrueType or OpenType: .ttf, .otf, .ttc)".into());
        }
        let has_characters = self
            .entries
            .get(first_new..)
            .unwrap_or_default()
            .iter()
            .any(|e| {
                let data: &[u8] = (*e.data).as_ref();
                e.charmap.charmap(data).is_some()
            });
        if !has_characters {
            return Err(
                "the font has no characters that can be used (it has no character map)".into(),
            );
        }
        for f in &families {
            if !self.extra_families.contains(f) {
                self.extra_families.push(f.clone());
            }
        }
        Ok(families)
    }

    fn register(&mut self, name: &str, data: FontBytes) -> Vec<String> {
        let blob = Blob::new(data.clone());
        let blob_id = blob.id();
        let registered = self.fcx.collection.register_fonts(blob, None);
        let mut families = Vec::new();
        for (family, infos) in registered {
            if let Some(fname) = self.fcx.collection.family_name(family) {
                families.push(fname.to_string());
            }
            for info in infos {
                self.entries.push(FontEntry {
                    name: name.to_string(),
                    data: data.clone(),
                    index: info.index(),
                    blob_id,
                    charmap: info.charmap_index(),
                });
            }
        }
        families
    }

    /// The id of a font the shaper returned.
    /// The id of a font the shaper returned; none for a font not in the book (the
    /// shaper only returns fonts registered here).
    pub(crate) fn id_of(&self, font: &FontData) -> Option<FontId> {
        let blob_id = font.data.id();
        let idx = self
            .entries
            .iter()
            .position(|e| e.blob_id == blob_id && e.index == font.index)?;
        Some(FontId(idx as u32))
    }

    /// The font behind an id; none for an id this book did not give out.
    pub fn get(&self, id: FontId) -> Option<&FontEntry> {
        self.entries.get(id.0 as usize)
    }

    /// Whether some font in the book has a glyph for `c`. Characters that are never
    /// drawn (spaces, controls, joiners, variation selectors) count as covered.
    pub fn covers(&self, c: char) -> bool {
        if is_invisible(c) {
            return true;
        }
        self.entries.iter().any(|e| {
            let data: &[u8] = (*e.data).as_ref();
            e.charmap
                .charmap(data)
                .and_then(|map| map.map(c))
                .is_some_and(|glyph| glyph != 0)
        })
    }

    /// Families added by the content file, in the order they were added.
    pub fn extra_families(&self) -> &[String] {
        &self.extra_families
    }

    /// All fonts, indexed by [`FontId`].
    pub fn entries(&self) -> &[FontEntry] {
        &self.entries
    }
}

/// Characters that take no glyph of their own: white space, controls, format
/// characters (joiners, soft hyphen, bidi marks) and variation selectors.
fn is_invisible(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(c,
            '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{180E}'
            | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}'
            | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{E0000}'..='\u{E01EF}')
}
