//! The tag tree: the document's structure (title, headings, paragraphs, figures and
//! captions) in reading order, so screen readers, reflow and text extraction follow
//! the content rather than the drawing order, and each element names its language
//! where it is not the document's.

use std::collections::BTreeMap;

use krilla::tagging::{
    Artifact, ArtifactType, ContentTag, Identifier, Node, SpanTag, Tag, TagGroup, TagKind, TagTree,
};

use crate::layout::frame::{Content, Document, Item, Role, Tag as ItemTag};

/// Orders elements: by group (reading order), then by role for the rare group
/// number two roles share.
type Key = (u32, u8);

fn key(tag: &ItemTag) -> Option<Key> {
    let rank = match tag.role {
        Role::Heading(_) => 0,
        Role::Paragraph => 1,
        Role::Figure(_) => 2,
        Role::Caption => 3,
        Role::Artifact => return None,
    };
    Some((tag.group, rank))
}

/// One structure element being filled as its pieces are drawn.
struct Element {
    role: Role,
    /// Its language where every text run in it has that one and it is not the
    /// document's.
    lang: Option<String>,
    children: Vec<Node>,
}

/// The structure collected while pages are drawn.
pub(super) struct Structure<'a> {
    doc_lang: &'a str,
    elements: BTreeMap<Key, Element>,
}

impl<'a> Structure<'a> {
    /// Reads every element's language before anything is drawn, so a paragraph in
    /// one other language is marked once, on the element, not on each line.
    pub(super) fn new(doc: &'a Document) -> Self {
        let doc_lang = doc.info.lang.as_str();
        let mut langs: BTreeMap<Key, (Role, Option<&str>, bool)> = BTreeMap::new();
        for item in doc.pages.iter().flat_map(|p| &p.items) {
            let Some(k) = key(&item.tag) else { continue };
            let entry = langs
                .entry(k)
                .or_insert_with(|| (item.tag.role.clone(), None, true));
            if let Content::Text(run) = &item.content {
                match entry.1 {
                    None => entry.1 = Some(run.lang.as_str()),
                    Some(l) if l != run.lang => entry.2 = false,
                    Some(_) => {}
                }
            }
        }
        let elements = langs
            .into_iter()
            .map(|(k, (role, lang, uniform))| {
                let lang = lang
                    .filter(|l| uniform && *l != doc_lang)
                    .map(str::to_string);
                let children = Vec::new();
                (
                    k,
                    Element {
                        role,
                        lang,
                        children,
                    },
                )
            })
            .collect();
        Structure { doc_lang, elements }
    }

    /// The marked-content tag `item` is drawn inside.
    pub(super) fn content_tag<'i>(&self, item: &'i Item) -> ContentTag<'i> {
        let Some(element) = key(&item.tag).and_then(|k| self.elements.get(&k)) else {
            let kind = match item.content {
                Content::Text(_) => ArtifactType::PaginationOther,
                _ => ArtifactType::Layout,
            };
            return ContentTag::Artifact(Artifact::with_kind(kind));
        };
        match &item.content {
            Content::Text(run) => {
                let around = element.lang.as_deref().unwrap_or(self.doc_lang);
                let lang = (run.lang != around).then_some(run.lang.as_str());
                ContentTag::Span(SpanTag::empty().with_lang(lang))
            }
            _ => ContentTag::Other,
        }
    }

    /// Files the drawn content `id` under the element of `tag`; artifacts have none.
    pub(super) fn add(&mut self, tag: &ItemTag, id: Identifier) {
        if let Some(element) = key(tag).and_then(|k| self.elements.get_mut(&k)) {
            element.children.push(Node::Leaf(id));
        }
    }

    /// Whether `tag` names an element; a link outside every element is added untagged.
    pub(super) fn has_element(&self, tag: &ItemTag) -> bool {
        key(tag).is_some_and(|k| self.elements.contains_key(&k))
    }

    /// Files the link annotation `id` inside the element of `tag`.
    pub(super) fn add_link(&mut self, tag: &ItemTag, id: Identifier) {
        if let Some(element) = key(tag).and_then(|k| self.elements.get_mut(&k)) {
            let link = TagGroup::with_children(Tag::Link, vec![Node::Leaf(id)]);
            element.children.push(Node::Group(link));
        }
    }

    /// The finished tree: one element per group, in reading order.
    pub(super) fn tree(self) -> TagTree {
        let mut tree = TagTree::new();
        for element in self.elements.into_values() {
            if element.children.is_empty() {
                continue;
            }
            let kind = kind(&element.role).with_lang(element.lang);
            tree.push(TagGroup::with_children(kind, element.children));
        }
        tree
    }
}

/// The PDF structure type of a role.
fn kind(role: &Role) -> TagKind {
    match role {
        Role::Heading(level) => {
            let level = std::num::NonZeroU16::new(u16::from(*level).clamp(1, 6))
                .unwrap_or(std::num::NonZeroU16::MIN);
            Tag::Hn(level, None).into()
        }
        Role::Paragraph | Role::Artifact => Tag::P.into(),
        Role::Figure(alt) => Tag::Figure(Some(alt.clone())).into(),
        Role::Caption => Tag::Caption.into(),
    }
}
