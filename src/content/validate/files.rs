//! Photo and font files: resolved against the content file's folder and checked to exist.

use std::fs;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use super::characters::Role;
use super::counts::Cap;
use super::{Checker, span_of};
use crate::content::checks::{echo, is_address, megabytes};
use crate::content::model::Sp;
use crate::content::raw::{RawText, SpannedList};
use crate::content::suggest::closest;
use crate::limits::{MAX_FONT_BYTES, MAX_FONTS, MAX_LOGO_BYTES, MAX_PHOTO_BYTES};
use serde_saphyr::Spanned;

/// A kind of file the content file names, and how to talk about it.
pub(super) struct FileKind {
    /// `photo` or `font`.
    name: &'static str,
    /// The largest such file read.
    max_bytes: u64,
    /// How a file of this kind is named in the content file.
    example: &'static str,
    /// How to make a file of this kind smaller.
    smaller: &'static str,
}

/// Photo files.
pub(super) const PHOTO: FileKind = FileKind {
    name: "photo",
    max_bytes: MAX_PHOTO_BYTES,
    example: "`file: photos/ward.jpg`",
    smaller: "save it as a JPEG at print size (3000 pixels across is plenty)",
};

/// Font files.
const FONT: FileKind = FileKind {
    name: "font",
    max_bytes: MAX_FONT_BYTES,
    example: "`- fonts/NotoSansKhmer-Regular.ttf`",
    smaller: "use a font file for just the script you need rather than one with every script",
};

/// The organisation's logo.
const LOGO: FileKind = FileKind {
    name: "logo",
    max_bytes: MAX_LOGO_BYTES,
    example: "`logo: logo.svg`",
    smaller: "save it as an SVG drawing, or as a PNG about 1500 pixels across",
};

/// File name endings a logo may have: drawings are kept as vectors, pictures as pixels.
pub(crate) const LOGO_EXTENSIONS: &[&str] = &["svg", "png", "jpg", "jpeg"];

