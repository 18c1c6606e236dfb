//! The `brochure` command: parse flags, run the library, report, exit.
//!
//! Nothing here may fail loudly: messages go out with errors ignored (a closed or
//! full stderr must not turn a finished build into a crash), a panic anywhere is
//! caught and reported as an internal error with exit status 1, and an interrupt or a
//! panic removes the temporary file of a PDF being written.

// A panic here is a crash that names no file and no line: every failure must be an
// error message, so the command may not unwrap, expect, panic or index unchecked.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

mod cli;

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use brochure::build::{self, BuildOptions};
use brochure::files::cleanup;
use brochure::preflight::{self, Preflight};
use brochure::{Diagnostic, Error};

fn main() -> ExitCode {
    std::panic::set_hook(Box::new(|info| {
        cleanup::remove_pending();
        say(&format!(
            "error: internal error, please report it with the content file: {info}\nNothing was written."
        ));
    }));
    // Without the handler an interrupt still stops the build, but may leave a
    // temporary file behind; that is no reason to refuse to run.
    let _ = cleanup::remove_pending_on_interrupt();
    let command = cli::parse();
    match std::panic::catch_unwind(|| run(command)) {
        Ok(Ok(code)) => code,
        Ok(Err(e)) => {
            report(&e);
            ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(1))
        }
        Err(_) => {
            cleanup::remove_pending();
            ExitCode::from(1)
        }
    }
}

fn run(command: cli::Command) -> Result<ExitCode, Error> {
    match command {
        cli::Command::Build(jobs) => {
            let created = match build::source_date_epoch()? {
                Some(s) => Some(s),
                None => std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .ok()
                    .and_then(|d| i64::try_from(d.as_secs()).ok()),
            };
            for job in jobs {
                for lang in editions(&job)? {
                    let report = build::build(&BuildOptions {
                        content: job.content.clone(),
                        layout: job.layout,
                        paper: job.paper,
                        output: job.output_for(lang.as_deref()),
                        lang,
                        created,
                    })?;
                    print_diagnostics(&report.warnings);
                    say(&format!(
                        "wrote {} ({} page{}, {} KiB)",
                        report.output.display(),
                        report.pages,
                        if report.pages == 1 { "" } else { "s" },
                        report.bytes.div_ceil(1024)
                    ));
                    if job.report {
                        say(&report.typesetting.to_string());
                    }
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        cli::Command::Check {
            content,
            layout,
            paper,
            lang,
            json,
        } => {
            let found = preflight::check(&content, layout, paper, lang.as_deref())?;
            if json {
                let mut out = std::io::stdout().lock();
                let _ = writeln!(out, "{}", found.to_json());
            } else {
                print_check(&content, &found);
            }
            Ok(if found.is_ok() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(2)
            })
        }
    }
}

/// The languages `job` is built in: `None` for the file's own, without a suffix.
fn editions(job: &cli::Job) -> Result<Vec<Option<String>>, Error> {
    let langs = match &job.editions {
        cli::Editions::Default => return Ok(vec![None]),
        cli::Editions::One(code) => return Ok(vec![Some(code.clone())]),
        cli::Editions::All => build::languages(&job.content)?,
    };
    if let (Some(output), true) = (&job.output, langs.len() > 1) {
        return Err(Error::input(
            Diagnostic::new(
                output,
                None,
                format!(
                    "`-o` names one file, but the content has {} languages ({})",
                    langs.len(),
                    langs.join(", ")
                ),
            )
            .with_help(
                "leave out `-o` to write one PDF per language into out/, or pick one \
                 language with `--lang`, e.g. `--lang km`",
            ),
        ));
    }
    Ok(langs.into_iter().map(Some).collect())
}

/// Errors first, then warnings, then one summary line.
fn print_check(content: &Path, found: &Preflight) {
    let errors: Vec<Diagnostic> = found.errors().cloned().collect();
    let warnings: Vec<Diagnostic> = found.warnings().cloned().collect();
    print_diagnostics(&errors);
    print_diagnostics(&warnings);
    let several = found
        .documents
        .windows(2)
        .any(|w| w.first().map(|d| &d.lang) != w.get(1).map(|d| &d.lang));
    let documents: Vec<String> = found
        .documents
        .iter()
        .map(|d| {
            let name = if several {
                format!("{} ({})", d.layout.title(), d.lang)
            } else {
                d.layout.title().to_string()
            };
            match d.pages {
                Some(1) => format!("{name}: 1 page"),
                Some(n) => format!("{name}: {n} pages"),
                None => format!("{name}: does not build"),
            }
        })
        .collect();
    let paper = found.documents.first().map(|d| d.paper.name());
    let mut summary = format!("{}: ", content.display());
    summary.push_str(&match (errors.len(), warnings.len()) {
        (0, 0) => "ok".to_string(),
        (0, w) => format!("ok, {}", count(w, "warning")),
        (e, 0) => count(e, "error"),
        (e, w) => format!("{}, {}", count(e, "error"), count(w, "warning")),
    });
    if let (false, Some(paper)) = (documents.is_empty(), paper) {
        summary.push_str(&format!(" ({} on {paper})", documents.join(", ")));
    }
    say(&summary);
}

/// "1 error", "3 warnings".
fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// Renders problems, each quoting its line from the content text it carries.
fn print_diagnostics(diags: &[Diagnostic]) {
    let color = std::io::stderr().is_terminal();
    for d in diags {
        say(&format!(
            "{}\n",
            brochure::diag::render_with_color(std::slice::from_ref(d), None, color)
        ));
    }
}

fn report(e: &Error) {
    match e {
        Error::Input(diags) => {
            print_diagnostics(diags);
            if diags.len() > 1 {
                say(&format!(
                    "error: {} problems; nothing was written",
                    diags.len()
                ));
            } else {
                say("nothing was written");
            }
        }
        Error::Internal(msg) => say(&format!(
            "error: internal error, please report it with the content file: {msg}\nNothing was written."
        )),
    }
}

/// Writes a line to stderr; a failure to write is ignored, since there is nowhere
/// left to report it.
fn say(text: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{text}");
}
