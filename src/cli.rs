//! Command-line interface: flags in, a plain [`Command`] out. No work happens here.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use brochure::build::LayoutKind;
use brochure::layout::Paper;

/// The bundled example content, used when no content file is named.
pub const EXAMPLE: &str = "content/japan-heart-cambodia.yaml";

#[derive(Parser, Debug)]
#[command(
    name = "brochure",
    version,
    about = "Turn an organisation's content (YAML, photos) into print-quality PDF fact sheets.",
    after_help = "Examples:\n  brochure                                   build the bundled example into out/\n  brochure build content/my-org.yaml -o my-org.pdf\n  brochure build content/my-org.yaml --lang all   one PDF per language\n  brochure check content/my-org.yaml         validate without writing anything"
)]
struct Args {
    #[command(subcommand)]
    command: Option<Cmd>,
}

#[derive(Subcommand, Debug)]
enum Cmd {
    /// Build a PDF from a content file.
    #[command(
        after_help = "Example:\n  brochure build content/japan-heart-cambodia.yaml --paper letter -o out/factsheet-letter.pdf"
    )]
    Build {
        #[command(flatten)]
        doc: DocArgs,
        /// Where to write the PDF [default: out/<content name>-<layout>.pdf]. An existing
        /// file there is replaced only if it is a PDF; inputs, folders and other files are
        /// never replaced.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Print typesetting figures for each document: overfull lines, space
        /// stretch, hyphenated lines, widows and orphans, fill, missing glyphs.
        #[arg(long)]
        report: bool,
    },
    /// Check a content file for every layout (or the one named): everything `build`
    /// checks, every problem at once, and nothing written.
    #[command(
        after_help = "Examples:\n  brochure check content/japan-heart-cambodia.yaml\n  brochure check content/my-org.yaml --layout brochure --format json\n\nExit status: 0 when nothing stops a build (warnings may be printed), 2 when something does."
    )]
    Check {
        /// The content file (YAML).
        #[arg(default_value = EXAMPLE)]
        content: PathBuf,
        /// Check only this document [default: every layout].
        #[arg(long, value_enum)]
        layout: Option<LayoutArg>,
        /// Check only this edition [default: every language the content has].
        #[arg(long, value_parser = LANG_CHOICES)]
        lang: Option<String>,
        /// Paper size.
        #[arg(long, value_enum, default_value_t = PaperArg::A4)]
        paper: PaperArg,
        /// How to print the findings: for people, or JSON for programs (on stdout).
        #[arg(long, value_enum, default_value_t = FormatArg::Text)]
        format: FormatArg,
    },
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum FormatArg {
    /// Messages for people, on stderr.
    Text,
    /// One JSON object on stdout: `ok`, `documents`, `errors`, `warnings`.
    Json,
}

/// What to make from which content: shared by `build` and `check`.
#[derive(clap::Args, Debug)]
struct DocArgs {
    /// The content file (YAML).
    #[arg(default_value = EXAMPLE)]
    content: PathBuf,
    /// Which document to make.
    #[arg(long, value_enum, default_value_t = LayoutArg::Factsheet)]
    layout: LayoutArg,
    /// Paper size.
    #[arg(long, value_enum, default_value_t = PaperArg::A4)]
    paper: PaperArg,
    /// The edition's language, or `all` for one PDF per language the content has
    /// (`<name>-<layout>-<lang>.pdf`) [default: the content file's `lang:`].
    #[arg(long, value_parser = LANG_CHOICES)]
    lang: Option<String>,
}

/// What `--lang` accepts.
const LANG_CHOICES: [&str; 4] = ["en", "ja", "km", "all"];

