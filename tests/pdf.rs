//! The fact sheet PDF, read back: the example content is built into a scratch folder
//! and the file is opened with lopdf to check what a printer, a viewer and a screen
//! reader get — one page of the right size, embedded subset fonts, text that extracts
//! as the sentences of the content file, the photo passed through untouched, a working
//! link, document metadata, and byte-for-byte reproducible output.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use brochure::build::{BuildOptions, LayoutKind, build};
use brochure::layout::Paper;
use lopdf::content::Content;
use lopdf::{Dictionary, Document, Encoding, Object, ObjectId, decode_text_string};

#[path = "pdf/structure.rs"]
mod structure;

/// The creation date every build here uses: 2023-11-14T22:13:20Z.
const CREATED: i64 = 1_700_000_000;

/// Sentences of the example content that must come out of the PDF whole.
///
/// They cover both columns, text on either side of the photo, an emphasised
/// passage, a bold run inside a line, a paragraph that the layout hyphenates, and
/// the header.
const SENTENCES: &[&str] = &[
    "Japan Heart Cambodia",
    "Equal access to medical care for every child, wherever they are born.",
    "It is believed that only about 40 doctors survived the Khmer Rouge.",
    "Since 2018 we have expanded our pediatric ward to include a facility for the treatment of pediatric cancer",
    "We began by renting a small space in a rural hospital and set out by performing two operations per month.",
    "In Cambodia, the number of patients with pediatric cancer is thought to be around 600 cases per year, of which only 200 receive medical treatment.",
    "As a result, the survival rate of such cancers is less than 20%, whereas in developed countries the rate is more than 80%.",
    "Help realize a society where each and every person has equal access to medical care, with no discrimination by nationality/locality, race, politics, religion, or circumstance, and ultimately appreciates their lives on earth.",
];

/// Words of the example content that the body font sets with an f-ligature
/// (ff, fi, fl, ffi): each glyph stands for several letters, and all of them must
/// come back out.
const LIGATURE_WORDS: &[&str] = &[
    "fulfilling its vision",
    "redefine what",
    "with flexibility.",
    "the effects of the notorious Pol Pot regime",
    "the medical field in Cambodia",
    "cannot afford to pay",
    "often ineffective due",
    "skilled local medical staff,",
];

/// The crate root.
fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The bundled example content file.
fn example() -> PathBuf {
    root().join("content/japan-heart-cambodia.yaml")
}

/// A fresh, empty folder under the system temp folder, removed again when dropped.
struct Scratch(PathBuf);

impl Scratch {
    /// Makes `<temp>/brochure-pdf-<pid>-<name>`, emptying it if a previous run left it.
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("brochure-pdf-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create a scratch folder");
        Scratch(dir)
    }

    /// A path inside the folder.
    fn join(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Builds the example on `paper` through the library and returns the PDF's bytes.
fn build_example(paper: Paper, name: &str) -> Vec<u8> {
    let (report, output, bytes) = build_in(LayoutKind::Factsheet, paper, name);
    assert_eq!(report.output, output);
    assert_eq!(
        report.bytes,
        bytes.len(),
        "the report gives the size written"
    );
    assert_eq!(report.pages, 1);
    bytes
}

/// Builds the example's English edition in `layout` on A4 and returns the bytes.
fn build_layout(layout: LayoutKind, name: &str) -> Vec<u8> {
    build_in(layout, Paper::A4, name).2
}

/// Builds the example in `layout` on `paper` into scratch folder `name`: the report,
/// the file and its bytes.
fn build_in(
    layout: LayoutKind,
    paper: Paper,
    name: &str,
) -> (brochure::build::BuildReport, PathBuf, Vec<u8>) {
    let dir = Scratch::new(name);
    let output = dir.join("out.pdf");
    let report = build(&BuildOptions {
        content: example(),
        layout,
        paper,
        output: output.clone(),
        lang: None,
        created: Some(CREATED),
    })
    .unwrap_or_else(|e| {
        panic!(
            "the example must build as {layout:?} on {}: {e:?}",
            paper.name()
        )
    });
    let bytes = std::fs::read(&output).expect("the build wrote its output");
    (report, output, bytes)
}

/// The example on A4, built once for all the tests that only read it.
fn a4_bytes() -> &'static [u8] {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    BYTES.get_or_init(|| build_example(Paper::A4, "shared-a4"))
}

/// The example on A4, parsed.
fn a4() -> &'static Document {
    static DOC: OnceLock<Document> = OnceLock::new();
    DOC.get_or_init(|| Document::load_mem(a4_bytes()).expect("lopdf reads the PDF"))
}

/// The only page of `doc`; fails if there is not exactly one.
fn only_page(doc: &Document) -> ObjectId {
    let pages = doc.get_pages();
    assert_eq!(pages.len(), 1, "a fact sheet is exactly one page");
    pages[&1]
}

/// Follows references until a non-reference object.
fn resolve<'a>(doc: &'a Document, obj: &'a Object) -> &'a Object {
    doc.dereference(obj).expect("a reference that resolves").1
}

/// `key` of `dict`, with references followed.
fn get<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    dict.get(key).ok().map(|o| resolve(doc, o))
}

/// A name value as text, for messages and comparisons.
fn name(obj: &Object) -> String {
    String::from_utf8_lossy(obj.as_name().expect("a name")).into_owned()
}

/// A text string (PDFDocEncoding or UTF-16BE with BOM) as a Rust string.
fn text(obj: &Object) -> String {
    decode_text_string(obj).expect("a text string")
}

/// The page's MediaBox as width and height, looking up the page tree if the page
/// inherits it.
fn media_size(doc: &Document, page: ObjectId) -> (f32, f32) {
    let mut node = doc.get_dictionary(page).expect("the page dictionary");
    let bx = loop {
        if let Some(b) = get(doc, node, b"MediaBox") {
            break b.as_array().expect("MediaBox is an array");
        }
        let parent = node
            .get(b"Parent")
            .and_then(Object::as_reference)
            .expect("MediaBox on the page or a parent");
        node = doc
            .get_dictionary(parent)
            .expect("the parent page tree node");
    };
    let n: Vec<f32> = bx
        .iter()
        .map(|v| v.as_float().expect("MediaBox numbers"))
        .collect();
    assert_eq!(n.len(), 4, "MediaBox has four numbers: {n:?}");
    ((n[2] - n[0]).abs(), (n[3] - n[1]).abs())
}

