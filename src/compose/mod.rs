//! Composition: the content model plus a layout choice become blocks, the units the
//! layout engine places. Composition decides *what* goes where in reading order;
//! layout decides the geometry.

use crate::content::model::{Content, Inline, Paragraph};
use crate::text::Styled;

/// A unit of flowing content.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A section heading; `section` indexes `Content::sections`.
    Heading {
        /// Heading text.
        text: String,
        /// Section index, for overflow messages and the outline.
        section: usize,
    },
    /// A paragraph of prose.
    Paragraph {
        /// Styled pieces.
        pieces: Vec<Styled>,
        /// First paragraph after a heading (set without indent).
        first: bool,
        /// Section index.
        section: usize,
    },
}

/// The flowing body of a document: every section's heading and paragraphs in order.
pub fn body_blocks(content: &Content) -> Vec<Block> {
    let mut blocks = Vec::new();
    for (si, section) in content.sections.iter().enumerate() {
        blocks.push(Block::Heading {
            text: section.heading.value.clone(),
            section: si,
        });
        for (pi, p) in section.paragraphs.iter().enumerate() {
            blocks.push(Block::Paragraph {
                pieces: pieces(p),
                first: pi == 0,
                section: si,
            });
        }
    }
    blocks
}

/// Converts a paragraph's inline runs to styled pieces for the typesetter.
pub fn pieces(p: &Paragraph) -> Vec<Styled> {
    p.inlines
        .iter()
        .map(
            |Inline::Text {
                 text,
                 emphasis,
                 strong,
                 link,
             }| Styled {
                text: text.clone(),
                bold: *strong,
                italic: *emphasis,
                link: link.clone(),
                color: None,
            },
        )
        .collect()
}
