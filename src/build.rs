//! The build: load content, lay it out, write the PDF atomically. Loading, layout and
//! writing stay separate so a caller can reuse fonts and photos across documents.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::content::{self, model::Content};
use crate::diag::{Diagnostic, Error};
use crate::files;
use crate::image::logo::Logo;
use crate::image::{self, PhotoCache, Placement, PreparedImage};
use crate::layout::{self, Paper, PhotoSource, frame};
use crate::limits::{MAX_KEY_FIGURES, MIN_KEY_FIGURES};
use crate::pdf;
use crate::preflight;
use crate::text::{FontBook, Typesetter};

/// Which document to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LayoutKind {
    /// One-page fact sheet.
    #[default]
    Factsheet,
    /// Multi-page brochure with cover and back page.
    Brochure,
    /// Roll-fold tri-fold leaflet: one landscape sheet, both sides, six panels.
    Trifold,
    /// One-page personal letter to a donor, from the content's `letter:`.
    DonorLetter,
}

impl LayoutKind {
    /// Every layout, in the order `brochure` with no arguments builds them.
    pub const ALL: [LayoutKind; 4] = [
        LayoutKind::Factsheet,
        LayoutKind::Brochure,
        LayoutKind::Trifold,
        LayoutKind::DonorLetter,
    ];

    /// Whether `content` has what the layout needs: the donor letter needs a letter.
    pub fn applies_to(self, content: &Content) -> bool {
        self != LayoutKind::DonorLetter || content.letter.is_some()
    }

    /// The layouts `content` has what it needs for, in the order of [`Self::ALL`].
    pub fn for_content(content: &Content) -> Vec<LayoutKind> {
        Self::ALL
            .into_iter()
            .filter(|l| l.applies_to(content))
            .collect()
    }

    /// The layout's name in sentences: "fact sheet", "brochure", "tri-fold".
    pub fn title(self) -> &'static str {
        match self {
            LayoutKind::Factsheet => "fact sheet",
            LayoutKind::Brochure => "brochure",
            LayoutKind::Trifold => "tri-fold",
            LayoutKind::DonorLetter => "donor letter",
        }
    }

    /// Name used in file names and flags.
    pub fn name(self) -> &'static str {
        match self {
            LayoutKind::Factsheet => "factsheet",
            LayoutKind::Brochure => "brochure",
            LayoutKind::Trifold => "trifold",
            LayoutKind::DonorLetter => "donor-letter",
        }
    }
}

/// Everything `build` needs to know, independent of how it was asked for.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The content file.
    pub content: PathBuf,
    /// Layout.
    pub layout: LayoutKind,
    /// Paper size.
    pub paper: Paper,
    /// Output PDF path.
    pub output: PathBuf,
    /// The edition's language; `None` for the content file's own `lang:`.
    pub lang: Option<String>,
    /// Creation date in seconds since the epoch; `None` means now.
    pub created: Option<i64>,
}

/// What a successful build made.
#[derive(Debug, Clone)]
pub struct BuildReport {
    /// Where the PDF was written.
    pub output: PathBuf,
    /// Its size in bytes.
    pub bytes: usize,
    /// Pages.
    pub pages: usize,
    /// Problems worth fixing that did not stop the build.
    pub warnings: Vec<Diagnostic>,
    /// The typesetting figures of the document.
    pub typesetting: crate::report::Report,
}

/// The resolution photos are prepared for: print quality.
const MAX_PPI: f32 = 300.0;

/// Photos of one content file, through the process-wide [`PhotoCache`], so several
/// layouts (or documents) built in one run decode each photo once per size.
pub struct Photos<'a> {
    content: &'a Content,
    cache: &'a PhotoCache,
    /// The logo once loaded: layouts ask for it more than once.
    logo: Option<Logo>,
}

impl<'a> Photos<'a> {
    /// A photo source over a content file's photos.
    pub fn new(content: &'a Content) -> Self {
        Photos {
            content,
            cache: PhotoCache::global(),
            logo: None,
        }
    }

