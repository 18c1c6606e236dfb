//! The tag tree read back: every structure element with its type, language,
//! alternative text and the text of the content it points at, in tree order.

use std::collections::BTreeMap;

use lopdf::{Document, Object, ObjectId};

use super::{TextWalker, get, name, resolve, text};

/// One structure element.
#[derive(Debug)]
pub struct Element {
    /// Its structure type (`P`, `H2`, `Figure`, …).
    pub kind: String,
    /// Its own `/Lang`, if it has one.
    pub lang: Option<String>,
    /// Its `/Alt`.
    pub alt: Option<String>,
    /// The text of its content and its descendants', in tree order.
    pub text: String,
    /// How deep it sits below the tree's root.
    pub depth: usize,
    /// Link annotations it holds.
    pub links: usize,
}

/// The elements of the document's tag tree, parents before their children.
pub fn elements(doc: &Document) -> Vec<Element> {
    let pages: BTreeMap<ObjectId, BTreeMap<i64, String>> = doc
        .get_pages()
        .values()
        .map(|&id| (id, TextWalker::page_by_mcid(doc, id)))
        .collect();
    let catalog = doc.catalog().expect("a catalog");
    let root = get(doc, catalog, b"StructTreeRoot")
        .and_then(|r| r.as_dict().ok())
        .expect("the catalog has a /StructTreeRoot");
    let mut reader = Reader {
        doc,
        pages: &pages,
        out: Vec::new(),
    };
    if let Ok(k) = root.get(b"K") {
        reader.node(k, None, 0);
    }
    reader.out
}

struct Reader<'a> {
    doc: &'a Document,
    pages: &'a BTreeMap<ObjectId, BTreeMap<i64, String>>,
    out: Vec<Element>,
}

impl Reader<'_> {
    /// Reads one kid of an element; returns the text it stands for.
    fn node(&mut self, obj: &Object, page: Option<ObjectId>, depth: usize) -> String {
        let doc = self.doc;
        match resolve(doc, obj) {
            Object::Array(kids) => kids.iter().map(|k| self.node(k, page, depth)).collect(),
            Object::Integer(mcid) => self.marked(page, *mcid),
            Object::Dictionary(d) => {
                let kind = d.get(b"Type").map(name).unwrap_or_default();
                let pg = d.get(b"Pg").and_then(Object::as_reference).ok().or(page);
                match kind.as_str() {
                    "MCR" => {
                        let mcid = d.get(b"MCID").and_then(Object::as_i64).expect("an MCID");
                        self.marked(pg, mcid)
                    }
                    "OBJR" => {
                        if let Some(last) = self.out.last_mut() {
                            last.links += 1;
                        }
                        String::new()
                    }
                    _ => {
                        let at = self.out.len();
                        self.out.push(Element {
                            kind: d.get(b"S").map(name).unwrap_or_default(),
                            lang: get(doc, d, b"Lang").map(text),
                            alt: get(doc, d, b"Alt").map(text),
                            text: String::new(),
                            depth,
                            links: 0,
                        });
                        let t = match d.get(b"K") {
                            Ok(k) => self.node(k, pg, depth + 1),
                            Err(_) => String::new(),
                        };
                        self.out[at].text = t.clone();
                        t
                    }
                }
            }
            _ => String::new(),
        }
    }

    fn marked(&self, page: Option<ObjectId>, mcid: i64) -> String {
        let page = page.expect("marked content names its page");
        // The text carries the space or line break before it, as the page has it.
        self.pages[&page].get(&mcid).cloned().unwrap_or_default()
    }
}
