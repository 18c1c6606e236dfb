//! The `brochure` command: parse flags, run the library, report, exit.

mod cli;

use std::io::IsTerminal;
use std::process::ExitCode;

use brochure::Error;
use brochure::build::{self, BuildOptions};

fn main() -> ExitCode {
    let command = cli::parse();
    match run(command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            report(&e);
            ExitCode::from(e.exit_code() as u8)
        }
    }
}

fn run(command: cli::Command) -> Result<(), Error> {
    match command {
        cli::Command::Build(jobs) => {
            let created = match build::source_date_epoch()? {
                Some(s) => Some(s),
                None => std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .ok()
                    .map(|d| d.as_secs() as i64),
            };
            for job in jobs {
                let report = build::build(&BuildOptions {
                    content: job.content,
                    layout: job.layout,
                    paper: job.paper,
                    output: job.output,
                    created,
                })?;
                eprintln!(
                    "wrote {} ({} page{}, {} KiB)",
                    report.output.display(),
                    report.pages,
                    if report.pages == 1 { "" } else { "s" },
                    report.bytes.div_ceil(1024)
                );
            }
            Ok(())
        }
        cli::Command::Check {
            content,
            layout,
            paper,
        } => {
            let doc = build::check(&content, layout, paper)?;
            eprintln!(
                "{}: ok ({} page{} as {} on {})",
                content.display(),
                doc.pages.len(),
                if doc.pages.len() == 1 { "" } else { "s" },
                layout.name(),
                paper.name()
            );
            Ok(())
        }
    }
}

fn report(e: &Error) {
    let color = std::io::stderr().is_terminal();
    match e {
        Error::Input(diags) => {
            // Quote lines from the file each problem is in.
            let mut out = String::new();
            for d in diags {
                let src = std::fs::read_to_string(&d.file).ok();
                out.push_str(&brochure::diag::render_with_color(
                    std::slice::from_ref(d),
                    src.as_deref(),
                    color,
                ));
                // Each problem on lines of its own, a blank line between them.
                out.push_str("\n\n");
            }
            eprint!("{out}");
            if diags.len() > 1 {
                eprintln!("error: {} problems; nothing was written", diags.len());
            } else {
                eprintln!("nothing was written");
            }
        }
        Error::Internal(msg) => eprintln!(
            "error: internal: {msg}\nThis is a bug in brochure; please report it with the content file."
        ),
    }
}