    fn diag(&self, index: usize, e: &image::ImageError) -> Error {
        let span = self.content.photos.get(index).map(|p| p.file.span.clone());
        Error::input(
            Diagnostic::new(&self.content.source_path, span, e.to_string()).with_help(e.help()),
        )
    }

    /// The file of photo `index`; layouts only ask for photos the content has.
    fn file(&self, index: usize) -> Result<&Path, Error> {
        self.content
            .photos
            .get(index)
            .map(|p| p.file.value.as_path())
            .ok_or_else(|| {
                Error::Internal(format!(
                    "layout asked for photo {index}, which does not exist"
                ))
            })
    }
}

impl PhotoSource for Photos<'_> {
    fn dimensions(&mut self, index: usize) -> Result<(u32, u32), Error> {
        self.cache
            .probe(self.file(index)?)
            .map_err(|e| self.diag(index, &e))
    }

    fn prepare(&mut self, index: usize, w: f32, h: f32) -> Result<Arc<PreparedImage>, Error> {
        let placement = Placement {
            width_pt: w,
            height_pt: h,
            max_ppi: MAX_PPI,
        };
        self.cache
            .prepare(self.file(index)?, Some(placement))
            .map_err(|e| self.diag(index, &e))
    }

    fn logo(&mut self) -> Result<Option<Logo>, Error> {
        let Some(file) = &self.content.organisation.logo else {
            return Ok(None);
        };
        if self.logo.is_none() {
            let logo = image::logo::load(&file.value).map_err(|e| {
                let d = Diagnostic::new(
                    &self.content.source_path,
                    Some(file.span.clone()),
                    e.message,
                )
                .with_help(e.help);
                Error::input(d)
            })?;
            self.logo = Some(logo);
        }
        Ok(self.logo.clone())
    }
}

/// Loads a content file, registers the fonts it asks for and checks that every
/// character it prints has a glyph.
pub fn load(path: &Path) -> Result<(Content, Typesetter), Error> {
    load_edition(path, None)
}

/// [`load`] for the edition in language `lang` (`None`: the file's own `lang:`).
pub fn load_edition(path: &Path, lang: Option<&str>) -> Result<(Content, Typesetter), Error> {
    let content = content::load_edition(path, lang)?;
    let ts = typesetter_for(&content)?;
    Ok((content, ts))
}

/// The typesetter for loaded content: the fonts it asks for registered, every
/// character it prints checked for a glyph, its kept words and its untranslated
/// text (in the default language) known.
pub fn typesetter_for(content: &Content) -> Result<Typesetter, Error> {
    let mut fonts = FontBook::new();
    let mut problems = Vec::new();
    for f in &content.fonts {
        if let Err(e) = fonts.add_file(&f.value) {
            problems.push(
                Diagnostic::new(
                    &content.source_path,
                    Some(f.span.clone()),
                    format!("font {}: {e}", f.value.display()),
                )
                .with_help("check the path, or remove the entry to use the bundled Noto fonts"),
            );
        }
    }
    problems.extend(preflight::missing_glyphs(content, &fonts));
    if !problems.is_empty() {
        return Err(Error::Input(problems).with_source(&content.source_path, &content.source_text));
    }
    let mut ts = Typesetter::new(fonts);
    ts.keep_whole(content.khmer_words.iter().map(|w| w.value.clone()));
    if let Some(default) = content.languages.first() {
        ts.mark_language(&default.0, content.untranslated_texts.iter().cloned());
    }
    Ok(ts)
}

/// Lays out loaded content; the document's warnings say what is worth fixing.
pub fn layout(
    content: &Content,
    kind: LayoutKind,
    paper: Paper,
    ts: &mut Typesetter,
) -> Result<frame::Document, Error> {
    let quoted = |e: Error| e.with_source(&content.source_path, &content.source_text);
    if let Some(d) = content::check_key_figure_count(content, MIN_KEY_FIGURES..=MAX_KEY_FIGURES) {
        return Err(quoted(Error::input(d)));
    }
    let mut photos = Photos::new(content);
    let mut doc = match kind {
        LayoutKind::Factsheet => layout::factsheet::layout(content, paper, ts, &mut photos),
        LayoutKind::Brochure => layout::brochure::layout(content, paper, ts, &mut photos),
        LayoutKind::Trifold => layout::trifold::layout(content, paper, ts, &mut photos),
        LayoutKind::DonorLetter => layout::letter::layout(content, paper, ts, &mut photos),
    }
    .map_err(quoted)?;
    let mut warnings = preflight::photo_warnings(content, &doc, kind, paper);
    warnings.extend(preflight::fill_warnings(content, &doc, kind, paper));
    crate::diag::attach_source(&mut warnings, &content.source_path, &content.source_text);
    doc.warnings = warnings;
    Ok(doc)
}