/// Every font dictionary in the file, by object id.
fn fonts(doc: &Document) -> Vec<(ObjectId, &Dictionary)> {
    doc.objects
        .iter()
        .filter_map(|(id, o)| match o {
            Object::Dictionary(d) if d.has_type(b"Font") => Some((*id, d)),
            _ => None,
        })
        .collect()
}

/// Whether a font name carries a subset tag: six capital letters and a plus sign.
fn has_subset_tag(base_font: &str) -> bool {
    let b = base_font.as_bytes();
    b.len() > 7 && b[..6].iter().all(u8::is_ascii_uppercase) && b[6] == b'+'
}

/// A font as the text walker needs it: how to turn codes into text and how far
/// each code moves the pen.
struct FontInfo<'a> {
    /// The font's `/ToUnicode` map (or simple encoding), decoded by lopdf.
    encoding: Encoding<'a>,
    /// Whether codes are two bytes (Type0 with Identity-H) rather than one.
    two_byte: bool,
    /// Advance widths in thousandths of the font size, by code.
    widths: BTreeMap<u32, f32>,
    /// Width of codes not in `widths`.
    default_width: f32,
}

impl<'a> FontInfo<'a> {
    /// Reads a font dictionary.
    fn new(doc: &'a Document, key: &[u8], font: &'a Dictionary) -> FontInfo<'a> {
        let label = String::from_utf8_lossy(key).into_owned();
        let encoding = font
            .get_font_encoding(doc)
            .unwrap_or_else(|e| panic!("font /{label} has no usable encoding: {e:?}"));
        let subtype = get(doc, font, b"Subtype").map(name).unwrap_or_default();
        let mut widths = BTreeMap::new();
        if subtype == "Type0" {
            let enc = get(doc, font, b"Encoding").map(name).unwrap_or_default();
            assert!(
                enc == "Identity-H",
                "font /{label} uses the CMap {enc:?}; only Identity-H is read here"
            );
            let cid = get(doc, font, b"DescendantFonts")
                .and_then(|k| k.as_array().ok())
                .and_then(|k| k.first())
                .map(|k| {
                    resolve(doc, k)
                        .as_dict()
                        .expect("a descendant font is a dictionary")
                })
                .unwrap_or_else(|| panic!("Type0 font /{label} has no descendant"));
            let default_width =
                get(doc, cid, b"DW").map_or(1000.0, |w| w.as_float().expect("DW is a number"));
            let w = get(doc, cid, b"W")
                .and_then(|w| w.as_array().ok())
                .map(Vec::as_slice)
                .unwrap_or(&[]);
            let num = |o: &Object| resolve(doc, o).as_float().expect("a number in W");
            let mut i = 0;
            while i < w.len() {
                let first = num(&w[i]) as u32;
                match w.get(i + 1).map(|o| resolve(doc, o)) {
                    Some(Object::Array(list)) => {
                        for (n, v) in list.iter().enumerate() {
                            widths.insert(first + n as u32, num(v));
                        }
                        i += 2;
                    }
                    Some(_) => {
                        let last = num(&w[i + 1]) as u32;
                        let v = num(w.get(i + 2).expect("W ranges have a width"));
                        for c in first..=last {
                            widths.insert(c, v);
                        }
                        i += 3;
                    }
                    None => panic!("font /{label} has a truncated W array"),
                }
            }
            FontInfo {
                encoding,
                two_byte: true,
                widths,
                default_width,
            }
        } else {
            let first = get(doc, font, b"FirstChar")
                .map_or(0, |f| f.as_i64().expect("FirstChar is a number"))
                as u32;
            if let Some(list) = get(doc, font, b"Widths").and_then(|w| w.as_array().ok()) {
                for (n, v) in list.iter().enumerate() {
                    widths.insert(
                        first + n as u32,
                        resolve(doc, v).as_float().expect("a number in Widths"),
                    );
                }
            }
            let missing = get(doc, font, b"FontDescriptor")
                .and_then(|d| d.as_dict().ok())
                .and_then(|d| get(doc, d, b"MissingWidth"))
                .map_or(0.0, |w| w.as_float().expect("MissingWidth is a number"));
            FontInfo {
                encoding,
                two_byte: false,
                widths,
                default_width: missing,
            }
        }
    }

    /// How far `bytes` move the pen, in thousandths of the font size.
    fn advance(&self, bytes: &[u8]) -> f32 {
        let code = |c: &[u8]| c.iter().fold(0u32, |acc, b| acc << 8 | u32::from(*b));
        let step = if self.two_byte { 2 } else { 1 };
        bytes
            .chunks(step)
            .map(|c| {
                self.widths
                    .get(&code(c))
                    .copied()
                    .unwrap_or(self.default_width)
            })
            .sum()
    }
}

/// A PDF transformation matrix `[a b c d e f]`.
type Matrix = [f32; 6];

/// The identity matrix.
const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `m` then `n`: the matrix that applies `m` first.
fn mul(m: &Matrix, n: &Matrix) -> Matrix {
    [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]
}

/// Six numeric operands as a matrix.
fn matrix(operands: &[Object]) -> Matrix {
    let v: Vec<f32> = operands
        .iter()
        .map(|o| o.as_float().expect("a matrix number"))
        .collect();
    v.try_into().expect("a matrix has six numbers")
}

/// Where the pen stopped after the last text shown: position on the page and the
/// font size there, in page units.
#[derive(Clone, Copy)]
struct Pen {
    x: f32,
    y: f32,
    size: f32,
}

