//! Photo and font files: resolved against the content file's folder and checked to exist.

use std::fs;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use super::{Checker, span_of};
use crate::content::model::Sp;
use crate::content::raw::SpannedList;
use crate::content::suggest::closest;

impl Checker<'_> {
    pub(super) fn fonts(&mut self, value: Option<SpannedList<String>>) -> Vec<Sp<PathBuf>> {
        let Some(list) = value else {
            return Vec::new();
        };
        let list_span = span_of(&list.referenced, "fonts");
        list.value
            .into_iter()
            .enumerate()
            .map(|(i, item)| {
                let text = self.text(Some(item), &list_span, format!("fonts[{i}]"), "fonts");
                self.existing_file(text, "font")
            })
            .collect()
    }

    /// Resolves a file path against the content file's folder and checks the file can
    /// be opened. Reading what is inside is left to the photo and font code.
    pub(super) fn existing_file(&mut self, text: Sp<String>, what: &str) -> Sp<PathBuf> {
        let resolved = self.base_dir.join(&text.value);
        let result = Sp::new(resolved.clone(), text.span.clone());
        if text.value.is_empty() {
            return result;
        }
        let path = &text.span.path;
        let shown = resolved.display();
        let relative_note = format!(
            "paths are relative to the folder that holds the content file ({})",
            folder_name(self.base_dir)
        );
        match fs::metadata(&resolved) {
            Ok(meta) if meta.is_dir() => self.report(
                text.span.clone(),
                format!("`{path}` names a folder, not a {what} file: `{shown}`"),
                format!(
                    "name the file itself, e.g. `{}/picture.jpg`",
                    text.value.trim_end_matches('/')
                ),
            ),
            Ok(_) => {
                if let Err(err) = fs::File::open(&resolved) {
                    self.report(
                        text.span.clone(),
                        format!("the {what} file for `{path}` cannot be read: `{shown}`: {err}"),
                        "check that the file is not locked and that you have permission to read it",
                    );
                }
            }
            Err(err) if err.kind() == ErrorKind::NotFound => {
                let help = match similar_file(&resolved) {
                    Some(name) => {
                        format!("did you mean `{name}`? Check the spelling; {relative_note}")
                    }
                    None => match resolved.parent() {
                        Some(dir) if !dir.as_os_str().is_empty() && !dir.is_dir() => format!(
                            "the folder `{}` does not exist either; {relative_note}",
                            dir.display()
                        ),
                        _ => format!(
                            "check the spelling and that the file is there; {relative_note}"
                        ),
                    },
                };
                self.report(
                    text.span.clone(),
                    format!("the {what} file for `{path}` was not found: `{shown}`"),
                    help,
                );
            }
            Err(err) => self.report(
                text.span.clone(),
                format!("the {what} file for `{path}` cannot be read: `{shown}`: {err}"),
                format!("check the path and your permission to read it; {relative_note}"),
            ),
        }
        result
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
