//! Picking one edition's text from fields that may carry several languages.
//!
//! A field is either one string for every edition or a map from language code to
//! text. The checker reads the edition's language, falls back to the file's default
//! language (and remembers that it did, so `check` can say which fields still need a
//! translation), and reports language codes it does not know.

use serde_saphyr::{Location, Spanned};

use super::{Checker, span_of};
use crate::content::checks::echo;
use crate::content::raw::RawText;
use crate::content::suggest::closest;
use crate::content::{SUPPORTED_LANGS, lang_name};

impl Checker<'_> {
    /// The text of `value` for this edition, as a plain string with its place, or
    /// `None` when the field is absent.
    pub(super) fn pick(
        &mut self,
        value: Option<Spanned<RawText>>,
        path: &str,
    ) -> Option<Spanned<String>> {
        let value = value?;
        let location = value.referenced;
        let text = match value.value {
            RawText::Plain(text) => text,
            RawText::Typed(formatted) => self.scalar_as_written(location).unwrap_or(formatted),
            RawText::ByLang(texts) => return self.pick_language(texts, location, path),
        };
        Some(Spanned::new(text, location, value.defined))
    }

    /// The characters of the one-line scalar at `location`, as the file has them.
    fn scalar_as_written(&self, location: Location) -> Option<String> {
        let line = self
            .source_lines
            .get(usize::try_from(location.line().checked_sub(1)?).ok()?)?;
        let column = usize::try_from(location.column().checked_sub(1)?).ok()?;
        let rest: String = line.chars().skip(column).collect();
        let end = rest.find(" #").unwrap_or(rest.len());
        let token = rest.get(..end)?.trim_end();
        (!token.is_empty()).then(|| token.to_string())
    }

    fn pick_language(
        &mut self,
        texts: Vec<(Spanned<String>, Spanned<String>)>,
        location: Location,
        path: &str,
    ) -> Option<Spanned<String>> {
        if !self.language_keys(&texts, location, path) {
            // Reported once: other checks of this field stay quiet.
            self.failed_fields.push(path.to_string());
            return Some(Spanned::new(String::new(), location, location));
        }
        for (code, _) in &texts {
            let code = code.value.trim();
            if !self.languages.iter().any(|l| l == code) {
                self.languages.push(code.to_string());
            }
        }
        let find = |code: &str| texts.iter().find(|(k, _)| k.value.trim() == code);
        if let Some((_, default)) = find(&self.default_lang) {
            if let Some((_, text)) = find(&self.edition) {
                return Some(text.clone());
            }
            self.fallbacks.push(span_of(&default.referenced, path));
            self.fallback_texts.push(default.value.clone());
            return Some(default.clone());
        }
        let default = self.default_lang.clone();
        let name = lang_name(&default).unwrap_or("the default language");
        let given = texts
            .iter()
            .map(|(k, _)| format!("`{}`", echo(k.value.trim())))
            .collect::<Vec<_>>()
            .join(", ");
        self.report(
            span_of(&location, path),
            format!(
                "`{path}` has text for {given} but none in {name} (`{default}`), the file's `lang:`"
            ),
            format!(
                "add `{default}: …` under `{path}`: every field needs text in the default \
                 language, which an edition uses where its own translation is missing; or \
                 change `lang:` at the top of the file"
            ),
        );
        self.failed_fields.push(path.to_string());
        Some(Spanned::new(String::new(), location, location))
    }

    /// Checks that every key of a translated field is a language code; reports the
    /// first that is not and says whether all were.
    fn language_keys(
        &mut self,
        texts: &[(Spanned<String>, Spanned<String>)],
        location: Location,
        path: &str,
    ) -> bool {
        let codes = || SUPPORTED_LANGS.iter().map(|(code, _)| *code);
        let Some((key, _)) = texts
            .iter()
            .find(|(k, _)| !codes().any(|c| c == k.value.trim()))
        else {
            if texts.is_empty() {
                self.report(
                    span_of(&location, path),
                    format!("`{path}` is empty"),
                    format!("write the text after `{path}:`, or one line per language: `en: …`"),
                );
                return false;
            }
            return true;
        };
        let supported = SUPPORTED_LANGS
            .iter()
            .map(|(code, name)| format!("`{code}:` ({name})"))
            .collect::<Vec<_>>()
            .join(", ");
        let word = key.value.trim();
        let guess = closest(word, codes())
            .map(|c| format!("did you mean `{c}:`? "))
            .unwrap_or_default();
        self.report(
            span_of(&key.referenced, path),
            format!(
                "`{path}` should be text, but it is a group of fields with `{}:`, which is not \
                 a language code",
                echo(word)
            ),
            format!(
                "{guess}if the text itself contains `: ` (as in `Online: www.example.org`), put it \
                 in double quotes: `\"Online: www.example.org\"`. To give the text in several \
                 languages, write one line per language under the field, with the codes \
                 {supported}"
            ),
        );
        false
    }
}
