//! Photos: their fields, focus, placement and the section each belongs to.

use serde_saphyr::Spanned;

use super::characters::Role;
use super::counts::Cap;
use super::files::PHOTO;
use super::{Checker, one_line, span_of};
use crate::content::checks::{echo, echo_number, has_visible_text};
use crate::content::model::{Photo, PhotoPlacement, Section, Span};
use crate::content::raw::{RawPhoto, RawText, SpannedList};
use crate::content::schema;
use crate::content::suggest::closest;
use crate::limits::MAX_PHOTOS;

/// Focus used when a photo names none: the middle of the picture.
const DEFAULT_FOCUS: (f32, f32) = (0.5, 0.5);

/// Words people use for a placement that spelling alone would not lead to.
const PLACEMENT_SYNONYMS: &[(&str, &str)] = &[
    ("full", "page"),
    ("full-width", "page"),
    ("fullwidth", "page"),
    ("full width", "page"),
    ("wide", "page"),
    ("both", "page"),
    ("hero", "cover"),
    ("front", "cover"),
    ("title", "cover"),
    ("narrow", "column"),
    ("half", "column"),
    ("default", "auto"),
];

impl Checker<'_> {
    pub(super) fn photos(
        &mut self,
        value: Option<SpannedList<RawPhoto>>,
        root: &Span,
        sections: &[Section],
    ) -> Vec<Photo> {
        let mut items = self.list(value, root, "photos", "photo");
        let cap = Cap {
            path: "photos",
            max: MAX_PHOTOS,
            one: "photo",
            many: "photos",
            advice: "; keep the photos that show your work best",
        };
        self.over_cap(&items, &cap);
        // The rest are not checked: looking for every file of a runaway list takes long.
        items.truncate(MAX_PHOTOS);
        // The first photo marked as the cover, to point at when a second one is.
        let mut cover: Option<Span> = None;
        let mut photos = Vec::with_capacity(items.len());
        for (i, item) in items.into_iter().enumerate() {
            let path = format!("photos[{i}]");
            let span = span_of(&item.referenced, path.clone());
            let raw = item.value;
            let file = self.text_as(
                RawText::untranslated(raw.file),
                &span,
                format!("{path}.file"),
                "file",
                Role::Text,
            );
            let file = self.existing_file(file, &PHOTO);
            let caption = self.text(raw.caption, &span, format!("{path}.caption"), "caption");
            let credit = self.text(raw.credit, &span, format!("{path}.credit"), "credit");
            let alt = self.text(raw.alt, &span, format!("{path}.alt"), "alt");
            let focus = self.focus(raw.focus, &path);
            let (placement, placement_span) = self.placement(raw.placement, &path);
            if placement == PhotoPlacement::Cover
                && let Some(placement_span) = placement_span
            {
                match &cover {
                    Some(first) => self.second_cover(placement_span, first),
                    None => cover = Some(span.clone()),
                }
            }
            let section = self.photo_section(raw.section, &path, sections);
            photos.push(Photo {
                file,
                caption,
                credit,
                alt,
                focus,
                placement,
                section,
            });
        }
        photos
    }

    /// Reads `placement:`, defaulting to `auto`; also gives back where it was written.
    fn placement(
        &mut self,
        value: Option<Spanned<String>>,
        photo: &str,
    ) -> (PhotoPlacement, Option<Span>) {
        let Some(value) = value else {
            return (PhotoPlacement::Auto, None);
        };
        let path = format!("{photo}.placement");
        let span = span_of(&value.referenced, path.clone());
        let word = value.value.trim();
        if let Some((_, placement, _)) = schema::PLACEMENTS.iter().find(|(w, ..)| *w == word) {
            return (*placement, Some(span));
        }
        let lower = word.to_lowercase();
        let guess = PLACEMENT_SYNONYMS
            .iter()
            .find(|(synonym, _)| *synonym == lower)
            .map(|(_, w)| *w)
            .or_else(|| closest(word, schema::PLACEMENTS.iter().map(|(w, ..)| *w)))
            .map(|w| format!("did you mean `{w}`? "))
            .unwrap_or_default();
        let choices = schema::PLACEMENTS
            .iter()
            .map(|(w, _, meaning)| format!("`{w}` ({meaning})"))
            .collect::<Vec<_>>()
            .join(", ");
        let message = if word.is_empty() {
            format!("`{path}` is empty")
        } else {
            format!("`{path}` is `{}`, which is not a placement", echo(word))
        };
        self.report(
            span.clone(),
            message,
            format!(
                "{guess}A photo's placement is one of {choices}. Leave `placement:` out for `auto`."
            ),
        );
        (PhotoPlacement::Auto, Some(span))
    }

    /// Reports a second photo marked as the cover; `first` is the first such photo.
    fn second_cover(&mut self, span: Span, first: &Span) {
        let message = format!(
            "`{}` is `cover`, but `{}` is already the cover photo",
            span.path, first.path
        );
        self.report(
            span,
            message,
            format!(
                "only one photo can have `placement: cover`; the cover photo is `{}` on line {}. \
                 Give this one `auto`, `column` or `page`, or leave `placement:` out",
                first.path, first.line
            ),
        );
    }

    /// Resolves `section:` to the index of the section whose heading it repeats.
    fn photo_section(
        &mut self,
        value: Option<Spanned<String>>,
        photo: &str,
        sections: &[Section],
    ) -> Option<usize> {
        let value = value?;
        let span = span_of(&value.referenced, format!("{photo}.section"));
        let name = one_line(&value.value);
        if name.is_empty() {
            self.report_empty(&span, "section");
            return None;
        }
        if !self.usable_text(&span, &name, "section", Role::Text) {
            return None;
        }
        if let Some(index) = sections
            .iter()
            .position(|s| s.heading.value == name)
            .or_else(|| {
                // A photo names its section in the default language in every edition.
                self.default_headings.iter().position(|h| *h == name)
            })
        {
            return Some(index);
        }
        // A blank heading is reported already, and may be the one this photo names once
        // it is filled in; complaining here too would only add noise.
        if sections.is_empty() || sections.iter().any(|s| !has_visible_text(&s.heading.value)) {
            return None;
        }
        let headings: Vec<&str> = sections.iter().map(|s| s.heading.value.as_str()).collect();
        let guess = closest(&name, headings.iter().copied())
            .map(|h| format!("did you mean `{}`? ", echo(h)))
            .unwrap_or_default();
        let list = headings
            .iter()
            .map(|h| format!("`{}`", echo(h)))
            .collect::<Vec<_>>()
            .join(", ");
        let message = format!(
            "`{}` is `{}`, which is not the heading of any section",
            span.path,
            echo(&name)
        );
        self.report(
            span,
            message,
            format!(
                "{guess}The section headings are: {list}. Write the heading exactly as it is \
                 under `sections:`, or leave `section:` out"
            ),
        );
        None
    }

    fn focus(&mut self, value: Option<SpannedList<f64>>, photo: &str) -> (f32, f32) {
        let Some(list) = value else {
            return DEFAULT_FOCUS;
        };
        let path = format!("{photo}.focus");
        let help = "write two numbers from 0 to 1, e.g. `focus: [0.5, 0.45]`: the first is how \
                    far across (0 = left edge, 1 = right edge), the second how far down \
                    (0 = top, 1 = bottom)";
        let [x, y] = list.value.as_slice() else {
            self.report(
                span_of(&list.referenced, path.clone()),
                format!(
                    "`{path}` needs exactly two numbers (across, down), but has {}",
                    list.value.len()
                ),
                help,
            );
            return DEFAULT_FOCUS;
        };
        let mut ok = true;
        for (i, v) in [x, y].into_iter().enumerate() {
            if !(0.0..=1.0).contains(&v.value) {
                ok = false;
                self.report(
                    span_of(&v.referenced, format!("{path}[{i}]")),
                    format!(
                        "`{path}[{i}]` is {}, outside the range 0 to 1",
                        echo_number(v.value)
                    ),
                    help,
                );
            }
        }
        if ok {
            // Values in 0..=1 lose nothing that matters in f32.
            (x.value as f32, y.value as f32)
        } else {
            DEFAULT_FOCUS
        }
    }
}