/// The text of a page in drawing order, using each font's `/ToUnicode` map (through
/// lopdf's decoder) and preferring `/ActualText` where a marked-content span gives
/// one. Positions are tracked so that text continuing on the same baseline joins
/// without a separator (a space only where the glyphs leave a gap), and text on
/// another baseline starts a new line. Form XObjects are read where they are drawn.
struct TextWalker<'a> {
    doc: &'a Document,
    out: String,
    ctm: Matrix,
    saved: Vec<Matrix>,
    tm: Matrix,
    tlm: Matrix,
    leading: f32,
    size: f32,
    pen: Option<Pen>,
    /// Whether /ActualText replaces the glyphs it spans; a reader that ignores it
    /// (as mutool does) sees only the fonts' /ToUnicode maps.
    actual_text: bool,
    /// The text of each marked-content sequence with an /MCID, the pieces the tag
    /// tree points at.
    by_mcid: BTreeMap<i64, String>,
    /// Text in no marked-content sequence with an /MCID and in no artifact: text
    /// the tag tree leaves out.
    untagged: String,
}

impl<'a> TextWalker<'a> {
    /// The text of a page.
    fn page(doc: &'a Document, page: ObjectId) -> String {
        Self::page_with(doc, page, true)
    }

    /// The text of a page, read with or without /ActualText.
    fn page_with(doc: &'a Document, page: ObjectId, actual_text: bool) -> String {
        Self::read(doc, page, actual_text).out
    }

    /// The text of a page that is neither tagged nor an artifact.
    fn page_untagged(doc: &'a Document, page: ObjectId) -> String {
        Self::read(doc, page, true).untagged
    }

    /// The text of each marked-content id of a page.
    fn page_by_mcid(doc: &'a Document, page: ObjectId) -> BTreeMap<i64, String> {
        Self::read(doc, page, true).by_mcid
    }

    fn read(doc: &'a Document, page: ObjectId, actual_text: bool) -> Self {
        let mut w = TextWalker {
            doc,
            out: String::new(),
            ctm: IDENTITY,
            saved: Vec::new(),
            tm: IDENTITY,
            tlm: IDENTITY,
            leading: 0.0,
            size: 0.0,
            pen: None,
            actual_text,
            by_mcid: BTreeMap::new(),
            untagged: String::new(),
        };
        let fonts = Self::fonts(doc, doc.get_page_fonts(page).expect("the page's fonts"));
        let (direct, ids) = doc.get_page_resources(page).expect("the page's resources");
        let mut resources: Vec<&Dictionary> = direct.into_iter().collect();
        resources.extend(ids.into_iter().filter_map(|id| doc.get_dictionary(id).ok()));
        let content = doc
            .get_and_decode_page_content(page)
            .expect("the page content decodes");
        w.walk(&content, &fonts, &resources);
        w
    }