#[derive(ValueEnum, Clone, Copy, Debug)]
enum LayoutArg {
    /// One-page fact sheet.
    Factsheet,
    /// Multi-page brochure: cover, inner pages, back page with call to action.
    Brochure,
    /// Tri-fold leaflet: one landscape sheet printed both sides, folded into six panels.
    Trifold,
    /// One-page personal letter to a donor (needs `letter:` in the content).
    DonorLetter,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
enum PaperArg {
    /// ISO A4 (210 × 297 mm).
    A4,
    /// US Letter (8.5 × 11 in).
    Letter,
}

/// What the user asked for.
#[derive(Debug, Clone)]
pub enum Command {
    /// Build these documents.
    Build(Vec<Job>),
    /// Check a content file.
    Check {
        /// Content file.
        content: PathBuf,
        /// The layout to check; `None` checks every layout the content has what it
        /// needs for.
        layout: Option<LayoutKind>,
        /// Paper.
        paper: Paper,
        /// The edition to check; `None` checks every language the content has.
        lang: Option<String>,
        /// JSON on stdout instead of messages on stderr.
        json: bool,
    },
}

/// Which editions of a content file to build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Editions {
    /// The file's own language, named without a language suffix.
    Default,
    /// One language.
    One(String),
    /// Every language the file has.
    All,
}

/// One document to build.
#[derive(Debug, Clone)]
pub struct Job {
    /// Content file.
    pub content: PathBuf,
    /// Layout.
    pub layout: LayoutKind,
    /// Paper.
    pub paper: Paper,
    /// Output path, when given with `-o`.
    pub output: Option<PathBuf>,
    /// The editions to make.
    pub editions: Editions,
    /// Print the typesetting report after each document.
    pub report: bool,
}

impl Job {
    /// Where the edition in `lang` goes: `-o` or else [`default_output`], with a
    /// language suffix unless this is the default edition.
    pub fn output_for(&self, lang: Option<&str>) -> PathBuf {
        self.output
            .clone()
            .unwrap_or_else(|| default_output(&self.content, self.layout, lang))
    }
}

fn layout(l: LayoutArg) -> LayoutKind {
    match l {
        LayoutArg::Factsheet => LayoutKind::Factsheet,
        LayoutArg::Brochure => LayoutKind::Brochure,
        LayoutArg::Trifold => LayoutKind::Trifold,
        LayoutArg::DonorLetter => LayoutKind::DonorLetter,
    }
}

fn paper(p: PaperArg) -> Paper {
    match p {
        PaperArg::A4 => Paper::A4,
        PaperArg::Letter => Paper::Letter,
    }
}

/// The default output path: `out/<content stem>-<layout>.pdf`, or
/// `out/<content stem>-<layout>-<lang>.pdf` for an edition asked for by language.
pub fn default_output(
    content: &std::path::Path,
    layout: LayoutKind,
    lang: Option<&str>,
) -> PathBuf {
    let stem = content
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "brochure".into());
    let suffix = lang.map(|l| format!("-{l}")).unwrap_or_default();
    PathBuf::from("out").join(format!("{stem}-{}{suffix}.pdf", layout.name()))
}

fn editions(lang: Option<String>) -> Editions {
    match lang.as_deref() {
        None => Editions::Default,
        Some("all") => Editions::All,
        Some(code) => Editions::One(code.to_string()),
    }
}

/// Parses the process arguments.
pub fn parse() -> Command {
    match Args::parse().command {
        None => {
            let content = PathBuf::from(EXAMPLE);
            Command::Build(
                LayoutKind::ALL
                    .iter()
                    .map(|&l| Job {
                        output: None,
                        content: content.clone(),
                        layout: l,
                        paper: Paper::A4,
                        editions: Editions::All,
                        report: false,
                    })
                    .collect(),
            )
        }
        Some(Cmd::Build {
            doc,
            output,
            report,
        }) => {
            let l = layout(doc.layout);
            Command::Build(vec![Job {
                output,
                content: doc.content,
                layout: l,
                paper: paper(doc.paper),
                editions: editions(doc.lang),
                report,
            }])
        }
        Some(Cmd::Check {
            content,
            layout: only,
            paper: p,
            lang,
            format,
        }) => Command::Check {
            content,
            layout: only.map(layout),
            paper: paper(p),
            lang: lang.filter(|l| l != "all"),
            json: format == FormatArg::Json,
        },
    }
}