impl Checker<'_> {
    /// `organisation.logo`: optional; an SVG, PNG or JPEG file that exists.
    pub(super) fn logo(&mut self, value: Option<Spanned<String>>) -> Option<Sp<PathBuf>> {
        let text = self.optional_text(
            RawText::untranslated(value),
            "organisation.logo".into(),
            "logo",
        )?;
        let ext = Path::new(&text.value)
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        if !ext.as_deref().is_some_and(|e| LOGO_EXTENSIONS.contains(&e)) && !is_address(&text.value)
        {
            self.report(
                text.span.clone(),
                format!(
                    "`organisation.logo` must be an SVG or PNG file (ending in .svg or .png): `{}`",
                    self.shown(&text.value)
                ),
                "export the logo from your drawing program as SVG (best: it stays sharp at \
                 every size) or as a PNG with a transparent background",
            );
            return None;
        }
        Some(self.existing_file((text, true), &LOGO))
    }

    pub(super) fn fonts(&mut self, value: Option<SpannedList<String>>) -> Vec<Sp<PathBuf>> {
        let Some(list) = value else {
            return Vec::new();
        };
        let list_span = span_of(&list.referenced, "fonts");
        let cap = Cap {
            path: "fonts",
            max: MAX_FONTS,
            one: "font file",
            many: "font files",
            advice: "; the built-in fonts cover most text, so add only fonts for characters \
                     they lack",
        };
        self.over_cap(&list.value, &cap);
        list.value
            .into_iter()
            .take(MAX_FONTS)
            .enumerate()
            .map(|(i, item)| {
                let path = format!("fonts[{i}]");
                let text = self.text_as(
                    RawText::untranslated(Some(item)),
                    &list_span,
                    path,
                    "fonts",
                    Role::Text,
                );
                self.existing_file(text, &FONT)
            })
            .collect()
    }

    /// Resolves a file path against the content file's folder and checks the file can
    /// be opened and is not too large. Reading what is inside is left to the photo and
    /// font code. Nothing is checked for a path that was reported already (`usable`
    /// false).
    pub(super) fn existing_file(
        &mut self,
        (text, usable): (Sp<String>, bool),
        kind: &FileKind,
    ) -> Sp<PathBuf> {
        let resolved = self.base_dir.join(&text.value);
        let result = Sp::new(resolved.clone(), text.span.clone());
        if !usable {
            return result;
        }
        if is_address(&text.value) {
            // Joined to the folder, an address would only be "not found" in a folder
            // that does not exist, which misleads.
            self.report_address(&text, kind);
            return result;
        }
        match fs::metadata(&resolved) {
            Ok(meta) if meta.is_dir() => self.report(
                text.span.clone(),
                format!(
                    "`{}` names a folder, not a {} file: `{}`",
                    text.span.path,
                    kind.name,
                    self.shown(&text.value)
                ),
                format!(
                    "name the file itself, e.g. `{}/picture.jpg`",
                    echo(text.value.trim_end_matches('/'))
                ),
            ),
            // Opening a FIFO would wait for a writer, and a device never ends.
            Ok(meta) if !meta.is_file() => self.report(
                text.span.clone(),
                format!(
                    "`{}` names {}, not a {} file: `{}`",
                    text.span.path,
                    crate::files::read::kind_of(&meta),
                    kind.name,
                    self.shown(&text.value)
                ),
                format!("name a {} file", kind.name),
            ),
            Ok(meta) if meta.len() > kind.max_bytes => self.report(
                text.span.clone(),
                format!(
                    "the {} file for `{}` is {}; a {} file can be at most {}: `{}`",
                    kind.name,
                    text.span.path,
                    megabytes(meta.len()),
                    kind.name,
                    megabytes(kind.max_bytes),
                    self.shown(&text.value)
                ),
                format!("make the file smaller: {}", kind.smaller),
            ),
            Ok(_) => {
                if let Err(err) = fs::File::open(&resolved) {
                    self.report(
                        text.span.clone(),
                        format!(
                            "the {} file for `{}` cannot be read: `{}`: {err}",
                            kind.name,
                            text.span.path,
                            self.shown(&text.value)
                        ),
                        "check that the file is not locked and that you have permission to read it",
                    );
                }
            }
            Err(err) => self.report_unreadable(&text, &resolved, kind, &err),
        }
        result
    }

    /// Reports a web address given where a file is wanted.
    fn report_address(&mut self, text: &Sp<String>, kind: &FileKind) {
        let local = text
            .value
            .get(..7)
            .filter(|scheme| scheme.eq_ignore_ascii_case("file://"))
            .and_then(|_| text.value.get(7..))
            // `file:///C:/x` names `C:/x`; `file:///home/x` names `/home/x`.
            .map(|rest| match rest.strip_prefix('/') {
                Some(after) if after.get(1..2) == Some(":") => after,
                _ => rest,
            });
        let help = match local {
            // A `file://` address names a file here after all; say how to write it.
            Some(local) => format!(
                "{}s must be given as file names, not addresses: write the path without \
                 `file://`, e.g. `{}`",
                kind.name,
                echo(local)
            ),
            None => format!(
                "{}s must be local files: download the {} and give its file name, e.g. {}; {}",
                kind.name,
                kind.name,
                kind.example,
                self.relative_note()
            ),
        };
        let what = if local.is_some() {
            "a `file://` address"
        } else {
            "a web address"
        };
        self.report(
            text.span.clone(),
            format!(
                "`{}` is {what}, not a {} file name: `{}`",
                text.span.path,
                kind.name,
                echo(&text.value)
            ),
            help,
        );
    }

    /// Reports a file that cannot be found or its details read.
    fn report_unreadable(
        &mut self,
        text: &Sp<String>,
        resolved: &Path,
        kind: &FileKind,
        err: &std::io::Error,
    ) {
        let relative_note = self.relative_note();
        let path = &text.span.path;
        let shown = self.shown(&text.value);
        if err.kind() != ErrorKind::NotFound {
            self.report(
                text.span.clone(),
                format!(
                    "the {} file for `{path}` cannot be read: `{shown}`: {err}",
                    kind.name
                ),
                format!("check the path and your permission to read it; {relative_note}"),
            );
            return;
        }
        let help = match similar_file(resolved) {
            Some(name) => format!(
                "did you mean `{}`? Check the spelling; {relative_note}",
                echo(&name)
            ),
            None => match resolved.parent() {
                Some(dir) if !dir.as_os_str().is_empty() && !dir.is_dir() => {
                    let given = Path::new(&text.value).parent().unwrap_or(Path::new(""));
                    format!(
                        "the folder `{}` does not exist either; {relative_note}",
                        self.shown(&given.to_string_lossy())
                    )
                }
                _ => format!("check the spelling and that the file is there; {relative_note}"),
            },
        };
        self.report(
            text.span.clone(),
            format!(
                "the {} file for `{path}` was not found: `{shown}`",
                kind.name
            ),
            help,
        );
    }

    /// A path from the content file as resolved against its folder, for a message; the
    /// part the user wrote is shortened if long.
    fn shown(&self, given: &str) -> String {
        self.base_dir.join(echo(given)).display().to_string()
    }

    fn relative_note(&self) -> String {
        format!(
            "paths are relative to the folder that holds the content file ({})",
            folder_name(self.base_dir)
        )
    }
}

fn folder_name(dir: &Path) -> String {
    if dir.as_os_str().is_empty() {
        "the current folder".to_string()
    } else {
        format!("`{}`", dir.display())
    }
}

/// The name of a file next to `missing` whose name is close to its name, for a
/// "did you mean" hint.
fn similar_file(missing: &Path) -> Option<String> {
    let name = missing.file_name()?.to_str()?;
    let dir = match missing.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    // A huge folder is not worth scanning for a hint.
    let names: Vec<String> = fs::read_dir(dir)
        .ok()?
        .take(2000)
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .collect();
    closest(name, names.iter().map(String::as_str)).map(str::to_string)
}
