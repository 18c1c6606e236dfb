//! Composition: the content model plus a layout choice become blocks, the units the
//! layout engine places. Composition decides *what* goes where in reading order;
//! layout decides the geometry.

use crate::content::model::{Content, Inline, Letter, Paragraph};
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
        /// The list marker (`•`, `2.`) when the paragraph is a list item.
        item: Option<String>,
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
                item: p.item.clone(),
            });
        }
    }
    blocks
}

/// A letter's flowing text: the greeting, the paragraphs and the sign-off, each a
/// paragraph of its own (section 0; a letter has no sections). The signature that
/// follows is the layout's to place.
pub fn letter_blocks(letter: &Letter) -> Vec<Block> {
    let plain = |text: &str| Block::Paragraph {
        pieces: linked(text),
        first: true,
        section: 0,
        item: None,
    };
    let mut blocks = vec![plain(&letter.greeting.value)];
    blocks.extend(letter.paragraphs.iter().map(|p| Block::Paragraph {
        pieces: pieces(p),
        first: true,
        section: 0,
        item: p.item.clone(),
    }));
    blocks.push(plain(&letter.sign_off.value));
    blocks
}

/// A piece of the flowing body: a block, or a photo that follows one.
#[derive(Debug, Clone, PartialEq)]
pub enum BodyItem {
    /// A heading or paragraph.
    Block(Block),
    /// Photo `index` of the content, in section `section`.
    Photo {
        /// Index into `Content::photos`.
        index: usize,
        /// The section it belongs to.
        section: usize,
    },
}

/// The body with each photo for which `flows` holds placed after the first paragraph
/// of its section: the one it names, or without one the sections in turn.
pub fn body_with_photos(content: &Content, flows: impl Fn(usize) -> bool) -> Vec<BodyItem> {
    let sections = content.sections.len().max(1);
    let mut out = Vec::new();
    for b in body_blocks(content) {
        let first_of = match &b {
            Block::Paragraph {
                section,
                first: true,
                ..
            } => Some(*section),
            _ => None,
        };
        out.push(BodyItem::Block(b));
        let Some(section) = first_of else {
            continue;
        };
        for (index, p) in content.photos.iter().enumerate() {
            if flows(index) && p.section.unwrap_or(index % sections) == section {
                out.push(BodyItem::Photo { index, section });
            }
        }
    }
    out
}

/// Converts a paragraph's inline runs to styled pieces for the typesetter; bare web
/// addresses in the text become links too.
pub fn pieces(p: &Paragraph) -> Vec<Styled> {
    linkify(raw_pieces(p))
}

/// Plain text as pieces, with any web address in it linked.
pub fn linked(text: &str) -> Vec<Styled> {
    linkify(vec![Styled::plain(text)])
}

/// Splits pieces so that every bare `http(s)://…` or `www.…` address is a link of its own.
pub fn linkify(pieces: Vec<Styled>) -> Vec<Styled> {
    let mut out = Vec::with_capacity(pieces.len());
    for piece in pieces {
        if piece.link.is_some() {
            out.push(piece);
            continue;
        }
        let text = piece.text.as_str();
        let mut last = 0;
        let mut i = 0;
        while i < text.len() {
            let rest = &text[i..];
            let at_word_start =
                i == 0 || text[..i].ends_with(|c: char| c.is_whitespace() || c == '(');
            let starts = rest.starts_with("https://")
                || rest.starts_with("http://")
                || rest.starts_with("www.");
            if at_word_start && starts {
                let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
                // Sentence punctuation after an address is not part of it.
                let token = rest[..end]
                    .trim_end_matches(['.', ',', ';', ':', ')', '!', '?', '”', '"', '\'']);
                if token.len() > 4 && token.contains('.') {
                    if last < i {
                        out.push(Styled {
                            text: text[last..i].to_string(),
                            ..piece.clone()
                        });
                    }
                    let url = if token.starts_with("www.") {
                        format!("https://{token}")
                    } else {
                        token.to_string()
                    };
                    out.push(Styled {
                        text: token.to_string(),
                        link: Some(url),
                        ..piece.clone()
                    });
                    i += token.len();
                    last = i;
                    continue;
                }
            }
            i += rest.chars().next().map_or(1, char::len_utf8);
        }
        if last < text.len() {
            out.push(Styled {
                text: text[last..].to_string(),
                ..piece
            });
        }
    }
    out
}

fn raw_pieces(p: &Paragraph) -> Vec<Styled> {
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
                lang: None,
            },
        )
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_addresses_become_links() {
        let p =
            linked("Give online at www.japanheart.org. Or see https://example.org/a?b=1, thanks.");
        let links: Vec<(&str, &str)> = p
            .iter()
            .filter_map(|s| s.link.as_deref().map(|l| (s.text.as_str(), l)))
            .collect();
        assert_eq!(
            links,
            [
                ("www.japanheart.org", "https://www.japanheart.org"),
                ("https://example.org/a?b=1", "https://example.org/a?b=1")
            ]
        );
        let text: String = p.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(
            text,
            "Give online at www.japanheart.org. Or see https://example.org/a?b=1, thanks."
        );
        assert_eq!(linked("no address here").len(), 1);
        assert!(linked("awww.x").iter().all(|s| s.link.is_none()));
    }
}