/// Everything `build` checks, without writing: returns the laid-out document.
pub fn check(path: &Path, kind: LayoutKind, paper: Paper) -> Result<frame::Document, Error> {
    let (content, mut ts) = load(path)?;
    layout(&content, kind, paper, &mut ts)
}

/// Builds one PDF. The file appears at `output` complete or not at all, and only
/// where [`files::check_output`] allows: never over an input, a folder, a device or a
/// file that is not a PDF.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, Error> {
    let (content, mut ts) = load_edition(&opts.content, opts.lang.as_deref())?;
    let inputs = inputs_of(&content);
    files::check_output(&opts.output, &inputs).map_err(output_error)?;
    let mut doc = layout(&content, opts.layout, opts.paper, &mut ts)?;
    let mut about_content: Vec<Diagnostic> = preflight::untranslated_warning(&content)
        .into_iter()
        .chain(preflight::unused_word_warnings(&content))
        .collect();
    crate::diag::attach_source(
        &mut about_content,
        &content.source_path,
        &content.source_text,
    );
    doc.warnings.splice(0..0, about_content);
    doc.info.created = opts.created;
    let bytes = pdf::write(&doc, &ts.fonts)?;
    files::write_atomically(&opts.output, &bytes, &inputs).map_err(output_error)?;
    Ok(BuildReport {
        output: opts.output.clone(),
        bytes: bytes.len(),
        pages: doc.pages.len(),
        typesetting: crate::report::Report::of(&doc),
        warnings: doc.warnings,
    })
}

/// The languages the content file at `path` has text in, its default first: the
/// editions `--lang all` makes.
pub fn languages(path: &Path) -> Result<Vec<String>, Error> {
    let content = content::load(path)?;
    Ok(content.languages.into_iter().map(|l| l.0).collect())
}

/// The files a build reads, which its output must never replace.
fn inputs_of(content: &Content) -> Vec<files::Input<'_>> {
    let mut inputs = vec![files::Input {
        path: &content.source_path,
        what: "the content file",
    }];
    inputs.extend(content.photos.iter().map(|p| files::Input {
        path: &p.file.value,
        what: "a photo",
    }));
    inputs.extend(content.fonts.iter().map(|f| files::Input {
        path: &f.value,
        what: "a font",
    }));
    inputs.extend(content.organisation.logo.iter().map(|l| files::Input {
        path: &l.value,
        what: "the logo",
    }));
    inputs
}

/// An output path the rules refuse, as an input problem.
fn output_error(e: files::OutputError) -> Error {
    let path = match &e {
        files::OutputError::IsInput { path, .. }
        | files::OutputError::NotAFile { path, .. }
        | files::OutputError::NotAPdf { path }
        | files::OutputError::DanglingLink { path, .. }
        | files::OutputError::Io { path, .. } => path.clone(),
    };
    Error::input(Diagnostic::new(path, None, e.to_string()).with_help(e.help()))
}

/// The creation date from `SOURCE_DATE_EPOCH`, for reproducible builds.
pub fn source_date_epoch() -> Result<Option<i64>, Error> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(v) => v.trim().parse::<i64>().map(Some).map_err(|_| {
            Error::input(
                Diagnostic::new("SOURCE_DATE_EPOCH", None, format!("`{v}` is not a whole number of seconds"))
                    .with_help("set it to seconds since 1970-01-01, e.g. SOURCE_DATE_EPOCH=$(date +%s), or unset it"),
            )
        }),
        Err(_) => Ok(None),
    }
}
