//! Diagnostics: problems in the user's input, reported all at once with file, line,
//! the offending source line and a fix.

use std::fmt;
use std::path::PathBuf;

use crate::content::model::Span;

/// One problem with the user's input.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    /// What is wrong, in one sentence.
    pub message: String,
    /// The file the problem is in.
    pub file: PathBuf,
    /// Where in the file, if known (line/column and field path).
    pub span: Option<Span>,
    /// How to fix it.
    pub help: Option<String>,
}

impl Diagnostic {
    /// A problem at a place in a file.
    pub fn new(file: impl Into<PathBuf>, span: Option<Span>, message: impl Into<String>) -> Self {
        Diagnostic {
            message: message.into(),
            file: file.into(),
            span,
            help: None,
        }
    }

    /// Adds a fix suggestion.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// Everything that can stop a build.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The input is wrong: content, photo, font or overflow. Exit code 2.
    #[error("{} problem(s) in the input", .0.len())]
    Input(Vec<Diagnostic>),
    /// Something failed that is not the user's fault. Exit code 1.
    #[error("internal error: {0}")]
    Internal(String),
}

impl Error {
    /// The process exit code for this error.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Input(_) => 2,
            Error::Internal(_) => 1,
        }
    }

    /// A single input problem.
    pub fn input(d: Diagnostic) -> Self {
        Error::Input(vec![d])
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(span) = &self.span {
            if span.line > 0 {
                write!(f, ":{}:{}", span.line, span.column)?;
            }
            if !span.path.is_empty() {
                write!(f, " ({})", span.path)?;
            }
        }
        write!(f, ": {}", self.message)?;
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}