    /// The fonts of a resource dictionary, by resource name.
    fn fonts(
        doc: &'a Document,
        fonts: BTreeMap<Vec<u8>, &'a Dictionary>,
    ) -> BTreeMap<Vec<u8>, FontInfo<'a>> {
        fonts
            .into_iter()
            .map(|(key, font)| (key.clone(), FontInfo::new(doc, &key, font)))
            .collect()
    }

    /// The form XObject named `key` in the first of `resources` that has it.
    fn form(&self, resources: &[&'a Dictionary], key: &[u8]) -> Option<&'a lopdf::Stream> {
        resources.iter().find_map(|r| {
            let xobjects = get(self.doc, r, b"XObject")?.as_dict().ok()?;
            let stream = get(self.doc, xobjects, key)?.as_stream().ok()?;
            let is_form =
                stream.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Form");
            is_form.then_some(stream)
        })
    }

    /// Shows one string: separates it from the text before, appends its text unless
    /// an ActualText stands for it, and moves the pen past it.
    fn show(&mut self, font: &FontInfo, items: &[Object], replaced: bool) {
        let m = mul(&self.tm, &self.ctm);
        let size = self.size * m[0].hypot(m[1]);
        let (x, y) = (m[4], m[5]);
        if let Some(pen) = self.pen {
            let same_line = (y - pen.y).abs() < 0.2 * size.max(pen.size) && x > pen.x - 0.2 * size;
            if !same_line {
                self.out.push('\n');
            } else if x - pen.x > 0.15 * size {
                self.out.push(' ');
            }
        }
        let mut advance = 0.0;
        for item in items {
            match item {
                Object::String(bytes, _) => {
                    if !replaced {
                        let t = Document::decode_text(&font.encoding, bytes)
                            .expect("the string decodes with the font's encoding");
                        self.out.push_str(&t);
                    }
                    advance += font.advance(bytes) / 1000.0 * self.size;
                }
                other => {
                    advance -=
                        other.as_float().expect("TJ holds strings and numbers") / 1000.0 * self.size
                }
            }
        }
        self.tm = mul(&[1.0, 0.0, 0.0, 1.0, advance, 0.0], &self.tm);
        let end = mul(&self.tm, &self.ctm);
        self.pen = Some(Pen {
            x: end[4],
            y: end[5],
            size,
        });
    }

    /// Moves to the start of the next line.
    fn next_line(&mut self) {
        self.tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -self.leading], &self.tlm);
        self.tm = self.tlm;
    }

    /// Walks the operators of one content stream.
    fn walk(
        &mut self,
        content: &Content,
        fonts: &BTreeMap<Vec<u8>, FontInfo>,
        resources: &[&'a Dictionary],
    ) {
        let mut font: Option<&FontInfo> = None;
        // One entry per open marked-content sequence: whether an ActualText replaces
        // the glyphs inside it.
        let mut marked: Vec<bool> = Vec::new();
        // The /MCID of each open sequence that has one.
        let mut ids: Vec<Option<i64>> = Vec::new();
        // Whether each open sequence is an artifact.
        let mut artifact: Vec<bool> = Vec::new();
        let is_artifact =
            |ops: &[Object]| ops.first().and_then(|o| o.as_name().ok()) == Some(b"Artifact");
        let num = |o: Option<&Object>| {
            o.and_then(|o| o.as_float().ok())
                .expect("a numeric operand")
        };
        for op in &content.operations {
            let replaced = marked.iter().any(|&r| r);
            let before = self.out.len();
            let ops = op.operands.as_slice();
            match op.operator.as_str() {
                "q" => self.saved.push(self.ctm),
                "Q" => self.ctm = self.saved.pop().expect("Q matches a q"),
                "cm" => self.ctm = mul(&matrix(ops), &self.ctm),
                "BT" => {
                    self.tm = IDENTITY;
                    self.tlm = IDENTITY;
                }
                "Tm" => {
                    self.tm = matrix(ops);
                    self.tlm = self.tm;
                }
                "Td" | "TD" => {
                    let (tx, ty) = (num(ops.first()), num(ops.get(1)));
                    if op.operator == "TD" {
                        self.leading = -ty;
                    }
                    self.tlm = mul(&[1.0, 0.0, 0.0, 1.0, tx, ty], &self.tlm);
                    self.tm = self.tlm;
                }
                "TL" => self.leading = num(ops.first()),
                "T*" => self.next_line(),
                "Tf" => {
                    let key = ops
                        .first()
                        .and_then(|o| o.as_name().ok())
                        .expect("Tf names a font");
                    font = Some(fonts.get(key).unwrap_or_else(|| {
                        panic!(
                            "Tf uses /{} which is not a font resource",
                            String::from_utf8_lossy(key)
                        )
                    }));
                    self.size = num(ops.get(1));
                }
                "Tj" | "TJ" | "'" | "\"" => {
                    let f = font.expect("text is shown only after Tf");
                    if op.operator != "Tj" && op.operator != "TJ" {
                        self.next_line();
                    }
                    let shown = ops.last().expect("a string to show");
                    let items = match shown {
                        Object::Array(items) => items.as_slice(),
                        other => std::slice::from_ref(other),
                    };
                    self.show(f, items, replaced);
                }
                "BMC" => {
                    marked.push(false);
                    ids.push(None);
                    artifact.push(is_artifact(ops));
                }
                "BDC" => {
                    let props = ops.get(1).map(|o| resolve(self.doc, o));
                    let mcid = props
                        .and_then(|p| p.as_dict().ok())
                        .and_then(|d| d.get(b"MCID").ok())
                        .and_then(|n| n.as_i64().ok());
                    ids.push(mcid);
                    artifact.push(is_artifact(ops));
                    let actual = props
                        .and_then(|p| p.as_dict().ok())
                        .and_then(|d| d.get(b"ActualText").ok())
                        .map(text)
                        .filter(|_| self.actual_text);
                    if let (Some(actual), false) = (&actual, replaced) {
                        self.out.push_str(actual);
                    }
                    marked.push(actual.is_some());
                }
                "EMC" => {
                    marked.pop();
                    ids.pop();
                    artifact.pop();
                }
                "Do" => {
                    let key = ops
                        .first()
                        .and_then(|o| o.as_name().ok())
                        .expect("Do names an XObject");
                    if let Some(form) = self.form(resources, key) {
                        self.form_content(form, fonts, resources);
                    }
                }
                _ => {}
            }
            let open = ids.iter().rev().find_map(|m| *m);
            let added = self.out.get(before..).unwrap_or_default();
            match open {
                Some(id) => self.by_mcid.entry(id).or_default().push_str(added),
                None if !artifact.contains(&true) => self.untagged.push_str(added),
                None => {}
            }
        }
    }

    /// Walks a form XObject with its own resources, or the caller's if it has none.
    fn form_content(
        &mut self,
        form: &'a lopdf::Stream,
        fonts: &BTreeMap<Vec<u8>, FontInfo>,
        resources: &[&'a Dictionary],
    ) {
        let data = form
            .decompressed_content()
            .unwrap_or_else(|_| form.content.clone());
        let inner = Content::decode(&data).expect("the form XObject's content decodes");
        let saved = self.ctm;
        if let Ok(m) = form.dict.get(b"Matrix").and_then(Object::as_array) {
            self.ctm = mul(&matrix(m), &self.ctm);
        }
        let own = get(self.doc, &form.dict, b"Resources").and_then(|r| r.as_dict().ok());
        match own {
            Some(r) => {
                let own_fonts: BTreeMap<Vec<u8>, &Dictionary> = get(self.doc, r, b"Font")
                    .and_then(|f| f.as_dict().ok())
                    .map(|f| {
                        f.iter()
                            .filter_map(|(k, v)| {
                                Some((k.clone(), resolve(self.doc, v).as_dict().ok()?))
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                let own_fonts = Self::fonts(self.doc, own_fonts);
                self.walk(&inner, &own_fonts, &[r]);
            }
            None => self.walk(&inner, fonts, resources),
        }
        self.ctm = saved;
    }
}

/// Extracted text made comparable with the content file: a soft hyphen (the text of a
/// hyphen added at a line break) and the line break after it disappear, a line that
/// ends in a word's own hyphen joins the next without a space, and every run of
/// whitespace becomes one space.
fn normalise(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    let mut pending_space = false;
    while let Some(c) = chars.next() {
        if c == '\u{ad}' {
            while chars.peek().is_some_and(|c| c.is_whitespace()) {
                chars.next();
            }
            continue;
        }
        if c.is_whitespace() {
            let mut gap = String::from(c);
            while let Some(&n) = chars.peek().filter(|c| c.is_whitespace()) {
                gap.push(n);
                chars.next();
            }
            // "front-" at the end of a line and "line" on the next are "front-line".
            let compound = gap.contains('\n')
                && out.ends_with('-')
                && out.chars().rev().nth(1).is_some_and(char::is_alphabetic)
                && chars.peek().is_some_and(|c| c.is_lowercase());
            pending_space = !compound && !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(c);
    }
    out
}

/// The normalised text of the A4 example's page, and the raw text it came from.
fn a4_text() -> &'static (String, String) {
    static TEXT: OnceLock<(String, String)> = OnceLock::new();
    TEXT.get_or_init(|| {
        let doc = a4();
        let raw = TextWalker::page(doc, only_page(doc));
        (normalise(&raw), raw)
    })
}

/// The organisation's website as the example content file states it.
fn example_website() -> String {
    let yaml = std::fs::read_to_string(example()).expect("read the example");
    yaml.lines()
        .find_map(|l| l.trim_start().strip_prefix("website:"))
        .map(|v| v.trim().trim_matches('"').to_string())
        .expect("the example names a website")
}

#[test]
fn a4_is_one_page_of_a4() {
    let doc = a4();
    let (w, h) = media_size(doc, only_page(doc));
    assert!(
        (w - 595.28).abs() <= 0.5 && (h - 841.89).abs() <= 0.5,
        "A4 is 595.28 × 841.89 pt, the page is {w} × {h}"
    );
}

#[test]
fn letter_is_one_page_of_letter() {
    let bytes = build_example(Paper::Letter, "letter");
    let doc = Document::load_mem(&bytes).expect("lopdf reads the PDF");
    let (w, h) = media_size(&doc, only_page(&doc));
    assert!(
        (w - 612.0).abs() <= 0.5 && (h - 792.0).abs() <= 0.5,
        "US Letter is 612 × 792 pt, the page is {w} × {h}"
    );
    let raw = TextWalker::page(&doc, only_page(&doc));
    let text = normalise(&raw);
    for s in SENTENCES {
        assert!(
            text.contains(s),
            "the Letter page is missing {s:?}; it reads:\n{text}"
        );
    }
}

#[test]
fn every_font_is_an_embedded_subset() {
    let doc = a4();
    let all = fonts(doc);
    assert!(!all.is_empty(), "a page of text uses fonts");
    let page_fonts = doc
        .get_page_fonts(only_page(doc))
        .expect("the page's fonts");
    assert!(!page_fonts.is_empty(), "the page lists its fonts");
    let mut descriptors = 0;
    for (id, font) in &all {
        let subtype = name(get(doc, font, b"Subtype").expect("a font has a Subtype"));
        let base = get(doc, font, b"BaseFont").map(name).unwrap_or_default();
        assert_ne!(
            subtype, "Type3",
            "font {id:?} is a Type 3 font, not an embedded font program"
        );
        if subtype == "Type0" {
            assert!(
                has_subset_tag(&base),
                "Type0 font {id:?} is named {base:?}, without a subset tag"
            );
            let kids = get(doc, font, b"DescendantFonts")
                .and_then(|k| k.as_array().ok())
                .expect("a Type0 font has DescendantFonts");
            assert!(!kids.is_empty(), "Type0 font {base} has no descendant");
            for kid in kids {
                let cid = resolve(doc, kid)
                    .as_dict()
                    .expect("a descendant font is a dictionary");
                let cid_base = get(doc, cid, b"BaseFont").map(name).unwrap_or_default();
                assert!(
                    has_subset_tag(&cid_base),
                    "descendant of {base} is named {cid_base:?}, without a subset tag"
                );
            }
            // The descendant is a font dictionary too, so the loop checks its descriptor.
            continue;
        }
        assert!(
            has_subset_tag(&base),
            "{subtype} font {id:?} is named {base:?}, without a subset tag"
        );
        let desc = get(doc, font, b"FontDescriptor").and_then(|d| d.as_dict().ok());
        let desc = desc.unwrap_or_else(|| panic!("font {base} has no FontDescriptor"));
        descriptors += 1;
        let file = [&b"FontFile2"[..], b"FontFile3", b"FontFile"]
            .iter()
            .find_map(|k| get(doc, desc, k));
        let file = file.unwrap_or_else(|| {
            panic!("font {base} is not embedded: no FontFile2/FontFile3 in its descriptor")
        });
        let program = file.as_stream().expect("an embedded font is a stream");
        let data = program
            .decompressed_content()
            .unwrap_or_else(|_| program.content.clone());
        assert!(
            data.len() > 100,
            "font {base} embeds only {} bytes",
            data.len()
        );
        let family = base.split_once('+').map_or(base.as_str(), |(_, f)| f);
        if let Ok(full) = std::fs::metadata(root().join("fonts").join(format!("{family}.ttf"))) {
            assert!(
                (data.len() as u64) < full.len() / 4,
                "font {base} embeds {} bytes of a {}-byte font: not a subset",
                data.len(),
                full.len()
            );
        }
    }
    assert!(
        descriptors > 0,
        "no font program was found behind the page's fonts"
    );
    for (key, font) in page_fonts {
        let base = get(doc, font, b"BaseFont").map(name).unwrap_or_default();
        assert!(
            has_subset_tag(&base),
            "page font /{} is {base:?}",
            String::from_utf8_lossy(&key)
        );
    }
}

#[test]
fn text_extracts_as_the_sentences_of_the_content() {
    let (text, raw) = a4_text();
    for s in SENTENCES {
        assert!(
            text.contains(s),
            "the page text is missing {s:?}; it reads:\n{text}"
        );
    }
    // Hyphens added at line breaks stand for a soft hyphen, so they vanish on copy.
    assert!(
        raw.contains('\u{ad}'),
        "the body is justified and hyphenated, yet no hyphen maps to U+00AD"
    );
    assert!(!text.contains('\u{ad}'));
    assert!(
        !text.contains('\u{fffd}'),
        "some glyphs have no Unicode mapping:\n{text}"
    );
}

#[test]
fn lopdf_extract_text_finds_the_organisation() {
    let doc = a4();
    let text = doc
        .extract_text(&[1])
        .expect("lopdf extracts the page text");
    let flat = normalise(&text);
    assert!(flat.contains("Japan Heart Cambodia"), "{flat}");
}

#[test]
fn ligatures_extract_as_all_their_letters() {
    let (text, _) = a4_text();
    let missing: Vec<&str> = LIGATURE_WORDS
        .iter()
        .copied()
        .filter(|w| !text.contains(w))
        .collect();
    assert!(
        missing.is_empty(),
        "these come out of the PDF wrong: {missing:?}; the page reads:\n{text}"
    );
}

#[test]
fn normalise_joins_hyphenated_lines_and_collapses_space() {
    assert_eq!(
        normalise("  soci\u{ad}\nety  where\n each "),
        "society where each"
    );
    assert_eq!(
        normalise("our front-\nline contributors"),
        "our front-line contributors"
    );
    assert_eq!(normalise("everybody —\nfrom"), "everybody — from");
    assert_eq!(normalise("2004 -\n2008"), "2004 - 2008");
}

#[test]
fn the_photo_is_the_original_jpeg() {
    let doc = a4();
    let original =
        std::fs::read(root().join("assets/photos/paint-brushes.jpg")).expect("read the photo");
    let jpegs: Vec<&lopdf::Stream> = doc
        .objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .filter(|s| {
            s.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Image")
                && match s.dict.get(b"Filter") {
                    Ok(Object::Name(n)) => n == b"DCTDecode",
                    Ok(Object::Array(a)) => {
                        a.len() == 1 && a[0].as_name().ok() == Some(b"DCTDecode")
                    }
                    _ => false,
                }
        })
        .collect();
    assert_eq!(jpegs.len(), 1, "the example has one JPEG photo");
    let jpeg = jpegs[0];
    assert_eq!(
        jpeg.content.len(),
        original.len(),
        "the embedded JPEG is not the original file's size"
    );
    assert!(
        jpeg.content == original,
        "the embedded JPEG differs from assets/photos/paint-brushes.jpg"
    );
    let int = |k: &[u8]| {
        jpeg.dict
            .get(k)
            .and_then(Object::as_i64)
            .expect("image size")
    };
    assert!(int(b"Width") > 0 && int(b"Height") > 0);
}

#[test]
fn the_website_is_a_link() {
    let doc = a4();
    let website = example_website();
    let annots = doc
        .get_page_annotations(only_page(doc))
        .expect("the page's annotations");
    let uris: Vec<String> = annots
        .iter()
        .filter(|a| a.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Link"))
        .filter_map(|a| get(doc, a, b"A").and_then(|a| a.as_dict().ok()))
        .filter(|a| a.get(b"S").and_then(Object::as_name).ok() == Some(b"URI"))
        .filter_map(|a| get(doc, a, b"URI"))
        .map(|u| String::from_utf8_lossy(u.as_str().expect("a URI is a string")).into_owned())
        .collect();
    assert!(
        uris.contains(&website),
        "no /Link to {website}; links found: {uris:?}"
    );
}

#[test]
fn metadata_names_title_author_and_language() {
    let doc = a4();
    let catalog = doc.catalog().expect("a catalog");
    let lang = get(doc, catalog, b"Lang").map(text);
    assert_eq!(lang.as_deref(), Some("en"), "the catalog's /Lang");

    let info = doc
        .trailer
        .get(b"Info")
        .ok()
        .map(|i| resolve(doc, i).as_dict().expect("Info is a dictionary"));
    let xmp = get(doc, catalog, b"Metadata")
        .and_then(|m| m.as_stream().ok())
        .map(|s| {
            String::from_utf8_lossy(
                &s.decompressed_content()
                    .unwrap_or_else(|_| s.content.clone()),
            )
            .into_owned()
        });
    assert!(
        info.is_some() || xmp.is_some(),
        "neither an Info dictionary nor XMP metadata"
    );

    if let Some(info) = info {
        let title = get(doc, info, b"Title")
            .map(text)
            .expect("Info has a Title");
        assert!(
            title.contains("Japan Heart Cambodia")
                && title.contains("Caring for children with cancer in Cambodia"),
            "Title is {title:?}"
        );
        let author = get(doc, info, b"Author")
            .map(text)
            .expect("Info has an Author");
        assert_eq!(author, "Japan Heart Cambodia");
        let created = get(doc, info, b"CreationDate")
            .map(text)
            .expect("Info has a CreationDate");
        assert!(
            created.starts_with("D:20231114221320"),
            "CreationDate {created:?} is not the requested 2023-11-14T22:13:20Z"
        );
    }
    if let Some(xmp) = xmp {
        assert!(
            xmp.contains("Caring for children with cancer in Cambodia"),
            "XMP has no title: {xmp}"
        );
        assert!(
            xmp.contains("Japan Heart Cambodia"),
            "XMP has no author: {xmp}"
        );
        assert!(
            xmp.contains("<rdf:li>en</rdf:li>"),
            "XMP has no language: {xmp}"
        );
    }
}

#[test]
fn the_same_options_give_the_same_bytes() {
    let again = build_example(Paper::A4, "again");
    assert!(
        again == a4_bytes(),
        "two builds with the same options differ"
    );
    let letter = build_example(Paper::Letter, "determinism-letter");
    assert!(letter != a4_bytes(), "A4 and Letter builds should differ");
}

/// Runs the binary's `build` into `output` with `SOURCE_DATE_EPOCH` set.
fn build_with_epoch(output: &Path, epoch: &str) {
    let run = Command::new(env!("CARGO_BIN_EXE_brochure"))
        .arg("build")
        .arg(example())
        .arg("-o")
        .arg(output)
        .env("SOURCE_DATE_EPOCH", epoch)
        .current_dir(root())
        .output()
        .expect("run brochure");
    assert!(
        run.status.success(),
        "build failed: {}",
        String::from_utf8_lossy(&run.stderr)
    );
}

#[test]
fn source_date_epoch_makes_the_binary_reproducible() {
    let dir = Scratch::new("epoch");
    let (first, second, later) = (
        dir.join("first.pdf"),
        dir.join("second.pdf"),
        dir.join("later.pdf"),
    );
    build_with_epoch(&first, "1700000000");
    build_with_epoch(&second, "1700000000");
    let a = std::fs::read(&first).expect("first build");
    let b = std::fs::read(&second).expect("second build");
    assert!(
        a == b,
        "two builds with SOURCE_DATE_EPOCH=1700000000 differ"
    );
    assert!(
        a == a4_bytes(),
        "the binary and the library with the same date should write the same file"
    );
    // The variable really sets the date: another date is another file.
    build_with_epoch(&later, "1800000000");
    let c = std::fs::read(&later).expect("third build");
    assert!(c != a, "SOURCE_DATE_EPOCH does not reach the PDF");
    let doc = Document::load_mem(&c).expect("lopdf reads the PDF");
    let info = resolve(&doc, doc.trailer.get(b"Info").expect("an Info dictionary"))
        .as_dict()
        .expect("Info");
    let created = get(&doc, info, b"CreationDate")
        .map(text)
        .expect("a CreationDate");
    assert!(
        created.starts_with("D:20270115080000"),
        "CreationDate {created:?} for SOURCE_DATE_EPOCH=1800000000"
    );
}

/// Builds a corpus organisation's fact sheet and parses it.
fn corpus_factsheet(name: &str) -> Document {
    let dir = Scratch::new(&format!("logo-{name}"));
    let output = dir.join("factsheet.pdf");
    build(&BuildOptions {
        content: root().join(format!("tests/corpus/{name}.yaml")),
        layout: LayoutKind::Factsheet,
        paper: Paper::A4,
        output: output.clone(),
        lang: None,
        created: Some(CREATED),
    })
    .unwrap_or_else(|e| panic!("{name} must build: {e:?}"));
    Document::load_mem(&std::fs::read(&output).expect("read the PDF")).expect("lopdf reads it")
}

fn images(doc: &Document) -> Vec<&lopdf::Stream> {
    doc.objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .filter(|s| s.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Image"))
        .filter(|s| s.dict.get(b"SMask").is_ok() || s.dict.get(b"Width").is_ok())
        .collect()
}

/// Whether some content stream sets the fill colour to `rgb` (0–255).
fn fills_with(doc: &Document, rgb: [u8; 3]) -> bool {
    let want = rgb.map(|c| c as f32 / 255.0);
    doc.objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .any(|s| {
            let data = s
                .decompressed_content()
                .unwrap_or_else(|_| s.content.clone());
            let Ok(content) = Content::decode(&data) else {
                return false;
            };
            content.operations.iter().any(|op| {
                let nums: Vec<f32> = op
                    .operands
                    .iter()
                    .filter_map(|o| o.as_float().ok())
                    .collect();
                matches!(op.operator.as_str(), "rg" | "sc" | "scn")
                    && nums.len() == 3
                    && nums.iter().zip(want).all(|(a, b)| (a - b).abs() < 0.01)
            })
        })
}

#[test]
fn an_svg_logo_stays_a_drawing() {
    let doc = corpus_factsheet("tiny-library");
    // The library's logo has two pale blue bars found nowhere else on the page.
    assert!(
        fills_with(&doc, [0x61, 0xa5, 0xc2]),
        "the logo's own colour is drawn"
    );
    let pictures = images(&doc)
        .iter()
        .filter(|s| s.dict.get(b"SMask").is_err())
        .count();
    assert_eq!(
        pictures, 1,
        "the photo is the only picture: the logo is paths"
    );
}

#[test]
fn a_png_logo_keeps_its_transparency() {
    let doc = corpus_factsheet("portrait-shelter");
    let masked = images(&doc)
        .iter()
        .filter(|s| s.dict.get(b"SMask").is_ok())
        .count();
    assert_eq!(masked, 1, "the house logo is a picture with a soft mask");
}

#[test]
fn real_hyphens_and_hyphenation_breaks_extract_apart_without_actual_text() {
    for layout in [LayoutKind::Brochure, LayoutKind::Factsheet] {
        let bytes = build_layout(layout, &format!("hyphens-{}", layout.name()));
        let doc = Document::load_mem(&bytes).expect("the PDF loads");
        let mut plain = String::new();
        let mut breaks = 0;
        for (_, page) in doc.get_pages() {
            let raw = TextWalker::page_with(&doc, page, false);
            breaks += raw.matches("\u{ad}\n").count();
            plain.push_str(&normalise(&raw));
        }
        // The content's own hyphens are hyphens in the font's map, not soft hyphens.
        for word in ["medically-isolated", "highly-skilled", "front-line"] {
            assert!(plain.contains(word), "{}: {word} is lost", layout.name());
        }
        // The hyphens added at line ends map to the soft hyphen: the word comes back
        // whole.
        assert!(
            breaks > 0,
            "{}: no hyphenated line ends in a soft hyphen",
            layout.name()
        );
        assert!(plain.contains("pediatric"), "{}", layout.name());
    }
}

/// The example content as the library reads it, for the texts it lays out.
fn example_content() -> brochure::content::Content {
    let src = std::fs::read_to_string(example()).expect("read the example");
    brochure::content::parse_edition(&src, &example(), None).expect("the example is valid")
}

#[test]
fn the_tag_tree_holds_every_text_once_in_reading_order() {
    let doc = a4();
    let untagged = TextWalker::page_untagged(doc, only_page(doc));
    assert!(
        untagged.trim().is_empty(),
        "text outside the tag tree and not an artifact: {untagged:?}"
    );
    let elements = structure::elements(doc);
    let content = example_content();
    let of = |kind: &str| -> Vec<String> {
        elements
            .iter()
            .filter(|e| e.kind == kind)
            .map(|e| normalise(&e.text).trim().to_string())
            .collect()
    };
    assert_eq!(
        of("H1"),
        std::slice::from_ref(&content.organisation.name.value)
    );
    // Section headings in the order of the content (the sheet sets those that fit).
    let headings: Vec<String> = content
        .sections
        .iter()
        .map(|s| s.heading.value.clone())
        .collect();
    let h2 = of("H2");
    assert!(h2.len() >= 2, "section headings: {h2:?}");
    let at: Vec<usize> = h2
        .iter()
        .map(|h| headings.iter().position(|c| c == h).unwrap_or(usize::MAX))
        .collect();
    assert!(
        at.windows(2).all(|w| w[0] < w[1]),
        "H2 {h2:?} against {headings:?}"
    );
    // Every sentence lies inside one paragraph element: a paragraph's lines, in both
    // columns and around the photo, are one element, and the elements follow the
    // content.
    let paragraphs: Vec<String> = elements
        .iter()
        .filter(|e| ["P", "H1"].contains(&e.kind.as_str()))
        .map(|e| normalise(&e.text))
        .collect();
    let source = std::fs::read_to_string(example()).expect("read the example");
    // Markup out, lines joined: the sentences as the content file orders them.
    let source = source.replace(['*', '_'], "");
    let source = source.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut in_source: Vec<&str> = SENTENCES.to_vec();
    in_source.sort_by_key(|s| {
        source
            .find(s)
            .unwrap_or_else(|| panic!("{s:?} not in the file"))
    });
    let mut last = 0;
    for sentence in in_source {
        let found = paragraphs.iter().position(|p| p.contains(sentence));
        let found = found.unwrap_or_else(|| panic!("no one P element holds {sentence:?}"));
        assert!(
            found >= last,
            "{sentence:?} is read before the sentence above it"
        );
        last = found;
    }
    let alts: Vec<&str> = elements
        .iter()
        .filter(|e| e.kind == "Figure")
        .filter_map(|e| e.alt.as_deref())
        .collect();
    let photo_alts: Vec<&str> = content
        .photos
        .iter()
        .map(|p| p.alt.value.as_str())
        .collect();
    assert!(
        !alts.is_empty() && alts.iter().all(|a| photo_alts.contains(a)),
        "{alts:?}"
    );
    // The footer's website is the last thing read, as a link inside its paragraph.
    let last_p = elements.iter().rev().find(|e| e.kind == "P").expect("a P");
    let closing: Vec<&structure::Element> = elements
        .iter()
        .filter(|e| e.kind == "P")
        .rev()
        .take(2)
        .collect();
    assert!(
        closing
            .iter()
            .any(|e| normalise(&e.text).contains(&example_website())),
        "the footer is not read last: {:?}",
        last_p.text
    );
    assert_eq!(elements.iter().filter(|e| e.kind == "Link").count(), 1);
}

#[test]
fn every_link_annotation_is_in_the_tag_tree() {
    for kind in [
        LayoutKind::DonorLetter,
        LayoutKind::Trifold,
        LayoutKind::Brochure,
    ] {
        let bytes = build_layout(kind, &format!("links-{kind:?}"));
        let doc = Document::load_mem(&bytes).expect("the PDF loads");
        let mut annotations = 0;
        for page in doc.get_pages().values() {
            let page = doc.get_dictionary(*page).expect("a page");
            let Some(annots) = get(&doc, page, b"Annots").and_then(|a| a.as_array().ok()) else {
                continue;
            };
            for a in annots {
                let a = resolve(&doc, a).as_dict().expect("an annotation");
                assert!(
                    a.get(b"StructParent").is_ok(),
                    "{kind:?}: an untagged annotation"
                );
                annotations += 1;
            }
        }
        let links: usize = structure::elements(&doc)
            .iter()
            .filter(|e| e.kind == "Link")
            .map(|e| e.links)
            .sum();
        assert!(annotations > 0, "{kind:?} has links");
        assert_eq!(
            links, annotations,
            "{kind:?}: Link elements against annotations"
        );
    }
}

/// `src` without its `km:` text of the field that follows the first `after`: a
/// one-line value or a block, up to the next line indented no deeper than the key.
fn without_khmer(src: &str, after: &str) -> String {
    let start = src.find(after).expect("the example has the field");
    let key = start + src[start..].find("km:").expect("a Khmer text follows");
    let line_start = src[..key].rfind('\n').map_or(0, |i| i + 1);
    let indent = key - line_start;
    let mut end = key + src[key..].find('\n').map_or(src.len() - key, |i| i + 1);
    while end < src.len() {
        let line = &src[end..];
        let next = line.find('\n').map_or(line.len(), |i| i + 1);
        let deeper = line.len() - line.trim_start_matches(' ').len() > indent;
        if !(deeper || line[..next].trim().is_empty()) {
            break;
        }
        end += next;
    }
    format!("{}{}", &src[..line_start], &src[end..])
}

#[test]
fn untranslated_text_is_tagged_in_its_own_language() {
    use brochure::build::{layout, typesetter_for};
    // The first section's heading and body have no Khmer: the Khmer edition gives
    // them in English.
    let src = std::fs::read_to_string(example()).expect("read the example");
    let src = without_khmer(&src, "  - heading:");
    let src = without_khmer(&src, "    body:");
    let content =
        brochure::content::parse_edition(&src, &example(), Some("km")).expect("the edition");
    assert_eq!(content.untranslated.len(), 2, "{:?}", content.untranslated);
    let mut ts = typesetter_for(&content).expect("fonts");
    let frames = layout(&content, LayoutKind::Factsheet, Paper::A4, &mut ts).expect("lays out");
    let bytes = brochure::pdf::write(&frames, &ts.fonts).expect("writes");
    let doc = Document::load_mem(&bytes).expect("the PDF loads");
    let catalog = doc.catalog().expect("a catalog");
    assert_eq!(get(&doc, catalog, b"Lang").map(text).as_deref(), Some("km"));
    let elements = structure::elements(&doc);
    let khmer = |t: &str| t.chars().any(|c| ('\u{1780}'..='\u{17ff}').contains(&c));
    let mut english = 0;
    // The elements below the root, which holds them all.
    for e in elements
        .iter()
        .filter(|e| e.depth > 0 && !e.text.trim().is_empty())
    {
        let t = normalise(&e.text);
        if t.contains("Mission & History") || t.contains("Since its inception") {
            assert_eq!(e.lang.as_deref(), Some("en"), "{} {t:?}", e.kind);
            english += 1;
        } else if khmer(&t) {
            assert_eq!(
                e.lang, None,
                "{} {t:?} is in the document's language",
                e.kind
            );
        }
    }
    assert!(english >= 2, "the English heading and paragraph were found");
}
