//! Where a PDF may be written. The rules protect the user's files: a build never
//! replaces its own inputs, a folder, a device or anything that is not a PDF, and the
//! PDF appears complete or not at all.
//!
//! * A path where nothing exists is fine (its folder is created).
//! * An existing regular file is replaced only if it starts with `%PDF-`.
//! * A symbolic link is followed: its target is replaced, under the same rule, and the
//!   link stays a link.
//! * Folders, devices, FIFOs and sockets are refused, and so is any input of the build
//!   (the content file, a photo, a font), however it is reached.

use std::fs::Metadata;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

use super::cleanup;
use super::read::kind_of;

/// Why a PDF cannot be written at a path, worded for the user.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OutputError {
    /// The path is one of the build's inputs.
    #[error("{} is {what} of this build; writing the PDF there would destroy it", path.display())]
    IsInput {
        /// The output path as given.
        path: PathBuf,
        /// Which input: "the content file", "a photo", "a font".
        what: String,
    },
    /// The path names a folder, device, FIFO or socket.
    #[error("{} is {kind}, not a PDF file", path.display())]
    NotAFile {
        /// The output path as given.
        path: PathBuf,
        /// What it is.
        kind: &'static str,
    },
    /// An existing file that is not a PDF.
    #[error("{} already exists and is not a PDF, so it is left alone", path.display())]
    NotAPdf {
        /// The output path as given.
        path: PathBuf,
    },
    /// A symbolic link whose target does not exist.
    #[error("{} is a symbolic link to {}, which does not exist", path.display(), target.display())]
    DanglingLink {
        /// The output path as given.
        path: PathBuf,
        /// Where the link points.
        target: PathBuf,
    },
    /// Creating, writing or renaming failed.
    #[error("cannot {action} {}: {reason}", path.display())]
    Io {
        /// The path involved.
        path: PathBuf,
        /// "write", "create the folder for", …
        action: &'static str,
        /// The system's words.
        reason: String,
    },
}

impl OutputError {
    /// How to fix it.
    pub fn help(&self) -> &'static str {
        match self {
            OutputError::IsInput { .. } | OutputError::NotAPdf { .. } => {
                "pass another path for the PDF with -o, e.g. -o out/leaflet.pdf"
            }
            OutputError::NotAFile { .. } | OutputError::DanglingLink { .. } => {
                "pass the path of a PDF file to write with -o, e.g. -o out/leaflet.pdf"
            }
            OutputError::Io { .. } => {
                "choose an output path in a folder you can write to, with -o FILE.pdf"
            }
        }
    }
}

/// An input of the build, which the output must never replace.
#[derive(Debug, Clone)]
pub struct Input<'a> {
    /// Its path as given.
    pub path: &'a Path,
    /// What it is, for the message: "the content file", "a photo", "a font".
    pub what: &'a str,
}

/// Checks that a PDF may be written at `path` and returns the file that will be
/// replaced or created: `path` itself, or the target of a symbolic link.
///
/// # Errors
///
/// An [`OutputError`] when any rule of the module documentation forbids it.
pub fn check_output(path: &Path, inputs: &[Input<'_>]) -> Result<PathBuf, OutputError> {
    let target = match std::fs::symlink_metadata(path) {
        Err(_) => return Ok(path.to_path_buf()),
        Ok(meta) if meta.file_type().is_symlink() => resolve_link(path)?,
        Ok(_) => path.to_path_buf(),
    };
    let meta = match std::fs::metadata(&target) {
        Ok(meta) => meta,
        Err(_) => return Ok(target),
    };
    if let Some(input) = inputs.iter().find(|i| same_file(&meta, i.path)) {
        return Err(OutputError::IsInput {
            path: path.to_path_buf(),
            what: input.what.to_string(),
        });
    }
    if !meta.is_file() {
        return Err(OutputError::NotAFile {
            path: path.to_path_buf(),
            kind: kind_of(&meta),
        });
    }
    if !starts_like_pdf(&target) {
        return Err(OutputError::NotAPdf {
            path: path.to_path_buf(),
        });
    }
    Ok(target)
}

/// Writes `bytes` to a temporary file beside the target, then renames it over the
/// target, checking the rules again just before. An interrupt meanwhile removes the
/// temporary file (see [`cleanup`]).
///
/// # Errors
///
/// An [`OutputError`]; the target is then untouched and no temporary file is left.
pub fn write_atomically(
    path: &Path,
    bytes: &[u8],
    inputs: &[Input<'_>],
) -> Result<PathBuf, OutputError> {
    let target = check_output(path, inputs)?;
    let io = |action: &'static str, at: &Path, e: std::io::Error| OutputError::Io {
        path: at.to_path_buf(),
        action,
        reason: e.to_string(),
    };
    let dir = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| io("create the folder for", path, e))?;
    let tmp = temp_path(dir);
    cleanup::register(&tmp);
    let result = write_new(&tmp, bytes)
        .map_err(|e| io("write", path, e))
        // The target may have changed while the PDF was being made.
        .and_then(|()| check_output(path, inputs).map(|_| ()))
        .and_then(|()| std::fs::rename(&tmp, &target).map_err(|e| io("replace", path, e)));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    cleanup::unregister(&tmp);
    result.map(|()| target)
}

/// A short temporary name in `dir` (short, so that a legal 255-byte output name still
/// works), unique within the process and between processes.
fn temp_path(dir: &Path) -> PathBuf {
    static COUNT: AtomicU32 = AtomicU32::new(0);
    let n = COUNT.fetch_add(1, Ordering::Relaxed);
    dir.join(format!(".brochure-{}-{n}.tmp", std::process::id()))
}

/// Creates `path`, which must not exist yet, and writes `bytes` to it.
fn write_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// The file a symbolic link leads to, following chains of links.
fn resolve_link(path: &Path) -> Result<PathBuf, OutputError> {
    std::fs::canonicalize(path).map_err(|_| OutputError::DanglingLink {
        path: path.to_path_buf(),
        target: std::fs::read_link(path).unwrap_or_default(),
    })
}

/// Whether `meta` and the file at `other` are the same file (same device and inode on
/// Unix; same canonical path elsewhere), so that hard links and `..` are seen through.
fn same_file(meta: &Metadata, other: &Path) -> bool {
    let Ok(theirs) = std::fs::metadata(other) else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        meta.dev() == theirs.dev() && meta.ino() == theirs.ino()
    }
    #[cfg(not(unix))]
    {
        let _ = (meta, theirs);
        false
    }
}

/// Whether the regular file at `path` begins with the PDF header.
fn starts_like_pdf(path: &Path) -> bool {
    let mut head = [0u8; 5];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok()
        && &head == b"%PDF-"
}
